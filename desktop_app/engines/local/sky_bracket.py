"""Interior sky with a darker shot of the same scene (an exposure bracket): the "window pull".

Where the photo is blown out, a white porch ceiling, a white sky and a white wall are the same
255 in every channel, and nothing in that photo can tell them apart. Real-estate photographers
shoot brackets; in the darker frame the sky behind the glass is blue (or a smooth grey) and the
ceiling is white and warm. So, where the photo is clipped, the darker frame decides:

1. ``align``: the darker frame must show the same scene. Same shape (within ``ASPECT_SLACK``),
   then a small handheld shift, turn or tilt is found by ECC (``cv2.findTransformECC``, affine)
   on small equalised grey copies (equalising makes the two exposures comparable; blown-out
   pixels are left out of the match). A poor correlation, or a transform far from a handheld
   wobble, means another scene: ``BracketError`` with a sentence.
2. ``dark_sky_weight``: per pixel of the aligned darker frame, how much it looks like sky: not
   warm (ceilings, walls, lamps are warm there), not green (lawn, trees), not dim next to the
   sky of that frame, and either smooth (a grey overcast sky is; planks, roofs and bricks are
   not) or plainly blue and about as bright as the sky. Where that frame shows a blue sky, a
   white clearly brighter than it is, or blown out even in that frame, is a sunlit surface (a
   porch column), not sky.
3. ``limit_to_dark``: the detector's alpha is kept as it is where the photo is not pale; where
   it is (``PALE``: nearly clipped, or washed out like the houses across the street), it is
   multiplied by that weight, in which a pixel must also be about as bright as the blue sky
   near it (a house in the shade is bluish, but much darker), so the sky only stays where the
   darker frame shows sky. A blown-out area the detector missed (a skylight) is added when the
   darker frame shows it plainly as sky: mostly clearly blue, or a smooth glow cool all over (a
   hazy sky through a skylight), big enough, above the horizon and off the bottom edge
   (``added_sky``). Small regions left over (the rim of a ceiling cut away) go.
   Along the sky's boundary, where the photo is blown out, the alpha is held to the edges of
   the aligned darker frame (``sky_edges``): the photo has none left there. Small white clouds
   of the old sky, not blue in that frame, are filled (``fill_clouds``): no specks. Small
   crumbs of sky that are nowhere sure (``drop_unsure_crumbs``) go: blue specks on a column.

Without a darker frame nothing here runs: the detection is exactly the single-photo one.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from desktop_app.core.errors import ImageError
from desktop_app.core.messages import Message, Msg
from desktop_app.engines.local.sky_edges import EDGE_RADIUS, hold_to_edges
from desktop_app.engines.local.sky_matte import ALPHA_FLOOR
from desktop_app.engines.local.sky_util import (
    ByteImage,
    FloatImage,
    box_of,
    enlarge_window,
    local_std,
    lowest_channel,
    luminance,
    resize,
    scaled_size,
    smoothstep,
)

#: The two frames' width / height ratios may differ by this share at most.
ASPECT_SLACK = 0.01
#: Longest side of the grey copies the frames are matched on (coarse pass, then fine pass).
ALIGN_SIDES = (256, 512)
#: Grey levels from which a pixel of the photo counts as blown out while matching (left out).
ALIGN_CLIPPED = 250
#: The matched frames must correlate at least this well (ECC's coefficient, 1 = identical)...
MIN_CORRELATION = 0.85
#: ...and the transform must stay a handheld wobble: a shift of at most this share of the
#: longer side, a scale (or shear) within this share of 1.
MAX_SHIFT = 0.06
MAX_SCALE = 0.06
#: A blown-out area the detector missed is added when at least this share of it is plainly blue
#: sky in the darker frame (blue over red by ``ADD_BLUE`` levels)...
ADD_SHARE = 0.6
ADD_BLUE = 15.0
#: ...or when it is a smooth, cool glow (a hazy sky through a skylight): at least
#: ``GLOW_SHARE`` of it blue over red by ``GLOW_COOL`` levels, by ``GLOW_BLUE`` on average, and
#: at least ``GLOW_SMOOTH_SHARE`` of it smooth (local spread of luma, 5 x 5, 0-1, under
#: ``GLOW_SMOOTH``). A white ceiling lit by the day is not that blue; a blue picture or a
#: curtain is not that smooth...
GLOW_COOL = 5.0
GLOW_SHARE = 0.9
GLOW_BLUE = 10.0
GLOW_SMOOTH = 0.02
GLOW_SMOOTH_SHARE = 0.6
#: ...it covers at least this share of the photo...
ADD_MIN_AREA = 0.0005
#: ...and its centre lies above this height (share of the photo's height, from the top).
ADD_HORIZON = 0.6
#: After the darker frame has had its say, sky regions smaller than this share of the photo
#: are dropped (``sky.detect_sky``): leftovers of a ceiling or a lamp cut away, not a window.
MIN_PIECE = 0.0008
#: Longest side at which the darker frame's sky weight is worked out (then enlarged).
WEIGHT_LONG = 1280
#: The photo counts as clipped from this lowest-channel level (none) to this one (fully).
CLIPPED = (224.0, 244.0)
#: The darker frame's verdict holds from this lowest-channel level of the photo (none) to this
#: one (fully): lower than ``CLIPPED``, since a washed-out house across the street is pale but
#: short of clipped, and the likeness to a white sky leaves it a ghost of alpha.
PALE = (200.0, 236.0)
#: In the darker frame: red over blue, in levels, from which a pixel is warm (not sky)...
WARM = (3.0, 10.0)
#: ...green over red and blue from which it is foliage or lawn...
GREEN = (4.0, 12.0)
#: ...blue over red from which it is plainly blue sky...
BLUE = (3.0, 10.0)
#: ...local spread of luma (5 x 5, 0-1) under which a not-blue pixel is smooth enough...
SMOOTH = (0.012, 0.03)
#: ...and luma, as a share of the sky's own (see ``dark_sky_weight``), that any sky reaches.
LIT = (0.25, 0.35)
#: A textured pixel (not smooth) must be plainly blue and this bright (same share) to be sky.
BRIGHT = (0.55, 0.7)
#: The sky's own luma in the darker frame is read from its blue pixels when at least this share
#: of the photo is clipped there and plainly blue...
BLUE_SKY_SHARE = 0.002
#: ...and then a pixel this much brighter than that (same share), white rather than blue, is
#: a sunlit white surface (a porch column), not sky.
GLARE = (1.06, 1.12)
#: ...and so is a pixel blown out even in the darker frame: its lowest channel from the first
#: level on (partly), from the second (fully).
DARK_CLIPPED = (245.0, 252.0)
#: ...and, for the verdict on the photo's pale pixels, a pixel must be about as bright as the
#: brightest blue sky within ``NEAR_SKY`` of it (share of the longer side): its luma over that
#: sky's, from the first share (none) to the second (fully). A house across the street in the
#: shade is bluish too, but much darker than the sky right above its roof.
AS_BRIGHT = (0.5, 0.7)
NEAR_SKY = 0.04


class BracketError(ImageError):
    """The darker frame cannot be used with this photo (another scene, another shape)."""

    def __init__(self, message: Message | None = None) -> None:
        # the message as an argument: the error crosses from the engine's worker by pickling
        super().__init__(message or Msg.DARK_FRAME_MISMATCH())


def _grey(rgb: np.ndarray, hw: tuple[int, int]) -> np.ndarray:
    small = resize(rgb, hw, area=True)
    return np.asarray(cv2.cvtColor(np.ascontiguousarray(small), cv2.COLOR_RGB2GRAY))


def _check_warp(warp: np.ndarray, hw: tuple[int, int]) -> None:
    linear = warp[:, :2].astype(np.float64)
    shift = float(np.hypot(warp[0, 2], warp[1, 2]))
    if shift > MAX_SHIFT * max(hw) or np.abs(linear - np.eye(2)).max() > MAX_SCALE:
        raise BracketError()


def check_shape(bright: np.ndarray, dark: np.ndarray) -> None:
    """Raises ``BracketError`` when the two frames' width / height ratios differ."""
    h, w = bright.shape[:2]
    dh, dw = dark.shape[:2]
    if abs((dw / dh) / (w / h) - 1.0) > ASPECT_SLACK:
        raise BracketError()


