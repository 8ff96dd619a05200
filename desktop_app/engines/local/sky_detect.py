"""Finding the sky seen through windows, with classical image processing.

The work is done on a small copy of the photo (longest side ``WORK_LONG``):

1. Per-pixel evidence: blown-out pixels (every channel near 255) and pale pixels that are among
   the brightest of the photo, neutral or bluish (never warm, never greener than blue) and
   smooth once thin dark lines (muntins, blind slats) are closed over.
2. Evidence is grouped into candidate regions and every region is judged as a whole: size,
   clipped fraction, how sharply it stands out from its surroundings (a window is enclosed by a
   darker frame; a white wall or ceiling fades out softly), the colour of its fringe (lamps and
   sunlit walls are warm), foliage or landscape around it, its height in the frame (sky is
   above the horizon; floors, table tops and their reflections are below it), contact with the
   bottom or the top border (floors, ceilings), its thickness. Weak regions right next to a
   kept one (the other sash of the same window) are kept too, as are small sky-like bits inside
   a kept window (gaps between leaves).
3. Real-estate photos are shot with a level camera, so the horizon runs near the middle: no
   sky is looked for well below it and the alpha fades out across it. Inside each window,
   blown-out areas lying under visible landscape (a lawn under the houses) are not sky
   (``sky_windows``).
4. The alpha is rebuilt at ``MID_LONG`` from how close each pixel is to the local old sky
   colour, so frames, mullions, slats and leaves drop out; edge pixels are unmixed against the
   colour in front of them; a guided filter cleans it up without smearing clean steps, and it
   is enlarged to full size. There, pieces of sky that are mostly short of clipped amid
   blown-out glass are the glare on its frame, and go (``sky_windows``); along the sky's
   boundary the alpha is held to the photo's own edges (``sky_edges``).

Every threshold was tuned by eye on the shared listing photos and is checked by
``tests/test_local_sky.py`` and ``benchmarks/bench_sky.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from desktop_app.engines.local.sky_edges import hold_to_edges
from desktop_app.engines.local.sky_util import (
    HARD_CLIP,
    BoolImage,
    FloatImage,
    disk,
    enlarge_window,
    local_std,
    luminance,
    resize,
    scaled_size,
    smoothstep,
)
from desktop_app.engines.local.sky_windows import drop_frame_glare, suppress_ground

#: Longest side of the copy on which regions are found.
WORK_LONG = 640
#: Longest side of the copy on which the alpha edges are refined.
MID_LONG = 1280
#: Sky is not looked for below this height (share of the photo height, from the top)...
HORIZON_CUT = 0.6
#: ...and the alpha fades out between these heights.
HORIZON_FADE = (0.5, 0.54)
#: Fractional alpha along sky edges is raised to this power (< 1: towards the sky, no halo).
EDGE_GAMMA = 0.6
#: Alpha below this is set to exactly 0, so untouched pixels stay untouched.
ALPHA_FLOOR = 0.02
#: Longest side of the copy on which the old sky colour is estimated.
OLD_SKY_LONG = 320


@dataclass
class Features:
    """Per-pixel measurements of the small working copy (all float32 in [0, 1] unless noted)."""

    rgb: FloatImage
    lum: FloatImage
    sat: FloatImage
    tex: FloatImage
    clipped: BoolImage
    warm: FloatImage  # red minus blue
    bright_ref: float  # the luma of the brightest 1 % of the photo
    tex_raw: FloatImage  # smoothness before the closing
    raw: FloatImage  # the small copy itself


@dataclass
class Region:
    """One candidate region and the measurements it is judged on."""

    label: int
    core: BoolImage  # evidence pixels inside it
    area: float  # evidence pixels / photo pixels
    clip_frac: float
    lum_in: float
    drop: float  # luma inside minus luma of the surrounding ring (3-6 px away)
    dark_frac: float  # fraction of the ring clearly darker than the inside
    warm_fringe: float  # median red-minus-blue of the bright pixels just outside
    tex_in: float
    top: float
    bottom: float
    cy: float
    touches_top: bool
    touches_bottom: bool
    outdoor_adj: float  # fraction of the nearby ring that looks like foliage or landscape
    bluish: bool  # most of the evidence is blue-tinted (a visible sky, not a white wall)
    thickness: float  # diameter of the widest disc that fits inside, over the longer side
    framed: float  # fraction of the outline that runs along a long straight edge (a frame)
    reasons: list[str] = field(default_factory=list)

    @property
    def kept(self) -> bool:
        return not self.reasons


def features(small_rgb: FloatImage, hard_clip: FloatImage) -> Features:
    """Measurements of the small copy; ``hard_clip`` is the share of full-size pixels behind each
    small pixel that are blown out.

    Brightness, colour and smoothness are read after a small grey-level closing, which fills thin
    dark lines (muntins, blind slats, wires) with the sky around them: a window behind blinds is
    then as smooth as an open one.
    """
    k = np.ones((3, 3), np.uint8)
    seen = np.asarray(cv2.morphologyEx(small_rgb, cv2.MORPH_CLOSE, k), dtype=np.float32)
    r, b = seen[..., 0], seen[..., 2]
    lum = luminance(seen)
    mx = seen.max(axis=2)
    mn = seen.min(axis=2)
    sat = ((mx - mn) / np.maximum(mx, 1e-3)).astype(np.float32)
    tex = local_std(lum, 5)
    clipped = (hard_clip >= 0.5) & (mn >= 0.95)
    bright_ref = float(np.percentile(lum, 99.0))
    return Features(
        seen,
        lum,
        sat,
        tex,
        clipped,
        (r - b).astype(np.float32),
        bright_ref,
        tex_raw=local_std(luminance(small_rgb), 5),
        raw=small_rgb,
    )


def evidence(f: Features) -> BoolImage:
    """Pixels that could be sky: blown out, or pale, cool or neutral, smooth and bright."""
    r, g, b = f.rgb[..., 0], f.rgb[..., 1], f.rgb[..., 2]
    bluish = (b >= r + 0.015) & (b >= g - 0.03) & (f.sat <= 0.5)
    neutral = (f.sat <= 0.14) & (f.warm <= 0.035)
    pale_level = max(0.62, f.bright_ref - 0.09)
    # a sky is never greener than it is blue: pale green is sunlit foliage
    greenish = g > np.maximum(r, b) + 0.012
    # a bluish sky seen through bare branches is busy; a grey one must be smooth
    pale = (f.lum >= pale_level) & ((bluish & (f.tex <= 0.05)) | (neutral & (f.tex <= 0.03)))
    pale &= ~greenish
    blown = f.clipped & (f.tex <= 0.04)
    return np.asarray(blown | pale, dtype=bool)


def _ring(mask: BoolImage, d0: float, d1: float) -> BoolImage:
    dt = cv2.distanceTransform((~mask).astype(np.uint8), cv2.DIST_L2, 3)
    return np.asarray((dt > d0) & (dt <= d1), dtype=bool)


#: A straight edge counts as part of a frame when it is at least this long (share of the longer
#: side of the working copy).
FRAME_EDGE = 0.04


def straight_edges(f: Features) -> BoolImage:
    """Pixels within a pixel of a long straight edge of the photo: frames, sashes, beams."""
    gray = np.clip(luminance(f.raw) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    h, w = gray.shape
    out = np.zeros((h, w), np.uint8)
    found = cv2.createLineSegmentDetector().detect(gray)[0]
    if found is None:
        return out > 0
    shortest = FRAME_EDGE * max(h, w)
    for x1, y1, x2, y2 in found.reshape(-1, 4):
        if np.hypot(x2 - x1, y2 - y1) >= shortest:
            cv2.line(out, (round(x1), round(y1)), (round(x2), round(y2)), 1, 3)
    return out > 0


def measure_regions(f: Features, core: BoolImage) -> tuple[np.ndarray, list[Region]]:
    h, w = core.shape
    n_px = float(h * w)
    grouped = cv2.morphologyEx(core.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grouped, connectivity=8)
    labels = labels.astype(np.int32)
    regions: list[Region] = []
    edges = straight_edges(f)
    pad = 14
    blue_tint = (f.rgb[..., 2] >= f.rgb[..., 0] + 0.015) & ~f.clipped
    # leaves, branches, lawn: textured but not warm (gilding, wood), or green
    raw = f.raw
    raw_sat = (raw.max(axis=2) - raw.min(axis=2)) / np.maximum(raw.max(axis=2), 1e-3)
    landscape_like = ((f.tex_raw > 0.035) & (f.warm < 0.08)) | (
        (raw[..., 1] > raw[..., 0]) & (raw[..., 1] >= raw[..., 2]) & (raw_sat > 0.12)
    )
    # ...but not the folds of a deep blue curtain: no view is that blue
    landscape_like &= ~((raw[..., 2] > raw[..., 1] + 0.08) & (raw_sat > 0.35))
    for i in range(1, n):
        x0, y0, bw, bh = (int(v) for v in stats[i, :4])
        x1, y1 = x0 + bw, y0 + bh
        box = slice(y0, y1), slice(x0, x1)
        area = float(np.count_nonzero(core[box] & (labels[box] == i))) / n_px
        if area < 0.0006:
            continue
        # measure on a padded crop around the region, for speed
        cy0, cy1 = max(0, y0 - pad), min(h, y1 + pad)
        cx0, cx1 = max(0, x0 - pad), min(w, x1 + pad)
        m = labels[cy0:cy1, cx0:cx1] == i
        c = m & core[cy0:cy1, cx0:cx1]
        lum = f.lum[cy0:cy1, cx0:cx1]
        ring = _ring(m, 2.5, 6.5)
        outline = _ring(m, 0.5, 2.5)
        near = _ring(m, 0.5, 4.5)
        wide = _ring(m, 0.5, 12.5)
        lum_in = float(np.median(lum[c]))
        ring_l = lum[ring]
        lum_ring = float(np.median(ring_l)) if ring_l.size else lum_in
        near_bright = near & (lum > 0.6)
        warm = f.warm[cy0:cy1, cx0:cx1]
        warm_fringe = float(np.median(warm[near_bright])) if near_bright.any() else 0.0
        ys = np.nonzero(c)[0] + cy0
        reg = Region(
            label=i,
            core=(labels == i) & core,
            area=area,
            clip_frac=float(np.mean(f.clipped[cy0:cy1, cx0:cx1][c])),
            lum_in=lum_in,
            drop=lum_in - lum_ring,
            dark_frac=float(np.mean(ring_l < lum_in - 0.15)) if ring_l.size else 0.0,
            warm_fringe=warm_fringe,
            tex_in=float(np.mean(f.tex[cy0:cy1, cx0:cx1][c])),
            top=y0 / h,
            bottom=y1 / h,
            cy=float(ys.mean()) / h,
            touches_top=y0 == 0,
            touches_bottom=y1 >= h,
            outdoor_adj=float(np.mean(landscape_like[cy0:cy1, cx0:cx1][wide]))
            if wide.any()
            else 0.0,
            bluish=bool(np.mean(blue_tint[cy0:cy1, cx0:cx1][c]) > 0.5),
            thickness=2.0
            * float(cv2.distanceTransform(m.astype(np.uint8), cv2.DIST_L2, 3).max())
            / max(h, w),
            framed=float(np.mean(edges[cy0:cy1, cx0:cx1][outline])) if outline.any() else 0.0,
        )
        judge(reg, f)
        regions.append(reg)
    return labels, regions


def judge(r: Region, f: Features) -> None:
    """Fill ``r.reasons`` with every reason the region is not sky (empty: it is kept).

    The thresholds were tuned by eye on real listing photos (see ``benchmarks/bench_sky.py``).
    """
    blown = r.clip_frac >= 0.5
    if r.touches_bottom:
        r.reasons.append("touches the bottom")  # floors, table tops
    if r.touches_top:
        r.reasons.append("touches the top")  # ceilings, ceiling lights
    if r.cy > 0.6 or r.top > 0.55:
        r.reasons.append("below the horizon")  # sunlit floor, reflections, lamps on tables
    if r.tex_in > (0.032 if r.bluish else 0.022):
        r.reasons.append("textured")
    if r.warm_fringe > 0.10:
        r.reasons.append("warm fringe")  # lamp shades, sunlit walls
    if r.bottom < 0.22 and not (r.drop > 0.2 and r.dark_frac > 0.65):
        r.reasons.append("bright patch on the ceiling")
    if blown:
        if r.drop < 0.045:
            r.reasons.append("fades out like a wall")
        if (r.framed < 0.45 and r.outdoor_adj < 0.4) or (r.framed < 0.3 and r.outdoor_adj < 0.5):
            # a blown-out wall, ceiling or lamp shade: no frame around it and no view (the
            # weaker the frame, the clearer the view must be)
            r.reasons.append("no frame and no view around it")
        if r.area < 0.004 and r.dark_frac < 0.35 and r.outdoor_adj < 0.4:
            r.reasons.append("small and not framed")
    else:
        if r.lum_in < max(0.75, f.bright_ref - 0.1):
            r.reasons.append("not among the brightest")
        if r.outdoor_adj < 0.45 or r.dark_frac < 0.3 or r.drop < 0.1:
            r.reasons.append("pale, with no view around it")
        if r.area < 0.0012:
            r.reasons.append("tiny")
        if r.thickness < 0.015:
            r.reasons.append("a thin strip")  # the lit edge of a wall or a door
        if r.top > 0.45:
            r.reasons.append("starts too low for a pale sky")  # a lit sill, a white radiator


def find_regions(
    small_rgb: FloatImage, hard_clip: FloatImage
) -> tuple[Features, np.ndarray, list[Region]]:
    f = features(small_rgb, hard_clip)
    core = evidence(f)
    labels, regions = measure_regions(f, core)
    rescue_neighbours(regions, core.shape)
    return f, labels, regions


#: Reasons that only say "not sure on its own"; a region rejected for these alone is kept when
#: it sits right next to a kept one (the other sash or pane of the same window).
WEAK_REASONS = {"pale, with no view around it", "small and not framed", "tiny"}


def rescue_neighbours(regions: list[Region], hw: tuple[int, int]) -> None:
    kept = np.zeros(hw, np.uint8)
    for r in regions:
        if r.kept:
            kept |= r.core.astype(np.uint8)
    if not kept.any():
        return
    near = cv2.dilate(kept, disk(max(2, round(0.02 * max(hw))))) > 0
    for r in regions:
        if r.reasons and set(r.reasons) <= WEAK_REASONS and (near & r.core).any():
            r.reasons.clear()


def work_copy(rgb: np.ndarray, long_side: int = WORK_LONG) -> tuple[FloatImage, FloatImage]:
    """The small float copy, and the share of blown-out full-size pixels behind each pixel."""
    hw = scaled_size(rgb.shape[0], rgb.shape[1], long_side)
    small = (resize(rgb, hw, area=True).astype(np.float32) / 255.0).astype(np.float32)
    lowest = cv2.min(cv2.min(rgb[..., 0], rgb[..., 1]), rgb[..., 2])
    _, hard = cv2.threshold(lowest, HARD_CLIP - 1, 255, cv2.THRESH_BINARY)
    return small, (resize(hard, hw, area=True).astype(np.float32) / 255.0).astype(np.float32)


def sky_support(f: Features, core: BoolImage, regions: list[Region]) -> BoolImage:
    """The sky at the working size: kept regions, nearby sky-like bits, minus clipped ground."""
    h, w = core.shape
    kept = np.zeros((h, w), bool)
    for r in regions:
        if r.kept:
            kept |= r.core
    if not kept.any():
        return kept
    # small sky-like bits inside a kept window: gaps between leaves, panes cut by a frame (not
    # the bulbs of a lantern hanging just above it)
    boxes = []
    pad = 0.01 * max(h, w)
    for r in regions:
        if r.kept:
            ys, xs = np.nonzero(r.core)
            boxes.append((ys.min() - pad, ys.max() + pad, xs.min() - pad, xs.max() + pad))
    near = cv2.dilate(kept.astype(np.uint8), disk(max(2, round(0.02 * max(h, w))))) > 0
    _, lab, stats, cents = cv2.connectedComponentsWithStats(core.astype(np.uint8), connectivity=8)
    touching = np.unique(lab[near & core])
    for i in touching:
        if i == 0:
            continue
        _, y, _, hh, area = stats[i]
        cx, cy = cents[i]
        inside = any(b[0] <= cy <= b[1] and b[2] <= cx <= b[3] for b in boxes)
        if inside and area <= 0.004 * h * w and y + hh < h and (y + hh / 2) / h < 0.62:
            kept |= lab == i
    kept[int(HORIZON_CUT * h) :, :] = False
    kept &= ~near_light_sources(f)
    return suppress_ground(f, kept)


#: No sky within this share of the longer side of a lit bulb...
LIGHT_REACH = 0.035
#: ...nor within this many times that distance straight below a fixture of at least
#: ``LANTERN_BULBS`` bulbs.
LANTERN_DEPTH = 1.25
LANTERN_BULBS = 3


def near_light_sources(f: Features) -> BoolImage:
    """Discs around small blown-out spots with a warm glow: the bulbs and candles of a lamp,
    a pendant or a lantern. Its glass shows whatever is behind it, a bright window too, but sky
    painted there is a blue blob on a chandelier."""
    h, w = f.lum.shape
    spots = (f.raw.min(axis=2) >= 0.97).astype(np.uint8)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(spots, connectivity=8)
    bulbs = np.zeros((h, w), np.uint8)
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if area < 2 or area > 0.0004 * h * w:
            continue
        y0, y1 = max(0, y - 5), min(h, y + bh + 5)
        x0, x1 = max(0, x - 5), min(w, x + bw + 5)
        glow = _ring(lab[y0:y1, x0:x1] == i, 1.5, 4.5)
        if glow.any() and float(np.median(f.warm[y0:y1, x0:x1][glow])) >= 0.08:
            bulbs[lab == i] = 1
    if not bulbs.any():
        return bulbs > 0
    reach = round(LIGHT_REACH * max(h, w))
    zone = cv2.dilate(bulbs, disk(reach))
    # a chandelier or a lantern (several bulbs together) hangs: its glass and its base reach
    # further below the bulbs than above them
    n, lab = cv2.connectedComponents(zone, connectivity=8)
    counted = cv2.connectedComponents(bulbs, connectivity=8)[1]
    fixtures = np.zeros((h, w), np.uint8)
    for i in range(1, n):
        if np.unique(counted[(lab == i) & (bulbs > 0)]).size >= LANTERN_BULBS:
            fixtures[(lab == i) & (bulbs > 0)] = 1
    depth = round(LANTERN_DEPTH * reach)
    below = np.zeros((2 * depth + 1, 2 * reach + 1), np.uint8)
    below[: depth + 1, :] = 1
    return (zone > 0) | (cv2.dilate(fixtures, below) > 0)


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


def likeness(rgb: FloatImage, sky: FloatImage) -> FloatImage:
    """How much each pixel looks like the sky colour behind it (1: the same, 0: clearly not).

    Anything darker than the sky in some channel (frames, slats, leaves, houses) or of another
    hue is not sky; pixels brighter than a pale sky still are. A blown-out sky is perfectly flat,
    so there the tolerance is tight (a washed-out house is still a house); a pale sky varies
    more, so there it is looser.
    """
    # channel by channel: reductions over a last axis of three are slow in NumPy
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    sr, sg, sb = sky[..., 0], sky[..., 1], sky[..., 2]
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
    num = cv2.GaussianBlur(img * sure_not[..., None], (0, 0), 2.0)
    fg = num / np.maximum(den, 1e-6)[..., None]
    diff = sky - fg
    contrast = np.sum(diff * diff, axis=2)
    solved = np.sum((img - fg) * diff, axis=2) / np.maximum(contrast, 1e-6)
    usable = band & (den > 0.05) & (contrast > 0.01)
    out = like.copy()
    out[usable] = np.clip(solved[usable], 0.0, 1.0)
    # the glow of a blown-out window makes edge pixels look more mixed than they are: lean
    # towards the new sky so the edge does not keep a pale halo
    out[band] = out[band] ** EDGE_GAMMA
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
    rows = np.nonzero((alpha > 0).any(axis=1))[0]
    cols = np.nonzero((alpha > 0).any(axis=0))[0]
    if rows.size == 0:
        return
    c0, c1 = int(cols[0]), int(cols[-1]) + 1
    k = max(5, round(THIN_BAR * max(h, w)) | 1)
    margin = 2 * k
    for r0 in range(int(rows[0]), int(rows[-1]) + 1, STRIP_ROWS):
        r1 = min(h, r0 + STRIP_ROWS)
        a = alpha[r0:r1, c0:c1]
        sky = a > 0
        if not sky.any():
            continue
        img = rgb[r0:r1, c0:c1][sky].astype(np.float32) * (1.0 / 255.0)
        old_strip = enlarge_window(sky_small, (h, w), (r0, r1), (c0, c1))
        old = old_strip[sky]
        keep = likeness(img, old)
        # thin bars a few levels darker than a blown-out sky (white muntins, a fan light's
        # spokes): a closing fills them, so the difference finds them
        m0, m1 = max(0, r0 - margin), min(h, r1 + margin)
        gray = cv2.cvtColor(np.ascontiguousarray(rgb[m0:m1, c0:c1]), cv2.COLOR_RGB2GRAY)
        bars = cv2.morphologyEx(gray, cv2.MORPH_BLACKHAT, np.ones((k, k), np.uint8))
        # only in open glass: next to leaves or a frame such dips are the fringe of those
        darkest = cv2.erode(gray, np.ones((2 * k + 1, 2 * k + 1), np.uint8))
        bars[darkest < 255 - BAR_QUIET] = 0
        bars = bars[r0 - m0 : r0 - m0 + (r1 - r0)][sky].astype(np.float32)
        flat = smoothstep(0.95, 0.985, np.minimum(np.minimum(old[:, 0], old[:, 1]), old[:, 2]))
        keep = np.minimum(keep, 1.0 - flat * smoothstep(BAR_LEVELS[0], BAR_LEVELS[1], bars))
        a[sky] = np.minimum(a[sky], keep)


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
    white = small.min(axis=2) >= NEAR_WHITE
    n, lab = cv2.connectedComponents(support.astype(np.uint8), connectivity=8)
    if n <= 1:
        return support.astype(np.float32)
    total = np.bincount(lab.ravel(), minlength=n)
    whites = np.bincount(lab.ravel(), weights=white.ravel(), minlength=n)
    blown = whites >= BLOWN_SHARE * np.maximum(total, 1)
    blown[0] = False
    keep = support & (~blown[lab] | white)
    return keep.astype(np.float32)


def refine(rgb: np.ndarray, support_small: BoolImage, *, fade: bool = True) -> FloatImage:
    """Full-size alpha from the sky found at the working size.

    Inside the found sky grown by a few pixels, each pixel gets its likeness to the old sky
    colour (so frames, slats and leaves drop out), the result is smoothed along the photo's own
    edges by a guided filter at ``MID_LONG`` and enlarged. ``fade``: fade out below the horizon.
    """
    h, w = rgb.shape[:2]
    small_hw = support_small.shape
    long_small = max(small_hw)
    if not support_small.any():
        return np.zeros((h, w), np.float32)
    mid_hw = scaled_size(h, w, MID_LONG)
    mid = resize(rgb, mid_hw, area=True).astype(np.float32) / 255.0
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
    full = np.asarray(resize(alpha.astype(np.float32), (h, w)), dtype=np.float32)
    crisp_edges(rgb, full, sky_small)
    drop_frame_glare(rgb, full)
    hold_to_edges(rgb, full)
    if fade:
        full *= horizon_fade(h)[:, None]
    full[full < ALPHA_FLOOR] = 0.0
    return np.clip(full, 0.0, 1.0, out=full)


def detect(rgb: np.ndarray) -> tuple[FloatImage, dict[str, object]]:
    """Alpha in [0, 1] at full size, and a dictionary of intermediate results for inspection."""
    small, hard = work_copy(rgb)
    f, labels, regions = find_regions(small, hard)
    support = sky_support(f, evidence(f), regions)
    alpha = refine(rgb, support)
    return alpha, {"features": f, "labels": labels, "regions": regions, "support": support}
