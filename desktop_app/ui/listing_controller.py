"""The listing side of the window: which listing the library shows, making one from a dropped
folder, renaming and archiving, filing photos by their content, keeping a version, the order of
the photos, and delivering the listing (files and the seller's PDF sheet).

The store (``core.listings``) is the model; this controller turns it into library rows and runs
what reads files (content hashes, exports, the sheet) on its own ``TaskRunner``. A running export
shows in the status bar (``ExportProgress``), whose Stop button ends it after the file being
written: the files written are whole and stay, the sheet is written whole or not at all.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app.core import delivery
from desktop_app.core.errors import InputError, SkyClearError
from desktop_app.core.listings import DEFAULT_LISTING, Listing, Listings, Photo, PhotoVersions
from desktop_app.core.messages import Message, Msg
from desktop_app.core.models import Generation
from desktop_app.core.workers import Workers
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs.seller_sheet import SheetNotSaved, sheet_pages, sheet_path, write_sheet
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui.i18n import fill
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.messages import error_text, message_text
from desktop_app.ui.prompts import Prompt, Shell
from desktop_app.ui.window_layout import StatusLabels
from desktop_app.ui.window_state import WindowState

__all__ = ["AddedPhotos", "ExportChoice", "ExportResult", "ListingController", "entry_for"]

log = logging.getLogger(__name__)


def entry_for(item: PhotoVersions) -> LibraryEntry:
    """The library row of one photo: its versions, oldest first, and the kept one."""
    photo = item.photo
    return LibraryEntry(source=photo.source, family=list(item.versions), added_at=photo.added_at,
                        photo_id=photo.id, kept_id=photo.kept_id, kept_index=photo.kept_index)


@dataclass(frozen=True)
class AddedPhotos:
    listing_id: int
    photos: list[Photo]  # every photo the files are, new or already there, in the order given
    new: int  # how many were not in the listing yet
    problems: list[str]  # one sentence per file that is not a photo SkyClear reads


@dataclass(frozen=True)
class ExportChoice:
    """What the Export listing dialog asked for."""

    folder: str
    options: delivery.DeliveryOptions
    sheet: bool  # also the before/after PDF for the seller


@dataclass(frozen=True)
class ExportResult:
    report: delivery.DeliveryReport
    sheet: Path | None
    sheet_problems: list[Message]
    folder: Path
    sheet_failed: Message | None = None  # why the sheet's file could not be saved (a
    # SHEET_WHY_… code), after the photos were written


class ListingController(QObject):
    changed = Signal()  # the current listing, or which photos it holds, changed: reload rows
    listingsChanged = Signal()  # a listing was made, renamed or archived
    photosAdded = Signal(object)  # AddedPhotos, once filed
    exportProgress = Signal(int, int)  # files done, files in all (from the worker)
    sheetProgress = Signal(int, int)  # pages of the seller's sheet done, in all (worker)
    exported = Signal(object)  # ExportResult, once the user was told

    def __init__(self, ws: Workspace, shell: Shell, prompt: Prompt, labels: StatusLabels,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.shell, self.prompt = ws, shell, prompt
        self.progress = progress = labels.export
        self.listings = Listings(ws.store)
        self.tasks = TaskRunner(1, self)
        self.export_tasks = TaskRunner(1, self)
        self._stop_export = threading.Event()
        self._exporting = False
        progress.stopRequested.connect(self.stop_export)
        self.exportProgress.connect(self._export_progress)
        self.sheetProgress.connect(self._sheet_progress)
        self.current_id = self._initial_listing()

    def close(self, msecs: int = 10_000) -> None:
        self._stop_export.set()
        for runner in (self.tasks, self.export_tasks):
            runner.close(msecs)

    def _initial_listing(self) -> int:
        saved = WindowState.load().listing
        in_use = {x.id for x in self.listings.all()}
        if saved in in_use:
            return saved
        return min(in_use) if in_use else self.listings.open(DEFAULT_LISTING).id

    def start(self) -> None:
        """File the jobs of an older store (or of the command line without a listing): reading
        the photos takes a moment, so off the GUI thread."""
        self.tasks.submit(self.listings.file_unlisted, on_done=self._filed,
                          on_error=self.shell.show_error)

    def _filed(self, listing: Listing | None) -> None:
        if listing is not None:
            self.listingsChanged.emit()
            if listing.id == self.current_id:
                self.changed.emit()

    # -- listings ---------------------------------------------------------------------------
    def current(self) -> Listing:
        return self.listings.get(self.current_id)

    def all(self) -> list[Listing]:
        return self.listings.all()

    def switch(self, listing_id: int) -> None:
        if listing_id == self.current_id:
            return
        self.current_id = self.listings.get(listing_id).id
        state = WindowState.load()
        state.listing = listing_id
        state.save()
        self.changed.emit()

    def create(self, name: str) -> Listing | None:
        try:
            listing = self.listings.create(name)
        except SkyClearError as err:
            self.shell.show_error(err)
            return None
        self.listingsChanged.emit()
        self.switch(listing.id)
        return listing

    def rename(self, name: str) -> bool:
        try:
            self.listings.rename(self.current_id, name)
        except SkyClearError as err:
            self.shell.show_error(err)
            return False
        self.listingsChanged.emit()
        return True

    def ask_new(self) -> None:
        name = self.prompt.ask_text(self.tr("New listing"),
                                    self.tr("Name (an address, a client):"))
        if name is not None and name.strip():
            self.create(name)

    def ask_rename(self) -> None:
        name = self.prompt.ask_text(self.tr("Rename listing"), self.tr("New name:"),
                                    self.current().name)
        if name is not None and name.strip():
            self.rename(name)

    def ask_archive(self) -> None:
        if self.prompt.confirm(self.tr("Archive listing"), fill(self.tr(
                "Put “%1” away? Its photos and results stay on this computer."),
                self.current().name)):
            self.archive()

    def archive(self) -> None:
        """Put the current listing away and show another (a new default one if none is left)."""
        self.listings.archive(self.current_id)
        remaining = self.listings.all()
        self.current_id = remaining[-1].id if remaining else \
            self.listings.open(DEFAULT_LISTING).id
        self.listingsChanged.emit()
        self.changed.emit()

    # -- photos -----------------------------------------------------------------------------
    def entries(self) -> list[LibraryEntry]:
        return [entry_for(item) for item in self.listings.with_versions(self.current_id)]

    def entry(self, photo_id: int) -> LibraryEntry:
        return entry_for(self.listings.versions(photo_id))

    def add_photos(self, photos: list[str], folder: str | None = None) -> None:
        """File photo files into the current listing, or into the listing of ``folder`` (made
        when the folder was never dropped before). Hashing reads every file: off-thread."""
        self.tasks.submit(self._add, list(photos), folder, on_done=self._added,
                          on_error=self.shell.show_error)

    def _add(self, photos: list[str], folder: str | None) -> AddedPhotos:
        listing_id = self.listings.for_folder(folder).id if folder else self.current_id
        found: list[Photo] = []
        problems: list[str] = []
        new = 0
        for path in photos:
            try:
                photo, is_new = self.listings.add_photo(listing_id, path)
            except SkyClearError as err:
                problems.append(error_text(err))
                continue
            new += is_new
            if photo not in found:
                found.append(photo)
        return AddedPhotos(listing_id, found, new, problems)

    def _added(self, added: AddedPhotos) -> None:
        if added.listing_id != self.current_id:
            self.listingsChanged.emit()
            self.current_id = added.listing_id
            state = WindowState.load()
            state.listing = added.listing_id
            state.save()
        self.changed.emit()
        self.photosAdded.emit(added)

    def photo_of(self, gen: Generation) -> Photo | None:
        return self.listings.photo_of(gen)

    def remove(self, photo_id: int) -> None:
        self.listings.remove_photo(photo_id)

    def keep(self, entry: LibraryEntry, gen_id: int, index: int = 0) -> bool:
        """Keep a result (or, when it is the kept one already, keep none); True if changed."""
        if entry.photo_id is None:
            return False
        try:
            if entry.kept_id == gen_id and entry.kept_index == index:
                self.listings.unkeep(entry.photo_id)
            else:
                self.listings.keep(entry.photo_id, gen_id, index)
        except InputError as err:
            self.shell.show_error(err)
            return False
        return True

    def move(self, photo_id: int, position: int) -> None:
        self.listings.move(photo_id, position)

    # -- delivering -------------------------------------------------------------------------
    def ask_export(self, entries: list[LibraryEntry]) -> None:
        """The Export listing dialog, then the export (``entries``: the rows shown)."""
        if self._exporting:
            self.shell.show_status(self.tr(
                "The listing is being exported: stop the export or wait for it to end."))
            return
        listing = self.current()
        kept = sum(1 for e in entries if e.kept is not None)
        state = WindowState.load()
        parent = Path(state.export_folder) if state.export_folder else Path.home()
        choice = self.prompt.ask_listing_export(listing.name, len(entries), kept,
                                                str(parent / listing.name))
        if choice is None:
            return
        state.export_folder = str(Path(choice.folder).parent)
        state.save()
        self.export(choice)

    def _export_progress(self, done: int, total: int) -> None:
        self.progress.say(fill(self.tr("Exporting: %1 of %n file(s) written…", "", total), done))

    def _sheet_progress(self, done: int, total: int) -> None:
        self.progress.say(fill(self.tr("Before/after sheet: page %1 of %2…"), done, total))

    def _export_over(self) -> None:
        self._exporting = False
        self.progress.finish()

    def _export_failed(self, error: BaseException) -> None:
        self._export_over()
        self.shell.show_error(error)

    def _exported(self, result: ExportResult) -> None:
        self._export_over()
        written = len(result.report.written)
        folder = str(result.folder)
        problems = result.report.problems + result.sheet_problems
        if result.report.lost is not None:  # the export's process died
            said = message_text(result.report.lost)
            if written:
                said = fill(self.tr(
                    "The export stopped unexpectedly, perhaps for lack of memory: %n of %1 "
                    "file(s) were written to %2, complete and kept. Close other programs and "
                    "export again.", "", written), result.report.planned, folder)
            self.shell.show_banner("\n".join([said, *map(message_text, problems)]), "error")
        elif result.sheet_failed is not None:
            said = fill(self.tr(
                "%n photo(s) exported to %1. The before/after sheet could not be saved there "
                "(%2); the photos are complete, export again to make the sheet.", "", written),
                folder, message_text(result.sheet_failed).rstrip("."))
            self.shell.show_banner("\n".join([said, *map(message_text, problems)]), "error")
        elif problems:
            self.shell.show_banner("\n".join(map(message_text, problems)), "error")
        elif result.report.cancelled:
            self.shell.show_banner(self._stopped_text(written, result.report.planned, folder),
                                   "warning")
        else:
            text = fill(self.tr("%n file(s) exported to %1.", "", written), folder)
            if result.sheet is not None:
                text += " " + fill(self.tr("The before/after sheet is %1."), result.sheet.name)
            self.shell.show_banner(text, "info")
        stopped = result.report.cancelled or result.report.lost is not None
        self.shell.show_status(self.tr("Export stopped.") if stopped
                               else self.tr("Export finished."))
        self.exported.emit(result)

    def _stopped_text(self, written: int, planned: int, folder: str) -> str:
        if not written:
            return self.tr("Export stopped before any file was written.")
        if written == planned:  # stopped while the sheet was drawn
            return fill(self.tr("Export stopped while the before/after sheet was drawn: %n "
                                "file(s) written to %1, complete and kept; no sheet was "
                                "written.", "", written), folder)
        return fill(self.tr("Export stopped: %1 of %n file(s) written to %2. Those files are "
                            "complete and kept; export again to write them all.", "", planned),
                    written, folder)

    def export(self, choice: ExportChoice) -> None:
        """Write the listing's delivery (and the sheet) on a worker; ``exported`` says how it
        went, ``exportProgress`` as it goes."""
        self._stop_export.clear()
        self._exporting = True
        listing = self.current()
        items = self.listings.with_versions(listing.id)
        self.progress.start(fill(self.tr("Exporting “%1”…"), listing.name))
        self.export_tasks.submit(self._export, listing.name, items, choice,
                                 on_done=self._exported, on_error=self._export_failed)

    def _export(self, name: str, items: list[PhotoVersions], choice: ExportChoice
                ) -> ExportResult:
        # photos are decoded and encoded, the sheet drawn, in a worker process: that work would
        # hold the interpreter lock for stretches the window's thread feels as stalls. One
        # process, for this export only: the sheet stays open in it from page to page.
        render = Workers(1, stopped=Msg.DELIVERY_STOPPED, closed=Msg.DELIVERY_STOPPED)
        try:
            report = delivery.deliver(items, choice.folder, choice.options,
                                      on_progress=self.exportProgress.emit,
                                      stop=self._stop_export, run=render.run)
            sheet_file: Path | None = None
            sheet_problems: list[Message] = []
            sheet_failed: Message | None = None
            pages = sheet_pages(items)
            if choice.sheet and pages and not report.cancelled and report.lost is None:
                try:
                    sheet = write_sheet(sheet_path(choice.folder, name), name, pages,
                                        on_progress=self.sheetProgress.emit,
                                        stop=self._stop_export, run=render.run)
                except SheetNotSaved as err:  # the photos are written all the same: say both
                    sheet_failed = err.reason
                else:
                    sheet_file, sheet_problems = sheet.path, sheet.problems
                    if sheet.stopped:
                        report = replace(report, cancelled=True)
        finally:
            render.close(wait=True)  # idle by now (or dead): it ends at once
        return ExportResult(report, sheet_file, sheet_problems, Path(choice.folder).expanduser(),
                            sheet_failed)

    def stop_export(self) -> None:
        """End the running export after the file (or sheet page) being written; nothing when
        none runs."""
        if self._exporting:
            self._stop_export.set()
