"""Offline Interior sky: find the sky seen through the windows and paint a blue one in.

Public API (all arrays are NumPy; colour images are ``uint8`` RGB, ``H x W x 3``):

- ``detect_sky(rgb, dark=None) -> alpha``: float32 ``H x W`` in [0, 1]; 1 is sky. ``dark`` is an
  optional darker shot of the same scene (a bracket): where the photo is blown out, it decides
  what is sky (``sky_bracket``).
- ``replace_sky(rgb, alpha, seed=0, dark=None) -> rgb``: the same size and dtype; another
  ``seed`` gives another sky with the same mask (a variation). With ``dark``, the windows'
  blown-out view around the sky (a porch, trees, a lawn) is first fused from the two shots
  (``sky_pull``).
- ``run_sky(rgb, seed=0, alpha=None, dark=None) -> (result, alpha)``: both steps; pass the alpha
  of a previous run (or one the user fixed) to keep the mask.
- ``sky_regions``, ``region_outlines``, ``remove_region_at``, ``add_region_at``: helpers for a
  window that shows the detected regions and lets the user remove or add one with a click;
  ``blown_out_share``: how much of the sky found is blown out (a darker shot would help).

Guarantees of ``replace_sky`` (tested): pixels whose alpha is 0 are returned bit for bit, except
in a band at most ``sky_render.BAND_FRACTION`` of the longer side (plus one percent for resampling)
around pixels of alpha > 0.5, where the view gets a little local contrast and saturation and no
channel moves by more than ``sky_render.ENHANCE_MAX_LEVELS`` levels. A photo where nothing is
detected comes back unchanged. With a darker shot, the blown-out view of the windows that have
sky is also fused from the two shots; the rest of the room still comes back as it was.
"""

from __future__ import annotations

import cv2
import numpy as np

from desktop_app.core.errors import ImageError, MaskError
from desktop_app.core.messages import Msg
from desktop_app.engines.local import (
    sky_bracket,
    sky_candidates,
    sky_detect,
    sky_matte,
    sky_pull,
    sky_render,
)
from desktop_app.engines.local.sky_util import (
    ByteImage,
    FloatImage,
    box_of,
    disk,
    lowest_channel,
    resize,
    scaled_size,
)

#: Photos smaller than this (either side, in pixels) are refused.
MIN_SIDE = 16


def _check_rgb(rgb: np.ndarray) -> np.ndarray:
    if not isinstance(rgb, np.ndarray) or rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ImageError(Msg.PHOTO_NOT_COLOUR())
    if rgb.shape[0] < MIN_SIDE or rgb.shape[1] < MIN_SIDE:
        raise ImageError(Msg.PHOTO_TOO_SMALL())
    if rgb.dtype != np.uint8:
        raise ImageError(Msg.PHOTO_NOT_8_BIT())
    return np.ascontiguousarray(rgb)


def _check_alpha(alpha: np.ndarray, shape: tuple[int, ...]) -> FloatImage:
    if (
        not isinstance(alpha, np.ndarray)
        or alpha.ndim != 2
        or alpha.shape != tuple(shape[:2])
        or min(alpha.shape) < 1
    ):
        raise MaskError(Msg.SKY_MASK_SIZE())
    a = np.asarray(alpha, dtype=np.float32)
    if not np.isfinite(a).all():
        raise MaskError(Msg.SKY_MASK_DAMAGED())
    return np.clip(a, 0.0, 1.0)


def detect_sky(rgb: np.ndarray, dark: np.ndarray | None = None) -> FloatImage:
    """Where the windows show sky: float32 ``H x W`` alpha in [0, 1] (0 everywhere if none).

    ``dark``: a darker shot of the same scene; where the photo is blown out, only what shows
    sky in it stays sky. Raises ``sky_bracket.BracketError`` when it shows another scene."""
    return _detect(_check_rgb(rgb), dark)[0]