def align(bright: np.ndarray, dark: np.ndarray) -> np.ndarray:
    """The 2 x 3 affine transform, in ``bright``'s pixels, that takes a point of the photo to
    the same point of the darker frame once that is resized to the photo's size (use with
    ``cv2.WARP_INVERSE_MAP``). Raises ``BracketError`` when they do not show one scene."""
    check_shape(bright, dark)
    h, w = bright.shape[:2]
    warp: np.ndarray = np.eye(2, 3, dtype=np.float32)
    rho = 0.0
    prev_scale = 0.0
    for side in ALIGN_SIDES:
        hw = scaled_size(h, w, side)
        scale = hw[1] / w
        if prev_scale:
            warp[:, 2] *= scale / prev_scale
        prev_scale = scale
        grey_b = _grey(bright, hw)
        grey_d = _grey(dark, hw)
        usable = (grey_b < ALIGN_CLIPPED).astype(np.uint8)
        # equalised, two exposures of one scene have nearly the same grey levels
        eq_b = cv2.equalizeHist(grey_b).astype(np.float32) / 255.0
        eq_d = cv2.equalizeHist(grey_d).astype(np.float32) / 255.0
        criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 100, 1e-5)
        try:
            rho, warp = cv2.findTransformECC(eq_b, eq_d, warp, cv2.MOTION_AFFINE, criteria,
                                             usable, 5)
        except cv2.error:  # did not converge: nothing in common to match
            raise BracketError() from None
        _check_warp(warp, hw)
    if rho < MIN_CORRELATION:
        raise BracketError()
    full = warp.astype(np.float64)
    full[:, 2] /= prev_scale
    return full


