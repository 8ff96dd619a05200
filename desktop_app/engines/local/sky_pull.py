"""The view through the windows from both shots of a bracket: the "window pull".

With a darker shot of the same scene (``sky_bracket``) the sky is found where it is, but the new
sky only replaces the sky. Where the photo is blown out, everything else the windows show (a
porch ceiling and its column, the tops of trees, a lawn) is as white as the old sky was, and
stays white around the new one. The darker shot shows all of it.

So, before the sky is painted, the whole glass of each pane of the windows that have sky is
taken from the darker shot, and nothing else is: one exposure inside a pane. Taken only where
the photo is clipped, a lawn stopped in a torn edge among the photo's washed-out bushes and
pale houses. Where it is taken (``pull_view``):

- only in the windows the photo alone is judged to have (``sky_candidates``: blown-out glass
  inside a frame or with a view around it), and the sky found with the darker shot where the
  photo alone saw no window (a skylight); only those holding found sky count, with what they
  enclose (``view_region``). A blown-out wall or ceiling of the room is no window, even where
  its white runs into a skylight's, and stays as it is;
- from pieces that are clipped in the photo and show the view in the darker shot, wider than
  a frame (``_glass``, at the working size ``WEIGHT_LONG``), the pane is followed up to its
  frames (``_panes``): a frame, a sash, a muntin is the photo's cream, or a dull dim grey in
  the darker shot where the photo is a neutral white (``_frame_parts``, at full size, each
  working pixel frame when a good part of it is). It is followed through openings wider than
  a few pixels only (a glare-lit jamb is as bright as the sky in both shots), and takes what
  it encloses (a house, a bush) unless that is a thin straight line, and what its convex
  outline cuts off (the mulch of a flower bed against the rail is as dull as a frame);
- the full size decides the edge: inside the pane all is taken, and in a band of ``BAND``
  working pixels along its outline what the full-size shots show as no frame, smoothed over a
  pixel on the glass's side. Frames, rails and muntins keep the photo's pixels: in the darker
  shot they are a dull grey that would replace their cream.

The darker shot's pixels are taken as they are, aligned to the photo at full size: the view
keeps its exposure. The work at full size runs in strips.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from desktop_app.engines.local.sky_bracket import Pair, check_shape, pair
from desktop_app.engines.local.sky_candidates import Region, find_regions, work_copy
from desktop_app.engines.local.sky_util import (
    ByteImage,
    FloatImage,
    disk,
    enlarge_window,
    fill_holes,
    lowest_channel,
    resize,
    smoothstep,
)

#: Alpha from which a pixel counts as found sky.
SKY_ALPHA = 0.5
#: How clipped a photo pixel is: a ramp on its darkest channel (the blown-out glass is 250 to
#: 255 in every channel; the glare-lit cream frames and muntins have a channel a few levels to
#: a few tens lower, and the darker shot's view weight guards the rest).
CLIPPED = (232.0, 250.0)
#: The darker shot's pixel shows the view, not a backlit frame, when it is bright (a ramp on
#: its grey level) or coloured (a ramp on its saturation, (max - min) / max): a lawn, leaves,
#: the sky. The frames and muntins are a dull grey there.
VIEW_GREY = (120.0, 150.0)
VIEW_SATURATION = (0.26, 0.36)
#: A photo pixel is the frames' cream when its red exceeds its blue by this much and its green
#: its red by no more than ``NEUTRAL``; neutral when its green and blue are within ``NEUTRAL``
#: of its red.
CREAM = 12
NEUTRAL = 4
#: A dull grey in the darker shot: under this grey level and this saturation.
DULL = (130, 0.4)
#: Along the glass's edge, a frame's pixel in the darker shot is under this grey level (its
#: edge pixels, half frame and half view, are a lighter grey than its middle) and this
#: saturation (the glass's own edge is a little green), or this one when it is a warm brown.
EDGE = (150, 0.45, 0.6)
#: Pieces of that frame smaller than this share of the photo are specks.
SPECK = 2e-5
#: How far past the windows a pane's glass is followed, as a share of the longer side: the
#: unclipped bushes at the foot of a pane are outside the windows judged from the photo.
REACH = 0.03
#: A piece cut off a pane's convex outline that spans this share of its width or height
#: crosses it (a rail); a part of one thinner than twice ``BAY_DEPTH`` (pixels at
#: ``WEIGHT_LONG``) is a sliver.
SPAN = 0.8
BAY_DEPTH = 4
#: The narrowest opening (radius, pixels at ``WEIGHT_LONG``) through which a pane's glass
#: is followed.
NECK = 4
#: The half width (pixels at ``WEIGHT_LONG``) of the band along the panes' outlines where the
#: full size decides what is glass.
BAND = 2
#: A straight line of the darker shot's bluish dull grey at least this share of the longer
#: side long is a muntin.
LINE = 0.02
#: The darker shot's dull grey is frame within this many pixels (at ``WEIGHT_LONG``) of a
#: straight run of frame (``LINE`` long).
STRAIGHT_REACH = 2
#: A pixel at ``WEIGHT_LONG`` is frame when more than this share of its full-size pixels is.
FRAME_SHARE = 0.3
#: An enclosed piece that is at least this share frame (and thin, long and straight) is a
#: muntin.
MUNTIN_SHARE = 0.3
#: Pieces of the weight narrower than about twice this share of the longer side are no glass:
#: a jamb or a head lit by glare is as blown out as the glass beside it.
PANE = 0.0055
#: Rows per strip of the full-size work.
STRIP_ROWS = 512

_LEVELS = np.arange(256, dtype=np.float32)
_CLIPPED_LUT = smoothstep(CLIPPED[0], CLIPPED[1], _LEVELS)
_GREY_LUT = smoothstep(VIEW_GREY[0], VIEW_GREY[1], _LEVELS)
#: indexed by the saturation in 255ths
_SATURATION_LUT = smoothstep(VIEW_SATURATION[0], VIEW_SATURATION[1], _LEVELS / 255.0)


def judged_windows(labels: np.ndarray, regions: list[Region]) -> np.ndarray:
    """The regions ``sky_candidates.find_regions`` kept, as one mask at its working size."""
    ids = [r.label for r in regions if r.kept]
    return np.isin(labels, ids) if ids else np.zeros(labels.shape, bool)


def view_region(windows: np.ndarray, alpha_small: FloatImage) -> np.ndarray:
    """The windows that have sky, with what they enclose, at the size of ``alpha_small``
    (bool; see the module notes). ``windows``: ``judged_windows``, at that size."""
    sky = alpha_small > SKY_ALPHA
    # with the sky found with the darker shot where the photo alone saw no window (a skylight)
    glass = windows | sky
    n, lab = cv2.connectedComponents(glass.astype(np.uint8), connectivity=8)
    has_sky = np.zeros(n, bool)
    has_sky[np.unique(lab[sky])] = True
    has_sky[0] = False
    return fill_holes(np.asarray(has_sky[lab]))


def view_weight(bright: np.ndarray, dark: np.ndarray) -> FloatImage:
    """Per pixel, how much of the aligned darker shot ``dark`` replaces ``bright`` (both uint8
    RGB of one size): how clipped the photo is, times how much the darker shot shows the view
    there rather than a frame (see the module notes)."""
    r, g, b = cv2.split(np.ascontiguousarray(bright))
    clipped = cv2.LUT(cv2.min(cv2.min(r, g), b), _CLIPPED_LUT)
    return np.asarray(cv2.multiply(clipped, _shows_view(dark)), np.float32)


def _shows_view(dark: np.ndarray) -> np.ndarray:
    """How much each pixel of the darker shot (uint8 RGB) shows the view rather than a backlit
    frame: bright or coloured (float32, 0 to 1)."""
    dark = np.ascontiguousarray(dark)
    return np.asarray(cv2.max(cv2.LUT(cv2.cvtColor(dark, cv2.COLOR_RGB2GRAY), _GREY_LUT),
                              cv2.LUT(_saturation(dark), _SATURATION_LUT)))


def _full_warp(warp: np.ndarray, small: tuple[int, int], full: tuple[int, int],
               dark_full: tuple[int, int]) -> np.ndarray:
    """``warp`` (``sky_bracket.align`` of the two shots at the size ``small``) for the photo at
    ``full`` and the darker shot at ``dark_full`` (heights, widths), pixel centres kept."""
    scale = np.array([small[1] / full[1], small[0] / full[0]])
    dark_scale = np.array([dark_full[1] / small[1], dark_full[0] / small[0]])
    linear = dark_scale[:, None] * warp[:, :2] * scale[None, :]
    shift = dark_scale * (warp[:, :2] @ (0.5 * scale - 0.5) + warp[:, 2]) + 0.5 * dark_scale - 0.5
    return np.hstack([linear, shift[:, None]])


def _glass(bright_small: np.ndarray, dark_small: np.ndarray, region: np.ndarray) -> np.ndarray:
    """Where the view is taken, at the small size (uint8 0/1): the weight's pieces inside
    ``region`` wider than a frame, grown back over the pane corners the opening rounded."""
    taken = (view_weight(bright_small, dark_small) > 0.5) & region
    r = max(1, round(PANE * max(region.shape)))
    wide = cv2.morphologyEx(taken.astype(np.uint8), cv2.MORPH_OPEN, disk(r))
    return np.asarray(cv2.dilate(wide, disk(r)) & region.astype(np.uint8), np.uint8)


_minus = cv2.subtract  # saturates at 0


def _saturation(rgb: np.ndarray) -> np.ndarray:
    """(max - min) / max of each pixel, in 255ths (uint8)."""
    r, g, b = cv2.split(np.ascontiguousarray(rgb))
    high = cv2.max(cv2.max(r, g), b)
    return cv2.divide(cv2.subtract(high, cv2.min(cv2.min(r, g), b)), high, scale=255.0)


def _cream_grey(bright: np.ndarray, dark: np.ndarray) -> tuple[np.ndarray, ...]:
    """What both frame tests start from (two shots, uint8 RGB of one size, aligned): where the
    photo shows the frames' cream, the darker shot's grey level and saturation, and the
    channels of both."""
    r, g, b = cv2.split(np.ascontiguousarray(bright))
    dr, dg, db = cv2.split(np.ascontiguousarray(dark))
    # the photo's cream: warmer than the view's haze, which is neutral, bluish or green, and
    # not green in the darker shot, as sunlit leaves washed out to a pale yellow are
    # (differences saturate at 0: ``_minus(x, y) <= n`` is x - y <= n)
    cream = (_minus(r, b) >= CREAM) & (_minus(g, r) <= NEUTRAL) & (_minus(dg, dr) <= NEUTRAL)
    # what the glare blows out in the photo is a dull, dim grey in the darker shot
    grey = cv2.cvtColor(np.ascontiguousarray(dark), cv2.COLOR_RGB2GRAY)
    return cream, grey, _saturation(dark), r, g, b, dr, dg, db


def _edge_frame(bright: np.ndarray, dark: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Along the glass's edge, where the two shots show a frame, a sash or a muntin rather than
    the view, in two parts (bool; see the module notes): the photo's cream, and the dull grey a
    frame's pixels blur into the view's with in the darker shot (``EDGE``)."""
    cream, grey, saturation, _r, _g, _b, dr, dg, db = _cream_grey(bright, dark)
    # the photo's pixel there is as often half frame, half glare, and the glass's own edge a
    # dark blue-green
    warm = (_minus(dg, dr) == 0) & (_minus(db, dg) == 0)
    dull = (grey < EDGE[0]) & ((saturation < round(255 * EDGE[1])) | (
        warm & (saturation < round(255 * EDGE[2]))))
    return np.asarray(cream, bool), np.asarray(dull, bool)


