"""The before/after viewer for listing photos (built for 24 MP images).

``CompareView`` has no toolbar of its own; the window puts its own buttons on this API::

    view = CompareView()
    view.set_images(original, result, before_label="Original", after_label="Variation 2")
    view.set_mode(CompareMode.SPLIT)       # or "split", "side_by_side", "difference", "result"
    view.set_split(0.3)                    # divider position, 0 = all result, 1 = all original
    view.fit(); view.actual_size()         # Fit / 100 %
    view.set_showing_original(True)        # for a press-and-hold "Original" button
    view.modeChanged.connect(...); view.splitChanged.connect(...)

Modes:

- **split**: the original on the left of a vertical divider, the result on the right. Drag the
  divider (anywhere near it); Left/Right move it by 1 %, with Shift by 10 %; Home/End.
- **side_by_side**: two panes whose zoom and pan always match (they share one viewport).
- **difference** ("What changed"): the result with a heat map of where it differs from the
  original (``core.diffmap``), computed in a worker thread and delivered by a signal.
- **result**: the result alone (hold Space to flick back to the original).

Everywhere: hold Space (or ``set_showing_original(True)``) to see the original full-frame,
wheel zoom around the cursor, drag to pan, ``0`` fit, ``1`` 100 %, ``+``/``-``. A result whose
size differs from the original's is stretched over the original's geometry.
"""

from __future__ import annotations

import math
from enum import StrEnum

import cv2
import numpy as np
from PySide6.QtCore import QLocale, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QWidget

from desktop_app.core.diffmap import changed_fraction, difference_heatmap
from desktop_app.core.errors import ImageError
from desktop_app.ui.image_arrays import qimage_to_rgb, rgba_to_qimage
from desktop_app.ui.image_layer import ImageLayer
from desktop_app.ui.zoom_pan import ZoomPanWidget

__all__ = ["DIFF_MAX_PIXELS", "CompareMode", "CompareView", "compute_difference"]

# the heat map is computed on a copy at most this large, shrunk by a whole factor (a 24 MP
# pair takes seconds at full size on two cores and the map shows broad areas; 24 MP → 2.7 MP)
DIFF_MAX_PIXELS = 4_000_000


class CompareMode(StrEnum):
    SPLIT = "split"
    SIDE_BY_SIDE = "side_by_side"
    DIFFERENCE = "difference"
    RESULT = "result"


def compute_difference(before: QImage, after: QImage,
                       max_pixels: int = DIFF_MAX_PIXELS) -> tuple[QImage, float]:
    """The heat map of one image pair and the share marked as changed (off the GUI thread)."""
    before_rgb = qimage_to_rgb(before, max_pixels)
    h, w = before_rgb.shape[:2]
    # the result is only needed at the original's working size: shrunk while still in BGRA
    # (at most twice as wide as that, for the area average below) rather than converted whole
    after_rgb = qimage_to_rgb(after, 4 * h * w)
    if after_rgb.shape[:2] != (h, w):
        after_rgb = np.asarray(cv2.resize(after_rgb, (w, h), interpolation=cv2.INTER_AREA),
                               np.uint8)
    heat = difference_heatmap(before_rgb, after_rgb, outline=max(2, round(max(h, w) / 700)))
    return rgba_to_qimage(heat), changed_fraction(heat)


