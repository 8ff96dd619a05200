"""QImage ↔ NumPy: the one place that knows how Qt lays out pixels in memory.

Views (``image_array``, ``qimage_rgb_view``) share the image's memory and live only as long as
the image is alive and unmodified; everything else copies. All of it is safe on worker threads
(QImage, unlike QPixmap, is reentrant), and the bulk work is done by NumPy/OpenCV, which let
other Python threads run meanwhile.
"""

from __future__ import annotations

import math
import sys

import cv2
import numpy as np
import numpy.typing as npt
from PySide6.QtGui import QColor, QImage, QPainter

__all__ = [
    "array_to_qimage",
    "image_array",
    "qimage_rgb_view",
    "qimage_to_rgb",
    "rgb_to_qimage",
    "rgb_to_rgb32",
    "rgba_to_qimage",
    "to_paint_format",
    "to_rgb32",
]

_LITTLE = sys.byteorder == "little"  # ARGB32 words are then B, G, R, A bytes in memory


def image_array(image: QImage, writable: bool = False) -> npt.NDArray[np.uint8]:
    """An HxWxC uint8 NumPy view of ``image``'s pixels (C = bytes per pixel), no copy.

    ``writable`` detaches the image first so writes go to this image alone.
    """
    h, w, bpl = image.height(), image.width(), image.bytesPerLine()
    channels = max(1, image.depth() // 8)
    buffer = image.bits() if writable else image.constBits()
    rows = np.frombuffer(buffer, np.uint8, count=bpl * h).reshape(h, bpl)  # type: ignore[call-overload]
    return rows[:, : w * channels].reshape(h, w, channels)


def qimage_rgb_view(image: QImage) -> npt.NDArray[np.uint8]:
    """An H × W × 3 RGB view (no copy) of a ``Format_RGB32``/``ARGB32`` image's pixels."""
    if image.format() not in (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32,
                              QImage.Format.Format_ARGB32_Premultiplied):
        raise ValueError("expected a 32-bit RGB image")
    return image_array(image)[:, :, 2::-1]


def qimage_to_rgb(image: QImage, max_pixels: int | None = None) -> npt.NDArray[np.uint8]:
    """Copy a QImage into an HxWx3 RGB uint8 array, shrunk by a whole factor (area average,
    OpenCV's fast path) to at most ``max_pixels`` when given."""
    fmt = image.format()
    if fmt in (QImage.Format.Format_RGB888, QImage.Format.Format_RGBX8888,
               QImage.Format.Format_RGBA8888):
        src, order = image, "rgb"
    elif fmt in (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32) and _LITTLE:
        src, order = image, "bgr"
    else:
        src, order = image.convertToFormat(QImage.Format.Format_RGBX8888), "rgb"
    view = image_array(src)
    h, w = view.shape[:2]
    if max_pixels is not None and w * h > max_pixels:
        k = math.ceil(math.sqrt(w * h / max_pixels))
        view = np.asarray(cv2.resize(view, (max(1, w // k), max(1, h // k)),
                                     interpolation=cv2.INTER_AREA), np.uint8)
    if order == "bgr":
        return np.asarray(cv2.cvtColor(view, cv2.COLOR_BGRA2RGB), np.uint8)
    return np.ascontiguousarray(view[:, :, :3])


def array_to_qimage(pixels: npt.NDArray[np.uint8], fmt: QImage.Format) -> QImage:
    """A QImage owning a copy of an HxWxC uint8 array laid out as ``fmt`` expects.

    NumPy copies the pixels: ``QImage.copy()`` keeps the interpreter lock throughout, which
    stalls the GUI thread for as long as a worker copies a large photo."""
    data = np.asarray(pixels, np.uint8)
    h, w = data.shape[:2]
    image = QImage(w, h, fmt)
    if image.isNull():
        raise MemoryError
    image_array(image, writable=True)[...] = data.reshape(h, w, -1)
    return image


def rgb_to_qimage(rgb: npt.NDArray[np.uint8]) -> QImage:
    """An HxWx3 RGB array as an RGB888 QImage owning its pixels."""
    return array_to_qimage(rgb, QImage.Format.Format_RGB888)


def rgb_to_rgb32(rgb: npt.NDArray[np.uint8]) -> QImage:
    """An HxWx3 RGB array as a ``Format_RGB32`` QImage (the format that paints fastest)."""
    h, w = rgb.shape[:2]
    image = QImage(w, h, QImage.Format.Format_RGB32)
    if image.isNull():
        raise MemoryError
    view = image_array(image, writable=True)
    if _LITTLE:
        cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2BGRA, dst=view)
    else:
        view[:, :, 0] = 255
        view[:, :, 1:] = rgb
    return image


def rgba_to_qimage(rgba: npt.NDArray[np.uint8]) -> QImage:
    """An HxWx4 RGBA array as an ARGB32_Premultiplied QImage that owns its pixels."""
    h, w = rgba.shape[:2]
    if not _LITTLE:
        wrapped = array_to_qimage(rgba, QImage.Format.Format_RGBA8888)
        return wrapped.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    alpha = rgba[:, :, 3:4].astype(np.uint16)
    premultiplied = ((rgba.astype(np.uint16) * alpha + 127) // 255).astype(np.uint8)
    premultiplied[:, :, 3] = rgba[:, :, 3]
    cv2.cvtColor(premultiplied, cv2.COLOR_RGBA2BGRA, dst=image_array(image, writable=True))
    return image


def to_paint_format(image: QImage) -> QImage:
    """``image`` as RGB32 (opaque) or ARGB32_Premultiplied; the common photo formats are
    converted with OpenCV (Qt's own conversion keeps the interpreter lock throughout)."""
    fmt = image.format()
    if fmt in (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32_Premultiplied):
        return image
    codes = {QImage.Format.Format_RGB888: cv2.COLOR_RGB2BGRA,
             QImage.Format.Format_RGBX8888: cv2.COLOR_RGBA2BGRA}
    code = codes.get(fmt)
    if code is None or not _LITTLE:
        target = (QImage.Format.Format_ARGB32_Premultiplied if image.hasAlphaChannel()
                  else QImage.Format.Format_RGB32)
        return image.convertToFormat(target)
    out = QImage(image.width(), image.height(), QImage.Format.Format_RGB32)
    dst = image_array(out, writable=True)
    cv2.cvtColor(image_array(image), code, dst=dst)
    if code != cv2.COLOR_RGB2BGRA:
        dst[:, :, 3] = 255
    return out


def to_rgb32(image: QImage) -> QImage:
    """``image`` as ``Format_RGB32``, transparent parts laid over white."""
    if image.format() == QImage.Format.Format_RGB32:
        return image
    if image.hasAlphaChannel():
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor(255, 255, 255))
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        return flat
    return image.convertToFormat(QImage.Format.Format_RGB32)
