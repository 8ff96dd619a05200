"""A gate that holds local-engine jobs (or, with ``JobGate(folder, "detect")``, every sky
detection; with ``"sheet"``, every page of the seller's sheet) inside their worker process until
the test opens it.

The gate is a FIFO; ``job_gate/sitecustomize.py`` (put on the worker's PYTHONPATH by
``environ``) makes each job open it for reading, which blocks until the test opens the writing
end (``held`` then answers True: a job is certainly running), and read it until the test closes
that end (``release``, which also removes the gate so later jobs run freely).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import time
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


def ctrl_c_at_gate(gate: JobGate, args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run ``desktop-app ARGS`` until it waits at ``gate``, then press Ctrl+C as a terminal does
    (to its whole process group, workers included); its exit code and stderr. A command that
    Ctrl+C does not stop fails the test with every thread's stack (faulthandler)."""
    import pytest

    child = subprocess.Popen([sys.executable, "-m", "desktop_app", *args],
                             env=gate.environ({**env, "PYTHONFAULTHANDLER": "1"}),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not gate.held():
            assert time.monotonic() < deadline, f"nothing ever waited at the {gate.what} gate"
            assert child.poll() is None, child.communicate()
            time.sleep(0.01)
        os.killpg(child.pid, signal.SIGINT)
        try:
            _out, err = child.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGABRT)  # faulthandler writes every thread's stack
            child.wait(timeout=60)
            with contextlib.suppress(ProcessLookupError):  # its worker holds the same pipes
                os.killpg(child.pid, signal.SIGKILL)
            pytest.fail("Ctrl+C did not stop the command:\n" + child.communicate(timeout=60)[1])
    finally:
        gate.release()
        if child.poll() is None:
            child.kill()
            child.wait()
    return child.returncode, err
