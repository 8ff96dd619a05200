"""``ZoomPanWidget``: a widget that shows one large photo with zoom and pan (the compare viewer,
the mask editor and the sky review build on it).

It sits on a :class:`~desktop_app.ui.viewport.Viewport` (the geometry): wheel zoom around the
cursor, middle-drag and Space+left drag to pan, ``+``/``-``/``0`` (fit)/``1`` (100 %) keys,
double-click to toggle fit/100 %, and a ``viewChanged`` signal. It paints its image through
``draw_layer()``, which only draws the visible part of the photo and picks a pre-shrunk copy of
its :class:`~desktop_app.ui.image_layer.ImageLayer` (built off the GUI thread) when zoomed out,
so a 24 MP photo paints in a few milliseconds at any zoom.

Subclasses customise painting with these hooks (all called on the GUI thread):

- ``paint_overlay(painter)``: painter already maps image coordinates (use cosmetic pens, or
  divide widths by ``viewport().scale()``); default does nothing.
- ``paint_pane(painter, index, pane)``: everything inside one view area; default draws the image
  then calls ``paint_overlay``.
- ``paint_foreground(painter)``: widget coordinates, drawn last (labels, handles).
- ``paint_empty(painter)``: shown when there is no image; default draws ``empty_text()``.
- ``pane_rects()``: the view areas; default is the whole widget. Several panes share one
  viewport, so their zoom and pan are always in step.
"""

from __future__ import annotations

import math
import weakref
from functools import partial

from PySide6.QtCore import QEvent, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui.image_layer import ImageLayer, pyramid_or_none
from desktop_app.ui.viewport import Viewport, ViewState

__all__ = ["ZoomPanWidget"]


