"""The one long-lived thread that follows every generation in flight.

It keeps the schedule of all tracked generations (each ``Pipeline.step`` says when to look again)
and runs the quick network steps itself — submitting and polling — so no timer or request ever
runs on the GUI thread. The slow steps (preparing a 24 MP photo, uploading it, downloading a
result) go to a small thread pool, so one long download never holds up the polls of the others.

Commands come in through a thread-safe queue (``track``, ``check_now``, ``forget``, ``stop``);
news goes out through the ``updated`` signal as a plain :class:`JobUpdate`. Stopping is
cooperative: ``requestInterruption`` plus a wake-up, then ``wait`` with a timeout — the thread is
never terminated, and whatever it was doing is recorded in the job store for the next start.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, QThreadPool, Signal

from desktop_app.core.errors import SkyClearError
from desktop_app.core.models import EngineName, Generation, Problem, Status
from desktop_app.engines.pipeline import Pipeline
from desktop_app.engines.trouble import Action, StepResult, said
from desktop_app.jobs.tasks import forget_foreign_thread, lower_this_thread

log = logging.getLogger(__name__)

#: Steps that read or write whole images: they run on the pool, not on the poll thread.
SLOW_ACTIONS = frozenset({Action.PREPARE, Action.UPLOAD, Action.DOWNLOAD})
#: The longest the loop sleeps without looking at its queue (a stop also wakes it at once).
MAX_SLEEP = 1.0
#: After an unexpected error, a paid generation is looked at again this much later.
ERROR_PAUSE = 30.0


@dataclass(frozen=True)
class JobUpdate:
    """What the window needs to show about one generation, sent from the poll thread."""

    gen: Generation  # the store's row after the last step
    action: Action | None  # the step running now (``running``) or coming next; None when finished
    running: bool  # a step is under way right now
    next_in: float | None  # seconds until the next look (None while running or when finished)

    @property
    def finished(self) -> bool:
        return self.gen.status.finished

    @property
    def gen_id(self) -> int:
        assert self.gen.id is not None
        return self.gen.id


@dataclass(frozen=True)
class _Stepped:
    gen_id: int
    result: StepResult | None
    error: BaseException | None = None


class Poller(QThread):
    """Follows tracked generations until each is finished; see the module docstring."""

    updated = Signal(object)  # JobUpdate

    def __init__(self, pipeline: Pipeline, *, workers: int = 2,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("poller")
        self.pipeline = pipeline
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max(1, workers))
        self._commands: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._tracked: set[int] = set()  # any thread, under _lock
        self._lock = threading.Lock()
        self._due: dict[int, float] = {}  # poll thread only: gen id -> monotonic due time
        self._busy: set[int] = set()  # poll thread only: a slow step is running on the pool
        self._dropped: set[int] = set()  # poll thread only: forgotten while busy

    # -- commands (any thread) ------------------------------------------------------------
    def track(self, gen_id: int) -> None:
        """Follow a generation from wherever the store says it is, until it is finished."""
        with self._lock:
            self._tracked.add(gen_id)
        self._commands.put(("track", gen_id))

    def check_now(self, gen_id: int) -> None:
        """Look at a tracked generation at once instead of at its scheduled time."""
        self._commands.put(("now", gen_id))

    def forget(self, gen_id: int) -> None:
        """Stop following a generation (after ``Pipeline.cancel``, or when its photo is removed)."""
        self._untrack(gen_id)
        self._commands.put(("forget", gen_id))

    def tracked(self) -> set[int]:
        """The generations being followed (a snapshot)."""
        with self._lock:
            return set(self._tracked)

    def is_tracking(self, gen_id: int) -> bool:
        with self._lock:
            return gen_id in self._tracked

    def _untrack(self, gen_id: int) -> None:
        with self._lock:
            self._tracked.discard(gen_id)

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Ask the thread to finish, wake it, and wait for it and its pool; True when stopped."""
        self.requestInterruption()
        self._commands.put(("wake", None))
        stopped = self.wait(timeout_ms) if self.isRunning() else True
        pool_done = self.pool.waitForDone(timeout_ms)
        if not (stopped and pool_done):
            log.warning("the job thread did not stop within %d ms", timeout_ms)
        return bool(stopped and pool_done)

    # -- the thread -------------------------------------------------------------------------
    def run(self) -> None:
        lower_this_thread()  # the window comes first, as with every background thread
        try:
            while not self.isInterruptionRequested():
                self._wait_for_work()
                if self.isInterruptionRequested():
                    break
                now = time.monotonic()
                for gen_id in sorted((g for g, t in self._due.items() if t <= now),
                                     key=self._due.__getitem__):
                    if self.isInterruptionRequested():
                        break
                    self._due.pop(gen_id, None)
                    self._advance(gen_id)
        except Exception:  # never die silently: the window would wait forever
            log.exception("the job thread stopped on an unexpected error")
        finally:
            forget_foreign_thread()

    def _wait_for_work(self) -> None:
        timeout = MAX_SLEEP
        if self._due:
            timeout = min(MAX_SLEEP, max(0.0, min(self._due.values()) - time.monotonic()))
        try:
            command = self._commands.get(timeout=timeout) if timeout > 0 else \
                self._commands.get_nowait()
        except queue.Empty:
            return
        while True:
            self._handle(*command)
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return

    def _handle(self, kind: str, value: Any) -> None:
        if kind == "track":
            if value not in self._busy:
                self._dropped.discard(value)
                self._due.setdefault(value, time.monotonic())
        elif kind == "now":
            if value in self._due:
                self._due[value] = time.monotonic()
        elif kind == "forget":
            self._due.pop(value, None)
            if value in self._busy:
                self._dropped.add(value)
        elif kind == "stepped":
            self._busy.discard(value.gen_id)
            if value.gen_id in self._dropped:
                self._dropped.discard(value.gen_id)
                return
            if value.error is not None:
                self._stopped_on_error(value.gen_id, value.error)
            else:
                self._after_step(value.result)

    def _advance(self, gen_id: int) -> None:
        try:
            gen = self.pipeline.store.get(gen_id)
        except KeyError:  # the photo was removed from the library
            self._untrack(gen_id)
            return
        try:
            action = self.pipeline.next_action(gen)
        except SkyClearError:  # e.g. no API key yet: the step records the wait, quickly
            action = Action.POLL
        if action is None:
            self._untrack(gen_id)
            self._emit(gen, None, running=False, next_in=None)
            return
        self._emit(gen, action, running=True, next_in=None)
        if action in SLOW_ACTIONS:
            self._busy.add(gen_id)
            self.pool.start(lambda: self._step_on_pool(gen_id))
            return
        try:
            result = self.pipeline.step(gen_id)
        except Exception as err:
            self._stopped_on_error(gen_id, err)
            return
        self._after_step(result)

    def _step_on_pool(self, gen_id: int) -> None:
        lower_this_thread()
        try:
            message = _Stepped(gen_id, self.pipeline.step(gen_id))
        except Exception as err:
            message = _Stepped(gen_id, None, err)
        finally:
            forget_foreign_thread()
        self._commands.put(("stepped", message))

    def _after_step(self, result: StepResult | None) -> None:
        assert result is not None and result.gen.id is not None
        gen, gen_id = result.gen, result.gen.id
        if result.delay is None or not self.is_tracking(gen_id):
            self._untrack(gen_id)
            self._emit(gen, None, running=False, next_in=None)
            return
        self._due[gen_id] = time.monotonic() + result.delay
        try:
            action = self.pipeline.next_action(gen)
        except SkyClearError:
            action = None
        self._emit(gen, action, running=False, next_in=result.delay)

    def _stopped_on_error(self, gen_id: int, err: BaseException) -> None:
        """A step raised instead of recording its error: record it, so nothing waits forever.

        A paid generation the service has is not stopped: it waits and is looked at again."""
        if not isinstance(err, SkyClearError):
            log.error("generation %s: unexpected error", gen_id, exc_info=err)
        message = said(err)
        try:
            gen = self.pipeline.store.get(gen_id)
            if gen.remote_id and gen.engine is EngineName.CLOUD and not gen.status.finished:
                gen = self.pipeline.store.update(gen_id, problem=Problem.LOCAL, error=message,
                                                 retry_at=time.time() + ERROR_PAUSE)
                self._due[gen_id] = time.monotonic() + ERROR_PAUSE
                self._emit(gen, Action.POLL, running=False, next_in=ERROR_PAUSE)
                return
            self._untrack(gen_id)
            gen = self.pipeline.store.update(gen_id, status=Status.ERROR, error=message)
        except KeyError:
            self._untrack(gen_id)
            return
        self._emit(gen, None, running=False, next_in=None)

    def _emit(self, gen: Generation, action: Action | None, *, running: bool,
              next_in: float | None) -> None:
        self.updated.emit(JobUpdate(gen=gen, action=action, running=running, next_in=next_in))
