"""The mask editor dialog: paint what a declutter variation should remove.

::

    dialog = MaskEditorDialog(prepared_photo_path, initial_mask=previous_mask_path, parent=win)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        dialog.save_mask(dest)            # the service's PNG (255 = remove), the photo's size
        # or: mask = dialog.mask()        # bool array, True = remove

The photo must be the exact pixels uploaded as ``original_url`` (the prepared image): the mask
is painted on its pixel grid and saved at its size.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import mask_ops, masks
from desktop_app.core.errors import MaskError
from desktop_app.core.messages import Message, Msg
from desktop_app.ui.banner import Banner
from desktop_app.ui.i18n import fill
from desktop_app.ui.mask_canvas import MaskCanvas
from desktop_app.ui.mask_surface import load_photo_file
from desktop_app.ui.mask_toolbar import MaskToolbar
from desktop_app.ui.messages import message_text
from desktop_app.ui.style import dialog_button

__all__ = ["MaskEditorDialog"]

def _notice(notes: list[Message]) -> str:
    """The notes about a mask, in the window's language ("" if none)."""
    return " ".join(message_text(note) for note in notes)


class MaskEditorDialog(QDialog):
    """Paint the areas of a photo a declutter variation should clear (see module docstring).

    ``image`` is a QImage or the path of the prepared photo (decoded in the background, the
    dialog shows a busy state meanwhile). ``initial_mask`` (bool/0-255 array or mask image
    file) is the starting point, e.g. the previous mask of the same photo.
    """

    ready = Signal()  # the photo (and starting mask) are shown and can be edited
    exported = Signal(str)  # path of a mask written by "Export mask…"

    def __init__(self, image: QImage | Path | str,
                 initial_mask: npt.ArrayLike | Path | str | None = None,
                 parent: QWidget | None = None, variation: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paint what to remove"))
        self._variation = variation  # the button says what pressing it does
        self.setModal(True)
        self.setSizeGripEnabled(True)
        self._ready = False
        self._notice = ""
        self.canvas = MaskCanvas(self)
        self.canvas.setMinimumSize(480, 320)
        self._build()
        self._wire()
        self._set_enabled(False)
        self._fit_to_screen()

        if isinstance(image, QImage):
            if image.isNull():
                raise ValueError("the photo is an empty image")
            self.canvas.set_photo(image)
            self._start_mask(initial_mask)
        else:
            self._load(Path(image), initial_mask)

    # -- public API -------------------------------------------------------------------------
    def mask(self) -> npt.NDArray[np.bool_]:  # type: ignore[override]  # the painted mask
        """The painted mask: bool, exactly the photo's size, True = remove."""
        return self.canvas.mask()

    def save_mask(self, path: Path | str) -> Path:
        """Write the mask as the service expects it (8-bit PNG, 255 = remove, 0 = keep, the
        photo's size) and return the path."""
        if not self.canvas.has_photo():
            raise MaskError(Msg.MASK_PHOTO_NOT_OPEN())
        return masks.write_mask(self.canvas.mask_view(), Path(path))

    def is_ready(self) -> bool:
        return self._ready

    @property
    def undo_button(self) -> QPushButton:
        """The Undo button (on the toolbar), as the sky review dialog has one."""
        return self.toolbar.undo_button

    def notice(self) -> str:
        """The banner's current text ("" when hidden)."""
        return self.banner.text()

    def generate_hint(self) -> str:
        """Why "Generate variation" is disabled ("" when it is enabled)."""
        return self.hint.text() if not self.generate_button.isEnabled() else ""

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(10, 10, 10, 10)
        root.setSpacing(8)

        self.toolbar = MaskToolbar(self.canvas, self)
        root.addWidget(self.toolbar)

        self.banner = Banner(self)
        root.addWidget(self.banner)

        # proposal bar (smart select)
        self.proposal_bar = QFrame(self)
        self.proposal_bar.setObjectName("banner")
        self.proposal_bar.setProperty("kind", "info")
        bar = QHBoxLayout(self.proposal_bar)
        bar.setContentsMargins(10, 4, 6, 4)
        bar.addWidget(QLabel(self.tr("The blue area is the proposed selection. Click to add "
                                     "more, Shift-click to take away."), self.proposal_bar), 1)
        self.accept_button = dialog_button(self, self.tr("Add to mask"),
                                           self.tr("Add the selection to the mask (Enter)"))
        self.reject_button = dialog_button(self, self.tr("Discard"),
                                           self.tr("Forget the selection (Esc)"))
        bar.addWidget(self.accept_button)
        bar.addWidget(self.reject_button)
        keep_place = self.proposal_bar.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)  # the canvas never moves under the cursor
        self.proposal_bar.setSizePolicy(keep_place)
        self.proposal_bar.hide()
        root.addWidget(self.proposal_bar)

        root.addWidget(self.canvas, 1)

        # status line
        status = QHBoxLayout()
        self.coverage_label = QLabel(self)
        self.coverage_label.setMinimumWidth(200)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.message_label = QLabel(self)
        self.message_label.setObjectName("muted")
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Preferred)
        status.addWidget(self.coverage_label)
        status.addWidget(self.busy_bar)
        status.addWidget(self.message_label, 1)
        root.addLayout(status)

        # bottom buttons
        bottom = QHBoxLayout()
        self.import_button = dialog_button(self, self.tr("Import mask…"), self.tr(
            "Use a mask image made elsewhere (white = remove); other sizes are scaled"))
        self.export_button = dialog_button(self, self.tr("Export mask…"), self.tr(
            "Save the mask as a PNG the service accepts (white = remove)"))
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        bottom.addWidget(self.hint)
        self.cancel_button = dialog_button(self, self.tr("Cancel"),
                                           self.tr("Close without generating"))
        self.generate_button = dialog_button(
            self, self.tr("Generate variation") if self._variation else self.tr("Generate"),
            self._generate_tip())
        self.generate_button.setObjectName("primary")
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.generate_button)
        root.addLayout(bottom)

        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = QAction(self.tr("Redo"), self)
        # the platform's Redo keys plus both usual ones, each once: a key bound twice is an
        # "ambiguous shortcut" that does nothing
        redo: list[QKeySequence] = []
        for key in [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
                    QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]:
            if key not in redo:
                redo.append(key)
        self.redo_action.setShortcuts(redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def _generate_tip(self) -> str:
        return self.tr("Ask for a variation with the painted areas removed") if \
            self._variation else self.tr("Send the photo with the painted areas removed")

    def _wire(self) -> None:
        c = self.canvas
        self.undo_action.triggered.connect(c.undo)
        self.redo_action.triggered.connect(c.redo)
        self.accept_button.clicked.connect(c.accept_proposal)
        self.reject_button.clicked.connect(c.reject_proposal)
        c.proposalChanged.connect(self.proposal_bar.setVisible)
        c.maskChanged.connect(self._on_mask_changed)
        c.busyChanged.connect(self._on_busy)
        c.message.connect(self.message_label.setText)
        self.import_button.clicked.connect(self._ask_import)
        self.export_button.clicked.connect(self._ask_export)
        self.cancel_button.clicked.connect(self.cancel)
        self.generate_button.clicked.connect(self._generate)

    def _fit_to_screen(self) -> None:
        screen = self.screen()
        avail = screen.availableGeometry() if screen is not None else None
        width, height = 1280, 860
        if avail is not None and not avail.isEmpty():
            width = min(width, int(avail.width() * 0.92))
            height = min(height, int(avail.height() * 0.9))
        self.resize(width, height)

    # -- loading ----------------------------------------------------------------------------
    def _load(self, path: Path, initial: npt.ArrayLike | Path | str | None) -> None:
        self.message_label.setText(self.tr("Opening the photo…"))
        self.canvas.set_empty_text(self.tr("Opening the photo…"))

        def work() -> tuple[QImage, npt.NDArray[np.bool_] | None, list[Message]]:
            image = load_photo_file(path)
            marked, notes = self._initial_values(initial, image.width(), image.height())
            return image, marked, notes

        def done(result: tuple[QImage, npt.NDArray[np.bool_] | None, list[Message]]) -> None:
            image, marked, notes = result
            self.canvas.set_empty_text("")
            self.canvas.set_photo(image, marked)
            self._became_ready(_notice(notes))

        def failed(text: str) -> None:
            self.canvas.set_empty_text(text)
            self.message_label.setText("")
            self.banner.show_message(text, "error")
            self.cancel_button.setEnabled(True)

        self.canvas.run_job("load", work, done, failed)

    @staticmethod
    def _initial_values(initial: npt.ArrayLike | Path | str | None, width: int, height: int,
                        ) -> tuple[npt.NDArray[np.bool_] | None, list[Message]]:
        """The starting mask fitted to the photo, and a notice; never raises for a bad mask
        (the photo still opens, and the notice says what was wrong)."""
        if initial is None:
            return None, []
        try:
            if isinstance(initial, (str, Path)):
                return masks.read_mask_for(Path(initial), (width, height))
            return mask_ops.fit_mask(initial, width, height), []
        except MaskError as exc:
            return None, [Msg.PREVIOUS_MASK_UNUSABLE(exc.message)]
        except ValueError:
            return None, [Msg.PREVIOUS_MASK_WRONG_SHAPE()]

    def _start_mask(self, initial: npt.ArrayLike | Path | str | None) -> None:
        photo = self.canvas.photo()
        if initial is None or not isinstance(initial, (str, Path)):
            marked, notes = self._initial_values(initial, photo.width(), photo.height())
            if marked is not None:
                self.canvas.set_photo(photo, marked)
            self._became_ready(_notice(notes))
            return
        w, h = photo.width(), photo.height()

        def done(result: tuple[npt.NDArray[np.bool_] | None, list[Message]]) -> None:
            marked, notes = result
            if marked is not None:
                self.canvas.set_photo(photo, marked)
            self._became_ready(_notice(notes))

        self.canvas.run_job("load", lambda: self._initial_values(initial, w, h), done)

    def _became_ready(self, note: str) -> None:
        self._ready = True
        self._set_enabled(True)
        self.canvas.set_brush_size(self.canvas.default_brush_size())
        self.message_label.setText(self.tr(
            "Paint over what should be removed. Wheel zooms, Space-drag or middle-drag pans."))
        if note:
            self.banner.show_message(note, "warning")
        self._on_mask_changed()
        self.toolbar.show_zoom()
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ready.emit()

    def _set_enabled(self, enabled: bool) -> None:
        self.toolbar.set_enabled(enabled)
        for w in (self.accept_button, self.reject_button, self.import_button,
                  self.export_button, self.generate_button):
            w.setEnabled(enabled)
        if enabled:
            self._on_mask_changed()

    # -- reactions --------------------------------------------------------------------------
    def _on_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        if not busy and self.message_label.text() == self.tr("Finding the object…"):
            self.message_label.setText("")

    def _on_mask_changed(self) -> None:
        c = self.canvas
        if not c.has_photo():
            self.coverage_label.setText("")
            return
        marked = c.marked_pixels()
        share = c.coverage() * 100
        if marked == 0:
            text = self.tr("Nothing marked yet")
        elif share < 0.1:
            text = self.tr("Less than 0.1 % of the photo marked")
        else:
            text = self.tr("%1 % of the photo marked").replace(
                "%1", QLocale().toString(share, "f", 1))
        self.coverage_label.setText(text)
        if self._ready:
            self.toolbar.update_history()
        hint = ""
        if marked == 0:
            hint = self.tr("Paint over what should be removed first")
        elif c.coverage() >= masks.FULL_COVERAGE:
            hint = self.tr("The mask covers the whole photo; leave something to keep")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.generate_button.setEnabled(self._ready and not hint)
        self.generate_button.setToolTip(hint or self._generate_tip())
        self.export_button.setEnabled(self._ready and marked > 0)

    # -- import / export --------------------------------------------------------------------
    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a mask"), "",
            self.tr("Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)"))
        if path:
            self.import_mask(Path(path))

    def import_mask(self, path: Path | str) -> None:
        """Replace the mask with the one in ``path`` (one undo step), in the background."""
        if not self._ready or self.canvas.is_busy():
            return
        photo = self.canvas.photo()
        w, h = photo.width(), photo.height()
        path = Path(path)
        self.canvas.reject_proposal()

        def done(result: tuple[npt.NDArray[np.bool_], list[Message]]) -> None:
            marked, notes = result
            self.canvas.set_mask(marked, self.tr("Import"))
            if notes:
                self.banner.show_message(_notice(notes), "warning")
            else:
                self.banner.show_message(self.tr("Mask imported from “%1”.").replace(
                    "%1", path.name), "info")

        def failed(text: str) -> None:
            self.banner.show_message(text, "error")

        self.canvas.run_job("import", lambda: masks.read_mask_for(path, (w, h)), done,
                            failed)

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the mask"), "mask.png",
                                              self.tr("PNG image (*.png)"))
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            self.export_mask(Path(path))

    def export_mask(self, path: Path | str) -> None:
        """Write the mask to ``path`` in the background; ``exported`` follows."""
        if not self._ready:
            return
        snapshot = self.canvas.mask()
        path = Path(path)

        def done(result: Path) -> None:
            self.banner.show_message(fill(self.tr("Mask saved to “%1”."), str(result)),
                                     "info")
            self.exported.emit(str(result))

        def failed(text: str) -> None:
            self.banner.show_message(text, "error")

        self.canvas.run_job("export", lambda: masks.write_mask(snapshot, path), done, failed,
                            locks=False)

    # -- closing ----------------------------------------------------------------------------
    def _generate(self) -> None:
        if not self.generate_button.isEnabled():
            return
        if self.canvas.has_proposal():
            self.canvas.accept_proposal()
        self.accept()

    def cancel(self) -> None:
        """Close without generating; painted work is only dropped once the user agrees."""
        if not self.canvas.can_undo() or self.confirm_discard():
            self.reject()

    def confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Discard the mask?"),
            self.tr("Close the editor and lose what you painted? Export the mask first to keep "
                    "it."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # QDialog would reject at once
            event.accept()
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible() and self.canvas.can_undo() and not self.confirm_discard():
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.canvas.wait_for_workers()
        super().done(result)
