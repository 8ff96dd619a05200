"""The mask editor's two rows of controls, wired to the canvas they drive.

The first row picks the tool and the brush size and undoes; the second edits the whole mask,
sets how the mask looks and zooms. The bar follows the canvas too: a tool chosen by key, a
brush resized by the wheel and a new zoom show on their controls.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.mask_canvas import MAX_BRUSH, MIN_BRUSH, MaskCanvas, Tool
from desktop_app.ui.style import dialog_button

__all__ = ["MaskToolbar"]

_PRESET_COLOURS = [QColor(255, 48, 64), QColor(255, 0, 200), QColor(0, 200, 120),
                   QColor(255, 200, 0)]


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


class MaskToolbar(QWidget):
    """Tools, brush size, undo/redo, whole-mask edits, mask look and zoom for ``canvas``."""

    def __init__(self, canvas: MaskCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(8)
        rows.addLayout(self._tools_row())
        rows.addLayout(self._edits_row())
        self._wire()

    # -- state --------------------------------------------------------------------------------
    def set_enabled(self, enabled: bool) -> None:
        """Enable every control (undo and redo only when there is something to undo/redo)."""
        for w in [*self.findChildren(QPushButton), self.size_slider, self.size_spin,
                  self.grow_spin, self.opacity_slider, self.colour_button]:
            w.setEnabled(enabled)
        if enabled:
            self.update_history()

    def update_history(self) -> None:
        """Undo and redo are enabled when the canvas has a step to undo or redo."""
        self.undo_button.setEnabled(self.canvas.can_undo())
        self.redo_button.setEnabled(self.canvas.can_redo())

    # -- building -----------------------------------------------------------------------------
    def _tools_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
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
            button = dialog_button(self, text, tip)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.tool_group.addButton(button)
            self.tool_buttons[tool] = button
            row.addWidget(button)
        self.tool_buttons[Tool.BRUSH].setChecked(True)
        row.addSpacing(14)
        row.addWidget(QLabel(self.tr("Size"), self))
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setRange(MIN_BRUSH, 400)
        self.size_slider.setMinimumWidth(140)
        self.size_slider.setMaximumWidth(240)
        self.size_slider.setToolTip(self.tr("Brush and eraser size in photo pixels ([ smaller, "
                                            "] larger)"))
        self.size_slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.size_slider)
        self.size_spin = QSpinBox(self)
        self.size_spin.setRange(MIN_BRUSH, MAX_BRUSH)
        self.size_spin.setSuffix(self.tr(" px"))
        self.size_spin.setMinimumWidth(84)
        self.size_spin.setToolTip(self.size_slider.toolTip())
        row.addWidget(self.size_spin)
        row.addStretch(1)
        self.undo_button = dialog_button(self, self.tr("Undo"), self.tr("Undo (Ctrl+Z)"))
        self.redo_button = dialog_button(self, self.tr("Redo"),
                                         self.tr("Redo (Ctrl+Shift+Z or Ctrl+Y)"))
        row.addWidget(self.undo_button)
        row.addWidget(self.redo_button)
        return row

    def _edits_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.grow_button = dialog_button(self, self.tr("Grow"),
                                         self.tr("Widen the whole mask by the given pixels"))
        self.shrink_button = dialog_button(self, self.tr("Shrink"),
                                           self.tr("Narrow the whole mask by the given pixels"))
        self.grow_spin = QSpinBox(self)
        self.grow_spin.setRange(1, 500)
        self.grow_spin.setValue(8)
        self.grow_spin.setSuffix(self.tr(" px"))
        self.grow_spin.setMinimumWidth(84)
        self.grow_spin.setToolTip(self.tr("How far Grow and Shrink move the mask's edge"))
        row.addWidget(self.grow_button)
        row.addWidget(self.shrink_button)
        row.addWidget(self.grow_spin)
        row.addSpacing(10)
        self.invert_button = dialog_button(self, self.tr("Invert"),
                                           self.tr("Mark what is kept and keep what is marked"))
        self.clear_button = dialog_button(self, self.tr("Clear"), self.tr("Remove every mark"))
        row.addWidget(self.invert_button)
        row.addWidget(self.clear_button)
        row.addSpacing(14)
        self.show_button = dialog_button(self, self.tr("Show mask"),
                                         self.tr("Show or hide the mask (hold M to peek at the "
                                                 "photo)"))
        self.show_button.setCheckable(True)
        self.show_button.setChecked(True)
        row.addWidget(self.show_button)
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
        row.addWidget(self.colour_button)
        row.addWidget(QLabel(self.tr("Opacity"), self))
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity_slider.setRange(10, 100)
        self.opacity_slider.setMaximumWidth(120)
        self.opacity_slider.setToolTip(self.tr("How strongly the mask colour covers the photo"))
        self.opacity_slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.opacity_slider)
        row.addStretch(1)
        self.zoom_out_button = dialog_button(self, "−", self.tr("Zoom out (−, or the mouse wheel)"))
        self.zoom_in_button = dialog_button(self, "+", self.tr("Zoom in (+, or the mouse wheel)"))
        self.fit_button = dialog_button(self, self.tr("Fit"), self.tr("Show the whole photo (0)"))
        self.actual_button = dialog_button(self, self.tr("100 %"),
                                           self.tr("One photo pixel per screen pixel (1)"))
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("muted")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                     | Qt.AlignmentFlag.AlignVCenter)
        for w in (self.zoom_label, self.zoom_out_button, self.zoom_in_button, self.fit_button,
                  self.actual_button):
            row.addWidget(w)
        return row

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
        c.viewChanged.connect(self.show_zoom)
        self.opacity_slider.setValue(round(c.overlay_opacity() * 100))
        self._update_colour_button()
        self._on_brush_size(c.brush_size())

    # -- reactions ----------------------------------------------------------------------------
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

    def show_zoom(self) -> None:
        """The zoom label says the canvas's zoom."""
        self.zoom_label.setText(f"{round(self.canvas.viewport().zoom() * 100)} %")

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
