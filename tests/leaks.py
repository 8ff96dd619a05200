"""What a test may not leave behind: a Python thread, a QThread, a busy QThreadPool, an active
QTimer (single-shot ones included) or a child process that it started.

``install()`` wraps the Qt start methods once so every QThread, QTimer and QThreadPool started
from Python is recorded; ``QTimer.singleShot`` is rebuilt on a recorded QTimer so a pending
single shot is seen too. ``Snapshot`` notes what ran before a test and lists what was added.
Fixtures that live for the whole session name their threads with :func:`lives_for_session`.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from typing import Any

_started: list[Any] = []  # QThread / QTimer / QThreadPool objects started during the test
_session_threads: set[threading.Thread] = set()


def lives_for_session(threads: set[threading.Thread]) -> None:
    """Threads a session-scoped fixture keeps running on purpose (e.g. the S3 server)."""
    _session_threads.update(threads)


def install() -> None:
    try:
        from PySide6 import QtCore
    except ImportError:  # core tests can run without Qt installed
        return
    if getattr(QtCore.QTimer.start, "_recorded", False):
        return
    for cls, names in ((QtCore.QThread, ("start",)), (QtCore.QTimer, ("start",)),
                       (QtCore.QThreadPool, ("start", "tryStart"))):
        for name in names:
            setattr(cls, name, _recording(getattr(cls, name)))
    original_single_shot = QtCore.QTimer.singleShot

    def single_shot(msec: int, *args: Any) -> None:
        """QTimer.singleShot on a QTimer of its own, so the leak check sees it pending."""
        rest = list(args)
        timer_type = rest.pop(0) if rest and isinstance(rest[0], QtCore.Qt.TimerType) else None
        context, slot = (None, rest[0]) if len(rest) == 1 else (rest[0], rest[1])
        here = QtCore.QThread.currentThread()
        if isinstance(slot, str) or (context is not None and context.thread() is not here):
            original_single_shot(msec, *args)  # a slot by name, or another thread's object
            return
        timer = QtCore.QTimer(context)
        timer.setSingleShot(True)
        if timer_type is not None:
            timer.setTimerType(timer_type)
        timer.timeout.connect(slot)
        timer.timeout.connect(timer.deleteLater)
        timer.start(msec)

    QtCore.QTimer.singleShot = staticmethod(single_shot)  # type: ignore[assignment]


def _recording(original: Callable[..., Any]) -> Callable[..., Any]:
    def start(self: Any, *args: Any, **kwargs: Any) -> Any:
        _started.append(self)
        return original(self, *args, **kwargs)

    start._recorded = True  # type: ignore[attr-defined]
    return start


def _busy(obj: Any) -> bool:
    try:
        if hasattr(obj, "activeThreadCount"):
            return bool(obj.activeThreadCount() > 0)
        if hasattr(obj, "isRunning"):
            return bool(obj.isRunning())
        return bool(obj.isActive())
    except RuntimeError:  # the C++ object is deleted: nothing runs
        return False


def _delete_closed_widgets() -> None:
    """Run the deletions queued by ``deleteLater`` (pytest-qt closes widgets that way), so the
    timers of a closed window count as gone."""
    try:
        from PySide6.QtCore import QCoreApplication, QEvent
    except ImportError:
        return
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _retired_tasks_running() -> int:
    """Tasks still running for a closed dialog (see ``TaskRunner.retire``)."""
    try:
        from desktop_app.jobs.tasks import retired_tasks_running
    except ImportError:  # core tests can run without Qt installed
        return 0
    return retired_tasks_running()


class Snapshot:
    """What was running before a test; ``leftovers()`` names what the test added."""

    def __init__(self) -> None:
        install()
        _started.clear()
        self.threads = set(threading.enumerate())
        self.children = {p.pid for p in multiprocessing.active_children()}

    def leftovers(self) -> list[str]:
        _delete_closed_widgets()
        names = [f"thread {t.name}" for t in threading.enumerate()
                 if t not in self.threads and t not in _session_threads and t.is_alive()]
        names += [f"{type(o).__name__} {_object_name(o)}".rstrip()
                  for o in _started if _busy(o)]
        names += [f"process {p.name}" for p in multiprocessing.active_children()
                  if p.pid not in self.children]
        names += ["retired TaskRunner task"] * _retired_tasks_running()
        return names

    def forget(self) -> None:
        _started.clear()


def _object_name(obj: Any) -> str:
    try:
        return str(obj.objectName())
    except RuntimeError:
        return ""
