"""Pauses of the whole machine, which no program on it can avoid. Not a test: benches use it.

A virtual machine's processors are threads of its host: when the host runs something else,
every program inside stops at once, the window's thread included, and a bench would count
that as the window's stall. A watcher on each processor sleeps 1 ms at a time under the
real-time scheduler (no ordinary thread inside the machine can delay it); when every watcher
wakes late at the same time, the machine itself was paused.

The real-time scheduler needs the right to use it (root, or CAP_SYS_NICE): without it,
``MachinePauses.start`` returns None and nothing is taken out of a stall.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LATE = 0.004  # a watcher's sleep this much longer than asked counts as a pause (s)


def watch(cpu: int, out: Path) -> None:
    """A watcher's body: on ``cpu`` alone, at real-time priority, note each late wake-up as
    ``start end`` (CLOCK_MONOTONIC seconds) until killed. Exits at once, having noted nothing,
    where the real-time scheduler is not allowed."""
    try:
        os.sched_setaffinity(0, {cpu})
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(50))
    except (OSError, AttributeError):
        print("refused", flush=True)
        return
    print("watching", flush=True)
    with out.open("w") as notes:
        last = time.monotonic()
        while True:
            time.sleep(0.001)
            now = time.monotonic()
            if now - last > 0.001 + LATE:
                notes.write(f"{last:.6f} {now:.6f}\n")
                notes.flush()
            last = now


class MachinePauses:
    """One watcher per processor, from ``start`` until ``stop``."""

    def __init__(self, procs: list[subprocess.Popen[str]], files: list[Path]) -> None:
        self._procs = procs
        self._files = files
        self._steal = steal_ms()
        self.stolen = 0.0  # once stopped: what the host's own accounts say it took (ms)
        self._pauses: list[tuple[float, float]] | None = None

    @classmethod
    def start(cls) -> MachinePauses | None:
        folder = Path(tempfile.mkdtemp(prefix="skyclear-pauses-"))
        procs, files = [], []
        for cpu in sorted(os.sched_getaffinity(0)):
            files.append(folder / f"cpu{cpu}.txt")
            procs.append(subprocess.Popen(
                [sys.executable, __file__, str(cpu), str(files[-1])],
                stdout=subprocess.PIPE, text=True))
        watching = [p.stdout.readline().strip() == "watching" for p in procs if p.stdout]
        watchers = cls(procs, files)
        if not all(watching):
            watchers.stop()
            return None
        return watchers

    def stop(self) -> list[tuple[float, float]]:
        """Stop the watchers (if still running); the machine's pauses meanwhile: the times
        every processor was late at once, as (start, end) CLOCK_MONOTONIC seconds."""
        if self._pauses is not None:
            return self._pauses
        self.stolen = steal_ms() - self._steal
        for proc in self._procs:
            proc.kill()
            proc.wait()
            if proc.stdout:
                proc.stdout.close()
        per_cpu = []
        for file in self._files:
            lines = file.read_text().splitlines() if file.exists() else []
            # a watcher killed while writing leaves half a line
            per_cpu.append([(float(line.split()[0]), float(line.split()[1]))
                            for line in lines if len(line.split()) == 2])
            file.unlink(missing_ok=True)
        if self._files:
            self._files[0].parent.rmdir()
        self._pauses = _everywhere(per_cpu) if per_cpu else []
        return self._pauses


def steal_ms() -> float:
    """The processors' time taken by the host since boot, all processors together (Linux's
    "steal" in /proc/stat; 0 where it is not kept)."""
    try:
        with open("/proc/stat") as stat:
            fields = stat.readline().split()
        return int(fields[8]) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _everywhere(per_cpu: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """The times inside a late interval of every list at once."""
    common = per_cpu[0]
    for other in per_cpu[1:]:
        common = [(max(a, c), min(b, d)) for a, b in common for c, d in other
                  if max(a, c) < min(b, d)]
    return common


def overlap(start: float, end: float, pauses: list[tuple[float, float]]) -> float:
    """How much of ``start``..``end`` the machine spent paused (s)."""
    return sum(max(0.0, min(end, b) - max(start, a)) for a, b in pauses)


if __name__ == "__main__":
    watch(int(sys.argv[1]), Path(sys.argv[2]))
