""""What changed" between an original photo and a result, as a colour heat map.

The compare viewer lays this map over the result so that changes nobody asked for (a wall
recoloured, an outlet or a light fixture gone) stand out next to the intended ones (the sky,
removed clutter). Pure NumPy/OpenCV: no Qt, safe to run on any thread (OpenCV releases the GIL).

How the difference is measured:

1. both images are blurred a little (Gaussian, ``blur_sigma`` pixels) so JPEG blocking, noise and
   one-pixel resampling shifts do not count;
2. both are converted to CIE L*a*b* and the colour distance ΔE (CIE76) is taken per pixel;
   ΔE ≈ 2 is barely visible, ≈ 10 is obvious;
3. pixels under ``threshold`` are ignored, and specks smaller than ``min_size`` pixels are
   removed (a morphological opening), which keeps re-compression artefacts out of the map;
4. what is left is coloured from translucent yellow (just over the threshold) to a stronger red
   (``full_scale`` and above); everything else is fully transparent;
5. optionally, an opaque red ring is drawn around each changed area so that even a small one
   (an outlet painted out) catches the eye when the whole photo is on screen.
"""

from __future__ import annotations

import cv2
import numpy as np

from desktop_app.core.errors import ImageError
from desktop_app.core.messages import Msg

__all__ = [
    "DEFAULT_BLUR_SIGMA",
    "DEFAULT_FULL_SCALE",
    "DEFAULT_MIN_SIZE",
    "DEFAULT_THRESHOLD",
    "OUTLINE_COLOUR",
    "changed_fraction",
    "delta_e",
    "difference_heatmap",
    "heat_colours",
]

#: ΔE below this is treated as no change; re-saving a photo as JPEG at quality 60 stays under it
#: once blurred and cleaned of specks (measured on the test photos)
DEFAULT_THRESHOLD = 8.0
#: ΔE at which the colour reaches full red
DEFAULT_FULL_SCALE = 25.0
DEFAULT_BLUR_SIGMA = 1.5
#: changed areas narrower than this many pixels are dropped as noise
DEFAULT_MIN_SIZE = 5

#: colour of the ring drawn around changed areas; heat pixels are never fully opaque
OUTLINE_COLOUR = (228, 0, 0, 255)

_STRIP_ROWS = 1024  # ΔE is computed in strips so a 24 MP pair needs little extra memory
_L_SCALE = np.float32(100.0 / 255.0)  # 8-bit Lab stores L* in 0..255


def _as_rgb(image: np.ndarray) -> np.ndarray:
    if not isinstance(image, np.ndarray) or image.ndim != 3 or image.shape[2] not in (3, 4):
        raise ImageError(Msg.COMPARE_NOT_COLOUR())
    if image.shape[0] < 1 or image.shape[1] < 1:
        raise ImageError(Msg.COMPARE_EMPTY())
    if image.dtype != np.uint8:
        raise ImageError(Msg.COMPARE_NOT_8_BIT())
    if image.shape[2] == 4:
        image = image[:, :, :3]
    return np.ascontiguousarray(image)


def _lab8(rgb: np.ndarray, blur_sigma: float) -> np.ndarray:
    if blur_sigma > 0:
        rgb = cv2.GaussianBlur(rgb, (0, 0), blur_sigma)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2Lab)


