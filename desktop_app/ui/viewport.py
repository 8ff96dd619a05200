"""Zoom and pan geometry for the widgets that show one large photo: ``Viewport``.

Pure geometry on QtCore value types, no widget (``ui/zoom_pan.py`` is the widget on top of it).
It knows the image size, the size of the area that shows it (logical pixels), the device pixel
ratio, the scale and the offset, and maps points and rectangles between *image* coordinates
(pixels of the photo) and *widget* coordinates (logical pixels of the view area)::

    widget = offset + image * scale

``scale`` is in logical pixels per image pixel; ``zoom()`` is in *device* pixels per image pixel,
so ``zoom() == 1`` means 100 % (one photo pixel on one screen pixel, also on HiDPI screens).
Every change is clamped: the zoom stays between ``min_scale()`` and ``max_scale()``, an image
smaller than the view is centred on that axis, and a larger one cannot be dragged so far that
empty space shows beside it. Offsets are snapped to whole device pixels so that 100 % is
pixel-exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF
from PySide6.QtGui import QTransform

__all__ = ["ViewState", "Viewport"]

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
