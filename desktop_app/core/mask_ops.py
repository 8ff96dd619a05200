"""Editing operations on a declutter mask held as a NumPy array.

A mask here is a 2-D array whose bytes are 0 (keep) or 1 (remove): either ``bool`` or ``uint8``
holding 0/1 (the two share one memory layout, so ``mask.view(bool)`` costs nothing). The service
format (255 = remove) is produced by ``core.masks`` when the mask is written.

Coordinates are pixel coordinates: the centre of pixel (column x, row y) is the point (x, y), the
same convention OpenCV uses. Points may be fractional.

Every operation works in place and returns the :class:`Box` it may have changed (``None`` when it
touched nothing), so a view can refresh only that part of the screen and an undo stack can store
only that part of the mask.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from desktop_app.core.masks import marked_pixels, same_shape, scaled_to

Mask = npt.NDArray[np.uint8] | npt.NDArray[np.bool_]
Point = tuple[float, float]

_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Box:
    """A pixel rectangle: columns x0..x1-1 and rows y0..y1-1 (end exclusive)."""

    x0: int
    y0: int
    x1: int
    y1: int

    @classmethod
    def full(cls, mask: Mask) -> Box:
        return cls(0, 0, int(mask.shape[1]), int(mask.shape[0]))

    @property
    def width(self) -> int:
        return max(0, self.x1 - self.x0)

    @property
    def height(self) -> int:
        return max(0, self.y1 - self.y0)

    @property
    def area(self) -> int:
        return self.width * self.height

    @property
    def empty(self) -> bool:
        return self.x1 <= self.x0 or self.y1 <= self.y0

    @property
    def slices(self) -> tuple[slice, slice]:
        """Index a (rows, columns) array with ``array[box.slices]``."""
        return slice(self.y0, self.y1), slice(self.x0, self.x1)

    def union(self, other: Box | None) -> Box:
        if other is None or other.empty:
            return self
        if self.empty:
            return other
        return Box(min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))

    def intersect(self, other: Box) -> Box | None:
        box = Box(max(self.x0, other.x0), max(self.y0, other.y0),
                  min(self.x1, other.x1), min(self.y1, other.y1))
        return None if box.empty else box

    def pad(self, n: int) -> Box:
        return Box(self.x0 - n, self.y0 - n, self.x1 + n, self.y1 + n)

    def clip(self, width: int, height: int) -> Box | None:
        return self.intersect(Box(0, 0, width, height))


def as_u8(mask: Mask) -> npt.NDArray[np.uint8]:
    """The mask's bytes as a uint8 array (a view, never a copy)."""
    if mask.ndim != 2:
        raise ValueError("a mask must be a 2-D array")
    if mask.dtype == np.bool_:
        return mask.view(np.uint8)
    if mask.dtype != np.uint8:
        raise TypeError(f"a mask must be bool or uint8, not {mask.dtype}")
    return mask  # type: ignore[return-value]


def union_boxes(*boxes: Box | None) -> Box | None:
    out: Box | None = None
    for box in boxes:
        if box is None or box.empty:
            continue
        out = box if out is None else out.union(box)
    return out


