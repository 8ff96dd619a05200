"""The SkyClear main window: the library, the compare viewer and the service panel.

Threads: the window lives on the GUI thread. One ``Poller`` thread follows every generation in
flight (its slow steps run on its own pool); ``TaskRunner`` pools decode thumbnails and previews,
create generations, export results and ask for credits. All of them report back through queued
signals carrying plain values, so widgets are only ever touched here.

Every question that would block a test (file dialogs, confirmations, the mask editor) goes
through one small method (``ask_open_files``, ``confirm``, ``request_mask``...), so that the
flows can be driven end to end.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QProcess,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QSystemTrayIcon,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME, __version__
from desktop_app.core import credentials, paths
from desktop_app.core.errors import ConfigError, NetworkError, SkyClearError
from desktop_app.core.models import Credits, EngineName, Generation, Service, Status
from desktop_app.core.settings import Settings, save_settings
from desktop_app.engines.factory import default_engine
from desktop_app.engines.pipeline import Action
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs import export
from desktop_app.jobs.drafts import DraftList
from desktop_app.jobs.poller import JobUpdate, Poller
from desktop_app.jobs.tasks import TaskRunner, wait_for_retired
from desktop_app.jobs.thumbnails import Thumbnail, find_photos, load_thumbnail
from desktop_app.ui import style
from desktop_app.ui.compare_panel import ORIGINAL, CompareChoice, ComparePanel
from desktop_app.ui.compare_view import CompareMode
from desktop_app.ui.image_arrays import rgb_to_qimage
from desktop_app.ui.image_loader import PREVIEW_SIDE, load_image
from desktop_app.ui.library import LibraryEntry, LibraryModel, LibraryView
from desktop_app.ui.service_panel import ServicePanel

if TYPE_CHECKING:
    from desktop_app.ui.sky_review import SkyReview

log = logging.getLogger(__name__)

_SKIPPED = object()  # a photo of a batch the user chose not to send

OPEN_FILTER = "Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff);;All files (*)"
MAX_CACHED_IMAGES = 3


def window_settings() -> QSettings:
    """Window geometry and small UI memories, in an INI file in the data folder."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


def describe_job(gen: Generation, update: JobUpdate | None) -> str:
    """What a generation is doing, in a few words (translated)."""
    return QCoreApplication.translate("MainWindow", _job_words(gen, update))


def _job_words(gen: Generation, update: JobUpdate | None) -> str:
    cloud = gen.engine is EngineName.CLOUD
    if update is not None and update.running and update.action is not None:
        return {
            Action.PREPARE: "Preparing the photo…",
            Action.UPLOAD: "Uploading the photo…",
            Action.SUBMIT: "Sending to IACrea…" if cloud else "Starting…",
            Action.POLL: ("Processing at IACrea…" if cloud else "Processing on this computer…")
            if gen.status is Status.PROCESSING else
            ("Queued at IACrea…" if cloud else "Working on this computer…"),
            Action.DOWNLOAD: "Downloading the result…" if cloud else "Saving the result…",
        }[update.action]
    return {
        Status.DRAFT: "Waiting to start…",
        Status.PREPARING: "Preparing the photo…",
        Status.UPLOADING: "Uploading the photo…",
        Status.SUBMITTING: "Sending to IACrea…" if cloud else "Starting…",
        Status.STARTING: "Queued at IACrea…" if cloud else "Working on this computer…",
        Status.PROCESSING: "Processing at IACrea…" if cloud else "Processing on this computer…",
        Status.SUCCEEDED: "Downloading the result…" if cloud else "Saving the result…",
        Status.DONE: "Done",
        Status.FAILED: "Failed",
        Status.ERROR: "Stopped",
        Status.CANCELLED: "Cancelled",
    }[gen.status]


