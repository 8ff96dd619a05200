"""Qt calls must never be able to free None or True: PySide6 6.12.0 on Python 3.11 loses a
reference to None on every void method and to True on every emit, which aborts the interpreter
after some thousands of calls (see jobs/qt_compat.py)."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

import desktop_app.ui  # noqa: F401  (applies the guard, as the window does)
from desktop_app.jobs.qt_compat import HEADROOM, calls_lose_references, guard_applied


class _Emitter(QObject):
    flag = Signal(bool)
    nothing = Signal()


def test_many_qt_calls_cannot_free_none_or_true(qtbot: Any) -> None:
    emitter = _Emitter()
    label = QLabel()
    received: list[bool] = []
    emitter.flag.connect(received.append)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for n in range(20_000):  # more than None's and True's usual reference counts
        emitter.flag.emit(n % 2 == 0)
        emitter.nothing.emit()
        label.setText("x")
    received.clear()
    after = sys.getrefcount(None), sys.getrefcount(True)
    if calls_lose_references():
        assert guard_applied()
        assert min(after) > HEADROOM // 2, "None and True stay far from being freed"
    else:
        assert after == before