def _prepare(before_rgb: np.ndarray, after_rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    before = _as_rgb(before_rgb)
    after = _as_rgb(after_rgb)
    h, w = before.shape[:2]
    if after.shape[:2] != (h, w):
        # results may come back at another resolution: compare them on the original's grid
        shrinking = after.shape[0] * after.shape[1] > h * w
        after = cv2.resize(after, (w, h),
                           interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR)
    return before, after


def delta_e(before_rgb: np.ndarray, after_rgb: np.ndarray, *,
            blur_sigma: float = DEFAULT_BLUR_SIGMA) -> np.ndarray:
    """Per-pixel ΔE (CIE76) between two RGB uint8 images after a light blur, as float32 HxW.

    ``after_rgb`` is resized to ``before_rgb``'s size when they differ.
    """
    before, after = _prepare(before_rgb, after_rgb)
    lab_b = _lab8(before, blur_sigma)
    lab_a = _lab8(after, blur_sigma)
    h = before.shape[0]
    out = np.empty(before.shape[:2], np.float32)
    for y0 in range(0, h, _STRIP_ROWS):
        y1 = min(h, y0 + _STRIP_ROWS)
        d = lab_b[y0:y1].astype(np.float32) - lab_a[y0:y1].astype(np.float32)
        d[:, :, 0] *= _L_SCALE
        np.sqrt(np.einsum("ijk,ijk->ij", d, d), out=out[y0:y1])
    return out


def heat_colours() -> np.ndarray:
    """The 256-entry RGBA colour ramp: index 0 is transparent, 1 translucent yellow, 255 red."""
    t = np.linspace(0.0, 1.0, 255, dtype=np.float32)
    yellow = np.array([255.0, 236.0, 0.0], np.float32)
    red = np.array([228.0, 0.0, 0.0], np.float32)
    rgb = yellow[None, :] * (1.0 - t[:, None]) + red[None, :] * t[:, None]
    alpha = 150.0 + 70.0 * t
    ramp = np.concatenate([rgb, alpha[:, None]], axis=1)
    lut = np.zeros((256, 4), np.uint8)
    lut[1:] = np.round(ramp).astype(np.uint8)
    return lut


_LUT = heat_colours()


def difference_heatmap(before_rgb: np.ndarray, after_rgb: np.ndarray, *,
                       threshold: float = DEFAULT_THRESHOLD,
                       full_scale: float = DEFAULT_FULL_SCALE,
                       blur_sigma: float = DEFAULT_BLUR_SIGMA,
                       min_size: int = DEFAULT_MIN_SIZE,
                       outline: int = 0) -> np.ndarray:
    """RGBA uint8 heat map (HxWx4, the size of ``before_rgb``) of where the two photos differ.

    Inputs are RGB (or RGBA, alpha ignored) uint8 arrays; a differently sized ``after_rgb`` is
    resized to the original's size. Unchanged pixels are fully transparent. With ``outline`` > 0
    every changed area also gets an opaque red ring that wide just outside it, so that small
    changes are visible in a zoomed-out view; ring pixels (and only they) have alpha 255.
    Raises ImageError when an input is not an 8-bit colour image.
    """
    if not full_scale > threshold >= 0:
        raise ValueError("full_scale must be greater than threshold, and threshold at least 0")
    de = delta_e(before_rgb, after_rgb, blur_sigma=blur_sigma)
    h, w = de.shape
    index = np.zeros((h, w), np.uint8)
    span = np.float32(254.0 / (full_scale - threshold))
    for y0 in range(0, h, _STRIP_ROWS):
        y1 = min(h, y0 + _STRIP_ROWS)
        strip = de[y0:y1]
        level = np.clip((strip - np.float32(threshold)) * span, 0.0, 254.0)
        idx = (np.rint(level) + 1).astype(np.uint8)
        idx[strip <= threshold] = 0
        index[y0:y1] = idx
    del de
    if min_size > 1 and index.any():
        changed = (index > 0).astype(np.uint8)
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (min_size, min_size))
        kept = cv2.morphologyEx(changed, cv2.MORPH_OPEN, kernel)
        index[kept == 0] = 0
    heat = _LUT[index]
    if outline > 0 and index.any():
        changed = (index > 0).astype(np.uint8)
        size = 2 * outline + 1
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
        ring = (cv2.dilate(changed, kernel) > 0) & (changed == 0)
        heat[ring] = OUTLINE_COLOUR
    return heat


def changed_fraction(heatmap: np.ndarray) -> float:
    """Share of the pixels (0..1) that the heat map marks as changed (outline rings, being
    outside the changed areas, do not count)."""
    if heatmap.ndim != 3 or heatmap.shape[2] != 4 or heatmap.size == 0:
        raise ValueError("expected an RGBA heat map")
    alpha = heatmap[:, :, 3]
    changed = np.count_nonzero((alpha > 0) & (alpha < 255))
    return float(changed) / float(heatmap.shape[0] * heatmap.shape[1])
