"""Loaded at start-up by a Python whose PYTHONPATH holds this folder (see ``job_gate.py``):
every local-engine job (or every sky detection, or every page of the seller's sheet) first waits
at a gate the test controls, so a test can act while one is certainly running. Only tests put
this folder on the path.

The wrappers are functions of this module (not closures) so that a process which loaded it too
(the CLI under test) can still send them to its worker by name."""

from __future__ import annotations

import os
import select
import time
from typing import Any

_JOB_GATE = os.environ.get("SKYCLEAR_TEST_JOB_GATE", "")
_DETECT_GATE = os.environ.get("SKYCLEAR_TEST_DETECT_GATE", "")
_SHEET_GATE = os.environ.get("SKYCLEAR_TEST_SHEET_GATE", "")
HOLD_AT_MOST = 120  # seconds: a test that forgets to open the gate fails instead of hanging


def _wait_at(gate: str) -> None:
    """Wait until the gate (a FIFO) is opened and closed; at once when it is gone."""
    try:
        fd = os.open(gate, os.O_RDONLY)  # blocks until the test opens the other end...
    except FileNotFoundError:  # the gate was taken away: run freely
        return
    try:
        # in short waits: a Ctrl+C that the kernel hands to another thread of this process
        # (OpenCV's pool, say) reaches the main thread only when it runs Python again
        deadline = time.monotonic() + HOLD_AT_MOST
        while time.monotonic() < deadline:
            if select.select([fd], [], [], 0.05)[0]:
                os.read(fd, 1)  # ...and returns at EOF, when the test closes it
                break
    finally:
        os.close(fd)


def process_photo_at_gate(*args: Any, **kwargs: Any) -> Any:
    """The local engine's job, after the gate."""
    _wait_at(_JOB_GATE)
    return _process_photo(*args, **kwargs)


def detect_sky_at_gate(*args: Any, **kwargs: Any) -> Any:
    """The sky detection, after the gate."""
    _wait_at(_DETECT_GATE)
    return _detect_sky(*args, **kwargs)


def draw_page_at_gate(*args: Any, **kwargs: Any) -> Any:
    """A page of the seller's sheet, after the gate."""
    _wait_at(_SHEET_GATE)
    return _draw_page(*args, **kwargs)


if _JOB_GATE:
    from desktop_app.engines.local import engine as _engine

    _process_photo = _engine.process_photo
    _engine.process_photo = process_photo_at_gate

if _DETECT_GATE:
    from desktop_app.engines.local import sky as _sky

    _detect_sky = _sky.detect_sky
    _sky.detect_sky = detect_sky_at_gate

if _SHEET_GATE:
    from desktop_app.jobs import seller_sheet as _sheet

    _draw_page = _sheet.draw_page
    _sheet.draw_page = draw_page_at_gate
