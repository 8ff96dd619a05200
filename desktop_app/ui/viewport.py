"""Zoom and pan for widgets that show one large photo (the compare viewer, the mask editor).

Two pieces:

``Viewport``
    Pure geometry on QtCore value types, no widget. It knows the image size, the size of the area
    that shows it (logical pixels), the device pixel ratio, the scale and the offset, and maps
    points and rectangles between *image* coordinates (pixels of the photo) and *widget*
    coordinates (logical pixels of the view area)::

        widget = offset + image * scale

    ``scale`` is in logical pixels per image pixel; ``zoom()`` is in *device* pixels per image
    pixel, so ``zoom() == 1`` means 100 % (one photo pixel on one screen pixel, also on HiDPI
    screens). Every change is clamped: the zoom stays between ``min_scale()`` and ``max_scale()``,
    an image smaller than the view is centred on that axis, and a larger one cannot be dragged so
    far that empty space shows beside it. Offsets are snapped to whole device pixels so that 100 %
    is pixel-exact.

``ZoomPanWidget``
    A QWidget on top of a ``Viewport``: wheel zoom around the cursor, middle-drag and Space+left
    drag to pan, ``+``/``-``/``0`` (fit)/``1`` (100 %) keys, double-click to toggle fit/100 %, and
    a ``viewChanged`` signal. It paints its image through ``draw_layer()``, which only draws the
    visible part of the photo and picks a pre-shrunk copy (½, ¼, …, built off the GUI thread) when
    zoomed out, so a 24 MP photo paints in a few milliseconds at any zoom. (The pyramid is made
    with OpenCV rather than QImage.scaled: PySide keeps the interpreter lock during Qt's image
    calls, which would stall the GUI thread for as long as the worker scales.)

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
from dataclasses import dataclass
from functools import partial

import cv2
from PySide6.QtCore import (
    QEvent,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
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
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui.image_arrays import image_array, to_paint_format

__all__ = [
    "ImageLayer",
    "ViewState",
    "Viewport",
    "ZoomPanWidget",
    "build_pyramid",
]

_EPS = 1e-9


@dataclass(frozen=True)
class ViewState:
    """A view that can be restored later or copied to another viewport.

    ``center`` is the image point shown in the middle of the view, ``zoom`` is in device pixels
    per image pixel (1.0 = 100 %), ``fitted`` is True when the view follows the widget size.
    """

    center: QPointF
    zoom: float
    fitted: bool


class Viewport:
    """Zoom and pan geometry for one image shown in one (logical-pixel) view area.

    All mutators clamp the result and return True when the view changed.
    """

    def __init__(self, image_size: QSizeF | QSize | None = None,
                 widget_size: QSizeF | QSize | None = None,
                 device_pixel_ratio: float = 1.0, *, max_zoom: float = 32.0,
                 min_fit_fraction: float = 0.5) -> None:
        """``max_zoom`` is in device pixels per image pixel (32 = 3200 %); the smallest scale is
        ``min_fit_fraction`` times the fit scale (or 100 %, if that is smaller)."""
        self._image = QSizeF(image_size) if image_size is not None else QSizeF()
        self._widget = QSizeF(widget_size) if widget_size is not None else QSizeF()
        self._dpr = max(float(device_pixel_ratio), _EPS)
        self._max_zoom = float(max_zoom)
        self._min_fit_fraction = float(min_fit_fraction)
        self._scale = 1.0
        self._offset = QPointF(0.0, 0.0)  # shown (device-pixel snapped)
        self._exact = QPointF(0.0, 0.0)  # before snapping
        self._fitted = True
        self.fit()

    # -- properties -------------------------------------------------------------------------
    def image_size(self) -> QSizeF:
        return QSizeF(self._image)

    def widget_size(self) -> QSizeF:
        return QSizeF(self._widget)

    def device_pixel_ratio(self) -> float:
        return self._dpr

    def scale(self) -> float:
        """Logical widget pixels per image pixel."""
        return self._scale

    def zoom(self) -> float:
        """Device pixels per image pixel: 1.0 is 100 % (actual pixels)."""
        return self._scale * self._dpr

    def offset(self) -> QPointF:
        """Widget position of the image's top-left corner."""
        return QPointF(self._offset)

    def is_fitted(self) -> bool:
        """True after ``fit()`` until the user zooms or pans; a fitted view refits on resize."""
        return self._fitted

    def is_empty(self) -> bool:
        """True when there is no image or no area to show it in."""
        return (self._image.width() <= 0 or self._image.height() <= 0
                or self._widget.width() <= 0 or self._widget.height() <= 0)

    def fit_scale(self) -> float:
        """The scale at which the whole image fits the view (1.0 when empty)."""
        if self.is_empty():
            return 1.0
        return min(self._widget.width() / self._image.width(),
                   self._widget.height() / self._image.height())

    def actual_scale(self) -> float:
        """The scale of 100 %: one image pixel per device pixel."""
        return 1.0 / self._dpr

    def min_scale(self) -> float:
        return min(self.fit_scale(), self.actual_scale()) * self._min_fit_fraction

    def max_scale(self) -> float:
        return max(self._max_zoom / self._dpr, self.fit_scale())

    # -- size changes -----------------------------------------------------------------------
    def set_image_size(self, size: QSizeF | QSize, keep_view: bool = False) -> bool:
        """Show an image of ``size``; refits unless ``keep_view`` and the size is unchanged."""
        size = QSizeF(size)
        same = _same_size(size, self._image)
        self._image = size
        if keep_view and same:
            return False
        before = self._snapshot()
        self.fit()
        return before != self._snapshot() or not same

    def set_widget_size(self, size: QSizeF | QSize) -> bool:
        """The view area was resized: a fitted view refits, otherwise the centre stays put."""
        size = QSizeF(size)
        if _same_size(size, self._widget):
            return False
        before = self._snapshot()
        if self._fitted or self._widget.isEmpty():
            self._widget = size
            self.fit()
        else:
            center = self._exact_to_image(_center(self._widget))
            self._widget = size
            self._set_scale_raw(self._scale)
            self._exact = _center(self._widget) - center * self._scale
            self._clamp()
        return before != self._snapshot()

    def set_device_pixel_ratio(self, ratio: float) -> bool:
        """The view moved to a screen with another pixel density: keeps the zoom percentage."""
        ratio = max(float(ratio), _EPS)
        if abs(ratio - self._dpr) < _EPS:
            return False
        before = self._snapshot()
        zoom = self.zoom()
        self._dpr = ratio
        if self._fitted:
            self.fit()
        else:
            self.set_zoom(zoom)
        return before != self._snapshot()

    # -- zoom and pan -----------------------------------------------------------------------
    def fit(self) -> bool:
        """Show the whole image, centred, as large as the view allows."""
        before = self._snapshot()
        self._scale = self.fit_scale()
        self._exact = QPointF(0.0, 0.0)
        self._clamp()
        self._fitted = True
        return before != self._snapshot()

    def set_scale(self, scale: float, anchor: QPointF | None = None) -> bool:
        """Zoom to ``scale`` keeping the image point under ``anchor`` (widget coordinates; the
        view centre when None) where it is, as far as clamping allows."""
        if self.is_empty():
            return False
        before = self._snapshot()
        if anchor is None:
            anchor = _center(self._widget)
        anchor = QPointF(anchor)
        pinned = self._exact_to_image(anchor)
        self._set_scale_raw(scale)
        self._exact = anchor - pinned * self._scale
        self._clamp()
        self._fitted = False
        return before != self._snapshot()

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> bool:
        """Like ``set_scale`` with device pixels per image pixel (1.0 = 100 %)."""
        return self.set_scale(zoom / self._dpr, anchor)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> bool:
        """Multiply the scale by ``factor`` around ``anchor``."""
        return self.set_scale(self._scale * factor, anchor)

    def actual_size(self, anchor: QPointF | None = None) -> bool:
        """100 %: one image pixel on one device pixel (sharp on HiDPI screens)."""
        return self.set_scale(self.actual_scale(), anchor)

    def pan_by(self, delta: QPointF) -> bool:
        """Move the image by ``delta`` widget pixels (clamped)."""
        if self.is_empty():
            return False
        before = self._snapshot()
        self._exact = self._exact + QPointF(delta)
        self._clamp()
        changed = before != self._snapshot()
        if changed:
            self._fitted = False
        return changed

    def center_on(self, image_point: QPointF) -> bool:
        """Put ``image_point`` in the middle of the view (clamped)."""
        if self.is_empty():
            return False
        before = self._snapshot()
        self._exact = _center(self._widget) - QPointF(image_point) * self._scale
        self._clamp()
        self._fitted = False
        return before != self._snapshot()

    def state(self) -> ViewState:
        return ViewState(self._exact_to_image(_center(self._widget)), self.zoom(), self._fitted)

    def set_state(self, state: ViewState) -> bool:
        """Restore a ``state()`` (possibly from another viewport of the same image)."""
        if state.fitted:
            return self.fit()
        before = self._snapshot()
        self._set_scale_raw(state.zoom / self._dpr)
        self._fitted = False
        self.center_on(state.center)
        return before != self._snapshot()

    # -- mapping ----------------------------------------------------------------------------
    def widget_to_image(self, point: QPointF) -> QPointF:
        return (QPointF(point) - self._offset) / self._scale

    def image_to_widget(self, point: QPointF) -> QPointF:
        return QPointF(point) * self._scale + self._offset

    def widget_rect_to_image(self, rect: QRectF) -> QRectF:
        return QRectF(self.widget_to_image(rect.topLeft()),
                      self.widget_to_image(rect.bottomRight()))

    def image_rect_to_widget(self, rect: QRectF) -> QRectF:
        return QRectF(self.image_to_widget(rect.topLeft()),
                      self.image_to_widget(rect.bottomRight()))

    def image_rect(self) -> QRectF:
        """Where the whole image lies, in widget coordinates (may extend past the view)."""
        return QRectF(self._offset, self._image * self._scale)

    def visible_image_rect(self) -> QRectF:
        """The part of the image that is on screen, in image coordinates."""
        if self.is_empty():
            return QRectF()
        view = self.widget_rect_to_image(QRectF(QPointF(0, 0), self._widget))
        return view.intersected(QRectF(QPointF(0, 0), self._image))

    def transform(self) -> QTransform:
        """The image → widget transform, for a QPainter."""
        return QTransform(self._scale, 0.0, 0.0, self._scale, self._offset.x(), self._offset.y())

    # -- internals --------------------------------------------------------------------------
    def _exact_to_image(self, point: QPointF) -> QPointF:
        return (QPointF(point) - self._exact) / self._scale

    def _snapshot(self) -> tuple[float, float, float]:
        return (self._scale, self._offset.x(), self._offset.y())

    def _set_scale_raw(self, scale: float) -> None:
        if not math.isfinite(scale) or scale <= 0:
            scale = self._scale
        self._scale = min(max(scale, self.min_scale()), self.max_scale())

    def _clamp(self) -> None:
        """Clamp the exact offset and derive the shown one, snapped to device pixels. Zooming
        works from the exact offset so repeated zooms around one point do not drift."""
        if self.is_empty():
            self._exact = QPointF(0.0, 0.0)
            self._offset = QPointF(0.0, 0.0)
            return
        ex, sx = _clamp_axis(self._exact.x(), self._image.width() * self._scale,
                             self._widget.width(), self._dpr)
        ey, sy = _clamp_axis(self._exact.y(), self._image.height() * self._scale,
                             self._widget.height(), self._dpr)
        self._exact = QPointF(ex, ey)
        self._offset = QPointF(sx, sy)


