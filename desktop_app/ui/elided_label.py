"""A one-line label that ends with "…" when it is narrower than its text, the whole text in
its tooltip: a tip that gives way to a narrow window instead of stopping mid-word."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

__all__ = ["ElidedLabel", "cut_at_word"]

_SEPARATORS = " \u00a0\u202f·:;,—-"  # not left dangling before the "…"


def cut_at_word(text: str, keep: int) -> str:
    """At most the first ``keep`` characters of ``text``, then "…": whole items of a list
    such as "a · b · c", else whole words (a single word longer than that is cut inside)."""
    head = text[:keep]
    if keep >= len(text) or text[keep:].startswith(" ·"):
        pass
    elif " · " in head:
        head = head.rsplit(" · ", 1)[0]
    elif not text[keep].isspace() and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(_SEPARATORS) + "…"


class ElidedLabel(QLabel):
    """``setText`` keeps the whole text; what is shown is elided again only when the width,
    the font or the text changes, never while painting."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(0)  # it gives way when the window is narrow
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, self.contentsRect().width()))
        if shown and shown != self._full:  # "" when not even "…" fits
            shown = cut_at_word(self._full, len(shown) - 1)
        if shown != super().text():
            super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")
