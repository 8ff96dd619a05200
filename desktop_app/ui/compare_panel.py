"""The centre of the window: the inline message banner, the compare controls and the viewer.

What is compared is chosen with two combo boxes (the original or any result of the photo, on each
side); the mode buttons, Fit and 100 % drive the ``CompareView``. With no photo selected, an
inviting empty state explains how to add photos.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyleOptionButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import style
from desktop_app.ui.banner import Banner
from desktop_app.ui.compare_view import CompareMode, CompareView
from desktop_app.ui.elided_label import ElidedLabel

ORIGINAL = "original"


@dataclass(frozen=True)
class CompareChoice:
    key: str  # ORIGINAL, or "<generation id>:<result index>"
    label: str
    path: str


class HoldButton(QPushButton):
    """A button that reports press and release (for "hold to see the original")."""

    held = Signal(bool)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self.held.emit(True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.held.emit(False)


class EmptyState(QFrame):
    addRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setStyleSheet(
            f"QFrame#emptyState {{ border: 2px dashed #C9D2E0; border-radius: 14px;"
            f" background: {style.SURFACE}; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.setSpacing(12)
        layout.addStretch(2)
        icon = QLabel(self)
        icon.setPixmap(style.icon_pixmap("add", 56, style.ACCENT, self.devicePixelRatioF()))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("Add your listing photos"), self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 20px; font-weight: 600;")
        title.setWordWrap(True)  # French runs longer: a narrow window folds it, never cuts it
        text = QLabel(self.tr(
            "Drop photos or a whole folder anywhere in this window, or choose them.\n"
            "Then pick Interior sky or Declutter and press Generate."), self)
        text.setObjectName("muted")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        self.add_button = QPushButton(style.icon("add", "#FFFFFF"), self.tr("Add photos…"), self)
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.addRequested)
        note = QLabel(self.tr("JPEG, PNG, WebP and TIFF · your originals are never changed"),
                      self)
        note.setObjectName("hint")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setWordWrap(True)
        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addStretch(3)


def _width_with_words(button: QPushButton) -> int:
    """How wide ``button`` is when it shows its name (kept as its accessible name), whatever
    it shows now: as its style sizes it."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    option.text, option.icon = button.accessibleName(), QIcon()
    metrics = button.fontMetrics()
    text = QSize(metrics.horizontalAdvance(option.text), metrics.height())
    return button.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, text,
                                           button).width()