def _clamp_axis(offset: float, content: float, view: float, dpr: float) -> tuple[float, float]:
    """(clamped offset, the same snapped to a whole device pixel) along one axis."""
    if content <= view + _EPS:
        offset = (view - content) / 2.0
        return offset, round(offset * dpr) / dpr
    offset = min(0.0, max(view - content, offset))
    snapped = round(offset * dpr) / dpr
    if snapped + content < view:  # rounding must not open a gap at the far edge
        snapped += 1.0 / dpr
    return offset, min(0.0, snapped)


def _same_size(a: QSizeF, b: QSizeF) -> bool:
    return abs(a.width() - b.width()) < _EPS and abs(a.height() - b.height()) < _EPS


def _center(size: QSizeF) -> QPointF:
    return QPointF(size.width() / 2.0, size.height() / 2.0)


# -- image pyramid -------------------------------------------------------------------------
def build_pyramid(image: QImage, min_side: int = 512) -> list[QImage]:
    """Return ``[image, ½, ¼, …]`` (halving until the longest side would drop below
    ``min_side``), all as RGB32 or ARGB32_Premultiplied so they paint fast.

    Meant for a worker thread: QImage is reentrant, and the work is done by OpenCV (area
    averaging) so the GUI thread keeps running. The first entry is ``image`` itself when it is
    already in a paint format.
    """
    if image.isNull():
        return []
    base = to_paint_format(image)
    levels = [base]
    current = base
    while max(current.width(), current.height()) // 2 >= min_side:
        w, h = max(1, current.width() // 2), max(1, current.height() // 2)
        smaller = QImage(w, h, base.format())
        cv2.resize(image_array(current), (w, h), dst=image_array(smaller, writable=True),
                   interpolation=cv2.INTER_AREA)
        levels.append(smaller)
        current = smaller
    return levels


def _pyramid_or_none(image: QImage) -> list[QImage]:
    """The pyramid, or none when memory is short (the full image is then drawn scaled)."""
    try:
        return build_pyramid(image)
    except MemoryError:
        return []


class ImageLayer:
    """One picture drawn over the viewport's image geometry, with its pyramid of smaller copies.

    The layer's own pixel size may differ from the viewport's image size (a result returned at
    another resolution, a heat map computed smaller): it is stretched over the same area.
    """

    def __init__(self, image: QImage | None = None) -> None:
        self._image = QImage() if image is None else image
        self._levels: list[QImage] = [self._image] if not self._image.isNull() else []
        self._ready = self._image.isNull()

    def image(self) -> QImage:
        return self._image

    def is_null(self) -> bool:
        return self._image.isNull()

    def size(self) -> QSize:
        return self._image.size()

    def levels(self) -> list[QImage]:
        return list(self._levels)

    def has_pyramid(self) -> bool:
        """True once the smaller copies are in (until then the full image is used)."""
        return self._ready

    def set_levels(self, levels: list[QImage]) -> None:
        if levels:
            self._levels = levels
        self._ready = True

    def pick(self, device_per_layer_pixel: float) -> QImage:
        """The smallest level that still has at least one pixel per device pixel."""
        chosen = self._levels[0]
        full_w = max(1, self._image.width())
        for level in self._levels[1:]:
            if level.width() / full_w + 1e-6 >= device_per_layer_pixel:
                chosen = level
            else:
                break
        return chosen


# -- the widget ----------------------------------------------------------------------------
class ZoomPanWidget(QWidget):
    """A widget showing one large image with zoom and pan (see the module docstring).

    Public API: ``set_image(image, keep_view=False)``, ``image()``, ``viewport()``, ``fit()``,
    ``actual_size()``, ``zoom_in()``, ``zoom_out()``, ``view_state()``, ``set_view_state()``,
    ``wait_for_workers()``, signals ``viewChanged()`` and ``pyramidReady()``.
    """

    viewChanged = Signal()
    pyramidReady = Signal()

    #: zoom factor of one wheel notch and of the +/- keys
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
        if image is None or image.isNull():
            self._layer = ImageLayer()
            self._change(lambda: self._viewport.set_image_size(QSizeF(), False))
        else:
            self._layer = self.make_layer(image)
            size = QSizeF(image.size())
            self._change(lambda: self._viewport.set_image_size(size, keep_view))
        self.update()

    def make_layer(self, image: QImage) -> ImageLayer:
        """Wrap ``image`` in a layer and start building its pyramid in the background."""
        layer = ImageLayer(image)
        self._tasks.submit(_pyramid_or_none, image,
                           on_done=partial(self._on_pyramid_done, layer))
        return layer

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

    def _on_pyramid_done(self, layer: ImageLayer, levels: list[QImage]) -> None:
        layer.set_levels([lv for lv in levels if isinstance(lv, QImage) and not lv.isNull()])
        self.update()
        self.pyramidReady.emit()
