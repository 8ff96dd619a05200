"""The one way the window runs work in the background.

``TaskRunner.submit(fn, *args, on_done=..., on_error=...)`` runs ``fn`` on one of the pool's
threads; when it returns (or raises), the matching callback is called on the thread that owns the
runner (the GUI thread), through a queued signal. Callbacks receive plain Python values.

``submit_latest(key, fn, ...)`` is for work whose newest request makes older ones pointless (the
photo on screen, the "what changed" map): only the answer of the latest submission for ``key`` is
delivered, older ones still queued are skipped, and ``drop(key)`` forgets the key altogether.
``retire()`` lets an owner (a dialog) go at once while a long step finishes unseen. Every
unexpected exception (not a ``SkyClearError`` or ``MemoryError``) is logged with its traceback,
whether or not an ``on_error`` handles it.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QThreadPool, Signal, Slot

from desktop_app.core.errors import SkyClearError
from desktop_app.core.workers import NICENESS

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]

_retired: set[TaskRunner] = set()  # runners closed with ``retire`` whose last tasks still run



def lower_this_thread() -> None:
    """Let the GUI thread come first: this worker thread yields the CPU to it, as the local
    engine's worker processes do (on a busy 2-core machine a decode on both cores left the GUI
    thread a third of one: a 6 ms dialog took 40 ms to open). On Linux a thread has its own
    nice value, set to the main thread's plus NICENESS (checked on each task: a pool thread
    outlives its tasks); elsewhere Qt's thread priority."""
    if sys.platform.startswith("linux"):
        try:
            tid = threading.get_native_id()
            wanted = min(19, os.getpriority(os.PRIO_PROCESS, os.getpid()) + NICENESS)
            if os.getpriority(os.PRIO_PROCESS, tid) < wanted:
                os.setpriority(os.PRIO_PROCESS, tid, wanted)
        except OSError:
            pass  # not allowed here: the thread keeps its share
        return
    thread = QThread.currentThread()
    if thread is not None and thread.priority() != QThread.Priority.LowPriority:
        thread.setPriority(QThread.Priority.LowPriority)


def forget_foreign_thread() -> None:
    """Drop the placeholder ``threading`` keeps for a thread it did not start.

    Qt's threads (a QThread, a QThreadPool worker) are unknown to ``threading``: the first call
    to ``threading.current_thread()`` in one (``logging`` does it) registers a "dummy" entry that
    Python 3.11 never removes, so it looks alive forever. Called as such a thread finishes its
    Python work.
    """
    ident = threading.get_ident()
    active = threading._active  # type: ignore[attr-defined]
    entry = active.get(ident)
    if isinstance(entry, threading._DummyThread):  # type: ignore[attr-defined]
        with threading._active_limbo_lock:  # type: ignore[attr-defined]
            active.pop(ident, None)


class _Relay(QObject):
    """Carries every task's answer to the GUI thread. It is never deleted: a worker thread
    that emitted on its runner could meet that runner half destroyed on the GUI thread (its
    owner just closed), which crashes; the answer now reaches a runner that still exists."""

    finished = Signal(object, int, object, object)  # runner, task id, result, error

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object, int, object, object)
    def _deliver(self, runner: TaskRunner, task_id: int, keyed: tuple[object, Any],
                 error: object) -> None:
        if shiboken6.isValid(runner):
            runner._dispatch(task_id, keyed, error)


_relay: _Relay | None = None


