"""A guard against reference-counting bugs in PySide6 6.12.0 on Python 3.11.

That release hands back ``None`` from every method returning ``void`` (``setText``, ``resize``,
``painter.setPen``...) and ``True`` from ``SignalInstance.emit()`` without taking a reference to
them. On Python 3.11, where these singletons are ordinary reference-counted objects, each such
call costs ``None`` or ``True`` one reference, and after some thousands of calls Python aborts
with "deallocating None" (or True). Python 3.12 made them immortal, which is what the guard does
here: when the bug is detected (and only then), their reference counts are raised so far that
no session can ever bring them down to zero. The proper fix is a PySide6 without the bug
(6.11.3 is fine); the guard keeps the app alive where 6.12.0 is installed.

Applied once, on import of ``desktop_app.jobs`` and ``desktop_app.ui``, before any widget exists.
"""

from __future__ import annotations

import ctypes
import sys

#: Added to the reference count of None, True and False: 2**40 lost references is about 35 years
#: of one million buggy calls per second.
HEADROOM = 1 << 40
_PROBES = 64
_applied = False


def calls_lose_references() -> bool:
    """True when calling Qt methods or emitting signals makes None or True lose references."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.setObjectName("probe")  # a void method
        probe.ping.emit()
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    for value, lost in ((None, lost_none), (True, lost_true)):
        if lost > 0:  # give back what the probe itself took
            _add_references(value, lost)
    return lost_none >= _PROBES or lost_true >= _PROBES


def _add_references(value: object, count: int) -> None:
    if sys.implementation.name != "cpython":
        return
    refcount = ctypes.c_ssize_t.from_address(id(value))  # ob_refcnt is an object's first field
    refcount.value += count


def guard_singletons() -> bool:
    """Make None, True and False effectively immortal if Qt calls lose references to them.

    Returns True when the guard is in force.
    """
    global _applied
    if _applied:
        return True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False  # immortal already
    if not calls_lose_references():
        return False
    for value in (None, True, False):
        _add_references(value, HEADROOM)
    _applied = True
    return True


def guard_applied() -> bool:
    return _applied