class Pair(NamedTuple):
    """The two shots box-filtered down to the working size (``WEIGHT_LONG``) and ``align``'s
    transform between them: the darker shot's verdict and its view (``sky_pull``) share them."""

    bright: ByteImage
    dark: ByteImage
    warp: np.ndarray


def pair(bright: np.ndarray, dark: np.ndarray, bright_small: np.ndarray | None = None) -> Pair:
    """``Pair`` of the photo ``bright`` and its darker shot ``dark`` (uint8 RGB), or
    ``BracketError``. ``bright_small``: the photo already box-filtered to the working size."""
    check_shape(bright, dark)
    hw = scaled_size(bright.shape[0], bright.shape[1], WEIGHT_LONG)
    if bright_small is None or bright_small.shape[:2] != hw:
        bright_small = resize(bright, hw, area=True)
    dark_small = resize(dark, hw, area=True)
    return Pair(bright_small, dark_small, align(bright_small, dark_small))


def dark_sky_weight(dark: np.ndarray, bright_clipped: np.ndarray) -> FloatImage:
    """How much each pixel of the aligned darker frame (uint8 RGB) looks like sky, in [0, 1].

    ``bright_clipped`` (bool, same size) marks where the photo is blown out. The brightness
    that sky reaches in the darker frame is judged against the sky's own there: the bright end
    of the plainly blue pixels among those (a house or a wall in the shade can be bluish too,
    but it is much darker than the sky), or of all of them when hardly any is blue.
    """
    img = dark.astype(np.float32)
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    lum = luminance(img) / 255.0
    blue = smoothstep(BLUE[0], BLUE[1], b - r)
    plainly_blue = bright_clipped & (blue >= 1.0)
    blue_sky = np.count_nonzero(plainly_blue) >= BLUE_SKY_SHARE * lum.size
    if blue_sky:
        ref = float(np.percentile(lum[plainly_blue], 90.0))
    else:
        ref = float(np.percentile(lum[bright_clipped], 99.0)) if bright_clipped.any() else 1.0
    not_warm = 1.0 - smoothstep(WARM[0], WARM[1], r - b)
    not_green = 1.0 - smoothstep(GREEN[0], GREEN[1], g - np.maximum(r, b))
    rel = lum / max(ref, 1e-3)
    lit = smoothstep(LIT[0], LIT[1], rel)
    smooth = 1.0 - smoothstep(SMOOTH[0], SMOOTH[1], local_std(lum, 5))
    bright_blue = blue * smoothstep(BRIGHT[0], BRIGHT[1], rel)
    weight = not_warm * not_green * lit * np.maximum(bright_blue, smooth)
    if blue_sky:
        weight *= 1.0 - smoothstep(GLARE[0], GLARE[1], rel) * (1.0 - blue)
        # a white that is blown out even in this frame is brighter than anything it shows of
        # the (blue) sky: a sunlit column or sill
        weight *= 1.0 - smoothstep(DARK_CLIPPED[0], DARK_CLIPPED[1], lowest_channel(dark))
    return weight.astype(np.float32)


