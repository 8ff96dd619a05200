"""ui.image_arrays: QImage ↔ NumPy conversions keep every pixel where it belongs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from desktop_app.ui.image_arrays import (
    array_to_qimage,
    image_array,
    qimage_rgb_view,
    qimage_to_rgb,
    rgb_to_qimage,
    rgb_to_rgb32,
    to_paint_format,
    to_rgb32,
)


def gradient(h: int = 7, w: int = 11) -> np.ndarray:
    rng = np.random.default_rng(3)
    return rng.integers(0, 256, (h, w, 3), dtype=np.uint8)


def test_rgb_round_trips_through_every_copying_conversion() -> None:
    rgb = gradient()
    assert np.array_equal(qimage_to_rgb(rgb_to_qimage(rgb)), rgb)
    image32 = rgb_to_rgb32(rgb)
    assert image32.format() == QImage.Format.Format_RGB32
    assert np.array_equal(qimage_to_rgb(image32), rgb)
    assert np.array_equal(qimage_rgb_view(image32), rgb)
    assert QColor(image32.pixel(3, 2)).getRgb()[:3] == tuple(int(v) for v in rgb[2, 3])
    assert np.array_equal(qimage_to_rgb(to_paint_format(rgb_to_qimage(rgb))), rgb)


def test_the_copy_outlives_the_array() -> None:
    rgb = gradient()
    image = array_to_qimage(rgb, QImage.Format.Format_RGB888)
    rgb[:] = 0  # the QImage owns its pixels
    assert qimage_to_rgb(image).any()


def test_transparent_pixels_are_laid_over_white() -> None:
    image = QImage(2, 1, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    image.setPixelColor(1, 0, QColor(10, 20, 30, 255))
    assert qimage_rgb_view(to_rgb32(image)).tolist() == [[[255, 255, 255], [10, 20, 30]]]


def test_a_view_refuses_a_format_it_cannot_read() -> None:
    with pytest.raises(ValueError):
        qimage_rgb_view(rgb_to_qimage(gradient()))


def test_a_big_valid_png_is_shown_not_called_damaged(tmp_path: Any) -> None:
    from PIL import Image

    from desktop_app.ui.image_loader import PREVIEW_SIDE, load_image

    path = tmp_path / "huge.png"
    Image.new("RGB", (8500, 8000), (40, 90, 200)).save(path)  # 272 MB decoded: over Qt's 256
    preview = load_image(path, PREVIEW_SIDE)
    assert max(preview.width(), preview.height()) == PREVIEW_SIDE
    assert QColor(preview.pixel(10, 10)).getRgb()[:3] == (40, 90, 200)


def test_a_photo_in_another_colour_space_is_converted_band_by_band_to_srgb(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A phone's Display P3 photo reaches the viewer in sRGB, pixel for pixel as Qt converts
    the whole image, though converted in bands of rows (the last one shorter)."""
    from PIL import Image
    from PySide6.QtGui import QColorSpace, QImageReader

    from desktop_app.ui import image_loader

    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, (150, 90, 3), dtype=np.uint8)
    pixels[:, :, 0] = np.linspace(0, 255, 90, dtype=np.uint8)[None, :]  # saturated reds
    path = tmp_path / "p3.png"  # lossless: both decodes see the same pixels
    p3 = QColorSpace(QColorSpace.NamedColorSpace.DisplayP3).iccProfile().data()
    Image.fromarray(pixels).save(path, icc_profile=bytes(p3))
    whole = QImageReader(str(path)).read()
    whole.convertToColorSpace(QColorSpace(QColorSpace.NamedColorSpace.SRgb))
    whole = whole.convertToFormat(QImage.Format.Format_RGB32)

    monkeypatch.setattr(image_loader, "_BAND_ROWS", 64)  # 64 + 64 + 22 rows
    shown = image_loader.load_image(path)
    assert shown.colorSpace() == QColorSpace(QColorSpace.NamedColorSpace.SRgb)
    assert shown.format() == QImage.Format.Format_RGB32
    assert np.array_equal(image_array(shown), image_array(whole))
    assert not np.array_equal(image_array(shown)[:, :, 2::-1], pixels)  # it was converted