class ComparePanel(QWidget):
    choiceChanged = Signal()  # the before or after combo changed (by the user)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(10)
        self.banner = Banner(self)
        layout.addWidget(self.banner)

        self.stack = QStackedWidget(self)
        self.empty = EmptyState(self)
        self.stack.addWidget(self.empty)

        page = QWidget(self)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        self.view = CompareView(page)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.before_combo = QComboBox(page)
        self.before_combo.setAccessibleName(self.tr("Compare from"))
        self.before_combo.setMinimumContentsLength(4)
        self.before_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.after_combo = QComboBox(page)
        self.after_combo.setAccessibleName(self.tr("Compare with"))
        self.after_combo.setMinimumContentsLength(4)
        self.after_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.versus = QLabel(self.tr("vs"), page)
        self.versus.setObjectName("muted")
        bar.addWidget(self.before_combo)
        bar.addWidget(self.versus)
        bar.addWidget(self.after_combo)
        bar.addSpacing(4)
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        self.mode_buttons: dict[CompareMode, QPushButton] = {}
        self._mode_icons: dict[CompareMode, QIcon] = {}
        # a narrow window shows each mode as its icon, its name in the tooltip (resizeEvent)
        for mode, text, icon in ((CompareMode.SPLIT, self.tr("Split"), "split"),
                                 (CompareMode.SIDE_BY_SIDE, self.tr("Side by side"),
                                  "side-by-side"),
                                 (CompareMode.DIFFERENCE, self.tr("What changed"),
                                  "what-changed")):
            button = QPushButton(text, page)
            button.setProperty("compact", True)
            self._mode_icons[mode] = style.icon(icon)
            button.setAccessibleName(text)
            button.setCheckable(True)
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            button.clicked.connect(lambda _=False, m=mode: self.view.set_mode(m))
            bar.addWidget(button)
        self.mode_buttons[CompareMode.SPLIT].setChecked(True)
        bar.addStretch(1)
        self.fit_button = QPushButton(self.tr("Fit"), page)
        self.fit_button.setToolTip(self.tr("Fit the photo in the window (F)"))
        self.actual_button = QPushButton(self.tr("100 %"), page)
        self.actual_button.setToolTip(self.tr("One photo pixel per screen pixel (1)"))
        for button in (self.fit_button, self.actual_button):
            button.setProperty("compact", True)
        # a narrow window shows Fit and 100 % in an overflow menu instead
        self.more_button = QToolButton(page)
        self.more_button.setText("⋯")
        self.more_button.setToolTip(self.tr("More view options"))
        self.more_button.setAccessibleName(self.tr("More view options"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        more = QMenu(self.more_button)
        more.addAction(self.tr("Fit"), self.view.fit)
        more.addAction(self.tr("100 %"), lambda: self.view.actual_size())
        self.more_button.setMenu(more)
        self.more_button.hide()
        bar.addWidget(self.fit_button)
        bar.addWidget(self.actual_button)
        bar.addWidget(self.more_button)
        box.addLayout(bar)

        box.addWidget(self.view, 1)
        self.fit_button.clicked.connect(self.view.fit)
        self.actual_button.clicked.connect(lambda: self.view.actual_size())
        self.view.modeChanged.connect(self._mode_changed)

        foot = QHBoxLayout()
        self.hold_button = HoldButton(self.tr("Hold to see the original"), page)
        self.hold_button.held.connect(self.view.set_showing_original)
        # it gives way when the window is narrow, ending with "…"
        self.hint = ElidedLabel(self.tr("Tip: hold Space to see the original · drag the "
                                        "divider · scroll to zoom"), page)
        self.hint.setObjectName("hint")
        self.info = QLabel(page)
        self.info.setObjectName("hint")
        foot.addWidget(self.hold_button)
        foot.addSpacing(8)
        foot.addWidget(self.hint, 1)
        foot.addWidget(self.info)
        box.addLayout(foot)
        self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)

        self._choices: list[CompareChoice] = []
        self._has_results = False
        for combo in (self.before_combo, self.after_combo):  # the whole name when elided
            combo.currentTextChanged.connect(combo.setToolTip)
        self.before_combo.activated.connect(lambda _i: self.choiceChanged.emit())
        self.after_combo.activated.connect(lambda _i: self.choiceChanged.emit())
        self.view.differenceReady.connect(self._show_changed_fraction)
        self.show_empty(True)
        # as narrow as the folded bar (see resizeEvent), never narrower: nothing is cut off
        self.setMinimumWidth(sum(w.minimumSizeHint().width() + bar.spacing() for w in (
            self.before_combo, self.after_combo, *self.mode_buttons.values(),
            self.more_button)) + 4 + 28)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_bar()

    def _fit_bar(self) -> None:
        """Narrower than the whole bar: Fit and 100 % go to the overflow menu; narrower still,
        each mode shows its icon instead of its name (the style sheet would let a button shrink
        until its words are cut, so the bar never asks for more than it has)."""
        def width(w: QWidget) -> int:
            return max(w.sizeHint().width(), w.minimumWidth()) + 4

        words = [_width_with_words(b) for b in self.mode_buttons.values()]
        combos = width(self.before_combo) + width(self.after_combo) + 40
        compact = self.width() < combos + sum(words) + 4 * len(words) + sum(
            width(w) for w in (self.versus, self.fit_button, self.actual_button))
        icons = self.width() < combos + sum(words) + 4 * len(words) + width(self.more_button)
        self.fit_button.setVisible(not compact)
        self.actual_button.setVisible(not compact)
        self.more_button.setVisible(compact)
        self.versus.setVisible(not compact)
        for (mode, button), least in zip(self.mode_buttons.items(), words, strict=True):
            name = button.accessibleName()
            if button.text() != ("" if icons else name):  # a resize seldom changes it
                button.setText("" if icons else name)
                button.setIcon(self._mode_icons[mode] if icons else QIcon())
                button.setToolTip(name if icons else "")
            button.setMinimumWidth(0 if icons else least)

    def is_compact(self) -> bool:
        return self.more_button.isVisibleTo(self)

    # -- state ------------------------------------------------------------------------------------
    def show_empty(self, empty: bool) -> None:
        self.stack.setCurrentIndex(0 if empty else 1)

    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 0

    def set_choices(self, choices: list[CompareChoice], before: str, after: str | None) -> None:
        """Fill both combos; ``after`` None = no result yet (the after combo is disabled)."""
        self._choices = list(choices)
        for combo, wanted in ((self.before_combo, before), (self.after_combo, after)):
            combo.blockSignals(True)
            combo.clear()
            for choice in choices:
                combo.addItem(choice.label, choice.key)
            index = combo.findData(wanted) if wanted is not None else -1
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        has_results = after is not None and len(choices) > 1
        self.after_combo.setEnabled(has_results)
        self.before_combo.setEnabled(has_results)
        for button in self.mode_buttons.values():
            button.setEnabled(has_results)
        self.hold_button.setVisible(has_results)
        self._has_results = has_results
        self._show_changed_fraction()
        if not has_results:
            self.after_combo.clear()
            self.after_combo.addItem(self.tr("No result yet"), None)
        # the placeholder is read whole (it runs longer in French); names may be shortened
        self.after_combo.setMinimumWidth(
            0 if has_results else self.after_combo.fontMetrics().horizontalAdvance(
                self.after_combo.currentText()) + 36)
        self._fit_bar()

    def choose(self, *, before: str | None = None, after: str | None = None) -> None:
        """Put these choices on the left and right (as if picked in the combos)."""
        changed = False
        for combo, key in ((self.before_combo, before), (self.after_combo, after)):
            index = combo.findData(key) if key is not None else -1
            if index >= 0 and index != combo.currentIndex():
                combo.setCurrentIndex(index)
                changed = True
        if changed:
            self.choiceChanged.emit()

    def choice(self, key: str | None) -> CompareChoice | None:
        return next((c for c in self._choices if c.key == key), None)

    def before_key(self) -> str | None:
        return self.before_combo.currentData()

    def after_key(self) -> str | None:
        return self.after_combo.currentData()

    def choices(self) -> list[CompareChoice]:
        return list(self._choices)

    def _mode_changed(self, mode: str) -> None:
        button = self.mode_buttons.get(CompareMode(mode))
        if button is not None:
            button.setChecked(True)
        self._show_changed_fraction()

    def _show_changed_fraction(self) -> None:
        fraction = self.view.changed_fraction()
        if fraction is None or self.view.mode() is not CompareMode.DIFFERENCE:
            self.info.clear()
        elif fraction * 100 < 1.0:
            self.info.setText(self.tr("Less than 1 % of the photo changed") if fraction else
                              self.tr("Nothing changed beyond photo noise"))
        else:
            self.info.setText(self.tr("{0} % of the photo changed").format(
                QLocale().toString(round(fraction * 100))))
        # the share takes the place of the tip, which would otherwise run under it
        self.hint.setVisible(self._has_results and not self.info.text())