def _edge_view(photo: np.ndarray, taken: np.ndarray, core: np.ndarray, band: np.ndarray,
               painted: np.ndarray, size: int) -> np.ndarray:
    """Along the panes' outlines (``band`` but not ``core``, full size), where the darker shot
    ``taken`` shows the view rather than a frame (bool): its pixel is twice as near in colour
    to the view inside the pane (``core``) as to the frame outside the band or the photo's
    cream, both averaged over ``size`` x ``size`` pixels around it (a frame's edge blurs into
    the view). A fixed grey level (``_edge_frame``'s dull grey) told the frame's dark grey from
    the view's only where the view was bright: a lawn or a house in the shade is a dull grey
    too, and the edge followed its patches. It still decides where either is missing around a
    pixel, and where the new sky is ``painted`` (its soft edge shows the pixel under it: the
    darker shot's rim of a skylight was a dark line)."""
    cream, dull = _edge_frame(photo, taken)
    dark = taken.astype(np.float32)
    # the frame: what the photo shows of it unclipped (past a skylight's glass lies a
    # blown-out ceiling, which is no frame to compare with)
    frame = (~band & (lowest_channel(photo) < CLIPPED[0])) | cream
    means, known = [], np.ones(core.shape, bool)
    for sure in (core, frame):
        m = sure.astype(np.float32)
        weight = cv2.boxFilter(m, -1, (size, size), normalize=False)
        mean = cv2.boxFilter(dark * m[..., None], -1, (size, size), normalize=False)
        means.append(mean / np.maximum(weight, 1e-3)[..., None])
        known &= weight > 0.5
    view, frame_mean = means
    # and the view beside is bright or coloured, as the view is by ``view_weight``: the dim
    # grey at a skylight's rim is its shaded well
    known &= (_shows_view(np.clip(view, 0, 255).astype(np.uint8)) > 0.5) & ~painted
    to_view = cv2.absdiff(dark, view).sum(axis=2)
    to_frame = cv2.absdiff(dark, frame_mean).sum(axis=2)
    return np.where(known, 2 * to_view < to_frame, ~dull) & ~cream


