"""Qt calls must not lose references to None or True.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every void method and to True on
every emit, which aborts the interpreter after some thousands of calls; pyproject keeps that
release out. This test fails loudly if such a build is ever installed again."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 20_000  # more than None's and True's usual reference counts


class _Emitter(QObject):
    flag = Signal(bool)
    nothing = Signal()


def test_many_qt_calls_keep_none_and_true_alive(qtbot: Any) -> None:
    emitter = _Emitter()
    label = QLabel()
    received: list[bool] = []
    emitter.flag.connect(received.append)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for n in range(CALLS):
        emitter.flag.emit(n % 2 == 0)
        emitter.nothing.emit()
        label.setText("x")
    assert len(received) == CALLS
    received.clear()
    after = sys.getrefcount(None), sys.getrefcount(True)
    # a few references come and go with the interpreter's own work; the bug loses thousands
    assert after[0] > before[0] - CALLS // 10
    assert after[1] > before[1] - CALLS // 10
