"""Declutter, floors seen in perspective: the families of straight lines on them.

A rug's border stripes, the rows of its weave and the boards of a floor are straight and
parallel on the floor; in the photo each family of them runs to a vanishing point. Those
points are found from the line segments around the hole; ``declutter_plane`` copies along them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from desktop_app.engines.local.declutter_lines import hole_extent

#: Shortest line segment (working pixels, and share of the hole's size) counted as a floor line.
MIN_SEGMENT = 8.0
MIN_SEGMENT_SHARE = 0.04
#: Segments count when they lie within this share of the hole's size from it.
SEGMENT_REACH = 0.5
#: A family of lines is the segments within this many degrees of one direction...
FAMILY_SPREAD = 5.0
#: ...at least this many of them, as long together as this many hole sizes...
FAMILY_SEGMENTS = 4
FAMILY_LENGTH = 1.0
#: ...which meet in one point: mean distance (working pixels) of their ends from the line
#: through their middle and that point.
FAMILY_MISFIT = 0.75
#: A second family is at least this many degrees from the first and this share of its length.
SECOND_ANGLE = 25.0
SECOND_SHARE = 0.3
#: Stripes are looked for in the image blurred this much (working pixels): coarser than the
#: weave, finer than a border's stripes.
STRIPE_SIGMA = 2.0
#: Texture runs along a family's line when its direction is within this many degrees of it, with
#: at least this coherence (0: no direction, 1: one)...
STRIPE_ANGLE = 12.0
STRIPE_COHERENCE = 0.3
#: ...and is strong (a stripe's edge, not the weave) from this share of the surface's 90th
#: percentile of strength.
STRIPE_STRONG = 0.5


@dataclass
class FloorLines:
    """The vanishing points (homogeneous x, y, w) of a floor's line families, at most two."""

    points: list[np.ndarray]

    def steps(self, ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
        """Unit steps (dy, dx) from each (ys, xs) towards each vanishing point: N x families x 2
        (a point at infinity gives the same step everywhere)."""
        ys = np.asarray(ys, np.float64).reshape(-1)
        xs = np.asarray(xs, np.float64).reshape(-1)
        out = np.zeros((ys.size, len(self.points), 2))
        for index, (vx, vy, vw) in enumerate(self.points):
            if abs(vw) > 1e-9:
                dy, dx = vy / vw - ys, vx / vw - xs
            else:
                dy, dx = np.full(ys.size, vy), np.full(ys.size, vx)
            norm = np.maximum(np.hypot(dy, dx), 1e-9)
            out[:, index, 0], out[:, index, 1] = dy / norm, dx / norm
        return out

    def directions(self, y: float, x: float) -> list[tuple[float, float]]:
        """Unit steps (dy, dx) from (y, x) towards each vanishing point."""
        return [(float(dy), float(dx)) for dy, dx in self.steps(np.array([y]), np.array([x]))[0]]


def floor_lines(small: np.ndarray, hole: np.ndarray, region: np.ndarray) -> FloorLines | None:
    """The line families on the ``region`` around the ``hole`` (the two longest that each run
    to one point), or None when it has none."""
    h, w = hole.shape
    hole_size = hole_extent(hole)
    gray = cv2.cvtColor(np.clip(small, 0, 255).astype(np.uint8), cv2.COLOR_RGB2GRAY)
    seen = cv2.inpaint(gray, hole.astype(np.uint8), 3, cv2.INPAINT_TELEA)
    found = cv2.createLineSegmentDetector().detect(seen)[0]
    if found is None:
        return None
    near = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, 3)
    shortest = max(MIN_SEGMENT, MIN_SEGMENT_SHARE * hole_size)
    segments = []
    for x1, y1, x2, y2 in found.reshape(-1, 4):
        length = math.hypot(x2 - x1, y2 - y1)
        mx, my = int((x1 + x2) / 2), int((y1 + y2) / 2)
        if length < shortest or not (0 <= mx < w and 0 <= my < h):
            continue
        if not region[my, mx] or not 2.0 < near[my, mx] <= SEGMENT_REACH * hole_size:
            continue
        angle = math.degrees(math.atan2(y2 - y1, x2 - x1)) % 180.0
        segments.append((angle, length, float(x1), float(y1), float(x2), float(y2)))
    if not segments:
        return None
    # the directions with the most length, each with its neighbours within FAMILY_SPREAD
    weight = np.zeros(180)
    for angle, length, *_ in segments:
        weight[int(angle) % 180] += length
    spread = int(FAMILY_SPREAD)
    smooth = np.convolve(np.concatenate([weight[-spread:], weight, weight[:spread]]),
                         np.ones(2 * spread + 1), "valid")
    points: list[np.ndarray] = []
    first = -1
    for peak in (int(p) for p in np.argsort(-smooth, kind="stable")):
        if first >= 0:
            if _apart(peak, first) < SECOND_ANGLE:
                continue
            if smooth[peak] < SECOND_SHARE * smooth[first]:
                break
        point = _meeting_point([s for s in segments if _apart(s[0], peak) <= FAMILY_SPREAD],
                               hole_size)
        if point is not None:
            points.append(point)
        if first >= 0 or point is None:
            break
        first = peak
    return FloorLines(points) if points else None


