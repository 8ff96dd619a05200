"""Thin straight bars across blown-out glass: a fan light's spokes, white muntins, a wire.

In a blown-out window such a bar is only a level or three darker than the white around it. Read
pixel by pixel, that dip comes and goes with the JPEG's noise, and the bar kept out of the sky
came out in pieces: white dashes on the new blue. A bar is straight, so it is looked for along
lines: a pixel is on a bar when it is a little darker than what surrounds it (a black-hat) and,
along some direction through it, the pixels are too, on average over ``LINE_LENGTH``. A speck
or the grain of the glass has no such line; a spoke has it from the hub to the frame. Found,
a straight bar is drawn as what it is: a straight band of one width.

The work is done on the copy of the photo at ``sky_matte.MID_LONG``, where such a bar is a pixel
or two wide, and only in blown-out glass (in a blue sky the likeness to the sky's colour finds
the bars already).
"""

from __future__ import annotations

import math
from functools import cache

import cv2
import numpy as np

from desktop_app.engines.local.sky_util import (
    BoolImage,
    FloatImage,
    box_of,
    enlarge_window,
    smoothstep,
)

#: Side of the black-hat's square: bars up to about this many pixels (at ``MID_LONG``) wide.
BAR_KERNEL = 5
#: Length of the line (pixels at ``MID_LONG``) along which a bar is averaged...
LINE_LENGTH = 15
#: ...in this many directions over half a turn.
DIRECTIONS = 16
#: A pixel is on a bar from the first (none) to the second (fully) level of 255 darker than
#: around it, both on average along its line and at the pixel itself.
LEVELS = (0.5, 1.5)
#: A bar is at least this long (pixels at ``MID_LONG``): shorter pieces are dropped.
MIN_LENGTH = 2 * LINE_LENGTH
#: Bars are looked for only where nothing within half a ``LINE_LENGTH`` is more than this many
#: levels darker than white.
QUIET = 40.0
#: Straight pieces at least this long (pixels at ``MID_LONG``) are continued to the frame when
#: it lies within their own length.
EXTEND_FROM = 2 * LINE_LENGTH
#: A pixel is surely on a bar from this strength on (what the straight pieces are found in).
SURE = 0.3
#: A straight bar is redrawn from the strength within this many pixels (at ``MID_LONG``) of
#: its line, when that is at least this share of the strength within twice as far.
STRAIGHT_REACH = 3.0
STRAIGHT_SHARE = 0.85
#: Dips deeper than this many levels count as this many in the average along a line: next to a
#: strong edge (a frame) one deep dip would otherwise make a line of its whole neighbourhood.
CAP = 4.0


@cache
def _line_kernels() -> tuple[np.ndarray, ...]:
    """One normalised line kernel per direction, anti-aliased."""
    c = LINE_LENGTH // 2
    kernels = []
    for i in range(DIRECTIONS):
        angle = np.pi * i / DIRECTIONS
        dx, dy = c * np.cos(angle), c * np.sin(angle)
        k = np.zeros((LINE_LENGTH, LINE_LENGTH), np.float32)
        # cv2.line's anti-aliasing wants fixed-point coordinates (4 fractional bits)
        p0 = (round((c - dx) * 16), round((c - dy) * 16))
        p1 = (round((c + dx) * 16), round((c + dy) * 16))
        cv2.line(k, p0, p1, 1.0, 1, cv2.LINE_AA, 4)
        kernels.append(k / k.sum())
    return tuple(kernels)


def straight_bars(grey: np.ndarray, glass: BoolImage, sky: BoolImage) -> FloatImage:
    """How much each pixel is on a thin straight bar (0 to 1), inside ``glass`` (the blown-out
    glass, bool) only. ``grey``: the photo in grey levels (0-255, any dtype), the same size;
    ``sky``: where the sky is found already (bool), through which a bar may be continued."""
    out = np.zeros(grey.shape, np.float32)
    box = box_of(glass)
    if box is None:
        return out
    m = LINE_LENGTH
    r0, r1 = max(0, box[0] - m), min(grey.shape[0], box[1] + m)
    c0, c1 = max(0, box[2] - m), min(grey.shape[1], box[3] + m)
    g = np.ascontiguousarray(grey[r0:r1, c0:c1], dtype=np.float32)
    dip = cv2.morphologyEx(g, cv2.MORPH_BLACKHAT, np.ones((BAR_KERNEL, BAR_KERNEL), np.uint8))
    capped = np.minimum(dip, CAP)
    along = np.zeros_like(dip)
    for k in _line_kernels():
        np.maximum(along, cv2.filter2D(capped, -1, k, borderType=cv2.BORDER_REPLICATE), out=along)
    bars = smoothstep(LEVELS[0], LEVELS[1], np.minimum(along, dip))
    # only in open glass: near leaves, branches or a frame such dips are their fringe
    darkest = cv2.erode(g, np.ones((LINE_LENGTH, LINE_LENGTH), np.uint8))
    inside = glass[r0:r1, c0:c1] & (darkest >= 255.0 - QUIET)
    bars[~inside] = 0.0
    bars *= _long(bars)
    _reach_frame(bars, inside & sky[r0:r1, c0:c1])
    _straighten(bars)
    out[r0:r1, c0:c1] = bars
    return out


