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
   Carpets and rugs get their own texture copied coherently instead; where a rug or a floor has
   straight lines on it (a border's stripes, boards), all that is finer than its light is
   copied along those lines, so the stripes go on across the hole. Where two patches copied
   from different places meet, their detail is blended over a working pixel, not cut.

Pixels outside the mask are never written. This module cuts the mask into crops and puts the
layers together; the layers are ``declutter_lines`` (1, and the transport of 2),
``declutter_smooth`` (the harmonic fill of 2), ``declutter_texture`` (3) and
``declutter_floor`` with ``declutter_plane`` (3 along a floor's lines).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from desktop_app.core.errors import ImageError, MaskError
from desktop_app.core.messages import Msg
from desktop_app.engines.local.declutter_lines import (
    direction_field,
    find_barriers,
    regions,
    transport,
)
from desktop_app.engines.local.declutter_plane import copy_plane, find_plane, plane_sources
from desktop_app.engines.local.declutter_smooth import harmonic_fill, pushpull
from desktop_app.engines.local.declutter_texture import (
    PATTERN_MAX_COHERENCE,
    busy_regions,
    copy_pattern,
    pattern_sources,
    transfer_detail,
)

__all__ = ["remove_objects"]

#: Longest side of a crop at working resolution (structure and low frequencies).
WORK_SIDE = 768
#: The working resolution is at most that of the photo scaled to this longest side, so that a
#: large photo's structure and low frequencies are found as in a smaller one of the same room;
#: its fine texture is still copied at full size.
PHOTO_SIDE = 2048
#: Holes whose widest point is at most this many pixels across are filled by fast marching.
THIN_HOLE_RADIUS = 3.0
#: Gaussian sigma (working pixels) that splits the working resolution's texture from its fill.
TEXTURE_SIGMA = 3.0
#: How much of the copied texture's contrast is kept. Copied texture never lines up with what
#: was really behind the object, so full contrast costs fidelity; too little looks smeared.
TEXTURE_GAIN = 0.6
#: Busy surfaces whose texture follows a direction at most this coherently are floors whose
#: lines may guide the copy (more coherent ones are boards or seams, carried along by layer 2).
PLANE_MAX_COHERENCE = 0.5
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
    max_scale = min(1.0, PHOTO_SIDE / max(image.shape[:2]))
    for group in _hole_groups(hole):
        _fill_group(out, known, group, rng, max_scale)
        known |= group
    return out


# --------------------------------------------------------------------------------------------
# Input checks


def _check_image(rgb: np.ndarray) -> np.ndarray:
    if not isinstance(rgb, np.ndarray) or rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ImageError(Msg.PHOTO_NOT_COLOUR())
    if rgb.dtype != np.uint8:
        raise ImageError(Msg.PHOTO_NOT_8_BIT())
    if rgb.shape[0] < 2 or rgb.shape[1] < 2:
        raise ImageError(Msg.PHOTO_TOO_SMALL())
    return np.ascontiguousarray(rgb)


def _check_mask(mask: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    if not isinstance(mask, np.ndarray) or mask.ndim != 2:
        raise MaskError(Msg.MASK_SINGLE_CHANNEL())
    if mask.shape != tuple(shape):
        raise MaskError(Msg.MASK_SIZE_DIFFERS(mask.shape[1], mask.shape[0], shape[1], shape[0]))
    hole = mask.astype(bool)
    count = int(np.count_nonzero(hole))
    if count == 0:
        raise MaskError(Msg.MASK_NOTHING_MARKED())
    if hole.size - count < MIN_SOURCE_PIXELS:
        raise MaskError(Msg.MASK_EVERYTHING_MARKED())
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
                rng: np.random.Generator, max_scale: float) -> None:
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
        raise MaskError(Msg.MASK_EVERYTHING_MARKED())

    inner = cv2.distanceTransform(target.astype(np.uint8), cv2.DIST_L2, 3)
    if float(inner[mine].max()) <= THIN_HOLE_RADIUS:
        filled = cv2.inpaint(image, target.astype(np.uint8), 3, cv2.INPAINT_TELEA)
        image[mine] = filled[mine]
        return

    result = _fill_crop(image, target, rng, max_scale)
    image[mine] = result[mine]


def _fill_crop(image: np.ndarray, target: np.ndarray, rng: np.random.Generator,
               max_scale: float) -> np.ndarray:
    """Fill ``target`` pixels of the crop ``image`` (uint8) at a working resolution of at most
    ``max_scale``; returns a uint8 crop."""
    full_h, full_w = target.shape
    scale = min(max_scale, WORK_SIDE / max(full_h, full_w))
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
    small = pushpull(small, (~hole).astype(np.float32))

    barrier, lines = find_barriers(small, hole)
    labels = regions(barrier)
    structure, coherence = direction_field(small, hole, labels, barrier, lines)
    harmonic = harmonic_fill(small, hole, labels)
    transported, reach = transport(small, hole, labels, structure)
    weight = coherence * reach
    fill = small.copy()
    fill[hole] = (weight[hole, None] * transported[hole]
                  + (1.0 - weight[hole, None]) * harmonic[hole])
    # Carpets and rugs: a smooth fill is a smear there. Their own fine texture is copied from
    # the same surface, coherently (a patch and its neighbours from neighbouring places), in
    # place of the texture the other surfaces get below.
    busy = busy_regions(small, hole, labels, coherence, TEXTURE_SIGMA)
    patterned = [label for label, along in busy.items() if along <= PATTERN_MAX_COHERENCE]
    # Floors with straight lines on them (a rug's border, its weave, boards): their detail is
    # copied along those lines instead (declutter_plane).
    plane = find_plane(small, hole, labels,
                       [label for label, along in busy.items() if along <= PLANE_MAX_COHERENCE])
    copy = plane_sources(small, hole, plane, rng) if plane is not None else None
    offset, copied = (pattern_sources(small, hole, labels, patterned, rng) if patterned
                      else (None, None))

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
    synth = transfer_detail(bands, fill_lp, small_lp, hole, labels, scale, rng)
    result = base + TEXTURE_GAIN * (synth[..., :3] + plain[..., None] * synth[..., 3:])
    if offset is not None and copied is not None and copied.any():
        full = (cv2.resize(copied.astype(np.uint8), (full_w, full_h),
                           interpolation=cv2.INTER_NEAREST) > 0) if scale < 1.0 else copied
        result[full] = base[full]
        copy_pattern(result, image_f, target, offset, copied, scale)
    if plane is not None and copy is not None and copy.copied.any():
        copy_plane(result, image_f, target, plane, copy, scale)
    return np.clip(np.rint(result), 0, 255).astype(np.uint8)