def near_sky_weight(dark: np.ndarray, bright_clipped: np.ndarray) -> FloatImage:
    """Under a blue sky, how much each pixel of the aligned darker frame is about as bright as
    the brightest blue sky within ``NEAR_SKY`` of it (``AS_BRIGHT``; 1 where no blue sky is
    that near, and everywhere when that frame shows no blue sky). A house in the shade across
    the street is bluish too, but far darker than the sky right above its roof.

    For the verdict on the photo's pixels only, not for ``added_sky``: dropping such pixels
    from a region there would raise its share of blue."""
    img = dark.astype(np.float32)
    plainly_blue = bright_clipped & ((img[..., 2] - img[..., 0]) >= BLUE[1])
    h, w = plainly_blue.shape
    if np.count_nonzero(plainly_blue) < BLUE_SKY_SHARE * h * w:
        return np.ones((h, w), np.float32)
    lum = luminance(img) / 255.0
    # a stray bright pixel is not the sky's level
    sky = np.asarray(cv2.medianBlur(np.where(plainly_blue, lum, 0.0).astype(np.float32), 5))
    r = max(1, round(NEAR_SKY * max(h, w)))
    nearby = cv2.dilate(sky, np.ones((2 * r + 1, 2 * r + 1), np.uint8))
    ratio = np.where(nearby > 0.05, lum / np.maximum(nearby, 1e-3), 1.0)
    return smoothstep(AS_BRIGHT[0], AS_BRIGHT[1], ratio).astype(np.float32)


def added_sky(dark: np.ndarray, clipped: np.ndarray, weight: FloatImage) -> FloatImage:
    """Sky to add (alpha, the size of ``weight``): the blown-out areas of the photo that the
    aligned darker frame ``dark`` shows plainly as sky (see ``ADD_SHARE`` and the rest)."""
    h, w = weight.shape
    img = dark.astype(np.float32)
    blueness = img[..., 2] - img[..., 0]
    candidates = (clipped & (weight > 0.5)).astype(np.uint8)
    n, labels, stats, centres = cv2.connectedComponentsWithStats(candidates, connectivity=8)
    if n <= 1:
        return np.zeros((h, w), np.float32)
    flat = labels.ravel()
    inside = (candidates > 0).ravel()
    area = np.maximum(stats[:, cv2.CC_STAT_AREA], 1)

    def share_of(mask: np.ndarray) -> np.ndarray:
        return np.bincount(flat, weights=(mask.ravel() & inside), minlength=n) / area

    plainly_blue = share_of(blueness >= ADD_BLUE) >= ADD_SHARE
    # a hazy sky through a skylight: a smooth glow, cool all over, if only a little blue
    smooth = local_std(luminance(img) / 255.0, 5) < GLOW_SMOOTH
    mean_blue = np.bincount(flat, weights=blueness.ravel() * inside, minlength=n) / area
    glow = ((share_of(blueness >= GLOW_COOL) >= GLOW_SHARE) & (mean_blue >= GLOW_BLUE)
            & (share_of(smooth) >= GLOW_SMOOTH_SHARE))
    bottom = stats[:, cv2.CC_STAT_TOP] + stats[:, cv2.CC_STAT_HEIGHT]
    keep = ((plainly_blue | glow) & (area >= ADD_MIN_AREA * h * w)
            & (bottom < h) & (centres[:, 1] < ADD_HORIZON * h))
    keep[0] = False
    if not keep.any():
        return np.zeros((h, w), np.float32)
    # a pixel more, so the soft edge of the weight around the area comes along
    region = cv2.dilate(keep[labels].astype(np.uint8), np.ones((3, 3), np.uint8))
    return (region * weight).astype(np.float32)


_LEVELS = np.arange(256, dtype=np.float32)
_CLIPPED_LUT = smoothstep(CLIPPED[0], CLIPPED[1], _LEVELS)
_PALE_LUT = smoothstep(PALE[0], PALE[1], _LEVELS)


def clipped_and_pale(rgb: np.ndarray) -> tuple[FloatImage, FloatImage]:
    """How blown out each pixel of the photo is (0: not at all, 1: clipped), full size, and how
    pale (``PALE``)."""
    lowest = cv2.min(cv2.min(rgb[..., 0], rgb[..., 1]), rgb[..., 2])
    return (np.asarray(cv2.LUT(lowest, _CLIPPED_LUT), dtype=np.float32),
            np.asarray(cv2.LUT(lowest, _PALE_LUT), dtype=np.float32))


