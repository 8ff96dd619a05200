"""Candidate sky regions on a small working copy of the photo, and the judgement of each.

Steps 1 and 2 of ``sky_detect``, and the cut at the horizon of step 3: per-pixel evidence of sky
(``evidence``), evidence grouped into regions measured and judged as a whole (``find_regions``),
and the sky kept at the working size (``sky_support``): the kept regions, small sky-like bits
inside them, nothing below the horizon, near a lit bulb or under the landscape of a window.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from desktop_app.engines.local.sky_util import (
    HARD_CLIP,
    BoolImage,
    FloatImage,
    disk,
    highest_channel,
    local_std,
    lowest_channel,
    luminance,
    resize,
    scaled_size,
)
from desktop_app.engines.local.sky_windows import suppress_ground

#: Longest side of the copy on which regions are found.
WORK_LONG = 640
#: Sky is not looked for below this height (share of the photo height, from the top).
HORIZON_CUT = 0.6


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
    mx = highest_channel(seen)
    mn = lowest_channel(seen)
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
    raw_max = highest_channel(raw)
    raw_sat = (raw_max - lowest_channel(raw)) / np.maximum(raw_max, 1e-3)
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
    # every channel at least HARD_CLIP, in one pass over the photo
    hard = cv2.inRange(np.ascontiguousarray(rgb), (HARD_CLIP,) * 3, (255,) * 3)
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
    spots = (lowest_channel(f.raw) >= 0.97).astype(np.uint8)
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