def _detect(img: np.ndarray, dark: np.ndarray | None,
            ) -> tuple[FloatImage, np.ndarray, sky_bracket.Pair | None]:
    """``detect_sky``'s alpha, and what the view from a darker shot needs too: the windows the
    photo alone is judged to have (``sky_pull.judged_windows``) and, with ``dark``, the two
    shots at the working size, aligned (``sky_bracket.pair``)."""
    alpha, found = sky_detect.detect(img)
    windows = sky_pull.judged_windows(found.labels, found.regions)
    if dark is None:
        return alpha, windows, None
    dark = _check_rgb(dark)
    shots = sky_bracket.pair(img, dark, found.mid)
    alpha = _drop_specks(sky_bracket.limit_to_dark(img, alpha, dark, shots))
    return alpha, windows, shots


def _drop_specks(alpha: FloatImage) -> FloatImage:
    """``alpha`` without the sky regions smaller than ``sky_bracket.MIN_PIECE`` of the photo."""
    small, n, hw = _small_labels(alpha)
    sizes = np.bincount(small.ravel(), minlength=n + 1)
    tiny = sizes < sky_bracket.MIN_PIECE * hw[0] * hw[1]
    tiny[0] = False
    if not tiny.any():
        return alpha
    # enlarged in bytes, then set only in their box (where the alpha is 0 already, setting it
    # to 0 changes nothing)
    gone = _enlarge_labels(tiny[small].astype(np.uint8), alpha.shape)
    box = box_of(gone)
    if box is not None:
        r0, r1, c0, c1 = box
        part = alpha[r0:r1, c0:c1]
        part[gone[r0:r1, c0:c1] > 0] = 0.0
    return alpha


def replace_sky(rgb: np.ndarray, alpha: np.ndarray, seed: int = 0,
                dark: np.ndarray | None = None) -> ByteImage:
    """The photo with a blue sky painted where ``alpha`` > 0; see the module notes. ``dark``:
    a darker shot of the same scene, from which the blown-out view around the sky is taken
    (``sky_pull``)."""
    return _replace(_check_rgb(rgb), _check_alpha(alpha, rgb.shape), seed, dark, None, None)


def _replace(img: np.ndarray, alpha: FloatImage, seed: int, dark: np.ndarray | None,
             windows: np.ndarray | None, shots: sky_bracket.Pair | None) -> ByteImage:
    if dark is None:
        return sky_render.render(img, alpha, int(seed))
    # the view taken from the darker shot is a copy of the photo already: painted as it is
    pulled = sky_pull.pull_view(img, alpha, _check_rgb(dark), windows, shots)
    return sky_render.render(pulled, alpha, int(seed), in_place=True)


def run_sky(
    rgb: np.ndarray, seed: int = 0, alpha: np.ndarray | None = None,
    dark: np.ndarray | None = None,
) -> tuple[ByteImage, FloatImage]:
    """Detect (unless ``alpha`` is given) and replace, ``dark`` as for ``detect_sky`` and
    ``replace_sky``: ``(result, alpha used)``."""
    img = _check_rgb(rgb)
    if alpha is None:
        a, windows, shots = _detect(img, dark)
        return _replace(img, a, seed, dark, windows, shots), a
    a = _check_alpha(alpha, img.shape)
    return _replace(img, a, seed, dark, None, None), a


#: A pixel of the sky found is blown out when every channel is at least this.
BLOWN_LEVEL = 250
#: The sky found is mostly blown out (a darker shot would help) from this share of it on.
BLOWN_HINT = 0.5


def blown_out_share(rgb: np.ndarray, alpha: np.ndarray) -> float:
    """The share of the sky found (``alpha`` > 0.5) where the photo is blown out to white in
    every channel, 0 when none is found. There a white ceiling or wall behind the glass looks
    just like the sky, and only a darker shot of the same scene tells them apart."""
    sky = np.asarray(alpha) > 0.5
    count = int(np.count_nonzero(sky))
    if count == 0:
        return 0.0
    return int(np.count_nonzero(sky & (lowest_channel(rgb) >= BLOWN_LEVEL))) / count


# --------------------------------------------------------------------------- fixing the mask

