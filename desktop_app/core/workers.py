"""Worker processes: the one way SkyClear runs work in another process.

NumPy, OpenCV and Qt's PDF writer hold the interpreter lock through long steps; run on one of
the window's threads, they make the window stutter (the GUI thread waits for the lock).
``Workers`` runs such steps in spawned processes instead, started with the first step and kept
warm afterwards. The local engine keeps one set for its jobs and the window's local steps
(``engines/local``); a listing's export has one of its own, one process for the length of the
export (``ui/listing_controller.py``), since the seller's sheet stays open in it between pages.

* a crashed worker (killed, out of memory) costs the step it ran, which raises
  ``WorkerStopped`` with the owner's sentence once the dead pool's processes are reaped; the
  next step starts a new worker;
* workers ignore Ctrl+C: the app stops its jobs in order (they resume later) instead of seeing
  them fail. A worker is started with SIGINT blocked (a blocked signal stays blocked across fork
  and exec), so a Ctrl+C during its start-up waits, and is dropped once it ignores SIGINT;
* workers run at a lower priority (``NICENESS``): on a busy two-core machine a worker using
  both cores would otherwise take turns with the window's GUI thread, which then misses frames
  although it holds no lock; the window comes first, the work takes the rest;
* ``close`` terminates the workers and returns at once: the pool's own thread reaps them
  (``close(wait=True)`` lets them end and waits, off the GUI thread). Before the process ends,
  ``wait_closed`` waits for those threads: Python 3.11's own exit hook for process pools can
  race a pool's thread closing its wake-up pipe, and then prints a traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from desktop_app.core.errors import SkyClearError
from desktop_app.core.messages import Msg

T = TypeVar("T")

_BLOCKS_SIGNALS = hasattr(signal, "pthread_sigmask")  # POSIX
#: How much nicer than the app a worker is (POSIX ``nice``; 19 is the nicest). At 5 the GUI
#: thread had three times a worker's share of a core, and a 20 ms repaint beside two busy
#: workers still waited up to 17 ms for one; at 10 it has nine times their share. The sky
#: review waits for its steps too: beside two programs using both cores, its clicks took as
#: long at 10 as at 5 (about 1-2 s either way).
NICENESS = 10


def _start_worker() -> None:
    """A new worker's set-up: Ctrl+C is the app's, and the window goes first."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _BLOCKS_SIGNALS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if hasattr(os, "getpriority"):
        # nicer than the app's main thread by NICENESS, whichever thread started the worker
        # (a background thread may itself be nicer than the app: see jobs.tasks)
        wanted = os.getpriority(os.PRIO_PROCESS, os.getppid()) + NICENESS
        os.nice(max(0, wanted - os.getpriority(os.PRIO_PROCESS, 0)))
    elif hasattr(os, "nice"):
        os.nice(NICENESS)


@contextmanager
def _interrupts_blocked() -> Iterator[None]:
    """Block SIGINT in this thread while it (maybe) starts a worker process."""
    if not _BLOCKS_SIGNALS:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


#: The threads of pools closed without waiting, still reaping their workers.
_reaping: list[threading.Thread] = []
_reaping_lock = threading.Lock()


def wait_closed(timeout: float = 10.0) -> None:
    """Wait (up to ``timeout`` seconds in all) until every pool closed without waiting has
    reaped its workers; call it last, once the app's work is closed."""
    with _reaping_lock:
        threads, _reaping[:] = list(_reaping), []
    for thread in threads:
        thread.join(timeout)


class WorkerStopped(SkyClearError):
    """The worker process ended before the step did (killed, out of memory), or the workers were
    closed first: whatever the step kept in that process is gone."""


class Run(Protocol):
    """Where a step runs: ``run(fn, *args, **kwargs)`` returns ``fn(*args, **kwargs)``, here
    (``here``) or in a worker process (``Workers.run``)."""

    def __call__(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T: ...


def here(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run the step in the calling thread."""
    return fn(*args, **kwargs)


class Workers:
    """Up to ``count`` spawned worker processes, started on demand; an idle one is reused.
    ``stopped`` and ``closed`` say, to the user, a step lost with its worker and a step sent
    after ``close``."""

    def __init__(self, count: int = 1, *, stopped: Msg = Msg.LOCAL_STOPPED,
                 closed: Msg = Msg.LOCAL_CLOSED) -> None:
        self.count = count
        self._stopped, self._closed_said = stopped, closed
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._lock = threading.Lock()

    @property
    def closed(self) -> bool:
        return self._closed

    def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` in a worker (``fn`` and its arguments must pickle); blocks the
        calling thread, which waits without the interpreter lock."""
        with self._lock:
            if self._closed:
                raise WorkerStopped(self._closed_said())
            if self._pool is None:
                # "spawn": a fresh interpreter, never a fork of this one with its threads
                self._pool = ProcessPoolExecutor(
                    max_workers=self.count, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker)
            pool = self._pool
        try:
            with _interrupts_blocked():  # submit starts a worker when none is idle
                job: Future[T] = pool.submit(fn, *args, **kwargs)
            return job.result()
        except RuntimeError as err:  # BrokenProcessPool is one
            if not isinstance(err, BrokenProcessPool) and not self._closed:
                raise  # not a pool that close() shut down while this step was sent
            with self._lock:
                if self._pool is pool:
                    self._pool = None  # the next step starts a new worker
            if not self._closed:  # a worker died: wait until the pool has reaped its processes
                pool.shutdown(wait=True)  # (a moment), so none outlives the step that lost it
            raise WorkerStopped(self._stopped()) from None

    def pids(self) -> list[int]:
        """The process ids of the running workers (for tests and diagnostics)."""
        with self._lock:
            pool = self._pool
        table = getattr(pool, "_processes", None) or {}
        return [pid for pid in list(table) if pid is not None]

    def close(self, *, wait: bool = False) -> None:
        """Stop the workers without waiting for them: a step still running ends with
        ``WorkerStopped``, and the pool's own thread reaps the processes. ``wait``: let the
        step running end, then the workers, and return once they have (not on a GUI thread)."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is None:
            return
        if wait:
            pool.shutdown(wait=True, cancel_futures=True)
            return
        terminate = getattr(pool, "terminate_workers", None)  # Python 3.14 and later
        if terminate is not None:
            terminate()
        else:  # the pool's own table of its worker processes
            for worker in list((getattr(pool, "_processes", None) or {}).values()):
                worker.terminate()
        reaper = getattr(pool, "_executor_manager_thread", None)  # gone after shutdown
        pool.shutdown(wait=False, cancel_futures=True)
        if isinstance(reaper, threading.Thread):
            with _reaping_lock:
                _reaping.append(reaper)


__all__ = ["NICENESS", "Run", "WorkerStopped", "Workers", "here", "wait_closed"]