class MainWindow(QMainWindow):
    """See the module docstring. Call ``start()`` once shown; ``shutdown()`` happens on close."""

    notified = Signal(str, str)  # title, text: a desktop notification was shown
    previewShown = Signal(str)  # path of the original now on screen
    resultShown = Signal(str)  # path of the result now on screen
    jobUpdated = Signal(object)  # JobUpdate, after the window has taken it in
    creditsChanged = Signal(object)  # Credits | None

    def __init__(self, workspace: Workspace, *, first_run_welcome: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.drafts = DraftList()
        self._first_run_welcome = first_run_welcome
        self._started = False
        self._closed = False
        self._credits: Credits | None = None
        self._credits_engine: EngineName | None = None
        self._credits_pending = False
        self._offline = False
        self._online_known = False  # nothing said about the connection until a call tells
        self._updates: dict[int, JobUpdate] = {}
        self._view_token = 0
        self._images: dict[str, QImage] = {}  # full-resolution decodes of the current photo
        self._shown_paths: tuple[str | None, str | None] = (None, None)
        self._tray: QSystemTrayIcon | None = None
        self._splitter_restored = False
        self._choices_for: str | None = None  # the library key the compare combos describe

        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(QIcon(style.icon("app")))
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self.setMinimumSize(900, 600)

        # workers: one pool per kind of job, so 100 thumbnails never delay the photo on screen
        self.thumb_tasks = TaskRunner(1, self)
        self.view_tasks = TaskRunner(2, self)
        self.tasks = TaskRunner(2, self)
        self.poller = Poller(workspace.pipeline, parent=self)
        self.poller.updated.connect(self._on_job_update)

        self._build_ui()
        self._build_actions()
        self._elapsed_timer = QTimer(self)
        self._elapsed_timer.setInterval(1000)
        self._elapsed_timer.timeout.connect(self._refresh_job_panel)
        self._online_timer = QTimer(self)
        self._online_timer.setInterval(15_000)
        self._online_timer.timeout.connect(self.refresh_credits)

        self.panel.set_engine(default_engine(self.ws.settings))
        self._load_library()
        self._restore_state()
        self._refresh_status_bar()
        self._on_selection_changed()

    # ===== building ============================================================================
    def _build_ui(self) -> None:
        self.model = LibraryModel(self)
        self.model.thumbnailNeeded.connect(self._load_thumbnail)
        self.library = LibraryView(self)
        self.library.setModel(self.model)
        self.library.selectionModel().selectionChanged.connect(
            lambda *_: self._on_selection_changed())
        self.library.selectionModel().currentChanged.connect(
            lambda *_: self._on_selection_changed())
        self.library.setMinimumWidth(250)

        library_box = QWidget(self)
        library_box.setObjectName("libraryBox")
        library_box.setStyleSheet(f"QWidget#libraryBox {{ background: {style.SURFACE}; }}")
        box = QVBoxLayout(library_box)
        box.setContentsMargins(0, 10, 0, 0)
        box.setSpacing(4)
        title = QLabel(self.tr("LIBRARY"), library_box)
        title.setObjectName("sectionTitle")
        title.setContentsMargins(16, 0, 0, 0)
        self.library_count = QLabel(library_box)
        self.library_count.setObjectName("hint")
        self.library_count.setContentsMargins(16, 0, 0, 4)
        box.addWidget(title)
        box.addWidget(self.library_count)
        box.addWidget(self.library, 1)

        self.compare = ComparePanel(self)
        self.banner = self.compare.banner
        self.compare.empty.addRequested.connect(self.open_photos)
        self.compare.choiceChanged.connect(self._show_chosen_images)
        self.panel = ServicePanel(self)
        self.panel.generateRequested.connect(self.generate)
        self.panel.variationRequested.connect(self.new_variation)
        self.panel.retryRequested.connect(self.retry_selected)
        self.panel.stopRequested.connect(self.stop_selected)
        self.panel.engineChanged.connect(self._on_engine_changed)
        self.panel.serviceChanged.connect(lambda *_: self._update_actions())

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(library_box)
        self.splitter.addWidget(self.compare)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([310, 690, 300])
        self.setCentralWidget(self.splitter)

        status = self.statusBar()
        status.setSizeGripEnabled(False)
        self.engine_status = QLabel(status)
        self.credits_status = QLabel(status)
        self.online_status = QLabel(status)
        status.addPermanentWidget(self.online_status)
        status.addPermanentWidget(self.engine_status)
        status.addPermanentWidget(self.credits_status)

    def _action(self, text: str, slot: Callable[[], Any], shortcut: str | QKeySequence |
                QKeySequence.StandardKey | None = None, icon: str | None = None,
                tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon:
            action.setIcon(style.icon(icon))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        tr = self.tr
        self.act_open = self._action(tr("Add photos…"), self.open_photos, "Ctrl+O", "add",
                                     tr("Add photos to the library (Ctrl+O)"))
        self.act_generate = self._action(tr("Generate"), self.generate, "Ctrl+G", "generate",
                                         tr("Send the selected photos (Ctrl+G)"))
        self.act_variation = self._action(tr("New variation"), self.new_variation,
                                          "Ctrl+Shift+V", "variation",
                                          tr("Ask for another version of this photo "
                                             "(Ctrl+Shift+V)"))
        self.act_retry = self._action(tr("Retry"), self.retry_selected, "Ctrl+R", "retry",
                                      tr("Try the failed photo again (Ctrl+R)"))
        self.act_stop = self._action(tr("Stop"), self.stop_selected, "Ctrl+.", "stop",
                                     tr("Stop following this photo (Ctrl+.)"))
        self.act_save = self._action(tr("Save as…"), self.save_result_as, "Ctrl+S", "save",
                                     tr("Save the result shown on the right (Ctrl+S)"))
        self.act_export = self._action(tr("Export all…"), self.export_all, "Ctrl+E", "export",
                                       tr("Save every result of this photo to a folder (Ctrl+E)"))
        self.act_copy = self._action(tr("Copy"), self.copy_result, QKeySequence.StandardKey.Copy,
                                     "copy", tr("Copy the result to the clipboard (Ctrl+C)"))
        self.act_reveal = self._action(tr("Show in folder"), self.show_in_file_manager,
                                       "Ctrl+Shift+R", "folder",
                                       tr("Show the result in the file manager (Ctrl+Shift+R)"))
        self.act_remove = self._action(tr("Remove from library"), self.remove_selected,
                                       QKeySequence.StandardKey.Delete, "remove",
                                       tr("Remove the selected photos from the library (Del)"))
        self.act_settings = self._action(tr("Settings…"), self.open_settings, "Ctrl+,",
                                         "settings", tr("Account, image host and library "
                                                        "(Ctrl+,)"))
        self.act_quit = self._action(tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.act_fit = self._action(tr("Fit"), self.compare.view.fit, "F",
                                    tip=tr("Fit the photo in the window (F)"))
        self.act_actual = self._action(tr("100 %"), lambda: self.compare.view.actual_size(), "1",
                                       tip=tr("Show at 100 % (1)"))
        self.act_split = self._action(tr("Split"), partial(self.set_mode, CompareMode.SPLIT),
                                      "Ctrl+1")
        self.act_side = self._action(tr("Side by side"),
                                     partial(self.set_mode, CompareMode.SIDE_BY_SIDE), "Ctrl+2")
        self.act_diff = self._action(tr("What changed"),
                                     partial(self.set_mode, CompareMode.DIFFERENCE), "Ctrl+3")
        self.act_about = self._action(tr("About SkyClear"), self.show_about)
        self.act_welcome = self._action(tr("Getting an IACrea API key…"), self.show_welcome)

        toolbar = QToolBar(tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(20, 20))
        for action in (self.act_open, None, self.act_generate, self.act_variation, None,
                       self.act_save, self.act_export, self.act_copy, self.act_reveal):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding,
                             spacer.sizePolicy().Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.act_settings)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

        menu = self.menuBar()
        file_menu = menu.addMenu(tr("&File"))
        file_menu.addAction(self.act_open)
        self.recent_menu = file_menu.addMenu(tr("Open recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        for action in (self.act_save, self.act_export, self.act_copy, self.act_reveal):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.act_remove)
        file_menu.addSeparator()
        file_menu.addAction(self.act_settings)
        file_menu.addAction(self.act_quit)
        photo_menu = menu.addMenu(tr("&Photo"))
        for action in (self.act_generate, self.act_variation, self.act_retry, self.act_stop):
            photo_menu.addAction(action)
        view_menu = menu.addMenu(tr("&View"))
        for action in (self.act_split, self.act_side, self.act_diff):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.act_fit)
        view_menu.addAction(self.act_actual)
        help_menu = menu.addMenu(tr("&Help"))
        help_menu.addAction(self.act_welcome)
        help_menu.addAction(self.act_about)

    # ===== life cycle ==========================================================================
    def start(self) -> None:
        """Start the job thread, pick up unfinished work, ask for the credits, greet a new user."""
        if self._started:
            return
        self._started = True
        self.poller.start()
        self.tasks.submit(self._resume_jobs, on_done=self._resumed, on_error=self._show_error)
        self.refresh_credits()
        self._watch_network()
        welcomed = window_settings().value("welcome/shown", False, type=bool)
        if self._first_run_welcome and not welcomed and \
                not credentials.has_cloud_credentials(self.ws.settings):
            QTimer.singleShot(0, self.show_welcome)

    def _resume_jobs(self) -> list[int]:
        try:
            gens = self.ws.pipeline.resume()
        except SkyClearError:
            # e.g. a cloud job but no key any more: follow them anyway, each gets its own error
            gens = [g for g in self.ws.store.unfinished() if g.status is not Status.DRAFT]
        return [g.id for g in gens if g.id is not None]

    def _resumed(self, ids: list[int]) -> None:
        for gen_id in ids:
            self.poller.track(gen_id)
        if ids:
            self.statusBar().showMessage(self.tr("Continuing {0} not finished last time.").format(
                self._count(len(ids), "photo")), 6000)

    def shutdown(self) -> None:
        """Stop every thread and timer cooperatively (idempotent). The workspace stays open."""
        if self._closed:
            return
        self._closed = True
        self._elapsed_timer.stop()
        self._online_timer.stop()
        self.library.stop_animation()
        self.poller.stop(10_000)
        for runner in (self.thumb_tasks, self.view_tasks, self.tasks):
            runner.close(10_000)
        wait_for_retired(10_000)  # e.g. a sky detection whose dialog was cancelled
        self.compare.view.wait_for_workers(10_000)
        if self._tray is not None:
            self._tray.hide()
        self._save_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitter_restored:  # first start: a roomy library, the rest to the photo
            self._splitter_restored = True
            side = max(290, self.panel.sizeHint().width())
            library = 330
            self.splitter.setSizes([library, max(400, self.width() - library - side), side])

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            running = sorted(self.poller.tracked())
            if running:
                choice = self.ask_about_running_jobs(len(running))
                if choice == "cancel":
                    event.ignore()
                    return
                if choice == "stop":
                    for gen_id in running:
                        self.ws.pipeline.cancel(gen_id)
                        self.poller.forget(gen_id)
            self.shutdown()
        event.accept()

    def ask_about_running_jobs(self, count: int) -> str:
        """'keep' (continue next start), 'stop' (cancel them) or 'cancel' (do not quit)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Photos still in progress"))
        box.setText(self.tr("1 photo is still being processed.") if count == 1 else
                    self.tr("{0} photos are still being processed.").format(count))
        box.setInformativeText(self.tr(
            "Keep them: photos sent to IACrea carry on there and SkyClear collects the results "
            "the next time it starts (local ones start again). Nothing is lost either way."))
        keep = box.addButton(self.tr("Keep them and quit"), QMessageBox.ButtonRole.AcceptRole)
        stop = box.addButton(self.tr("Stop them and quit"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return "keep" if clicked is keep else "stop" if clicked is stop else "cancel"

    def _restore_state(self) -> None:
        state = window_settings()
        geometry = state.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        window_state = state.value("window/state")
        if isinstance(window_state, QByteArray):
            self.restoreState(window_state)
        splitter = state.value("window/splitter")
        self._splitter_restored = isinstance(splitter, QByteArray) and \
            self.splitter.restoreState(splitter)
        mode = str(state.value("view/mode", CompareMode.SPLIT.value))
        if mode in {m.value for m in CompareMode}:
            self.set_mode(CompareMode(mode))
        service = str(state.value("panel/service", Service.SKY.value))
        if service in {s.value for s in Service}:
            self.panel.set_service(Service(service))

    def _save_state(self) -> None:
        state = window_settings()
        state.setValue("window/geometry", self.saveGeometry())
        state.setValue("window/state", self.saveState())
        state.setValue("window/splitter", self.splitter.saveState())
        state.setValue("view/mode", self.compare.view.mode().value)
        state.setValue("panel/service", self.panel.service().value)
        state.sync()

    # ===== library =============================================================================
    def _load_library(self) -> None:
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
        self._update_library_count()
        if self.model.rowCount():
            self.library.setCurrentIndex(self.model.index(0))

    def _update_library_count(self) -> None:
        n = self.model.rowCount()
        self.library_count.setText(self.tr("No photos") if n == 0 else
                                   self.tr("1 photo") if n == 1 else
                                   self.tr("{0} photos").format(n))

    def open_photos(self) -> None:
        files = self.ask_open_files()
        if files:
            self.add_photos(files)

    def ask_open_files(self) -> list[str]:
        start = str(window_settings().value("paths/open", str(Path.home())))
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add photos"), start,
                                                self.tr(OPEN_FILTER))
        if files:
            window_settings().setValue("paths/open", str(Path(files[0]).parent))
        return list(files)

    def add_photos(self, items: list[str]) -> None:
        """Add files (or folders of photos) to the library as drafts; checked off-thread."""
        if items:
            self.tasks.submit(find_photos, list(items), on_done=self._photos_found,
                              on_error=self._show_error)

    def _photos_found(self, found: tuple[list[str], list[str]]) -> None:
        photos, _skipped = found
        if not photos:
            self.show_banner(self.tr("No photos were found there (SkyClear opens JPEG and PNG "
                                     "files)."), "warning")
            return
        known = {e.source: i for i, e in enumerate(self.model.entries())}
        added = self.drafts.add([p for p in photos if p not in known])
        first_row = -1
        for source in reversed(added):  # the batch reads top-down in the order given
            first_row = self.model.add_entry(LibraryEntry(source=source), 0)
        for source in photos:
            self.ws.settings.add_recent(source)
        self._save_settings_quietly()
        self._update_library_count()
        if added:
            self.library.clearSelection()
            for source in added:
                row = self.model.row_of(f"draft:{source}")
                self.library.selectionModel().select(
                    self.model.index(row),
                    self.library.selectionModel().SelectionFlag.Select)
            self.library.selectionModel().setCurrentIndex(
                self.model.index(self.model.row_of(f"draft:{added[0]}")),
                self.library.selectionModel().SelectionFlag.NoUpdate)
            self.statusBar().showMessage(self.tr("{0} added.").format(
                self._count(len(added), "photo")), 4000)
        elif photos:
            row = next((known[p] for p in photos if p in known), first_row)
            self.library.setCurrentIndex(self.model.index(row))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [f for f in self.ws.settings.recent_files if f]
        if not recent:
            empty = self.recent_menu.addAction(self.tr("No recent photos"))
            empty.setEnabled(False)
            return
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.add_photos([p]))

    def remove_selected(self) -> None:
        entries = self.library.selected_entries()
        if not entries:
            return
        projects = [e for e in entries if not e.is_draft]
        if projects and not self.confirm(
                self.tr("Remove from library"),
                self.tr("Remove {0} and their results from the library? The result "
                        "files stay in the library folder; your original photos are not "
                        "touched.").format(self._count(len(entries), "photo"))):
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
        self._update_library_count()
        self._on_selection_changed()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.add_photos(files)

    # -- thumbnails ----------------------------------------------------------------------------
    def _load_thumbnail(self, source: str) -> None:
        entry = next((e for e in self.model.entries() if e.source == source), None)
        candidates = [source]
        if entry is not None and entry.family:
            root = entry.family[0]
            if root.prepared_path:
                candidates.append(root.prepared_path)
            candidates += [f for g in entry.done for f in g.result_files[:1]]
        self.thumb_tasks.submit(self._first_thumbnail, candidates,
                                on_done=self._thumbnail_ready,
                                on_error=partial(self._thumbnail_failed, source))

    @staticmethod
    def _first_thumbnail(candidates: list[str]) -> tuple[str, Thumbnail]:
        error: SkyClearError | None = None
        for path in candidates:
            try:
                return candidates[0], load_thumbnail(path)
            except SkyClearError as err:
                error = error or err
        assert error is not None
        raise error

    def _thumbnail_ready(self, result: tuple[str, Thumbnail]) -> None:
        source, thumb = result
        image = rgb_to_qimage(np.frombuffer(thumb.rgb, np.uint8).reshape(
            thumb.height, thumb.width, 3))
        self.model.set_thumbnail(source, QPixmap.fromImage(image))

    def _thumbnail_failed(self, source: str, error: BaseException) -> None:
        message = str(error) if isinstance(error, SkyClearError) else \
            self.tr("This file could not be opened.")
        row = self.model.row_of(f"draft:{source}")
        if row < 0:
            return  # a project whose photo moved: its row keeps a grey thumbnail
        self.model.set_error(row, message)
        self.drafts.remove(source)  # not kept across restarts
        self.show_banner(message, "error")
        self._update_actions()

    # ===== selection and the viewer ============================================================
    def current_entry(self) -> LibraryEntry | None:
        return self.library.current_entry()

    def _on_selection_changed(self) -> None:
        entry = self.current_entry()
        self._update_actions()
        self._refresh_job_panel()
        if entry is None:
            self.compare.show_empty(self.model.rowCount() == 0)
            if self.model.rowCount():
                self.compare.view.clear()
                self.compare.set_choices([], ORIGINAL, None)
            self._shown_paths = (None, None)
            return
        self.compare.show_empty(False)
        self._fill_choices(entry)
        self._show_chosen_images()
        self._show_entry_problem(entry)

    def _fill_choices(self, entry: LibraryEntry, prefer_after: str | None = None) -> None:
        root = entry.root
        original = root.prepared_path if root is not None and root.prepared_path and \
            Path(root.prepared_path).exists() else entry.source
        choices = [CompareChoice(ORIGINAL, self.tr("Original"), original)]
        for gen in entry.done:
            index = entry.family.index(gen)
            base = self.tr("Result") if index == 0 else self.tr("Variation {0}").format(index)
            for n, path in enumerate(gen.result_files):
                label = base if len(gen.result_files) == 1 else f"{base}.{n + 1}"
                choices.append(CompareChoice(f"{gen.id}:{n}", label, path))
        before = self.compare.before_key() if self._same_project_shown(entry) else ORIGINAL
        after = prefer_after or (self.compare.after_key() if self._same_project_shown(entry)
                                 else None)
        keys = [c.key for c in choices]
        if before not in keys:
            before = ORIGINAL
        if after not in keys or after == ORIGINAL:
            after = choices[-1].key if len(choices) > 1 else None
        self.compare.set_choices(choices, before, after)
        self._choices_for = entry.key

    def _same_project_shown(self, entry: LibraryEntry) -> bool:
        return self._choices_for == entry.key

    def _show_chosen_images(self) -> None:
        """Load the two chosen images (preview first, then full size) off the GUI thread."""
        before = self.compare.choice(self.compare.before_key())
        after = self.compare.choice(self.compare.after_key())
        if before is None:
            return
        paths_now = (before.path, after.path if after else None)
        if paths_now == self._shown_paths:
            return
        self._view_token += 1
        token = self._view_token
        cached = [self._images.get(p) if p else None for p in paths_now]
        if cached[0] is not None and (paths_now[1] is None or cached[1] is not None):
            self._display(token, before, after, (cached[0], cached[1]), full=True)
            return
        self.view_tasks.submit(self._decode_pair, paths_now, PREVIEW_SIDE,
                               on_done=partial(self._preview_ready, token, before, after),
                               on_error=partial(self._image_failed, token))

    @staticmethod
    def _decode_pair(paths_now: tuple[str, str | None], side: int | None
                     ) -> tuple[QImage, QImage | None]:
        first = load_image(paths_now[0], side)
        second = load_image(paths_now[1], side) if paths_now[1] else None
        return first, second

    def _preview_ready(self, token: int, before: CompareChoice, after: CompareChoice | None,
                       images: tuple[QImage, QImage | None]) -> None:
        if token != self._view_token or self._closed:
            return
        self._display(token, before, after, images, full=False)
        paths_now = (before.path, after.path if after else None)
        small = all(img is None or max(img.width(), img.height()) < PREVIEW_SIDE
                    for img in images)
        if small:  # the preview already is the whole photo
            self._remember(paths_now, images)
            return
        self.view_tasks.submit(self._decode_pair, paths_now, None,
                               on_done=partial(self._full_ready, token, before, after),
                               on_error=partial(self._image_failed, token))

    def _full_ready(self, token: int, before: CompareChoice, after: CompareChoice | None,
                    images: tuple[QImage, QImage | None]) -> None:
        if token != self._view_token or self._closed:
            return
        self._remember((before.path, after.path if after else None), images)
        self._display(token, before, after, images, full=True)

    def _remember(self, paths_now: tuple[str, str | None],
                  images: tuple[QImage, QImage | None]) -> None:
        for path, image in zip(paths_now, images, strict=True):
            if path and image is not None:
                self._images.pop(path, None)
                self._images[path] = image
        while len(self._images) > MAX_CACHED_IMAGES:
            self._images.pop(next(iter(self._images)))

    def _display(self, token: int, before: CompareChoice, after: CompareChoice | None,
                 images: tuple[QImage, QImage | None], *, full: bool) -> None:
        view = self.compare.view
        old_state = view.view_state()
        old_width = view.before_image().width() if not view.before_image().isNull() else 0
        try:
            view.set_images(images[0], images[1], before.label, after.label if after else None)
        except SkyClearError as err:
            self.show_banner(str(err), "error")
            return
        if full and old_width and not old_state.fitted and old_width != images[0].width():
            # the full-size photo replaces its preview: keep what the user zoomed into
            ratio = images[0].width() / old_width
            old_state.center.setX(old_state.center.x() * ratio)
            old_state.center.setY(old_state.center.y() * ratio)
            view.set_view_state(type(old_state)(old_state.center, old_state.zoom / ratio, False))
        self._shown_paths = (before.path, after.path if after else None)
        self.previewShown.emit(before.path)
        if after is not None:
            self.resultShown.emit(after.path)

    def _image_failed(self, token: int, error: BaseException) -> None:
        if token != self._view_token:
            return
        self._shown_paths = (None, None)
        self.show_banner(str(error) if isinstance(error, SkyClearError) else
                         self.tr("The photo could not be shown."), "error")

    def set_mode(self, mode: CompareMode) -> None:
        self.compare.view.set_mode(mode)

    # ===== actions state =======================================================================
    def _update_actions(self) -> None:
        entries = [e for e in self.library.selected_entries() if not e.error]
        entry = self.current_entry()
        has_result = bool(entry and entry.done)
        can_generate = bool(entries)
        can_variation = bool(entry and entry.done and not entry.busy)
        hint = ""
        if not entries and self.model.rowCount():
            hint = self.tr("Select one or more photos in the library.")
        elif entry is not None and entry.busy:
            hint = self.tr("This photo is being processed. You can generate others meanwhile.")
        elif entry is not None and entry.is_draft and len(entries) == 1:
            hint = self.tr("Not sent yet: choose a service and press Generate.")
        self.panel.set_actions(can_generate=can_generate, generate_count=len(entries),
                               can_variation=can_variation, hint=hint)
        self.act_generate.setEnabled(can_generate)
        self.act_variation.setEnabled(can_variation)
        for action in (self.act_save, self.act_copy, self.act_reveal, self.act_export):
            action.setEnabled(has_result)
        self.act_remove.setEnabled(bool(self.library.selected_entries()))
        failed = self._failed_generation(entry)
        self.act_retry.setEnabled(failed is not None)
        self.act_stop.setEnabled(bool(entry and entry.busy))

    @staticmethod
    def _failed_generation(entry: LibraryEntry | None) -> Generation | None:
        if entry is None or entry.busy:
            return None
        latest = entry.latest
        if latest is not None and latest.status in (Status.FAILED, Status.ERROR,
                                                    Status.CANCELLED):
            return latest
        return None

    def _refresh_job_panel(self) -> None:
        entry = self.current_entry()
        gen = entry.current if entry is not None else None
        if entry is None or gen is None:
            self.panel.set_job(None)
            self._elapsed_timer.stop()
            return
        update = self._updates.get(gen.id or -1)
        text = describe_job(gen, update)
        busy = entry.busy
        error = gen.error if gen.status in (Status.FAILED, Status.ERROR, Status.CANCELLED) \
            else None
        elapsed = ""
        if busy:
            elapsed = self.tr("Elapsed {0}").format(format_elapsed(time.time() - gen.created_at))
            if gen.error:  # a transient problem being retried
                elapsed += " · " + self.tr("trying again: {0}").format(gen.error)
        elif gen.status is Status.DONE:
            n = len(entry.done)
            text = self.tr("Done — 1 result") if n == 1 else \
                self.tr("Done — {0} results").format(n)
            if gen.finished_at and gen.submitted_at:
                elapsed = self.tr("Took {0}").format(
                    format_elapsed(gen.finished_at - gen.created_at))
        self.panel.set_job(text, elapsed=elapsed, busy=busy, error=error,
                           can_retry=self._failed_generation(entry) is not None,
                           can_stop=busy)
        if busy and not self._elapsed_timer.isActive() and not self._closed:
            self._elapsed_timer.start()
        elif not busy:
            self._elapsed_timer.stop()

    def _show_entry_problem(self, entry: LibraryEntry) -> None:
        """When a photo is selected, say what went wrong with it (or clear an older message)."""
        if entry.error:
            self.show_banner(entry.error, "error", context=entry.key)
            return
        failed = self._failed_generation(entry)
        if failed is not None and failed.error and failed.status is not Status.CANCELLED:
            self._show_failure(failed)
        elif self.banner.context is not None and self.banner.context != entry.key:
            self.banner.dismiss()

    def _show_failure(self, gen: Generation) -> None:
        actions: list[tuple[str, Callable[[], None]]] = [
            (self.tr("Retry"), partial(self.retry, gen.id or -1))]
        if gen.error is not None and "Settings" in gen.error:
            actions.append((self.tr("Open Settings"), self.open_settings))
        self.show_banner(gen.error or self.tr("This photo could not be processed."), "error",
                         actions=actions, context=f"project:{gen.root_id}")

    # ===== generating ==========================================================================
    def generate(self) -> None:
        entries = [e for e in self.library.selected_entries() if not e.error]
        if not entries:
            return
        engine, service, auto = self.panel.engine(), self.panel.service(), self.panel.auto()
        if engine is EngineName.CLOUD:
            problem = self._cloud_problem()
            if problem:
                self.show_banner(problem, "error",
                                 action=(self.tr("Open Settings"), self.open_settings))
                return
            if not self._confirm_spend(len(entries)):
                return
        masks: dict[str, Any] = {}
        if engine is EngineName.LOCAL:
            # the local engine removes what is painted, and shows the sky it found before
            # painting a new one: one photo at a time
            if service is Service.SKY:  # a photo given as a URL takes the automatic result
                masks.update((e.source, None) for e in entries if e.source.startswith(
                    ("http://", "https://")))
            self._ask_masks_then_generate(entries, service, engine, masks, {})
            return
        self._create_generations(entries, service, engine, auto, masks)

    def _ask_masks_then_generate(self, entries: list[LibraryEntry], service: Service,
                                 engine: EngineName, masks: dict[str, Any],
                                 seeds: dict[str, int]) -> None:
        """Ask for each photo's mask in turn (declutter: painted; sky: the reviewed regions,
        None = automatic, and the seed of the sky its preview showed), then create the
        generations; a cancel stops the whole batch."""
        pending = [e for e in entries if e.source not in masks]
        if not pending:
            chosen = [e for e in entries if masks[e.source] is not _SKIPPED]
            if chosen:
                self._create_generations(chosen, service, engine, False, masks, seeds)
            else:
                self.statusBar().showMessage(self.tr("Nothing sent: every photo was skipped."),
                                             4000)
            return
        entry = pending[0]

        def got_mask(mask: Any) -> None:
            if mask is None:
                self.statusBar().showMessage(self.tr("Generate cancelled: no mask painted."), 4000)
                return
            masks[entry.source] = mask
            self._ask_masks_then_generate(entries, service, engine, masks, seeds)

        def got_sky(review: SkyReview | None) -> None:
            if review is None:
                self.statusBar().showMessage(self.tr("Generate cancelled."), 4000)
                return
            masks[entry.source] = _SKIPPED if review.skip else review.mask
            if review.seed is not None:
                seeds[entry.source] = review.seed
            if not review.review_rest:  # the others take the automatic detection
                masks.update((e.source, None) for e in pending if e.source not in masks)
            self._ask_masks_then_generate(entries, service, engine, masks, seeds)

        if service is Service.SKY:
            number = len(entries) - len(pending) + 1
            self.request_sky_regions(entry.source, got_sky, position=(number, len(entries)))
            return
        previous = self._previous_mask(entry)
        self.request_mask(entry.source, previous, got_mask)

    def _create_generations(self, entries: list[LibraryEntry], service: Service,
                            engine: EngineName, auto: bool, masks: dict[str, Any],
                            seeds: dict[str, int] | None = None) -> None:
        webhook = self.ws.settings.webhook or None
        for entry in entries:
            self.tasks.submit(self.ws.pipeline.new_generation, entry.source, service, engine,
                              auto=auto, webhook=webhook if engine is EngineName.CLOUD else None,
                              mask=masks.get(entry.source),
                              seed=(seeds or {}).get(entry.source),
                              on_done=partial(self._generation_created, entry.key),
                              on_error=self._show_error)
        self.statusBar().showMessage(self.tr("Sending {0}…").format(
            self._count(len(entries), "photo")), 4000)

    def _generation_created(self, key: str, gen: Generation) -> None:
        assert gen.id is not None
        entry = LibraryEntry(source=gen.source, family=[gen], added_at=gen.created_at)
        row = self.model.row_of(key)
        current = self.current_entry()
        was_current = current is not None and current.key == key
        if key.startswith("draft:") and row >= 0:
            self.drafts.remove(key.removeprefix("draft:"))
            self.model.replace_entry(row, entry)
        else:
            row = self.model.add_entry(entry, 0)
            self.library.clearSelection()
            self.library.setCurrentIndex(self.model.index(row))
            was_current = False
        self._update_library_count()
        self.poller.track(gen.id)
        if was_current:
            self._choices_for = None
        self._on_selection_changed()

    def new_variation(self) -> None:
        entry = self.current_entry()
        if entry is None or not entry.done or entry.busy:
            return
        parent = self._variation_parent(entry)
        assert parent.id is not None
        if parent.engine is EngineName.CLOUD:
            problem = self._cloud_problem(need_host=parent.service is Service.DECLUTTER)
            if problem:
                self.show_banner(problem, "error",
                                 action=(self.tr("Open Settings"), self.open_settings))
                return
            if self._credits is not None and self._credits.total <= 0 and not self.confirm(
                    self.tr("No credits left"),
                    self.tr("Your IACrea account shows no photo credits. A variation may be free "
                            "with your plan, or IACrea may refuse it. Ask anyway?")):
                return
        if parent.service is Service.SKY:
            self.tasks.submit(self.ws.pipeline.new_variation, parent.id,
                              on_done=self._variation_created, on_error=self._show_error)
            return

        def got_mask(mask: Any) -> None:
            if mask is None:
                return
            self.tasks.submit(self.ws.pipeline.new_variation, parent.id, mask=mask,
                              on_done=self._variation_created, on_error=self._show_error)

        image = parent.prepared_path or parent.source
        self.request_mask(image, self._previous_mask(entry), got_mask)

    def _variation_parent(self, entry: LibraryEntry) -> Generation:
        """The result shown on the right when it is one of this photo's, else the latest."""
        key = self.compare.after_key()
        if key and key != ORIGINAL and self._same_project_shown(entry):
            gen = entry.generation(int(key.split(":")[0]))
            if gen is not None and gen.status is Status.DONE:
                return gen
        return entry.done[-1]

    @staticmethod
    def _previous_mask(entry: LibraryEntry) -> str | None:
        for gen in reversed(entry.family):
            if gen.mask_path and Path(gen.mask_path).exists():
                return gen.mask_path
        return None

    def _variation_created(self, gen: Generation) -> None:
        assert gen.id is not None
        self.model.update_generation(gen)
        self.poller.track(gen.id)
        self._on_selection_changed()
        self.statusBar().showMessage(self.tr("Variation requested."), 4000)

    def request_mask(self, image_path: str, initial_mask: str | None,
                     done: Callable[[Any], None]) -> None:
        """Open the mask editor on ``image_path`` (it decodes the photo in the background),
        starting from ``initial_mask``; ``done`` receives the painted mask (a bool array the
        photo's size) or None when the user cancels."""
        from desktop_app.ui.mask_editor import MaskEditorDialog

        dialog = MaskEditorDialog(image_path, initial_mask=initial_mask, parent=self)
        accepted = dialog.exec() == MaskEditorDialog.DialogCode.Accepted
        mask = dialog.mask() if accepted else None
        dialog.deleteLater()
        done(mask)

    def request_sky_regions(self, image_path: str, done: Callable[[SkyReview | None], None],
                            position: tuple[int, int] = (1, 1)) -> None:
        """Show the sky the local engine finds in ``image_path`` and let the user take regions
        out or add missed windows; ``done`` receives the decision (``SkyReview``) or None when
        the user cancels. ``position``: (this photo's number, how many the batch has).

        The dialog is window-modal but does not block this call: ``done`` runs when it closes.
        """
        from desktop_app.ui.sky_review import SkyReviewDialog

        dialog = SkyReviewDialog(image_path, parent=self, position=position)

        def finished(result: int) -> None:
            review = dialog.review() if result == SkyReviewDialog.DialogCode.Accepted else None
            dialog.deleteLater()
            done(review)

        dialog.finished.connect(finished)
        dialog.open()

    def retry_selected(self) -> None:
        failed = self._failed_generation(self.current_entry())
        if failed is not None and failed.id is not None:
            self.retry(failed.id)

    def retry(self, gen_id: int) -> None:
        gen = self.ws.store.get(gen_id)
        if gen.engine is EngineName.CLOUD:
            problem = self._cloud_problem()
            if problem:
                self.show_banner(problem, "error",
                                 action=(self.tr("Open Settings"), self.open_settings))
                return
        gen = self.ws.pipeline.retry(gen_id)
        self.model.update_generation(gen)
        self.poller.track(gen_id)
        if self.banner.context == f"project:{gen.root_id}":
            self.banner.dismiss()
        self._on_selection_changed()

    def stop_selected(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        for gen in entry.in_flight:
            assert gen.id is not None
            self.poller.forget(gen.id)
            self.model.update_generation(self.ws.pipeline.cancel(gen.id))
        self._on_selection_changed()

    def _cloud_problem(self, need_host: bool = True) -> str | None:
        try:
            credentials.resolve(self.ws.settings)
        except ConfigError as err:
            return str(err)
        if need_host and self.ws.settings.host_kind not in ("put", "s3"):
            return self.tr("To send photos to IACrea they must first be put online: choose an "
                           "image host in Settings (an upload URL or an S3-compatible bucket).")
        return None

    def _confirm_spend(self, count: int) -> bool:
        credits = self._credits
        if credits is None:
            return True
        low = self.ws.settings.low_credit_warning
        if credits.total <= 0:
            text = self.tr("Your IACrea account has no photo credits left, so IACrea will "
                           "probably refuse {0}. Send anyway?").format(
                self._count(count, "photo"))
        elif credits.total < count:
            text = self.tr("You have {0} but selected {1} photos: some may be refused. Send "
                           "anyway?").format(self._count(credits.total, "credit"), count)
        elif credits.total - count < low:
            text = self.tr("This uses {0}; {1} will be left. Continue?").format(
                self._count(count, "credit"), credits.total - count)
        else:
            return True
        return self.confirm(self.tr("Photo credits"), text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    # ===== job updates =========================================================================
    def _on_job_update(self, update: JobUpdate) -> None:
        if self._closed:
            return
        gen = update.gen
        self._updates[update.gen_id] = update
        row = self.model.update_generation(gen)
        if row < 0:  # a project made elsewhere (e.g. by the command line)
            assert gen.root_id is not None
            family = self.ws.store.family(gen.root_id)
            row = self.model.add_entry(LibraryEntry(gen.source, family), 0)
            self._update_library_count()
        if gen.remaining_credits is not None and gen.engine is EngineName.CLOUD and \
                gen.status is Status.STARTING and not update.running:
            self._set_credits(Credits(total=gen.remaining_credits), EngineName.CLOUD)
        entry = self.current_entry()
        is_current = entry is not None and entry.root_id == gen.root_id
        if update.finished:
            self._updates.pop(update.gen_id, None)
            self._job_finished(gen, is_current)
        elif gen.error and gen.engine is EngineName.CLOUD:
            self._check_connection_soon()
        if is_current:
            self._update_actions()
            self._refresh_job_panel()
        self.jobUpdated.emit(update)

    def _job_finished(self, gen: Generation, is_current: bool) -> None:
        name = Path(gen.source.split("?")[0]).name
        if gen.status is Status.DONE:
            if is_current:
                entry = self.current_entry()
                assert entry is not None
                self._fill_choices(entry, prefer_after=f"{gen.id}:0")
                self._show_chosen_images()
                if self.banner.context == entry.key:
                    self.banner.dismiss()
            self.statusBar().showMessage(self.tr("{0}: result ready.").format(name), 6000)
            self.notify(self.tr("Result ready"), self.tr("{0} — {1} is ready to compare.").format(
                name, gen.service.label))
            if gen.engine is EngineName.CLOUD:
                self._set_online(True)
        elif gen.status in (Status.FAILED, Status.ERROR):
            if is_current:
                self._show_failure(gen)
            self.statusBar().showMessage(self.tr("{0}: {1}").format(name, gen.error or ""), 8000)
            self.notify(self.tr("Photo not processed"), f"{name}: {gen.error or ''}")
        if gen.engine is EngineName.CLOUD:
            self.refresh_credits()  # a refund, or the balance after the last one

    def notify(self, title: str, text: str) -> None:
        """A desktop notification, only when the window is not the one the user looks at."""
        if self._window_is_active():
            return
        self.notified.emit(title, text)
        QApplication.alert(self)
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.windowIcon(), self)
                self._tray.setToolTip(APP_NAME)
                self._tray.messageClicked.connect(self._bring_to_front)
            self._tray.show()
            self._tray.showMessage(title, text, self.windowIcon(), 8000)

    def _window_is_active(self) -> bool:
        return self.isActiveWindow() and not self.isMinimized()

    def _bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # ===== credits and connection ==============================================================
    def _on_engine_changed(self, engine: EngineName) -> None:
        if self.ws.settings.engine != engine.value and self._started:
            self.ws.settings.engine = engine.value  # the user's explicit choice is remembered
            self._save_settings_quietly()
        self._update_actions()
        self._refresh_status_bar()
        self.refresh_credits()

    def refresh_credits(self) -> None:
        """Ask the current engine for the balance (off the GUI thread)."""
        engine = self.panel.engine()
        if engine is EngineName.LOCAL:
            self._set_credits(None, engine)
            return
        if not credentials.has_cloud_credentials(self.ws.settings):
            self._set_credits(None, engine, note=self.tr("Add your API key in Settings to use "
                                                         "IACrea."))
            return
        if self._credits_pending or self._closed:
            return
        if self._credits is None:
            self._set_credits(None, engine, note=self.tr("Asking IACrea for your balance…"))
        self._credits_pending = True
        self.tasks.submit(self.ws.pipeline.credits, engine,
                          on_done=partial(self._credits_ready, engine),
                          on_error=partial(self._credits_failed, engine))

    def _credits_ready(self, engine: EngineName, credits: Credits | None) -> None:
        self._credits_pending = False
        self._set_online(True)
        self._set_credits(credits, engine)

    def _credits_failed(self, engine: EngineName, error: BaseException) -> None:
        self._credits_pending = False
        message = str(error) if isinstance(error, SkyClearError) else \
            self.tr("The credits could not be read.")
        if isinstance(error, NetworkError):
            self._set_online(False)
        self._set_credits(self._credits if self._credits_engine is engine else None, engine,
                          note=message)

    def _set_credits(self, credits: Credits | None, engine: EngineName,
                     note: str | None = None) -> None:
        self._credits = credits if engine is EngineName.CLOUD else None
        self._credits_engine = engine
        low = credits is not None and credits.total <= self.ws.settings.low_credit_warning
        if engine is EngineName.CLOUD and credits is not None and note is None and low:
            note = self.tr("Running low: top up in your IACrea account.") if credits.total else \
                self.tr("No credits left: top up in your IACrea account.")
        self.panel.set_credits(engine, credits, note=note, low=low)
        self._refresh_status_bar()
        self.creditsChanged.emit(self._credits)

    def credits(self) -> Credits | None:
        return self._credits

    def _check_connection_soon(self) -> None:
        if not self._credits_pending:
            self.refresh_credits()

    def _watch_network(self) -> None:
        """Use the system's reachability information where Qt has a backend for it."""
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadBackendByFeatures(
                    QNetworkInformation.Feature.Reachability):
                return
            info = QNetworkInformation.instance()
        except (ImportError, RuntimeError, AttributeError):
            return
        if info is None:
            return
        info.reachabilityChanged.connect(self._reachability_changed)
        self._reachability_changed(info.reachability())

    def _reachability_changed(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Disconnected:
            self._set_online(False)
        elif reachability == QNetworkInformation.Reachability.Online and self._offline:
            self.refresh_credits()

    def _set_online(self, online: bool) -> None:
        known, self._online_known = self._online_known, True
        if known and self._offline == (not online):
            return
        self._offline = not online
        if self._offline:
            if not self._closed:
                self._online_timer.start()
            if not self.banner.isVisible() or self.banner.kind() != "error":
                self.show_banner(self.tr(
                    "You seem to be offline. Photos already sent keep processing at IACrea; "
                    "SkyClear keeps checking and collects the results once you are back online. "
                    "The local engine works offline."), "warning", context="offline")
        else:
            self._online_timer.stop()
            if self.banner.context == "offline":
                self.banner.dismiss()
        self._refresh_status_bar()

    def is_offline(self) -> bool:
        return self._offline

    def _refresh_status_bar(self) -> None:
        engine = self.panel.engine()
        self.engine_status.setText(self.tr("Engine: local (offline)") if engine is
                                   EngineName.LOCAL else self.tr("Engine: IACrea cloud"))
        if engine is EngineName.LOCAL:
            self.credits_status.setText(self.tr("No credits needed"))
        elif self._credits is None:
            self.credits_status.setText(self.tr("Credits: —"))
        else:
            self.credits_status.setText(self.tr("Credits: {0}").format(self._credits.total))
        if engine is EngineName.CLOUD and self._online_known:
            self.online_status.setText(self.tr("● Offline") if self._offline else
                                       self.tr("● Online"))
            self.online_status.setStyleSheet(
                f"color: {style.DANGER if self._offline else style.SUCCESS};")
            self.online_status.show()
        else:
            self.online_status.hide()

    # ===== results: save, export, copy, reveal =================================================
    def _shown_result(self) -> tuple[LibraryEntry, CompareChoice] | None:
        entry = self.current_entry()
        if entry is None or not entry.done:
            return None
        choice = self.compare.choice(self.compare.after_key()) \
            if self._same_project_shown(entry) else None
        if choice is None or choice.key == ORIGINAL:
            gen = entry.done[-1]
            choice = CompareChoice(f"{gen.id}:0", self.tr("Result"), gen.result_files[0])
        return entry, choice

    def _export_name(self, entry: LibraryEntry, choice: CompareChoice, suffix: str) -> str:
        stem = Path(entry.name).stem
        service = entry.service.value if entry.service else "result"
        label = choice.label.lower().replace(" ", "-")
        return f"{stem}-{service}-{label}{suffix}"

    def save_result_as(self) -> None:
        shown = self._shown_result()
        if shown is None:
            return
        entry, choice = shown
        suffix = ".png" if choice.path.lower().endswith(".png") else ".jpg"
        folder = str(window_settings().value("paths/export", str(Path.home())))
        dest = self.ask_save_path(str(Path(folder) / self._export_name(entry, choice, suffix)))
        if not dest:
            return
        window_settings().setValue("paths/export", str(Path(dest).parent))
        self.tasks.submit(export.export_result, choice.path, dest,
                          burn_label=self.ws.settings.burn_label, protect=(entry.source,),
                          on_done=self._saved, on_error=self._show_error)

    def ask_save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save result as"), suggested,
            self.tr("JPEG image (*.jpg *.jpeg);;PNG image (*.png)"))
        return path or None

    def _saved(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr("Saved {0}").format(path), 8000)

    def export_all(self) -> None:
        entry = self.current_entry()
        if entry is None or not entry.done:
            return
        folder = self.ask_export_folder()
        if not folder:
            return
        window_settings().setValue("paths/export", folder)
        sources = [f for gen in entry.done for f in gen.result_files]
        stem = f"{Path(entry.name).stem}-{entry.service.value if entry.service else 'result'}"
        self.tasks.submit(export.export_all, sources, folder, stem,
                          burn_label=self.ws.settings.burn_label, protect=(entry.source,),
                          on_done=self._exported, on_error=self._show_error)

    def ask_export_folder(self) -> str | None:
        start = str(window_settings().value("paths/export", str(Path.home())))
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export all results to"), start)
        return folder or None

    def _exported(self, written: list[Path]) -> None:
        folder = written[0].parent if written else ""
        self.statusBar().showMessage(self.tr("{0} exported to {1}").format(
            self._count(len(written), "result"), folder), 8000)

    def copy_result(self) -> None:
        shown = self._shown_result()
        if shown is None:
            return
        _entry, choice = shown
        burn = self.ws.settings.burn_label

        def render() -> QImage:
            image = export.render_export(choice.path, burn_label=burn)
            return rgb_to_qimage(np.asarray(image))

        self.tasks.submit(render, on_done=self._copied, on_error=self._show_error)

    def _copied(self, image: QImage) -> None:
        QGuiApplication.clipboard().setImage(image)
        self.statusBar().showMessage(self.tr("Result copied to the clipboard."), 4000)

    def show_in_file_manager(self) -> None:
        shown = self._shown_result()
        if shown is None:
            return
        path = Path(shown[1].path)
        if sys.platform == "win32":
            QProcess.startDetached("explorer", ["/select,", str(path)])
        elif sys.platform == "darwin":
            QProcess.startDetached("open", ["-R", str(path)])
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    # ===== settings, dialogs, messages =========================================================
    def open_settings(self) -> None:
        from desktop_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ws.settings, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            settings = dialog.saved_settings()
            if settings is not None:
                self.apply_settings(settings)
        dialog.deleteLater()

    def apply_settings(self, settings: Settings) -> None:
        """Use (and save) new settings: the engines are rebuilt, the credits asked again."""
        try:
            save_settings(settings)
        except OSError as err:
            self.show_banner(self.tr("The settings could not be saved ({0}).").format(
                err.strerror or err), "error")
        self.ws.apply_settings(settings)
        self.panel.blockSignals(True)
        self.panel.set_engine(default_engine(settings))
        self.panel.blockSignals(False)
        self.panel._update_auto()
        if self.banner.context is None or self.banner.context == "offline":
            self.banner.dismiss()
        self._credits = None
        self._update_actions()
        self._refresh_status_bar()
        self.refresh_credits()

    def _save_settings_quietly(self) -> None:
        try:
            save_settings(self.ws.settings)
        except OSError as err:
            log.warning("settings not saved: %s", err)

    def show_welcome(self) -> None:
        from desktop_app.ui.welcome_dialog import WelcomeDialog

        window_settings().setValue("welcome/shown", True)
        dialog = WelcomeDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.open_settings)
        dialog.open()
        self.welcome_dialog = dialog

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About SkyClear"), self.tr(
            "<h3>SkyClear {0}</h3>"
            "<p>Blue skies and clutter-free rooms for real-estate listing photos, with the "
            "IACrea cloud or the offline local engine.</p>"
            "<p>Your original photos are never modified. Data folder:<br><code>{1}</code></p>"
            ).format(__version__, paths.data_dir()))

    def _count(self, n: int, noun: str) -> str:
        """"1 photo", "3 photos"... (noun: photo, credit or result)."""
        words = {
            "photo": (self.tr("1 photo"), self.tr("{0} photos")),
            "credit": (self.tr("1 photo credit"), self.tr("{0} photo credits")),
            "result": (self.tr("1 result"), self.tr("{0} results")),
        }[noun]
        return words[0] if n == 1 else words[1].format(n)

    def show_banner(self, text: str, kind: str = "error",
                    action: tuple[str, Callable[[], None]] | None = None,
                    context: object = None,
                    actions: list[tuple[str, Callable[[], None]]] | None = None) -> None:
        self.banner.show_message(text, kind, action, context, actions)

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, SkyClearError):
            self.show_banner(str(error), "error")
        else:
            log.error("unexpected error", exc_info=error)
            self.show_banner(self.tr("Something went wrong on this computer: {0}").format(
                type(error).__name__), "error")


def open_main_window(workspace: Workspace | None = None, **kwargs: Any) -> MainWindow:
    """Build the window on a workspace (the saved settings' one by default)."""
    from desktop_app.engines.workspace import open_workspace

    window = MainWindow(workspace or open_workspace(), **kwargs)
    return window


__all__ = ["MainWindow", "describe_job", "format_elapsed", "open_main_window", "window_settings"]
