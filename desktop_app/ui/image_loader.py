"""Decoding photos into QImages for the viewer, meant to run on worker threads.

``load_image(path, max_side)`` asks Qt's JPEG reader for a reduced size, which libjpeg decodes at
1/2, 1/4 or 1/8 scale directly: a 24 MP photo gives a screen-sized preview in a fraction of the
time of a full decode. The full image is decoded later, also off the GUI thread. QImage (unlike
QPixmap) may be created on any thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColorSpace, QImage, QImageReader

from desktop_app.core.errors import ImageError
from desktop_app.core.imaging import MAX_PIXELS
from desktop_app.core.messages import Msg

PREVIEW_SIDE = 2048  # enough for a full-screen view until the full image arrives

# Qt refuses to decode an image over 256 MB by default, so a valid 12000 x 9000 PNG was called
# damaged; the limit follows the largest photo SkyClear accepts (4 bytes a pixel) instead.
QImageReader.setAllocationLimit(max(QImageReader.allocationLimit(),
                                    MAX_PIXELS * 4 // (1024 * 1024) + 1))


def load_image(path: str | Path, max_side: int | None = None) -> QImage:
    """The photo upright, in sRGB, no larger than ``max_side`` on its long side (None = full)."""
    file = Path(path)
    reader = QImageReader(str(file))
    reader.setAutoTransform(True)  # EXIF orientation
    size = reader.size()
    if max_side and size.isValid() and max(size.width(), size.height()) > max_side:
        scale = max_side / max(size.width(), size.height())
        reader.setScaledSize(QSize(max(1, round(size.width() * scale)),
                                   max(1, round(size.height() * scale))))
    image = reader.read()
    if image.isNull():
        if not file.exists():
            raise ImageError(Msg.IMAGE_NO_LONGER_THERE(file.name))
        raise ImageError(Msg.IMAGE_NOT_SHOWN(file.name))
    space = image.colorSpace()
    if space.isValid() and space != QColorSpace(QColorSpace.NamedColorSpace.SRgb):
        image.convertToColorSpace(QColorSpace(QColorSpace.NamedColorSpace.SRgb))
    fast = (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32_Premultiplied)
    if image.format() not in fast:
        image = image.convertToFormat(
            QImage.Format.Format_ARGB32_Premultiplied if image.hasAlphaChannel()
            else QImage.Format.Format_RGB32)
    return image
