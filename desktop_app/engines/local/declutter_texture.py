"""Declutter, fine texture: detail copied patch by patch from the same surface near the hole."""

from __future__ import annotations

import math

import cv2
import numpy as np


def transfer_detail(detail: np.ndarray, fill: np.ndarray, small: np.ndarray, hole: np.ndarray,
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

