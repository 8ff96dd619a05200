"""Drives generations through their life, one recorded step at a time, for the CLI and the window.

Each step is written to the store before it starts and after it ends, so a crash anywhere
leaves a row that says what to do next — and, above all, whether the paid request may already
have been sent.

    PREPARE  → the photo is oriented, converted, stripped and capped (``prepared_path``)
    UPLOAD   → the prepared photo (and mask) are put online (``image_url``, ``mask_url``)
    SUBMIT   → generate / generate-variation (``remote_id``); never re-sent automatically
    POLL     → get, on the shared poll schedule, until SUCCEEDED or FAILED
    DOWNLOAD → every result is copied into the library (``result_files``) → DONE

Once the service has a paid generation (``remote_id``), nothing on our side ends it: an
unreadable answer, a redirect, an empty result, a failed download, an unknown status or a
service that does not answer make it *wait* (``problem``, ``error``, ``retry_at``) and it is
tried again on the poll schedule, by this process or by the next one that resumes it. Only the
service's own FAILED (refunded) or the user's "give up" (``cancel``) finish it otherwise.
What a failed step makes of a generation is decided in ``engines/trouble.py``.

A process works on a generation only while it holds the store's claim on it (see ``JobStore``),
so two windows or commands on one library never poll, download or send the same one.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop_app.core import credentials, imaging, masks, paths
from desktop_app.core.errors import (
    ConfigError,
    EngineError,
    InputError,
    MaskError,
    NoSkyError,
    SkyClearError,
    UncertainSubmitError,
)
from desktop_app.core.messages import Message, Msg
from desktop_app.core.models import (
    Credits,
    EngineName,
    Generation,
    PollResult,
    Problem,
    Service,
    Status,
)
from desktop_app.core.poll import PollSchedule
from desktop_app.core.store import LEASE_SECONDS, JobStore
from desktop_app.core.workers import Run, here
from desktop_app.engines.base import Engine
from desktop_app.engines.trouble import UNKNOWN_AFTER, Action, StepResult, Trouble

log = logging.getLogger(__name__)

MaskInput = Path | Any  # a PNG path or a NumPy array (bool or 0/255)


class RetryKind(StrEnum):
    """What pressing Retry (or ``desktop-app retry``) would do to a generation."""

    NONE = "none"  # nothing to retry: finished well, or already being worked on
    FREE = "free"  # ask the service again / download again / redo steps before paying
    SEND = "send"  # send the request: one credit, as the first time (nothing was charged)
    RESEND = "resend"  # send again though a credit may already be spent: ask the user first


INTERRUPTED_SUBMIT = Msg.INTERRUPTED_SUBMIT.english


#: What the local engine says in a few words, to go inside "could not process this photo (…)";
#: its other failures are whole sentences, recorded as they are.
_LOCAL_FRAGMENTS = frozenset({Msg.LOCAL_INTERRUPTED, Msg.LOCAL_INTERNAL})


def check_dark_frame_use(service: Service, engine: EngineName) -> None:
    """A darker shot of the same scene is for a local Interior sky only: say so otherwise."""
    if service is not Service.SKY:
        raise InputError(Msg.DARK_FRAME_SKY_ONLY())
    if engine is not EngineName.LOCAL:
        raise InputError(Msg.DARK_FRAME_LOCAL_ONLY())


class Pipeline:
    def __init__(self, store: JobStore, engines: Callable[[EngineName, str | None], Engine],
                 library_dir: Path, *, max_side: int = 4096,
                 schedule_factory: Callable[[float | None], PollSchedule] | None = None) -> None:
        self.store = store
        self.engines = engines
        self.library_dir = library_dir
        self.max_side = max_side
        #: Where a photo is prepared: here, or in worker processes (the window sets these: Pillow
        #: allocates and zero-fills a 24 MP photo's buffers holding the interpreter lock, which
        #: held the window's thread up to 15 ms at a time while a job was prepared beside it)
        self.image_steps: Run = here
        #: what a failed step makes of a generation, and the schedules that judge it
        self.trouble = Trouble(store, schedule_factory
                               or (lambda t: PollSchedule(started_at=t)))
        self._cancelled: set[int] = set()
        self._held: set[int] = set()  # generations this pipeline holds the claim on
        self._lock = threading.Lock()

    # -- creating work -------------------------------------------------------------------
    def new_generation(self, source: str | Path, service: Service, engine: EngineName, *,
                       auto: bool = True, webhook: str | None = None,
                       mask: MaskInput | None = None, seed: int | None = None,
                       dark_frame: str | Path | None = None) -> Generation:
        """Check the input and record a DRAFT generation; raises a SkyClearError when unusable.

        ``seed`` (local engine) picks the sky or fill; by default a random one. ``dark_frame``
        (local Interior sky): a darker shot of the same scene, copied into the library at once
        (like the photo, prepared), so the job finds it when it runs or resumes."""
        source = str(source)
        is_url = source.startswith(("http://", "https://"))
        if not is_url:
            source = str(Path(source).expanduser().resolve())
            imaging.inspect_image(Path(source))
        if service is Service.DECLUTTER and engine is EngineName.LOCAL and mask is None:
            raise EngineError(Msg.LOCAL_NEEDS_PAINTED_MASK())
        if mask is not None and engine is EngineName.CLOUD:
            raise InputError(Msg.CLOUD_MASK_ONLY_FOR_VARIATION())
        if mask is not None and is_url:
            raise InputError(Msg.MASK_NEEDS_FILE())
        if dark_frame is not None:
            check_dark_frame_use(service, engine)
        hosted = is_url and self.engines(engine, None).needs_hosting  # the service fetches it as is
        gen = Generation(service=service, source=source, engine=engine,
                         auto=auto if mask is None else False, webhook=webhook or None,
                         seed=secrets.randbelow(2**31) if seed is None else seed,
                         image_url=source if hosted else None)
        if dark_frame is not None:
            dark = Path(dark_frame).expanduser().resolve()
            gen = gen.with_(dark_frame=str(self._prepare_file(dark)))
        if mask is not None:
            # The mask must match the prepared pixels, so prepare now: errors surface at once.
            prepared = self._prepare_file(Path(source))
            gen = gen.with_(prepared_path=str(prepared))
            gen = self.store.add(gen)
            return self._attach_mask(gen, mask)
        return self.store.add(gen)

    def new_variation(self, parent_id: int, *, mask: MaskInput | None = None) -> Generation:
        """Record a variation of a finished generation (declutter needs a mask, sky does not)."""
        parent = self.store.get(parent_id)
        if parent.status is not Status.DONE or not parent.remote_id:
            raise InputError(Msg.VARIATION_NEEDS_RESULT())
        if parent.service is Service.DECLUTTER and mask is None:
            raise MaskError(Msg.VARIATION_NEEDS_MASK())
        if parent.service is Service.SKY and mask is not None and parent.engine is \
                EngineName.CLOUD:
            raise InputError(Msg.SKY_VARIATION_NO_MASK())
        gen = Generation(
            service=parent.service, source=parent.source, engine=parent.engine,
            parent_id=parent.id, parent_remote_id=parent.remote_id,
            root_id=parent.root_id, project_id=parent.project_id, auto=False,
            webhook=parent.webhook, seed=secrets.randbelow(2**31),
            prepared_path=parent.prepared_path,
            # sky variations need no upload; declutter re-hosts the original (URLs expire)
            image_url=parent.image_url if parent.source_is_url else None,
            mask_path=parent.mask_path if parent.service is Service.SKY else None,
            dark_frame=parent.dark_frame)
        gen = self.store.add(gen)
        if mask is not None:
            gen = self._attach_mask(gen, mask)
        return gen

    def _attach_mask(self, gen: Generation, mask: MaskInput) -> Generation:
        assert gen.id is not None and gen.prepared_path
        size = imaging.inspect_image(Path(gen.prepared_path)).oriented_size
        dest = self._folder("masks") / f"mask-{gen.id}.png"
        try:
            masks.prepare_mask(mask, size, dest)
            paths.private_file(dest)
        except SkyClearError:
            self.store.delete_generation(gen.id)
            raise
        return self.store.update(gen.id, mask_path=str(dest))

    # -- the steps -----------------------------------------------------------------------
    def next_action(self, gen: Generation) -> Action | None:
        if gen.status.finished:
            return None
        if gen.status is Status.SUCCEEDED:
            # a result link that failed: ask the service again for fresh links first
            return Action.POLL if gen.problem is Problem.DOWNLOAD else Action.DOWNLOAD
        if gen.remote_id:
            return Action.POLL
        engine = self._engine(gen)
        if gen.prepared_path is None and not (gen.source_is_url and engine.needs_hosting):
            return Action.PREPARE
        if engine.needs_hosting and self._needs_upload(gen):
            return Action.UPLOAD
        return Action.SUBMIT

    @staticmethod
    def _needs_upload(gen: Generation) -> bool:
        if gen.service is Service.SKY and gen.is_variation:
            return False  # the service already has the photo
        return gen.image_url is None or (gen.mask_path is not None and gen.mask_url is None)

    def step(self, gen_id: int) -> StepResult:
        """Run the next action of one generation, under this process's claim on it.

        Whatever goes wrong becomes the generation's state: a paid generation waits and is
        tried again, anything else stops with a sentence. Raises only ``KeyError`` when the
        generation is not in the store."""
        gen = self.store.get(gen_id)
        if gen.status.finished:
            self._release(gen_id)
            return StepResult(gen, None)
        if not self._claim(gen_id):
            return StepResult(gen, LEASE_SECONDS / 3, elsewhere=True)
        gen = self.store.get(gen_id)  # as the claim found it
        try:
            action = self.next_action(gen)
        except ConfigError as err:  # e.g. no API key on this computer (yet)
            return self.trouble.after(gen, Action.SUBMIT, err)
        if action is None:
            self._release(gen_id)
            return StepResult(gen, None)
        try:
            result: StepResult = getattr(self, f"_do_{action.value}")(gen)
        except Exception as err:
            result = self.trouble.after(gen, action, err)
        with self._lock:
            cancelled = gen_id in self._cancelled
        if cancelled and not result.gen.status.finished:
            # cancelled while this step ran: the step's own writes must not revive it
            result = StepResult(self.store.update(gen_id, status=Status.CANCELLED), None)
        if result.delay is None:
            self._release(gen_id)
        if result.gen.status.finished and result.gen.account:
            self._settle_account(result.gen.account)
        return result

    def _do_prepare(self, gen: Generation) -> StepResult:
        assert gen.id is not None
        self.store.update(gen.id, status=Status.PREPARING, error=None)
        source = Path(gen.source)
        if gen.source_is_url:  # a URL for the local engine: fetch it once, then as a file
            source = self._engine(gen).fetch(
                gen.source, self._folder("uploads") / f"source-{gen.id}")
        prepared = self._prepare_file(source)
        return StepResult(self.store.update(gen.id, prepared_path=str(prepared)), 0)

    def _prepare_file(self, source: Path) -> Path:
        if not source.exists():
            raise InputError(Msg.PHOTO_GONE(source.name))
        prepared = self.image_steps(imaging.prepare_image, source, self._folder("uploads"),
                                    max_side=self.max_side)
        return paths.private_file(prepared.path)

    def _do_upload(self, gen: Generation) -> StepResult:
        assert gen.id is not None
        gid = gen.id
        engine = self._engine(gen)
        self.store.update(gid, status=Status.UPLOADING, error=None)
        if gen.image_url is None:
            assert gen.prepared_path
            gen = self.store.update(gid, image_url=engine.host(Path(gen.prepared_path)))
        if gen.mask_path and gen.mask_url is None:
            gen = self.store.update(gid, mask_url=engine.host(Path(gen.mask_path)))
        return StepResult(gen, 0)

    def _do_submit(self, gen: Generation) -> StepResult:
        assert gen.id is not None
        gid = gen.id
        engine = self._engine(gen)
        if gen.status is Status.SUBMITTING and engine.resubmit_is_free:
            self.store.update(gid, status=Status.UPLOADING)  # a local job: simply start again
        if not self.store.mark_submitting(gid):
            # A previous attempt was cut off mid-request (or another process is sending it):
            # it may have been charged.
            raise UncertainSubmitError(INTERRUPTED_SUBMIT)
        submission = engine.submit(self.store.get(gid))
        now = time.time()
        changes: dict[str, Any] = dict(
            remote_id=submission.remote_id, account=engine.account, status=submission.status,
            submitted_at=now,
            problem=None, error=None, retry_at=None, trouble_since=None)
        if submission.project_id:
            changes["project_id"] = submission.project_id
        if submission.remaining_credits is not None:
            changes["remaining_credits"] = submission.remaining_credits
        gen = self.store.update(gid, **changes)
        return StepResult(gen, self.trouble.delay(self.trouble.schedule(gen)))

    def _do_poll(self, gen: Generation) -> StepResult:
        assert gen.id is not None
        gid = gen.id
        schedule = self.trouble.schedule(gen)
        result = self._engine(gen).poll(gen)
        self.trouble.clear(gid, "not_found")
        clear: dict[str, Any] = dict(problem=None, error=None, retry_at=None, trouble_since=None)
        if result.status is Status.SUCCEEDED:
            if not result.results:
                return self.trouble.wait(gen, Problem.NO_RESULT, Msg.READY_WITHOUT_RESULT())
            gen = self.store.update(gid, status=Status.SUCCEEDED, remote_status=None,
                                    result_urls=list(result.results),
                                    variation_number=result.variation_number, **clear)
            return StepResult(gen, 0)
        if result.status is Status.FAILED:
            error = self._failure(gen, result)
            gen = self.store.update(gid, status=Status.FAILED, remote_status=None, problem=None,
                                    retry_at=None, error=error)
            self.trouble.forget(gid)
            return StepResult(gen, None)
        if result.unknown_status is not None:
            # not documented, so not final: keep looking, and after a few looks say what it is
            if self.trouble.strike(gid, "unknown") >= UNKNOWN_AFTER:
                clear.update(problem=Problem.UNKNOWN_STATUS,
                             error=Msg.UNKNOWN_STATUS(result.unknown_status))
        else:
            self.trouble.clear(gid, "unknown")
        status = gen.status if result.unknown_status is not None else result.status
        delay = self.trouble.delay(schedule)
        if schedule.expired and clear["problem"] is None:
            clear.update(problem=Problem.SLOW, error=Msg.SLOW())
        if clear["problem"] is not None:
            clear.update(retry_at=time.time() + delay)
        gen = self.store.update(gid, status=status, remote_status=result.unknown_status,
                                **clear)
        return StepResult(gen, delay, stalled=schedule.expired)

    @staticmethod
    def _failure(gen: Generation, result: PollResult) -> Message:
        """Why the engine FAILED a photo, as it is recorded (a cloud failure is refunded)."""
        if (result.said is not None and result.said.code is Msg.NO_SKY) or \
                result.message == NoSkyError.MESSAGE:  # not a fault: the photo has no sky
            return Msg.NO_SKY()
        if gen.engine is EngineName.LOCAL:
            # the local engine words its failures for the user; only its fragments need a frame
            # (and "the service" would be the wrong one)
            if result.said is not None and result.said.code not in _LOCAL_FRAGMENTS:
                return result.said
            return Msg.LOCAL_FAILED_BECAUSE(result.said or Msg.LOCAL_INTERNAL())
        why: Message | str | None = result.said or result.message
        return Msg.FAILED_BECAUSE_REFUNDED(why) if why else Msg.FAILED_REFUNDED()

    def _do_download(self, gen: Generation) -> StepResult:
        assert gen.id is not None
        gid = gen.id
        engine = self._engine(gen)
        folder = self._folder("results", str(gen.root_id))
        stem = Path(gen.source.split("?")[0]).stem[:60] or "photo"
        files = list(gen.result_files)
        for n, ref in enumerate(gen.result_urls[len(files):], start=len(files) + 1):
            suffix = Path(ref.split("?")[0]).suffix.lower()
            suffix = suffix if suffix in (".jpg", ".jpeg", ".png", ".webp") else ".jpg"
            dest = folder / f"{stem}-{gen.service.value}-{gid}-{n}{suffix}"
            files.append(str(paths.private_file(engine.fetch(ref, dest))))
            gen = self.store.update(gid, result_files=files)  # paid work is kept at once
        gen = self.store.update(gid, status=Status.DONE, error=None, problem=None, retry_at=None,
                                trouble_since=None)
        self.trouble.forget(gid)
        return StepResult(gen, None)

    # -- driving -------------------------------------------------------------------------
    def run(self, gen_id: int, *, on_update: Callable[[Generation], None] | None = None,
            stop: threading.Event | None = None) -> Generation:
        """Step one generation as far as this process can take it (blocking; for the CLI).

        Ends when it is finished, when it waits on the user or on the overall deadline
        (``stalled``), when another process is working on it (``elsewhere``) or on ``stop``;
        whatever is not finished stays in the store for ``resume``."""
        stop = stop or threading.Event()
        try:
            while True:
                result = self.step(gen_id)
                if on_update:
                    on_update(result.gen)
                if result.delay is None or result.stalled or result.elsewhere or stop.is_set():
                    return result.gen
                if result.delay and stop.wait(result.delay):
                    return self.store.get(gen_id)
        finally:
            self._release(gen_id)

    def resume(self) -> list[Generation]:
        """The unfinished generations, made ready to continue after a quit or a crash.

        A DRAFT was asked for (Generate, ``process``) but stopped before its first step: it is
        continued too (nothing was sent yet). Left out: generations another running process is
        working on right now (see ``busy_elsewhere``)."""
        pending = []
        for gen in self.store.unfinished():
            assert gen.id is not None
            if self.store.claimed_elsewhere(gen.id):
                continue
            if gen.engine is EngineName.LOCAL and gen.status is not Status.SUCCEEDED:
                # A local job lives in the process that ran it: start it again (it is free).
                gen = self.store.update(gen.id, remote_id=None, status=Status.PREPARING,
                                        problem=None, error=None)
            pending.append(gen)
        return pending

    def busy_elsewhere(self) -> list[Generation]:
        """Unfinished generations that another running SkyClear is working on."""
        return [g for g in self.store.unfinished()
                if g.id is not None and self.store.claimed_elsewhere(g.id)]

    def retry_kind(self, gen: Generation) -> RetryKind:
        """What a retry of ``gen`` would do, and whether it may spend a second credit."""
        if gen.status is Status.DONE or gen.status is Status.DRAFT:
            return RetryKind.NONE
        if gen.problem in (Problem.MAYBE_SENT, Problem.FORGOTTEN) or (
                gen.status is Status.SUBMITTING and gen.remote_id is None
                and gen.engine is EngineName.CLOUD):
            return RetryKind.RESEND
        if gen.remote_id and gen.status is not Status.FAILED:
            # the service has it: look again, download again (a local job: run it again)
            return RetryKind.FREE
        if gen.status in (Status.FAILED, Status.ERROR, Status.CANCELLED) or gen.waiting:
            return RetryKind.SEND if gen.engine is EngineName.CLOUD else RetryKind.FREE
        return RetryKind.NONE

    def retry(self, gen_id: int) -> Generation:
        """Continue a stopped or waiting generation: look at what the service has (free), or
        send it again. A ``RetryKind.RESEND`` generation is sent again too: ask the user first
        (see ``retry_kind``)."""
        gen = self.store.get(gen_id)
        self.trouble.forget(gen_id)
        with self._lock:
            self._cancelled.discard(gen_id)
        kind = self.retry_kind(gen)
        fresh: dict[str, Any] = dict(error=None, problem=None, retry_at=None, trouble_since=None)
        if kind is RetryKind.NONE:
            return gen
        # the service keeps a cloud job to look at again; a local job lives only in the process
        # that ran it (gone after a restart, and a FAILED one would only fail again): it runs
        # again from the start, which is free
        if gen.remote_id and kind is RetryKind.FREE and gen.engine is EngineName.CLOUD:
            status = gen.status if gen.status.remote else \
                Status.SUCCEEDED if gen.result_urls else Status.PROCESSING
            return self.store.update(gen_id, status=status, **fresh)
        if not gen.status.finished and kind is RetryKind.SEND:
            return self.store.update(gen_id, **fresh)  # waiting before any sending: go on
        # a new request: FAILED was refunded, an ERROR before sending cost nothing, and a
        # forgotten or maybe-sent one is sent again because the user said so
        changes: dict[str, Any] = dict(status=Status.DRAFT, remote_id=None, result_urls=[],
                                       submitted_at=None, remote_status=None, **fresh)
        if gen.problem is Problem.FORGOTTEN and not gen.source_is_url:
            changes.update(image_url=None, mask_url=None)  # hosted links may have expired
        return self.store.update(gen_id, **changes)

    def cancel(self, gen_id: int) -> Generation:
        """Stop following a generation ("give up"); a paid one keeps its credit spent."""
        self.trouble.forget(gen_id)
        with self._lock:
            self._cancelled.add(gen_id)
        gen = self.store.get(gen_id)
        if gen.status.finished:
            return gen
        gen = self.store.update(gen_id, status=Status.CANCELLED, problem=None, retry_at=None,
                                error=Msg.GAVE_UP()
                                if gen.remote_id and gen.engine is EngineName.CLOUD else None)
        self._release(gen_id)
        return gen

    def credits(self, engine: EngineName) -> Credits | None:
        return self.engines(engine, None).credits()

    def close(self) -> None:
        """Let go of every claim this pipeline holds and stop renewing them."""
        with self._lock:
            held, self._held = set(self._held), set()
        for gen_id in held:
            self.store.release(gen_id)

    # -- claims ----------------------------------------------------------------------------
    def _engine(self, gen: Generation) -> Engine:
        """The engine a generation goes on with: a sent one, with the account it was sent with."""
        return self.engines(gen.engine, gen.account)

    def _settle_account(self, account: str) -> None:
        """The last generation sent with an account has ended: a key kept for it can go."""
        if account not in self.store.pending_accounts():
            credentials.forget_account_key(account)

    def _claim(self, gen_id: int) -> bool:
        """Take or renew this process's claim; every step renews it, so it lasts while the
        work goes on (one step never takes as long as a lease)."""
        if not self.store.claim(gen_id):
            return False
        with self._lock:
            self._held.add(gen_id)
        return True

    def _release(self, gen_id: int) -> None:
        with self._lock:
            if gen_id not in self._held:
                return
            self._held.discard(gen_id)
        self.store.release(gen_id)

    # -- helpers -------------------------------------------------------------------------
    def _folder(self, *parts: str) -> Path:
        path = self.library_dir.joinpath(*parts)
        paths.private_dir(path)
        return path
