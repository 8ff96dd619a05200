"""What a failed step makes of a generation, and what this process remembers to decide it.

Once the service has a paid generation (``remote_id``), nothing on our side ends it: whatever
goes wrong makes it wait (``problem``, ``error``, ``retry_at``) and it is tried again on its
poll schedule. Anything else stops with a sentence, and a problem that says whether settings can
cure it. The memory is this process's: each generation's poll schedule (its deadline counts from
the first look this process takes) and its runs of "not found" and undocumented answers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.core.errors import (
    ApiError,
    AuthError,
    BadRequestError,
    ConfigError,
    CreditsError,
    NotFoundError,
    SkyClearError,
    UncertainSubmitError,
)
from desktop_app.core.messages import Message, Msg
from desktop_app.core.models import EngineName, Generation, Problem, Status
from desktop_app.core.poll import PollSchedule
from desktop_app.core.store import JobStore

log = logging.getLogger(__name__)


class Action(StrEnum):
    """The steps of a generation (see ``engines/pipeline.py``)."""

    PREPARE = "prepare"
    UPLOAD = "upload"
    SUBMIT = "submit"
    POLL = "poll"
    DOWNLOAD = "download"


@dataclass(frozen=True)
class StepResult:
    """What one step left: the generation as stored, and when to take the next step."""

    gen: Generation
    delay: float | None  # seconds until the next step; None when the generation is finished
    #: Waiting on something only the user can change (key, settings, account), or on the
    #: overall deadline: a command line run stops here and leaves it to ``resume``.
    stalled: bool = False
    #: Another process holds the claim on this generation and is working on it.
    elsewhere: bool = False


def said(err: BaseException) -> Message:
    """What to record about an error: its message, or "something went wrong" for a bug."""
    return err.message if isinstance(err, SkyClearError) else Msg.UNEXPECTED()


#: Looks at an undocumented status before its name is shown (it is polled all along).
UNKNOWN_AFTER = 3
#: "Not found" answers in a row before a generation counts as forgotten by the service.
FORGOTTEN_AFTER = 3
#: How long the service may fail to answer before the wait says "unreachable for N min".
UNREACHABLE_AFTER = 60.0
#: After the overall deadline a generation is still looked at, this often.
SLOW_DELAY = 300.0


class Trouble:
    """The failures of one pipeline's steps, and the schedules and runs they are judged by."""

    def __init__(self, store: JobStore,
                 schedule_factory: Callable[[float | None], PollSchedule]) -> None:
        self.store = store
        self.schedule_factory = schedule_factory
        self._schedules: dict[int, PollSchedule] = {}
        self._strikes: dict[tuple[int, str], int] = {}  # (gen id, kind) -> answers in a row
        self._lock = threading.Lock()

    def after(self, gen: Generation, action: Action, err: Exception) -> StepResult:
        """What ``err``, raised by ``action``, makes of ``gen``: a paid generation waits and is
        tried again; anything else stops with a sentence (a local job's passing trouble while
        polling is looked at again on its schedule)."""
        assert gen.id is not None
        if not isinstance(err, SkyClearError):
            log.error("generation %s: unexpected error at %s", gen.id, action.value,
                      exc_info=err)
        if gen.remote_id is not None and gen.engine is EngineName.CLOUD:  # paid: never ends here
            return self._paid(gen, action, err)
        if isinstance(err, SkyClearError) and err.transient and action is Action.POLL:
            schedule = self.schedule(gen)  # a local job's transient trouble
            if not schedule.expired:
                schedule.note_error()
                updated = self.store.update(gen.id, error=said(err))
                return StepResult(updated, schedule.next_delay(getattr(err, "retry_after", None)))
        # nothing was charged: it stops, and the problem says whether settings can cure it
        problem = Problem.MAYBE_SENT if isinstance(err, UncertainSubmitError) else \
            Problem.SETTINGS if isinstance(err, ConfigError) else None
        message = said(err)
        log.warning("generation %s stopped at %s: %s", gen.id, action.value, message)
        updated = self.store.update(gen.id, status=Status.ERROR, error=message, problem=problem,
                                    retry_at=None)
        self.forget(gen.id)
        return StepResult(updated, None)

    def _paid(self, gen: Generation, action: Action, err: Exception) -> StepResult:
        """A paid generation ran into trouble: say what, and try again later."""
        assert gen.id is not None
        retry_after = err.retry_after if isinstance(err, ApiError) else None
        if not isinstance(err, SkyClearError):
            return self.wait(gen, Problem.LOCAL, Msg.UNEXPECTED())
        if action is Action.DOWNLOAD:
            if isinstance(err, ApiError):  # the link, not this computer: ask for fresh links
                return self.wait(gen, Problem.DOWNLOAD, err.message, retry_after=retry_after)
            return self.wait(gen, Problem.LOCAL, err.message)
        if isinstance(err, NotFoundError):
            if self.strike(gen.id, "not_found") >= FORGOTTEN_AFTER:
                log.warning("generation %s: the service no longer knows it", gen.id)
                self.forget(gen.id)
                gen = self.store.update(gen.id, status=Status.ERROR, error=Msg.FORGOTTEN(),
                                        problem=Problem.FORGOTTEN, retry_at=None)
                return StepResult(gen, None)
            return self.wait(gen, Problem.UNREADABLE, err.message)
        if isinstance(err, ConfigError | AuthError | CreditsError | BadRequestError):
            return self.wait(gen, Problem.REFUSED if isinstance(err, ApiError) else
                             Problem.SETTINGS, err.message, stalled=True)
        if err.transient:
            since = gen.trouble_since or time.time()
            minutes = int((time.time() - since) // 60)
            if time.time() - since >= UNREACHABLE_AFTER:
                text = Msg.UNREACHABLE_FOR(minutes)
            else:
                text = err.message
            return self.wait(gen, Problem.UNREACHABLE, text, retry_after=retry_after)
        return self.wait(gen, Problem.UNREADABLE, Msg.ANSWER_NOT_UNDERSTOOD(),
                         retry_after=retry_after)

    def wait(self, gen: Generation, problem: Problem, sentence: Message, *,
             retry_after: float | None = None, stalled: bool = False) -> StepResult:
        """Record why a generation waits and when it is tried again; it stays unfinished."""
        assert gen.id is not None
        schedule = self.schedule(gen)
        schedule.note_error()
        delay = self.delay(schedule, retry_after)
        log.info("generation %s waits (%s): %s", gen.id, problem.value, sentence)
        now = time.time()
        updated = self.store.update(gen.id, problem=problem, error=sentence,
                                    retry_at=now + delay, trouble_since=gen.trouble_since or now)
        return StepResult(updated, delay, stalled=stalled or schedule.expired)

    @staticmethod
    def delay(schedule: PollSchedule, retry_after: float | None = None) -> float:
        """Seconds until a generation on ``schedule`` is looked at again."""
        if schedule.expired:  # still the service's job: look, but rarely
            return max(SLOW_DELAY, retry_after or 0.0)
        return schedule.next_delay(retry_after)

    def schedule(self, gen: Generation) -> PollSchedule:
        """The poll schedule of one generation in this process; its deadline counts from the
        first look this process takes (a resumed generation gets the full wait again)."""
        assert gen.id is not None
        with self._lock:
            schedule = self._schedules.get(gen.id)
            if schedule is None:
                schedule = self.schedule_factory(None)
                self._schedules[gen.id] = schedule
            return schedule

    def strike(self, gen_id: int, kind: str) -> int:
        """One more answer of ``kind`` in a row for a generation; how many now."""
        with self._lock:
            count = self._strikes.get((gen_id, kind), 0) + 1
            self._strikes[(gen_id, kind)] = count
            return count

    def clear(self, gen_id: int, kind: str) -> None:
        """A different answer broke the run of ``kind``."""
        with self._lock:
            self._strikes.pop((gen_id, kind), None)

    def forget(self, gen_id: int) -> None:
        """The generation ended or starts over: its schedule and runs go."""
        with self._lock:
            self._schedules.pop(gen_id, None)
            for kind in ("unknown", "not_found"):
                self._strikes.pop((gen_id, kind), None)
