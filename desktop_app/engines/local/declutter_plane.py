"""Declutter, floors with straight lines on them: their detail copied along those lines.

A pixel of a rug's border looks like the pixels further along the same stripe, and a stripe on
the floor is a line through one of the floor's vanishing points (``declutter_floor``). So the
hole is covered patch by patch, each copied from the nearest known stretch of the lines through
its own centre: of the family whose stripes run into the hole along that line where there is
one (near a corner of the border, the side the patch is on), else of either family, whichever
fits the pixels already known or covered around it. The weave between the stripes comes along.

Only the detail is copied, measured against the light of the surface alone; the light itself
comes from the smooth fill, so a copy from a darker end of the rug takes the light of the place
it goes to, and the edge of a rug next to a dark floor does not bring a bright seam.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from desktop_app.engines.local.declutter_floor import FloorLines, floor_lines, stripe_maps
from desktop_app.engines.local.declutter_texture import (
    PATTERN_SIGMA,
    blend_seams,
    patch_centres,
    patch_size,
    patch_step,
    touching,
)

#: The surface is the known pixels at least this share as grainy as its edge around the hole
#: and at most its inverse (a rug's shaded end is less grainy than its lit middle)...
SURFACE_SHARE = 0.5
#: ...and of about its tint (a/b of CIELAB, levels of 255): a rug's stripes are darker than its
#: field but of the same hue; a bottle standing on it is not.
SURFACE_TINT = 12.0
#: A region of the hole lies on that surface when this share of its edge around the hole does.
SURFACE_RING_SHARE = 0.5
#: Along a line, the candidates are the nearest known stretch of the surface, this many patches
#: long (up to two more for variations)...
STRETCH = 2
#: ...each also this many working pixels across the line: a vanishing point is only known so
#: well, and a stripe copied from far away may be off by that much.
ACROSS = (-2.0, -1.0, 0.0, 1.0, 2.0)
#: What copying a patch that is all another family's stripes costs (squared levels): done only
#: where no cleaner source is left (a border's inner corner next to the hole).
CROSSING_COST = 5000.0
#: Random sources tried for a patch that no line through it leads from to the surface.
POOL_CANDIDATES = 48
#: The light is what is coarser than this many patches (Gaussian sigma); finer is copied.
LIGHT_PATCHES = 1.0

Candidate = tuple[float, float, int]  # offset (dy, dx) and the family it runs along (-1: none)


@dataclass
class Plane:
    """A floor around the hole with straight lines on it, at working resolution."""

    inside: np.ndarray  #: the hole pixels on it
    surface: np.ndarray  #: its known pixels
    lines: FloorLines
    patch: int  #: side of the patches it is copied in (working pixels)
    gap: np.ndarray  #: how far each pixel is from the hole (working pixels; 0 inside it)


@dataclass
class PlaneCopy:
    """Where the hole pixels of a plane copy their detail from."""

    offset: np.ndarray  #: HxWx2 float32, source minus target (y, x), working pixels
    copied: np.ndarray  #: which hole pixels got one
    sigma: float  #: the Gaussian sigma that splits light from detail (working pixels)


def find_plane(small: np.ndarray, hole: np.ndarray, labels: np.ndarray,
               busy: list[int]) -> Plane | None:
    """The floor of the largest of the ``busy`` regions of the hole, when straight lines run on
    it: its known pixels (where they are as grainy and of the tint of that region next to the
    hole) and the hole pixels of every region it surrounds; None when it has no lines."""
    if not busy:
        return None
    patch = patch_size(hole)
    main = max(busy, key=lambda label: int(np.count_nonzero(hole & (labels == label))))
    gap = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, 3)
    band = ~hole & (gap > 2) & (gap <= patch)
    surface = _surface(small, hole, band & (labels == main), patch)
    parts = [int(label) for label in np.unique(labels[hole]) if label != 0]
    keep = [label for label in parts if (ring := band & (labels == label)).any()
            and float(surface[ring].mean()) >= SURFACE_RING_SHARE]
    # Nor is what lies in the other wide regions of the hole (the edge of a skirting next to a
    # floor is as grainy and as grey); a thin one between two lines is a stripe of the floor.
    for label in parts:
        if label not in keep and _wide(hole & (labels == label), patch):
            surface &= labels != label
    inside = hole & np.isin(labels, keep)
    # and the barrier pixels between the regions it keeps
    inside |= hole & (labels == 0) & cv2.dilate(inside.astype(np.uint8),
                                                np.ones((3, 3), np.uint8)).astype(bool)
    if not inside.any() or not surface.any():
        return None
    on_surface = cv2.dilate(surface.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    lines = floor_lines(small, hole, on_surface)
    return Plane(inside, surface, lines, patch, gap) if lines is not None else None


def _wide(part: np.ndarray, patch: int) -> bool:
    """Whether ``part`` holds a disc a patch across."""
    inner = cv2.distanceTransform(np.pad(part, 1).astype(np.uint8), cv2.DIST_L2, 3)
    return float(inner.max()) >= patch / 2


def _surface(small: np.ndarray, hole: np.ndarray, edge: np.ndarray, patch: int) -> np.ndarray:
    """The known pixels of the surface whose ``edge`` lies around the hole: as grainy and of
    the same tint as that edge, and reaching it through passages a patch wide."""
    if not edge.any():
        return np.zeros_like(hole)
    rgb = np.clip(small, 0, 255).astype(np.uint8)
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    fine = gray - cv2.GaussianBlur(gray, (0, 0), PATTERN_SIGMA)
    grain = np.sqrt(cv2.blur(fine * fine, (patch, patch)))
    typical = float(np.median(grain[edge]))
    tint = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[..., 1:].astype(np.float32)
    off_tint = np.linalg.norm(tint - np.median(tint[edge], axis=0), axis=2)
    alike = (~hole & (grain >= SURFACE_SHARE * typical) & (grain <= typical / SURFACE_SHARE)
             & (off_tint <= SURFACE_TINT))
    return touching(alike, edge, patch)


def plane_sources(small: np.ndarray, hole: np.ndarray, plane: Plane,
                  rng: np.random.Generator) -> PlaneCopy:
    """Where each hole pixel of the ``plane`` copies its detail from, along the floor's lines.

    The hole is covered patch by patch from its edge inwards. A patch's candidates lie on the
    nearest known stretch of the floor's lines through its centre (of the family whose stripes
    claim it, when one does), or continue a covered neighbour's copy; the one whose detail fits
    best what is already known or covered around it is taken. ``rng`` moves the stretches a
    little further along the lines, for variations.
    """
    h, w = hole.shape
    patch, lines, surface = plane.patch, plane.lines, plane.surface
    half = patch // 2
    step = patch_step(patch)
    sigma = LIGHT_PATCHES * patch
    follows, strong = stripe_maps(small, lines, surface)
    claims, reached = _line_claims(hole, plane.inside, surface, plane.gap, lines,
                                   [f & strong for f in follows])
    # A pixel none of whose lines lead onto the surface is not on it (the boards beyond a
    # rug's edge): the smooth fill keeps it.
    inside = plane.inside & reached
    offset = np.zeros((h + 2 * half, w + 2 * half, 2), np.float32)
    if not inside.any():
        return PlaneCopy(offset[half:half + h, half:half + w], inside, sigma)

    pad = ((half, half), (half, half))
    # in padded coordinates, the window centred on (y, x) starts at (y, x)
    detail = small - light_of(small, surface, sigma)
    out = np.pad(detail.astype(np.float32), (*pad, (0, 0)))
    done = np.pad(~hole, pad, constant_values=False)
    mine = np.pad(inside, pad, constant_values=False)
    usable = cv2.erode(surface.astype(np.uint8), np.ones((patch, patch), np.uint8),
                       borderType=cv2.BORDER_CONSTANT, borderValue=0).astype(bool)
    # A family's clean sources hold no strong texture that runs another way (a border's corner
    # or its other side is not the stripe that crosses the hole); ``crossing`` is the share of
    # each source patch that does.
    crossing = [cv2.blur((strong & ~f).astype(np.float32), (patch, patch)) for f in follows]
    clean = [usable & (share == 0) for share in crossing]
    pool_y, pool_x = np.nonzero(usable & (plane.gap <= 3 * patch))
    # a variation looks a little further along the lines
    stretch = patch * (STRETCH + int(rng.integers(0, 3)))
    ts = np.arange(1, int(math.hypot(h, w)), dtype=np.float32)

    depth = cv2.distanceTransform(hole.astype(np.uint8), cv2.DIST_L2, 3)
    grid = patch_centres(inside, depth, patch, step)
    chosen: dict[tuple[int, int], Candidate] = {}
    for cy, cx in grid:
        win = (slice(cy, cy + patch), slice(cx, cx + patch))
        context = done[win] & mine[win]
        todo = ~done[win] & mine[win]
        if not todo.any():
            continue
        around = (slice(max(0, cy - patch), cy + patch + 1),
                  slice(max(0, cx - patch), cx + patch + 1))
        scores = [float(c[around].mean()) for c in claims]
        family = int(np.argmax(scores)) if max(scores) > 0 else -1
        directions = lines.directions(cy, cx)
        cand: list[Candidate] = []
        for index, (dy, dx) in enumerate(directions):
            cand += _along(cy, cx, dy, dx, index, clean[index], ts, stretch)
        if any(c[2] == family for c in cand):
            cand = [c for c in cand if c[2] == family]
        elif family >= 0:
            # the stripe that claims it is only seen next to a corner: copy it from there
            dy, dx = directions[family]
            cand = _along(cy, cx, dy, dx, family, usable, ts, stretch) or cand
        for ny, nx in ((-step, 0), (step, 0), (0, -step), (0, step)):
            got = chosen.get((cy + ny, cx + nx))
            if got is not None and got[2] in (family, -1):
                py, px = round(cy + got[0]), round(cx + got[1])
                if 0 <= py < h and 0 <= px < w and usable[py, px]:
                    cand.append(got)
        if not cand and pool_y.size:
            # no line through it reaches the surface: any piece of it near the hole will do
            pick = rng.choice(pool_y.size, size=min(POOL_CANDIDATES, pool_y.size),
                              replace=False)
            cand = [(float(pool_y[k] - cy), float(pool_x[k] - cx), -1) for k in pick]
        if not cand:
            continue
        sy = np.array([round(cy + c[0]) for c in cand])
        sx = np.array([round(cx + c[1]) for c in cand])
        want = out[win]
        cost = np.zeros(len(cand))
        if context.any():
            rows, cols = np.nonzero(context)
            diff = out[sy[:, None] + rows, sx[:, None] + cols] - want[context]
            cost += np.mean(diff * diff, axis=(1, 2))
        along = [family if family >= 0 else max(c[2], 0) for c in cand]
        cost += CROSSING_COST * np.array([crossing[f][y, x] for f, y, x in zip(along, sy, sx,
                                                                               strict=True)])
        best = int(np.argmin(cost))
        chosen[(cy, cx)] = cand[best]
        rows, cols = np.nonzero(todo)
        want[todo] = out[sy[best] + rows, sx[best] + cols]
        offset[win][todo] = cand[best][:2]
        done[win] |= todo
    inner = (slice(half, half + h), slice(half, half + w))
    return PlaneCopy(offset[inner], done[inner] & inside, sigma)


def _along(cy: int, cx: int, dy: float, dx: float, index: int, sources: np.ndarray,
           ts: np.ndarray, stretch: int) -> list[Candidate]:
    """Candidates from (cy, cx) along the line (dy, dx) of family ``index``, both ways: the
    ``sources`` on the nearest ``stretch`` pixels of them, each also a step or two across."""
    h, w = sources.shape
    cand: list[Candidate] = []
    for sign in (1.0, -1.0):
        qy = np.rint(cy + sign * ts * dy).astype(np.int64)
        qx = np.rint(cx + sign * ts * dx).astype(np.int64)
        ok = (qy >= 0) & (qy < h) & (qx >= 0) & (qx < w)
        ok[ok] = sources[qy[ok], qx[ok]]
        hits = ts[ok]
        cand += [(sign * float(t) * dy + side * dx, sign * float(t) * dx - side * dy, index)
                 for t in hits[hits <= hits[0] + stretch] for side in ACROSS] if hits.size else []
    return cand


def _line_claims(hole: np.ndarray, inside: np.ndarray, surface: np.ndarray, gap: np.ndarray,
                 lines: FloorLines, stripes: list[np.ndarray]
                 ) -> tuple[list[np.ndarray], np.ndarray]:
    """For each line family, how strongly its ``stripes`` claim each ``inside`` pixel: 1 when
    the line through the pixel leaves the hole onto one of them right away, less the farther
    away that is, 0 when it meets none either way. Also which ``inside`` pixels have a line
    that leaves the hole onto the surface."""
    h, w = hole.shape
    seen = surface & (gap > 2)  # not the seam right next to the object
    ys, xs = np.nonzero(inside)
    decay = 0.5 * (int(ys.max() - ys.min()) + int(xs.max() - xs.min()) + 2)
    steps = lines.steps(ys, xs)
    reached = np.zeros((h, w), bool)
    claims = []
    for index, stripe in enumerate(stripes):
        best = np.zeros(ys.size, np.float32)
        for sign in (1.0, -1.0):
            todo = np.arange(ys.size)
            for t in range(1, int(math.hypot(h, w))):
                qy = np.rint(ys[todo] + sign * t * steps[todo, index, 0]).astype(np.int64)
                qx = np.rint(xs[todo] + sign * t * steps[todo, index, 1]).astype(np.int64)
                out = (qy < 0) | (qy >= h) | (qx < 0) | (qx >= w)
                qy, qx = np.clip(qy, 0, h - 1), np.clip(qx, 0, w - 1)
                hit = seen[qy, qx] & ~out
                reached[ys[todo[hit]], xs[todo[hit]]] = True
                met = todo[hit & stripe[qy, qx]]
                best[met] = np.maximum(best[met], math.exp(-t / decay))
                todo = todo[~(hit | out | (~surface[qy, qx] & ~hole[qy, qx]))]
                if not todo.size:
                    break
        claim = np.zeros((h, w), np.float32)
        claim[ys, xs] = best
        claims.append(claim)
    return claims, reached


def light_of(image: np.ndarray, where: np.ndarray, sigma: float) -> np.ndarray:
    """The light of ``image``: its blur over the ``where`` pixels only."""
    weight = where.astype(np.float32)
    num = cv2.GaussianBlur(image * weight[..., None], (0, 0), sigma)
    den = cv2.GaussianBlur(weight, (0, 0), sigma)
    return num / np.maximum(den, 1e-6)[..., None]


def copy_plane(result: np.ndarray, image: np.ndarray, target: np.ndarray, plane: Plane,
               copy: PlaneCopy, scale: float) -> None:
    """Give the copied pixels of ``result`` (full size, float; in place) the light of
    ``result`` there and the detail of the full-size pixels they copy, both measured on the
    ``plane``'s surface alone."""
    full_h, full_w = target.shape
    if scale < 1.0:
        size = (full_w, full_h)
        # the edge of what is copied runs between the working pixels, not around them
        mask = cv2.resize(copy.copied.astype(np.float32), size,
                          interpolation=cv2.INTER_LINEAR) > 0.5
        offset = cv2.resize(copy.offset, size, interpolation=cv2.INTER_NEAREST) / scale
        surface = cv2.resize(plane.surface.astype(np.uint8), size,
                             interpolation=cv2.INTER_NEAREST) > 0
    else:
        mask, offset, surface = copy.copied, copy.offset, plane.surface.copy()
    surface &= ~target
    sigma = copy.sigma / scale
    light = light_of(result, surface | mask, sigma)
    ys, xs, detail = blend_seams(image - light_of(image, surface, sigma), mask & target, offset,
                                 surface, scale)
    result[ys, xs] = light[ys, xs] + detail
