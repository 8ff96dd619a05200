"""A guard against a reference-counting bug in some PySide6 releases.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without taking a reference to it.
On Python 3.11 (where ``True`` is an ordinary object) every emit then costs ``True`` one
reference, and after a few hundred signals Python aborts with "deallocating True or False".
``fix_signal_emit_refcount()`` checks whether the installed PySide6 has the bug and, only then,
wraps ``emit`` so that the missing reference is added back. It is applied once, on import of
``desktop_app.jobs`` and ``desktop_app.ui``, before any signal of ours is emitted.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

_PROBES = 64
_applied = False


def emit_loses_references() -> bool:
    """True when emitting a signal makes ``True`` lose a reference (the bug is present)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:  # give back what the probe itself took
        _incref_true(lost)
    return lost >= _PROBES


def _incref_true(times: int = 1) -> None:
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    for _ in range(times):
        incref(True)


def fix_signal_emit_refcount() -> bool:
    """Wrap ``SignalInstance.emit`` if (and only if) it loses references; True when wrapped."""
    global _applied
    if _applied:
        return True
    from PySide6.QtCore import SignalInstance

    if sys.version_info >= (3, 12) or not emit_loses_references():
        return False  # immortal booleans (3.12+) or a PySide6 without the bug
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit(self: Any, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            incref(result)  # the reference emit() should have returned with it
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _applied = True
    return True
