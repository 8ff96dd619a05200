"""The GUI thread's stalls, as the benchmarks measure them: a 5 ms heartbeat timer whose longest
gaps are the worst stalls, each with the thread's own CPU time and its time waiting for a core,
and (``SKYCLEAR_BENCH_TRACE=1``) a sampler of what the thread was running meanwhile."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def queued_ms() -> float:
    """The calling thread's time so far spent runnable but waiting for a core (Linux's
    schedstat; 0 elsewhere). What a stall holds beyond this and the thread's own CPU time is
    time asleep: waiting for the interpreter lock, mostly."""
    try:
        with open("/proc/thread-self/schedstat") as stat:
            return int(stat.read().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


KEPT = 40  # longest gaps a child reports: enough to find the longest left once the machine's
# own pauses are taken out of them


class Heartbeat:
    """A 5 ms timer on the GUI thread; the longest gap between its beats is the worst stall."""

    def __init__(self, sampler: StackSampler | None = None) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.beat)
        self.last: float | None = None
        self.phase = "start"
        self.worst: dict[str, float] = {}
        self.gaps: list[float] = []
        self.by_phase: dict[str, list[float]] = {}
        # (gap ms, phase, end, the GUI thread's CPU ms and its ms waiting for a core in the
        # gap), the KEPT longest, longest first
        self.longest: list[tuple[float, str, float, float, float]] = []
        self.cpu: float | None = None  # the GUI thread's CPU time at the last beat
        self.queued = 0.0  # its time runnable but waiting for a core, at the last beat (ms)
        self.sampler = sampler
        if sampler is not None:
            sampler.heartbeat = self

    def start(self) -> None:
        self.last = time.perf_counter()
        self.cpu = time.thread_time()
        self.queued = queued_ms()
        self.timer.start()
        if self.sampler is not None:
            self.sampler.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.sampler is not None:
            self.sampler.stop()

    def set_phase(self, name: str) -> None:
        """Name the gaps from now on; the clock goes on (a stall across phases counts)."""
        self.phase = name

    def beat(self) -> None:
        now, cpu, queued = time.perf_counter(), time.thread_time(), queued_ms()
        if self.last is not None and self.cpu is not None:
            gap = (now - self.last) * 1000
            self.gaps.append(gap)
            self.by_phase.setdefault(self.phase, []).append(gap)
            self.worst[self.phase] = max(self.worst.get(self.phase, 0.0), gap)
            if len(self.longest) < KEPT or gap > self.longest[-1][0]:
                self.longest = sorted([*self.longest, (gap, self.phase, now,
                                                       (cpu - self.cpu) * 1000,
                                                       queued - self.queued)],
                                      reverse=True)[:KEPT]
        self.last, self.cpu, self.queued = now, cpu, queued

    def top(self) -> list[dict[str, Any]]:
        """The longest gaps, each with its phase and its start (CLOCK_MONOTONIC s; and, when
        sampled, what the GUI thread was running meanwhile)."""
        out = []
        for gap, phase, end, cpu, queued in self.longest:
            item: dict[str, Any] = {"ms": gap, "phase": phase, "cpu": cpu, "queued": queued,
                                    "at": end - gap / 1000}
            if self.sampler is not None:
                item["stacks"] = self.sampler.during(end - gap / 1000, end)
            out.append(item)
        return out


class StackSampler:
    """Looks at the GUI thread's Python stack every millisecond while it has not beaten for
    8 ms (``--trace-stalls``), so that the longest stalls can be named. It competes for the
    interpreter lock: numbers taken with it on are not the bench's numbers."""

    def __init__(self) -> None:
        import threading

        self.thread_id = threading.get_ident()
        self.heartbeat: Heartbeat | None = None
        self.samples: list[tuple[float, tuple[str, ...]]] = []
        self.others: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        import threading

        me = threading.get_ident()
        while not self._stop.is_set():
            last = self.heartbeat.last if self.heartbeat is not None else None
            if last is None or time.perf_counter() - last < 0.008:
                time.sleep(0.002)  # not a stall (yet): leave the interpreter lock alone
                continue
            frames = sys._current_frames()
            now = time.perf_counter()
            self.samples.append((now, self._stack(frames.get(self.thread_id))))
            for ident, frame in frames.items():  # what the other threads were running
                if ident not in (me, self.thread_id):
                    code = frame.f_code
                    if code.co_name not in ("wait", "get", "select", "_wait_for_tstate_lock",
                                            "run_forever", "accept", "readinto", "poll"):
                        self.others.append((now, f"{code.co_name} "
                                                 f"({Path(code.co_filename).name}:"
                                                 f"{frame.f_lineno})"))
            time.sleep(0.001)

    @staticmethod
    def _stack(frame: Any) -> tuple[str, ...]:
        stack: list[str] = []
        while frame is not None and len(stack) < 6:
            code = frame.f_code
            if not code.co_filename.endswith(("bench_window.py", "gui_stalls.py")):
                stack.append(f"{code.co_name} ({Path(code.co_filename).name}:{frame.f_lineno})")
            frame = frame.f_back
        return tuple(stack) or ("<event loop>",)

    def during(self, start: float, end: float) -> list[str]:
        """The stacks seen between ``start`` and ``end``, most frequent first, then what the
        other threads were running meanwhile."""
        from collections import Counter

        seen = Counter(" < ".join(s) for t, s in self.samples if start <= t <= end)
        others = Counter(s for t, s in self.others if start <= t <= end)
        return [f"{n}x {stack}" for stack, n in seen.most_common(3)] + \
            [f"other thread {n}x {frame}" for frame, n in others.most_common(3)]


def print_top(result: dict[str, Any]) -> None:
    for item in result["top"][:5]:
        paused = f", the machine paused {item['paused']:.0f} ms" if item.get("paused") else ""
        print(f"    {item['ms']:.0f} ms in {item['phase']} (the GUI thread meanwhile: its own "
              f"CPU time {item['cpu']:.0f} ms, waiting for a core {item['queued']:.0f} ms"
              f"{paused})")
        for stack in item.get("stacks", []):
            print(f"      {stack}")


def sampler_if_asked() -> StackSampler | None:
    return StackSampler() if os.environ.get("SKYCLEAR_BENCH_TRACE") == "1" else None
