"""Small image helpers shared by the offline Interior-sky modules (no Qt, NumPy/OpenCV only)."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
from numpy.typing import NDArray

FloatImage = NDArray[np.float32]
ByteImage = NDArray[np.uint8]
BoolImage = NDArray[np.bool_]

#: A full-size pixel is blown out (clipped) when every channel is at least this.
HARD_CLIP = 253


def smoothstep(lo: float, hi: float, x: np.ndarray | float) -> NDArray[np.float32]:
    """0 below ``lo``, 1 above ``hi``, a smooth S-curve in between (``lo > hi`` flips it)."""
    # the arithmetic of ``t * t * (3 - 2 t)`` on ``t = clip((x - lo) / (hi - lo))``, step by
    # step in place: it runs on every pixel of several full-size planes
    t = np.asarray(np.subtract(np.asarray(x, dtype=np.float32), np.float32(lo)))
    np.divide(t, np.float32(hi - lo), out=t)
    np.clip(t, 0.0, 1.0, out=t)
    s = np.multiply(t, t, out=np.empty_like(t))
    np.multiply(t, np.float32(-2.0), out=t)
    np.add(t, np.float32(3.0), out=t)
    np.multiply(s, t, out=s)
    return s


def scaled_size(h: int, w: int, long_side: int) -> tuple[int, int]:
    """(height, width) so that the longer side is at most ``long_side`` (never enlarged)."""
    s = min(1.0, long_side / max(h, w))
    return max(1, round(h * s)), max(1, round(w * s))


def resize(img: np.ndarray, hw: tuple[int, int], *, area: bool = False) -> np.ndarray:
    """Resize to (height, width); ``area`` picks box filtering for shrinking."""
    h, w = hw
    if img.shape[0] == h and img.shape[1] == w:
        return img
    interp = cv2.INTER_AREA if area else cv2.INTER_LINEAR
    return cv2.resize(img, (w, h), interpolation=interp)


def lowest_channel(rgb: np.ndarray) -> np.ndarray:
    """The lowest of the three channels of each pixel (the dtype of ``rgb``). NumPy's
    ``min(axis=2)`` over a last axis of three is ten times slower at 12 MP."""
    return np.asarray(cv2.min(cv2.min(rgb[..., 0], rgb[..., 1]), rgb[..., 2]))


def highest_channel(rgb: np.ndarray) -> np.ndarray:
    """The highest of the three channels of each pixel (see ``lowest_channel``)."""
    return np.asarray(cv2.max(cv2.max(rgb[..., 0], rgb[..., 1]), rgb[..., 2]))


def box_of(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    """Bounding box (row0, row1, col0, col1) of the non-zero pixels of a 2-D ``mask`` (bool or
    uint8), or None when there are none."""
    x, y, w, h = cv2.boundingRect(np.ascontiguousarray(mask).view(np.uint8))
    if w == 0 or h == 0:
        return None
    return y, y + h, x, x + w


def disk(radius: int) -> np.ndarray:
    """An elliptic structuring element of the given radius (at least 1 pixel)."""
    r = max(1, int(radius))
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))


def planes(rgb: np.ndarray | Sequence[np.ndarray]) -> Sequence[np.ndarray]:
    """The three channels of an ``H x W x 3`` image as contiguous planes (NumPy is slow on
    every third value); a sequence of planes is taken as it is."""
    if not isinstance(rgb, np.ndarray):
        return rgb
    if rgb.ndim == 3:
        return tuple(cv2.split(np.ascontiguousarray(rgb)))
    return rgb[..., 0], rgb[..., 1], rgb[..., 2]


def luminance(rgb: np.ndarray | Sequence[np.ndarray]) -> FloatImage:
    """Rec. 601 luma of an RGB image, or of its three channel planes."""
    r, g, b = planes(rgb)
    return (0.299 * r + 0.587 * g + 0.114 * b).astype(np.float32, copy=False)


def local_std(x: np.ndarray, size: int) -> FloatImage:
    """Standard deviation of ``x`` in a ``size`` x ``size`` box around each pixel."""
    m = cv2.blur(x, (size, size))
    m2 = cv2.blur(x * x, (size, size))
    return np.sqrt(np.maximum(m2 - m * m, 0.0)).astype(np.float32)


def fill_holes(mask: BoolImage) -> BoolImage:
    """The mask with every hole (background not connected to the image border) filled."""
    h, w = mask.shape
    pad = np.zeros((h + 2, w + 2), np.uint8)
    pad[1:-1, 1:-1] = mask.astype(np.uint8)
    flood = pad.copy()
    ff_mask = np.zeros((h + 4, w + 4), np.uint8)
    cv2.floodFill(flood, ff_mask, (0, 0), 1)
    holes = flood[1:-1, 1:-1] == 0
    return np.asarray(mask | holes, dtype=bool)


def enlarge_window(
    small: np.ndarray, full_hw: tuple[int, int], rows: tuple[int, int], cols: tuple[int, int]
) -> np.ndarray:
    """The window ``rows`` x ``cols`` of ``small`` enlarged to ``full_hw`` (bilinear, with the
    pixel-centre convention of ``cv2.resize``), without enlarging the rest."""
    H, W = full_hw
    hs, ws = small.shape[:2]
    map_x = ((np.arange(cols[0], cols[1], dtype=np.float32) + 0.5) * (ws / W) - 0.5)[None, :]
    map_y = ((np.arange(rows[0], rows[1], dtype=np.float32) + 0.5) * (hs / H) - 0.5)[:, None]
    shape = (rows[1] - rows[0], cols[1] - cols[0])
    mx = np.ascontiguousarray(np.broadcast_to(map_x, shape), dtype=np.float32)
    my = np.ascontiguousarray(np.broadcast_to(map_y, shape), dtype=np.float32)
    return cv2.remap(small, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
