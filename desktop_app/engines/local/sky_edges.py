"""Holding the edge of the full-size sky alpha to the photo's own edges.

The alpha is worked out on smaller copies and enlarged; at full size its boundary can still
run a pixel or two past where the glass ends, onto the edge of a frame, a muntin or a leaf,
whose pixels mix the two. A guided filter with the photo as guide fits the alpha, in every
small window, as a linear function of the photo's brightness: where the photo steps (a frame
edge), the fitted alpha steps with it, on the photo's step rather than the mask's. Along the
mask's boundary only, the alpha is lowered to that fit where the fit is lower. It is never
raised, so no sky is ever added where there was none.

Where the photo is blown out it has no edges left to follow; with a darker shot of the same
scene (``sky_bracket``) that frame, aligned, is the guide there.
"""

from __future__ import annotations

import cv2
import numpy as np

from desktop_app.engines.local.sky_util import FloatImage, box_of

#: Radius of the guided filter, and half-width of the band along the boundary where it acts,
#: as a share of the photo's longer side (at least one pixel).
EDGE_RADIUS = 0.001
#: Regularisation of the guided filter (on brightness in [0, 1]): small, so that a few levels of
#: step in the photo are enough to cut the fit.
EDGE_EPS = 1e-4


def hold_to_edges(photo: np.ndarray, alpha: FloatImage, share: FloatImage | None = None,
                  long_side: int | None = None) -> None:
    """Lower the full-size ``alpha`` along the sky's boundary where the edges of ``photo``
    (uint8, RGB or grey, the size of ``alpha``) say the sky ends sooner, in place (see the
    module notes). ``share``: how much of the lowering to apply at each pixel (default all).
    ``long_side``: the photo's longer side when the three are a part of it (default
    ``alpha``'s)."""
    found = box_of(alpha > 0.5)
    if found is None:
        return
    h, w = alpha.shape
    r = max(1, round(EDGE_RADIUS * (long_side or max(h, w))))
    # the filter only needs the box around the sky, with room for its own window
    m = 3 * r + 1
    r0, r1 = max(0, found[0] - m), min(h, found[1] + m)
    c0, c1 = max(0, found[2] - m), min(w, found[3] + m)
    a = alpha[r0:r1, c0:c1]
    box = np.ones((2 * r + 1, 2 * r + 1), np.uint8)
    sure = (a > 0.5).astype(np.uint8)
    band = cv2.dilate(sure, box) != cv2.erode(sure, box)
    crop = np.ascontiguousarray(photo[r0:r1, c0:c1])
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    guide = gray.astype(np.float32) * np.float32(1.0 / 255.0)
    fit = cv2.ximgproc.guidedFilter(guide, np.ascontiguousarray(a), r, EDGE_EPS)
    was = a[band]
    lowered = np.clip(np.minimum(was, fit[band]), 0.0, 1.0)
    if share is not None:
        lowered = was + share[r0:r1, c0:c1][band] * (lowered - was)
    a[band] = lowered
