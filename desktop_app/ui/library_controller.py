"""The library side of the window: the photos of the current listing (``ListingController``),
adding and removing them, their order, their thumbnails, the recent files."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import numpy as np
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QMenu

from desktop_app.core.drafts import DraftList
from desktop_app.core.errors import SkyClearError
from desktop_app.core.models import Generation
from desktop_app.core.settings import save_settings
from desktop_app.core.thumbnails import Thumbnail, find_photos, load_thumbnail
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs.poller import Poller
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui.image_arrays import rgb_to_qimage
from desktop_app.ui.library import LibraryModel, LibraryView
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.listing_controller import AddedPhotos, ListingController
from desktop_app.ui.messages import error_text
from desktop_app.ui.prompts import Prompt, Shell
from desktop_app.ui.wording import photo_count

__all__ = ["LibraryController"]

log = logging.getLogger(__name__)


def _first_thumbnail(source: str, candidates: list[str]) -> tuple[str, Thumbnail]:
    """The thumbnail of the first candidate that can be read (the kept version, the photo, its
    prepared copy, its first result), keyed by the photo's source."""
    error: SkyClearError | None = None
    for path in candidates:
        try:
            return source, load_thumbnail(path)
        except SkyClearError as err:
            error = error or err
    assert error is not None
    raise error


HOLD_MS = 1000  # the longest thumbnails wait for the photo on screen


