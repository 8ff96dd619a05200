"""The view through the windows from both shots of a bracket: the "window pull".

With a darker shot of the same scene (``sky_bracket``) the sky is found where it is, but the new
sky only replaces the sky. Where the photo is blown out, everything else the windows show (a
porch ceiling and its column, the tops of trees, a lawn) is as white as the old sky was, and
stays white around the new one: the sky sits in the window as loose blue patches in white, cut
straight along a ceiling edge nobody can see, with white wisps where the leaves were. The darker
shot shows all of it.

So, before the sky is painted, the windows that have sky are fused from the two shots, as an
exposure fusion does it (``cv2.createMergeMertens``: each pixel weighted by how well exposed,
saturated and contrasted it is in each shot, blended over a Laplacian pyramid, so no seams):
where the photo is blown out the view comes from the darker shot, where it shows something well
it mostly stays. Only the windows are fused, not the room (``view_region``):

- the windows are the ones the photo alone is judged to have (``sky_candidates``: blown-out
  glass inside a frame or with a view around it), and the sky found with the darker shot where
  the photo alone saw no window (a skylight); only those holding found sky count, with what
  they enclose (houses, bushes). A blown-out wall or ceiling of the room is no window, even
  where its white runs into a skylight's, and stays as it is;
- the fusion is worked out at the darker shot's working size (``WEIGHT_LONG``), faded into the
  photo over ``FADE``, and only the change it makes is enlarged: the photo keeps its own detail
  wherever it has some.
"""

from __future__ import annotations

import cv2
import numpy as np

from desktop_app.engines.local.sky_bracket import WEIGHT_LONG, align, check_shape
from desktop_app.engines.local.sky_candidates import Region, find_regions, work_copy
from desktop_app.engines.local.sky_util import (
    ByteImage,
    FloatImage,
    enlarge_window,
    fill_holes,
    resize,
    scaled_size,
)

#: Alpha from which a pixel counts as found sky.
SKY_ALPHA = 0.5
#: The fused windows fade into the photo over about this share of the longer side (the blur's
#: sigma), and the fusion sees twelve times as much around them.
FADE = 0.0025
#: Rows per strip when the change is enlarged to full size.
STRIP_ROWS = 512


def judged_windows(labels: np.ndarray, regions: list[Region]) -> np.ndarray:
    """The regions ``sky_candidates.find_regions`` kept, as one mask at its working size."""
    ids = [r.label for r in regions if r.kept]
    return np.isin(labels, ids) if ids else np.zeros(labels.shape, bool)


def view_region(windows: np.ndarray, alpha_small: FloatImage) -> np.ndarray:
    """The glass of the windows that have sky, with what it encloses, at the size of
    ``alpha_small`` (bool; see the module notes). ``windows``: ``judged_windows``."""
    hw = alpha_small.shape
    sky = alpha_small > SKY_ALPHA
    # with the sky found with the darker shot where the photo alone saw no window (a skylight)
    glass = (resize(windows.astype(np.uint8), hw) > 0) | sky
    n, lab = cv2.connectedComponents(glass.astype(np.uint8), connectivity=8)
    has_sky = np.zeros(n, bool)
    has_sky[np.unique(lab[sky])] = True
    has_sky[0] = False
    return fill_holes(np.asarray(has_sky[lab]))


def pull_view(bright: np.ndarray, alpha: FloatImage, dark: np.ndarray,
              windows: np.ndarray | None = None) -> ByteImage:
    """``bright`` (uint8 RGB) with the windows that have sky in ``alpha`` fused with the darker
    shot ``dark`` of the same scene (see the module notes); the rest is returned as it is.
    ``windows``: ``judged_windows`` of the photo when the detection has them already (else
    they are judged here). Raises ``sky_bracket.BracketError`` when ``dark`` shows another
    scene."""
    h, w = bright.shape[:2]
    check_shape(bright, dark)
    out = bright.copy()
    hw = scaled_size(h, w, WEIGHT_LONG)
    bright_small = resize(bright, hw, area=True)
    if windows is None:
        # judged on the small copy: its blown-out share per pixel is close enough to the
        # full size's
        windows = judged_windows(*find_regions(*work_copy(bright_small))[1:])
    # only which pixels are sky is read from it: a nearest sample is enough, and quick at 12 MP
    alpha_small = cv2.resize(alpha, (hw[1], hw[0]), interpolation=cv2.INTER_NEAREST)
    region = view_region(windows, np.asarray(alpha_small, np.float32))
    if not region.any():
        return out
    dark_small = resize(dark, hw, area=True)
    warp = align(bright_small, dark_small)
    sigma = max(0.5, FADE * max(hw))
    margin = round(12 * sigma)
    # the box of the region, with room for the fade and for the fusion to see around it
    ys = np.nonzero(region.any(axis=1))[0]
    xs = np.nonzero(region.any(axis=0))[0]
    y0, y1 = max(0, int(ys[0]) - margin), min(hw[0], int(ys[-1]) + 1 + margin)
    x0, x1 = max(0, int(xs[0]) - margin), min(hw[1], int(xs[-1]) + 1 + margin)
    box_warp = warp.copy()
    # the box's pixel (0, 0) is the photo's (x0, y0): shift the inverse map by as much
    box_warp[:, 2] += warp[:, :2] @ np.array([x0, y0], np.float64)
    dark_box = cv2.warpAffine(np.ascontiguousarray(dark_small), box_warp, (x1 - x0, y1 - y0),
                              flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                              borderMode=cv2.BORDER_REPLICATE)
    bright_box = np.ascontiguousarray(bright_small[y0:y1, x0:x1])
    fused = cv2.createMergeMertens().process([bright_box, dark_box])
    weight = cv2.GaussianBlur(region[y0:y1, x0:x1].astype(np.float32), (0, 0), sigma)
    change = np.zeros((hw[0], hw[1], 3), np.float32)
    change[y0:y1, x0:x1] = (np.clip(fused, 0.0, 1.0) * 255.0 - bright_box) * weight[..., None]
    # at full size, only the change is enlarged: the photo keeps its own detail
    r0, r1 = max(0, (y0 * h) // hw[0]), min(h, -(-(y1 * h) // hw[0]))
    c0, c1 = max(0, (x0 * w) // hw[1]), min(w, -(-(x1 * w) // hw[1]))
    for s0 in range(r0, r1, STRIP_ROWS):
        s1 = min(r1, s0 + STRIP_ROWS)
        step = enlarge_window(change, (h, w), (s0, s1), (c0, c1))
        strip = bright[s0:s1, c0:c1].astype(np.float32) + step
        out[s0:s1, c0:c1] = np.clip(strip + 0.5, 0, 255).astype(np.uint8)
    return out
