"""The painting surface of the mask editor: the photo, the mask over it, and the tools.

``MaskCanvas`` is a :class:`ZoomPanWidget` (wheel zoom, Space/middle-drag pan, fit/100 %) that
owns a 0/1 mask the size of the photo and edits it with a brush, an eraser, rectangle and lasso
fills and smart select. Speed comes from never touching more than needed:

* the mask is a NumPy array and the overlay is an 8-bit indexed ``QImage`` over the very same
  memory (index 0 transparent, index 1 the overlay colour), so a brush dab writes a few thousand
  bytes and there is nothing to convert or upload afterwards;
* every edit returns the box it changed; only that part of the widget is repainted;
* one stroke (press → release) is one undo step, stored as a compressed XOR of its box.

Slow work (decoding a photo, smart select, grow/shrink) runs in the widget's thread pool and
comes back through signals; the canvas shows a busy state meanwhile and refuses edits that
would race with it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QPointF,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QRegion,
    qRgba,
)
from PySide6.QtWidgets import QWidget

from desktop_app.core import mask_ops
from desktop_app.core.mask_ops import Box
from desktop_app.core.smart_select import Selection, select_region
from desktop_app.core.undo import UndoStack
from desktop_app.ui.image_arrays import qimage_rgb_view, rgb_to_rgb32, to_rgb32
from desktop_app.ui.messages import failure_text
from desktop_app.ui.zoom_pan import ZoomPanWidget

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

DEFAULT_COLOUR = QColor(255, 48, 64)
DEFAULT_OPACITY = 0.5
PROPOSAL_COLOUR = QColor(0, 190, 255)


def next_brush_size(size: int, larger: bool) -> int:
    """The brush diameter after one ``]`` (larger) or ``[`` press."""
    if larger:
        new = max(size + 1, round(size * BRUSH_STEP))
    else:
        new = min(size - 1, round(size / BRUSH_STEP))
    return int(min(MAX_BRUSH, max(MIN_BRUSH, new)))


def load_photo_file(path: Path) -> QImage:
    """Decode a photo for the editor (upright, sRGB) into a ``Format_RGB32`` QImage.

    Safe to call off the GUI thread. Raises a SkyClearError for a file that cannot be used.
    """
    from desktop_app.core import imaging

    return rgb_to_rgb32(imaging.load_rgb(Path(path)))


# -- background jobs ----------------------------------------------------------------------
@dataclass
class _Pending:
    kind: str
    on_done: Callable[[Any], None]
    on_failed: Callable[[str], None] | None


class _Overlay:
    """A 0/1 mask array and an indexed QImage sharing its memory."""

    def __init__(self, width: int, height: int, colour: QColor, opacity: float) -> None:
        self.array = mask_ops.new_mask(width, height)
        base = self.array.base
        assert base is not None
        self._buffer = base  # keeps the memory alive as long as the image
        self.image = QImage(base, width, height, base.strides[0],  # type: ignore[call-overload]
                            QImage.Format.Format_Indexed8)
        self.set_colour(colour, opacity)

    def set_colour(self, colour: QColor, opacity: float) -> None:
        alpha = round(255 * min(1.0, max(0.0, opacity)))
        self.image.setColorTable([qRgba(0, 0, 0, 0),
                                  qRgba(colour.red(), colour.green(), colour.blue(), alpha)])


class MaskCanvas(ZoomPanWidget):
    """Paint what to remove over a photo (see the module docstring).

    Public API: ``set_photo``, ``load_photo``, ``set_mask``, ``mask``, ``mask_view``,
    ``coverage``, tools (``set_tool``, ``set_brush_size``, ``set_overlay_colour``,
    ``set_overlay_opacity``, ``set_mask_visible``), edits (``grow_shrink``, ``invert``,
    ``clear``, ``undo``, ``redo``, ``accept_proposal``, ``reject_proposal``) and the signals
    below.
    """

    maskChanged = Signal()  # the mask (or what undo/redo can do) changed
    toolChanged = Signal(str)
    brushSizeChanged = Signal(int)
    maskVisibleChanged = Signal(bool)
    proposalChanged = Signal(bool)  # a smart-select proposal is (True) or is no longer shown
    busyChanged = Signal(bool)  # background work that locks editing started/ended
    photoLoaded = Signal()
    loadFailed = Signal(str)
    message = Signal(str)  # a hint or an error sentence for the status line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._photo = QImage()
        self._mask: _Overlay | None = None
        self._proposal: _Overlay | None = None
        self._proposal_box: Box | None = None
        self._undo: UndoStack | None = None
        self._tool = Tool.BRUSH
        self._brush = 40
        self._colour = QColor(DEFAULT_COLOUR)
        self._opacity = DEFAULT_OPACITY
        self._visible = True
        self._peeking = False  # M held: the mask is hidden until M is released
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
        # background work
        self._jobs: dict[int, _Pending] = {}
        self._job_token = 0
        self._busy_kind = ""
        self.setCursor(Qt.CursorShape.CrossCursor)

    # -- photo and mask ---------------------------------------------------------------------
    def set_photo(self, image: QImage, mask: npt.ArrayLike | None = None) -> None:
        """Show ``image`` (the exact pixels the service will get) with an empty mask, or with
        ``mask`` (bool or 0/1, the image's size) as the starting point (not undoable)."""
        photo = to_rgb32(image)
        self._photo = photo
        w, h = photo.width(), photo.height()
        self._mask = _Overlay(w, h, self._colour, self._opacity)
        self._proposal = None
        self._proposal_box = None
        if mask is not None:
            arr = self._checked_mask(mask)
            self._mask.array[...] = arr
        self._undo = UndoStack(self._mask.array)
        self._cancel_gesture()
        self.set_image(photo)
        self.proposalChanged.emit(False)
        self.maskChanged.emit()

    def load_photo(self, path: Path, mask_loader: Callable[[QImage], Any] | None = None) -> None:
        """Decode ``path`` off the GUI thread, then show it; ``photoLoaded`` or ``loadFailed``
        follows. ``mask_loader(image)`` (also run in the worker) may return a starting mask."""
        self.set_empty_text(self.tr("Opening the photo…"))

        def work() -> tuple[QImage, Any]:
            image = load_photo_file(Path(path))
            start = mask_loader(image) if mask_loader is not None else None
            return image, start

        def done(result: tuple[QImage, Any]) -> None:
            image, start = result
            self.set_empty_text("")
            self.set_photo(image, start)
            self.photoLoaded.emit()

        def failed(text: str) -> None:
            self.set_empty_text(text)
            self.loadFailed.emit(text)

        self.run_job("load", work, done, failed, locks=True)

    def photo(self) -> QImage:
        return self._photo

    def has_photo(self) -> bool:
        return self._mask is not None

    def mask(self) -> npt.NDArray[np.bool_]:  # type: ignore[override]  # the painted mask
        """A copy of the mask: bool, the photo's size, True = remove."""
        if self._mask is None:
            return np.zeros((0, 0), np.bool_)
        return self._mask.array.view(np.bool_).copy()

    def mask_view(self) -> npt.NDArray[np.bool_]:
        """The live mask (read only, please: edits must go through the canvas)."""
        if self._mask is None:
            return np.zeros((0, 0), np.bool_)
        view = self._mask.array.view(np.bool_)
        view.flags.writeable = False
        return view

    def set_mask(self, mask: npt.ArrayLike, label: str = "Import") -> None:
        """Replace the whole mask (bool or 0/1, the photo's size) as one undoable step."""
        if self._mask is None or self._undo is None:
            raise RuntimeError("no photo")
        self._finish_gesture()
        arr = self._checked_mask(mask)
        self._mask.array[...] = arr
        self._commit(None, label)
        self.update()

    def _checked_mask(self, mask: npt.ArrayLike) -> npt.NDArray[np.uint8]:
        assert self._mask is not None
        arr = np.asarray(mask)
        if arr.shape != self._mask.array.shape:
            raise ValueError(f"the mask is {arr.shape[::-1]} but the photo is "
                             f"{self._mask.array.shape[::-1]}")
        if arr.dtype == np.bool_:
            return arr.view(np.uint8)
        return (arr != 0).view(np.uint8)

    def coverage(self) -> float:
        return 0.0 if self._mask is None else mask_ops.coverage(self._mask.array)

    def marked_pixels(self) -> int:
        return 0 if self._mask is None else mask_ops.count(self._mask.array)

    def undo_stack(self) -> UndoStack | None:
        return self._undo

    # -- tools and display ------------------------------------------------------------------
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

    def overlay_colour(self) -> QColor:
        return QColor(self._colour)

    def set_overlay_colour(self, colour: QColor) -> None:
        self._colour = QColor(colour)
        if self._mask is not None:
            self._mask.set_colour(self._colour, self._opacity)
        self.update()

    def overlay_opacity(self) -> float:
        return self._opacity

    def set_overlay_opacity(self, opacity: float) -> None:
        self._opacity = min(1.0, max(0.05, float(opacity)))
        if self._mask is not None:
            self._mask.set_colour(self._colour, self._opacity)
        self.update()

    def mask_visible(self) -> bool:
        return self._visible and not self._peeking

    def set_mask_visible(self, visible: bool) -> None:
        before = self.mask_visible()
        self._visible = bool(visible)
        if before != self.mask_visible():
            self.update()
            self.maskVisibleChanged.emit(self.mask_visible())

    def _set_peeking(self, peeking: bool) -> None:
        before = self.mask_visible()
        self._peeking = peeking
        if before != self.mask_visible():
            self.update()
            self.maskVisibleChanged.emit(self.mask_visible())

    def is_busy(self) -> bool:
        return bool(self._busy_kind)

    # -- whole-mask edits -------------------------------------------------------------------
    def can_undo(self) -> bool:
        return self._undo is not None and self._undo.can_undo()

    def can_redo(self) -> bool:
        return self._undo is not None and self._undo.can_redo()

    def undo(self) -> None:
        self._step_history(back=True)

    def redo(self) -> None:
        self._step_history(back=False)

    def _step_history(self, back: bool) -> None:
        if self._undo is None or self.is_busy():
            return
        self._finish_gesture()
        box = self._undo.undo() if back else self._undo.redo()
        if box is not None:
            self._refresh_box(box)
            self.maskChanged.emit()

    def invert(self) -> None:
        self._whole_mask_edit(mask_ops.invert, self.tr("Invert"))

    def clear(self) -> None:
        self._whole_mask_edit(mask_ops.clear, self.tr("Clear"))

    def _whole_mask_edit(self, op: Callable[[npt.NDArray[np.uint8]], Box | None],
                         label: str) -> None:
        if self._mask is None or self.is_busy():
            return
        self._finish_gesture()
        box = op(self._mask.array)
        if box is not None:
            self._commit(box, label)
            self._refresh_box(box)

    def grow_shrink(self, pixels: int) -> None:
        """Grow (positive) or shrink (negative) the mask by ``pixels``, in the background."""
        if self._mask is None or self.is_busy() or pixels == 0:
            return
        self._finish_gesture()
        found = mask_ops.bbox(self._mask.array)
        if found is None:
            return
        n = abs(int(pixels))
        full_w, full_h = self._photo.width(), self._photo.height()
        box = found.pad(n + 1).clip(full_w, full_h)
        assert box is not None
        work = self._mask.array[box.slices].copy()
        label = self.tr("Grow") if pixels > 0 else self.tr("Shrink")

        def compute() -> tuple[Box, npt.NDArray[np.uint8]]:
            # the crop keeps a 1 px ring of true neighbours, except where it meets the photo's
            # border, which the operations treat as the photo's own edge
            mask_ops.grow_or_shrink(work, int(pixels))
            return box, work

        def apply(result: tuple[Box, npt.NDArray[np.uint8]]) -> None:
            assert self._mask is not None
            target, data = result
            self._mask.array[target.slices] = data
            self._commit(target, label)
            self._refresh_box(target)

        self.run_job("grow", compute, apply, None, locks=True)

    # -- smart select -----------------------------------------------------------------------
    def has_proposal(self) -> bool:
        return self._proposal_box is not None

    def proposal(self) -> npt.NDArray[np.bool_]:
        """A copy of the pending smart-select proposal (all False when there is none)."""
        if self._proposal is None:
            return np.zeros(self.mask_view().shape, np.bool_)
        return self._proposal.array.view(np.bool_).copy()

    def smart_select(self, point: tuple[float, float] | None = None,
                     rect: tuple[int, int, int, int] | None = None,
                     subtract: bool = False) -> None:
        """Propose a selection for the object at ``point`` (photo pixels) and/or in ``rect``
        (x0, y0, x1, y1); with ``subtract`` the result is taken out of the current proposal.
        Runs in the background; the proposal appears when it is ready."""
        if self._mask is None or self.is_busy():
            return
        photo = self._photo
        rgb = qimage_rgb_view(photo)

        def compute() -> Selection:
            _keep = photo  # the view above is only valid while the image lives
            return select_region(rgb, point, rect)

        def apply(sel: Selection) -> None:
            self._merge_proposal(sel, subtract)

        self.message.emit(self.tr("Finding the object…"))
        self.run_job("smart", compute, apply, None, locks=True)

    def _merge_proposal(self, sel: Selection, subtract: bool) -> None:
        if self._mask is None:
            return
        if sel.pixels == 0:
            self.message.emit(self.tr("No object found there; try dragging a box around it."))
            return
        if self._proposal is None:
            w, h = self._photo.width(), self._photo.height()
            self._proposal = _Overlay(w, h, PROPOSAL_COLOUR, 0.55)
        box = mask_ops.paste(self._proposal.array, sel.region, (sel.box.x0, sel.box.y0),
                             "subtract" if subtract else "add")
        if box is not None:
            self._refresh_box(box)
        self._proposal_box = mask_ops.bbox(self._proposal.array)
        self.proposalChanged.emit(self._proposal_box is not None)
        if self._proposal_box is not None:
            self.message.emit(self.tr("Enter adds the blue selection to the mask, Esc discards "
                                      "it; click again to add, Shift-click to take away."))

    def accept_proposal(self) -> None:
        """Add the proposal to the mask (one undo step)."""
        if self._proposal is None or self._proposal_box is None or self._mask is None:
            return
        box = self._proposal_box
        dst = self._mask.array[box.slices]
        np.bitwise_or(dst, self._proposal.array[box.slices], out=dst)
        self._drop_proposal()
        self._commit(box, self.tr("Smart select"))
        self._refresh_box(box)

    def reject_proposal(self) -> None:
        if self._proposal_box is None:
            return
        box = self._proposal_box
        self._drop_proposal()
        self._refresh_box(box)

    def _drop_proposal(self) -> None:
        self._proposal = None
        self._proposal_box = None
        self.proposalChanged.emit(False)
        self.message.emit("")

    # -- jobs -------------------------------------------------------------------------------
    def run_job(self, kind: str, fn: Callable[[], object], on_done: Callable[[Any], None],
                on_failed: Callable[[str], None] | None = None, *, locks: bool = True) -> int:
        """Run ``fn`` in the canvas's pool; ``on_done(result)`` or ``on_failed(sentence)`` then
        runs on the GUI thread. With ``locks`` editing is refused until it is over."""
        self._job_token += 1
        token = self._job_token
        self._jobs[token] = _Pending(kind, on_done, on_failed)
        if locks:
            self._set_busy(kind)
        self.tasks().submit(fn, on_done=partial(self._on_job_done, token),
                            on_error=partial(self._on_job_failed, token))
        return token

    def _set_busy(self, kind: str) -> None:
        was = self.is_busy()
        self._busy_kind = kind
        if was != self.is_busy():
            self._update_cursor()
            self.busyChanged.emit(self.is_busy())

    def _on_job_done(self, token: int, result: object) -> None:
        pending = self._jobs.pop(token, None)
        if pending is None:
            return
        if pending.kind == self._busy_kind:
            self._set_busy("")
        pending.on_done(result)

    def _on_job_failed(self, token: int, error: BaseException) -> None:
        text = failure_text(error)  # the runner logs unexpected tracebacks
        pending = self._jobs.pop(token, None)
        if pending is None:
            return
        if pending.kind == self._busy_kind:
            self._set_busy("")
        if pending.on_failed is not None:
            pending.on_failed(text)
        else:
            self.message.emit(text)

    # -- coordinates ------------------------------------------------------------------------
    def image_point(self, pos: QPointF) -> tuple[float, float]:
        """Widget position → photo pixel coordinates, pixel centres at whole numbers."""
        p = self.widget_to_image(pos)
        return (p.x() - 0.5, p.y() - 0.5)

    def image_pixel(self, pos: QPointF) -> tuple[int, int]:
        """The photo pixel under a widget position (may lie outside the photo)."""
        p = self.widget_to_image(pos)
        return (math.floor(p.x()), math.floor(p.y()))

    def _box_to_widget(self, box: Box) -> QRect:
        pane = self.pane_rects()[0]
        rect = self.viewport().image_rect_to_widget(
            QRectF(box.x0, box.y0, box.width, box.height)).translated(pane.topLeft())
        return rect.toAlignedRect().adjusted(-2, -2, 2, 2)

    def _refresh_box(self, box: Box | None) -> None:
        if box is not None:
            self.update(self._box_to_widget(box))

    def _commit(self, box: Box | None, label: str) -> None:
        if self._undo is not None:
            self._undo.commit(box, label)
        self.maskChanged.emit()

    # -- painting ---------------------------------------------------------------------------
    def has_content(self) -> bool:
        return super().has_content() and self._mask is not None

    def paint_overlay(self, painter: QPainter) -> None:
        if self._mask is None:
            return
        visible = self.viewport().visible_image_rect()
        source = visible.toAlignedRect().intersected(self._mask.image.rect())
        if source.isEmpty():
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        if self.mask_visible():
            painter.drawImage(QRectF(source), self._mask.image, QRectF(source))
        if self._proposal is not None and self._proposal_box is not None:
            painter.drawImage(QRectF(source), self._proposal.image, QRectF(source))
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

    def _update_cursor(self) -> None:  # extends ZoomPanWidget's: tools keep a crosshair
        if self.is_panning():
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif self.space_held():
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        elif self.is_busy():
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.setCursor(Qt.CursorShape.CrossCursor)

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
