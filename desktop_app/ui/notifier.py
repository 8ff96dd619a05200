"""Desktop notifications: the tray message and the task-bar alert."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from desktop_app import APP_NAME

__all__ = ["Notifier"]


class Notifier(QObject):
    notified = Signal(str, str)  # title, text

    def __init__(self, window: QWidget, window_is_active: Callable[[], bool]) -> None:
        super().__init__(window)
        self._window = window
        self._window_is_active = window_is_active
        self._tray: QSystemTrayIcon | None = None

    def notify(self, title: str, text: str) -> None:
        """Only when the window is not the one the user looks at."""
        if self._window_is_active():
            return
        self.notified.emit(title, text)
        QApplication.alert(self._window)
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self._window.windowIcon(), self)
                self._tray.setToolTip(APP_NAME)
                self._tray.messageClicked.connect(self._bring_to_front)
            self._tray.show()
            self._tray.showMessage(title, text, self._window.windowIcon(), 8000)

    def hide(self) -> None:
        if self._tray is not None:
            self._tray.hide()

    def _bring_to_front(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
