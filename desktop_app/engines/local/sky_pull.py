"""The view through the windows from both shots of a bracket: the "window pull".

With a darker shot of the same scene (``sky_bracket``) the sky is found where it is, but the new
sky only replaces the sky. Where the photo is blown out, everything else the windows show (a
porch ceiling and its column, the tops of trees, a lawn) is as white as the old sky was, and
stays white around the new one: the sky sits in the window as loose blue patches in white, cut
straight along a ceiling edge nobody can see, with white wisps where the leaves were. The darker
shot shows all of it.

So, before the sky is painted, the blown-out view of the windows that have sky is taken from
the darker shot, pixel by pixel, and nothing else is (``view_weight``). A pixel is taken as far
as it is clipped in the photo (a ramp on its darkest channel, ``CLIPPED``) and the darker shot
shows the view there, not a frame (``VIEW_GREY``, ``VIEW_SATURATION``): glare blows the frames,
muntins and jambs next to the glass out as well, or nearly, and in the darker shot they are a
dull grey-green that would replace their cream. The weight is not feathered and no pyramid
blends across a frame's edge (an exposure fusion did, and left a grey halo around every window
and dark muntins): the glass edge is where the photo's clipping ends, smoothed over one pixel.
Where it is taken:

- only in the windows the photo alone is judged to have (``sky_candidates``: blown-out glass
  inside a frame or with a view around it), and the sky found with the darker shot where the
  photo alone saw no window (a skylight); only those holding found sky count, with what they
  enclose (``view_region``). A blown-out wall or ceiling of the room is no window, even where
  its white runs into a skylight's, and stays as it is;
- only in pieces of that weight wider than a frame (``PANE``, worked out at the darker shot's
  working size ``WEIGHT_LONG``): a jamb or a head lit by glare is as blown out as the glass and
  can be as bright in the darker shot as a shaded lawn.

The darker shot's pixels are taken as they are, aligned to the photo at full size: the view
keeps its exposure, and where the photo shows something (the houses across the street, the
bushes under the window) the photo's pixel stays.
"""

from __future__ import annotations

import cv2
import numpy as np

from desktop_app.engines.local.sky_bracket import WEIGHT_LONG, align, check_shape
from desktop_app.engines.local.sky_candidates import Region, find_regions, work_copy
from desktop_app.engines.local.sky_util import (
    ByteImage,
    FloatImage,
    disk,
    enlarge_window,
    fill_holes,
    resize,
    scaled_size,
    smoothstep,
)

#: Alpha from which a pixel counts as found sky.
SKY_ALPHA = 0.5
#: How clipped a photo pixel is: a ramp on its darkest channel (the blown-out glass is 250 to
#: 255 in every channel; the glare-lit cream frames and muntins have a channel a few levels to
#: a few tens lower, and the darker shot's view weight guards the rest).
CLIPPED = (232.0, 250.0)
#: The darker shot's pixel shows the view, not a backlit frame, when it is bright (a ramp on
#: its grey level) or coloured (a ramp on its saturation, (max - min) / max): a lawn, leaves,
#: the sky. The frames and muntins are a dull grey there.
VIEW_GREY = (120.0, 150.0)
VIEW_SATURATION = (0.26, 0.36)
#: Pieces of the weight narrower than about twice this share of the longer side are no glass:
#: a jamb or a head lit by glare is as blown out as the glass beside it.
PANE = 0.0055
#: Rows per strip of the full-size work.
STRIP_ROWS = 512

_LEVELS = np.arange(256, dtype=np.float32)
_CLIPPED_LUT = smoothstep(CLIPPED[0], CLIPPED[1], _LEVELS)
_GREY_LUT = smoothstep(VIEW_GREY[0], VIEW_GREY[1], _LEVELS)
#: indexed by the saturation in 255ths
_SATURATION_LUT = smoothstep(VIEW_SATURATION[0], VIEW_SATURATION[1], _LEVELS / 255.0)


def judged_windows(labels: np.ndarray, regions: list[Region]) -> np.ndarray:
    """The regions ``sky_candidates.find_regions`` kept, as one mask at its working size."""
    ids = [r.label for r in regions if r.kept]
    return np.isin(labels, ids) if ids else np.zeros(labels.shape, bool)


def view_region(windows: np.ndarray, alpha_small: FloatImage) -> np.ndarray:
    """The windows that have sky, with what they enclose, at the size of ``alpha_small``
    (bool; see the module notes). ``windows``: ``judged_windows``."""
    hw = alpha_small.shape
    sky = alpha_small > SKY_ALPHA
    # with the sky found with the darker shot where the photo alone saw no window (a skylight)
    glass = (resize(windows.astype(np.uint8), hw) > 0) | sky
    n, lab = cv2.connectedComponents(glass.astype(np.uint8), connectivity=8)
    has_sky = np.zeros(n, bool)
    has_sky[np.unique(lab[sky])] = True
    has_sky[0] = False
    return fill_holes(np.asarray(has_sky[lab]))


def view_weight(bright: np.ndarray, dark: np.ndarray) -> FloatImage:
    """Per pixel, how much of the aligned darker shot ``dark`` replaces ``bright`` (both uint8
    RGB of one size): how clipped the photo is, times how much the darker shot shows the view
    there rather than a frame (see the module notes)."""
    r, g, b = cv2.split(np.ascontiguousarray(bright))
    clipped = cv2.LUT(cv2.min(cv2.min(r, g), b), _CLIPPED_LUT)
    dark = np.ascontiguousarray(dark)
    r, g, b = cv2.split(dark)
    high = cv2.max(cv2.max(r, g), b)
    saturation = cv2.divide(cv2.subtract(high, cv2.min(cv2.min(r, g), b)), high, scale=255.0)
    view = cv2.max(cv2.LUT(cv2.cvtColor(dark, cv2.COLOR_RGB2GRAY), _GREY_LUT),
                   cv2.LUT(saturation, _SATURATION_LUT))
    return np.asarray(cv2.multiply(clipped, view), np.float32)