def _sky_box(alpha: FloatImage, added_small: FloatImage) -> tuple[int, int, int, int] | None:
    """The box (row0, row1, col0, col1) at full size holding every pixel of ``alpha`` > 0 and
    of ``added_small`` (at a smaller size) once enlarged, with room around it for the steps
    along the sky's edge (``hold_to_edges``), or None when both are empty."""
    h, w = alpha.shape
    boxes = []
    found = box_of(alpha > 0)
    if found is not None:
        boxes.append(found)
    extra = box_of(added_small > 0)
    if extra is not None:
        hs, ws = added_small.shape
        # an enlarged pixel reaches into its neighbours' (bilinear)
        k0, k1, j0, j1 = extra
        boxes.append(((k0 - 1) * h // hs, -(-(k1 + 1) * h // hs),
                      (j0 - 1) * w // ws, -(-(j1 + 1) * w // ws)))
    if not boxes:
        return None
    m = 4 * max(1, round(EDGE_RADIUS * max(h, w))) + 4
    return (max(0, min(b[0] for b in boxes) - m), min(h, max(b[1] for b in boxes) + m),
            max(0, min(b[2] for b in boxes) - m), min(w, max(b[3] for b in boxes) + m))


def limit_to_dark(bright: np.ndarray, alpha: FloatImage, dark: np.ndarray,
                  shots: Pair | None = None) -> FloatImage:
    """``alpha`` (the photo's detected sky) kept only where the darker frame shows sky, on the
    pixels that are pale in the photo, with the blown-out areas it plainly shows as sky added
    and the old sky's small clouds filled; everywhere else it is unchanged. ``shots``: the
    ``pair`` of ``bright`` and ``dark`` when it is made already."""
    h, w = bright.shape[:2]
    check_shape(bright, dark)
    # everything but the last step is worked out on copies of at most WEIGHT_LONG pixels
    bright_small, dark_small, small_warp = pair(bright, dark) if shots is None else shots
    hw = bright_small.shape[:2]
    aligned = cv2.warpAffine(np.ascontiguousarray(dark_small), small_warp, (hw[1], hw[0]),
                             flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                             borderMode=cv2.BORDER_REPLICATE)
    clipped_small = lowest_channel(bright_small) >= CLIPPED[1]
    weight_small = dark_sky_weight(aligned, clipped_small)
    added_small = added_sky(aligned, clipped_small, weight_small)
    out = np.zeros((h, w), np.float32)
    # outside the box of the sky found and the sky added, the result is 0: only that box is
    # worked on at full size
    box = _sky_box(alpha, added_small)
    if box is None:
        return out
    r0, r1, c0, c1 = box
    rows, cols = (r0, r1), (c0, c1)
    weight = enlarge_window(weight_small * near_sky_weight(aligned, clipped_small), (h, w),
                            rows, cols)
    added = enlarge_window(added_small, (h, w), rows, cols)
    clip, pale = clipped_and_pale(bright[r0:r1, c0:c1])
    # o = alpha * (1 - pale * (1 - weight)), in place: full-size copies are 50 MB each at 12 MP
    o = out[r0:r1, c0:c1]
    np.subtract(1.0, weight, out=o)
    del weight
    o *= pale
    np.subtract(1.0, o, out=o)
    o *= alpha[r0:r1, c0:c1]
    del pale
    added *= clip
    np.maximum(o, added, out=o)
    del added
    # the photo is flat white where it is blown out: there the darker frame shows the edges
    grey = _aligned_grey(dark, small_warp, hw, (h, w), box)
    hold_to_edges(grey, o, share=clip, long_side=max(h, w))
    fill_clouds(o, clip, grey, area=h * w)
    o[o < ALPHA_FLOOR] = 0.0  # untouched pixels stay untouched
    drop_unsure_crumbs(out)
    return out


#: A piece of sky smaller than this share of the photo whose alpha nowhere reaches ``SURE``
#: goes (``drop_unsure_crumbs``).
CRUMB = 0.0002
SURE = 0.95


def drop_unsure_crumbs(alpha: FloatImage) -> None:
    """Remove the small pieces of sky that the darker frame left unsure, in place.

    Where the darker frame partly calls a pixel sky (the shaded side of a white column, a
    bracket, the edge of a muntin), a few crumbs of faint alpha stay, cut off from the window's
    sky: blue specks on white in the result. A real gap of sky (between leaves, between slats)
    is sky for sure somewhere inside; a crumb is not.
    """
    present = (alpha > 0).view(np.uint8)
    box = box_of(present)
    if box is None:
        return
    # the pieces lie inside the sky's box: only that is looked at
    r0, r1, c0, c1 = box
    a = alpha[r0:r1, c0:c1]
    n, lab, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(present[r0:r1, c0:c1]),
                                                        connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] < CRUMB * alpha.size
    small[0] = False
    if not small.any():
        return
    sure = np.bincount(lab[a >= SURE], minlength=n) > 0
    gone = small & ~sure
    if gone.any():
        a[gone[lab]] = 0.0


#: Holes in the sky up to this share of the photo are looked at by ``fill_clouds``.
CLOUD_HOLE = 0.0004


def fill_clouds(alpha: FloatImage, clip: FloatImage, grey: np.ndarray,
                area: int | None = None) -> None:
    """Fill the small clouds of the old sky, in place.

    A small white cloud in the darker frame is brighter than the blue around it and not blue,
    so it is not called sky there, and the old sky's white would stay as specks in the new one.
    A hole in the sky (``alpha`` > 0.5 all around it) smaller than ``CLOUD_HOLE`` of the photo,
    where the photo is blown out (``clip``, it shows nothing there) and the aligned darker frame
    (``grey``) is brighter than the sky around it, is a cloud: sky. A bird, a wire or a leaf is
    darker than the sky, and a hole where the photo shows something is not filled.
    The dark frame is not the one to follow at the cloud's edge, so neither is ``hold_to_edges``:
    this runs after it. ``area``: the photo's pixel count when the three are a part of it.
    """
    sure = alpha > 0.5
    found = box_of(sure)
    if found is None:
        return
    # holes lie inside the sky's box: only that is looked at
    r0, r1, c0, c1 = found
    box = alpha[r0:r1, c0:c1]
    h, w = box.shape
    _, lab, stats, _ = cv2.connectedComponentsWithStats((~sure[r0:r1, c0:c1]).astype(np.uint8),
                                                        connectivity=4)
    x, y, bw, bh, size = (stats[:, i] for i in range(5))
    small = ((size <= CLOUD_HOLE * (area or alpha.size)) & (x > 0) & (y > 0) & (x + bw < w)
             & (y + bh < h))
    small[0] = False
    for i in np.nonzero(small)[0]:
        y0, y1 = max(0, y[i] - 3), min(h, y[i] + bh[i] + 3)
        x0, x1 = max(0, x[i] - 3), min(w, x[i] + bw[i] + 3)
        hole = lab[y0:y1, x0:x1] == i
        ring = (cv2.dilate(hole.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0) & ~hole
        g = grey[r0 + y0 : r0 + y1, c0 + x0 : c0 + x1]
        if (float(np.mean(clip[r0 + y0 : r0 + y1, c0 + x0 : c0 + x1][hole])) >= 0.9
                and float(np.median(g[hole])) >= float(np.median(g[ring]))):
            # with the soft rim around it, all of it sky too
            box[y0:y1, x0:x1][hole | ring] = 1.0


def _aligned_grey(dark: np.ndarray, small_warp: np.ndarray, small_hw: tuple[int, int],
                  hw: tuple[int, int], box: tuple[int, int, int, int]) -> np.ndarray:
    """The darker frame in grey at the photo's size ``hw``, aligned to it with ``small_warp``
    (the transform ``align`` found between copies of size ``small_hw``), inside ``box`` (row0,
    row1, col0, col1) only: an array of the box's size."""
    h, w = hw
    # p_small = k * p + c (cv2.resize's pixel centres), so the full-size transform is
    # k^-1 A k and its shift k^-1 (A c + t - c)
    k = np.diag([small_hw[1] / w, small_hw[0] / h])
    c = 0.5 * np.diag(k) - 0.5
    a, t = small_warp[:, :2], small_warp[:, 2]
    k_inv = np.linalg.inv(k)
    warp = np.hstack([k_inv @ a @ k, (k_inv @ (a @ c + t - c))[:, None]])
    r0, r1, c0, c1 = box
    # the box's pixel (0, 0) is the photo's (c0, r0): the inverse map shifts so
    warp[:, 2] += warp[:, :2] @ np.array([c0, r0], np.float64)
    grey = resize(cv2.cvtColor(np.ascontiguousarray(dark), cv2.COLOR_RGB2GRAY), (h, w))
    return np.asarray(cv2.warpAffine(grey, warp, (c1 - c0, r1 - r0),
                                     flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                     borderMode=cv2.BORDER_REPLICATE))
