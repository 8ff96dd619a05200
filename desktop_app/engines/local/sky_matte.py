"""The full-size alpha (the matte) from the sky found on the working copy.

Step 4 of ``sky_detect``: each pixel near the found sky gets its likeness to the old sky colour
behind it (``likeness``), edge pixels are unmixed against the colour in front of them
(``edge_alpha``), a guided filter at ``MID_LONG`` cleans the result without smearing clean steps,
and it is enlarged to full size; there it is held to the photo's own edges (``crisp_edges``,
``sky_edges``), the glare on frames goes (``sky_windows``), the thin straight bars across
blown-out glass stay out of it whole (``sky_bars``) and it fades out below the horizon.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from desktop_app.engines.local.sky_bars import BAR_KERNEL, keep_bars, straight_bars
from desktop_app.engines.local.sky_edges import hold_to_edges
from desktop_app.engines.local.sky_util import (
    BoolImage,
    FloatImage,
    box_of,
    disk,
    enlarge_window,
    lowest_channel,
    planes,
    resize,
    scaled_size,
    smoothstep,
)
from desktop_app.engines.local.sky_windows import drop_frame_glare

#: Longest side of the copy on which the alpha edges are refined.
MID_LONG = 1280
#: The alpha fades out between these heights (share of the photo height, from the top).
HORIZON_FADE = (0.5, 0.54)
#: Fractional alpha along sky edges is raised to this power (< 1: towards the sky, no halo).
EDGE_GAMMA = 0.6
#: Alpha below this is set to exactly 0, so untouched pixels stay untouched.
ALPHA_FLOOR = 0.02
_BELOW_FLOOR = float(np.nextafter(np.float32(ALPHA_FLOOR), np.float32(0.0)))
#: Longest side of the copy on which the old sky colour is estimated.
OLD_SKY_LONG = 320


def horizon_fade(h: int) -> FloatImage:
    """Per-row weight: 1 above the horizon, fading to 0 a little below it.

    Real-estate photos are taken with a level camera, so the horizon runs near the middle of the
    frame; whatever a window shows below it is lawn, street or houses, not sky, even when it is
    blown out as white as the sky. The fade also leaves a paler band where the sky meets the view.
    """
    rows = (np.arange(h, dtype=np.float32) + 0.5) / h
    return (1.0 - smoothstep(HORIZON_FADE[0], HORIZON_FADE[1], rows)).astype(np.float32)


def old_sky_colour(rgb: FloatImage, weight: FloatImage, sigma_frac: float = 0.01) -> FloatImage:
    """A smooth estimate of the sky colour that was there, spread a little beyond the sky.

    Normalised convolution of the colours under ``weight`` (worked out on a copy of at most
    ``OLD_SKY_LONG`` pixels, the result is smooth); where no sky is near, white. ``sigma_frac``
    is the blur as a share of the longer side.
    """
    hw = rgb.shape[:2]
    small_hw = scaled_size(hw[0], hw[1], OLD_SKY_LONG)
    img = resize(rgb, small_hw, area=True)
    w = resize(weight.astype(np.float32), small_hw, area=True)
    sigma = max(1.0, sigma_frac * max(small_hw))
    den = cv2.GaussianBlur(w, (0, 0), sigma)
    num = cv2.GaussianBlur(img * w[..., None], (0, 0), sigma)
    den_wide = cv2.GaussianBlur(w, (0, 0), sigma * 4)
    num_wide = cv2.GaussianBlur(img * w[..., None], (0, 0), sigma * 4)
    out = np.ones_like(img)
    near = den > 1e-3
    out[near] = num[near] / den[near][:, None]
    wide = ~near & (den_wide > 1e-4)
    out[wide] = num_wide[wide] / den_wide[wide][:, None]
    return np.asarray(resize(out.astype(np.float32), hw), dtype=np.float32)


def likeness(rgb: FloatImage | Sequence[np.ndarray], sky: FloatImage | Sequence[np.ndarray],
             ) -> FloatImage:
    """How much each pixel looks like the sky colour behind it (1: the same, 0: clearly not).

    Anything darker than the sky in some channel (frames, slats, leaves, houses) or of another
    hue is not sky; pixels brighter than a pale sky still are. A blown-out sky is perfectly flat,
    so there the tolerance is tight (a washed-out house is still a house); a pale sky varies
    more, so there it is looser. Either image may be given as its three channel planes.
    """
    # channel by channel, each in a plane of its own: reductions over a last axis of three are
    # slow in NumPy, and so is arithmetic on every third value
    r, g, b = planes(rgb)
    sr, sg, sb = planes(sky)
    dr, dg, db = sr - r, sg - g, sb - b
    darker = np.maximum(np.maximum(dr, dg), db)
    shift = (dr + dg + db) * (1.0 / 3.0)  # the grey part of the difference
    hue = np.maximum(np.maximum(np.abs(dr - shift), np.abs(dg - shift)), np.abs(db - shift))
    green = g - np.maximum(r, b)
    d = np.maximum(np.maximum(darker, 3.0 * hue), 3.0 * (green - 0.01))
    blown = smoothstep(0.94, 0.985, np.minimum(np.minimum(sr, sg), sb))
    lo = 0.035 - 0.02 * blown
    hi = 0.15 - 0.08 * blown
    t = np.clip((d - lo) / (hi - lo), 0.0, 1.0)
    return (1.0 - t * t * (3.0 - 2.0 * t)).astype(np.float32)


def edge_alpha(img: FloatImage, sky: FloatImage, like: FloatImage) -> FloatImage:
    """Proper fractional alpha along the edges of the sky.

    At an edge a pixel mixes the sky with what is in front of it (a frame, a leaf), and the
    glow of a blown-out sky makes those pixels pale: the likeness alone calls them "not sky"
    and a white line would remain. Where both a sure-sky and a sure-not-sky pixel are near, the
    colour in front is estimated from the sure-not-sky neighbours and the pixel is unmixed:
    ``a = <I - F, B - F> / |B - F|^2`` (B: the sky colour). Where F and B are too alike to tell
    apart (a white frame against a white sky), the likeness is kept.
    """
    sure_sky = (like >= 0.98).astype(np.uint8)
    sure_not = (like <= 0.02).astype(np.float32)
    near = np.ones((7, 7), np.uint8)
    band = (cv2.dilate(sure_sky, near) > 0) & (cv2.dilate(sure_not, near) > 0) & (like < 0.98)
    if not band.any():
        return like
    den = cv2.GaussianBlur(sure_not, (0, 0), 2.0)
    # only the band's pixels are unmixed, channel by channel (each in a plane of its own: NumPy
    # is slow on every third value)
    d = np.maximum(den[band], 1e-6)
    contrast = np.zeros(d.shape, np.float32)
    dot = np.zeros(d.shape, np.float32)
    for c, s in zip(planes(img), planes(sky), strict=True):
        fg = cv2.GaussianBlur(c * sure_not, (0, 0), 2.0)[band] / d
        diff = s[band] - fg
        contrast += diff * diff
        dot += (c[band] - fg) * diff
    solved = dot / np.maximum(contrast, 1e-6)
    usable = (den[band] > 0.05) & (contrast > 0.01)
    out = like.copy()
    edge = out[band]
    edge[usable] = np.clip(solved[usable], 0.0, 1.0)
    # the glow of a blown-out window makes edge pixels look more mixed than they are: lean
    # towards the new sky so the edge does not keep a pale halo
    out[band] = edge ** EDGE_GAMMA
    return out


#: Rows per strip for the full-size edge pass.
STRIP_ROWS = 256
#: Bars up to this share of the longer side wide are looked for in a blown-out sky...
THIN_BAR = 0.004
#: ...and stay out of the sky when they are this many levels (of 255) darker than around them
#: (partly between the two).
BAR_LEVELS = (1.0, 3.5)
#: ...and when nothing around them (twice that width) is more than this many levels darker
#: than white.
BAR_QUIET = 40


def crisp_edges(rgb: np.ndarray, alpha: FloatImage, sky_small: FloatImage) -> None:
    """Hold the enlarged alpha to the full-size photo's own edges, in place.

    The alpha is worked out on a smaller copy, so enlarged it spills a pixel or two over frames,
    sash rails and muntins. At full size, a pixel clearly darker than the old sky behind it or
    of another colour (see ``likeness``) cannot be sky, whatever the smaller copy said.
    """
    h, w = alpha.shape
    found = box_of(alpha > 0)
    if found is None:
        return
    c0, c1 = found[2], found[3]
    k = max(5, round(THIN_BAR * max(h, w)) | 1)
    margin = 2 * k
    # enlarged plane by plane: no full-size split
    sky_planes = cv2.split(np.ascontiguousarray(sky_small))
    for r0 in range(found[0], found[1], STRIP_ROWS):
        r1 = min(h, r0 + STRIP_ROWS)
        box = box_of(alpha[r0:r1, c0:c1] > 0)
        if box is None:
            continue
        # every pixel of the strip's sky box at once: picking the sky's pixels out one by one
        # costs more than working out the rest too (where alpha is 0, the minimum keeps it 0)
        cols = (c0 + box[2], c0 + box[3])
        a = alpha[r0:r1, cols[0]:cols[1]]
        img = [c.astype(np.float32) * np.float32(1.0 / 255.0)
               for c in cv2.split(np.ascontiguousarray(rgb[r0:r1, cols[0]:cols[1]]))]
        old = [enlarge_window(c, (h, w), (r0, r1), cols) for c in sky_planes]
        keep = likeness(img, old)
        # thin bars a few levels darker than a blown-out sky (white muntins, a fan light's
        # spokes): a closing fills them, so the difference finds them
        m0, m1 = max(0, r0 - margin), min(h, r1 + margin)
        n0, n1 = max(c0, cols[0] - margin), min(c1, cols[1] + margin)
        gray = cv2.cvtColor(np.ascontiguousarray(rgb[m0:m1, n0:n1]), cv2.COLOR_RGB2GRAY)
        bars = cv2.morphologyEx(gray, cv2.MORPH_BLACKHAT, np.ones((k, k), np.uint8))
        # only in open glass: next to leaves or a frame such dips are the fringe of those
        darkest = cv2.erode(gray, np.ones((2 * k + 1, 2 * k + 1), np.uint8))
        bars[darkest < 255 - BAR_QUIET] = 0
        bars = bars[r0 - m0 : r1 - m0, cols[0] - n0 : cols[1] - n0].astype(np.float32)
        flat = smoothstep(0.95, 0.985, np.minimum(np.minimum(old[0], old[1]), old[2]))
        keep = np.minimum(keep, 1.0 - flat * smoothstep(BAR_LEVELS[0], BAR_LEVELS[1], bars))
        np.minimum(a, keep, out=a)


#: A window's sky counts as blown out when this share of it is near white...
BLOWN_SHARE = 0.5
#: ...near white meaning every channel at least this.
NEAR_WHITE = 0.95


def colour_weight(small: FloatImage, support: BoolImage) -> FloatImage:
    """Which found pixels the old sky colour is read from.

    In a blown-out window the found sky also holds the pale frame and sill in its glare; read
    there, the old sky would come out grey, and then a grey frame would look like it. So in a
    window that is mostly near white, only its near-white pixels count.
    """
    white = lowest_channel(small) >= NEAR_WHITE
    n, lab = cv2.connectedComponents(support.astype(np.uint8), connectivity=8)
    if n <= 1:
        return support.astype(np.float32)
    total = np.bincount(lab.ravel(), minlength=n)
    whites = np.bincount(lab.ravel(), weights=white.ravel(), minlength=n)
    blown = whites >= BLOWN_SHARE * np.maximum(total, 1)
    blown[0] = False
    keep = support & (~blown[lab] | white)
    return keep.astype(np.float32)


def refine(rgb: np.ndarray, support_small: BoolImage, *, fade: bool = True,
           mid: np.ndarray | None = None) -> FloatImage:
    """Full-size alpha from the sky found at the working size.

    Inside the found sky grown by a few pixels, each pixel gets its likeness to the old sky
    colour (so frames, slats and leaves drop out), the result is smoothed along the photo's own
    edges by a guided filter at ``MID_LONG`` and enlarged. ``fade``: fade out below the horizon.
    ``mid``: the photo already box-filtered down to ``MID_LONG`` (uint8), when there is one.
    """
    h, w = rgb.shape[:2]
    small_hw = support_small.shape
    long_small = max(small_hw)
    if not support_small.any():
        return np.zeros((h, w), np.float32)
    mid_hw = scaled_size(h, w, MID_LONG)
    if mid is None or mid.shape[:2] != mid_hw:
        mid = resize(rgb, mid_hw, area=True)
    mid = mid.astype(np.float32) / 255.0
    small = resize(mid, small_hw, area=True)
    sky_small = old_sky_colour(small, colour_weight(small, support_small))
    # where the sky may be: the kept evidence grown by a few pixels
    zone_small = cv2.dilate(support_small.astype(np.uint8), disk(max(2, long_small // 200)))
    zone = resize(zone_small.astype(np.float32), mid_hw) > 0.5
    old_mid = resize(sky_small, mid_hw)
    alpha = edge_alpha(mid, old_mid, likeness(mid, old_mid) * zone)
    # the guided filter cleans speckles and softens leaves, but it also smears a clean step
    # over a few pixels on both sides; the likeness is already exact at such steps, so the
    # filtered alpha is held between a one-pixel erosion and a one-pixel dilation of it
    radius = max(1, max(mid_hw) // 640)
    smooth = np.asarray(
        cv2.ximgproc.guidedFilter(mid, alpha.astype(np.float32), radius, 2e-4), np.float32
    )
    cross = np.ones((3, 3), np.uint8)
    alpha = alpha.astype(np.float32)
    upper = cv2.dilate(alpha, cross)
    lower = cv2.erode(alpha, cross)
    alpha = np.clip(np.minimum(np.maximum(smooth, lower), upper), 0.0, 1.0)
    # a blown-out window's thin bars, kept whole along their length
    # (blown-out: near white once the bar itself is closed over)
    white = cv2.dilate(lowest_channel(mid), np.ones((BAR_KERNEL, BAR_KERNEL), np.uint8))
    glass = zone & (white >= NEAR_WHITE)
    grey = cv2.cvtColor(mid, cv2.COLOR_RGB2GRAY) * np.float32(255.0)
    bars = straight_bars(grey, glass, alpha >= 0.5)
    full = np.asarray(resize(alpha.astype(np.float32), (h, w)), dtype=np.float32)
    crisp_edges(rgb, full, sky_small)
    drop_frame_glare(rgb, full)
    hold_to_edges(rgb, full)
    # last: cut up by the bars, the glare on a frame would be pieces too small to judge
    keep_bars(full, bars)
    if fade:
        full *= horizon_fade(h)[:, None]
    # full[full < ALPHA_FLOOR] = 0, in one pass: OpenCV keeps what is above the float just below
    full = np.asarray(cv2.threshold(full, _BELOW_FLOOR, 0.0, cv2.THRESH_TOZERO, dst=full)[1])
    return np.clip(full, 0.0, 1.0, out=full)