def _shrink(rgb: np.ndarray, hw: tuple[int, int]) -> np.ndarray:
    """``rgb`` box-filtered down to ``hw``: by a whole factor first (OpenCV's quick path for
    it), then to the size; at 12 MP this halves the time of the one step."""
    k = min(rgb.shape[0] // hw[0], rgb.shape[1] // hw[1])
    if k >= 2:
        rgb = cv2.resize(rgb, (rgb.shape[1] // k, rgb.shape[0] // k),
                         interpolation=cv2.INTER_AREA)
    return resize(rgb, hw, area=True)


def _full_warp(warp: np.ndarray, small: tuple[int, int], full: tuple[int, int],
               dark_full: tuple[int, int]) -> np.ndarray:
    """``warp`` (``sky_bracket.align`` of the two shots at the size ``small``) for the photo at
    ``full`` and the darker shot at ``dark_full`` (heights, widths), pixel centres kept."""
    scale = np.array([small[1] / full[1], small[0] / full[0]])
    dark_scale = np.array([dark_full[1] / small[1], dark_full[0] / small[0]])
    linear = dark_scale[:, None] * warp[:, :2] * scale[None, :]
    shift = dark_scale * (warp[:, :2] @ (0.5 * scale - 0.5) + warp[:, 2]) + 0.5 * dark_scale - 0.5
    return np.hstack([linear, shift[:, None]])


def _glass(bright_small: np.ndarray, dark_small: np.ndarray, region: np.ndarray) -> np.ndarray:
    """Where the view is taken, at the small size (uint8 0/1): the weight's pieces inside
    ``region`` wider than a frame, grown back over the pane corners the opening rounded."""
    taken = (view_weight(bright_small, dark_small) > 0.5) & region
    r = max(1, round(PANE * max(region.shape)))
    wide = cv2.morphologyEx(taken.astype(np.uint8), cv2.MORPH_OPEN, disk(r))
    return np.asarray(cv2.dilate(wide, disk(r)) & region.astype(np.uint8), np.uint8)


def pull_view(bright: np.ndarray, alpha: FloatImage, dark: np.ndarray,
              windows: np.ndarray | None = None) -> ByteImage:
    """``bright`` (uint8 RGB) with the blown-out view of the windows that have sky in ``alpha``
    taken from the darker shot ``dark`` of the same scene (see the module notes); the rest is
    returned as it is. ``windows``: ``judged_windows`` of the photo when the detection has them
    already (else they are judged here). Raises ``sky_bracket.BracketError`` when ``dark``
    shows another scene."""
    h, w = bright.shape[:2]
    check_shape(bright, dark)
    out = bright.copy()
    hw = scaled_size(h, w, WEIGHT_LONG)
    bright_small = _shrink(bright, hw)
    if windows is None:
        # judged on the small copy: its blown-out share per pixel is close enough to the
        # full size's
        windows = judged_windows(*find_regions(*work_copy(bright_small))[1:])
    # only which pixels are sky is read from it: a nearest sample is enough, and quick at 12 MP
    alpha_small = cv2.resize(alpha, (hw[1], hw[0]), interpolation=cv2.INTER_NEAREST)
    region = view_region(windows, np.asarray(alpha_small, np.float32))
    if not region.any():
        return out
    dark_small = _shrink(dark, hw)
    warp = align(bright_small, dark_small)
    dark_on_photo = cv2.warpAffine(np.ascontiguousarray(dark_small), warp, (hw[1], hw[0]),
                                   flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                   borderMode=cv2.BORDER_REPLICATE)
    glass = _glass(bright_small, dark_on_photo, region)
    if not glass.any():
        return out
    full_warp = _full_warp(warp, hw, (h, w), dark.shape[:2])
    ys = np.nonzero(glass.any(axis=1))[0]
    xs = np.nonzero(glass.any(axis=0))[0]
    # the box of the glass, a pixel of the small size around it
    r0, r1 = max(0, (int(ys[0]) - 1) * h // hw[0]), min(h, -(-(int(ys[-1]) + 2) * h // hw[0]))
    c0, c1 = max(0, (int(xs[0]) - 1) * w // hw[1]), min(w, -(-(int(xs[-1]) + 2) * w // hw[1]))
    glass *= 255
    dark_rgb = np.ascontiguousarray(dark)
    for s0 in range(r0, r1, STRIP_ROWS):
        s1 = min(r1, s0 + STRIP_ROWS)
        strip_warp = full_warp.copy()
        # the strip's pixel (0, 0) is the photo's (c0, s0): shift the inverse map by as much
        strip_warp[:, 2] += full_warp[:, :2] @ np.array([c0, s0], np.float64)
        taken = cv2.warpAffine(dark_rgb, strip_warp, (c1 - c0, s1 - s0),
                               flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                               borderMode=cv2.BORDER_REPLICATE)
        photo = bright[s0:s1, c0:c1]
        inside = enlarge_window(glass, (h, w), (s0, s1), (c0, c1))
        weight = cv2.multiply(view_weight(photo, taken), inside, scale=1.0 / 255.0,
                              dtype=cv2.CV_32F)
        # the photo's JPEG blocks make the ramp speckle: smoothed over a pixel, no wider
        weight = cv2.GaussianBlur(weight, (3, 3), 0)
        out[s0:s1, c0:c1] = cv2.blendLinear(taken, np.ascontiguousarray(photo), weight,
                                            1.0 - weight)
    return out