# -- the widget ----------------------------------------------------------------------------
class ZoomPanWidget(QWidget):
    """A widget showing one large image with zoom and pan (see the module docstring).

    Public API: ``set_image(image, keep_view=False)``, ``image()``, ``viewport()``, ``fit()``,
    ``actual_size()``, ``zoom_in()``, ``zoom_out()``, ``view_state()``, ``set_view_state()``,
    ``wait_for_workers()``, signals ``viewChanged()`` and ``pyramidReady()``.
    """

    viewChanged = Signal()
    pyramidReady = Signal()

    # zoom factor of one wheel notch and of the +/- keys
    ZOOM_STEP = 2.0 ** 0.25

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._viewport = Viewport()
        self._layer = ImageLayer()
        self._tasks = TaskRunner(2, self)
        self._space_down = False
        self._pan_button: Qt.MouseButton | None = None
        self._last_pos = QPointF()
        self._left_drag_pans = False
        self._empty_text = ""
        self._background = QColor(38, 38, 40)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(64, 48)

    # -- public API -------------------------------------------------------------------------
    def viewport(self) -> Viewport:
        """The geometry; change it through the widget's methods so ``viewChanged`` fires."""
        return self._viewport

    def image(self) -> QImage:
        return self._layer.image()

    def layer(self) -> ImageLayer:
        return self._layer

    def set_image(self, image: QImage | None, keep_view: bool = False) -> None:
        """Show ``image`` (None or a null image clears the view). The view fits unless
        ``keep_view`` is True and the new image has the same size as the old one."""
        old = [self._layer]
        if image is None or image.isNull():
            self._layer = ImageLayer()
            self._change(lambda: self._viewport.set_image_size(QSizeF(), False))
        else:
            self._layer = self.make_layer(image)
            size = QSizeF(image.size())
            self._change(lambda: self._viewport.set_image_size(size, keep_view))
        self.let_go(old)
        self.update()

    def make_layer(self, image: QImage) -> ImageLayer:
        """Wrap ``image`` in a layer and start building its pyramid in the background."""
        layer = ImageLayer(image)
        # by weak reference: a layer replaced meanwhile is freed where ``let_go`` sent it
        self._tasks.submit(pyramid_or_none, image,
                           on_done=partial(self._on_pyramid_done, weakref.ref(layer)))
        return layer

    def let_go(self, held: list[ImageLayer]) -> None:
        """Free the layers in ``held`` on a worker: giving back a 24 MP picture's memory takes
        the GUI thread several milliseconds. The caller keeps no other reference to them."""
        if any(not layer.is_null() for layer in held):
            self._tasks.submit(held.clear)
        else:
            held.clear()

    def fit(self) -> None:
        self._change(self._viewport.fit)

    def actual_size(self, anchor: QPointF | None = None) -> None:
        """100 % around ``anchor`` (view coordinates; the centre when None)."""
        self._change(lambda: self._viewport.actual_size(anchor))

    def zoom_in(self, anchor: QPointF | None = None) -> None:
        self._change(lambda: self._viewport.zoom_by(self.ZOOM_STEP, anchor))

    def zoom_out(self, anchor: QPointF | None = None) -> None:
        self._change(lambda: self._viewport.zoom_by(1.0 / self.ZOOM_STEP, anchor))

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self._change(lambda: self._viewport.zoom_by(factor, anchor))

    def pan_by(self, delta: QPointF) -> None:
        self._change(lambda: self._viewport.pan_by(delta))

    def view_state(self) -> ViewState:
        return self._viewport.state()

    def set_view_state(self, state: ViewState) -> None:
        self._change(lambda: self._viewport.set_state(state))

    def set_left_drag_pans(self, enabled: bool) -> None:
        """When True a plain left drag pans too (viewers); editors keep it for drawing."""
        self._left_drag_pans = enabled

    def set_empty_text(self, text: str) -> None:
        """The hint painted when there is no image."""
        self._empty_text = text
        self.update()

    def empty_text(self) -> str:
        return self._empty_text

    def is_panning(self) -> bool:
        return self._pan_button is not None

    def space_held(self) -> bool:
        return self._space_down

    def wait_for_workers(self, msecs: int = 30000) -> bool:
        """Block until background work (pyramids, subclasses' jobs) is done; for shutdown and
        tests. Returns False on timeout."""
        return self._tasks.wait(msecs)

    def tasks(self) -> TaskRunner:
        """The widget's own background runner, for subclasses' jobs."""
        return self._tasks

    # -- geometry hooks ---------------------------------------------------------------------
    def pane_rects(self) -> list[QRectF]:
        """The view areas in widget coordinates, all of the same size (default: the widget)."""
        return [QRectF(self.rect())]

    def pane_at(self, pos: QPointF) -> int:
        """Index of the pane containing ``pos``, or of the nearest one."""
        panes = self.pane_rects()
        for i, pane in enumerate(panes):
            if pane.contains(pos):
                return i
        best, best_d = 0, math.inf
        for i, pane in enumerate(panes):
            d = abs(pane.center().x() - pos.x()) + abs(pane.center().y() - pos.y())
            if d < best_d:
                best, best_d = i, d
        return best

    def to_view(self, pos: QPointF) -> QPointF:
        """Widget position → position inside its pane (the viewport's coordinates)."""
        pane = self.pane_rects()[self.pane_at(pos)]
        return QPointF(pos) - pane.topLeft()

    def widget_to_image(self, pos: QPointF) -> QPointF:
        """Widget position (e.g. a mouse event) → image coordinates."""
        return self._viewport.widget_to_image(self.to_view(pos))

    def relayout(self) -> None:
        """Call when ``pane_rects()`` changes for a reason other than a resize."""
        panes = self.pane_rects()
        size = panes[0].size() if panes else QSizeF()
        self._change(lambda: self._viewport.set_widget_size(size))
        self.update()

    # -- painting hooks ---------------------------------------------------------------------
    def paint_pane(self, painter: QPainter, index: int, pane: QRectF) -> None:
        """Paint one pane; painter origin is the pane's top-left and it is clipped to it."""
        self.draw_layer(painter, self._layer)
        painter.save()
        painter.setTransform(self._viewport.transform(), True)
        self.paint_overlay(painter)
        painter.restore()

    def paint_overlay(self, painter: QPainter) -> None:
        """Draw over the image in image coordinates (no-op here)."""

    def paint_foreground(self, painter: QPainter) -> None:
        """Draw in widget coordinates over everything (no-op here)."""

    def paint_empty(self, painter: QPainter) -> None:
        """Paint the no-image state: ``empty_text()`` centred."""
        if not self._empty_text:
            return
        painter.setPen(QColor(200, 200, 205))
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        painter.setFont(font)
        painter.drawText(QRectF(self.rect()).adjusted(24, 24, -24, -24),
                         int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                         self._empty_text)

    def has_content(self) -> bool:
        """True when there is something to show (subclasses with their own layers override)."""
        return not self._layer.is_null()

    def draw_layer(self, painter: QPainter, layer: ImageLayer, opacity: float = 1.0,
                   region: QRectF | None = None, smooth: bool | None = None) -> None:
        """Draw the visible part of ``layer`` into the current pane (painter at pane origin).

        Only the on-screen source rectangle is drawn (further limited to ``region``, in pane
        coordinates, when given), from the smallest pyramid level that still has a pixel per
        device pixel. Filtering is smooth when shrinking and exact otherwise, unless ``smooth``
        forces it (e.g. for a low-resolution overlay).
        """
        vp = self._viewport
        if layer.is_null() or vp.is_empty():
            return
        visible = vp.visible_image_rect()
        if region is not None:
            visible = visible.intersected(vp.widget_rect_to_image(region))
        if visible.isEmpty():
            return
        img_w, img_h = vp.image_size().width(), vp.image_size().height()
        device = painter.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        full = layer.size()
        fx = full.width() / img_w  # layer pixels per image pixel
        level = layer.pick(vp.scale() * dpr / fx)
        lx = level.width() / img_w  # level pixels per image pixel
        ly = level.height() / img_h
        left = max(0, math.floor(visible.left() * lx))
        top = max(0, math.floor(visible.top() * ly))
        right = min(level.width(), math.ceil(visible.right() * lx))
        bottom = min(level.height(), math.ceil(visible.bottom() * ly))
        if right <= left or bottom <= top:
            return
        source = QRectF(left, top, right - left, bottom - top)
        target = vp.image_rect_to_widget(QRectF(left / lx, top / ly, (right - left) / lx,
                                                (bottom - top) / ly))
        if smooth is None:
            # shrinking: smooth, except by more than 2x (only before the pyramid is in), where
            # Qt's filtering of a huge source would stall the GUI; a moment of aliasing is better
            device_per_level_px = vp.scale() * dpr / lx
            smooth = 0.5 <= device_per_level_px < 1.0 - 1e-6
        painter.save()
        if region is not None:
            painter.setClipRect(region, Qt.ClipOperation.IntersectClip)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        if opacity < 1.0:
            painter.setOpacity(opacity)
        painter.drawImage(target, level, source)
        painter.restore()

    # -- Qt events --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._background)
        if not self.has_content():
            self.paint_empty(painter)
            painter.end()
            return
        for index, pane in enumerate(self.pane_rects()):
            painter.save()
            painter.setClipRect(pane)
            painter.translate(pane.topLeft())
            self.paint_pane(painter, index, pane)
            painter.restore()
        self.paint_foreground(painter)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._sync_dpr()
        self.relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._sync_dpr()
            self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sync_dpr()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.has_content():
            event.ignore()
            return
        steps = event.angleDelta().y() / 120.0
        if steps == 0:
            event.ignore()
            return
        self.zoom_by(self.ZOOM_STEP ** steps, self.to_view(event.position()))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button = event.button()
        pans = button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and (self._space_down or self._left_drag_pans))
        if pans and self.has_content():
            self._pan_button = button
            self._last_pos = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_button is not None:
            delta = event.position() - self._last_pos
            self._last_pos = event.position()
            self.pan_by(delta)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_button is not None and event.button() == self._pan_button:
            self._pan_button = None
            self._update_cursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.has_content():
            if abs(self._viewport.zoom() - 1.0) < 1e-3:
                self.fit()
            else:
                self.actual_size(self.to_view(event.position()))
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space:
            if not event.isAutoRepeat() and not self._space_down:
                self._space_down = True
                self.space_changed(True)
                self._update_cursor()
            event.accept()
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in(self._cursor_anchor())
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out(self._cursor_anchor())
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key == Qt.Key.Key_1:
            self.actual_size(self._cursor_anchor())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            if not event.isAutoRepeat() and self._space_down:
                self._space_down = False
                self.space_changed(False)
                self._update_cursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # a Space released while another window had focus never arrives: do not stay stuck
        if self._space_down:
            self._space_down = False
            self.space_changed(False)
            self._update_cursor()
        super().focusOutEvent(event)

    def space_changed(self, down: bool) -> None:
        """Hook: Space went down or up (no auto-repeat)."""

    # -- internals --------------------------------------------------------------------------
    def _cursor_anchor(self) -> QPointF | None:
        pos = self.mapFromGlobal(QCursor.pos())
        if self.rect().contains(pos):
            return self.to_view(QPointF(pos))
        return None

    def _update_cursor(self) -> None:
        if self._pan_button is not None:
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif self._space_down:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.unsetCursor()

    def _sync_dpr(self) -> None:
        ratio = self.devicePixelRatioF()
        self._change(lambda: self._viewport.set_device_pixel_ratio(ratio))

    def _change(self, action: object) -> None:
        before = (self._viewport.scale(), self._viewport.offset(), self._viewport.image_size(),
                  self._viewport.widget_size())
        action()  # type: ignore[operator]
        after = (self._viewport.scale(), self._viewport.offset(), self._viewport.image_size(),
                 self._viewport.widget_size())
        if before != after:
            self.update()
            self.viewChanged.emit()

    def _on_pyramid_done(self, ref: weakref.ref[ImageLayer], levels: list[QImage]) -> None:
        layer = ref()
        if layer is None:  # replaced since: its smaller copies go the same way
            self._tasks.submit(levels.clear)
            return
        layer.set_levels([lv for lv in levels if isinstance(lv, QImage) and not lv.isNull()])
        self.update()
        self.pyramidReady.emit()
