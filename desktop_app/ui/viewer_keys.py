"""The viewer's keys for the whole window: hold Space for the original, ←/→ (Shift: by 10 %) to
move the divider, whichever control has the focus (text fields keep their own keys).

The window's actions fire on the key press; this forwards the keys to the viewer as if it had
the focus, and for Space watches for the release (a shortcut only tells the press)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QWidget

__all__ = ["ViewerKeys"]


class ViewerKeys(QObject):
    def __init__(self, view: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._holding = False

    def _send(self, kind: QEvent.Type, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
        # straight to the viewer's handlers: through the event loop the key would be taken
        # for the window's shortcut again
        event = QKeyEvent(kind, key, modifiers)
        if kind == QEvent.Type.KeyPress:
            self._view.keyPressEvent(event)
        else:
            self._view.keyReleaseEvent(event)

    def move_divider(self, key: Qt.Key) -> None:
        """Left or Right, with Shift when it is held."""
        shift = QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        self._send(QEvent.Type.KeyPress, key, Qt.KeyboardModifier(shift))

    def hold_original(self) -> None:
        if self._holding:
            return
        self._holding = True
        self._send(QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # only while the key is down

    def release_original(self) -> None:
        if not self._holding:
            return
        self._holding = False
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._send(QEvent.Type.KeyRelease, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)

    def holding(self) -> bool:
        return self._holding

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and \
                isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space:
            if kind == QEvent.Type.KeyRelease and not event.isAutoRepeat():
                self.release_original()
            return True  # the repeats and the release are the viewer's, not a button's
        if kind == QEvent.Type.ApplicationDeactivate:
            self.release_original()  # a release in another application never arrives
        return False
