"""JPEG and PNG bytes, and a Pillow image's pixels as an array, without holding Python's
interpreter lock for long.

Pillow's encoders and its ``tobytes`` keep the interpreter lock while they work (a 24 MP JPEG is
encoded in 64 KB steps, and ``tobytes`` ends with one 72 MB copy), so a worker thread saving a
photo makes the window's thread wait its turn, and the window stalls. OpenCV's encoder lets go of
the lock while it works, and an image read out a band of rows at a time holds it for about a
millisecond per band.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

#: About how many bytes of pixels are copied per hold of the interpreter lock.
_BAND_BYTES = 1 << 21
_CHANNELS = {"L": 1, "RGB": 3, "RGBA": 4}


def pixels(image: Image.Image, *, bgr: bool = False) -> np.ndarray:
    """The pixels of an L, RGB or RGBA image as a new uint8 array (H × W, or H × W × C); with
    ``bgr`` an RGB image's channels come blue first, as OpenCV stores them."""
    channels = _CHANNELS.get(image.mode)
    if channels is None:
        raise ValueError(f"expected an L, RGB or RGBA image, got {image.mode}")
    width, height = image.size
    shape = (height, width) if channels == 1 else (height, width, channels)
    out = np.empty(shape, np.uint8)
    rawmode = "BGR" if bgr and image.mode == "RGB" else image.mode
    rows = max(1, _BAND_BYTES // max(1, width * channels))
    for top in range(0, height, rows):
        bottom = min(height, top + rows)
        band = image.crop((0, top, width, bottom)).tobytes("raw", rawmode)
        out[top:bottom] = np.frombuffer(band, np.uint8).reshape((bottom - top, *shape[1:]))
    return out


def jpeg(image: Image.Image | np.ndarray, quality: int, *, full_chroma: bool = False,
         bgr: bool = False) -> bytes:
    """Baseline JPEG bytes of an L or RGB image (or its array), without metadata; colour is
    stored at half resolution (4:2:0) unless ``full_chroma`` (4:4:4). ``bgr``: the array's
    channels already come blue first (``pixels(image, bgr=True)``), as when one image is
    encoded several times."""
    sampling = (cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444 if full_chroma
                else cv2.IMWRITE_JPEG_SAMPLING_FACTOR_420)
    return _encode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(quality),
                                   cv2.IMWRITE_JPEG_SAMPLING_FACTOR, sampling], bgr=bgr)


def png(image: Image.Image | np.ndarray, level: int) -> bytes:
    """PNG bytes of an L or RGB image (or its array), zlib ``level`` 0–9, without metadata."""
    return _encode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, int(level),
                                   cv2.IMWRITE_PNG_STRATEGY, cv2.IMWRITE_PNG_STRATEGY_DEFAULT])


def _encode(ext: str, image: Image.Image | np.ndarray, params: list[int], *,
            bgr: bool = False) -> bytes:
    if isinstance(image, Image.Image):
        if image.mode not in ("L", "RGB"):
            raise ValueError(f"expected an L or RGB image, got {image.mode}")
        arr = pixels(image, bgr=True)  # OpenCV stores blue first
    else:
        arr = image
        if arr.dtype != np.uint8 or not (arr.ndim == 2 or (arr.ndim == 3 and arr.shape[2] == 3)):
            raise ValueError(f"expected H×W or H×W×3 uint8 pixels, got {arr.dtype} {arr.shape}")
        if arr.ndim == 3 and not bgr:
            arr = cv2.cvtColor(arr, cv2.COLOR_RGB2BGR)
    ok, data = cv2.imencode(ext, arr, params)
    if not ok:
        raise OSError(f"could not encode the image as {ext[1:].upper()}")
    return data.tobytes()
