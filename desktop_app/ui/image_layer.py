"""A picture drawn over a viewport's image, with its pyramid of smaller copies (½, ¼, …).

The pyramid is built off the GUI thread with OpenCV rather than ``QImage.scaled``: PySide keeps
the interpreter lock during Qt's image calls, which would stall the GUI thread for as long as the
worker scales.
"""

from __future__ import annotations

import cv2
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from desktop_app.ui.image_arrays import image_array, to_paint_format

__all__ = ["ImageLayer", "build_pyramid", "pyramid_or_none"]


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


def pyramid_or_none(image: QImage) -> list[QImage]:
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
