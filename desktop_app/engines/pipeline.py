"""Drives generations through their life, one recorded step at a time, for the CLI and the window.

Each step is written to the store before it starts and after it ends, so a crash anywhere
leaves a row that says what to do next — and, above all, whether the paid request may already
have been sent.

    PREPARE  → the photo is oriented, converted, stripped and capped (``prepared_path``)
    UPLOAD   → the prepared photo (and mask) are put online (``image_url``, ``mask_url``)
    SUBMIT   → generate / generate-variation (``remote_id``); never re-sent automatically
    POLL     → get, on the shared poll schedule, until SUCCEEDED or FAILED
    DOWNLOAD → every result is copied into the library (``result_files``) → DONE
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop_app.core import imaging, masks
from desktop_app.core.errors import (
    EngineError,
    InputError,
    MaskError,
    NoSkyError,
    SkyClearError,
    UncertainSubmitError,
)
from desktop_app.core.models import Credits, EngineName, Generation, Service, Status
from desktop_app.core.poll import PollSchedule
from desktop_app.core.store import JobStore
from desktop_app.engines.base import Engine

log = logging.getLogger(__name__)

MaskInput = Path | Any  # a PNG path or a NumPy array (bool or 0/255)


class Action(StrEnum):
    PREPARE = "prepare"
    UPLOAD = "upload"
    SUBMIT = "submit"
    POLL = "poll"
    DOWNLOAD = "download"


@dataclass(frozen=True)
class StepResult:
    gen: Generation
    delay: float | None  # seconds until the next step; None when the generation is finished


INTERRUPTED_SUBMIT = (
    "SkyClear was interrupted while sending this request, so it may or may not have reached "
    "IACrea. It was not sent again, so you are not charged twice: press Retry to send it anyway.")


class Pipeline:
    def __init__(self, store: JobStore, engines: Callable[[EngineName], Engine],
                 library_dir: Path, *, max_side: int = 4096,
                 schedule_factory: Callable[[float | None], PollSchedule] | None = None) -> None:
        self.store = store
        self.engines = engines
        self.library_dir = library_dir
        self.max_side = max_side
        self._schedule_factory = schedule_factory or (lambda t: PollSchedule(started_at=t))
        self._schedules: dict[int, PollSchedule] = {}
        self._cancelled: set[int] = set()
        self._lock = threading.Lock()

    # -- creating work -------------------------------------------------------------------
    def new_generation(self, source: str | Path, service: Service, engine: EngineName, *,
                       auto: bool = True, webhook: str | None = None,
                       mask: MaskInput | None = None, seed: int | None = None) -> Generation:
        """Check the input and record a DRAFT generation; raises a SkyClearError when unusable.

        ``seed`` (local engine) picks the sky or fill; by default a random one."""
        source = str(source)
        is_url = source.startswith(("http://", "https://"))
        if not is_url:
            source = str(Path(source).expanduser().resolve())
            imaging.inspect_image(Path(source))
        if service is Service.DECLUTTER and engine is EngineName.LOCAL and mask is None:
            raise EngineError(
                "The local engine cannot find objects to remove by itself: paint a mask over "
                "them, or use the IACrea cloud engine for automatic detection.")
        if mask is not None and engine is EngineName.CLOUD:
            raise InputError("With the IACrea cloud, a mask is used for a variation of a photo "
                             "already processed: generate first, then ask for a variation.")
        if mask is not None and is_url:
            raise InputError("A mask needs the photo as a file on this computer, not a URL.")
        hosted = is_url and self.engines(engine).needs_hosting  # the service fetches it as is
        gen = Generation(service=service, source=source, engine=engine,
                         auto=auto if mask is None else False, webhook=webhook or None,
                         seed=secrets.randbelow(2**31) if seed is None else seed,
                         image_url=source if hosted else None)
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
            raise InputError("A variation can only be asked of a finished result.")
        if parent.service is Service.DECLUTTER and mask is None:
            raise MaskError("A declutter variation needs a mask: paint over what should be "
                            "removed.")
        if parent.service is Service.SKY and mask is not None and parent.engine is \
                EngineName.CLOUD:
            raise InputError("An Interior sky variation needs no mask.")
        gen = Generation(
            service=parent.service, source=parent.source, engine=parent.engine,
            parent_id=parent.id, parent_remote_id=parent.remote_id,
            root_id=parent.root_id, project_id=parent.project_id, auto=False,
            webhook=parent.webhook, seed=secrets.randbelow(2**31),
            prepared_path=parent.prepared_path,
            # sky variations need no upload; declutter re-hosts the original (URLs expire)
            image_url=parent.image_url if parent.source_is_url else None,
            mask_path=parent.mask_path if parent.service is Service.SKY else None)
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
        except SkyClearError:
            self.store.delete_generation(gen.id)
            raise
        return self.store.update(gen.id, mask_path=str(dest))

    # -- the steps -----------------------------------------------------------------------
    def next_action(self, gen: Generation) -> Action | None:
        if gen.status.finished:
            return None
        if gen.status is Status.SUCCEEDED:
            return Action.DOWNLOAD
        if gen.remote_id:
            return Action.POLL
        engine = self.engines(gen.engine)
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
        """Run the next action of one generation. Errors of the job become its status; only a
        missing engine configuration (no API key yet) raises, as ``ConfigError``."""
        gen = self.store.get(gen_id)
        action = self.next_action(gen)
        if action is None:
            return StepResult(gen, None)
        try:
            result: StepResult = getattr(self, f"_do_{action.value}")(gen)
        except SkyClearError as err:
            result = self._on_error(gen, action, err)
        with self._lock:
            cancelled = gen_id in self._cancelled
        if cancelled and not result.gen.status.finished:
            # cancelled while this step ran: the step's own writes must not revive it
            return StepResult(self.store.update(gen_id, status=Status.CANCELLED), None)
        return result

    def _on_error(self, gen: Generation, action: Action, err: SkyClearError) -> StepResult:
        assert gen.id is not None
        if err.transient and action in (Action.POLL, Action.DOWNLOAD):
            schedule = self._schedule(gen)
            if not schedule.expired:
                schedule.note_error()
                retry_after = getattr(err, "retry_after", None)
                log.info("generation %s: %s; trying again", gen.id, err)
                updated = self.store.update(gen.id, error=str(err))
                return StepResult(updated, schedule.next_delay(retry_after))
        log.warning("generation %s stopped at %s: %s", gen.id, action.value, err)
        updated = self.store.update(gen.id, status=Status.ERROR, error=str(err))
        self._forget(gen.id)
        return StepResult(updated, None)

    def _do_prepare(self, gen: Generation) -> StepResult:
        assert gen.id is not None
        self.store.update(gen.id, status=Status.PREPARING, error=None)
        source = Path(gen.source)
        if gen.source_is_url:  # a URL for the local engine: fetch it once, then as a file
            source = self.engines(gen.engine).fetch(
                gen.source, self._folder("uploads") / f"source-{gen.id}")
        prepared = self._prepare_file(source)
        return StepResult(self.store.update(gen.id, prepared_path=str(prepared)), 0)

    def _prepare_file(self, source: Path) -> Path:
        if not source.exists():
            raise InputError(f"The photo {source.name} is no longer there: was it moved or "
                             "deleted?")
        return imaging.prepare_image(source, self._folder("uploads"),
                                     max_side=self.max_side).path

    def _do_upload(self, gen: Generation) -> StepResult:
        assert gen.id is not None
        gid = gen.id
        engine = self.engines(gen.engine)
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
        engine = self.engines(gen.engine)
        if gen.status is Status.SUBMITTING and not engine.resubmit_is_free:
            # A previous attempt was cut off mid-request: it may have been charged.
            raise UncertainSubmitError(INTERRUPTED_SUBMIT)
        self.store.update(gid, status=Status.SUBMITTING, error=None)
        submission = engine.submit(self.store.get(gid))
        now = time.time()
        changes: dict[str, Any] = dict(
            remote_id=submission.remote_id, status=Status.STARTING, submitted_at=now)
        if submission.project_id:
            changes["project_id"] = submission.project_id
        if submission.remaining_credits is not None:
            changes["remaining_credits"] = submission.remaining_credits
        gen = self.store.update(gid, **changes)
        return StepResult(gen, self._schedule(gen).next_delay())

    def _do_poll(self, gen: Generation) -> StepResult:
        assert gen.id is not None
        gid = gen.id
        schedule = self._schedule(gen)
        result = self.engines(gen.engine).poll(gen)
        if result.status is Status.SUCCEEDED:
            if not result.results:
                raise EngineError("The service finished but sent no picture back.")
            gen = self.store.update(gid, status=Status.SUCCEEDED, error=None,
                                    result_urls=list(result.results),
                                    variation_number=result.variation_number)
            return StepResult(gen, 0)
        if result.status is Status.FAILED:
            reason = f" ({result.message})" if result.message else ""
            refund = " The photo credit was refunded." if gen.engine is EngineName.CLOUD else ""
            error = f"The service could not process this photo{reason}.{refund}"
            if result.message == NoSkyError.MESSAGE:  # not a fault: the photo has no sky
                error = NoSkyError.MESSAGE
            gen = self.store.update(gid, status=Status.FAILED, error=error)
            self._forget(gid)
            return StepResult(gen, None)
        gen = self.store.update(gid, status=result.status, error=None)
        if schedule.expired:
            raise EngineError("No result after a long wait; the service still has the job. "
                              "Press Retry to check again later.")
        return StepResult(gen, schedule.next_delay())

    def _do_download(self, gen: Generation) -> StepResult:
        assert gen.id is not None
        gid = gen.id
        engine = self.engines(gen.engine)
        folder = self._folder("results", str(gen.root_id))
        stem = Path(gen.source.split("?")[0]).stem[:60] or "photo"
        files = list(gen.result_files)
        for n, ref in enumerate(gen.result_urls[len(files):], start=len(files) + 1):
            suffix = Path(ref.split("?")[0]).suffix.lower()
            suffix = suffix if suffix in (".jpg", ".jpeg", ".png", ".webp") else ".jpg"
            dest = folder / f"{stem}-{gen.service.value}-{gid}-{n}{suffix}"
            files.append(str(engine.fetch(ref, dest)))
            gen = self.store.update(gid, result_files=files)  # paid work is kept at once
        gen = self.store.update(gid, status=Status.DONE, error=None)
        self._forget(gid)
        return StepResult(gen, None)

    # -- driving -------------------------------------------------------------------------
    def run(self, gen_id: int, *, on_update: Callable[[Generation], None] | None = None,
            stop: threading.Event | None = None) -> Generation:
        """Step one generation to its end (blocking; for the CLI and worker threads)."""
        stop = stop or threading.Event()
        while True:
            result = self.step(gen_id)
            if on_update:
                on_update(result.gen)
            if result.delay is None or stop.is_set():
                return result.gen
            if result.delay and stop.wait(result.delay):
                return self.store.get(gen_id)

    def resume(self) -> list[Generation]:
        """The unfinished generations, made ready to continue after a quit or a crash."""
        pending = []
        for gen in self.store.unfinished():
            assert gen.id is not None
            if gen.status is Status.DRAFT:
                continue  # a photo added but never sent: the user decides when
            if self.engines(gen.engine).resubmit_is_free and gen.status is not Status.SUCCEEDED:
                # A local job lives in the process that ran it: start it again (it is free).
                gen = self.store.update(gen.id, remote_id=None, status=Status.PREPARING)
            pending.append(gen)
        return pending

    def retry(self, gen_id: int) -> Generation:
        """Continue a stopped generation: re-poll what the service has, re-send what failed."""
        gen = self.store.get(gen_id)
        self._forget(gen_id)
        with self._lock:
            self._cancelled.discard(gen_id)
        if gen.status is Status.FAILED or (gen.status is Status.ERROR and not gen.remote_id):
            # FAILED was refunded; an ERROR before the service had it cost nothing (or the user
            # accepts an uncertain send): either way a new request is sent.
            return self.store.update(gen_id, status=Status.DRAFT, remote_id=None, error=None,
                                     result_urls=[], submitted_at=None)
        if gen.status in (Status.ERROR, Status.CANCELLED):
            status = Status.SUCCEEDED if gen.result_urls else Status.PROCESSING
            return self.store.update(gen_id, status=status, error=None)
        return gen

    def cancel(self, gen_id: int) -> Generation:
        self._forget(gen_id)
        with self._lock:
            self._cancelled.add(gen_id)
        gen = self.store.get(gen_id)
        if gen.status.finished:
            return gen
        return self.store.update(gen_id, status=Status.CANCELLED,
                                 error="Stopped. Anything already sent may still be charged."
                                 if gen.remote_id and gen.engine is EngineName.CLOUD else None)

    def credits(self, engine: EngineName) -> Credits | None:
        return self.engines(engine).credits()

    # -- helpers -------------------------------------------------------------------------
    def _schedule(self, gen: Generation) -> PollSchedule:
        assert gen.id is not None
        with self._lock:
            schedule = self._schedules.get(gen.id)
            if schedule is None:
                schedule = self._schedule_factory(gen.submitted_at or None)
                self._schedules[gen.id] = schedule
            return schedule

    def _forget(self, gen_id: int) -> None:
        with self._lock:
            self._schedules.pop(gen_id, None)

    def _folder(self, *parts: str) -> Path:
        path = self.library_dir.joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        return path