class CompareView(ZoomPanWidget):
    """Before/after viewer: see the module docstring for the modes and controls.

    Signals: ``modeChanged(str)`` (a ``CompareMode`` value), ``splitChanged(float)``,
    ``showingOriginalChanged(bool)``, ``differenceReady()``, ``differenceFailed(str)`` (a
    sentence for the user), plus ``viewChanged()`` from ``ZoomPanWidget``.
    """

    modeChanged = Signal(str)
    splitChanged = Signal(float)
    showingOriginalChanged = Signal(bool)
    differenceReady = Signal()
    differenceFailed = Signal(str)

    # pixels either side of the divider where a press grabs it
    DIVIDER_GRAB = 12.0
    # gap between the two panes of side by side
    PANE_GAP = 4.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._after = ImageLayer()
        self._heat: ImageLayer | None = None
        self._heat_fraction = 0.0
        self._heat_error = ""
        self._diff_running = False
        self._mode = CompareMode.SPLIT
        self._split = 0.5
        self._original_held = False  # by the button / set_showing_original
        self._dragging_divider = False
        self._before_label = ""
        self._after_label = ""
        self.set_left_drag_pans(True)
        self.set_empty_text(self.tr("Open a photo to see it here"))
        self._empty_detail = self.tr("When a result is ready, compare it with the original: "
                                     "drag the divider, scroll to zoom, hold Space to flick back.")
        self.setAccessibleName(self.tr("Before and after comparison"))
        self._update_description()

    # -- images -----------------------------------------------------------------------------
    def set_images(self, before: QImage, after: QImage | None,
                   before_label: str | None = None, after_label: str | None = None) -> None:
        """Show ``before`` (the original) against ``after`` (a result, or None while there is
        none yet). The zoom and pan are kept when ``before`` is the same image as before
        (switching between variations); otherwise the view fits. Raises ImageError for a null
        image."""
        if before is None or before.isNull():
            raise ImageError(self.tr("The original photo could not be shown because it could "
                                     "not be read."))
        if after is not None and after.isNull():
            raise ImageError(self.tr("The result could not be shown because it could not be "
                                     "read."))
        same_before = (not self.layer().is_null()
                       and self.layer().image().cacheKey() == before.cacheKey())
        if not same_before:
            self.set_image(before)
        self._before_label = before_label if before_label is not None else self.tr("Before")
        self._set_after(after, after_label)

    def set_after(self, after: QImage | None, after_label: str | None = None) -> None:
        """Replace only the result (another variation), keeping the view."""
        if self.layer().is_null():
            raise ImageError(self.tr("There is no original photo to compare the result with."))
        if after is not None and after.isNull():
            raise ImageError(self.tr("The result could not be shown because it could not be "
                                     "read."))
        self._set_after(after, after_label)

    def clear(self) -> None:
        """Back to the empty state."""
        self._after = ImageLayer()
        self._invalidate_difference()
        self.set_image(None)
        self._update_description()

    def before_image(self) -> QImage:
        return self.layer().image()

    def after_image(self) -> QImage:
        return self._after.image()

    def has_after(self) -> bool:
        return not self._after.is_null()

    def labels(self) -> tuple[str, str]:
        return self._before_label, self._after_label

    def _set_after(self, after: QImage | None, after_label: str | None) -> None:
        if after is None:
            old = [self._after]
            self._after = ImageLayer()
            self.let_go(old)
        elif self._after.is_null() or self._after.image().cacheKey() != after.cacheKey():
            old = [self._after]
            self._after = self.make_layer(after)
            self.let_go(old)
        self._after_label = after_label if after_label is not None else self.tr("After")
        self._invalidate_difference()
        if self._mode == CompareMode.DIFFERENCE:
            self._request_difference()
        self._update_description()
        self.update()

    # -- modes, split, original -------------------------------------------------------------
    def mode(self) -> CompareMode:
        return self._mode

    def set_mode(self, mode: CompareMode | str) -> None:
        """Switch mode; raises ValueError for an unknown mode name."""
        mode = CompareMode(mode)
        if mode == self._mode:
            return
        was_side = self._mode == CompareMode.SIDE_BY_SIDE
        self._mode = mode
        self._dragging_divider = False
        if was_side or mode == CompareMode.SIDE_BY_SIDE:
            self.relayout()
        if mode == CompareMode.DIFFERENCE:
            self._request_difference()
        self._update_description()
        self.update()
        self.modeChanged.emit(mode.value)

    def split(self) -> float:
        """Divider position as a fraction (0..1) of the photo's width on screen."""
        return self._split

    def set_split(self, fraction: float) -> None:
        if not math.isfinite(fraction):
            return
        fraction = min(1.0, max(0.0, float(fraction)))
        if abs(fraction - self._split) < 1e-9:
            return
        self._split = fraction
        self._update_description()
        self.update()
        self.splitChanged.emit(fraction)

    def showing_original(self) -> bool:
        """True while Space or the hold button shows the original full-frame."""
        return self._original_held or self.space_held()

    def set_showing_original(self, on: bool) -> None:
        """For a press-and-hold button: True on press, False on release."""
        was = self.showing_original()
        self._original_held = bool(on)
        self._original_changed(was)

    def space_changed(self, down: bool) -> None:
        # space_held() already says ``down``; before the change it said the opposite
        self._original_changed(self._original_held or not down)

    def _original_changed(self, was: bool) -> None:
        now = self.showing_original()
        if now != was:
            self._dragging_divider = False
            self.update()
            self.showingOriginalChanged.emit(now)

    # -- what changed -----------------------------------------------------------------------
    def difference_image(self) -> QImage | None:
        """The heat map (RGBA, possibly smaller than the photo) once computed, else None."""
        return None if self._heat is None else self._heat.image()

    def changed_fraction(self) -> float | None:
        """Share of the photo marked as changed, once the heat map is in."""
        return None if self._heat is None else self._heat_fraction

    def difference_pending(self) -> bool:
        return self._diff_running

    def _invalidate_difference(self) -> None:
        self.tasks().drop("difference")  # the answer of a job still running is not wanted
        if self._heat is not None:
            old = [self._heat]
            self._heat = None
            self.let_go(old)
        self._heat_error = ""
        self._diff_running = False

    def _request_difference(self) -> None:
        if self._heat is not None or self._diff_running or self._heat_error:
            return
        if self.layer().is_null() or self._after.is_null():
            return
        self._diff_running = True
        self.tasks().submit_latest("difference", compute_difference, self.layer().image(),
                                   self._after.image(), on_done=self._on_difference_done,
                                   on_error=self._on_difference_failed)
        self.update()

    def _on_difference_done(self, answer: tuple[QImage, float]) -> None:
        image, fraction = answer
        self._diff_running = False
        layer = ImageLayer(image)
        layer.set_levels([image])
        self._heat = layer
        self._heat_fraction = fraction
        self._update_description()
        self.update()
        self.differenceReady.emit()

    def _on_difference_failed(self, error: BaseException) -> None:
        self._diff_running = False  # an unexpected error is logged with its traceback
        if isinstance(error, MemoryError):
            self._heat_error = self.tr("There is not enough memory to show what changed.")
        else:
            self._heat_error = self.tr("What changed could not be worked out for this photo.")
        self.update()
        self.differenceFailed.emit(self._heat_error)

    # -- geometry ---------------------------------------------------------------------------
    def pane_rects(self) -> list[QRectF]:
        full = QRectF(self.rect())
        if self._mode != CompareMode.SIDE_BY_SIDE:
            return [full]
        w = max(1.0, (full.width() - self.PANE_GAP) / 2.0)
        return [QRectF(0.0, 0.0, w, full.height()),
                QRectF(full.width() - w, 0.0, w, full.height())]

    def _image_span(self) -> tuple[float, float]:
        """Left and right of the photo on screen, within the view (single pane)."""
        shown = self.viewport().image_rect()
        width = self.viewport().widget_size().width()
        return max(0.0, shown.left()), min(width, shown.right())

    def divider_x(self) -> float:
        """The divider's x position in widget coordinates (split mode), on a device pixel."""
        left, right = self._image_span()
        x = left + self._split * (right - left)
        dpr = max(1.0, self.devicePixelRatioF())
        return round(x * dpr) / dpr

    def _split_at(self, x: float) -> float:
        left, right = self._image_span()
        if right - left < 1e-6:
            return self._split
        return (x - left) / (right - left)

    def _near_divider(self, pos: QPointF) -> bool:
        return (self._mode == CompareMode.SPLIT and self.has_after()
                and not self.showing_original() and not self.viewport().is_empty()
                and abs(pos.x() - self.divider_x()) <= self.DIVIDER_GRAB)

    # -- painting ---------------------------------------------------------------------------
    def paint_empty(self, painter: QPainter) -> None:
        """A drawn photo icon, a title and one line of help, centred."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        area = QRectF(self.rect())
        centre = area.center()
        icon = QRectF(0.0, 0.0, 72.0, 54.0)
        icon.moveCenter(centre - QPointF(0.0, 58.0))
        painter.setPen(QPen(QColor(150, 150, 158), 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(icon, 7.0, 7.0)
        painter.drawEllipse(QPointF(icon.right() - 18.0, icon.top() + 16.0), 6.0, 6.0)
        hills = QPainterPath(QPointF(icon.left() + 8.0, icon.bottom() - 9.0))
        hills.lineTo(icon.left() + 28.0, icon.top() + 24.0)
        hills.lineTo(icon.left() + 42.0, icon.bottom() - 20.0)
        hills.lineTo(icon.left() + 51.0, icon.top() + 32.0)
        hills.lineTo(icon.right() - 8.0, icon.bottom() - 9.0)
        painter.drawPath(hills)
        title_font = QFont(painter.font())
        title_font.setPointSizeF(max(10.0, title_font.pointSizeF()) * 1.35)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(QColor(225, 225, 230))
        wrap = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop) | int(
            Qt.TextFlag.TextWordWrap)
        width = max(40.0, area.width() - 48.0)
        title = QFontMetricsF(title_font).boundingRect(
            QRectF(area.left() + 24.0, centre.y() - 14.0, width, 1000.0), wrap, self.empty_text())
        title.setLeft(area.left() + 24.0)
        title.setWidth(width)
        painter.drawText(title, wrap, self.empty_text())
        detail_font = QFont(painter.font())
        detail_font.setPointSizeF(title_font.pointSizeF() / 1.35)
        detail_font.setWeight(QFont.Weight.Normal)
        painter.setFont(detail_font)
        painter.setPen(QColor(165, 165, 172))
        detail = QRectF(area.left() + 24.0, title.bottom() + 8.0, width,
                        max(0.0, area.bottom() - title.bottom() - 8.0))
        painter.drawText(detail, wrap, self._empty_detail)

    def paint_pane(self, painter: QPainter, index: int, pane: QRectF) -> None:
        before = self.layer()
        after = self._after
        if self.showing_original() or after.is_null():
            self.draw_layer(painter, before)
            return
        if self._mode == CompareMode.SPLIT:
            x = self.divider_x()
            h = pane.height()
            self.draw_layer(painter, before, region=QRectF(0.0, 0.0, x, h))
            self.draw_layer(painter, after, region=QRectF(x, 0.0, pane.width() - x, h))
        elif self._mode == CompareMode.SIDE_BY_SIDE:
            self.draw_layer(painter, before if index == 0 else after)
        elif self._mode == CompareMode.DIFFERENCE:
            self.draw_layer(painter, after)
            if self._heat is not None:
                shown = self.viewport().image_rect().intersected(QRectF(QPointF(0, 0),
                                                                        pane.size()))
                painter.fillRect(shown, QColor(0, 0, 0, 90))  # mute the photo, not the heat
                self.draw_layer(painter, self._heat, smooth=True)
        else:
            self.draw_layer(painter, after)

    def paint_foreground(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        font = QFont(painter.font())
        font.setPointSizeF(max(9.0, font.pointSizeF()))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        panes = self.pane_rects()
        if self.showing_original() or not self.has_after():
            self._chip(painter, panes[0], self._before_label, Qt.AlignmentFlag.AlignLeft)
            if self.has_after():
                self._status(painter, self.tr("Showing the original — release to go back"))
            return
        if self._mode == CompareMode.SPLIT:
            self._paint_divider(painter, panes[0])
        elif self._mode == CompareMode.SIDE_BY_SIDE:
            self._chip(painter, panes[0], self._before_label, Qt.AlignmentFlag.AlignLeft)
            self._chip(painter, panes[1], self._after_label, Qt.AlignmentFlag.AlignLeft)
        elif self._mode == CompareMode.DIFFERENCE:
            self._chip(painter, panes[0], self._after_label, Qt.AlignmentFlag.AlignLeft)
            self._status(painter, self._difference_status())
        else:
            self._chip(painter, panes[0], self._after_label, Qt.AlignmentFlag.AlignLeft)

    def _difference_status(self) -> str:
        if self._heat_error:
            return self._heat_error
        if self._heat is None:
            return self.tr("Finding what changed…")
        percent = self._heat_fraction * 100.0
        if percent <= 0.0:
            return self.tr("Nothing changed beyond photo noise")
        if percent < 1.0:
            return self.tr("Less than 1 % of the photo changed (yellow: a little, red: a lot)")
        return self.tr("About {0} % of the photo changed (yellow: a little, red: a lot)").format(
            QLocale().toString(round(percent)))

    def _chip_rect(self, painter: QPainter, text: str) -> QRectF:
        metrics = QFontMetricsF(painter.font())
        return QRectF(0.0, 0.0, metrics.horizontalAdvance(text) + 20.0, metrics.height() + 10.0)

    def _chip(self, painter: QPainter, area: QRectF, text: str, side: Qt.AlignmentFlag,
              limit: tuple[float, float] | None = None) -> None:
        """A label on a dark rounded background in a top corner of ``area`` (the photo's
        visible part of it); skipped when it would not fit between ``limit`` (x range)."""
        if not text:
            return
        shown = self._shown_in(area)
        rect = self._chip_rect(painter, text)
        margin = 10.0
        if side == Qt.AlignmentFlag.AlignLeft:
            rect.moveTopLeft(QPointF(shown.left() + margin, shown.top() + margin))
        else:
            rect.moveTopRight(QPointF(shown.right() - margin, shown.top() + margin))
        if limit is not None and (rect.left() < limit[0] or rect.right() > limit[1]):
            return
        if rect.width() > shown.width() - 2 * margin:
            return
        self._draw_chip(painter, rect, text)

    def _draw_chip(self, painter: QPainter, rect: QRectF, text: str) -> None:
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 150))
        painter.drawRoundedRect(rect, rect.height() / 2.0, rect.height() / 2.0)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()

    def _status(self, painter: QPainter, text: str) -> None:
        """A chip centred at the bottom of the photo."""
        shown = self._shown_in(self.pane_rects()[0])
        metrics = QFontMetricsF(painter.font())
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                  max(40.0, shown.width() - 40.0))
        rect = self._chip_rect(painter, text)
        rect.moveCenter(QPointF(shown.center().x(), shown.bottom() - 12.0 - rect.height() / 2))
        self._draw_chip(painter, rect, text)

    def _shown_in(self, pane: QRectF) -> QRectF:
        """The part of ``pane`` (widget coordinates) covered by the photo."""
        shown = self.viewport().image_rect().translated(pane.topLeft())
        return shown.intersected(pane)

    def _paint_divider(self, painter: QPainter, pane: QRectF) -> None:
        shown = self._shown_in(pane)
        x = self.divider_x()
        # labels first, each hidden when the divider would cut through it
        self._chip(painter, pane, self._before_label, Qt.AlignmentFlag.AlignLeft,
                   limit=(-math.inf, x - 6.0))
        self._chip(painter, pane, self._after_label, Qt.AlignmentFlag.AlignRight,
                   limit=(x + 6.0, math.inf))
        painter.save()
        painter.setPen(QPen(QColor(0, 0, 0, 110), 4.0))
        painter.drawLine(QPointF(x, shown.top()), QPointF(x, shown.bottom()))
        painter.setPen(QPen(QColor(255, 255, 255), 2.0))
        painter.drawLine(QPointF(x, shown.top()), QPointF(x, shown.bottom()))
        # the round handle with two arrows
        centre = QPointF(x, shown.center().y())
        radius = 16.0
        painter.setPen(QPen(QColor(0, 0, 0, 90), 1.0))
        painter.setBrush(QColor(255, 255, 255))
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(40, 40, 45))
        for direction in (-1.0, 1.0):
            tip = centre + QPointF(direction * 11.0, 0.0)
            base_x = centre.x() + direction * 4.0
            path = QPainterPath()
            path.addPolygon(QPolygonF([tip, QPointF(base_x, centre.y() - 5.5),
                                       QPointF(base_x, centre.y() + 5.5)]))
            painter.drawPath(path)
        painter.restore()

    # -- interaction ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if (event.button() == Qt.MouseButton.LeftButton and not self.space_held()
                and self._near_divider(event.position())):
            self._dragging_divider = True
            self.setCursor(Qt.CursorShape.SplitHCursor)
            self.set_split(self._split_at(event.position().x()))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging_divider:
            self.set_split(self._split_at(event.position().x()))
            event.accept()
            return
        if not self.is_panning() and not self.space_held():
            if self._near_divider(event.position()):
                self.setCursor(Qt.CursorShape.SplitHCursor)
            else:
                self.unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging_divider and event.button() == Qt.MouseButton.LeftButton:
            self._dragging_divider = False
            self.set_split(self._split_at(event.position().x()))
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._near_divider(event.position()):
            event.accept()  # a quick double grab of the divider is not a zoom request
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if (self._mode == CompareMode.SPLIT and self.has_after()
                and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home,
                            Qt.Key.Key_End)):
            step = 0.1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 0.01
            if key == Qt.Key.Key_Left:
                self.set_split(self._split - step)
            elif key == Qt.Key.Key_Right:
                self.set_split(self._split + step)
            elif key == Qt.Key.Key_Home:
                self.set_split(0.0)
            else:
                self.set_split(1.0)
            event.accept()
            return
        super().keyPressEvent(event)

    # -- accessibility ----------------------------------------------------------------------
    def _update_description(self) -> None:
        if self.layer().is_null():
            text = self.tr("No photo open.")
            tip = ""
        elif not self.has_after():
            text = self.tr("The original photo; no result yet.")
            tip = self.tr("Scroll to zoom, drag to move around, press 0 to fit or 1 for 100 %.")
        elif self._mode == CompareMode.SPLIT:
            text = self.tr("Split view: original on the left, result on the right, divider at "
                           "{0} %.").format(round(self._split * 100))
            tip = self.tr("Drag the divider or use the Left and Right keys to compare. "
                          "Scroll to zoom, drag to move around, hold Space to see the original.")
        elif self._mode == CompareMode.SIDE_BY_SIDE:
            text = self.tr("Side by side: original on the left, result on the right.")
            tip = self.tr("Both sides zoom and move together. Hold Space to see the original "
                          "on both sides.")
        elif self._mode == CompareMode.DIFFERENCE:
            text = self.tr("What changed: the result with changed areas marked in yellow "
                           "and red.")
            tip = self.tr("Yellow marks small changes, red large ones. Check walls, outlets "
                          "and fixtures for changes you did not ask for.")
        else:
            text = self.tr("The result.")
            tip = self.tr("Hold Space to see the original.")
        self.setAccessibleDescription(text)
        self.setToolTip(tip)

    def pane_size(self) -> QSizeF:
        """Size of one pane (both panes have the same size in side by side)."""
        return self.pane_rects()[0].size()