def _frame_parts(bright: np.ndarray, dark: np.ndarray,
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the two shots show a frame, a sash, a muntin or the room rather than the view, in
    three parts (bool): the photo's cream, which is surely frame; the dull grey of the darker
    shot where the photo is blown out, which is a frame in the glare and as well the shade under
    a bush; and that dull grey where it is bluish, as a muntin against the sky is and a sunlit
    wall across the street as well (``_small_frame`` tells them apart by shape)."""
    cream, grey, saturation, r, g, b, dr, _dg, db = _cream_grey(bright, dark)
    # (a glass edge seen edge-on is a little green)
    neutral = (_minus(r, g) <= NEUTRAL) & (_minus(g, r) <= 2 * NEUTRAL) & (
        _minus(b, r) <= NEUTRAL)
    dull = (grey < DULL[0]) & (saturation < round(255 * DULL[1])) & neutral
    bluish = _minus(db, dr) > NEUTRAL
    return (np.asarray(cream, bool), np.asarray(dull & ~bluish, bool),
            np.asarray(dull & bluish, bool))


def _warped(dark: np.ndarray, full_warp: np.ndarray, rows: tuple[int, int],
            cols: tuple[int, int]) -> np.ndarray:
    """The darker shot aligned to the photo's pixels ``rows`` x ``cols`` (``_full_warp``)."""
    warp = full_warp.copy()
    # the window's pixel (0, 0) is the photo's (cols[0], rows[0]): the inverse map shifts so
    warp[:, 2] += full_warp[:, :2] @ np.array([cols[0], rows[0]], np.float64)
    return cv2.warpAffine(dark, warp, (cols[1] - cols[0], rows[1] - rows[0]),
                          flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)


def _small_frame(bright: np.ndarray, dark: np.ndarray, full_warp: np.ndarray,
                 hw: tuple[int, int], box: tuple[int, int, int, int]) -> np.ndarray:
    """``_frame_parts`` at full size, shrunk to ``hw`` inside the small ``box`` (row0, row1,
    col0, col1), in strips (bool): a small pixel is frame when a good part of it is, so that
    a sash a few pixels wide still parts a glare-lit jamb from the glass."""
    h, w = bright.shape[:2]
    k0, k1, j0, j1 = box
    c0, c1 = j0 * w // hw[1], min(w, -(-j1 * w // hw[1]))
    share = np.zeros((3, *hw), np.uint8)  # in 255ths
    step = max(1, STRIP_ROWS * hw[0] // h)
    for a in range(k0, k1, step):
        b = min(k1, a + step)
        s0, s1 = a * h // hw[0], min(h, -(-b * h // hw[0]))
        parts = _frame_parts(bright[s0:s1, c0:c1], _warped(dark, full_warp, (s0, s1), (c0, c1)))
        for i, part in enumerate(parts):
            share[i, a:b, j0:j1] = cv2.resize(part.view(np.uint8) * np.uint8(255),
                                              (j1 - j0, b - a), interpolation=cv2.INTER_AREA)
    cream, grey, bluish = (part > FRAME_SHARE * 255 for part in share)
    dull = (cream | grey | bluish).astype(np.uint8)
    length = max(3, round(LINE * max(hw)))
    upright = cv2.morphologyEx(dull, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8)) > 0
    level = cv2.morphologyEx(dull, cv2.MORPH_OPEN, np.ones((1, length), np.uint8)) > 0
    wide = cv2.morphologyEx(dull, cv2.MORPH_OPEN, disk(NECK)) > 0
    # frames run straight: the grey is frame along such a run (a pixel or two off it, at a
    # corner or a blurred edge), and away from one it is the shade under a bush
    straight = cv2.dilate((upright | level).astype(np.uint8), disk(STRAIGHT_REACH)) > 0
    # of the bluish grey, the straight thin lines: muntins, not walls across the street
    return np.asarray(cream | (grey & straight) | (bluish & (upright | level) & ~wide), bool)


def _near(mask: np.ndarray, radius: float) -> np.ndarray:
    """``mask`` grown by about ``radius`` pixels (bool; in steps of a small disk, quicker than
    one wide one)."""
    step = 4
    grown = cv2.dilate(mask.astype(np.uint8), disk(step), iterations=max(1, round(radius / step)))
    return np.asarray(grown > 0, bool)


def _panes(seed: np.ndarray, frame: np.ndarray, region: np.ndarray,
           windows: np.ndarray) -> np.ndarray:
    """The whole glass of the panes that have blown-out view, at the small size (bool): what
    is no ``frame`` and is joined to ``seed`` (``_glass``) near ``region``, with what it
    encloses (see the module notes). Only the parts of ``region`` that hold a window judged
    from the photo alone (``windows``, the same size) are followed past it: a skylight only
    the darker shot found has no view around its sky, and past it lies the lit end of a beam."""
    # a frame runs on, joined to the others; a speck of the photo's noise or a leaf does not
    n, lab, stats, _ = cv2.connectedComponentsWithStats(frame.astype(np.uint8), connectivity=8)
    frame = (stats[:, cv2.CC_STAT_AREA] >= SPECK * frame.size)[lab] & (lab > 0)
    n, lab = cv2.connectedComponents(region.astype(np.uint8), connectivity=8)
    framed = np.zeros(n, bool)
    framed[np.unique(lab[windows & region])] = True
    framed[0] = False
    reach = _near(framed[lab], REACH * max(region.shape)) | region
    passable = (reach & ~frame).astype(np.uint8)
    # followed through openings wider than a few pixels only: a glare-lit strip of the jamb
    # beside the glass is as bright as the sky in both shots, and joined to it where the
    # sash's edge is lit too
    n, lab = cv2.connectedComponents(cv2.morphologyEx(passable, cv2.MORPH_OPEN, disk(NECK)),
                                     connectivity=4)
    joined = np.zeros(n, bool)
    joined[np.unique(lab[seed > 0])] = True
    joined[0] = False
    panes = np.asarray(cv2.dilate(joined[lab].astype(np.uint8), disk(NECK)) & passable, bool)
    # with what they enclose (a house, a bush, a tree's trunk), unless it is a frame they
    # ring round (a muntin whose ends the frame mask missed): mostly frame, thin and long
    holes = (fill_holes(panes) & ~panes).astype(np.uint8)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(holes, connectivity=4)
    if n > 1:
        share = np.bincount(lab.ravel(), frame.ravel(), n) / stats[:, cv2.CC_STAT_AREA]
        inside = lab > 0
        depth = np.zeros(n, np.float32)
        np.maximum.at(depth, lab[inside], cv2.distanceTransform(holes, cv2.DIST_L2, 3)[inside])
        r = PANE * max(region.shape)
        # (a muntin is straight: its box is as narrow as it is)
        length = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
        width = np.minimum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
        filled = ~((share >= MUNTIN_SHARE) & (depth <= 2 * r) & (length >= 8 * r)
                   & (width <= 4 * r))
        filled[0] = False
        panes |= filled[lab]
    return panes | _pane_bays(panes, PANE * max(region.shape))


def _pane_bays(panes: np.ndarray, r: float) -> np.ndarray:
    """What the panes' outlines cut off their glass (bool): the pieces inside each pane's
    convex outline but outside it (the mulch of a flower bed against the bottom rail is as
    dull as a frame in both shots), unless a piece crosses the outline from side to side (a
    sash rail or a muntin between two panes that joined) or is a sliver along its edge."""
    contours = cv2.findContours(panes.astype(np.uint8), cv2.RETR_EXTERNAL,
                                cv2.CHAIN_APPROX_SIMPLE)[0]
    hulls = np.zeros(panes.shape, np.int32)
    boxes: list[tuple[int, int, int, int]] = [(0, 0, 0, 0)]
    for c in contours:
        if cv2.contourArea(c) < (8 * r) ** 2:
            continue
        hull = cv2.convexHull(c)
        x, y, w, h = cv2.boundingRect(hull)
        boxes.append((x, y, w, h))
        cv2.fillPoly(hulls, [hull], len(boxes) - 1)
    # the thick parts only: a muntin or a sliver joined to a bay stays apart from it
    bays = ((hulls > 0) & ~panes).astype(np.uint8)
    thick = cv2.morphologyEx(bays, cv2.MORPH_OPEN, disk(BAY_DEPTH))
    n, lab, stats, _ = cv2.connectedComponentsWithStats(thick, connectivity=4)
    if n < 2:
        return np.zeros(panes.shape, bool)
    inside = lab > 0
    which = np.zeros(n, np.int64)
    which[lab[inside]] = hulls[inside]
    box = np.array(boxes)[which]
    filled = (stats[:, cv2.CC_STAT_WIDTH] < SPAN * box[:, 2]) & (
        stats[:, cv2.CC_STAT_HEIGHT] < SPAN * box[:, 3])
    filled[0] = False
    # and their rims back
    return np.asarray(cv2.dilate(filled[lab].astype(np.uint8), disk(BAY_DEPTH)) & bays, bool)


def pull_view(bright: np.ndarray, alpha: FloatImage, dark: np.ndarray,
              windows: np.ndarray | None = None, shots: Pair | None = None) -> ByteImage:
    """``bright`` (uint8 RGB) with the blown-out view of the windows that have sky in ``alpha``
    taken from the darker shot ``dark`` of the same scene (see the module notes); the rest is
    returned as it is. ``windows``: ``judged_windows`` of the photo when the detection has them
    already (else they are judged here); ``shots``: ``sky_bracket.pair`` of the two shots when
    it is made already (else it is made here). Raises ``sky_bracket.BracketError`` when
    ``dark`` shows another scene."""
    h, w = bright.shape[:2]
    check_shape(bright, dark)
    out = bright.copy()
    if shots is None:
        shots = pair(bright, dark)
    bright_small, dark_small, warp = shots
    hw = bright_small.shape[:2]
    if windows is None:
        # judged on the small copy: its blown-out share per pixel is close enough to the
        # full size's
        windows = judged_windows(*find_regions(*work_copy(bright_small))[1:])
    # only which pixels are sky is read from it: a nearest sample is enough, and quick at 12 MP
    alpha_small = cv2.resize(alpha, (hw[1], hw[0]), interpolation=cv2.INTER_NEAREST)
    windows = resize(windows.astype(np.uint8), hw) > 0
    region = view_region(windows, np.asarray(alpha_small, np.float32))
    if not region.any():
        return out
    dark_on_photo = cv2.warpAffine(np.ascontiguousarray(dark_small), warp, (hw[1], hw[0]),
                                   flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                   borderMode=cv2.BORDER_REPLICATE)
    seed = _glass(bright_small, dark_on_photo, region)
    if not seed.any():
        return out
    full_warp = _full_warp(warp, hw, (h, w), dark.shape[:2])
    dark_rgb = np.ascontiguousarray(dark)
    near = _near(region, REACH * max(hw) + 1)
    ys, xs = np.nonzero(near.any(axis=1))[0], np.nonzero(near.any(axis=0))[0]
    frame = _small_frame(bright, dark_rgb, full_warp, hw,
                         (int(ys[0]), int(ys[-1]) + 1, int(xs[0]), int(xs[-1]) + 1))
    panes = _panes(seed, frame, region, windows)
    ys, xs = np.nonzero(panes.any(axis=1))[0], np.nonzero(panes.any(axis=0))[0]
    # the box of the panes, a pixel of the small size around it
    r0, r1 = max(0, (int(ys[0]) - 2) * h // hw[0]), min(h, -(-(int(ys[-1]) + 3) * h // hw[0]))
    c0, c1 = max(0, (int(xs[0]) - 2) * w // hw[1]), min(w, -(-(int(xs[-1]) + 3) * w // hw[1]))
    # taken whole inside; in a band of ``BAND`` small pixels either side of the outline, where the
    # full size shows no frame, nor a frame's edge blurred into the view
    panes8 = panes.astype(np.uint8) * 255
    inner = cv2.erode(panes8, disk(BAND))
    outer = cv2.dilate(panes8, disk(BAND))
    # (the neighbourhood the band's pixels are compared in: the band's width either side)
    compared = 2 * math.ceil(2 * BAND * h / hw[0]) + 1
    for s0 in range(r0, r1, STRIP_ROWS):
        s1 = min(r1, s0 + STRIP_ROWS)
        taken = _warped(dark_rgb, full_warp, (s0, s1), (c0, c1))
        photo = bright[s0:s1, c0:c1]
        core = enlarge_window(inner, (h, w), (s0, s1), (c0, c1)) >= 128
        band = enlarge_window(outer, (h, w), (s0, s1), (c0, c1)) >= 128
        view = _edge_view(photo, taken, core, band, alpha[s0:s1, c0:c1] > 0, compared)
        weight = (core | (band & view)).astype(np.float32)
        # smoothed over a pixel on the glass's side of the edge: a frame keeps its pixels
        weight = cv2.multiply(cv2.GaussianBlur(weight, (3, 3), 0), weight)
        out[s0:s1, c0:c1] = cv2.blendLinear(taken, np.ascontiguousarray(photo), weight,
                                            1.0 - weight)
    return out