class TaskRunner(QObject):
    """A thread pool whose results come back as callbacks on the owner's thread."""

    def __init__(self, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max(1, max_threads))
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callback | None, Callback | None]] = {}
        self._unanswered = 0  # tasks submitted whose answer has not reached _dispatch yet
        self._latest: dict[object, int] = {}  # key -> id of its newest task (submit_latest)
        self._lock = threading.Lock()
        self._closed = False
        global _relay
        if _relay is None:  # made by the first runner; it lives on the GUI thread
            _relay = _Relay()
            app = QCoreApplication.instance()
            if app is not None:
                _relay.moveToThread(app.thread())
        self._relay = _relay

    def submit(self, fn: Callable[..., Any], *args: Any, on_done: Callback | None = None,
               on_error: Callback | None = None, **kwargs: Any) -> int:
        """Run ``fn(*args, **kwargs)`` on the pool. ``on_error`` receives the exception; without
        one, a SkyClearError is logged as a warning."""
        return self._submit(None, fn, args, kwargs, on_done, on_error)

    def submit_latest(self, key: object, fn: Callable[..., Any], *args: Any,
                      on_done: Callback | None = None, on_error: Callback | None = None,
                      **kwargs: Any) -> int:
        """Like ``submit``, but a later ``submit_latest`` with the same ``key`` supersedes this
        one: if it has not started it is skipped, and its answer is never delivered."""
        return self._submit(key, fn, args, kwargs, on_done, on_error)

    def drop(self, key: object) -> None:
        """Nothing submitted under ``key`` so far will be delivered (or started, if queued)."""
        with self._lock:
            self._latest.pop(key, None)

    def _wanted(self, task_id: int, key: object) -> bool:
        with self._lock:
            return not self._closed and (key is None or self._latest.get(key) == task_id)

    def _submit(self, key: object, fn: Callable[..., Any], args: tuple[Any, ...],
                kwargs: dict[str, Any], on_done: Callback | None,
                on_error: Callback | None) -> int:
        task_id = next(self._ids)
        with self._lock:
            if self._closed:
                return task_id
            self._callbacks[task_id] = (on_done, on_error)
            self._unanswered += 1
            if key is not None:
                self._latest[key] = task_id

        def work() -> None:
            lower_this_thread()
            result: Any = None
            error: BaseException | None = None
            try:
                if self._wanted(task_id, key):  # skip what was retired or superseded meanwhile
                    result = fn(*args, **kwargs)
            except Exception as err:  # handed to on_error on the GUI thread
                error = err
            try:
                self._relay.finished.emit(self, task_id, (key, result), error)
            finally:
                forget_foreign_thread()

        self.pool.start(work)
        return task_id

    def pending(self) -> int:
        with self._lock:
            return len(self._callbacks)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until every task has finished (at most ``msecs``); True when all did."""
        return bool(self.pool.waitForDone(msecs))

    def close(self, msecs: int = 10_000) -> bool:
        """Refuse new work, drop queued work, and wait for what is running."""
        with self._lock:
            self._closed = True
        self.pool.clear()
        done = self.wait(msecs)
        with self._lock:
            self._callbacks.clear()
        return done

    def retire(self) -> None:
        """Close without waiting: queued work is skipped, answers still to come are dropped, and
        the runner outlives its parent until its running tasks end, then deletes itself. For a
        dialog that must close at once even while a long step is running."""
        with self._lock:
            self._closed = True
            self._callbacks.clear()
            self._latest.clear()
            running = self._unanswered > 0
        if running:
            self.setParent(None)
            _retired.add(self)

    def _dispatch(self, task_id: int, keyed: tuple[object, Any], error: object) -> None:
        key, result = keyed
        with self._lock:
            on_done, on_error = self._callbacks.pop(task_id, (None, None))
            self._unanswered -= 1
            last = self._unanswered == 0
            superseded = key is not None and self._latest.get(key) != task_id
            if not superseded and key is not None:
                del self._latest[key]
        if isinstance(error, BaseException) and not isinstance(error,
                                                               SkyClearError | MemoryError):
            log.error("background task failed", exc_info=error)
        if self in _retired:
            if last:
                _retired.discard(self)
                self.deleteLater()
            return
        if superseded:
            return
        if error is not None:
            if on_error is not None:
                on_error(error)
            elif isinstance(error, SkyClearError):
                log.warning("background task failed: %s", error)
            return
        if on_done is not None:
            on_done(result)


def retired_tasks_running() -> int:
    """How many tasks of retired runners are still running."""
    return sum(runner.pool.activeThreadCount() for runner in list(_retired))


def wait_for_retired(msecs: int = 10_000) -> bool:
    """Block until the tasks of every retired runner have finished; for shutdown."""
    return all(runner.pool.waitForDone(msecs) for runner in list(_retired))
