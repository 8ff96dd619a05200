"""The library side of the window: which photos it holds (projects from the job store and
photos added but not sent yet), adding and removing them, their thumbnails, the recent files."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import numpy as np
from PySide6.QtCore import QItemSelectionModel, QObject, Signal
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
from desktop_app.ui.library import LibraryEntry, LibraryModel, LibraryView
from desktop_app.ui.prompts import Prompt, Shell
from desktop_app.ui.wording import photo_count

__all__ = ["LibraryController"]

log = logging.getLogger(__name__)


def _first_thumbnail(candidates: list[str]) -> tuple[str, Thumbnail]:
    """The thumbnail of the first candidate that can be read (the photo, its prepared copy, its
    first result), keyed by the first."""
    error: SkyClearError | None = None
    for path in candidates:
        try:
            return candidates[0], load_thumbnail(path)
        except SkyClearError as err:
            error = error or err
    assert error is not None
    raise error


class LibraryController(QObject):
    changed = Signal()  # rows were added, removed or replaced

    def __init__(self, ws: Workspace, model: LibraryModel, view: LibraryView, count: QLabel,
                 poller: Poller, shell: Shell, prompt: Prompt,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.model, self.view, self.count_label = ws, model, view, count
        self.poller, self.shell, self.prompt = poller, shell, prompt
        self.drafts = DraftList()
        self.thumb_tasks = TaskRunner(1, self)  # 100 thumbnails never delay the photo on screen
        self.tasks = TaskRunner(1, self)
        model.thumbnailNeeded.connect(self._load_thumbnail)

    def close(self, msecs: int = 10_000) -> None:
        for runner in (self.thumb_tasks, self.tasks):
            runner.close(msecs)

    def current_entry(self) -> LibraryEntry | None:
        return self.view.current_entry()

    # -- loading and counting ---------------------------------------------------------------
    def load(self) -> None:
        families: dict[int, list[Generation]] = {}
        for gen in self.ws.store.all():
            if gen.root_id is not None:
                families.setdefault(gen.root_id, []).append(gen)
        projects = [LibraryEntry(source=family[0].source, family=family,
                                 added_at=family[0].created_at)
                    for family in families.values() if family]
        projects.sort(key=lambda e: e.added_at, reverse=True)
        drafts = [LibraryEntry(source=s) for s in reversed(self.drafts.items())]
        self.model.set_entries(drafts + projects)
        self.update_count()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

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
        """Add files (or folders of photos) to the library as drafts; checked off-thread."""
        if items:
            self.tasks.submit(find_photos, list(items), on_done=self._photos_found,
                              on_error=self.shell.show_error)

    def _photos_found(self, found: tuple[list[str], list[str]]) -> None:
        photos, _skipped = found
        if not photos:
            self.shell.show_banner(self.tr("No photos were found there (SkyClear opens JPEG "
                                           "and PNG files)."), "warning")
            return
        known = {e.source: i for i, e in enumerate(self.model.entries())}
        added = self.drafts.add([p for p in photos if p not in known])
        first_row = -1
        for source in reversed(added):  # the batch reads top-down in the order given
            first_row = self.model.add_entry(LibraryEntry(source=source), 0)
        for source in photos:
            self.ws.settings.add_recent(source)
        self.save_settings_quietly()
        self.update_count()
        selection = self.view.selectionModel()
        if added:
            self.view.clearSelection()
            for source in added:
                row = self.model.row_of(f"draft:{source}")
                selection.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
            selection.setCurrentIndex(self.model.index(self.model.row_of(f"draft:{added[0]}")),
                                      QItemSelectionModel.SelectionFlag.NoUpdate)
            self.shell.show_status(self.tr("{0} added.").format(photo_count(len(added))))
        elif photos:
            row = next((known[p] for p in photos if p in known), first_row)
            self.view.setCurrentIndex(self.model.index(row))
        self.changed.emit()

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
        """A generation was created for the row ``key``: the draft becomes its project (or, for
        a photo sent again, a new project row on top, selected)."""
        entry = LibraryEntry(source=gen.source, family=[gen], added_at=gen.created_at)
        row = self.model.row_of(key)
        if key.startswith("draft:") and row >= 0:
            self.drafts.remove(key.removeprefix("draft:"))
            self.model.replace_entry(row, entry)
        else:
            row = self.model.add_entry(entry, 0)
            self.view.clearSelection()
            self.view.setCurrentIndex(self.model.index(row))
        self.update_count()
        self.changed.emit()

    def take_update(self, gen: Generation) -> None:
        """A generation changed: update its row (a project made elsewhere, e.g. by the command
        line, gets a new one)."""
        if self.model.update_generation(gen) < 0:
            assert gen.root_id is not None
            family = self.ws.store.family(gen.root_id)
            self.model.add_entry(LibraryEntry(gen.source, family), 0)
            self.update_count()

    def remove_selected(self) -> None:
        entries = self.view.selected_entries()
        if not entries:
            return
        projects = [e for e in entries if not e.is_draft]
        if projects and not self.prompt.confirm(
                self.tr("Remove from library"),
                self.tr("Remove {0} and their results from the library? The result "
                        "files stay in the library folder; your original photos are not "
                        "touched.").format(photo_count(len(entries)))):
            return
        for entry in entries:
            row = self.model.row_of(entry.key)
            if entry.is_draft:
                self.drafts.remove(entry.source)
            else:
                for gen in entry.in_flight:
                    assert gen.id is not None
                    self.ws.pipeline.cancel(gen.id)
                    self.poller.forget(gen.id)
                assert entry.root_id is not None
                self.ws.store.delete_project(entry.root_id)
            self.model.remove_row(row)
        self.update_count()
        self.changed.emit()

    # -- thumbnails -------------------------------------------------------------------------
    def _load_thumbnail(self, source: str) -> None:
        entry = next((e for e in self.model.entries() if e.source == source), None)
        candidates = [source]
        if entry is not None and entry.family:
            root = entry.family[0]
            if root.prepared_path:
                candidates.append(root.prepared_path)
            candidates += [f for g in entry.done for f in g.result_files[:1]]
        self.thumb_tasks.submit(_first_thumbnail, candidates, on_done=self._thumbnail_ready,
                                on_error=partial(self._thumbnail_failed, source))

    def _thumbnail_ready(self, result: tuple[str, Thumbnail]) -> None:
        source, thumb = result
        rgb = np.frombuffer(thumb.rgb, np.uint8).reshape(thumb.height, thumb.width, 3)
        self.model.set_thumbnail(source, QPixmap.fromImage(rgb_to_qimage(rgb)))

    def _thumbnail_failed(self, source: str, error: BaseException) -> None:
        message = str(error) if isinstance(error, SkyClearError) else \
            self.tr("This file could not be opened.")
        row = self.model.row_of(f"draft:{source}")
        if row < 0:
            return  # a project whose photo moved: its row keeps a grey thumbnail
        self.model.set_error(row, message)
        self.drafts.remove(source)  # not kept across restarts
        self.shell.show_banner(message, "error")
        self.changed.emit()
