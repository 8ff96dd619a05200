"""Emitting our signals must not cost Python's ``True`` a reference (a PySide6 6.12.0 bug that
aborts the interpreter after a few hundred signals on Python 3.11; see jobs/qt_compat.py)."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

import desktop_app.ui  # noqa: F401  (applies the guard, as the window does)
from desktop_app.jobs.qt_compat import emit_loses_references


class _Emitter(QObject):
    flag = Signal(bool)
    nothing = Signal()
    value = Signal(object)


def test_many_emits_keep_true_and_false_alive(qtbot: Any) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.flag.connect(received.append)
    emitter.value.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(3000):
        emitter.flag.emit(n % 2 == 0)
        emitter.nothing.emit()
        emitter.value.emit(None)
    received.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
    assert not emit_loses_references()
