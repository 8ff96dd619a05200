"""Object removal for the offline engine: fill a painted mask from the room around it.

Rooms are mostly planes (walls, floor, ceiling) meeting along straight lines, with straight
details on them (skirting, chair rails, plank seams, grout). A fill looks right when it keeps
those lines going and takes each surface's colour and texture from the same surface next to the
hole. Each connected part of the mask is filled on its own crop, in three layers:

1. Structure, at a reduced working resolution: straight lines that run into the hole are found
   (line segment detector) and extended across it. They split the hole and its surroundings into
   surface regions; nothing is carried across them.
2. Low frequencies, at working resolution: inside each region, colours are carried along the
   local texture direction (plank and line direction, from a structure tensor taken from the
   same region) where the surroundings have one, and smoothly interpolated (a harmonic fill, one
   Laplace solve by conjugate gradients) where they have none.
3. Fine texture, at full resolution: the detail lost by the working resolution is copied patch by
   patch from the band around the hole, each patch from the same region, chosen among random
   candidates for how well it matches the low-frequency fill. ``seed`` picks those candidates.

Pixels outside the mask are never written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from desktop_app.core.errors import ImageError, MaskError

__all__ = ["remove_objects"]

#: Longest side of a crop at working resolution (structure and low frequencies).
WORK_SIDE = 512
#: Holes whose widest point is at most this many pixels across are filled by fast marching.
THIN_HOLE_RADIUS = 3.0
#: Gaussian sigma (working pixels) that splits the working resolution's texture from its fill.
TEXTURE_SIGMA = 3.0
#: How much of the copied texture's contrast is kept. Copied texture never lines up with what
#: was really behind the object, so full contrast costs fidelity; too little looks smeared.
TEXTURE_GAIN = 0.6
#: Fewest pixels outside the mask that still leave something to fill from.
MIN_SOURCE_PIXELS = 64


def remove_objects(rgb: np.ndarray, mask: np.ndarray, seed: int = 0) -> np.ndarray:
    """Fill the masked pixels of ``rgb`` from their surroundings.

    ``rgb`` is an HxWx3 uint8 image and ``mask`` an HxW array where true (non-zero) marks the
    pixels to remove. Returns a new HxWx3 uint8 image; pixels outside the mask are identical to
    the input. A different ``seed`` picks different texture patches, for variations.
    Raises MaskError for an empty mask, a mask that covers the whole photo or has the wrong size.
    """
    image = _check_image(rgb)
    hole = _check_mask(mask, image.shape[:2])
    out = image.copy()
    known = ~hole
    rng = np.random.default_rng(seed)
    for group in _hole_groups(hole):
        _fill_group(out, known, group, rng)
        known |= group
    return out


# --------------------------------------------------------------------------------------------
# Input checks


def _check_image(rgb: np.ndarray) -> np.ndarray:
    if not isinstance(rgb, np.ndarray) or rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ImageError("The photo must be a colour image with three channels.")
    if rgb.dtype != np.uint8:
        raise ImageError("The photo must have 8-bit colour channels.")
    if rgb.shape[0] < 2 or rgb.shape[1] < 2:
        raise ImageError("The photo is too small to work on.")
    return np.ascontiguousarray(rgb)


def _check_mask(mask: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    if not isinstance(mask, np.ndarray) or mask.ndim != 2:
        raise MaskError("The mask must be a single-channel image the size of the photo.")
    if mask.shape != tuple(shape):
        raise MaskError(
            f"The mask is {mask.shape[1]}x{mask.shape[0]} pixels but the photo is "
            f"{shape[1]}x{shape[0]}; they must be the same size."
        )
    hole = mask.astype(bool)
    count = int(np.count_nonzero(hole))
    if count == 0:
        raise MaskError("The mask is empty: paint over the objects you want to remove first.")
    if hole.size - count < MIN_SOURCE_PIXELS:
        raise MaskError(
            "The mask covers the whole photo, so there is nothing left to fill it from."
        )
    return hole


def _hole_groups(hole: np.ndarray) -> list[np.ndarray]:
    """Split the mask into groups of nearby connected parts, largest first."""
    diag = math.hypot(*hole.shape)
    radius = max(2, round(0.006 * diag))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    joined = cv2.dilate(hole.astype(np.uint8), kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    order = sorted(range(1, count), key=lambda i: -int(stats[i, cv2.CC_STAT_AREA]))
    groups = []
    for index in order:
        x, y, w, h = (int(v) for v in stats[index, :4])
        group = np.zeros_like(hole)
        group[y:y + h, x:x + w] = hole[y:y + h, x:x + w] & (labels[y:y + h, x:x + w] == index)
        if group.any():
            groups.append(group)
    return groups


# --------------------------------------------------------------------------------------------
# One group of hole pixels


@dataclass
class _Crop:
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.y0, self.y1), slice(self.x0, self.x1)


def _fill_group(out: np.ndarray, known: np.ndarray, group: np.ndarray,
                rng: np.random.Generator) -> None:
    ys, xs = np.nonzero(group)
    gx0, gx1, gy0, gy1 = int(xs.min()), int(xs.max()) + 1, int(ys.min()), int(ys.max()) + 1
    size = max(gx1 - gx0, gy1 - gy0)
    margin = max(24, round(0.9 * size))
    height, width = group.shape
    crop = _Crop(max(0, gx0 - margin), max(0, gy0 - margin),
                 min(width, gx1 + margin), min(height, gy1 + margin))
    sl = crop.slices
    image = out[sl]
    target = ~known[sl]  # everything still unknown in the crop is filled (only ``group`` is kept)
    mine = group[sl]
    if not (~target).any():
        raise MaskError(
            "The mask covers the whole photo, so there is nothing left to fill it from."
        )

    inner = cv2.distanceTransform(target.astype(np.uint8), cv2.DIST_L2, 3)
    if float(inner[mine].max()) <= THIN_HOLE_RADIUS:
        filled = cv2.inpaint(image, target.astype(np.uint8), 3, cv2.INPAINT_TELEA)
        image[mine] = filled[mine]
        return

    result = _fill_crop(image, target, rng)
    image[mine] = result[mine]


def _fill_crop(image: np.ndarray, target: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Fill ``target`` pixels of the crop ``image`` (uint8); returns a uint8 crop."""
    full_h, full_w = target.shape
    scale = min(1.0, WORK_SIDE / max(full_h, full_w))
    work_w, work_h = max(8, round(full_w * scale)), max(8, round(full_h * scale))
    image_f = image.astype(np.float32)
    if scale < 1.0:
        small = cv2.resize(image_f, (work_w, work_h), interpolation=cv2.INTER_AREA)
        coverage = cv2.resize(target.astype(np.float32), (work_w, work_h),
                              interpolation=cv2.INTER_AREA)
        hole = coverage > 1e-3
    else:
        small = image_f.copy()
        hole = target.copy()
    if hole.all():
        hole = target.copy() if scale >= 1.0 else coverage > 0.999
    # Unknown pixels get a smooth guess so that filters never see the object or zeros.
    small = _pushpull(small, (~hole).astype(np.float32))

    barrier, lines = _find_barriers(small, hole)
    labels = _regions(barrier)
    structure, coherence = _direction_field(small, hole, labels, barrier, lines)
    harmonic = _harmonic_fill(small, hole, labels)
    transported, reach = _transport(small, hole, labels, structure)
    weight = coherence * reach
    fill = small.copy()
    fill[hole] = (weight[hole, None] * transported[hole]
                  + (1.0 - weight[hole, None]) * harmonic[hole])

    # Back to full resolution: the low frequencies come from ``fill``; texture is copied patch
    # by patch from the same region near the hole. Two bands are copied: the detail finer than
    # the working resolution, and the working resolution's own fine texture, which is only
    # added where the fill follows no direction (where it does, the fill carries it already).
    small_lp = cv2.GaussianBlur(small, (0, 0), TEXTURE_SIGMA)
    fill_lp = cv2.GaussianBlur(fill, (0, 0), TEXTURE_SIGMA)
    if scale < 1.0:
        size = (full_w, full_h)
        up_small = cv2.resize(small, size, interpolation=cv2.INTER_LINEAR)
        bands = np.concatenate(
            [image_f - up_small,
             up_small - cv2.resize(small_lp, size, interpolation=cv2.INTER_LINEAR)], axis=2)
        base = cv2.resize(fill, size, interpolation=cv2.INTER_LINEAR)
        plain = 1.0 - cv2.resize(weight, size, interpolation=cv2.INTER_LINEAR)
    else:
        bands = np.concatenate([np.zeros_like(image_f), image_f - small_lp], axis=2)
        base = fill
        plain = 1.0 - weight
    synth = _transfer_detail(bands, fill_lp, small_lp, hole, labels, scale, rng)
    result = base + TEXTURE_GAIN * (synth[..., :3] + plain[..., None] * synth[..., 3:])
    return np.clip(np.rint(result), 0, 255).astype(np.uint8)


