"""A gate that holds local-engine jobs (or, with ``JobGate(folder, "detect")``, every sky
detection; with ``"sheet"``, every page of the seller's sheet) inside their worker process until
the test opens it.

The gate is a FIFO; ``job_gate/sitecustomize.py`` (put on the worker's PYTHONPATH by
``environ``) makes each job open it for reading, which blocks until the test opens the writing
end (``held`` then answers True: a job is certainly running), and read it until the test closes
that end (``release``, which also removes the gate so later jobs run freely).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

HERE = Path(__file__).parent / "job_gate"


class JobGate:
    def __init__(self, folder: Path, what: str = "job") -> None:
        self.path = folder / f"{what}-gate"
        self.what = what
        os.mkfifo(self.path)
        self._fd: int | None = None

    def environ(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """The environment variables that make a Python process's local jobs wait here."""
        env = dict(os.environ if base is None else base)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), env.get("PYTHONPATH")) if p)
        env[f"SKYCLEAR_TEST_{self.what.upper()}_GATE"] = str(self.path)
        return env

    def held(self) -> bool:
        """True once a job waits at the gate (it then waits until ``release``)."""
        if self._fd is not None:
            return True
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as err:
            if err.errno == errno.ENXIO:  # nobody reads the FIFO yet
                return False
            raise
        return True

    def release(self) -> None:
        """Let the held job go on, and every later job run without waiting."""
        self.path.unlink(missing_ok=True)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
