"""An inline message bar shown above the photo: errors, warnings and notes, in plain words."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.ui import style

_ICONS = {"error": "⚠", "warning": "⚠", "info": "ℹ"}
_ICON_COLOURS = {"error": style.DANGER, "warning": "#B54708", "info": style.ACCENT}


class Banner(QFrame):
    """``show_message(text, kind, action=(label, callback))``; hidden until there is a message."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("kind", "info")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._action = QPushButton(self)
        self._action.hide()
        self._action.clicked.connect(self._on_action)
        self._close = QPushButton("✕", self)
        self._close.setObjectName("link")
        self._close.setToolTip(self.tr("Dismiss"))
        self._close.setAccessibleName(self.tr("Dismiss message"))
        self._close.setCursor(Qt.CursorShape.PointingHandCursor)
        self._close.clicked.connect(self.dismiss)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._action, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self._callback: Callable[[], None] | None = None
        self.context: object = None  # what the message is about (e.g. a generation id)
        self.hide()

    def show_message(self, text: str, kind: str = "error",
                     action: tuple[str, Callable[[], None]] | None = None,
                     context: object = None) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self._icon.setText(_ICONS.get(kind, "ℹ"))
        self._icon.setStyleSheet(f"color: {_ICON_COLOURS.get(kind, style.ACCENT)};"
                                 " font-size: 15px;")
        self._text.setText(text)
        self.context = context
        if action is not None:
            label, self._callback = action
            self._action.setText(label)
            self._action.show()
        else:
            self._callback = None
            self._action.hide()
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self._text.text()

    def kind(self) -> str:
        return str(self.property("kind"))

    def action_text(self) -> str:
        return "" if self.isHidden() or self._action.isHidden() else self._action.text()

    def trigger_action(self) -> None:
        self._action.click()

    def dismiss(self) -> None:
        self.hide()
        self.context = None
        self._callback = None
        self.closed.emit()

    def _on_action(self) -> None:
        callback = self._callback
        self.dismiss()
        if callback is not None:
            callback()
