"""Declutter, fine texture: detail copied patch by patch from the same surface near the hole."""

from __future__ import annotations

import math

import cv2
import numpy as np

from desktop_app.engines.local.declutter_lines import hole_extent


def transfer_detail(detail: np.ndarray, fill: np.ndarray, small: np.ndarray, hole: np.ndarray,
                     labels: np.ndarray, scale: float, rng: np.random.Generator) -> np.ndarray:
    """Synthesize full-resolution detail for the hole, region by region.

    The hole's pixels of each region get patches copied from known pixels of the same region
    near the hole; for every patch the best of a few random candidates is taken, judged by how
    well its low frequencies match ``fill``. A region too thin to hold a whole patch gets none.
    """
    full_h, full_w = detail.shape[:2]
    h, w = hole.shape
    hole_size = hole_extent(hole)
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


# --------------------------------------------------------------------------------------------
# Patterned surfaces (carpets, rugs): their own texture, copied coherently

#: A region counts as patterned when the fine texture of its surface next to the hole has at
#: least this standard deviation (levels of 255, luminance, finer than the working blur)...
PATTERN_MIN_STD = 6.5
#: ...and its texture follows no single direction this strongly (planks and seams are carried
#: along their direction instead).
PATTERN_MAX_COHERENCE = 0.3
#: Random source patches tried per target patch (besides those that continue a neighbour's).
PATTERN_CANDIDATES = 48
#: Source patches are at least this share as busy (local contrast) as the surface next to the
#: hole, and at most its inverse: a smooth patch of the right colour would fit its neighbours
#: better than another piece of the same pattern and leave a smooth block; a much busier one is
#: an edge or an object, not the pattern. Their grain (the contrast finer than PATTERN_SIGMA,
#: the part that is copied) is within the same shares of the surface's: a bed skirt's folds
#: are as busy as a carpet but copy no grain, and a bedspread's chenille has more.
PATTERN_SOURCE_SHARE = 0.7
#: Source patches come from the stretch of that surface which touches the hole, unless less than
#: this share of them lie there: then the surface is in pieces (a busy scene, not one carpet).
PATTERN_CONNECTED_SHARE = 1 / 3
#: A region is one carpet when at least this share of its edge around the hole is as busy and as
#: grainy as the commonest kind there. Less is a busy scene (a sofa's side, the dark under it, a
#: chair's upholstery and a strip of rug): a pattern copied there brings pieces of those things.
PATTERN_ONE_SURFACE = 1 / 3
#: The surface next to the hole is its known pixels within this many patches of it. A hole may
#: lie on two surfaces (a carpet and a bed's skirt, a rug and the floor beyond its edge): each
#: target copies from the kind of surface (as busy, as grainy) nearest to it on that band.
PATTERN_EDGE = 0.5
#: The copied texture is what is finer than this blur (working pixels); coarser than that, the
#: smooth fill is kept, which costs the least fidelity where nothing behind the object is known.
PATTERN_SIGMA = 2.0


def busy_regions(small: np.ndarray, hole: np.ndarray, labels: np.ndarray,
                 coherence: np.ndarray, sigma: float) -> dict[int, float]:
    """The regions whose surface around the hole has a texture, not plain: label -> how
    coherently the hole's part of it follows a direction (patterned up to
    ``PATTERN_MAX_COHERENCE``, lined above)."""
    gray = cv2.cvtColor(np.clip(small, 0, 255).astype(np.uint8), cv2.COLOR_RGB2GRAY)
    gray = gray.astype(np.float32)
    fine = gray - cv2.GaussianBlur(gray, (0, 0), sigma)
    dist = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, 3)
    ring = (dist > 2) & (dist <= max(6.0, 0.25 * hole_extent(hole)))
    busy: dict[int, float] = {}
    for label in np.unique(labels[hole]):
        if label == 0:
            continue
        region = labels == label
        around = ring & region
        inside = hole & region
        if np.count_nonzero(around) < 64 or np.count_nonzero(inside) < 16:
            continue
        if float(fine[around].std()) >= PATTERN_MIN_STD:
            busy[int(label)] = float(coherence[inside].mean())
    return busy


