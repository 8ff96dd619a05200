"""The shared poll schedule: pure arithmetic on an injected clock."""

from __future__ import annotations

import random

import pytest

from desktop_app.core.poll import DEFAULT_DEADLINE, PollSchedule


class Clock:
    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_starts_fast_and_grows_to_the_cap() -> None:
    schedule = PollSchedule(initial=2, factor=1.5, cap=15, jitter=0, clock=Clock())
    delays = [schedule.next_delay() for _ in range(8)]
    assert delays == pytest.approx([2, 3, 4.5, 6.75, 10.125, 15, 15, 15])
    assert schedule.polls == 8


def test_defaults() -> None:
    schedule = PollSchedule(jitter=0, clock=Clock())
    assert schedule.deadline == DEFAULT_DEADLINE == 45 * 60
    assert schedule.next_delay() == 2.0
    assert max(schedule.next_delay() for _ in range(20)) == 15.0


def test_retry_after_wins_only_when_longer() -> None:
    schedule = PollSchedule(initial=2, cap=15, jitter=0, clock=Clock())
    assert schedule.next_delay(retry_after=30) == 30  # beyond the cap: the server knows best
    assert schedule.next_delay(retry_after=1) == 3  # shorter: the schedule's own delay


def test_errors_back_off_faster_but_never_past_the_cap() -> None:
    plain = PollSchedule(initial=2, factor=1.5, cap=15, jitter=0, clock=Clock())
    failing = PollSchedule(initial=2, factor=1.5, cap=15, jitter=0, clock=Clock())
    assert plain.next_delay() == failing.next_delay() == 2
    failing.note_error()
    assert failing.next_delay() == 6 > plain.next_delay() == 3
    for _ in range(10):
        failing.note_error()
        assert failing.next_delay() <= 15
    assert failing.errors == 11


def test_deadline_counts_from_started_at() -> None:
    clock = Clock(10_000)
    resumed = PollSchedule(deadline=600, started_at=10_000 - 590, clock=clock, jitter=0)
    assert not resumed.expired
    assert resumed.remaining == pytest.approx(10)
    clock.now += 10
    assert resumed.expired
    assert resumed.remaining == 0


def test_started_at_defaults_to_now() -> None:
    clock = Clock(50)
    schedule = PollSchedule(deadline=100, clock=clock)
    assert schedule.started_at == 50
    clock.now = 149.9
    assert not schedule.expired
    clock.now = 150
    assert schedule.expired


def test_no_delay_runs_past_the_deadline() -> None:
    clock = Clock(0)
    schedule = PollSchedule(initial=10, cap=15, deadline=100, started_at=0, clock=clock, jitter=0)
    clock.now = 96
    assert schedule.next_delay() == pytest.approx(4)
    clock.now = 100
    assert schedule.next_delay() == 0
    assert schedule.expired


def test_reset_polls_fast_again_but_keeps_the_deadline() -> None:
    clock = Clock(0)
    schedule = PollSchedule(initial=2, cap=15, deadline=100, started_at=0, clock=clock, jitter=0)
    for _ in range(6):
        schedule.next_delay()
    schedule.note_error()
    clock.now = 70
    schedule.reset()
    assert schedule.next_delay() == 2
    assert schedule.polls == 1 and schedule.errors == 0
    assert schedule.remaining == pytest.approx(30)


def test_jitter_spreads_delays_within_bounds() -> None:
    schedule = PollSchedule(initial=10, factor=1, cap=15, jitter=0.1, clock=Clock(),
                            rng=random.Random(3))
    delays = [schedule.next_delay() for _ in range(200)]
    assert all(9 <= d <= 11 for d in delays)
    assert len({round(d, 4) for d in delays}) > 100
    capped = PollSchedule(initial=15, cap=15, jitter=0.1, clock=Clock(), rng=random.Random(4))
    assert all(capped.next_delay() <= 15 for _ in range(200))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"initial": 0}, "initial and cap must be positive"),
    ({"cap": -1}, "initial and cap must be positive"),
    ({"factor": 0.5}, "factor must be at least 1"),
    ({"jitter": 1.0}, r"jitter must be in \[0, 1\)"),
    ({"jitter": -0.1}, r"jitter must be in \[0, 1\)"),
    ({"deadline": 0}, "deadline must be positive"),
])
def test_invalid_settings_are_refused(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PollSchedule(**kwargs)  # type: ignore[arg-type]


def test_repr_is_readable() -> None:
    assert "cap=15.0" in repr(PollSchedule(clock=Clock()))
