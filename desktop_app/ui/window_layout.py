"""Pieces of the main window's layout: the library column, the status bar's permanent widgets,
and the toolbar and menus laid out from the actions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QStatusBar,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import style
from desktop_app.ui.actions import ActionId
from desktop_app.ui.export_progress import ExportProgress
from desktop_app.ui.library import LibraryView

__all__ = ["StatusLabels", "ToolBar", "build_menus_and_toolbar", "library_column", "status_labels"]


class StatusLabels:
    """The permanent status-bar widgets: three labels, and a listing export's progress (shown
    while one runs)."""

    def __init__(self, online: QLabel, engine: QLabel, credits: QLabel,
                 export: ExportProgress) -> None:
        self.online, self.engine, self.credits = online, engine, credits
        self.export = export


class ToolBar(QToolBar):
    """Text beside the icons while it fits; in a narrower window the buttons on the right show
    their icon alone (the text stays their tip), as many as needed: French, about 20 % longer
    than English, needs more room, and so does a 1024 px window."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(title, parent)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._full_width = 0  # the width with every text shown, measured when first laid out
        self._savings: list[tuple[QToolButton, int]] = []  # what each button's text takes

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._full_width:
            self._measure()
        short = self._full_width - self.width()
        for button, saving in reversed(self._savings):
            style = Qt.ToolButtonStyle.ToolButtonIconOnly if short > 0 else \
                Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            short -= saving
            if button.toolButtonStyle() != style:
                button.setToolButtonStyle(style)

    def _measure(self) -> None:
        self._full_width = self.sizeHint().width()
        for action in self.actions():
            button = self.widgetForAction(action)
            if isinstance(button, QToolButton) and action.text():
                wide = button.sizeHint().width()
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
                self._savings.append((button, wide - button.sizeHint().width()))
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)


def status_labels(status: QStatusBar) -> StatusLabels:
    status.setSizeGripEnabled(False)
    labels = StatusLabels(QLabel(status), QLabel(status), QLabel(status), ExportProgress(status))
    for widget in (labels.export, labels.online, labels.engine, labels.credits):
        status.addPermanentWidget(widget)
    return labels


def library_column(library: LibraryView, parent: QWidget) -> tuple[QWidget, QLabel]:
    """The library under its title and photo count; returns the column and the count label."""
    library.setMinimumWidth(250)
    column = QWidget(parent)
    column.setObjectName("libraryBox")
    column.setStyleSheet(f"QWidget#libraryBox {{ background: {style.SURFACE}; }}")
    box = QVBoxLayout(column)
    box.setContentsMargins(0, 10, 0, 0)
    box.setSpacing(4)
    title = QLabel(QCoreApplication.translate("MainWindow", "LIBRARY"), column)
    title.setObjectName("sectionTitle")
    title.setContentsMargins(16, 0, 0, 0)
    count = QLabel(column)
    count.setObjectName("hint")
    count.setContentsMargins(16, 0, 0, 4)
    box.addWidget(title)
    box.addWidget(count)
    box.addWidget(library, 1)
    return column, count

def centre_column(compare: QWidget, strip: QWidget, parent: QWidget) -> QWidget:
    """The viewer with the version strip under it (always there: the viewer never jumps)."""
    centre = QWidget(parent)
    column = QVBoxLayout(centre)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(compare, 1)
    under = QVBoxLayout()
    under.setContentsMargins(14, 0, 14, 10)  # edge to edge with the viewer above it
    under.addWidget(strip)
    column.addLayout(under)
    return centre


# None: a separator
LISTING_MENU = (ActionId.NEW_LISTING, ActionId.RENAME_LISTING, ActionId.ARCHIVE_LISTING, None,
                ActionId.EXPORT_LISTING)
TOOLBAR = (ActionId.OPEN, None, ActionId.GENERATE, ActionId.VARIATION, ActionId.KEEP, None,
           ActionId.SAVE, ActionId.EXPORT, ActionId.COPY, ActionId.REVEAL, None,
           ActionId.EXPORT_LISTING)


def build_menus_and_toolbar(window: QMainWindow, acts: dict[ActionId, QAction]
                            ) -> tuple[QToolBar, QMenu]:
    """Add the toolbar and the menu bar to ``window``; returns the toolbar and the (empty,
    filled on show) "Open recent" menu."""
    toolbar = ToolBar(QCoreApplication.translate("MainWindow", "Main"), window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(20, 20))
    for action_id in TOOLBAR:
        if action_id is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(acts[action_id])
    spacer = QWidget(toolbar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.addAction(acts[ActionId.SETTINGS])
    window.addToolBar(toolbar)

    menu = window.menuBar()
    file_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addAction(acts[ActionId.OPEN])
    recent = file_menu.addMenu(QCoreApplication.translate("MainWindow", "Open recent"))
    _add(file_menu, acts, None, ActionId.SAVE, ActionId.EXPORT, ActionId.COPY, ActionId.REVEAL,
         None, ActionId.REMOVE, None, ActionId.SETTINGS, ActionId.QUIT)
    photo_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Photo"))
    _add(photo_menu, acts, ActionId.GENERATE, ActionId.VARIATION, ActionId.RETRY,
         ActionId.RETRY_ALL, ActionId.STOP, None, ActionId.KEEP, None, ActionId.PREVIOUS,
         ActionId.NEXT)
    listing_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Listing"))
    _add(listing_menu, acts, ActionId.NEW_LISTING, ActionId.RENAME_LISTING,
         ActionId.ARCHIVE_LISTING, None, ActionId.MOVE_UP, ActionId.MOVE_DOWN, None,
         ActionId.EXPORT_LISTING)
    view_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    _add(view_menu, acts, ActionId.SPLIT, ActionId.SIDE, ActionId.DIFF, None, ActionId.FIT,
         ActionId.ACTUAL)
    help_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    _add(help_menu, acts, ActionId.WELCOME, ActionId.ABOUT)
    return toolbar, recent


def _add(menu: QMenu, acts: dict[ActionId, QAction], *items: ActionId | None) -> None:
    for item in items:
        if item is None:
            menu.addSeparator()
        else:
            menu.addAction(acts[item])