def _long(bars: FloatImage) -> FloatImage:
    """1 on the pieces of ``bars`` at least ``MIN_LENGTH`` long (the diagonal of their box),
    0 elsewhere: short pieces are the grain of the glass or the fringe of a frame."""
    _, lab, stats, _ = cv2.connectedComponentsWithStats((bars > 0.2).astype(np.uint8),
                                                        connectivity=8)
    length = np.hypot(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    keep = (length >= MIN_LENGTH).astype(np.float32)
    keep[0] = 0.0
    return keep[lab]


def _reach_frame(bars: FloatImage, sky: BoolImage) -> None:
    """Continue each long straight bar to the frame or the bar it stops short of, in place,
    through ``sky`` (the blown-out glass found to be sky).

    Near the frame, glare blows a fan light's spokes out to the white of the glass, and a
    spoke that stops in mid air looks wrong. A straight piece at least ``EXTEND_FROM`` long
    whose end is free is drawn on along its own line, at most its own length, when that
    reaches the edge of the glass or another bar; a bar that really ends in the open
    (a wire, a branch) has nothing within reach and stays as it is.
    """
    sure = (bars > SURE).astype(np.uint8)
    pieces = _pieces(sure)
    if not pieces:
        return
    # a bar met on the way stops the walk, even where it is a pixel thin or broken
    stop = cv2.dilate(sure, np.ones((3, 3), np.uint8))
    drawn = np.zeros_like(bars)
    for x0, y0, x1, y1, length in pieces:  # a shorter piece of a bar finds its way drawn
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        for (px, py), sign in (((x1, y1), 1.0), ((x0, y0), -1.0)):
            if _at_junction(sure, px, py, ux, uy):
                continue
            end = _reach(stop, sky, px, py, sign * ux, sign * uy, length)
            if end is None or _drawn_already(drawn, px, py, end):
                continue
            cv2.line(drawn, (round(px * 16), round(py * 16)),
                     (round(end[0] * 16), round(end[1] * 16)), 1.0, 1, cv2.LINE_AA, 4)
    drawn[~sky] = 0.0
    np.maximum(bars, drawn, out=bars)


def _drawn_already(drawn: np.ndarray, x: float, y: float, end: tuple[float, float]) -> bool:
    """Whether the way from (x, y) to ``end`` runs mostly within a pixel of a line drawn
    already."""
    near = cv2.dilate((drawn > SURE).astype(np.uint8), np.ones((3, 3), np.uint8))
    steps = max(2, round(float(np.hypot(end[0] - x, end[1] - y))))
    t = np.linspace(0.0, 1.0, steps)
    cols = np.clip(np.round(x + (end[0] - x) * t).astype(int), 0, drawn.shape[1] - 1)
    rows = np.clip(np.round(y + (end[1] - y) * t).astype(int), 0, drawn.shape[0] - 1)
    return float(near[rows, cols].mean()) > 0.5


def _at_junction(sure: np.ndarray, x: float, y: float, ux: float, uy: float) -> bool:
    """Whether other bars than the one along (ux, uy) meet near its end (x, y): the hub of a
    fan light, where the spokes end as they should."""
    h, w = sure.shape
    r = LINE_LENGTH // 2
    i0, i1 = max(0, round(y) - r), min(h, round(y) + r + 1)
    j0, j1 = max(0, round(x) - r), min(w, round(x) + r + 1)
    yy, xx = np.mgrid[i0:i1, j0:j1]
    off_line = np.abs((xx - x) * uy - (yy - y) * ux) > 2.0
    near = (xx - x) ** 2 + (yy - y) ** 2 <= r * r
    return int(np.count_nonzero(sure[i0:i1, j0:j1].astype(bool) & off_line & near)) >= r


def _reach(sure: np.ndarray, sky: BoolImage, x: float, y: float, dx: float, dy: float,
           most: float) -> tuple[float, float] | None:
    """Walking from (x, y) along (dx, dy): the point where the sky ends (a frame, a hub) or
    another bar begins, within ``most`` pixels (the first steps leave the bar itself), or
    None."""
    h, w = sure.shape
    for step in range(1, int(most) + 1):
        px, py = x + dx * step, y + dy * step
        i, j = round(py), round(px)
        if not (0 <= i < h and 0 <= j < w) or not sky[i, j]:
            return (px, py) if step > 1 else None
        if step > 3 and sure[i, j]:
            return (px, py)
    return None


def _straighten(bars: FloatImage) -> None:
    """Draw each straight bar as a straight band of its own mean width, in place.

    Read pixel by pixel, a bar's width comes and goes with the grain of the glass, and kept out
    of the sky it was a ragged white line. A straight piece (``EXTEND_FROM`` long at least)
    whose strength lies within ``STRAIGHT_REACH`` of its line is redrawn there, anti-aliased;
    a curved bar (an arch's bead) spreads wider than that and keeps its own pixels. A piece
    that continues a bar drawn already (its stretch continued to the frame) takes its width.
    """
    h, w = bars.shape
    clean = np.zeros_like(bars)
    redrawn = np.zeros(bars.shape, bool)
    drawn: list[tuple[float, float, float, float, float]] = []  # centre, direction, width
    reach = STRAIGHT_REACH
    for x0, y0, x1, y1, length in _pieces((bars > SURE).astype(np.uint8)):
        i0, i1 = max(0, int(min(y0, y1) - 2 * reach)), min(h, int(max(y0, y1) + 2 * reach) + 1)
        j0, j1 = max(0, int(min(x0, x1) - 2 * reach)), min(w, int(max(x0, x1) + 2 * reach) + 1)
        yy, xx = np.mgrid[i0:i1, j0:j1].astype(np.float32)
        part = bars[i0:i1, j0:j1]
        # the line through the bar's own pixels along the piece: the pieces the transform
        # finds on one bar, a pixel or two apart and a hair off its angle, give the same line
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        t = (xx - x0) * ux + (yy - y0) * uy
        weight = part * ((t >= 0) & (t <= length) & (np.abs((xx - x0) * uy - (yy - y0) * ux)
                                                     <= reach))
        total = float(weight.sum())
        if total <= 0.0:
            continue
        cx, cy = float((weight * xx).sum()) / total, float((weight * yy).sum()) / total
        dx, dy = xx - cx, yy - cy
        sxx, syy, sxy = (float((weight * v).sum()) for v in (dx * dx, dy * dy, dx * dy))
        angle = 0.5 * math.atan2(2.0 * sxy, sxx - syy)
        ux, uy = math.cos(angle), math.sin(angle)
        # a piece that continues a bar drawn already (its end near the frame) runs on along
        # that bar's line, at its width: one spoke, one straight band
        bar = next((b for b in drawn if abs(ux * b[2] + uy * b[3]) > 0.995
                    and abs((cx - b[0]) * b[3] - (cy - b[1]) * b[2]) <= 1.5), None)
        if bar is not None:
            cx, cy, ux, uy = bar[:4]
            dx, dy = xx - cx, yy - cy
        along = dx * ux + dy * uy
        across = np.abs(dx * uy - dy * ux)
        ends = along[(weight > 0) & (part > SURE)]
        if ends.size == 0:
            continue
        start, stop = float(ends.min()), float(ends.max())
        span = (along >= start) & (along <= stop)
        band = span & (across <= reach)
        centre = span & (across <= 1.0)
        if centre.any() and redrawn[i0:i1, j0:j1][centre].mean() > 0.5:
            continue  # another piece of a bar drawn already
        mass = float(part[band].sum())
        if mass < STRAIGHT_SHARE * float(part[span & (across <= 2 * reach)].sum()):
            continue
        if bar is not None:
            width = bar[4]
        else:
            width = min(max(1.0, mass / max(stop - start, 1.0)), 2 * reach - 1)
            drawn.append((cx, cy, ux, uy, width))
        profile = np.clip(width / 2 + 0.5 - across, 0.0, 1.0) * span
        np.maximum(clean[i0:i1, j0:j1], profile, out=clean[i0:i1, j0:j1])
        redrawn[i0:i1, j0:j1] |= band
    bars[redrawn] = clean[redrawn]


def _pieces(sure: np.ndarray) -> list[tuple[float, float, float, float, float]]:
    """The straight pieces of the sure bars (uint8 0/1) as (x0, y0, x1, y1, length), longest
    first: a shorter piece of the same bar, a hair off its angle, then finds it done."""
    segments = cv2.HoughLinesP(sure, 1, np.pi / 180, LINE_LENGTH, minLineLength=EXTEND_FROM,
                               maxLineGap=5)
    if segments is None:
        return []
    pieces = [(float(x0), float(y0), float(x1), float(y1), math.hypot(x1 - x0, y1 - y0))
              for x0, y0, x1, y1 in segments.reshape(-1, 4).astype(np.float64)]
    return sorted(pieces, key=lambda p: -p[4])


#: Enlarged, a bar's soft profile is held to a crisp one: fully kept from this much of it on
#: (none below the first value).
CRISP = (0.25, 0.65)


def keep_bars(alpha: FloatImage, bars: FloatImage) -> None:
    """Take the bars found on a smaller copy (``straight_bars``) out of the full-size ``alpha``,
    in place, with a crisp edge: enlarged, a bar a pixel wide would be a soft smear."""
    box = box_of(bars > 0)
    if box is None:
        return
    h, w = alpha.shape
    hs, ws = bars.shape
    # the box at full size, a pixel of the small copy wider all round (bilinear reach)
    rows = (max(0, (box[0] - 1) * h // hs), min(h, -(-(box[1] + 1) * h // hs)))
    cols = (max(0, (box[2] - 1) * w // ws), min(w, -(-(box[3] + 1) * w // ws)))
    big = enlarge_window(bars, (h, w), rows, cols)
    part = alpha[rows[0]:rows[1], cols[0]:cols[1]]
    np.minimum(part, 1.0 - smoothstep(CRISP[0], CRISP[1], big), out=part)
