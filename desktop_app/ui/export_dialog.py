"""Export listing: the preset a listing site needs (long side, JPEG quality, a size cap), the
"Virtually edited" label, the original beside each edited photo, the seller's before/after
sheet, and the folder. It only asks; ``ListingController.export`` does the work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import delivery
from desktop_app.ui.i18n import fill
from desktop_app.ui.listing_controller import ExportChoice
from desktop_app.ui.wording import kept_count, photo_count

__all__ = ["ExportListingDialog"]

_PRESET_NAMES: dict[str, object] = {
    "site-2048": QT_TRANSLATE_NOOP("ExportListingDialog", "Listing site — 2048 px, up to 1 MB"),
    "site-3000": QT_TRANSLATE_NOOP("ExportListingDialog", "Large — 3000 px, up to 3 MB"),
    "full": QT_TRANSLATE_NOOP("ExportListingDialog", "Full size — best quality"),
}


class ExportListingDialog(QDialog):
    def __init__(self, listing_name: str, photos: int, kept: int, folder: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export listing"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        title = QLabel(fill(self.tr("Deliver “%1”"), listing_name), self)
        title.setStyleSheet("font-weight: 600; font-size: 15px;")
        self.summary = QLabel(self._summary(photos, kept), self)
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(self.summary)

        form = QFormLayout()
        self.preset = QComboBox(self)
        for name in delivery.PRESETS:
            self.preset.addItem(QCoreApplication.translate("ExportListingDialog",
                                                           str(_PRESET_NAMES[name])), name)
        # whole numbers in QDoubleSpinBoxes: the window's style sheet is drawn for those
        self.long_side = QDoubleSpinBox(self)
        self.long_side.setDecimals(0)
        self.long_side.setRange(0, 20000)
        self.long_side.setSingleStep(100)
        self.long_side.setSpecialValueText(self.tr("Full size"))
        self.long_side.setSuffix(self.tr(" px"))
        self.quality = QDoubleSpinBox(self)
        self.quality.setDecimals(0)
        self.quality.setRange(30, 95)
        self.max_mb = QDoubleSpinBox(self)
        self.max_mb.setRange(0, 50)
        self.max_mb.setDecimals(1)
        self.max_mb.setSingleStep(0.5)
        self.max_mb.setSpecialValueText(self.tr("No limit"))
        self.max_mb.setSuffix(self.tr(" MB"))
        form.addRow(self.tr("Preset"), self.preset)
        form.addRow(self.tr("Long side"), self.long_side)
        form.addRow(self.tr("JPEG quality"), self.quality)
        form.addRow(self.tr("At most"), self.max_mb)
        layout.addLayout(form)

        self.label = QCheckBox(self.tr("Draw “Virtually edited” on edited photos"), self)
        self.originals = QCheckBox(self.tr("Add the original beside each edited photo"), self)
        self.sheet = QCheckBox(self.tr("Before/after sheet for the seller (PDF)"), self)
        self.sheet.setEnabled(kept > 0)
        self.sheet.setChecked(kept > 0)
        if kept == 0:
            self.sheet.setToolTip(self.tr("Keep a version of a photo first."))
        for box in (self.label, self.originals, self.sheet):
            layout.addWidget(box)

        row = QHBoxLayout()
        self.folder = QLineEdit(folder, self)
        self.folder.setAccessibleName(self.tr("Folder"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(QLabel(self.tr("Into"), self))
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        layout.addLayout(row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton(self.tr("Export"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.folder.textChanged.connect(self._update_button)
        self._preset_chosen()
        self._update_button()

    def _summary(self, photos: int, kept: int) -> str:
        if kept >= photos:
            return self.tr("%n photo(s) in the listing's order, named 01-name.jpg…, each as its "
                           "kept version.", "", photos)
        if kept == 0:
            return self.tr("%n photo(s) in the listing's order, named 01-name.jpg…, as taken: no "
                           "version is kept yet.", "", photos)
        return self.tr("{0} in the listing's order, named 01-name.jpg…; {1}, the others go out "
                       "as their original.").format(photo_count(photos), kept_count(kept))

    def _preset_chosen(self) -> None:
        preset = delivery.PRESETS[self.preset.currentData()]
        self.long_side.setValue(preset.long_side or 0)
        self.quality.setValue(preset.quality)
        self.max_mb.setValue(preset.max_mb or 0)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the listing into"),
                                                  self.folder.text() or str(Path.home()))
        if folder:
            self.folder.setText(folder)

    def _update_button(self) -> None:
        self.export_button.setEnabled(bool(self.folder.text().strip()))

    def choice(self) -> ExportChoice:
        options = delivery.DeliveryOptions(
            long_side=round(self.long_side.value()) or None, quality=round(self.quality.value()),
            max_mb=self.max_mb.value() or None, label=self.label.isChecked(),
            originals=self.originals.isChecked())
        return ExportChoice(self.folder.text().strip(), options, self.sheet.isChecked())
