"""Finding the sky seen through windows, with classical image processing.

The work is done on a small copy of the photo (longest side ``WORK_LONG``):

1. Per-pixel evidence: blown-out pixels (every channel near 255) and pale pixels that are among
   the brightest of the photo, neutral or bluish (never warm, never greener than blue) and
   smooth once thin dark lines (muntins, blind slats) are closed over.
2. Evidence is grouped into candidate regions and every region is judged as a whole: size,
   clipped fraction, how sharply it stands out from its surroundings (a window is enclosed by a
   darker frame; a white wall or ceiling fades out softly), the colour of its fringe (lamps and
   sunlit walls are warm), foliage or landscape around it, its height in the frame (sky is
   above the horizon; floors, table tops and their reflections are below it), contact with the
   bottom or the top border (floors, ceilings), its thickness. Weak regions right next to a
   kept one (the other sash of the same window) are kept too, as are small sky-like bits inside
   a kept window (gaps between leaves).
3. Real-estate photos are shot with a level camera, so the horizon runs near the middle: no
   sky is looked for well below it and the alpha fades out across it. Inside each window,
   blown-out areas lying under visible landscape (a lawn under the houses) are not sky
   (``sky_windows``).
4. The alpha is rebuilt at ``MID_LONG`` from how close each pixel is to the local old sky
   colour, so frames, mullions, slats and leaves drop out; edge pixels are unmixed against the
   colour in front of them; a guided filter cleans it up without smearing clean steps, and it
   is enlarged to full size. There, pieces of sky that are mostly short of clipped amid
   blown-out glass are the glare on its frame, and go (``sky_windows``); along the sky's
   boundary the alpha is held to the photo's own edges (``sky_edges``).

The steps live in ``sky_candidates`` (1 to 3) and ``sky_matte`` (4).

Every threshold was tuned by eye on the shared listing photos and is checked by
``tests/test_local_sky.py`` and ``benchmarks/bench_sky.py``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from desktop_app.engines.local.sky_candidates import (
    Features,
    Region,
    evidence,
    find_regions,
    sky_support,
    work_copy,
)
from desktop_app.engines.local.sky_matte import MID_LONG, refine
from desktop_app.engines.local.sky_util import (
    BoolImage,
    ByteImage,
    FloatImage,
    resize,
    scaled_size,
)


class Found(NamedTuple):
    """What the detection worked out on the small copy, for inspection and for the view from a
    darker shot (``sky_pull.judged_windows``)."""

    features: Features
    labels: np.ndarray  # the candidate regions' labels
    regions: list[Region]
    support: BoolImage  # the sky at the working size
    mid: ByteImage  # the photo box-filtered to ``MID_LONG``, shared with the steps after


def detect(rgb: np.ndarray) -> tuple[FloatImage, Found]:
    """Alpha in [0, 1] at full size, and what was found on the way."""
    small, hard = work_copy(rgb)
    f, labels, regions = find_regions(small, hard)
    support = sky_support(f, evidence(f), regions)
    mid = resize(rgb, scaled_size(rgb.shape[0], rgb.shape[1], MID_LONG), area=True)
    return refine(rgb, support, mid=mid), Found(f, labels, regions, support, mid)