class LibraryController(QObject):
    changed = Signal()  # rows were added, removed or replaced

    def __init__(self, ws: Workspace, model: LibraryModel, view: LibraryView, count: QLabel,
                 poller: Poller, listing: ListingController, shell: Shell, prompt: Prompt,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.model, self.view, self.count_label = ws, model, view, count
        self.poller, self.listing, self.shell, self.prompt = poller, listing, shell, prompt
        self.drafts = DraftList()  # photos added before listings existed: filed on start
        self.thumb_tasks = TaskRunner(1, self)  # 100 thumbnails never delay the photo on screen
        self._held: list[str] | None = None  # thumbnails asked for while they are held
        # one timer, restarted by each hold: a stale timer from an earlier, already shown photo
        # must not cut the next hold short
        self._hold_timer = QTimer(self, singleShot=True, interval=HOLD_MS,
                                  timerType=Qt.TimerType.PreciseTimer)
        self._hold_timer.timeout.connect(self.release_thumbnails)
        self.tasks = TaskRunner(1, self)
        model.thumbnailNeeded.connect(self._load_thumbnail)
        model.rowsMovedTo.connect(self._rows_moved)
        listing.changed.connect(self.reload)
        listing.photosAdded.connect(self._photos_filed)

    def close(self, msecs: int = 10_000) -> None:
        self._hold_timer.stop()
        for runner in (self.thumb_tasks, self.tasks):
            runner.close(msecs)

    def current_entry(self) -> LibraryEntry | None:
        return self.view.current_entry()

    # -- loading and counting ---------------------------------------------------------------
    def load(self) -> None:
        """Show the current listing, its first photo selected (old drafts are filed into it)."""
        self.reload()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))
        old_drafts = self.drafts.items()
        if old_drafts:
            self.listing.add_photos(old_drafts)
            for source in old_drafts:
                self.drafts.remove(source)

    def reload(self) -> None:
        """Rows again from the store (another listing, photos added, a job made elsewhere),
        keeping the selection on the photos that are still there."""
        selected = {e.key for e in self.view.selected_entries()}
        current = self.view.current_entry()
        self.model.set_entries(self.listing.entries())
        self.update_count()
        # said before the selection comes back: when that moves the current row, the window
        # answers it at once and the refresh asked for here is already done
        self.changed.emit()
        self._select([k for k in (e.key for e in self.model.entries()) if k in selected],
                     current.key if current is not None else None)

    def _select(self, keys: list[str], current: str | None = None) -> None:
        """Select the rows of ``keys`` in one step: the window answers each change of the
        selection (actions, panel, preview), and row by row it answered once per photo added."""
        selection = self.view.selectionModel()
        rows = QItemSelection()
        for key in keys:
            row = self.model.row_of(key)
            if row >= 0:
                rows.select(self.model.index(row), self.model.index(row))
        selection.select(rows, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        focus = current if current in keys else (keys[0] if keys else None)
        if focus is not None:
            selection.setCurrentIndex(self.model.index(self.model.row_of(focus)),
                                      QItemSelectionModel.SelectionFlag.NoUpdate)

    def update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(self.tr("No photos") if n == 0 else photo_count(n))

    def step(self, delta: int) -> None:
        """Select the photo ``delta`` rows below the current one (PgDn / PgUp)."""
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.view.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        self.view.setCurrentIndex(self.model.index(max(0, min(rows - 1, row))))

    # -- adding -----------------------------------------------------------------------------
    def open_photos(self) -> None:
        files = self.prompt.ask_open_files()
        if files:
            self.add_photos(files)

    def add_photos(self, items: list[str]) -> None:
        """Add files (or folders of photos) to the current listing; one folder dropped alone
        becomes (or shows again) the listing named after it. Checked off-thread."""
        if not items:
            return
        folder = items[0] if len(items) == 1 and Path(items[0]).is_dir() else None
        self.tasks.submit(find_photos, list(items), on_done=partial(self._photos_found,
                                                                    folder=folder),
                          on_error=self.shell.show_error)

    def _photos_found(self, found: tuple[list[str], list[str]], folder: str | None) -> None:
        photos, _skipped = found
        if not photos:
            self.shell.show_banner(self.tr("No photos were found there (SkyClear opens JPEG, "
                                           "PNG, WebP and TIFF files)."), "warning")
            return
        for source in photos:
            self.ws.settings.add_recent(source)
        self.save_settings_quietly()
        self.listing.add_photos(photos, folder)

    def _photos_filed(self, added: AddedPhotos) -> None:
        """Photos are in the listing (the rows are already there): select them."""
        keys = [f"photo:{p.id}" for p in added.photos]
        self.changed.emit()  # first, as in ``reload``
        self._select(keys)
        if added.problems:
            self.shell.show_banner("\n".join(added.problems), "error")
        if added.new:
            self.shell.show_status(self.tr("%n photo(s) added.", "", added.new))
        elif keys:
            self.shell.show_status(self.tr("Already in this listing."))

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = [f for f in self.ws.settings.recent_files if f]
        if not recent:
            menu.addAction(self.tr("No recent photos")).setEnabled(False)
            return
        for path in recent:
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.add_photos([p]))

    def save_settings_quietly(self) -> None:
        try:
            save_settings(self.ws.settings)
        except OSError as err:
            log.warning("settings not saved: %s", err)

    # -- projects ---------------------------------------------------------------------------
    def place_generation(self, key: str, gen: Generation) -> None:
        """A job was created (and filed under the photo) for the photo of row ``key``: it becomes
        one of its versions."""
        row = self.model.row_of(key)
        entry = self.model.entry(row)
        if entry is None or entry.photo_id is None:
            self.reload()
            return
        self.model.update_generation(gen)  # a job of this photo already: found by its root
        if not entry.has_root(gen.root_id):
            entry.family.append(gen)
            self.model.replace_entry(row, entry)
        self.changed.emit()

    def take_update(self, gen: Generation) -> None:
        """A generation changed: update its row (a job made elsewhere, e.g. by the command line,
        shows up when its photo is in this listing)."""
        if self.model.update_generation(gen) < 0:
            photo = self.listing.photo_of(gen)
            if photo is not None and photo.listing_id == self.listing.current_id:
                self.reload()
        if gen.status.finished:
            self.refresh_thumbnail(gen)

    def refresh_thumbnail(self, gen: Generation) -> None:
        """A row shows its kept version (or its photo): paint it again when that changed."""
        row = self.model.row_of_generation(gen.id or -1)
        entry = self.model.entry(row)
        if entry is not None:
            self.model.forget_thumbnail(entry.source)
            self.model.set_thumbnail(entry.source, None)

    def remove_selected(self) -> None:
        entries = self.view.selected_entries()
        if not entries:
            return
        projects = [e for e in entries if not e.is_draft]
        if projects and not self.prompt.confirm(
                self.tr("Remove from library"),
                self.tr("Remove %n photo(s) and their results from the library? The result "
                        "files stay in the library folder; your original photos are not "
                        "touched.", "", len(entries))):
            return
        for entry in entries:
            for gen in entry.in_flight:
                assert gen.id is not None
                self.ws.pipeline.cancel(gen.id)
                self.poller.forget(gen.id)
            if entry.photo_id is not None:
                self.listing.remove(entry.photo_id)
            self.model.remove_row(self.model.row_of(entry.key))
        self.update_count()
        self.changed.emit()

    def keep(self, entry: LibraryEntry, key: str) -> bool:
        """Keep the version ``key`` ("generation:file") of a photo, or none when it is kept
        already; its row and thumbnail follow. True when something changed."""
        gen_id, _, part = key.partition(":")
        if entry.photo_id is None or not gen_id.isdigit() or not part.isdigit() or \
                not self.listing.keep(entry, int(gen_id), int(part)):
            return False
        fresh = self.listing.entry(entry.photo_id)
        self.model.replace_entry(self.model.row_of(entry.key), fresh)
        self.model.forget_thumbnail(fresh.source)
        self.model.set_thumbnail(fresh.source, None)
        self.shell.show_status(self.tr("Kept for the listing.") if fresh.kept is not None else
                               self.tr("No version kept: the original goes out with the "
                                       "listing."))
        return True

    def move_selected(self, delta: int) -> None:
        """Move the selected photos one place up (-1) or down (+1) in the listing."""
        rows = sorted(self.model.row_of(e.key) for e in self.view.selected_entries())
        if not rows:
            return
        target = rows[0] + delta if delta < 0 else rows[-1] + 2
        if target < 0 or target > self.model.rowCount():
            return
        self.model.move_rows(rows, target)

    def _rows_moved(self, keys: list[str], at: int) -> None:
        """Rows were dragged (or moved by keyboard): the listing takes the new order."""
        for offset, key in enumerate(keys):
            entry = self.model.entry(self.model.row_of(key))
            if entry is not None and entry.photo_id is not None:
                self.listing.move(entry.photo_id, at + offset)
        self._select(keys)
        self.changed.emit()

    # -- thumbnails -------------------------------------------------------------------------
    def hold_thumbnails(self) -> None:
        """The photo on screen is being decoded: thumbnails wait until it is shown, a second at
        most. Each decodes a whole JPEG too, and beside one a 24 MP photo took a quarter longer
        to appear (about 370 ms instead of 295)."""
        if self._held is None:
            self._held = []
            self._hold_timer.start()

    def release_thumbnails(self) -> None:
        self._hold_timer.stop()
        held, self._held = self._held, None
        for source in held or []:
            self._load_thumbnail(source)

    def thumbnails_held(self) -> bool:
        return self._held is not None

    def _load_thumbnail(self, source: str) -> None:
        if self._held is not None:
            self._held.append(source)
            return
        entry = next((e for e in self.model.entries() if e.source == source), None)
        kept = entry.kept_file if entry is not None else None
        candidates = [kept, source] if kept else [source]
        if entry is not None and entry.family:
            root = entry.family[0]
            if root.prepared_path:
                candidates.append(root.prepared_path)
            candidates += [f for g in entry.done for f in g.result_files[:1]]
        self.thumb_tasks.submit(_first_thumbnail, source, candidates, on_done=self._thumbnail_ready,
                                on_error=partial(self._thumbnail_failed, source))

    def _thumbnail_ready(self, result: tuple[str, Thumbnail]) -> None:
        source, thumb = result
        rgb = np.frombuffer(thumb.rgb, np.uint8).reshape(thumb.height, thumb.width, 3)
        self.model.set_thumbnail(source, QPixmap.fromImage(rgb_to_qimage(rgb)))

    def _thumbnail_failed(self, source: str, error: BaseException) -> None:
        message = error_text(error) if isinstance(error, SkyClearError) else \
            self.tr("This file could not be opened.")
        entry = next((e for e in self.model.entries() if e.source == source), None)
        if entry is None or not entry.is_draft:
            return  # a photo whose file moved since: its row keeps a grey thumbnail
        self.model.set_error(self.model.row_of(entry.key), message)
        self.shell.show_banner(message, "error")
        self.changed.emit()
