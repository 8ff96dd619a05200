"""Loaded at start-up by a Python whose PYTHONPATH holds this folder (see ``job_gate.py``):
every local-engine job first waits at a gate the test controls, so a test can act while a job
is certainly running. Only tests put this folder on the path."""

from __future__ import annotations

import os
import select
from typing import Any

_GATE = os.environ.get("SKYCLEAR_TEST_JOB_GATE", "")
HOLD_AT_MOST = 120  # seconds: a test that forgets to open the gate fails instead of hanging


def process_photo_at_gate(*args: Any, **kwargs: Any) -> Any:
    """The local engine's job, after waiting until the gate (a FIFO) is opened and closed."""
    try:
        fd = os.open(_GATE, os.O_RDONLY)  # blocks until the test opens the other end...
    except FileNotFoundError:  # the gate was taken away: jobs run freely
        pass
    else:
        try:
            if select.select([fd], [], [], HOLD_AT_MOST)[0]:
                os.read(fd, 1)  # ...and returns at EOF, when the test closes it
        finally:
            os.close(fd)
    return _process_photo(*args, **kwargs)


if _GATE:
    from desktop_app.engines.local import engine as _engine

    _process_photo = _engine.process_photo
    _engine.process_photo = process_photo_at_gate