def _apart(a: float, b: float) -> float:
    """Degrees between two line directions."""
    return abs((a - b + 90.0) % 180.0 - 90.0)


def _meeting_point(family: list[tuple[float, ...]], hole_size: int) -> np.ndarray | None:
    """The point where the segments of one family meet (least squares, homogeneous), or None
    when they are too few, too short or do not meet in one point."""
    total = sum(s[1] for s in family)
    if len(family) < FAMILY_SEGMENTS or total < FAMILY_LENGTH * hole_size:
        return None
    rows = []
    for _, length, x1, y1, x2, y2 in family:
        line = np.cross([x1, y1, 1.0], [x2, y2, 1.0])
        rows.append(line / math.hypot(line[0], line[1]) * math.sqrt(length))
    point = np.linalg.svd(np.array(rows))[2][-1]
    misfit = []
    for _, _, x1, y1, x2, y2 in family:
        through = np.cross([(x1 + x2) / 2, (y1 + y2) / 2, 1.0], point)
        norm = math.hypot(through[0], through[1])
        if norm > 1e-12:
            misfit += [abs(float(through @ [x, y, 1.0])) / norm for x, y in ((x1, y1), (x2, y2))]
    if not misfit or float(np.mean(misfit)) > FAMILY_MISFIT:
        return None
    return np.asarray(point, np.float64)


def stripe_maps(small: np.ndarray, lines: FloorLines, surface: np.ndarray
                ) -> tuple[list[np.ndarray], np.ndarray]:
    """For each line family, where the texture (coarser than the weave) runs along its lines;
    and where that texture is strong (a stripe's edge, not the weave) for the ``surface``."""
    h, w = small.shape[:2]
    gray = cv2.cvtColor(np.clip(small, 0, 255).astype(np.uint8), cv2.COLOR_RGB2GRAY)
    gray = cv2.GaussianBlur(gray.astype(np.float32), (0, 0), STRIPE_SIGMA)
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)
    jxx = cv2.GaussianBlur(gx * gx, (0, 0), 3.0)
    jxy = cv2.GaussianBlur(gx * gy, (0, 0), 3.0)
    jyy = cv2.GaussianBlur(gy * gy, (0, 0), 3.0)
    root = np.sqrt((jxx - jyy) ** 2 + 4.0 * jxy ** 2)
    coherence = root / np.maximum(jxx + jyy, 1e-6)
    strength = np.sqrt(np.maximum(0.5 * (jxx + jyy + root), 0.0))
    # the direction the texture runs along (across its strongest gradient)
    texture = 0.5 * np.arctan2(2.0 * jxy, jxx - jyy) + 0.5 * np.pi
    gyy, gxx = np.mgrid[0:h, 0:w]
    steps = lines.steps(gyy.ravel(), gxx.ravel())
    maps = []
    for index in range(len(lines.points)):
        line = np.arctan2(steps[:, index, 0], steps[:, index, 1]).reshape(h, w)
        apart = np.abs((texture - line + 0.5 * np.pi) % np.pi - 0.5 * np.pi)
        maps.append((coherence >= STRIPE_COHERENCE) & (apart <= math.radians(STRIPE_ANGLE)))
    strong = strength >= STRIPE_STRONG * float(np.percentile(strength[surface], 90))
    return maps, strong
