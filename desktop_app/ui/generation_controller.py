"""Sending photos: Generate, New variation, Retry and Stop, with the questions they ask first
(the credits, a painted mask, the sky review) — all through the ``Prompt``, so tests answer
them with a fake."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs.poller import Poller
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui.account_controller import AccountController
from desktop_app.ui.actions import SelectionState
from desktop_app.ui.banner import Banner
from desktop_app.ui.library import LibraryEntry
from desktop_app.ui.prompts import BannerAction, Prompt, Shell
from desktop_app.ui.wording import photo_count

if TYPE_CHECKING:
    from desktop_app.ui.sky_review import SkyReview

__all__ = ["GenerationController", "failed_generation", "previous_mask", "selection_state"]

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


def previous_mask(entry: LibraryEntry) -> str | None:
    """The last mask painted for this photo, to start the editor from."""
    for gen in reversed(entry.family):
        if gen.mask_path and Path(gen.mask_path).exists():
            return gen.mask_path
    return None


def selection_state(selected: list[LibraryEntry], entry: LibraryEntry | None,
                    rows: int) -> SelectionState:
    """What the enabled actions depend on, from the library's selection."""
    return SelectionState(
        rows=rows, selected=len(selected), sendable=sum(1 for e in selected if not e.error),
        current=entry is not None, current_draft=bool(entry and entry.is_draft),
        has_result=bool(entry and entry.done), busy=bool(entry and entry.busy),
        failed=failed_generation(entry) is not None,
        viewing=entry is not None and not entry.error)


class GenerationController(QObject):
    created = Signal(str, object)  # library key, the new Generation
    variationCreated = Signal(object)  # Generation
    changed = Signal(object)  # a Generation retried or stopped

    def __init__(self, ws: Workspace, poller: Poller, account: AccountController, shell: Shell,
                 prompt: Prompt, banner: Banner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.poller, self.account, self.banner = ws, poller, account, banner
        self.shell, self.prompt = shell, prompt
        self.tasks = TaskRunner(2, self)

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
        if failed is not None and failed.error and failed.status is not Status.CANCELLED:
            self.show_failure(failed)
        elif self.banner.context is not None and self.banner.context != entry.key:
            self.banner.dismiss()

    def show_failure(self, gen: Generation) -> None:
        actions: list[BannerAction] = [(self.tr("Retry"), partial(self.retry, gen.id or -1))]
        # a stored failure is only its sentence (the error's class is not kept with the job)
        if gen.error is not None and "Settings" in gen.error:
            actions.append((self.tr("Open Settings"), self.shell.open_settings))
        self.shell.show_banner(gen.error or self.tr("This photo could not be processed."),
                               "error", actions=actions, context=f"project:{gen.root_id}")

    # -- Generate ---------------------------------------------------------------------------
    def generate(self, entries: list[LibraryEntry], engine: EngineName, service: Service,
                 auto: bool) -> None:
        if not entries:
            return
        if engine is EngineName.CLOUD:
            if self._refuse_cloud() or not self.account.confirm_spend(len(entries)):
                return
            self._create(entries, service, engine, auto, {})
            return
        # the local engine removes what is painted, and shows the sky it found before
        # painting a new one: one photo at a time
        masks: dict[str, Any] = {}
        if service is Service.SKY:  # a photo given as a URL takes the automatic result
            masks.update((e.source, None) for e in entries
                         if e.source.startswith(("http://", "https://")))
        self._ask_masks_then_create(entries, service, engine, masks, {})

    def _ask_masks_then_create(self, entries: list[LibraryEntry], service: Service,
                               engine: EngineName, masks: dict[str, Any],
                               seeds: dict[str, int]) -> None:
        """Ask for each photo's mask in turn (declutter: painted; sky: the reviewed regions,
        None = automatic, and the seed of the sky its preview showed), then create the
        generations; a cancel stops the whole batch."""
        pending = [e for e in entries if e.source not in masks]
        if not pending:
            chosen = [e for e in entries if masks[e.source] is not _SKIPPED]
            if chosen:
                self._create(chosen, service, engine, False, masks, seeds)
            else:
                self.shell.show_status(self.tr("Nothing sent: every photo was skipped."))
            return
        entry = pending[0]
        again = partial(self._ask_masks_then_create, entries, service, engine, masks, seeds)

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
            if not review.review_rest:  # the others take the automatic detection
                masks.update((e.source, None) for e in pending if e.source not in masks)
            again()

        if service is Service.SKY:
            number = len(entries) - len(pending) + 1
            self.prompt.request_sky_regions(entry.source, got_sky,
                                            position=(number, len(entries)))
            return
        self.prompt.request_mask(entry.source, previous_mask(entry), got_mask)

    def _create(self, entries: list[LibraryEntry], service: Service, engine: EngineName,
                auto: bool, masks: dict[str, Any], seeds: dict[str, int] | None = None) -> None:
        webhook = self.ws.settings.webhook or None
        for entry in entries:
            self.tasks.submit(self.ws.pipeline.new_generation, entry.source, service, engine,
                              auto=auto, webhook=webhook if engine is EngineName.CLOUD else None,
                              mask=masks.get(entry.source),
                              seed=(seeds or {}).get(entry.source),
                              on_done=partial(self._created, entry.key),
                              on_error=self.shell.show_error)
        self.shell.show_status(self.tr("Sending {0}…").format(photo_count(len(entries))))

    def _created(self, key: str, gen: Generation) -> None:
        assert gen.id is not None
        self.poller.track(gen.id)
        self.created.emit(key, gen)

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

    # -- Retry and Stop ---------------------------------------------------------------------
    def retry(self, gen_id: int) -> None:
        if self.ws.store.get(gen_id).engine is EngineName.CLOUD and self._refuse_cloud():
            return
        gen = self.ws.pipeline.retry(gen_id)
        self.poller.track(gen_id)
        self.changed.emit(gen)

    def stop(self, entry: LibraryEntry) -> None:
        for gen in entry.in_flight:
            assert gen.id is not None
            self.poller.forget(gen.id)
            self.changed.emit(self.ws.pipeline.cancel(gen.id))
