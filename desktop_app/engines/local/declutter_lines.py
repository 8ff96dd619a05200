"""Declutter, structure: the straight lines that run into a hole, carried across it.

Lines found next to the hole (line segment detector) are extended across it as barriers that
split the hole and its surroundings into surface regions; inside each region colours are carried
along the local texture direction (plank and line direction, from a structure tensor taken from
the same region).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from desktop_app.engines.local.declutter_smooth import pushpull

#: A line seen on both sides of the hole is one edge only if the colour steps across it at its
#: two ends point along about the same colour axis (|cosine| at least this; a thin seam's step
#: may change sign with the light): otherwise two different edges merely line up.
LINE_STEP_AGREEMENT = 0.5


def hole_extent(hole: np.ndarray) -> int:
    """The longer side of the hole's bounding box (pixels): the scale the fill works at."""
    ys, xs = np.nonzero(hole)
    return max(int(xs.max() - xs.min()), int(ys.max() - ys.min())) + 1


@dataclass
class Line:
    px: float  # a point on the line
    py: float
    dx: float  # unit direction
    dy: float
    two_sided: bool
    score: float


def find_barriers(small: np.ndarray, hole: np.ndarray) -> tuple[np.ndarray, list[Line]]:
    """Detect straight lines leading into the hole and draw them across it as barriers."""
    h, w = hole.shape
    barrier = np.zeros((h, w), np.uint8)
    ys, xs = np.nonzero(hole)
    hole_size = hole_extent(hole)
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

    candidates: list[Line] = []
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
        steps = _line_steps(small, hole, nx, ny, offset, dx, dy, t_min, t_max, hole_size,
                            lead_before, lead_after)
        contrast = min((float(np.linalg.norm(v)) for v in steps), default=0.0)
        if contrast < 6.0:
            continue
        if len(steps) == 2 and abs(_cosine(steps[0], steps[1])) < LINE_STEP_AGREEMENT:
            continue  # two different edges that happen to line up (a plank seam, a rug's motif)
        support = (before if lead_before else 0.0) + (after if lead_after else 0.0)
        two_sided = lead_before and lead_after
        score = support * min(contrast, 60.0) * (2.0 if two_sided else 1.0)
        if two_sided:
            mid = 0.5 * (t_min + t_max)
            t_anchor = mid
        else:
            t_anchor = t_min - gap_before if lead_before else t_max + gap_after
        px, py = offset * nx + t_anchor * dx, offset * ny + t_anchor * dy
        line = Line(px, py, dx, dy, two_sided, score)
        if not lead_before:  # points from the far side: make the direction point into the hole
            line.dx, line.dy = -dx, -dy
        candidates.append(line)

    # A line seen on one side only may end anywhere inside the hole (a corner, the end of a
    # cabinet or a bed): extending it draws false edges across floors, so it is left alone.
    candidates = [c for c in candidates if c.two_sided]
    candidates.sort(key=lambda c: -c.score)
    chosen: list[Line] = []
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


def _line_steps(small: np.ndarray, hole: np.ndarray, nx: float, ny: float, offset: float,
                dx: float, dy: float, t_min: float, t_max: float, hole_size: int,
                lead_before: bool, lead_after: bool) -> list[np.ndarray]:
    """The colour step across a line next to the hole, at each end it is seen on."""
    reach = max(6.0, 0.6 * hole_size)
    spans = []
    if lead_before:
        spans.append(np.arange(t_min - reach, t_min, 1.0))
    if lead_after:
        spans.append(np.arange(t_max, t_max + reach, 1.0))
    return [_side_step(small, hole, nx, ny, offset, dx, dy, t) for t in spans]


def _side_step(small: np.ndarray, hole: np.ndarray, nx: float, ny: float, offset: float,
               dx: float, dy: float, t: np.ndarray) -> np.ndarray:
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
            return np.zeros(3, np.float32)
        sides.append(np.median(stacked, axis=0))
    return np.asarray(sides[1] - sides[0], np.float32)


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b) / max(float(np.linalg.norm(a) * np.linalg.norm(b)), 1e-6)


def regions(barrier: np.ndarray) -> np.ndarray:
    """Label the 4-connected regions between barriers; barrier pixels get label 0."""
    _, labels = cv2.connectedComponents((~barrier).astype(np.uint8), connectivity=4)
    return labels.astype(np.int32)


# --------------------------------------------------------------------------------------------
# Low frequencies: direction field, transport along it, harmonic fill


def direction_field(small: np.ndarray, hole: np.ndarray, labels: np.ndarray,
                     barrier: np.ndarray, lines: list[Line]) -> tuple[np.ndarray, np.ndarray]:
    """Per-pixel texture direction (HxWx2, unit) and coherence in [0, 1] inside the hole."""
    h, w = hole.shape
    hole_size = hole_extent(hole)
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
        filled = pushpull(smooth, (den > 0.05).astype(np.float32) * region)
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


def transport(small: np.ndarray, hole: np.ndarray, labels: np.ndarray,
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
