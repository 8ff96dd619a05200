"""The painting tools of the mask editor: brush, eraser, rectangle, lasso and smart select.

``MaskCanvas`` is a :class:`~desktop_app.ui.mask_surface.MaskSurface` (the photo, its mask,
edits and undo) that turns mouse and keyboard gestures into edits. A stroke (press → release)
touches only the mask's pixels under the brush and repaints only the box it changed; it becomes
one undo step when the button is released.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QRegion,
)
from PySide6.QtWidgets import QWidget

from desktop_app.core import mask_ops
from desktop_app.core.mask_ops import Box
from desktop_app.ui.mask_surface import PROPOSAL_COLOUR, MaskSurface

__all__ = ["MaskCanvas", "Tool", "next_brush_size"]


class Tool(StrEnum):
    BRUSH = "brush"
    ERASER = "eraser"
    RECTANGLE = "rectangle"
    LASSO = "lasso"
    SMART = "smart"


# Brush diameters, in photo pixels.
MIN_BRUSH = 1
MAX_BRUSH = 1500
# ``]`` / ``[`` change the brush by this factor (at least one pixel).
BRUSH_STEP = 1.2
# A smart-select press that moves less than this (widget pixels) is a click, not a box.
CLICK_SLOP = 4.0


def next_brush_size(size: int, larger: bool) -> int:
    """The brush diameter after one ``]`` (larger) or ``[`` press."""
    if larger:
        new = max(size + 1, round(size * BRUSH_STEP))
    else:
        new = min(size - 1, round(size / BRUSH_STEP))
    return int(min(MAX_BRUSH, max(MIN_BRUSH, new)))


class MaskCanvas(MaskSurface):
    """Paint what to remove over a photo (see the module docstring).

    Public API: that of :class:`MaskSurface`, the tools (``set_tool``, ``set_brush_size``,
    ``default_brush_size``) and the signals below.
    """

    toolChanged = Signal(str)
    brushSizeChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tool = Tool.BRUSH
        self._brush = 40
        self._hover: QPointF | None = None  # widget position of the mouse, for the brush ring
        # current gesture
        self._button: Qt.MouseButton | None = None
        self._value = True
        self._last: tuple[float, float] | None = None
        self._stroke_box: Box | None = None
        self._stroke_end: tuple[float, float] | None = None  # for Shift-click straight lines
        self._press_pos = QPointF()
        self._drag_pos = QPointF()
        self._lasso: list[QPointF] = []  # image coordinates
        self._subtract = False

    # -- tools ------------------------------------------------------------------------------
    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, tool: Tool | str) -> None:
        tool = Tool(tool)
        if tool == self._tool:
            return
        self._finish_gesture()
        self._tool = tool
        self._update_cursor()
        self._update_ring(None)
        self.toolChanged.emit(str(tool))

    def brush_size(self) -> int:
        """Diameter of the brush and eraser, in photo pixels."""
        return self._brush

    def set_brush_size(self, size: int) -> None:
        size = int(min(MAX_BRUSH, max(MIN_BRUSH, int(size))))
        if size == self._brush:
            return
        old = self._ring_rect()
        self._brush = size
        if old is not None:
            self.update(old)
        self._update_ring(self._hover)
        self.brushSizeChanged.emit(size)

    def default_brush_size(self) -> int:
        """A sensible starting diameter for this photo (about 3 % of its long side)."""
        if self._photo.isNull():
            return self._brush
        return int(max(8, round(0.03 * max(self._photo.width(), self._photo.height()))))

    # -- coordinates ------------------------------------------------------------------------
    def image_point(self, pos: QPointF) -> tuple[float, float]:
        """Widget position → photo pixel coordinates, pixel centres at whole numbers."""
        p = self.widget_to_image(pos)
        return (p.x() - 0.5, p.y() - 0.5)

    def image_pixel(self, pos: QPointF) -> tuple[int, int]:
        """The photo pixel under a widget position (may lie outside the photo)."""
        p = self.widget_to_image(pos)
        return (math.floor(p.x()), math.floor(p.y()))

    # -- painting ---------------------------------------------------------------------------
    def paint_overlay(self, painter: QPainter) -> None:
        super().paint_overlay(painter)
        if self._mask is not None:
            self._paint_gesture(painter)

    def _paint_gesture(self, painter: QPainter) -> None:
        if self._button is None:
            return
        scale = self.viewport().scale()
        if self._tool in (Tool.RECTANGLE, Tool.SMART) and self._dragged():
            rect = self._drag_rect_image()
            if rect is not None:
                x0, y0, x1, y1 = rect
                area = QRectF(x0, y0, x1 - x0 + 1, y1 - y0 + 1)
                fill = QColor(PROPOSAL_COLOUR if self._tool == Tool.SMART else self._colour)
                fill.setAlpha(60)
                painter.fillRect(area, fill)
                self._outline(painter, area, scale)
        elif self._tool == Tool.LASSO and len(self._lasso) > 1:
            path = QPainterPath()
            path.addPolygon(QPolygonF(self._lasso))
            fill = QColor(self._colour)
            fill.setAlpha(50)
            painter.fillPath(path, fill)
            for colour, dash in ((QColor(0, 0, 0), False), (QColor(255, 255, 255), True)):
                pen = QPen(colour, 1.5)
                pen.setCosmetic(True)
                if dash:
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawPolyline(QPolygonF(self._lasso))

    @staticmethod
    def _outline(painter: QPainter, area: QRectF, scale: float) -> None:
        for colour, dash in ((QColor(0, 0, 0), False), (QColor(255, 255, 255), True)):
            pen = QPen(colour, 1.5)
            pen.setCosmetic(True)
            if dash:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(area)

    def paint_foreground(self, painter: QPainter) -> None:
        ring = self._ring_geometry()
        if ring is None:
            return
        centre, radius = ring
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(0, 0, 0, 200), 3.0))
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(QPen(QColor(255, 255, 255, 230), 1.2))
        painter.drawEllipse(centre, radius, radius)

    def _ring_geometry(self) -> tuple[QPointF, float] | None:
        if (self._hover is None or self._mask is None or self.is_panning() or self.space_held()
                or self._tool not in (Tool.BRUSH, Tool.ERASER)):
            return None
        radius = max(1.0, self._brush / 2.0 * self.viewport().scale())
        return QPointF(self._hover), radius

    def _ring_rect(self) -> QRect | None:
        ring = self._ring_geometry()
        if ring is None:
            return None
        c, r = ring
        return QRectF(c.x() - r - 3, c.y() - r - 3, 2 * r + 6, 2 * r + 6).toAlignedRect()

    def _ring_region(self) -> QRegion | None:
        """The band the ring covers: a big ring repaints only its outline, not its inside."""
        outer = self._ring_rect()
        if outer is None:
            return None
        ring = self._ring_geometry()
        assert ring is not None
        _, r = ring
        if r < 24:
            return QRegion(outer)
        inner_r = r - 4
        c = ring[0]
        inner = QRectF(c.x() - inner_r, c.y() - inner_r, 2 * inner_r, 2 * inner_r)
        return QRegion(outer, QRegion.RegionType.Ellipse).subtracted(
            QRegion(inner.toAlignedRect().adjusted(1, 1, -1, -1), QRegion.RegionType.Ellipse))

    def _update_ring(self, pos: QPointF | None) -> None:
        old = self._ring_region()
        self._hover = None if pos is None else QPointF(pos)
        new = self._ring_region()
        if old is not None:
            self.update(old)
        if new is not None:
            self.update(new)

    def space_changed(self, down: bool) -> None:
        self._update_ring(self._hover)

    # -- gestures ---------------------------------------------------------------------------
    def _dragged(self) -> bool:
        d = self._drag_pos - self._press_pos
        return abs(d.x()) + abs(d.y()) >= CLICK_SLOP

    def _drag_rect_image(self) -> tuple[int, int, int, int] | None:
        a = self.image_pixel(self._press_pos)
        b = self.image_pixel(self._drag_pos)
        w, h = self._photo.width(), self._photo.height()
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(w - 1, x1), min(h - 1, y1)
        if x1 < x0 or y1 < y0:
            return None
        return x0, y0, x1, y1

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button = event.button()
        if (button == Qt.MouseButton.MiddleButton or self.space_held()
                or self._mask is None or self._button is not None):
            super().mousePressEvent(event)
            return
        if button not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            super().mousePressEvent(event)
            return
        event.accept()
        if self.is_busy():
            self.message.emit(self.tr("One moment: still working on the last step."))
            return
        pos = event.position()
        mods = event.modifiers()
        self._button = button
        self._press_pos = QPointF(pos)
        self._drag_pos = QPointF(pos)
        self._subtract = bool(mods & Qt.KeyboardModifier.AltModifier) or (
            button == Qt.MouseButton.RightButton)
        if self._tool in (Tool.BRUSH, Tool.ERASER):
            self._value = (self._tool == Tool.BRUSH) != (button == Qt.MouseButton.RightButton)
            p = self.image_point(pos)
            start = p
            if mods & Qt.KeyboardModifier.ShiftModifier and self._stroke_end is not None:
                start = self._stroke_end  # Shift-click: a straight line from the last stroke
            self._last = p
            self._stroke_box = None
            self._paint_segment(start, p)
        elif self._tool == Tool.LASSO:
            self._lasso = [self.widget_to_image(pos)]
        elif self._tool == Tool.SMART:
            self._subtract = bool(mods & Qt.KeyboardModifier.ShiftModifier) or (
                button == Qt.MouseButton.RightButton)
        self._update_ring(pos)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self.is_panning() or self._mask is None:
            super().mouseMoveEvent(event)
            self._hover = QPointF(pos)
            return
        event.accept()
        self._update_ring(pos)
        if self._button is None:
            return
        previous = QPointF(self._drag_pos)
        self._drag_pos = QPointF(pos)
        if self._tool in (Tool.BRUSH, Tool.ERASER):
            p = self.image_point(pos)
            if self._last is not None and p != self._last:
                self._paint_segment(self._last, p)
                self._last = p
        elif self._tool == Tool.LASSO:
            q = self.widget_to_image(pos)
            last = self._lasso[-1]
            step = 1.0 / max(self.viewport().scale(), 1e-9)  # about one widget pixel
            if abs(q.x() - last.x()) + abs(q.y() - last.y()) >= step:
                self._lasso.append(q)
                self._update_lasso_preview()
        elif self._tool in (Tool.RECTANGLE, Tool.SMART):
            self._update_drag_preview(previous)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._button is None or event.button() != self._button:
            super().mouseReleaseEvent(event)
            return
        event.accept()
        self._drag_pos = QPointF(event.position())
        self._finish_gesture()

    def leaveEvent(self, event: Any) -> None:
        self._update_ring(None)
        super().leaveEvent(event)

    def _paint_segment(self, a: tuple[float, float], b: tuple[float, float]) -> None:
        assert self._mask is not None
        box = mask_ops.stroke(self._mask.array, a, b, self._brush / 2.0, self._value)
        if box is not None:
            self._stroke_box = box.union(self._stroke_box)
            self._refresh_box(box)

    def _update_drag_preview(self, previous: QPointF) -> None:
        rect = QRectF(self._press_pos, previous).normalized().united(
            QRectF(self._press_pos, self._drag_pos).normalized())
        margin = max(4.0, self.viewport().scale() + 4)
        self.update(rect.adjusted(-margin, -margin, margin, margin).toAlignedRect())

    def _update_lasso_preview(self) -> None:
        poly = QPolygonF(self._lasso)
        rect = self.viewport().image_rect_to_widget(poly.boundingRect())
        self.update(rect.adjusted(-4, -4, 4, 4).toAlignedRect())

    def _finish_gesture(self) -> None:
        """End the gesture in progress, applying it."""
        if self._button is None or self._mask is None:
            self._button = None
            return
        tool = self._tool
        self._button = None
        if tool in (Tool.BRUSH, Tool.ERASER):
            box, self._stroke_box = self._stroke_box, None
            self._stroke_end = self._last
            self._last = None
            label = self.tr("Brush") if self._value else self.tr("Eraser")
            if box is not None:
                self._commit(box, label)
        elif tool == Tool.RECTANGLE:
            self.update()
            rect = self._drag_rect_image()
            if rect is not None:
                box = mask_ops.fill_rect(self._mask.array, rect[:2], rect[2:],
                                         not self._subtract)
                self._commit(box, self.tr("Rectangle"))
                self._refresh_box(box)
        elif tool == Tool.LASSO:
            points, self._lasso = self._lasso, []
            self.update()
            if len(points) >= 3:
                box = mask_ops.fill_polygon(self._mask.array,
                                            [(p.x() - 0.5, p.y() - 0.5) for p in points],
                                            not self._subtract)
                self._commit(box, self.tr("Lasso"))
        elif tool == Tool.SMART:
            self.update()
            if self._dragged():
                rect = self._drag_rect_image()
                if rect is not None:
                    self.smart_select(None, rect, self._subtract)
            else:
                x, y = self.image_point(self._press_pos)
                w, h = self._photo.width(), self._photo.height()
                if -0.5 <= x < w - 0.5 and -0.5 <= y < h - 0.5:
                    self.smart_select((x, y), None, self._subtract)

    def _cancel_gesture(self) -> bool:
        """Abandon the gesture in progress without applying it; True if there was one."""
        if self._button is None:
            return False
        self._button = None
        if self._undo is not None and self._stroke_box is not None:
            self._undo.revert(self._stroke_box)
            self._refresh_box(self._stroke_box)
        self._stroke_box = None
        self._last = None
        self._lasso = []
        self.update()
        return True

    # -- keys -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        elif (event.matches(QKeySequence.StandardKey.Redo) or (
                key == Qt.Key.Key_Y and mods == Qt.KeyboardModifier.ControlModifier)
              or (key == Qt.Key.Key_Z and mods == (Qt.KeyboardModifier.ControlModifier
                                                   | Qt.KeyboardModifier.ShiftModifier))):
            self.redo()
        elif key == Qt.Key.Key_BracketRight and plain:
            self.set_brush_size(next_brush_size(self._brush, True))
        elif key == Qt.Key.Key_BracketLeft and plain:
            self.set_brush_size(next_brush_size(self._brush, False))
        elif key == Qt.Key.Key_M and mods == Qt.KeyboardModifier.NoModifier:
            if not event.isAutoRepeat():
                self._set_peeking(True)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.has_proposal():
            self.accept_proposal()
        elif key == Qt.Key.Key_Escape and (self._button is not None or self.has_proposal()):
            if not self._cancel_gesture():
                self.reject_proposal()
        elif mods == Qt.KeyboardModifier.NoModifier and key in _TOOL_KEYS:
            self.set_tool(_TOOL_KEYS[key])
        elif key == Qt.Key.Key_X and mods == Qt.KeyboardModifier.NoModifier:
            self.set_tool(Tool.ERASER if self._tool == Tool.BRUSH else Tool.BRUSH)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_M and not event.isAutoRepeat():
            self._set_peeking(False)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        self._set_peeking(False)
        super().focusOutEvent(event)


_TOOL_KEYS: dict[int, Tool] = {
    Qt.Key.Key_B: Tool.BRUSH,
    Qt.Key.Key_E: Tool.ERASER,
    Qt.Key.Key_R: Tool.RECTANGLE,
    Qt.Key.Key_L: Tool.LASSO,
    Qt.Key.Key_W: Tool.SMART,
}
