"""When to look at a running generation again: one schedule shared by the CLI and the window.

Pure arithmetic: no sleeping and no I/O. The caller asks :meth:`PollSchedule.next_delay`, waits that
long however it likes (``time.sleep``, an ``Event.wait`` that a cancel can interrupt...), polls, and
stops once :attr:`PollSchedule.expired` is true.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

__all__ = ["DEFAULT_DEADLINE", "PollSchedule"]

#: IACrea says a generation "can take several minutes"; after this long we stop waiting for it.
DEFAULT_DEADLINE = 45 * 60.0


class PollSchedule:
    """Delays between polls: fast at first, growing by ``factor`` up to ``cap``.

    * ``next_delay(retry_after)``: the wait before the next poll. A server's Retry-After wins when
      it is longer; otherwise the delay never exceeds ``cap`` nor the time left before the deadline.
    * ``note_error()``: after a transient error (timeout, 503...) the next delay is doubled on
      top of the usual growth, still never past ``cap``.
    * ``expired``: the overall deadline, counted from ``started_at`` (pass the generation's
      submission time when resuming, so a resumed generation keeps its original deadline).
    * ``reset()``: back to fast polling (e.g. the user asked to check now); the deadline stays.

    ``jitter`` spreads each delay by up to ±that fraction so many generations do not poll in step.
    """

    def __init__(self, initial: float = 2.0, factor: float = 1.5, cap: float = 15.0,
                 deadline: float = DEFAULT_DEADLINE, jitter: float = 0.1,
                 started_at: float | None = None,
                 clock: Callable[[], float] = time.time,
                 rng: random.Random | None = None) -> None:
        if initial <= 0 or cap <= 0:
            raise ValueError("initial and cap must be positive")
        if factor < 1:
            raise ValueError("factor must be at least 1")
        if not 0 <= jitter < 1:
            raise ValueError("jitter must be in [0, 1)")
        if deadline <= 0:
            raise ValueError("deadline must be positive")
        self.initial = float(initial)
        self.factor = float(factor)
        self.cap = float(cap)
        self.deadline = float(deadline)
        self.jitter = float(jitter)
        self._clock = clock
        self._rng = rng or random.Random()
        self.started_at = float(started_at) if started_at is not None else float(clock())
        self._next = min(self.initial, self.cap)
        self.polls = 0  # delays handed out since the last reset
        self.errors = 0  # transient errors noted since the last reset

    # -- state ------------------------------------------------------------------------------------
    @property
    def elapsed(self) -> float:
        return max(0.0, self._clock() - self.started_at)

    @property
    def remaining(self) -> float:
        """Seconds left before the deadline (0 once expired)."""
        return max(0.0, self.deadline - self.elapsed)

    @property
    def expired(self) -> bool:
        return self._clock() - self.started_at >= self.deadline

    # -- schedule ---------------------------------------------------------------------------------
    def next_delay(self, retry_after: float | None = None) -> float:
        """Seconds to wait before the next poll; advances the schedule."""
        base = self._next
        self._next = min(self.cap, self._next * self.factor)
        self.polls += 1
        delay = base
        if self.jitter:
            delay *= self._rng.uniform(1 - self.jitter, 1 + self.jitter)
        delay = min(delay, self.cap, self.remaining)
        if retry_after is not None and retry_after > delay:
            return float(retry_after)
        return max(0.0, delay)

    def note_error(self) -> None:
        """A poll failed transiently: double the next delay (never past ``cap``)."""
        self.errors += 1
        self._next = min(self.cap, self._next * 2)

    def reset(self) -> None:
        """Poll fast again from now on; the deadline is unchanged."""
        self._next = min(self.initial, self.cap)
        self.polls = 0
        self.errors = 0

    def __repr__(self) -> str:
        return (f"PollSchedule(next={self._next:.2f}s, cap={self.cap}s, "
                f"remaining={self.remaining:.0f}s)")
