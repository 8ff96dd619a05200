"""Declutter, low frequencies: smooth fills of a hole that never cross a barrier.

A harmonic fill (Laplace's equation, solved by conjugate gradients) per surface region, and a
push-pull pyramid that gives unknown pixels a smooth guess.
"""

from __future__ import annotations

import cv2
import numpy as np


def harmonic_fill(small: np.ndarray, hole: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Solve Laplace's equation in the hole, never across barriers.

    Every hole pixel is also tied very weakly to a smooth whole-crop guess, so that regions
    with no known border of their own still get a value. Pixels inside regions only talk to
    their own region, so their system is symmetric positive definite and is solved first by
    conjugate gradients; barrier pixels (label 0) then blend every neighbour, a second such
    system. Both start from the smooth guess.
    """
    guess = pushpull(small, (~hole).astype(np.float32))
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


def pushpull(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
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
    coarse = pushpull(coarse_v, np.clip(down_w * 4.0, 0.0, 1.0))
    up = cv2.pyrUp(np.ascontiguousarray(coarse), dstsize=(w, h))
    if up.ndim == 2:
        up = up[..., None]
    out = wt[..., None] * v + (1.0 - wt[..., None]) * up
    return out[..., 0] if squeeze else out
