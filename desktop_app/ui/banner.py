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
        self._buttons: list[QPushButton] = []
        self._close = QPushButton("✕", self)
        self._close.setObjectName("link")
        self._close.setToolTip(self.tr("Dismiss"))
        self._close.setAccessibleName(self.tr("Dismiss message"))
        self._close.setCursor(Qt.CursorShape.PointingHandCursor)
        self._close.clicked.connect(self.dismiss)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self._button_row = QHBoxLayout()
        self._button_row.setSpacing(6)
        layout.addLayout(self._button_row)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self.context: object = None  # what the message is about (e.g. a generation id)
        self.hide()

    def show_message(self, text: str, kind: str = "error",
                     action: tuple[str, Callable[[], None]] | None = None,
                     context: object = None,
                     actions: list[tuple[str, Callable[[], None]]] | None = None) -> None:
        """Show ``text``; each action is a button (label, callback) that also dismisses."""
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self._icon.setText(_ICONS.get(kind, "ℹ"))
        self._icon.setStyleSheet(f"color: {_ICON_COLOURS.get(kind, style.ACCENT)};"
                                 " font-size: 15px;")
        self._text.setText(text)
        self.context = context
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        for label, callback in ([action] if action else []) + list(actions or []):
            button = QPushButton(label, self)
            button.clicked.connect(lambda _c=False, cb=callback: self._run(cb))
            self._button_row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self._buttons.append(button)
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self._text.text()

    def kind(self) -> str:
        return str(self.property("kind"))

    def action_texts(self) -> list[str]:
        return [] if self.isHidden() else [b.text() for b in self._buttons]

    def action_text(self) -> str:
        """The labels of the action buttons, joined (empty when hidden or without actions)."""
        return " / ".join(self.action_texts())

    def trigger_action(self, label: str | None = None) -> None:
        """Press the action button called ``label`` (the first one when None)."""
        for button in self._buttons:
            if label is None or button.text() == label:
                button.click()
                return
        raise LookupError(f"no banner action {label!r}")

    def dismiss(self) -> None:
        self.hide()
        self.context = None
        self.closed.emit()

    def _run(self, callback: Callable[[], None]) -> None:
        self.dismiss()
        callback()