# --------------------------------------------------------------------------------------------
# Structure: straight lines that run into the hole


@dataclass
class _Line:
    px: float  # a point on the line
    py: float
    dx: float  # unit direction
    dy: float
    two_sided: bool
    score: float


def _find_barriers(small: np.ndarray, hole: np.ndarray) -> tuple[np.ndarray, list[_Line]]:
    """Detect straight lines leading into the hole and draw them across it as barriers."""
    h, w = hole.shape
    barrier = np.zeros((h, w), np.uint8)
    ys, xs = np.nonzero(hole)
    hole_size = max(int(xs.max() - xs.min()), int(ys.max() - ys.min())) + 1
    gray = cv2.cvtColor(np.clip(small, 0, 255).astype(np.uint8), cv2.COLOR_RGB2GRAY)
    # Hide the hole from the detector: fill it with a smooth guess so it draws no edges there.
    guess = cv2.inpaint(gray, hole.astype(np.uint8), 3, cv2.INPAINT_TELEA)
    guess = np.where(hole, cv2.GaussianBlur(guess, (0, 0), 3), guess)
    detector = cv2.createLineSegmentDetector()
    found = detector.detect(guess)[0]
    if found is None:
        return barrier, []
    near_hole = cv2.dilate(hole.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    min_len = max(6.0, 0.06 * hole_size)
    hole_pts = np.stack([xs, ys], axis=1).astype(np.float32)

    segments = []
    for x1, y1, x2, y2 in found.reshape(-1, 4):
        length = math.hypot(x2 - x1, y2 - y1)
        if length < min_len:
            continue
        n = max(2, int(length))
        sx = np.clip(np.rint(np.linspace(x1, x2, n)).astype(int), 0, w - 1)
        sy = np.clip(np.rint(np.linspace(y1, y2, n)).astype(int), 0, h - 1)
        if near_hole[sy, sx].mean() > 0.1:
            continue
        dx, dy = (x2 - x1) / length, (y2 - y1) / length
        segments.append((float(x1), float(y1), float(x2), float(y2), dx, dy, length))
    if not segments:
        return barrier, []

    candidates: list[_Line] = []
    used = [False] * len(segments)
    order = sorted(range(len(segments)), key=lambda i: -segments[i][6])
    for i in order:
        if used[i]:
            continue
        x1, y1, x2, y2, dx, dy, length = segments[i]
        nx, ny = -dy, dx
        offset = nx * x1 + ny * y1
        # Collect collinear segments: about the same angle, and close to the line, with more
        # room the further away they are (a short segment's angle is only roughly known).
        members = [i]
        t_mid = 0.5 * ((x1 + x2) * dx + (y1 + y2) * dy)
        for j in order:
            if used[j] or j == i:
                continue
            sx1, sy1, sx2, sy2, sdx, sdy, _ = segments[j]
            if abs(dx * sdx + dy * sdy) < 0.998:
                continue
            ok = True
            for qx, qy in ((sx1, sy1), (sx2, sy2)):
                along = abs(qx * dx + qy * dy - t_mid)
                if abs(nx * qx + ny * qy - offset) > 1.5 + 0.01 * along:
                    ok = False
            if ok:
                members.append(j)
        if len(members) > 1:
            # Refit the line through all members' end points, weighted by length.
            pts = np.array([[segments[j][0], segments[j][1]] for j in members]
                           + [[segments[j][2], segments[j][3]] for j in members])
            wts = np.array([segments[j][6] for j in members] * 2)
            centre = (pts * wts[:, None]).sum(0) / wts.sum()
            cov = ((pts - centre).T * wts) @ (pts - centre)
            _, vecs = np.linalg.eigh(cov)
            fdx, fdy = float(vecs[0, 1]), float(vecs[1, 1])
            if fdx * dx + fdy * dy < 0:
                fdx, fdy = -fdx, -fdy
            dx, dy = fdx, fdy
            nx, ny = -dy, dx
            offset = float(nx * centre[0] + ny * centre[1])
        # Where does the infinite line cross the hole?
        dist = np.abs(hole_pts[:, 0] * nx + hole_pts[:, 1] * ny - offset)
        on_line = dist <= 0.75
        if np.count_nonzero(on_line) < 2:
            continue
        t_hole = hole_pts[on_line, 0] * dx + hole_pts[on_line, 1] * dy
        t_min, t_max = float(t_hole.min()), float(t_hole.max())
        before = after = 0.0
        gap_before = gap_after = math.inf
        for j in members:
            sx1, sy1, sx2, sy2, _, _, slen = segments[j]
            ta, tb = sorted((sx1 * dx + sy1 * dy, sx2 * dx + sy2 * dy))
            if tb <= t_min + 1:
                before += slen
                gap_before = min(gap_before, t_min - tb)
            elif ta >= t_max - 1:
                after += slen
                gap_after = min(gap_after, ta - t_max)
        max_gap = max(4.0, 0.35 * hole_size)
        lead_before = before > 0 and gap_before <= max_gap
        lead_after = after > 0 and gap_after <= max_gap
        if not (lead_before or lead_after):
            continue
        for j in members:
            used[j] = True
        contrast = _line_contrast(small, hole, nx, ny, offset, dx, dy, t_min, t_max, hole_size,
                                  lead_before, lead_after)
        if contrast < 6.0:
            continue
        support = (before if lead_before else 0.0) + (after if lead_after else 0.0)
        two_sided = lead_before and lead_after
        score = support * min(contrast, 60.0) * (2.0 if two_sided else 1.0)
        if two_sided:
            mid = 0.5 * (t_min + t_max)
            t_anchor = mid
        else:
            t_anchor = t_min - gap_before if lead_before else t_max + gap_after
        px, py = offset * nx + t_anchor * dx, offset * ny + t_anchor * dy
        line = _Line(px, py, dx, dy, two_sided, score)
        if not lead_before:  # points from the far side: make the direction point into the hole
            line.dx, line.dy = -dx, -dy
        candidates.append(line)

    # A line seen on one side only may end anywhere inside the hole (a corner, the end of a
    # cabinet or a bed): extending it draws false edges across floors, so it is left alone.
    candidates = [c for c in candidates if c.two_sided]
    candidates.sort(key=lambda c: -c.score)
    chosen: list[_Line] = []
    for cand in candidates:
        if len(chosen) >= 6:
            break
        if any(abs(cand.dx * c.dx + cand.dy * c.dy) > 0.998
               and abs(-c.dy * (cand.px - c.px) + c.dx * (cand.py - c.py)) < 2.5
               for c in chosen):
            continue
        chosen.append(cand)

    diag = math.hypot(h, w)
    # Two-sided lines separate surfaces across the whole crop; one-sided ones only run from
    # where they enter the hole to where they meet a drawn line or leave the hole.
    for line in (c for c in chosen if c.two_sided):
        p1 = (round(line.px - diag * line.dx), round(line.py - diag * line.dy))
        p2 = (round(line.px + diag * line.dx), round(line.py + diag * line.dy))
        cv2.line(barrier, p1, p2, 1, 1, cv2.LINE_8)
    _thicken_diagonals(barrier)
    return barrier.astype(bool), chosen


def _thicken_diagonals(barrier: np.ndarray) -> None:
    b = barrier.astype(bool)
    diag1 = b[:-1, :-1] & b[1:, 1:] & ~b[:-1, 1:] & ~b[1:, :-1]
    diag2 = b[:-1, 1:] & b[1:, :-1] & ~b[:-1, :-1] & ~b[1:, 1:]
    barrier[:-1, 1:][diag1] = 1
    barrier[:-1, :-1][diag2] = 1


def _line_contrast(small: np.ndarray, hole: np.ndarray, nx: float, ny: float, offset: float,
                   dx: float, dy: float, t_min: float, t_max: float, hole_size: int,
                   lead_before: bool, lead_after: bool) -> float:
    """Colour difference across a line next to the hole: the weaker of its two ends."""
    reach = max(6.0, 0.6 * hole_size)
    values = []
    if lead_before:
        values.append(_side_contrast(small, hole, nx, ny, offset, dx, dy,
                                     np.arange(t_min - reach, t_min, 1.0)))
    if lead_after:
        values.append(_side_contrast(small, hole, nx, ny, offset, dx, dy,
                                     np.arange(t_max, t_max + reach, 1.0)))
    return min(values) if values else 0.0


def _side_contrast(small: np.ndarray, hole: np.ndarray, nx: float, ny: float, offset: float,
                   dx: float, dy: float, t: np.ndarray) -> float:
    h, w = hole.shape
    sides = []
    for sign in (-1.0, 1.0):
        values = []
        for d in (2.0, 3.0, 4.0):
            x = np.rint(offset * nx + t * dx + sign * d * nx).astype(int)
            y = np.rint(offset * ny + t * dy + sign * d * ny).astype(int)
            ok = (x >= 0) & (x < w) & (y >= 0) & (y < h)
            x, y = x[ok], y[ok]
            ok = ~hole[y, x]
            values.append(small[y[ok], x[ok]])
        stacked = np.concatenate(values)
        if len(stacked) < 4:
            return 0.0
        sides.append(np.median(stacked, axis=0))
    return float(np.linalg.norm(sides[0] - sides[1]))


def _regions(barrier: np.ndarray) -> np.ndarray:
    """Label the 4-connected regions between barriers; barrier pixels get label 0."""
    _, labels = cv2.connectedComponents((~barrier).astype(np.uint8), connectivity=4)
    return labels.astype(np.int32)


# --------------------------------------------------------------------------------------------
# Low frequencies: direction field, transport along it, harmonic fill


def _direction_field(small: np.ndarray, hole: np.ndarray, labels: np.ndarray,
                     barrier: np.ndarray, lines: list[_Line]) -> tuple[np.ndarray, np.ndarray]:
    """Per-pixel texture direction (HxWx2, unit) and coherence in [0, 1] inside the hole."""
    h, w = hole.shape
    ys, xs = np.nonzero(hole)
    hole_size = max(int(xs.max() - xs.min()), int(ys.max() - ys.min())) + 1
    gray = cv2.cvtColor(np.clip(small, 0, 255).astype(np.uint8), cv2.COLOR_RGB2GRAY)
    gray = cv2.GaussianBlur(gray.astype(np.float32), (0, 0), 1.0)
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    valid = cv2.erode((~hole).astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    valid &= ~cv2.dilate(barrier.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    tensor = np.stack([gx * gx, gx * gy, gy * gy], axis=2)
    rho = max(2.0, hole_size / 8.0)
    field = np.zeros((h, w, 3), np.float32)
    for label in np.unique(labels[hole]):
        if label == 0:
            continue
        region = labels == label
        weight = (valid & region).astype(np.float32)
        if weight.sum() < 8:
            continue
        num = cv2.GaussianBlur(tensor * weight[..., None], (0, 0), rho)
        den = cv2.GaussianBlur(weight, (0, 0), rho)
        smooth = num / np.maximum(den, 1e-6)[..., None]
        filled = _pushpull(smooth, (den > 0.05).astype(np.float32) * region)
        field[region & hole] = filled[region & hole]
    jxx, jxy, jyy = field[..., 0], field[..., 1], field[..., 2]
    trace = jxx + jyy
    root = np.sqrt((jxx - jyy) ** 2 + 4.0 * jxy ** 2)
    lam1 = 0.5 * (trace + root)
    lam2 = 0.5 * (trace - root)
    coherence = ((lam1 - lam2) / np.maximum(lam1 + lam2, 1e-6)) ** 2
    coherence *= trace / (trace + 4.0)  # flat surfaces have no direction to follow
    # The isophote direction is the eigenvector of the smaller eigenvalue.
    angle = 0.5 * np.arctan2(2.0 * jxy, jxx - jyy) + 0.5 * np.pi
    direction = np.stack([np.cos(angle), np.sin(angle)], axis=2).astype(np.float32)
    # On and right next to a barrier, follow the line itself.
    for line in lines:
        nx, ny = -line.dy, line.dx
        yy, xx = np.mgrid[0:h, 0:w]
        dist = np.abs((xx - line.px) * nx + (yy - line.py) * ny)
        close = hole & (dist <= 1.5) & (labels > 0)
        direction[close] = (line.dx, line.dy)
        coherence[close] = 1.0
    coherence[barrier & hole] = 0.0  # barrier pixels blend their two sides (harmonic fill)
    return direction, np.clip(coherence, 0.0, 1.0).astype(np.float32)


def _transport(small: np.ndarray, hole: np.ndarray, labels: np.ndarray,
               direction: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Carry colours into the hole along ``direction``, both ways, from the same region.

    Returns the transported colours and a reliability in [0, 1] (1 when both ends were found,
    less when only one was, 0 when none).
    """
    h, w = hole.shape
    ys, xs = np.nonzero(hole)
    px, py = xs.astype(np.float32), ys.astype(np.float32)
    own = labels[ys, xs]
    tx, ty = direction[ys, xs, 0], direction[ys, xs, 1]
    source = cv2.GaussianBlur(small, (0, 0), 0.7)
    n = len(xs)
    total = np.zeros((n, 3), np.float32)
    weights = np.zeros(n, np.float32)
    ends = np.zeros(n, np.int8)
    max_steps = int(math.hypot(h, w)) + 2
    for sign in (1.0, -1.0):
        active = np.arange(n)
        for step in range(1, max_steps):
            if active.size == 0:
                break
            qx = np.rint(px[active] + sign * step * tx[active]).astype(np.int32)
            qy = np.rint(py[active] + sign * step * ty[active]).astype(np.int32)
            inside = (qx >= 0) & (qx < w) & (qy >= 0) & (qy < h)
            qx_c, qy_c = np.clip(qx, 0, w - 1), np.clip(qy, 0, h - 1)
            lab = labels[qy_c, qx_c]
            mine = own[active]
            crossed = inside & (mine > 0) & (lab > 0) & (lab != mine)
            reached = inside & ~hole[qy_c, qx_c] & ~crossed & ((lab == mine) | (mine == 0))
            done = reached
            idx = active[done]
            weight = 1.0 / step
            total[idx] += weight * source[qy_c[done], qx_c[done]]
            weights[idx] += weight
            ends[idx] += 1
            keep = ~(done | crossed | ~inside)
            active = active[keep]
    transported = np.zeros_like(small)
    found = weights > 0
    values = np.zeros((n, 3), np.float32)
    values[found] = total[found] / weights[found, None]
    transported[ys, xs] = values
    reach = np.zeros((h, w), np.float32)
    reach[ys, xs] = np.where(ends >= 2, 1.0, np.where(ends == 1, 0.5, 0.0))
    return transported, reach


def _harmonic_fill(small: np.ndarray, hole: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Solve Laplace's equation in the hole, never across barriers.

    Every hole pixel is also tied very weakly to a smooth whole-crop guess, so that regions
    with no known border of their own still get a value. Pixels inside regions only talk to
    their own region, so their system is symmetric positive definite and is solved first by
    conjugate gradients; barrier pixels (label 0) then blend every neighbour, a second such
    system. Both start from the smooth guess.
    """
    guess = _pushpull(small, (~hole).astype(np.float32))
    out = small.copy()
    inner = hole & (labels > 0)
    barrier = hole & (labels == 0)
    if inner.any():
        out[inner] = _solve_laplace(out, guess, inner, ~hole, labels)
    if barrier.any():
        out[barrier] = _solve_laplace(out, guess, barrier, ~barrier, labels)
    return out


def _solve_laplace(values: np.ndarray, guess: np.ndarray,
                   unknown: np.ndarray, known: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Values at ``unknown`` pixels solving ``(eps + deg) x_p - sum x_q = eps g_p + sum v_q``
    over the 4-neighbours q in the same region (any region for a barrier pixel), where ``g``
    is ``guess`` and ``v`` is ``values`` at ``known`` neighbours; starts from ``guess``."""
    h, w = unknown.shape
    eps = np.float32(1e-3)
    ys, xs = np.nonzero(unknown)
    n = len(ys)
    index = np.full((h, w), n, np.int64)  # n: "not an unknown", reads a zero
    index[ys, xs] = np.arange(n)
    own = labels[ys, xs]
    diag = np.full(n, eps, np.float32)
    rhs = eps * guess[ys, xs].T  # channels first: every step below runs on contiguous rows
    neighbours = []
    for oy, ox in ((0, 1), (0, -1), (1, 0), (-1, 0)):
        qy, qx = ys + oy, xs + ox
        inside = (qy >= 0) & (qy < h) & (qx >= 0) & (qx < w)
        qy_c, qx_c = np.clip(qy, 0, h - 1), np.clip(qx, 0, w - 1)
        same = inside & ((labels[qy_c, qx_c] == own) | (own == 0))
        link = same & unknown[qy_c, qx_c]
        fixed = same & known[qy_c, qx_c]
        diag += link | fixed
        rhs[:, fixed] += values[qy_c[fixed], qx_c[fixed]].T
        neighbours.append(np.where(link, index[qy_c, qx_c], n))
    padded = np.zeros((3, n + 1), np.float32)

    def apply(v: np.ndarray) -> np.ndarray:
        padded[:, :n] = v
        result = diag * v
        for nb in neighbours:
            result -= padded[:, nb]
        return result

    # Jacobi-preconditioned conjugate gradients, the three channels at once
    x = np.ascontiguousarray(guess[ys, xs].T, dtype=np.float32)
    r = rhs - apply(x)
    inv = 1.0 / diag
    z = r * inv
    p = z.copy()
    rz = np.einsum("ij,ij->i", r, z, dtype=np.float64)
    for _ in range(2 * (h + w)):
        if float(np.abs(z).max()) < CG_TOLERANCE:
            break
        ap = apply(p)
        step = rz / np.maximum(np.einsum("ij,ij->i", p, ap, dtype=np.float64), 1e-30)
        x += step.astype(np.float32)[:, None] * p
        r -= step.astype(np.float32)[:, None] * ap
        np.multiply(r, inv, out=z)
        rz_new = np.einsum("ij,ij->i", r, z, dtype=np.float64)
        p = z + (rz_new / np.maximum(rz, 1e-30)).astype(np.float32)[:, None] * p
        rz = rz_new
    return np.ascontiguousarray(x.T)


#: The harmonic solve stops when no pixel would move by more than this (levels of 255).
CG_TOLERANCE = 0.002


def _pushpull(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Fill where ``weights`` is 0 with a smooth multi-scale average of the weighted values."""
    h, w = weights.shape
    squeeze = values.ndim == 2
    v = values[..., None] if squeeze else values
    wt = np.clip(weights, 0.0, 1.0).astype(np.float32)
    if h <= 2 or w <= 2 or wt.sum() == 0:
        total = float(wt.sum())
        mean = (v * wt[..., None]).reshape(-1, v.shape[2]).sum(0) / max(total, 1e-6)
        filled = np.broadcast_to(mean, v.shape).astype(np.float32)
        out = wt[..., None] * v + (1.0 - wt[..., None]) * filled
        return out[..., 0] if squeeze else out
    size = ((w + 1) // 2, (h + 1) // 2)
    down_v = cv2.pyrDown(np.ascontiguousarray(v * wt[..., None]), dstsize=size)
    down_w = cv2.pyrDown(wt, dstsize=size)
    if down_v.ndim == 2:
        down_v = down_v[..., None]
    coarse_v = down_v / np.maximum(down_w, 1e-6)[..., None]
    coarse = _pushpull(coarse_v, np.clip(down_w * 4.0, 0.0, 1.0))
    up = cv2.pyrUp(np.ascontiguousarray(coarse), dstsize=(w, h))
    if up.ndim == 2:
        up = up[..., None]
    out = wt[..., None] * v + (1.0 - wt[..., None]) * up
    return out[..., 0] if squeeze else out


# --------------------------------------------------------------------------------------------
# Fine texture at full resolution


def _transfer_detail(detail: np.ndarray, fill: np.ndarray, small: np.ndarray, hole: np.ndarray,
                     labels: np.ndarray, scale: float, rng: np.random.Generator) -> np.ndarray:
    """Synthesize full-resolution detail for the hole, region by region.

    The hole's pixels of each region get patches copied from known pixels of the same region
    near the hole; for every patch the best of a few random candidates is taken, judged by how
    well its low frequencies match ``fill``. A region too thin to hold a whole patch gets none.
    """
    full_h, full_w = detail.shape[:2]
    h, w = hole.shape
    ys, xs = np.nonzero(hole)
    hole_size = max(int(xs.max() - xs.min()), int(ys.max() - ys.min())) + 1
    patch = int(np.clip(round(hole_size / 5), 6, 16))
    step = max(2, round(patch * 0.7))
    half = patch // 2
    known = ~hole
    dist = cv2.distanceTransform(known.astype(np.uint8), cv2.DIST_L2, 3)
    near = known & (dist <= max(3.0 * patch, 0.8 * hole_size))
    inv = 1.0 / scale
    fp = math.ceil(patch * inv) + 2  # full-resolution patch side
    ramp = _window(fp)
    if scale < 1.0:
        labels_full = cv2.resize(labels, (full_w, full_h), interpolation=cv2.INTER_NEAREST)
    else:
        labels_full = labels
    accum = np.zeros((full_h, full_w, detail.shape[2]), np.float32)
    norm = np.zeros((full_h, full_w), np.float32)
    candidates = 24
    for label in np.unique(labels[hole]):
        if label == 0:
            continue
        region = labels == label
        sy = sx = np.zeros(0, np.int64)
        for side in (patch + 2, half + 2):
            box = np.ones((side, side), np.uint8)
            inside = cv2.erode(region.astype(np.uint8), box, borderType=cv2.BORDER_CONSTANT,
                               borderValue=0).astype(bool)
            usable = cv2.erode((region & known).astype(np.uint8), box,
                               borderType=cv2.BORDER_CONSTANT, borderValue=0).astype(bool)
            sy, sx = np.nonzero(usable & inside & near)
            if sy.size >= 4:
                break
        if sy.size < 4:
            continue
        ry, rx = np.nonzero(region & hole)
        for cy in range(int(ry.min()), int(ry.max()) + 1 + step, step):
            for cx in range(int(rx.min()), int(rx.max()) + 1 + step, step):
                y0, x0 = cy - half, cx - half
                ty0, tx0 = max(0, y0), max(0, x0)
                ty1, tx1 = min(h, y0 + patch), min(w, x0 + patch)
                if ty1 <= ty0 or tx1 <= tx0:
                    continue
                if not (hole[ty0:ty1, tx0:tx1] & region[ty0:ty1, tx0:tx1]).any():
                    continue
                pick = rng.integers(0, sy.size, size=min(candidates, sy.size))
                want = fill[ty0:ty1, tx0:tx1]
                best, best_cost = int(pick[0]), math.inf
                for k in pick:
                    oy, ox = int(sy[k]) - half + (ty0 - y0), int(sx[k]) - half + (tx0 - x0)
                    if oy < 0 or ox < 0 or oy + (ty1 - ty0) > h or ox + (tx1 - tx0) > w:
                        continue
                    got = small[oy:oy + ty1 - ty0, ox:ox + tx1 - tx0]
                    cost = float(np.mean((got - want) ** 2))
                    if cost < best_cost:
                        best, best_cost = int(k), cost
                src_fy = round((int(sy[best]) + 0.5) * inv - fp / 2)
                src_fx = round((int(sx[best]) + 0.5) * inv - fp / 2)
                dst_fy = round((cy + 0.5) * inv - fp / 2)
                dst_fx = round((cx + 0.5) * inv - fp / 2)
                _paste(accum, norm, detail, ramp, labels_full, int(label),
                       src_fy, src_fx, dst_fy, dst_fx, fp)
    out = np.zeros_like(accum)
    covered = norm > 1e-6
    out[covered] = accum[covered] / norm[covered, None]
    return out


def _window(size: int) -> np.ndarray:
    edge = max(1, size // 3)
    ramp = np.ones(size, np.float32)
    up = (np.arange(edge, dtype=np.float32) + 0.5) / edge
    ramp[:edge] = up
    ramp[size - edge:] = up[::-1]
    return np.outer(ramp, ramp)


def _paste(accum: np.ndarray, norm: np.ndarray, detail: np.ndarray, ramp: np.ndarray,
           labels: np.ndarray, label: int, sy: int, sx: int, dy: int, dx: int,
           size: int) -> None:
    h, w = norm.shape
    # Clip the destination, then shift the source by the same amount.
    y0, x0 = max(0, dy, -sy + dy), max(0, dx, -sx + dx)
    y1 = min(h, dy + size, h - sy + dy)
    x1 = min(w, dx + size, w - sx + dx)
    if y1 <= y0 or x1 <= x0:
        return
    src = detail[y0 - dy + sy:y1 - dy + sy, x0 - dx + sx:x1 - dx + sx]
    win = ramp[y0 - dy:y1 - dy, x0 - dx:x1 - dx] * (labels[y0:y1, x0:x1] == label)
    accum[y0:y1, x0:x1] += src * win[..., None]
    norm[y0:y1, x0:x1] += win
