"""Starting the window: the QApplication, its look, logging, and the run loop."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_NAME, __version__
from desktop_app.core import logfile, paths

if TYPE_CHECKING:
    from desktop_app.engines.workspace import Workspace

log = logging.getLogger("desktop_app")


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (created once), with SkyClear's names, style and icon."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("skyclear")
    from desktop_app.core.settings import load_settings
    from desktop_app.ui import i18n, style

    i18n.install_translators(app, load_settings().language)
    style.apply_style(app)
    app.setWindowIcon(QIcon(style.icon("app")))
    return app


def configure_logging() -> Path:
    """Warnings to stderr; everything from INFO up to a rotating file in the data folder."""
    handler = logfile.file_handler("skyclear-window.log")
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    root.addHandler(console)
    return Path(handler.baseFilename)


def _install_excepthook(log_file: Path) -> None:
    """An unexpected error is logged with its traceback and told in one sentence; the app
    goes on (Qt would otherwise print it and carry on silently)."""
    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("unexpected error", exc_info=(kind, value, tb))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            QMessageBox.warning(app.activeWindow(), APP_NAME, QCoreApplication.translate(
                "App", "Something went wrong inside SkyClear. Your photos and results are "
                "safe; the details are in {0}.").format(log_file))

    sys.excepthook = hook


def open_workspace_saying_why() -> Workspace | None:
    """The workspace, after a dialog for each damaged file set aside at opening; None (after a
    dialog saying why) when the data folder cannot be used or the store is locked."""
    from desktop_app.core.errors import SkyClearError
    from desktop_app.core.recovery import StoreLockedError
    from desktop_app.engines.workspace import open_workspace
    from desktop_app.ui.messages import error_text, message_text

    try:
        workspace = open_workspace()
    except StoreLockedError as err:
        QMessageBox.critical(None, APP_NAME, error_text(err))
        return None
    except (OSError, SkyClearError) as err:
        QMessageBox.critical(None, APP_NAME, QCoreApplication.translate(
            "App", "SkyClear could not open its data folder %1: %2").replace(
            "%1", str(paths.data_dir())).replace(
            "%2", error_text(err) if isinstance(err, SkyClearError) else str(err)))
        return None
    for notice in workspace.notices:
        QMessageBox.warning(None, APP_NAME, message_text(notice))
    return workspace


def run_window(argv: Sequence[str] | None = None, files: Sequence[str] = ()) -> int:
    """Open the main window on the saved settings, add ``files`` (photos or folders, e.g. from
    the file manager's "Open with"), and run until it closes."""
    app = create_app(argv)
    log_file = configure_logging()
    _install_excepthook(log_file)
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.single_instance import SingleInstance, server_name
    from desktop_app.ui.window_state import WindowState

    instance = SingleInstance(server_name(paths.data_dir()))
    if instance.forward(list(files)):  # a window is open on this library: it takes them
        log.info("handed %d item(s) to the SkyClear window already open", len(files))
        return 0
    instance.listen()
    workspace = open_workspace_saying_why()
    if workspace is None:
        instance.close()
        return 1
    window = MainWindow(workspace)
    instance.filesReceived.connect(window.receive_photos)
    window.show()
    window.start()
    window.add_photos(list(files))
    try:
        return int(app.exec())
    finally:
        instance.close()
        window.shutdown()
        workspace.close()
        WindowState.flush()  # the window's last layout, written meanwhile off the GUI thread
