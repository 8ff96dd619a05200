"""The sky regions of a photo under review and the canvas that shows them.

``describe_regions`` labels a sky selection's separate regions and builds what the canvas draws
(an outline per region and a tint), off the GUI thread. ``SkyCanvas`` shows the photo with the
regions over it (or the preview of the new sky), highlights the region under the pointer and
turns a click (not a drag) into ``clicked`` in the displayed photo's coordinates. The sky
selection (``ui/sky_selection.py``) decides what a click does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from desktop_app.ui.image_arrays import array_to_qimage
from desktop_app.ui.zoom_pan import ZoomPanWidget

__all__ = ["Regions", "SkyCanvas", "describe_regions"]

# A press that moves less than this (widget pixels) before its release is a click, not a pan.
CLICK_SLOP = 4.0
TINT = QColor(37, 99, 235)  # the accent blue
TINT_OPACITY = 0.42
OUTLINE = QColor(59, 130, 246)
HALO = QColor(15, 23, 42, 170)
TAKE_OUT = QColor(239, 68, 68)


@dataclass(frozen=True)
class Regions:
    """The sky of the working copy and how to draw it (made off the GUI thread)."""

    alpha: npt.NDArray[np.float32]
    labels: npt.NDArray[np.int32]  # 0 = no sky, 1..count
    count: int
    outlines: tuple[tuple[int, QPolygonF], ...]  # (label, polygon in display coordinates)
    tint: QImage  # the working copy's size; transparent where there is no sky


def describe_regions(alpha: npt.NDArray[np.float32], display_scale: float = 1.0) -> Regions:
    """Label ``alpha``'s separate regions and build their outlines and tint.

    ``display_scale`` is display pixels per working pixel (the outlines are drawn on the
    displayed photo). Safe off the GUI thread.
    """
    from desktop_app.engines.local import sky

    labels, count = sky.sky_regions(alpha)
    outlines: list[tuple[int, QPolygonF]] = []
    # the outline goes round the window, over its bars and ragged soft edges (the tint shows
    # the exact sky): the region is closed over the gap that joins panes into one region
    k = max(3, round(sky.REGION_JOIN * max(alpha.shape)) | 1)
    join = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    for label in range(1, count + 1):
        region = cv2.morphologyEx((labels == label).astype(np.uint8), cv2.MORPH_CLOSE, join)
        contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            pts = cv2.approxPolyDP(contour, 1.0, True).reshape(-1, 2).astype(np.float64)
            if len(pts) < 3:
                continue
            # a pixel's outline runs along its centre; shift to the middle of the pixel
            poly = QPolygonF([QPointF((x + 0.5) * display_scale, (y + 0.5) * display_scale)
                              for x, y in pts])
            outlines.append((label, poly))
    h, w = alpha.shape
    tint = np.zeros((h, w, 4), np.uint8)
    shown = (labels > 0) * alpha
    strength = np.clip(shown * (255 * TINT_OPACITY), 0, 255).astype(np.uint8)
    # premultiplied BGRA in memory (little-endian ARGB32)
    tint[..., 0] = (strength.astype(np.uint16) * TINT.blue() // 255).astype(np.uint8)
    tint[..., 1] = (strength.astype(np.uint16) * TINT.green() // 255).astype(np.uint8)
    tint[..., 2] = (strength.astype(np.uint16) * TINT.red() // 255).astype(np.uint8)
    tint[..., 3] = strength
    image = array_to_qimage(tint, QImage.Format.Format_ARGB32_Premultiplied)
    return Regions(alpha=alpha, labels=labels, count=count, outlines=tuple(outlines), tint=image)


class SkyCanvas(ZoomPanWidget):
    """The photo with the sky regions drawn over it; a click (not a drag) emits ``clicked``.

    Left-drag, middle-drag or Space-drag pans, the wheel zooms; coordinates are those of the
    displayed photo.
    """

    clicked = Signal(float, float)
    hoverChanged = Signal(int)  # the region label under the pointer (0: none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_left_drag_pans(True)
        self._regions: Regions | None = None
        self._work_scale = 1.0  # working pixels per display pixel
        self._preview = QImage()
        self._show_preview = False
        self._hover = 0
        self._press: QPointF | None = None
        self.setCursor(Qt.CursorShape.CrossCursor)

    # -- state --------------------------------------------------------------------------------
    def set_regions(self, regions: Regions | None, work_scale: float) -> None:
        self._regions = regions
        self._work_scale = work_scale
        self._set_hover(0)
        self.update()

    def regions(self) -> Regions | None:
        return self._regions

    def set_preview(self, image: QImage | None, shown: bool) -> None:
        self._preview = image if image is not None else QImage()
        self._show_preview = shown
        self.update()

    def preview_image(self) -> QImage:
        """The preview of the new sky (null until one was painted)."""
        return self._preview

    def preview_shown(self) -> bool:
        return self._show_preview and not self._preview.isNull()

    def hovered(self) -> int:
        return self._hover

    def label_at(self, x: float, y: float) -> int:
        """The region under display point (x, y), 0 when none."""
        r = self._regions
        if r is None:
            return 0
        h, w = r.labels.shape
        px, py = math.floor(x * self._work_scale), math.floor(y * self._work_scale)
        if not (0 <= px < w and 0 <= py < h):
            return 0
        return int(r.labels[py, px])

    def widget_pos(self, x: float, y: float) -> QPointF:
        """Widget position of display point (x, y) (for tests and tours)."""
        pane = self.pane_rects()[0]
        return self.viewport().image_to_widget(QPointF(x, y)) + pane.topLeft()

    # -- painting -----------------------------------------------------------------------------
    def paint_overlay(self, painter: QPainter) -> None:
        size = self.viewport().image_size()
        target = QRectF(0, 0, size.width(), size.height())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        if self.preview_shown():
            painter.drawImage(target, self._preview)
        r = self._regions
        if r is None:
            return
        if not self.preview_shown():
            painter.drawImage(target, r.tint)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        halo = QPen(HALO, 4.0)
        halo.setCosmetic(True)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        line = QPen(OUTLINE, 2.0)
        line.setCosmetic(True)
        line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        hot = QPen(TAKE_OUT, 2.5)
        hot.setCosmetic(True)
        hot.setStyle(Qt.PenStyle.DashLine)
        for label, poly in r.outlines:
            hovered = label == self._hover
            if self.preview_shown() and not hovered:
                continue
            painter.setPen(halo)
            painter.drawPolygon(poly)
            painter.setPen(hot if hovered else line)
            painter.drawPolygon(poly)

    # -- mouse --------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.space_held():
            self._press = QPointF(event.position())
        else:
            self._press = None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if not self.is_panning():
            p = self.widget_to_image(event.position())
            self._set_hover(self.label_at(p.x(), p.y()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or press is None or not self.has_content():
            return
        moved = event.position() - press
        if math.hypot(moved.x(), moved.y()) < CLICK_SLOP:
            p = self.widget_to_image(event.position())
            size = self.viewport().image_size()
            if 0 <= p.x() < size.width() and 0 <= p.y() < size.height():
                self.clicked.emit(p.x(), p.y())
        self._update_cursor()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # a double click is two clicks for this view (remove, then add back) unless caught here
        self._press = None
        event.accept()

    def leaveEvent(self, event: Any) -> None:
        self._set_hover(0)
        super().leaveEvent(event)

    def _set_hover(self, label: int) -> None:
        if label != self._hover:
            self._hover = label
            self.update()
            self.hoverChanged.emit(label)
        self._update_cursor()

    def _update_cursor(self) -> None:  # extends ZoomPanWidget's: a pointing hand over a region
        if self.is_panning() or self.space_held():
            super()._update_cursor()
        elif self._hover:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.setCursor(Qt.CursorShape.CrossCursor)
