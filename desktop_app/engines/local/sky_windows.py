"""Cleaning the found sky window by window: what a window shows that is not sky.

- ``suppress_ground``: in a blown-out photo the lawn under the houses is as white as the sky
  (on the small working copy of ``sky_candidates``, on the sky found there);
- ``drop_frame_glare``: the frame, sash and jamb around blown-out glass shine in its glare
  (on the full-size alpha, where the sash's edge between them is seen).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import cv2
import numpy as np

from desktop_app.engines.local.sky_util import (
    HARD_CLIP,
    BoolImage,
    FloatImage,
    box_of,
    disk,
    fill_holes,
)

if TYPE_CHECKING:
    from desktop_app.engines.local.sky_candidates import Features


def suppress_ground(f: Features, sky: BoolImage) -> BoolImage:
    """Remove large blown-out areas that lie below visible landscape inside a window.

    In a blown-out photo the lawn below the houses is often as white as the sky; sky is above
    the landscape, so in each column whatever white lies under a house or a tree is ground,
    unless it is a small gap (between leaves, under a branch).
    """
    h, w = sky.shape
    textured = (f.tex_raw > 0.03) | ((f.sat > 0.18) & (f.lum > 0.15))
    landscape = cv2.morphologyEx(textured.astype(np.uint8), cv2.MORPH_OPEN, disk(2)) > 0
    landscape &= ~sky
    k = max(3, round(0.015 * max(h, w)) | 1)
    windows = cv2.morphologyEx(sky.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, lab = cv2.connectedComponents(windows, connectivity=8)
    out = sky.copy()
    for i in range(1, n):
        ys, xs = np.nonzero(lab == i)
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        win_sky = sky[y0:y1, x0:x1] & (lab[y0:y1, x0:x1] == i)
        # whatever is not sky inside the window outline and thicker than a muntin or a rail
        hull = fill_holes(lab[y0:y1, x0:x1] == i)
        inside = hull & ~sky[y0:y1, x0:x1]
        inside = cv2.morphologyEx(inside.astype(np.uint8), cv2.MORPH_OPEN, disk(3)) > 0
        land = ((landscape[y0:y1, x0:x1] & hull) | inside).astype(np.uint8)
        # long straight bars are parts of the window (rails, sills, mullions), not the view
        bh, bw = y1 - y0, x1 - x0
        across = np.ones((1, max(3, int(0.35 * bw))), np.uint8)
        down = np.ones((max(3, int(0.35 * bh)), 1), np.uint8)
        bars = np.maximum(
            cv2.morphologyEx(land, cv2.MORPH_OPEN, across),
            cv2.morphologyEx(land, cv2.MORPH_OPEN, down),
        )
        solid_land = (land > 0) & ~(cv2.dilate(bars, np.ones((5, 5), np.uint8)) > 0)
        # only solid landscape blobs count (a house, a tree), not a stray textured pixel
        nl, llab, lst, _ = cv2.connectedComponentsWithStats(
            solid_land.astype(np.uint8), connectivity=8
        )
        solid = np.zeros_like(solid_land)
        for j in range(1, nl):
            area = lst[j, cv2.CC_STAT_AREA]
            top, height = lst[j, cv2.CC_STAT_TOP], lst[j, cv2.CC_STAT_HEIGHT]
            # houses, trees, hedges: in the lower part of the window, not a lamp hanging at the top
            width = lst[j, cv2.CC_STAT_WIDTH]
            if (
                area >= max(12, 0.0002 * h * w)
                and width >= 0.05 * bw
                and width < 8 * height  # a meeting rail or a sill is a bar, not a house
                and top + height / 2 > 0.45 * bh
            ):
                solid |= llab == j
        if not solid.any():
            continue
        below = _below_horizon(solid, max_gap=0.4 * bw)
        ground = win_sky & below
        gn, glab, gst, gcen = cv2.connectedComponentsWithStats(
            ground.astype(np.uint8), connectivity=8
        )
        limit = max(0.05 * np.count_nonzero(win_sky), 0.001 * h * w)
        sub = out[y0:y1, x0:x1]
        for j in range(1, gn):
            area = gst[j, cv2.CC_STAT_AREA]
            reaches_bottom = gst[j, cv2.CC_STAT_TOP] + gst[j, cv2.CC_STAT_HEIGHT] >= 0.88 * bh
            if gcen[j][1] > 0.5 * bh and (area >= limit or reaches_bottom or area >= 4):
                sub[glab == j] = False
    return out


def _below_horizon(solid: BoolImage, max_gap: float) -> BoolImage:
    """True at and under the first landscape pixel of each column.

    Columns without landscape between two that have some take the lower of their two lines
    when the gap is narrower than ``max_gap`` (the lawn between two houses, under a porch
    post). When the landscape spans most of the window, the line runs on flat to its sides
    too: a view's horizon is level, and a blown-out lawn beside a house is still lawn.
    """
    h, w = solid.shape
    has = solid.any(axis=0)
    first = np.where(has, np.argmax(solid, axis=0), -1).astype(np.float32)
    cols = np.nonzero(has)[0]
    if cols.size >= 2:
        for a, b in itertools.pairwise(cols):
            if 1 < b - a <= max_gap:
                first[a + 1 : b] = max(first[a], first[b])
    if cols.size and cols[-1] - cols[0] >= SPAN_FOR_LEVEL_HORIZON * w:
        first[: cols[0]] = first[cols[0]]
        first[cols[-1] + 1 :] = first[cols[-1]]
    rows = np.arange(h, dtype=np.float32)[:, None]
    return np.asarray((first[None, :] >= 0) & (rows >= first[None, :]), dtype=bool)


#: Landscape spanning this share of a window's width sets a level horizon across all of it.
SPAN_FOR_LEVEL_HORIZON = 0.6


#: Sky whose surroundings (this share of the longer side around it) are at least...
GLARE_REACH = 0.015
#: ...this share clipped is blown-out glass; a piece of it less than this share clipped is the
#: glare on a frame.
BLOWN_SHARE = 0.5
#: Pieces smaller than this share of the photo are not judged: a gap between leaves or slats
#: is too small to tell, its edges mixing with what is in front of it.
GLARE_MIN_AREA = 1e-4


def drop_frame_glare(rgb: np.ndarray, alpha: FloatImage) -> None:
    """Remove the glare on the frames around blown-out glass from the full-size ``alpha``, in
    place.

    Blown-out glass is clipped to pure white. The frame, the sash and the jamb around it shine
    in its glare, nearly as white but mostly short of clipped, and the darker edge of the sash
    cuts them off from the glass. So a piece of sky that is mostly not clipped, amid sky that
    mostly is, is a frame, not the view. Pale skies (little clipped around them) stay.
    """
    found = box_of(alpha > 0.5)
    if found is None:
        return
    h, w = alpha.shape
    m = round(GLARE_REACH * max(h, w))
    r0, r1 = max(0, found[0] - m), min(h, found[1] + m)
    c0, c1 = max(0, found[2] - m), min(w, found[3] + m)
    a = alpha[r0:r1, c0:c1]
    crop = rgb[r0:r1, c0:c1]
    sure = (a > 0.5).astype(np.uint8)
    clipped = sure & (cv2.min(cv2.min(crop[..., 0], crop[..., 1]), crop[..., 2]) >= HARD_CLIP)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(sure, connectivity=4)
    area = stats[:, cv2.CC_STAT_AREA]
    lit = np.bincount(lab[clipped > 0], minlength=n)
    # the share clipped of all the sky in a box around each piece (the piece included: a strip
    # beside the glass is not judged against the glass alone)
    sum_sure = cv2.integral(sure)
    sum_clipped = cv2.integral(clipped)
    ch, cw = sure.shape
    gone = np.zeros(n, bool)
    judged = (lit < BLOWN_SHARE * area) & (area >= GLARE_MIN_AREA * h * w)
    judged[0] = False
    for i in np.nonzero(judged)[0]:
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        y0, y1 = max(0, y - m), min(ch, y + bh + m)
        x0, x1 = max(0, x - m), min(cw, x + bw + m)
        around = sum_sure[y1, x1] - sum_sure[y0, x1] - sum_sure[y1, x0] + sum_sure[y0, x0]
        around_lit = (
            sum_clipped[y1, x1] - sum_clipped[y0, x1] - sum_clipped[y1, x0] + sum_clipped[y0, x0]
        )
        gone[i] = around_lit >= BLOWN_SHARE * around
    if not gone.any():
        return
    dropped = gone[lab]
    # with their soft edges: the soft pixels right next to them, and the crumbs near them left
    # with too little sure sky to be judged on their own
    box = np.ones((5, 5), np.uint8)
    near = cv2.dilate(dropped.astype(np.uint8), box)
    a[dropped | ((near > 0) & (sure == 0))] = 0.0
    k, soft = cv2.connectedComponents((a > 0).astype(np.uint8), connectivity=8)
    anchored = np.bincount(soft[a > 0.5], minlength=k) >= GLARE_MIN_AREA * h * w
    crumbs = (np.bincount(soft[cv2.dilate(near, box) > 0], minlength=k) > 0) & ~anchored
    crumbs[0] = False
    a[crumbs[soft]] = 0.0
