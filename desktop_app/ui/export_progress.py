"""The running listing export in the status bar: how far it got, and a button that stops it.

Hidden while no export runs. Stop asks once: the button is then disabled (a double click asks
once too) and the line says the export is stopping, until the export ends and hides it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

__all__ = ["ExportProgress"]


class ExportProgress(QWidget):
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.stop_button = QPushButton(self.tr("Stop export"), self)
        self.stop_button.setToolTip(self.tr(
            "Stop after the file being written; the files already written are kept."))
        self.stop_button.clicked.connect(self._stop)
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
