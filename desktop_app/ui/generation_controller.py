"""Sending photos: Generate, New variation, Retry and Stop, with the questions they ask first
(the credits, a painted mask, the sky review) — all through the ``Prompt``, so tests answer
them with a fake."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop_app.core.errors import NoSkyError
from desktop_app.core.listings import Listings
from desktop_app.core.messages import Msg
from desktop_app.core.models import EngineName, Generation, Problem, Service, Status
from desktop_app.engines.pipeline import RetryKind
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs.poller import Poller
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui.account_controller import AccountController
from desktop_app.ui.actions import SelectionState
from desktop_app.ui.banner import Banner
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.messages import job_error_text, job_offers_settings
from desktop_app.ui.prompts import BannerAction, Prompt, Shell

if TYPE_CHECKING:
    from desktop_app.ui.sky_review import SkyReview

__all__ = ["GenerationController", "failed_generation", "found_no_sky", "previous_mask",
           "selection_state", "stopped_generation"]

_SKIPPED = object()  # a photo of a batch the user chose not to send


def failed_generation(entry: LibraryEntry | None) -> Generation | None:
    """The photo's latest job when it failed or was stopped and nothing runs: what Retry
    retries."""
    if entry is None or entry.busy:
        return None
    latest = entry.latest
    if latest is not None and latest.status in (Status.FAILED, Status.ERROR, Status.CANCELLED):
        return latest
    return None


def found_no_sky(gen: Generation | None) -> bool:
    """The job ended because no sky was found: trying again would find none again; the way on
    is the sky review, where a missed window is added with a click."""
    if gen is None or gen.status is not Status.FAILED:
        return False
    if gen.error_message is not None:
        return gen.error_message.code is Msg.NO_SKY
    return gen.error == NoSkyError.MESSAGE  # a row stored before codes were kept


def stopped_generation(entry: LibraryEntry | None) -> Generation | None:
    """What "Retry all stopped" retries: a job that stopped on our side (not FAILED, which
    was refunded, nor one the user gave up on)."""
    failed = failed_generation(entry)
    return failed if failed is not None and failed.status is Status.ERROR else None


def previous_mask(entry: LibraryEntry) -> str | None:
    """The last mask painted for this photo, to start the editor from."""
    for gen in reversed(entry.family):
        if gen.mask_path and Path(gen.mask_path).exists():
            return gen.mask_path
    return None


def selection_state(selected: list[LibraryEntry], entry: LibraryEntry | None,
                    rows: int, *, starting: Callable[[str], bool] = lambda _key: False,
                    library: Iterable[LibraryEntry] = ()) -> SelectionState:
    """What the enabled actions depend on, from the library's selection. ``starting``: whether
    a photo (by key) is being set up to be sent; ``library``: every photo (for Retry all)."""
    on_way = {e.key for e in selected if e.busy or starting(e.key)}
    return SelectionState(
        rows=rows, selected=len(selected),
        sendable=sum(1 for e in selected if not e.error and e.key not in on_way),
        current=entry is not None, current_draft=bool(entry and entry.is_draft),
        has_result=bool(entry and entry.done), busy=bool(entry and entry.busy),
        failed=any(failed_generation(e) is not None for e in selected),
        in_progress=len(on_way),
        stopped=sum(1 for e in library if stopped_generation(e) is not None),
        viewing=entry is not None and not entry.error)


class GenerationController(QObject):
    created = Signal(str, object)  # library key, the new Generation
    variationCreated = Signal(object)  # Generation
    changed = Signal(object)  # a Generation retried or stopped
    startingChanged = Signal()  # photos began or ended being set up (see is_starting)

    def __init__(self, ws: Workspace, poller: Poller, account: AccountController, shell: Shell,
                 prompt: Prompt, banner: Banner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.poller, self.account, self.banner = ws, poller, account, banner
        self.shell, self.prompt = shell, prompt
        self.tasks = TaskRunner(2, self)
        self._listings = Listings(ws.store)
        self._starting: set[str] = set()  # library keys whose generation is being created

    def is_starting(self, key: str) -> bool:
        """Generate was pressed for this photo and its job is being set up."""
        return key in self._starting

    def close(self, msecs: int = 10_000) -> None:
        self.tasks.close(msecs)

    def _refuse_cloud(self, need_host: bool = True) -> bool:
        """Show why a cloud request cannot go now, with the way to fix it; True if so."""
        problem = self.account.cloud_problem(need_host=need_host)
        if problem is not None:
            self.shell.show_error(problem)  # it offers Settings, where it is fixed
        return problem is not None

    # -- what went wrong -------------------------------------------------------------------
    def show_problem(self, entry: LibraryEntry) -> None:
        """When a photo is selected, say what went wrong with it (or clear an older message)."""
        if entry.error:
            self.shell.show_banner(entry.error, "error", context=entry.key)
            return
        failed = failed_generation(entry)
        if failed is not None and job_error_text(failed) and failed.status is not Status.CANCELLED:
            self.show_failure(failed, entry)
        elif self.banner.context is not None and self.banner.context != entry.key:
            self.banner.dismiss()

    def show_failure(self, gen: Generation, entry: LibraryEntry | None = None) -> None:
        actions: list[BannerAction] = [(self.tr("Retry"), partial(self.retry, [gen.id or -1]))]
        if found_no_sky(gen):
            actions = [(self.tr("Review sky…"), partial(self.review_sky, [entry]))] \
                if entry is not None else []
        if job_offers_settings(gen):  # the stored failure's code says where it is fixed
            actions.append((self.tr("Open Settings"), self.shell.open_settings))
        self.shell.show_banner(job_error_text(gen) or self.tr("This photo could not be processed."),
                               "error", actions=actions, context=f"project:{gen.root_id}")

    # -- Generate ---------------------------------------------------------------------------
    def generate(self, entries: list[LibraryEntry], engine: EngineName, service: Service,
                 auto: bool) -> None:
        # a photo already on its way is never sent again by a second click
        entries = [e for e in entries if not e.busy and e.key not in self._starting]
        if not entries:
            return
        if engine is EngineName.CLOUD:
            if self._refuse_cloud() or not self._confirm_again(entries) or \
                    not self._confirm_many(len(entries)) or \
                    not self.account.confirm_spend(len(entries)):
                return
            self._create(entries, service, engine, auto, {})
            return
        # the local engine removes what is painted, and shows the sky it found before
        # painting a new one: one photo at a time
        masks: dict[str, Any] = {}
        if service is Service.SKY:  # a photo given as a URL takes the automatic result
            masks.update((e.source, None) for e in entries
                         if e.source.startswith(("http://", "https://")))
        self._ask_masks_then_create(entries, service, engine, masks, {}, {})

    def _ask_masks_then_create(self, entries: list[LibraryEntry], service: Service,
                               engine: EngineName, masks: dict[str, Any],
                               seeds: dict[str, int], darks: dict[str, str]) -> None:
        """Ask for each photo's mask in turn (declutter: painted; sky: the reviewed regions,
        None = automatic, the seed of the sky its preview showed and the darker shot it was
        found with), then create the generations; a cancel stops the whole batch."""
        pending = [e for e in entries if e.source not in masks]
        if not pending:
            chosen = [e for e in entries if masks[e.source] is not _SKIPPED]
            if chosen:
                self._create(chosen, service, engine, False, masks, seeds, darks)
            else:
                self.shell.show_status(self.tr("Nothing to do: every photo was skipped."))
            return
        entry = pending[0]
        again = partial(self._ask_masks_then_create, entries, service, engine, masks, seeds,
                        darks)

        def got_mask(mask: Any) -> None:
            if mask is None:
                self.shell.show_status(self.tr("Generate cancelled: no mask painted."))
                return
            masks[entry.source] = mask
            again()

        def got_sky(review: SkyReview | None) -> None:
            if review is None:
                self.shell.show_status(self.tr("Generate cancelled."))
                return
            masks[entry.source] = _SKIPPED if review.skip else review.mask
            if review.seed is not None:
                seeds[entry.source] = review.seed
            if review.dark_frame is not None:
                darks[entry.source] = review.dark_frame
            if not review.review_rest:  # the others take the automatic detection
                masks.update((e.source, None) for e in pending if e.source not in masks)
            again()

        if service is Service.SKY:
            number = len(entries) - len(pending) + 1
            self.prompt.request_sky_regions(entry.source, got_sky,
                                            position=(number, len(entries)))
            return
        self.prompt.request_mask(entry.source, previous_mask(entry), got_mask)

    def _confirm_again(self, entries: list[LibraryEntry]) -> bool:
        """Generating a photo that already has a result spends another credit: ask."""
        done = sum(1 for e in entries if e.done)
        if not done:
            return True
        text = self.tr("%n photo(s) already have a result. Generating again uses a new credit "
                       "for each; New variation may cost less. Generate anyway?", "", done)
        return self.prompt.confirm(self.tr("Generate again?"), text)

    def _confirm_many(self, count: int) -> bool:
        """Above the threshold set in Settings, one more question before spending."""
        if count <= max(0, self.ws.settings.confirm_credits_above):
            return True
        return self.prompt.confirm(  # count > threshold >= 1: always several photos
            self.tr("Photo credits"),
            self.tr("This sends %n photo(s) to IACrea and uses one credit for each. Send "
                    "them?", "", count))

    def _create(self, entries: list[LibraryEntry], service: Service, engine: EngineName,
                auto: bool, masks: dict[str, Any], seeds: dict[str, int] | None = None,
                darks: dict[str, str] | None = None) -> None:
        webhook = self.ws.settings.webhook or None
        for entry in entries:
            if entry.key in self._starting:
                continue
            self._starting.add(entry.key)
            self.tasks.submit(self._new_job, entry.photo_id, entry.source, service, engine,
                              auto=auto, webhook=webhook if engine is EngineName.CLOUD else None,
                              mask=masks.get(entry.source),
                              seed=(seeds or {}).get(entry.source),
                              dark_frame=(darks or {}).get(entry.source),
                              on_done=partial(self._created, entry.key),
                              on_error=partial(self._not_created, entry.key))
        if engine is EngineName.LOCAL:
            self.shell.show_status(self.tr("Starting %n photo(s) on this computer…", "",
                                           len(entries)))
        else:
            self.shell.show_status(self.tr("Sending %n photo(s)…", "", len(entries)))
        self.startingChanged.emit()

    def _new_job(self, photo_id: int | None, source: str, service: Service, engine: EngineName,
                 **options: Any) -> Generation:
        """On a worker thread: the job, filed under its photo of the listing, so that the store
        is not written on the GUI thread (a write can wait behind the disk)."""
        gen = self.ws.pipeline.new_generation(source, service, engine, **options)
        if photo_id is not None:
            self._listings.file_job(photo_id, gen)
        return gen

    def _created(self, key: str, gen: Generation) -> None:
        assert gen.id is not None
        self._starting.discard(key)
        self.poller.track(gen.id)
        self.created.emit(key, gen)

    def _not_created(self, key: str, error: BaseException) -> None:
        self._starting.discard(key)
        self.shell.show_error(error)
        self.startingChanged.emit()

    # -- New variation ----------------------------------------------------------------------
    def new_variation(self, entry: LibraryEntry, parent: Generation) -> None:
        """Ask for another version of ``parent`` (a result of ``entry``)."""
        assert parent.id is not None
        if parent.engine is EngineName.CLOUD and (
                self._refuse_cloud(need_host=parent.service is Service.DECLUTTER)
                or not self.account.confirm_variation()):
            return
        submit: Callable[..., Any] = partial(
            self.tasks.submit, self.ws.pipeline.new_variation, parent.id,
            on_done=self._variation_created, on_error=self.shell.show_error)
        if parent.service is Service.SKY:
            submit()
            return

        def got_mask(mask: Any) -> None:
            if mask is not None:
                submit(mask=mask)

        image = parent.prepared_path or parent.source
        self.prompt.request_mask(image, previous_mask(entry), got_mask, variation=True)

    def _variation_created(self, gen: Generation) -> None:
        assert gen.id is not None
        self.poller.track(gen.id)
        self.shell.show_status(self.tr("Variation requested."))
        self.variationCreated.emit(gen)

    def review_sky(self, entries: list[LibraryEntry]) -> None:
        """Open the sky review for these photos (a missed window is added there with a click),
        then send each with the sky the user kept."""
        entries = [e for e in entries if not e.busy and e.key not in self._starting]
        if entries:
            self._ask_masks_then_create(entries, Service.SKY, EngineName.LOCAL, {}, {}, {})

    # -- Retry and Stop ---------------------------------------------------------------------
    def retry(self, gen_ids: list[int]) -> None:
        """Retry these generations: looking again is free; sending again when a credit may
        already be spent is asked first (once for all of them). A generation that is gone (its
        photo was removed) or already running is left alone."""
        gens = []
        for gen_id in gen_ids:
            try:
                gen = self.ws.store.get(gen_id)
            except KeyError:
                continue
            if self.poller.is_tracking(gen_id) or \
                    self.ws.pipeline.retry_kind(gen) is RetryKind.NONE:
                continue
            gens.append(gen)
        if not gens:
            return
        cloud = [g for g in gens if g.engine is EngineName.CLOUD]
        if cloud and any(self.ws.pipeline.retry_kind(g) is not RetryKind.FREE for g in cloud) \
                and self._refuse_cloud():
            return
        twice = sum(1 for g in gens if self.ws.pipeline.retry_kind(g) is RetryKind.RESEND)
        text = self.tr("%n photo(s) may already have used a credit: SkyClear was cut off while "
                       "sending, or IACrea no longer knows the job. Sending again may use a "
                       "second credit each. Send again?", "", twice)
        if twice and not self.prompt.confirm(self.tr("Send again?"), text):
            return
        for gen in gens:
            assert gen.id is not None
            retried = self.ws.pipeline.retry(gen.id)
            self.poller.track(gen.id)
            self.changed.emit(retried)

    def resume_after_settings(self) -> None:
        """New settings (a key entered, a host chosen): continue what waited for them."""
        for gen in self.ws.store.all():
            if gen.id is None or gen.problem is not Problem.SETTINGS:
                continue
            if gen.status.finished:
                self.changed.emit(self.ws.pipeline.retry(gen.id))
            self.poller.track(gen.id)
            self.poller.check_now(gen.id)

    def stop(self, entry: LibraryEntry) -> None:
        for gen in entry.in_flight:
            assert gen.id is not None
            self.poller.forget(gen.id)
            self.changed.emit(self.ws.pipeline.cancel(gen.id))
