"""The listing chooser above the library: which listing it shows, and a menu to make, rename,
archive and export one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.listings import DEFAULT_LISTING, Listing

__all__ = ["ListingBar"]


class ListingBar(QWidget):
    listingChosen = Signal(int)  # a listing's id

    def __init__(self, actions: Sequence[QAction | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 0, 8, 0)
        row.setSpacing(4)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(self.tr("Listing"))
        self.combo.setToolTip(self.tr("The listing the library shows"))
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(10)
        self.menu_button = QToolButton(self)
        self.menu_button.setText("⋯")
        self.menu_button.setAccessibleName(self.tr("Listing menu"))
        self.menu_button.setToolTip(self.tr("New, rename, archive or export a listing"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.menu_button)
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        self.menu_button.setMenu(menu)
        row.addWidget(self.combo, 1)
        row.addWidget(self.menu_button)
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, self)  # on top of the library column
        self.combo.activated.connect(lambda i: self.listingChosen.emit(self.combo.itemData(i)))

    def set_listings(self, listings: list[Listing], current: int) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for listing in listings:
            # the listing made for photos added before any was chosen: its name in the
            # window's language, while the store keeps one name for every language
            name = self.tr("My photos") if listing.name == DEFAULT_LISTING else listing.name
            self.combo.addItem(name, listing.id)
            self.combo.setItemData(self.combo.count() - 1, listing.name,
                                   Qt.ItemDataRole.ToolTipRole)  # the full name when elided
        self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        self.combo.blockSignals(False)

    def current_name(self) -> str:
        return self.combo.currentText()