def bbox(mask: Mask) -> Box | None:
    """The smallest box holding every marked pixel, or None for an empty mask."""
    m = as_u8(mask)
    rows = np.flatnonzero(m.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(m[rows[0]:rows[-1] + 1].any(axis=0))
    return Box(int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1)


def count(mask: Mask) -> int:
    """How many pixels are marked."""
    return int(cv2.countNonZero(as_u8(mask)))


def coverage(mask: Mask) -> float:
    """The marked fraction of the photo, 0.0 to 1.0."""
    return count(mask) / max(1, mask.shape[0] * mask.shape[1])


# -- painting -------------------------------------------------------------------------------

def _disc_rows(cx: float, cy: float, r: float, ys: npt.NDArray[np.float64]
               ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    h2 = r * r - (ys - cy) ** 2
    h = np.sqrt(np.where(h2 >= 0, h2, 0.0))
    lo = np.where(h2 >= 0, cx - h, np.inf)
    hi = np.where(h2 >= 0, cx + h, -np.inf)
    return lo, hi


def stroke(mask: Mask, p0: Point, p1: Point, radius: float, value: bool = True) -> Box | None:
    """Paint (or erase, ``value=False``) a round-brush segment from ``p0`` to ``p1``.

    Exactly the pixels whose centre lies within ``radius`` of the segment change: with p0 == p1
    that is a disc, the same pixels ``cv2.circle(mask, p, radius, 1, -1)`` fills for a whole
    radius. Consecutive segments of a stroke share their end discs, so a drag paints a seamless
    band.
    """
    m = as_u8(mask)
    height, width = m.shape
    r = max(0.0, float(radius))
    ax, ay = float(p0[0]), float(p0[1])
    bx, by = float(p1[0]), float(p1[1])
    y_lo = max(0, math.ceil(min(ay, by) - r - _EPS))
    y_hi = min(height - 1, math.floor(max(ay, by) + r + _EPS))
    if y_hi < y_lo:
        return None
    ys = np.arange(y_lo, y_hi + 1, dtype=np.float64)
    r_eps = r + _EPS
    lo_a, hi_a = _disc_rows(ax, ay, r_eps, ys)
    lo_b, hi_b = _disc_rows(bx, by, r_eps, ys)
    lo = np.minimum(lo_a, lo_b)
    hi = np.maximum(hi_a, hi_b)
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy)
    if length > 0:
        ux, uy = dx / length, dy / length
        # along-axis t = (x-ax)*ux + (y-ay)*uy in [0, L]; across s = -(x-ax)*uy + (y-ay)*ux in
        # [-r, r]; both linear in x, so each is an interval of x for a given row.
        slab_lo = np.full(ys.shape, -np.inf)
        slab_hi = np.full(ys.shape, np.inf)
        for coef, offset, lim_lo, lim_hi in (
            (ux, (ys - ay) * uy, 0.0, length),
            (-uy, (ys - ay) * ux, -r_eps, r_eps),
        ):
            if abs(coef) < 1e-12:
                inside = (offset >= lim_lo) & (offset <= lim_hi)
                slab_lo = np.where(inside, slab_lo, np.inf)
                slab_hi = np.where(inside, slab_hi, -np.inf)
                continue
            e0 = ax + (lim_lo - offset) / coef
            e1 = ax + (lim_hi - offset) / coef
            slab_lo = np.maximum(slab_lo, np.minimum(e0, e1))
            slab_hi = np.minimum(slab_hi, np.maximum(e0, e1))
        has = slab_lo <= slab_hi
        lo = np.where(has, np.minimum(lo, slab_lo), lo)
        hi = np.where(has, np.maximum(hi, slab_hi), hi)
    valid = lo <= hi
    if not valid.any():
        return None
    xs0 = np.ceil(np.where(valid, lo, 0.0) - _EPS)
    xs1 = np.floor(np.where(valid, hi, -1.0) + _EPS)
    xs0 = np.clip(xs0, 0, width).astype(np.int64)
    xs1 = np.clip(xs1, -1, width - 1).astype(np.int64)
    rows = valid & (xs0 <= xs1)
    if not rows.any():
        return None
    first, last = np.flatnonzero(rows)[[0, -1]]
    xs0, xs1 = xs0[first:last + 1], xs1[first:last + 1]
    live = rows[first:last + 1]
    x0 = int(xs0[live].min())
    x1 = int(xs1[live].max()) + 1
    box = Box(x0, y_lo + int(first), x1, y_lo + int(last) + 1)
    cols = np.arange(x0, x1)
    inside = (cols[None, :] >= xs0[:, None]) & (cols[None, :] <= xs1[:, None])
    np.copyto(m[box.slices], np.uint8(1 if value else 0), where=inside)
    return box


def fill_rect(mask: Mask, corner0: tuple[int, int], corner1: tuple[int, int],
              value: bool = True) -> Box | None:
    """Fill the pixels between two corner pixels, both included, in either order."""
    m = as_u8(mask)
    x0, x1 = sorted((int(corner0[0]), int(corner1[0])))
    y0, y1 = sorted((int(corner0[1]), int(corner1[1])))
    box = Box(x0, y0, x1 + 1, y1 + 1).clip(m.shape[1], m.shape[0])
    if box is None:
        return None
    m[box.slices] = 1 if value else 0
    return box


_SHIFT = 8  # sub-pixel bits for polygon vertices


def fill_polygon(mask: Mask, points: Sequence[Point], value: bool = True) -> Box | None:
    """Fill a closed lasso/polygon (edges included), as ``cv2.fillPoly`` rasterises it."""
    m = as_u8(mask)
    if len(points) < 3:
        return None
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if not np.isfinite(pts).all():
        return None
    box = Box(math.floor(pts[:, 0].min()), math.floor(pts[:, 1].min()),
              math.ceil(pts[:, 0].max()) + 1, math.ceil(pts[:, 1].max()) + 1)
    clipped = box.clip(m.shape[1], m.shape[0])
    if clipped is None:
        return None
    # Rasterise in the clipped window; vertices outside it still shape the edges correctly.
    local = np.round((pts - (clipped.x0, clipped.y0)) * (1 << _SHIFT)).astype(np.int32)
    roi = m[clipped.slices]
    scratch = np.zeros(roi.shape, np.uint8)
    cv2.fillPoly(scratch, [local], 1, lineType=cv2.LINE_8, shift=_SHIFT)
    hit = bbox(scratch)
    if hit is None:
        return None
    np.copyto(roi, np.uint8(1 if value else 0), where=scratch.view(np.bool_))
    return Box(clipped.x0 + hit.x0, clipped.y0 + hit.y0, clipped.x0 + hit.x1, clipped.y0 + hit.y1)


def paste(mask: Mask, region: Mask, origin: tuple[int, int], mode: str = "add") -> Box | None:
    """Merge ``region`` (a smaller mask) into ``mask`` at ``origin`` (x, y).

    ``mode`` is "add" (union), "subtract" (remove region's pixels) or "replace".
    """
    m = as_u8(mask)
    r = as_u8(region)
    ox, oy = int(origin[0]), int(origin[1])
    target = Box(ox, oy, ox + r.shape[1], oy + r.shape[0]).clip(m.shape[1], m.shape[0])
    if target is None:
        return None
    src = r[target.y0 - oy:target.y1 - oy, target.x0 - ox:target.x1 - ox]
    dst = m[target.slices]
    if mode == "add":
        np.bitwise_or(dst, src != 0, out=dst, casting="unsafe")
    elif mode == "subtract":
        dst[src != 0] = 0
    elif mode == "replace":
        dst[...] = src != 0
    else:
        raise ValueError(f"unknown paste mode {mode!r}")
    return target


# -- whole-mask operations ------------------------------------------------------------------

def _threshold(n: int) -> float:
    # Distances are square roots of whole numbers: the next one above n is about n + 1/(2n),
    # so this cut keeps exactly the distances <= n despite float32 rounding.
    return n + 0.25 / (n + 1)


def grow(mask: Mask, n: int) -> Box | None:
    """Grow the marked area by ``n`` pixels (Euclidean: a disc of radius n, exactly)."""
    m = as_u8(mask)
    n = int(n)
    if n <= 0:
        return None
    found = bbox(m)
    if found is None:
        return None
    box = found.pad(n).clip(m.shape[1], m.shape[0])
    assert box is not None
    roi = m[box.slices]
    # distance from every pixel to the nearest marked one; outside the photo counts as far away
    dist = cv2.distanceTransform((roi == 0).view(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    roi[dist <= _threshold(n)] = 1
    return box


def shrink(mask: Mask, n: int) -> Box | None:
    """Shrink the marked area by ``n`` pixels (the exact inverse shape of :func:`grow`).

    The photo's border does not eat into the mask: an object cut by the frame stays cut there.
    """
    m = as_u8(mask)
    n = int(n)
    if n <= 0:
        return None
    found = bbox(m)
    if found is None:
        return None
    box = found.pad(1).clip(m.shape[1], m.shape[0])
    assert box is not None
    roi = m[box.slices]
    dist = cv2.distanceTransform(roi, cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    roi[dist <= _threshold(n)] = 0
    return found


def grow_or_shrink(mask: Mask, n: int) -> Box | None:
    """Positive ``n`` grows, negative shrinks."""
    return grow(mask, n) if n > 0 else shrink(mask, -n)


def invert(mask: Mask) -> Box | None:
    m = as_u8(mask)
    if m.size == 0:
        return None
    np.bitwise_xor(m, np.uint8(1), out=m)
    return Box.full(m)


def clear(mask: Mask) -> Box | None:
    """Unmark everything; returns the box that held marks (None if it was already empty)."""
    m = as_u8(mask)
    found = bbox(m)
    if found is not None:
        m[found.slices] = 0
    return found


def fit_mask(values: npt.ArrayLike, width: int, height: int) -> npt.NDArray[np.bool_]:
    """A bool mask of exactly width × height from ``values``.

    ``values`` is read as ``core.masks.marked_pixels`` reads it (bool, 0/1, 0–255…), at the
    photo's size or at another size with the same shape, which is scaled with nearest
    neighbour. Raises ValueError for a mask shaped for another photo, MaskError for values
    that are no mask.
    """
    marked = marked_pixels(values)
    mh, mw = marked.shape
    if (mw, mh) == (width, height):
        return np.ascontiguousarray(marked)
    if not same_shape((mw, mh), (width, height)):
        raise ValueError(f"the mask is {mw} × {mh} but the photo is {width} × {height}")
    return scaled_to(marked, (width, height))


def new_mask(width: int, height: int) -> npt.NDArray[np.uint8]:
    """A blank 0/1 mask whose rows start on 4-byte boundaries (so Qt can share its memory)."""
    stride = (int(width) + 3) & ~3
    return np.zeros((int(height), stride), np.uint8)[:, :int(width)]