def pattern_sources(small: np.ndarray, hole: np.ndarray, labels: np.ndarray, chosen: list[int],
                    rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Where each hole pixel of the ``chosen`` regions copies its pattern from.

    Exemplar-based: the hole is covered patch by patch from its edge inwards; each patch is
    the best of a few candidates from the known part of the same region, of the kind of
    surface next to the hole nearest to it and from the stretch of that surface which touches
    the hole there (random ones, and those that continue the source of an already covered
    neighbour, so the pattern keeps its own scale and order), judged by how well it fits the
    pixels already known or covered around it and by its colour. A region whose edge is a busy
    scene rather than one carpet gets nothing. Returns the offset (HxWx2 int32: source minus
    target, y then x, at working resolution) and which hole pixels got one.
    """
    h, w = hole.shape
    hole_size = hole_extent(hole)
    patch = patch_size(hole)
    half = patch // 2
    step = patch_step(patch)
    pad = ((half, half), (half, half))
    # in padded coordinates, the window centred on (y, x) starts at (y, x)
    out = np.pad(small.astype(np.float32), (*pad, (0, 0)), mode="edge")
    done = np.pad(~hole, pad, constant_values=False)
    lab = np.pad(labels, pad, constant_values=-1)
    offset = np.zeros((h + 2 * half, w + 2 * half, 2), np.int32)
    windows = np.lib.stride_tricks.sliding_window_view(out.copy(), (patch, patch), axis=(0, 1))
    gray = cv2.cvtColor(np.clip(small, 0, 255).astype(np.uint8), cv2.COLOR_RGB2GRAY)
    gray = gray.astype(np.float32)
    mean = cv2.blur(gray, (patch, patch))
    busyness = np.sqrt(np.maximum(cv2.blur(gray * gray, (patch, patch)) - mean * mean, 0.0))
    fine = gray - cv2.GaussianBlur(gray, (0, 0), PATTERN_SIGMA)
    grain = np.sqrt(cv2.blur(fine * fine, (patch, patch)))
    depth = cv2.distanceTransform(hole.astype(np.uint8), cv2.DIST_L2, 3)
    near = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, 3)
    reach = max(3.0 * patch, 1.0 * hole_size)
    for label in chosen:
        region = labels == label
        usable = cv2.erode((region & ~hole).astype(np.uint8), np.ones((patch, patch), np.uint8),
                           borderType=cv2.BORDER_CONSTANT, borderValue=0).astype(bool)
        edge = region & ~hole & (near > 1) & (near <= max(3.0, PATTERN_EDGE * patch))
        if not edge.any():
            continue
        kind = _kinds(_nearest_typical(busyness, edge, patch),
                      _nearest_typical(grain, edge, patch))
        inside = region & hole
        within = usable & (near <= reach)
        edge_kinds, counts = np.unique(kind[edge], return_counts=True)
        commonest = edge & (kind == edge_kinds[int(np.argmax(counts))])
        if float(_alike(busyness, grain, commonest)[edge].mean()) < PATTERN_ONE_SURFACE:
            continue  # not a carpet: the smooth fill and the detail copied around it stay
        pools: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for key in np.unique(kind[inside]):
            part = edge & (kind == key)
            alike = _alike(busyness, grain, part)
            sources = within & alike
            # The same surface: a carpet is one stretch of grain, and a curtain's edge beyond a
            # smooth skirting has grain too but is not the carpet.
            surface = touching(alike & region & ~hole, part, patch)
            if (np.count_nonzero(sources & surface)
                    >= PATTERN_CONNECTED_SHARE * np.count_nonzero(sources)):
                sources &= surface
            ky, kx = np.nonzero(sources)
            if ky.size >= 4:
                pools[int(key)] = (ky, kx)
        if not pools:
            continue
        main = max(pools, key=lambda k: int(counts[edge_kinds == k].sum()))
        grid = patch_centres(inside, depth, patch, step)
        source: dict[tuple[int, int], tuple[int, int]] = {}
        for cy, cx in grid:
            win = (slice(cy, cy + patch), slice(cx, cx + patch))
            mine = lab[win] == label
            context = done[win] & mine
            todo = ~done[win] & mine
            if not todo.any():
                continue
            sy, sx = pools.get(int(kind[cy, cx]), pools[main])
            pick = rng.integers(0, sy.size, size=min(PATTERN_CANDIDATES, sy.size))
            cand = [(int(sy[k]), int(sx[k])) for k in pick]
            for dy, dx in ((-step, 0), (step, 0), (0, -step), (0, step)):
                got = source.get((cy + dy, cx + dx))
                if got is not None:
                    py, px = got[0] - dy, got[1] - dx
                    if 0 <= py < h and 0 <= px < w and usable[py, px]:
                        cand.append((py, px))
            stack = np.moveaxis(windows[[c[0] for c in cand], [c[1] for c in cand]], 1, -1)
            want = out[win]
            cost = np.zeros(len(cand), np.float32)
            if context.any():
                diff = stack[:, context] - want[context]
                cost += np.mean(diff * diff, axis=(1, 2))
            # the colour of the smooth guess the hole started with
            colour = stack[:, todo].mean(axis=1) - want[todo].mean(axis=0)
            cost += np.sum(colour * colour, axis=1)
            best = int(np.argmin(cost))
            source[(cy, cx)] = cand[best]
            want[todo] = stack[best][todo]
            offset[win][todo] = (cand[best][0] - cy, cand[best][1] - cx)
            done[win] |= todo
    inner = (slice(half, half + h), slice(half, half + w))
    return offset[inner], done[inner] & hole


def copy_pattern(result: np.ndarray, image: np.ndarray, target: np.ndarray,
                 offset: np.ndarray, copied: np.ndarray, scale: float) -> None:
    """Add to the ``copied`` pixels of ``result`` (full size, smooth there; in place) the fine
    texture of the full-size pixels their pattern comes from."""
    full_h, full_w = target.shape
    if scale < 1.0:
        size = (full_w, full_h)
        mask = cv2.resize(copied.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
        off = cv2.resize(offset.astype(np.float32), size, interpolation=cv2.INTER_NEAREST)
        off = np.rint(off / scale).astype(np.int64)
    else:
        mask, off = copied, offset.astype(np.int64)
    fine = image - cv2.GaussianBlur(image, (0, 0), PATTERN_SIGMA / scale)
    # a source rounded into the hole adds nothing
    ys, xs, detail = blend_seams(fine, mask & target, off, ~target, scale)
    result[ys, xs] += detail


def blend_seams(detail: np.ndarray, copied: np.ndarray, offset: np.ndarray,
                sources: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``detail`` the ``copied`` pixels take through the ``offset`` field (full size,
    source minus target), each the mean of what its own offset and those of the copied pixels
    a working pixel around it take from ``sources``. Two neighbouring patches copied from
    different places then meet in a short ramp, not along a hard seam. Returns the rows and
    columns of the pixels that got any, and what they got."""
    h, w = copied.shape
    ys, xs = np.nonzero(copied)
    reach = max(1, round(1.0 / scale))
    total = np.zeros((ys.size, detail.shape[2]), np.float32)
    count = np.zeros(ys.size, np.float32)
    for dy in (-reach, 0, reach):
        for dx in (-reach, 0, reach):
            qy, qx = np.clip(ys + dy, 0, h - 1), np.clip(xs + dx, 0, w - 1)
            sy = np.rint(ys + offset[qy, qx, 0]).astype(np.int64)
            sx = np.rint(xs + offset[qy, qx, 1]).astype(np.int64)
            ok = copied[qy, qx] & (sy >= 0) & (sy < h) & (sx >= 0) & (sx < w)
            ok[ok] = sources[sy[ok], sx[ok]]
            total[ok] += detail[sy[ok], sx[ok]]
            count[ok] += 1
    got = count > 0
    return ys[got], xs[got], total[got] / count[got, None]


def patch_centres(inside: np.ndarray, depth: np.ndarray, patch: int,
                  step: int) -> list[tuple[int, int]]:
    """The centres (y, x), ``step`` apart, of the patches that cover the ``inside`` pixels,
    from the hole's edge inwards (by ``depth``, the distance into the hole)."""
    h, w = inside.shape
    half = patch // 2
    ty, tx = np.nonzero(inside)
    grid = [(cy, cx)
            for cy in range(int(ty.min()), int(ty.max()) + 1 + step, step)
            for cx in range(int(tx.min()), int(tx.max()) + 1 + step, step)
            if 0 <= cy < h and 0 <= cx < w
            and inside[max(0, cy - half):cy + half + 1, max(0, cx - half):cx + half + 1].any()]
    grid.sort(key=lambda p: float(depth[p]))
    return grid


def patch_size(hole: np.ndarray) -> int:
    """The side (odd, working pixels) of the patches a patterned hole is copied in."""
    return int(np.clip(round(hole_extent(hole) / 6), 7, 21)) | 1


def patch_step(patch: int) -> int:
    """How far apart those patches are laid: they overlap by about a third."""
    return max(2, patch - max(2, patch // 3))


def _nearest_typical(values: np.ndarray, band: np.ndarray, patch: int) -> np.ndarray:
    """Everywhere, the value of ``values`` typical of the ``band`` pixels nearest to it
    (averaged along the band over about a patch)."""
    weight = band.astype(np.float32)
    smooth = (cv2.GaussianBlur(values * weight, (0, 0), patch)
              / np.maximum(cv2.GaussianBlur(weight, (0, 0), patch), 1e-6))
    _, nearest = cv2.distanceTransformWithLabels((~band).astype(np.uint8), cv2.DIST_L2, 5,
                                                 labelType=cv2.DIST_LABEL_PIXEL)
    ry, rx = np.nonzero(band)  # the labels number the band's pixels in this (raster) order
    lookup = np.concatenate([[0.0], smooth[ry, rx]]).astype(np.float32)
    return lookup[nearest]


def _kinds(busyness: np.ndarray, grain: np.ndarray) -> np.ndarray:
    """Kinds of surface by busyness and grain, each a step of 1 / PATTERN_SOURCE_SHARE."""
    step = math.log(1.0 / PATTERN_SOURCE_SHARE)
    busy = np.rint(np.log(np.maximum(busyness, 0.5)) / step).astype(np.int64)
    fine = np.rint(np.log(np.maximum(grain, 0.5)) / step).astype(np.int64)
    return busy * 1000 + fine


def _alike(busyness: np.ndarray, grain: np.ndarray, part: np.ndarray) -> np.ndarray:
    """Where the surface is about as busy and as grainy as ``part`` typically is."""
    busy, fine = float(np.median(busyness[part])), float(np.median(grain[part]))
    return ((busyness >= PATTERN_SOURCE_SHARE * busy)
            & (busyness <= busy / PATTERN_SOURCE_SHARE)
            & (grain >= PATTERN_SOURCE_SHARE * fine)
            & (grain <= fine / PATTERN_SOURCE_SHARE))


def touching(surface: np.ndarray, ring: np.ndarray, patch: int) -> np.ndarray:
    """The parts of ``surface`` that reach ``ring`` through passages at least a patch wide
    (narrower ones are the grainy edges of other things)."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (patch, patch))
    opened = cv2.morphologyEx(surface.astype(np.uint8), cv2.MORPH_OPEN, kernel)
    _, comp = cv2.connectedComponents(opened, connectivity=8)
    keep = np.unique(comp[ring & (opened > 0)])
    keep = keep[keep > 0]
    return np.isin(comp, keep)
