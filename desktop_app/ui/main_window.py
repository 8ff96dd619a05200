"""The SkyClear main window: it builds the layout and wires the parts that act.

The parts: ``actions`` (every action as data, and what is enabled), ``ListingController`` (the
listing shown, kept versions, order, delivery), ``LibraryController`` (its photos, one row each,
and their thumbnails), ``VersionStrip`` (every version of the selected photo),
``PreviewController`` (what the viewer compares, loaded off the GUI thread),
``GenerationController`` (Generate, New variation, Retry, Stop), ``JobsController`` (each
job's updates, the job panel, notifications), ``AccountController`` (credits, online state),
``ResultsController`` (Save as, Export all, Copy, Show in folder) and ``job_status`` (how a job
is worded). Every question to the user goes through a ``Prompt`` (tests pass a fake).

Threads: the window lives on the GUI thread. One ``Poller`` thread follows every job in flight;
the controllers' ``TaskRunner``s do the rest of the slow work, reporting back through queued
signals with plain values, so widgets are only ever touched here.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from desktop_app import APP_NAME, __version__
from desktop_app.core import credentials, paths
from desktop_app.core.errors import SkyClearError
from desktop_app.core.models import EngineName, Generation, Status
from desktop_app.core.settings import Settings
from desktop_app.engines.factory import default_engine
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs.poller import JobUpdate, Poller
from desktop_app.jobs.tasks import TaskRunner, wait_for_retired
from desktop_app.ui import style
from desktop_app.ui.account_controller import AccountController
from desktop_app.ui.actions import (
    ActionId,
    action_hint,
    build_actions,
    enabled_actions,
)
from desktop_app.ui.compare_panel import ComparePanel
from desktop_app.ui.compare_view import CompareMode
from desktop_app.ui.generation_controller import (
    GenerationController,
    failed_generation,
    found_no_sky,
    selection_state,
    stopped_generation,
)
from desktop_app.ui.jobs_controller import JobsController
from desktop_app.ui.library import LibraryModel, LibraryView
from desktop_app.ui.library_controller import LibraryController
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.listing_bar import ListingBar
from desktop_app.ui.listing_controller import ListingController
from desktop_app.ui.messages import error_text
from desktop_app.ui.notifier import Notifier
from desktop_app.ui.preview_controller import PreviewController
from desktop_app.ui.prompts import BannerAction, DialogPrompt, Prompt
from desktop_app.ui.results_controller import ResultsController
from desktop_app.ui.service_panel import ServicePanel
from desktop_app.ui.version_strip import VersionStrip, variation_note
from desktop_app.ui.viewer_keys import ViewerKeys
from desktop_app.ui.window_layout import (
    LISTING_MENU,
    build_menus_and_toolbar,
    centre_column,
    library_column,
    status_labels,
)
from desktop_app.ui.window_state import WindowState

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """See the module docstring. Call ``start()`` once shown; ``shutdown()`` happens on close."""

    notified = Signal(str, str)  # title, text: a desktop notification was shown
    previewShown = Signal(str)  # path of the original now on screen
    resultShown = Signal(str)  # path of the result now on screen
    jobUpdated = Signal(object)  # JobUpdate, after the window has taken it in
    creditsChanged = Signal(object)  # Credits | None
    listingExported = Signal(object)  # ExportResult, once the files are written

    def __init__(self, workspace: Workspace, *, first_run_welcome: bool = True,
                 prompt: Prompt | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.prompt: Prompt = prompt or DialogPrompt(self, workers=workspace.engines.local_workers)
        # photos are prepared in the local engine's worker processes, off this window's
        # interpreter lock (see Pipeline.image_steps)
        workspace.pipeline.image_steps = workspace.engines.run_in_workers
        self._first_run_welcome = first_run_welcome
        self._started = False
        self._closed = False
        self._splitter_restored = False

        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(QIcon(style.icon("app")))
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self.setMinimumSize(900, 600)

        self.tasks = TaskRunner(1, self)  # start-up work
        self._refresh_pending = False
        self.poller = Poller(workspace.pipeline, parent=self)
        self._build_ui()
        self._build_parts()
        self._build_actions()

        self.panel.set_engine(default_engine(self.ws.settings))
        self.library_part.load()
        self._restore_state()
        self.account.refresh_status_bar()
        self._on_selection_changed()

    # ===== building ============================================================================
    def _build_ui(self) -> None:
        self.model = LibraryModel(self)
        self.library = LibraryView(self)
        self.library.setModel(self.model)
        selection = self.library.selectionModel()
        # a click moves the selection, then the current row: answer the row at once, and a
        # selection that moves alone (select all) on the next pass, so a click is answered once
        selection.selectionChanged.connect(lambda *_: self._refresh_soon())
        selection.currentChanged.connect(lambda *_: self._on_selection_changed())
        library_box, self.library_count = library_column(self.library, self)
        self.compare = ComparePanel(self)
        self.banner = self.compare.banner
        self.strip = VersionStrip(self)
        centre = centre_column(self.compare, self.strip, self)
        self.panel = ServicePanel(self)
        self.library_box = library_box

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(5)  # wide enough to grab: the library can be widened
        for n, (widget, stretch) in enumerate(((library_box, 0), (centre, 1),
                                               (self.panel, 0))):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(n, stretch)
        self.splitter.setSizes([310, 690, 300])
        self.setCentralWidget(self.splitter)
        self.status_labels = status_labels(self.statusBar())
        self.online_status = self.status_labels.online
        self.engine_status = self.status_labels.engine
        self.credits_status = self.status_labels.credits

    def _build_parts(self) -> None:
        self.account = AccountController(self.ws, self.panel, self.status_labels, self.banner,
                                         self, self.prompt, self)
        self.account.creditsChanged.connect(self.creditsChanged)
        self.preview = PreviewController(self.compare, self, self)
        self.preview.previewShown.connect(self.previewShown)
        self.preview.resultShown.connect(self.resultShown)
        self.listing = ListingController(self.ws, self, self.prompt, self.status_labels, self)
        self.listing.listingsChanged.connect(self._show_listings)
        self.listing.changed.connect(self._show_listings)
        self.listing.exported.connect(self.listingExported)
        self.library_part = LibraryController(self.ws, self.model, self.library,
                                              self.library_count, self.poller, self.listing,
                                              self, self.prompt, self)
        self.library_part.changed.connect(self._refresh_soon)
        self.preview.decoding.connect(self.library_part.hold_thumbnails)
        self.preview.previewShown.connect(self.library_part.release_thumbnails)
        self.generation = GenerationController(self.ws, self.poller, self.account, self,
                                               self.prompt, self.banner, self)
        self.generation.created.connect(self._generation_created)
        self.generation.variationCreated.connect(self._generation_changed)
        self.generation.changed.connect(self._generation_changed)
        self.generation.startingChanged.connect(self._update_actions)
        self.library_part.changed.connect(self._drop_stale_banner)
        self.results = ResultsController(self.ws, self, self.prompt, self)
        self.viewer_keys = ViewerKeys(self.compare.view, self)
        self.notifier = Notifier(self, lambda: self._window_is_active())
        self.notifier.notified.connect(self.notified)
        self.jobs = JobsController(self.poller, self.library_part, self.account, self.preview,
                                   self.generation, self.panel, self.banner, self.notifier,
                                   self, self.current_entry, self)
        self.jobs.updated.connect(self._job_updated)

        self.compare.empty.addRequested.connect(self.open_photos)
        self.panel.generateRequested.connect(self.generate)
        self.panel.variationRequested.connect(self.new_variation)
        self.panel.retryRequested.connect(self.retry_selected)
        self.panel.stopRequested.connect(self.stop_selected)
        self.panel.engineChanged.connect(self._on_engine_changed)
        self.panel.serviceChanged.connect(lambda *_: self._update_actions())
        self.strip.chosen.connect(lambda key: self.compare.choose(after=key))
        self.strip.chosenBefore.connect(lambda key: self.compare.choose(before=key))
        self.strip.keepRequested.connect(self.keep_version)
        self.compare.choiceChanged.connect(self._show_versions)

    def _build_actions(self) -> None:
        view = self.compare.view
        handlers: dict[ActionId, Callable[[], object]] = {
            ActionId.OPEN: self.open_photos, ActionId.GENERATE: self.generate,
            ActionId.VARIATION: self.new_variation, ActionId.RETRY: self.retry_selected,
            ActionId.RETRY_ALL: self.retry_all_stopped,
            ActionId.STOP: self.stop_selected, ActionId.SAVE: self.save_result_as,
            ActionId.EXPORT: self.export_all, ActionId.COPY: self.copy_result,
            ActionId.REVEAL: self.show_in_file_manager, ActionId.REMOVE: self.remove_selected,
            ActionId.SETTINGS: self.open_settings, ActionId.QUIT: self.close,
            ActionId.PREVIOUS: partial(self.library_part.step, -1),
            ActionId.NEXT: partial(self.library_part.step, 1),
            ActionId.FIT: view.fit, ActionId.ACTUAL: lambda: view.actual_size(),
            ActionId.SPLIT: partial(self.set_mode, CompareMode.SPLIT),
            ActionId.SIDE: partial(self.set_mode, CompareMode.SIDE_BY_SIDE),
            ActionId.DIFF: partial(self.set_mode, CompareMode.DIFFERENCE),
            ActionId.ABOUT: self.show_about, ActionId.WELCOME: self.show_welcome,
            ActionId.HOLD_ORIGINAL: self.viewer_keys.hold_original,
            ActionId.DIVIDER_LEFT: partial(self.viewer_keys.move_divider, Qt.Key.Key_Left),
            ActionId.DIVIDER_RIGHT: partial(self.viewer_keys.move_divider, Qt.Key.Key_Right),
            ActionId.KEEP: self.keep_shown, ActionId.EXPORT_LISTING: self.export_listing,
            ActionId.NEW_LISTING: self.listing.ask_new,
            ActionId.RENAME_LISTING: self.listing.ask_rename,
            ActionId.ARCHIVE_LISTING: self.listing.ask_archive,
            ActionId.MOVE_UP: partial(self.library_part.move_selected, -1),
            ActionId.MOVE_DOWN: partial(self.library_part.move_selected, 1),
        }
        self.acts = build_actions(self, handlers)
        self.addActions(list(self.acts.values()))
        self.toolbar, self.recent_menu = build_menus_and_toolbar(self, self.acts)
        self.listing_bar = ListingBar([self.acts[a] if a else None for a in LISTING_MENU],
                                      self.library_box)
        self.listing_bar.listingChosen.connect(self.listing.switch)
        self._show_listings()
        self.recent_menu.aboutToShow.connect(
            lambda: self.library_part.fill_recent_menu(self.recent_menu))

    def action(self, action_id: ActionId) -> QAction:
        return self.acts[action_id]

    # ===== life cycle ==========================================================================
    def start(self) -> None:
        """Start the job thread, pick up unfinished work, ask for the credits, greet a new user."""
        if self._started:
            return
        self._started = True
        # what start-up built lives as long as the window: out of the collector's full passes,
        # which walked all of it on whichever thread crossed the threshold (35-55 ms, a frozen
        # window meanwhile, as the other threads wait for the interpreter lock)
        gc.freeze()
        self.poller.start()
        self.listing.start()
        self.tasks.submit(self._resume_jobs, on_done=self._resumed, on_error=self.show_error)
        self.account.refresh_credits()
        self.account.watch_network()
        if self._first_run_welcome and not WindowState.load().welcome_shown and \
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
            self.show_status(self.tr("Continuing %n photo(s) not finished last time.", "",
                                     len(ids)), 6000)

    def shutdown(self) -> None:
        """Stop every thread and timer cooperatively (idempotent). The workspace stays open."""
        if self._closed:
            return
        self._closed = True
        self.viewer_keys.release_original()
        self.jobs.close()
        self.library.stop_animation()
        self.poller.stop(10_000)
        self.tasks.close(10_000)
        for part in (self.account, self.preview, self.library_part, self.generation,
                     self.results, self.listing):
            part.close(10_000)
        self.strip.close_tasks(10_000)
        wait_for_retired(10_000)  # e.g. a sky detection whose dialog was cancelled
        self.compare.view.wait_for_workers(10_000)
        self.notifier.hide()
        self._save_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitter_restored:  # first start: a roomy library, the rest to the photo
            self._splitter_restored = True
            narrow = self.width() < 1200  # e.g. 1024 wide: the photo keeps room for its tools
            side = self.panel.minimumWidth() if narrow else max(290, self.panel.sizeHint().width())
            library = self.library.minimumWidth() if narrow else 330
            self.splitter.setSizes([library, max(400, self.width() - library - side), side])

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            running = sorted(self.poller.tracked())
            if running:
                choice = self.prompt.ask_about_running_jobs(len(running))
                if choice == "cancel":
                    event.ignore()
                    return
                if choice == "stop":
                    for gen_id in running:
                        self.ws.pipeline.cancel(gen_id)
                        self.poller.forget(gen_id)
            self.shutdown()
        event.accept()

    def _restore_state(self) -> None:
        state = WindowState.load()
        self._splitter_restored = state.restore_layout(self, self.splitter)
        self.set_mode(state.mode)
        self.panel.set_service(state.service)

    def _save_state(self) -> None:
        WindowState.capture(self, self.splitter, self.compare.view.mode(),
                            self.panel.chosen()[0]).save()

    # ===== library =============================================================================
    def current_entry(self) -> LibraryEntry | None:
        return self.library.current_entry()

    def open_photos(self) -> None:
        self.library_part.open_photos()

    def add_photos(self, items: list[str]) -> None:
        """Add files (or folders of photos) to the library as drafts; checked off-thread."""
        self.library_part.add_photos(items)

    def receive_photos(self, items: list[str]) -> None:
        """Photos another start of SkyClear was given ("Open with"): add them, come forward."""
        if items:
            self.add_photos(items)
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def remove_selected(self) -> None:
        self.library_part.remove_selected()

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

    # ===== selection ===========================================================================
    def _refresh_soon(self) -> None:
        """Rows changed (a job created, a reload): refresh the selection's view once they settle."""
        if not self._refresh_pending:
            self._refresh_pending = True  # cleared by any refresh, this one or a selection's
            QTimer.singleShot(0, self, self._refresh_if_pending)

    def _refresh_if_pending(self) -> None:
        if self._refresh_pending:
            self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        self._refresh_pending = False
        entry = self.current_entry()
        self._update_actions()
        self.jobs.refresh_panel()
        if entry is None:
            self.preview.show_nothing(self.model.rowCount() == 0)
            self.strip.show_entry(None)
            self.panel.follow(None)
            return
        self.preview.show_entry(entry)
        self._show_versions()
        self.generation.show_problem(entry)

    def set_mode(self, mode: CompareMode) -> None:
        self.compare.view.set_mode(mode)

    def _update_actions(self) -> None:
        state = selection_state(self.library.selected_entries(), self.current_entry(),
                                self.model.rowCount(), starting=self.generation.is_starting,
                                library=self.model.entries())
        enabled = enabled_actions(state)
        for action_id, action in self.acts.items():
            action.setEnabled(action_id in enabled)
        self.panel.set_actions(can_generate=ActionId.GENERATE in enabled,
                               generate_count=state.sendable,
                               can_variation=ActionId.VARIATION in enabled,
                               hint=action_hint(state), variation=self._variation_note(),
                               cloud=self.panel.engine() is EngineName.CLOUD)

    def _variation_note(self) -> str:
        entry = self.current_entry()
        return variation_note(entry, self.preview.variation_parent(entry)) \
            if entry is not None and entry.done else ""

    # ===== generating ==========================================================================
    def generate(self) -> None:
        entries = [e for e in self.library.selected_entries() if not e.error]
        self.generation.generate(entries, self.panel.engine(), self.panel.service(),
                                 self.panel.auto())

    def new_variation(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.done and not entry.busy:
            self.generation.new_variation(entry, self.preview.variation_parent(entry))

    def retry_selected(self) -> None:
        """Retry every selected photo whose job failed or stopped."""
        selected = self.library.selected_entries()
        # a job that found no sky would find none again: those photos go to the sky review
        self.generation.review_sky([e for e in selected if found_no_sky(failed_generation(e))])
        failed = [failed_generation(e) for e in selected]
        self.generation.retry([g.id for g in failed if g is not None and g.id is not None
                               and not found_no_sky(g)])

    def retry_all_stopped(self) -> None:
        stopped = [stopped_generation(e) for e in self.model.entries()]
        self.generation.retry([g.id for g in stopped if g is not None and g.id is not None])

    def _drop_stale_banner(self) -> None:
        """A banner about a photo goes away with the photo."""
        context = self.banner.context
        if isinstance(context, str) and context.startswith("project:"):
            root = context.removeprefix("project:")
            if not any(str(e.root_id) == root for e in self.model.entries()):
                self.banner.dismiss()

    def stop_selected(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.generation.stop(entry)

    def _generation_created(self, key: str, gen: Generation) -> None:
        current = self.current_entry()
        if current is not None and current.key == key:
            self.preview.forget_choices()  # the draft's row becomes the project's
        self.library_part.place_generation(key, gen)

    def _generation_changed(self, gen: Generation) -> None:
        self.model.update_generation(gen)
        if self.banner.context == f"project:{gen.root_id}" and not gen.status.finished:
            self.banner.dismiss()  # retried: the old failure no longer applies
        self._on_selection_changed()

    def _job_updated(self, update: JobUpdate, is_current: bool) -> None:
        if is_current:
            self._show_versions()  # and what is enabled now
        self.jobUpdated.emit(update)

    def _window_is_active(self) -> bool:
        return self.isActiveWindow() and not self.isMinimized()

    # ===== credits and connection ==============================================================
    def _on_engine_changed(self, _engine: EngineName) -> None:
        chosen = self.panel.chosen()[1]  # not the engine of a version the panel follows
        if self.ws.settings.engine is not chosen and self._started:
            self.ws.settings.engine = chosen  # the user's explicit choice is remembered
            self.library_part.save_settings_quietly()
        self._update_actions()
        self.account.refresh_status_bar()
        self.account.refresh_credits()

    # ===== results =============================================================================
    def save_result_as(self) -> None:
        entry = self.current_entry()
        choice = self.preview.shown_result(entry)
        if entry is not None and choice is not None:
            self.results.save_as(entry, choice)

    def export_all(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.results.export_all(entry)

    def copy_result(self) -> None:
        choice = self.preview.shown_result(self.current_entry())
        if choice is not None:
            self.results.copy(choice)

    def show_in_file_manager(self) -> None:
        choice = self.preview.shown_result(self.current_entry())
        if choice is not None:
            self.results.reveal(choice)

    # ===== listings ============================================================================
    def _show_listings(self) -> None:
        self.listing_bar.set_listings(self.listing.all(), self.listing.current_id)

    def _show_versions(self) -> None:
        entry = self.current_entry()
        self.strip.show_entry(entry, self.compare.after_key())
        self.panel.follow(self.preview.shown_version(entry))
        self._update_actions()

    def keep_shown(self) -> None:
        """Keep the version shown on the right (P); pressed again, keep none."""
        choice = self.preview.shown_result(self.current_entry())
        if choice is not None:
            self.keep_version(choice.key)

    def keep_version(self, key: str) -> None:
        entry = self.current_entry()
        if entry is not None and self.library_part.keep(entry, key):
            self._show_versions()

    def export_listing(self) -> None:
        self.listing.ask_export(self.model.entries())

    # ===== settings, dialogs, messages =========================================================
    def open_settings(self) -> None:
        self.open_settings_page("")

    def open_settings_page(self, page: str) -> None:
        """Settings, opened on ``page`` ("host": the image host tab)."""
        from desktop_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ws.settings, self, page=page)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            settings = dialog.saved_settings()
            if settings is not None:
                self.apply_settings(settings)
        dialog.deleteLater()

    def apply_settings(self, settings: Settings) -> None:
        """Use (and save) new settings: the engines are rebuilt, the credits asked again."""
        self.account.apply_settings(settings)
        self._update_actions()
        self.generation.resume_after_settings()  # e.g. kept jobs that waited for a key

    def show_welcome(self) -> None:
        from desktop_app.ui.welcome_dialog import WelcomeDialog

        state = WindowState.load()
        state.welcome_shown = True
        state.save()
        dialog = WelcomeDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.open_settings_page(dialog.settings_page))
        dialog.open()
        self.welcome_dialog = dialog

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About SkyClear"), self.tr(
            "<h3>SkyClear {0}</h3>"
            "<p>Blue skies and clutter-free rooms for real-estate listing photos, with the "
            "IACrea cloud or the offline local engine.</p>"
            "<p>Your original photos are never modified. Data folder:<br><code>{1}</code></p>"
            ).format(__version__, paths.data_dir()))

    # -- the Shell the controllers use --------------------------------------------------------
    def show_banner(self, text: str, kind: str = "error", action: BannerAction | None = None,
                    context: object = None, actions: list[BannerAction] | None = None) -> None:
        self.banner.show_message(text, kind, action, context, actions)

    def show_status(self, text: str, msecs: int = 4000) -> None:
        self.statusBar().showMessage(text, msecs)

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, SkyClearError):
            fix = [(self.tr("Open Settings"), self.open_settings)] if error.fix_in_settings \
                else None
            self.show_banner(error_text(error), "error", actions=fix)
        else:  # the runner has logged its traceback
            self.show_banner(self.tr("Something went wrong on this computer: {0}").format(
                type(error).__name__), "error")


def open_main_window(workspace: Workspace | None = None, **kwargs: Any) -> MainWindow:
    """Build the window on a workspace (the saved settings' one by default)."""
    from desktop_app.engines.workspace import open_workspace

    return MainWindow(workspace or open_workspace(), **kwargs)


__all__ = ["MainWindow", "open_main_window"]
