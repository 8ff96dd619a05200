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
from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import mask_ops, masks
from desktop_app.core.errors import MaskError
from desktop_app.core.messages import Message, Msg
from desktop_app.ui.banner import Banner
from desktop_app.ui.i18n import fill
from desktop_app.ui.mask_canvas import MAX_BRUSH, MIN_BRUSH, MaskCanvas, Tool
from desktop_app.ui.mask_surface import load_photo_file
from desktop_app.ui.messages import message_text

__all__ = ["MaskEditorDialog"]

_PRESET_COLOURS = [QColor(255, 48, 64), QColor(255, 0, 200), QColor(0, 200, 120),
                   QColor(255, 200, 0)]


def _notice(notes: list[Message]) -> str:
    """The notes about a mask, in the window's language ("" if none)."""
    return " ".join(message_text(note) for note in notes)


def _swatch(colour: QColor, side: int = 14) -> QIcon:
    pix = QPixmap(side, side)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 90))
    painter.setBrush(colour)
    painter.drawRoundedRect(0, 0, side - 1, side - 1, 3, 3)
    painter.end()
    return QIcon(pix)


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

        # row 1: tools, brush size, undo/redo
        tools = QHBoxLayout()
        tools.setSpacing(4)
        self.tool_group = QButtonGroup(self)
        self.tool_group.setExclusive(True)
        self.tool_buttons: dict[Tool, QPushButton] = {}
        specs = [
            (Tool.BRUSH, self.tr("Brush"), self.tr("Paint what to remove (B). Right-drag "
                                                   "erases; Shift-click draws a straight line.")),
            (Tool.ERASER, self.tr("Eraser"), self.tr("Erase from the mask (E; X swaps with the "
                                                     "brush).")),
            (Tool.RECTANGLE, self.tr("Rectangle"), self.tr("Drag to fill a rectangle (R); hold "
                                                           "Alt to erase one.")),
            (Tool.LASSO, self.tr("Lasso"), self.tr("Draw around an area to fill it (L); hold Alt "
                                                   "to erase.")),
            (Tool.SMART, self.tr("Smart select"), self.tr(
                "Click an object, or drag a box around it, to select it (W). Shift-click takes "
                "away from the selection; Enter adds it to the mask, Esc discards it.")),
        ]
        for tool, text, tip in specs:
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.tool_group.addButton(button)
            self.tool_buttons[tool] = button
            tools.addWidget(button)
        self.tool_buttons[Tool.BRUSH].setChecked(True)
        tools.addSpacing(14)
        size_label = QLabel(self.tr("Size"), self)
        tools.addWidget(size_label)
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setRange(MIN_BRUSH, 400)
        self.size_slider.setMinimumWidth(140)
        self.size_slider.setMaximumWidth(240)
        self.size_slider.setToolTip(self.tr("Brush and eraser size in photo pixels ([ smaller, "
                                            "] larger)"))
        self.size_slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tools.addWidget(self.size_slider)
        self.size_spin = QSpinBox(self)
        self.size_spin.setRange(MIN_BRUSH, MAX_BRUSH)
        self.size_spin.setSuffix(self.tr(" px"))
        self.size_spin.setMinimumWidth(84)
        self.size_spin.setToolTip(self.size_slider.toolTip())
        tools.addWidget(self.size_spin)
        tools.addStretch(1)
        self.undo_button = self._button(self.tr("Undo"), self.tr("Undo (Ctrl+Z)"))
        self.redo_button = self._button(self.tr("Redo"), self.tr("Redo (Ctrl+Shift+Z or Ctrl+Y)"))
        tools.addWidget(self.undo_button)
        tools.addWidget(self.redo_button)
        root.addLayout(tools)

        # row 2: whole-mask edits, overlay look, zoom
        edits = QHBoxLayout()
        edits.setSpacing(4)
        self.grow_button = self._button(self.tr("Grow"),
                                        self.tr("Widen the whole mask by the given pixels"))
        self.shrink_button = self._button(self.tr("Shrink"),
                                          self.tr("Narrow the whole mask by the given pixels"))
        self.grow_spin = QSpinBox(self)
        self.grow_spin.setRange(1, 500)
        self.grow_spin.setValue(8)
        self.grow_spin.setSuffix(self.tr(" px"))
        self.grow_spin.setMinimumWidth(84)
        self.grow_spin.setToolTip(self.tr("How far Grow and Shrink move the mask's edge"))
        edits.addWidget(self.grow_button)
        edits.addWidget(self.shrink_button)
        edits.addWidget(self.grow_spin)
        edits.addSpacing(10)
        self.invert_button = self._button(self.tr("Invert"),
                                          self.tr("Mark what is kept and keep what is marked"))
        self.clear_button = self._button(self.tr("Clear"), self.tr("Remove every mark"))
        edits.addWidget(self.invert_button)
        edits.addWidget(self.clear_button)
        edits.addSpacing(14)
        self.show_button = self._button(self.tr("Show mask"),
                                        self.tr("Show or hide the mask (hold M to peek at the "
                                                "photo)"))
        self.show_button.setCheckable(True)
        self.show_button.setChecked(True)
        edits.addWidget(self.show_button)
        self.colour_button = QToolButton(self)
        self.colour_button.setToolTip(self.tr("Mask colour"))
        self.colour_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.colour_button.setIconSize(QSize(14, 14))
        self.colour_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for colour in _PRESET_COLOURS:
            action = QAction(_swatch(colour), colour.name(), self.colour_button)
            action.triggered.connect(lambda _=False, c=colour: self._set_colour(c))
            self.colour_button.addAction(action)
        other = QAction(self.tr("Other colour…"), self.colour_button)
        other.triggered.connect(self._pick_colour)
        self.colour_button.addAction(other)
        edits.addWidget(self.colour_button)
        edits.addWidget(QLabel(self.tr("Opacity"), self))
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity_slider.setRange(10, 100)
        self.opacity_slider.setMaximumWidth(120)
        self.opacity_slider.setToolTip(self.tr("How strongly the mask colour covers the photo"))
        self.opacity_slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        edits.addWidget(self.opacity_slider)
        edits.addStretch(1)
        self.zoom_out_button = self._button("−", self.tr("Zoom out (−, or the mouse wheel)"))
        self.zoom_in_button = self._button("+", self.tr("Zoom in (+, or the mouse wheel)"))
        self.fit_button = self._button(self.tr("Fit"), self.tr("Show the whole photo (0)"))
        self.actual_button = self._button(self.tr("100 %"),
                                          self.tr("One photo pixel per screen pixel (1)"))
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("muted")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                     | Qt.AlignmentFlag.AlignVCenter)
        for w in (self.zoom_label, self.zoom_out_button, self.zoom_in_button, self.fit_button,
                  self.actual_button):
            edits.addWidget(w)
        root.addLayout(edits)

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
        self.accept_button = self._button(self.tr("Add to mask"),
                                          self.tr("Add the selection to the mask (Enter)"))
        self.reject_button = self._button(self.tr("Discard"),
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
        self.import_button = self._button(self.tr("Import mask…"), self.tr(
            "Use a mask image made elsewhere (white = remove); other sizes are scaled"))
        self.export_button = self._button(self.tr("Export mask…"), self.tr(
            "Save the mask as a PNG the service accepts (white = remove)"))
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        bottom.addWidget(self.hint)
        self.cancel_button = self._button(self.tr("Cancel"), self.tr("Close without generating"))
        self.generate_button = self._button(
            self.tr("Generate variation") if self._variation else self.tr("Generate"),
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

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.setDefault(False)
        return button

    def _wire(self) -> None:
        c = self.canvas
        for tool, button in self.tool_buttons.items():
            button.clicked.connect(lambda _=False, t=tool: self._choose_tool(t))
        c.toolChanged.connect(self._on_tool_changed)
        self.size_slider.valueChanged.connect(c.set_brush_size)
        self.size_spin.valueChanged.connect(c.set_brush_size)
        c.brushSizeChanged.connect(self._on_brush_size)
        self.undo_button.clicked.connect(c.undo)
        self.redo_button.clicked.connect(c.redo)
        self.undo_action.triggered.connect(c.undo)
        self.redo_action.triggered.connect(c.redo)
        self.grow_button.clicked.connect(lambda: c.grow_shrink(self.grow_spin.value()))
        self.shrink_button.clicked.connect(lambda: c.grow_shrink(-self.grow_spin.value()))
        self.invert_button.clicked.connect(c.invert)
        self.clear_button.clicked.connect(c.clear)
        self.show_button.toggled.connect(c.set_mask_visible)
        self.opacity_slider.valueChanged.connect(lambda v: c.set_overlay_opacity(v / 100.0))
        self.zoom_in_button.clicked.connect(lambda: c.zoom_in())
        self.zoom_out_button.clicked.connect(lambda: c.zoom_out())
        self.fit_button.clicked.connect(c.fit)
        self.actual_button.clicked.connect(lambda: c.actual_size())
        c.viewChanged.connect(self._on_view_changed)
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
        self.opacity_slider.setValue(round(c.overlay_opacity() * 100))
        self._update_colour_button()
        self._on_brush_size(c.brush_size())

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
        self._on_view_changed()
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ready.emit()

    def _set_enabled(self, enabled: bool) -> None:
        for w in [*self.findChildren(QPushButton), self.size_slider, self.size_spin,
                  self.grow_spin, self.opacity_slider, self.colour_button]:
            w.setEnabled(enabled)
        self.cancel_button.setEnabled(True)
        if enabled:
            self._on_mask_changed()

    # -- reactions --------------------------------------------------------------------------
    def _choose_tool(self, tool: Tool) -> None:
        self.canvas.set_tool(tool)
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_tool_changed(self, name: str) -> None:
        button = self.tool_buttons.get(Tool(name))
        if button is not None:
            button.setChecked(True)

    def _on_brush_size(self, size: int) -> None:
        for w, value in ((self.size_slider, min(size, self.size_slider.maximum())),
                         (self.size_spin, size)):
            w.blockSignals(True)
            w.setValue(value)
            w.blockSignals(False)

    def _on_view_changed(self) -> None:
        self.zoom_label.setText(f"{round(self.canvas.viewport().zoom() * 100)} %")

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
        self.undo_button.setEnabled(self._ready and c.can_undo())
        self.redo_button.setEnabled(self._ready and c.can_redo())
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

    def _set_colour(self, colour: QColor) -> None:
        self.canvas.set_overlay_colour(colour)
        self._update_colour_button()

    def _pick_colour(self) -> None:
        colour = QColorDialog.getColor(self.canvas.overlay_colour(), self,
                                       self.tr("Mask colour"))
        if colour.isValid():
            self._set_colour(colour)

    def _update_colour_button(self) -> None:
        self.colour_button.setIcon(_swatch(self.canvas.overlay_colour()))

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
