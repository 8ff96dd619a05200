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
from desktop_app.ui.image_arrays import image_array, to_paint_format

_BAND_ROWS = 256  # rows converted to sRGB at a time (a few ms each for a 24 MP photo)
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
        return _to_srgb(image)
    return to_paint_format(image)


def _to_srgb(image: QImage) -> QImage:
    """``image`` (in another colour space: a camera's Adobe RGB, a phone's Display P3) in sRGB,
    converted one band of rows at a time. Qt's conversion keeps the interpreter lock
    throughout: a whole 24 MP photo at once held the window's thread for about 50 ms."""
    srgb = QColorSpace(QColorSpace.NamedColorSpace.SRgb)
    out: QImage | None = None
    for top in range(0, image.height(), _BAND_ROWS):
        band = image.copy(0, top, image.width(), min(_BAND_ROWS, image.height() - top))
        band.convertToColorSpace(srgb)
        band = to_paint_format(band)
        if out is None:
            out = QImage(image.width(), image.height(), band.format())
            if out.isNull():
                raise MemoryError
            out.setColorSpace(srgb)
        rows = image_array(band)
        image_array(out, writable=True)[top:top + rows.shape[0]] = rows
    return out if out is not None else image