#: Longest side of the copy on which regions are labelled and clicks are resolved.
REGION_LONG = 1024
#: Alpha above this counts as part of a region.
REGION_ALPHA = 0.05
#: Panes closer than this (share of the longer side) belong to the same region (one window).
REGION_JOIN = 0.01
#: A click this close to a region (share of the longer side) still picks it.
CLICK_SLACK = 0.02
#: ``add_region_at`` never adds more than this share of the photo in one click.
ADD_MAX_AREA = 0.25
#: ``add_region_at`` starts from pixels within this many levels of the clicked colour.
ADD_TOLERANCE = 14


def _small_labels(alpha: FloatImage) -> tuple[np.ndarray, int, tuple[int, int]]:
    """Region labels of ``alpha`` on a copy of at most ``REGION_LONG`` pixels."""
    h, w = alpha.shape
    hw = scaled_size(h, w, REGION_LONG)
    small = resize(alpha, hw, area=True) if (h, w) != hw else alpha
    present = small > REGION_ALPHA
    k = max(3, round(REGION_JOIN * max(hw)) | 1)
    joined = cv2.morphologyEx(present.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, labels = cv2.connectedComponents(joined, connectivity=8)
    labels[~present] = 0
    # drop labels that lost all their pixels to the closing
    ids = np.unique(labels)
    ids = ids[ids > 0]
    remap = np.zeros(n, np.int32)
    remap[ids] = np.arange(1, ids.size + 1, dtype=np.int32)
    return remap[labels], int(ids.size), hw


def _enlarge_labels(small: np.ndarray, hw: tuple[int, ...]) -> np.ndarray:
    """A small label (or mask) image enlarged to ``hw``, grown by one small pixel first so that
    it covers the soft edges of what it labels (its dtype kept)."""
    grown = cv2.dilate(small, np.ones((3, 3), np.uint8))
    return np.asarray(cv2.resize(grown, (hw[1], hw[0]), interpolation=cv2.INTER_NEAREST))


def _full_labels(small_labels: np.ndarray, alpha: FloatImage) -> np.ndarray:
    """Enlarge a small label image to the size of ``alpha``, covering all of its soft edges."""
    full = _enlarge_labels(small_labels.astype(np.float32), alpha.shape).astype(np.int32)
    full[alpha <= 0] = 0
    return full


def _check_point(x: float, y: float, shape: tuple[int, ...]) -> tuple[int, int]:
    h, w = shape[:2]
    try:
        xi, yi = round(float(x)), round(float(y))
    except (TypeError, ValueError):
        raise MaskError(Msg.CLICK_OFF_PHOTO()) from None
    if not (0 <= xi < w and 0 <= yi < h):
        raise MaskError(Msg.CLICK_OFF_PHOTO())
    return xi, yi


def sky_regions(alpha: np.ndarray) -> tuple[np.ndarray, int]:
    """The separate sky regions (one per window): an int32 label image the size of ``alpha``
    (0 where there is no sky, 1..n elsewhere, soft edges included) and n."""
    a = _check_alpha(alpha, np.shape(alpha))
    small, n, _ = _small_labels(a)
    return _full_labels(small, a), n


def region_outlines(alpha: np.ndarray) -> list[np.ndarray]:
    """Outline of every sky region, for drawing: ``int32`` arrays of ``(x, y)`` points in the
    photo's own pixel coordinates, one per separate piece (ordered by region)."""
    a = _check_alpha(alpha, np.shape(alpha))
    small, n, hw = _small_labels(a)
    sx = a.shape[1] / hw[1]
    sy = a.shape[0] / hw[0]
    out: list[np.ndarray] = []
    for i in range(1, n + 1):
        contours, _ = cv2.findContours(
            (small == i).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE
        )
        for c in contours:
            pts = c.reshape(-1, 2).astype(np.float64)
            pts[:, 0] = (pts[:, 0] + 0.5) * sx
            pts[:, 1] = (pts[:, 1] + 0.5) * sy
            out.append(np.round(pts).astype(np.int32))
    return out


def remove_region_at(alpha: np.ndarray, x: float, y: float) -> FloatImage:
    """A copy of ``alpha`` without the sky region at (or just next to) pixel ``(x, y)``.

    Raises ``MaskError`` when no detected sky is there.
    """
    a = _check_alpha(alpha, np.shape(alpha))
    xi, yi = _check_point(x, y, a.shape)
    small, n, hw = _small_labels(a)
    if n == 0:
        raise MaskError(Msg.NO_SKY_TO_REMOVE())
    sx, sy = hw[1] / a.shape[1], hw[0] / a.shape[0]
    px = min(hw[1] - 1, int(xi * sx))
    py = min(hw[0] - 1, int(yi * sy))
    label = int(small[py, px])
    if label == 0:
        # the nearest region, if the click is close enough to it
        dist, idx = cv2.distanceTransformWithLabels(
            (small == 0).astype(np.uint8), cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL
        )
        if dist[py, px] > CLICK_SLACK * max(hw):
            raise MaskError(Msg.NO_SKY_TO_REMOVE())
        ys, xs = np.nonzero(small > 0)
        owner = np.zeros(int(idx.max()) + 1, np.int32)
        owner[idx[ys, xs]] = small[ys, xs]
        label = int(owner[idx[py, px]])
    region = _full_labels((small == label).astype(np.int32), a) > 0
    out = a.copy()
    out[region] = 0.0
    return out


def add_region_at(rgb: np.ndarray, alpha: np.ndarray, x: float, y: float) -> FloatImage:
    """A copy of ``alpha`` with the sky at pixel ``(x, y)`` added: the region grows from the click
    over pixels of a similar colour (at most ``ADD_MAX_AREA`` of the photo), then gets the same
    soft edges as detected sky (frames and leaves inside it stay out).

    Raises ``MaskError`` when the clicked spot does not look like it could be sky (too dark).
    """
    img = _check_rgb(rgb)
    a = _check_alpha(alpha, img.shape)
    xi, yi = _check_point(x, y, img.shape)
    small, _hard = sky_candidates.work_copy(img)
    hw = small.shape[:2]
    px = min(hw[1] - 1, int(xi * hw[1] / img.shape[1]))
    py = min(hw[0] - 1, int(yi * hw[0] / img.shape[0]))
    seen = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    r, g, b = (float(v) for v in seen[py, px])
    lum = 0.299 * r + 0.587 * g + 0.114 * b
    sat = (max(r, g, b) - min(r, g, b)) / max(r, g, b, 1e-3)
    bluish = b >= r and b >= g - 0.03
    if lum < 0.45 or not (sat <= 0.25 or (bluish and sat <= 0.6)):
        raise MaskError(Msg.NOT_SKY_SPOT())
    img8 = np.clip(seen * 255.0 + 0.5, 0, 255).astype(np.uint8)
    limit = ADD_MAX_AREA * hw[0] * hw[1]
    region = None
    tol = float(ADD_TOLERANCE)
    while tol >= 2.0:
        mask = np.zeros((hw[0] + 2, hw[1] + 2), np.uint8)
        flags = 8 | cv2.FLOODFILL_FIXED_RANGE | cv2.FLOODFILL_MASK_ONLY | (255 << 8)
        cv2.floodFill(img8, mask, (px, py), (0, 0, 0), (tol,) * 3, (tol,) * 3, flags)
        grown = mask[1:-1, 1:-1] > 0
        # the other panes of the same window: pixels of the same colour just across a bar
        seed = img8[py, px].astype(np.int16)
        same = np.all(np.abs(img8.astype(np.int16) - seed) <= tol, axis=2).astype(np.uint8)
        reach = cv2.dilate(grown.astype(np.uint8), disk(max(2, round(0.02 * max(hw))))) > 0
        _, lab = cv2.connectedComponents(same, connectivity=8)
        near = np.unique(lab[reach & (same > 0)])
        grown |= np.isin(lab, near[near > 0])
        if np.count_nonzero(grown) <= limit:
            region = grown
            break
        tol /= 1.6
    if region is None:
        raise MaskError(Msg.AREA_TOO_LARGE())
    # panes split by muntins or slats become one region; the likeness step takes the bars out
    closed = cv2.morphologyEx(region.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    region = closed > 0
    added = sky_matte.refine(img, region, fade=False)
    if not (added > 0.5).any():
        raise MaskError(Msg.NO_SKY_WHERE_CLICKED())
    return np.maximum(a, added)
