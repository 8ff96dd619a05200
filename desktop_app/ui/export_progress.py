"""The running listing export in the status bar: how far it got, and a button that stops it.

Hidden while no export runs. Stop asks once: the button is then disabled (a double click asks
once too) and the line says the export is stopping, until the export ends and hides it. Esc
presses the button, in the window only (a dialog in front keeps its Esc) and only while it shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

__all__ = ["ExportProgress"]


class ExportProgress(QWidget):
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.stop_button = QPushButton(self.tr("Stop export"), self)
        self.stop_button.setToolTip(self.tr(
            "Stop after the file being written; the files already written are kept (Esc)."))
        self.stop_button.clicked.connect(self._stop)
        # a window shortcut: not while a dialog is the active window; a hidden widget's shortcut
        # does not fire, and a disabled button ignores click(): Esc acts as one press of Stop
        self.stop_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.stop_key.setContext(Qt.ShortcutContext.WindowShortcut)
        self.stop_key.activated.connect(self.stop_button.click)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 8, 0)
        row.setSpacing(8)
        row.addWidget(self.label)
        row.addWidget(self.stop_button)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.stop_button.setEnabled(True)
        self.show()

    def say(self, text: str) -> None:
        """How far the export got (once Stop was pressed, the line keeps saying it stops)."""
        if self.stop_button.isEnabled():
            self.label.setText(text)

    def stopping(self) -> bool:
        return self.isVisible() and not self.stop_button.isEnabled()

    def finish(self) -> None:
        self.stop_button.setEnabled(False)
        self.hide()

    def _stop(self) -> None:
        self.stop_button.setEnabled(False)
        self.label.setText(self.tr("Stopping the export…"))
        self.stopRequested.emit()
