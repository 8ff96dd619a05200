"""Generations in flight, as the window shows them: every poller update reaches the photo's row
and the account; the selected photo's job is worded in the panel, with a clock while it runs; a
finished job is announced in the status line and, when the window is not in front, as a desktop
notification."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.core.models import EngineName, Generation, Status
from desktop_app.jobs.poller import JobUpdate, Poller
from desktop_app.ui.account_controller import AccountController
from desktop_app.ui.banner import Banner
from desktop_app.ui.generation_controller import (
    GenerationController,
    failed_generation,
    found_no_sky,
)
from desktop_app.ui.job_status import job_panel_text, service_name
from desktop_app.ui.library_controller import LibraryController
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.messages import job_error_text
from desktop_app.ui.notifier import Notifier
from desktop_app.ui.preview_controller import PreviewController
from desktop_app.ui.prompts import Shell
from desktop_app.ui.service_panel import ServicePanel

__all__ = ["JobsController"]


class JobsController(QObject):
    updated = Signal(object, bool)  # JobUpdate taken in; whether it is the selected photo's

    def __init__(self, poller: Poller, library: LibraryController, account: AccountController,
                 preview: PreviewController, generation: GenerationController,
                 panel: ServicePanel, banner: Banner, notifier: Notifier, shell: Shell,
                 current: Callable[[], LibraryEntry | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library, self.account, self.preview = library, account, preview
        self.generation, self.panel, self.banner, self.shell = generation, panel, banner, shell
        self._current = current
        self._updates: dict[int, JobUpdate] = {}  # the latest of each job still running
        self._closed = False
        self.notifier = notifier
        self._clock = QTimer(self)  # "Processing · 0:12" counts while the job runs
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.refresh_panel)
        poller.updated.connect(self._take)

    def close(self) -> None:
        """Take no more updates (the window is closing)."""
        self._closed = True
        self._clock.stop()

    def refresh_panel(self) -> None:
        """Word the selected photo's job in the panel; the clock runs while the job does."""
        entry = self._current()
        gen = entry.current if entry is not None else None
        if entry is None or gen is None:
            self.panel.set_job(None)
            self._clock.stop()
            return
        words = job_panel_text(gen, self._updates.get(gen.id or -1), entry.busy,
                               len(entry.done))
        self.panel.set_job(words.text, elapsed=words.elapsed, busy=words.busy,
                           error=words.error, can_retry=failed_generation(entry) is not None,
                           can_stop=words.busy, review_sky=found_no_sky(failed_generation(entry)))
        if words.busy and not self._clock.isActive() and not self._closed:
            self._clock.start()
        elif not words.busy:
            self._clock.stop()

    def _take(self, update: JobUpdate) -> None:
        if self._closed:
            return
        gen = update.gen
        self._updates[update.gen_id] = update
        self.library.take_update(gen)
        self.account.take_update(update)
        entry = self._current()
        is_current = entry is not None and entry.has_root(gen.root_id)
        if update.finished:
            self._updates.pop(update.gen_id, None)
            self._finished(gen, is_current)
        elif gen.error and gen.engine is EngineName.CLOUD:
            self.account.check_connection_soon()
        if is_current:
            self.refresh_panel()
        self.updated.emit(update, is_current)

    def _finished(self, gen: Generation, is_current: bool) -> None:
        name = gen.source.split("?")[0].replace("\\", "/").rsplit("/", 1)[-1]
        if gen.status is Status.DONE:
            entry = self._current()
            if is_current and entry is not None:
                self.preview.show_entry(entry, prefer_after=f"{gen.id}:0")
                if self.banner.context == entry.key:
                    self.banner.dismiss()
            self.shell.show_status(self.tr("{0}: result ready.").format(name), 6000)
            self.notifier.notify(self.tr("Result ready"), self.tr(
                "{0} — {1} is ready to compare.").format(name, service_name(gen.service)))
            if gen.engine is EngineName.CLOUD:
                self.account.set_online(True)
        elif gen.status in (Status.FAILED, Status.ERROR):
            error = job_error_text(gen) or ""
            if is_current:
                self.generation.show_failure(gen, self._current())
                # The banner and the panel say it; the status line is cleared rather than say
                # it a third time (or still say "Sending 1 photo…").
                self.shell.show_status("")
            else:
                self.shell.show_status(self.tr("{0}: {1}").format(name, error), 8000)
            self.notifier.notify(self.tr("Photo not processed"),
                                 self.tr("{0}: {1}").format(name, error))
        if gen.engine is EngineName.CLOUD:
            self.account.refresh_credits()  # a refund, or the balance after the last one
