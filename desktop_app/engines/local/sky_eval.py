"""Measuring the sky detector: a reference mask from a bracket pair, IoU, false positives.

A bracketed pair is two aligned shots of the same room: the bright one (the photo to fix, with
the windows blown out) and a darker one where the real sky is visible. A pixel is reference sky
when, in the dark frame, it is blue-tinted (blue at least ``BLUE_OVER_RED`` levels above red and
not below green by more than ``BLUE_UNDER_GREEN``) and bright for that frame (luma at least
``REL_LUMA`` times its 99.5th percentile), and in the bright frame it is blown out (every channel
at least ``BLOWN``). The blue test keeps the white porch ceiling, the white window frames and the
lamps out; the relative brightness keeps out the dim blue-grey of walls in shadow. Specks
smaller than ``MIN_BLOB`` of the photo are dropped and holes that small are filled.

The rule was checked by eye on the two pairs in the test photos: the dining room (blue sky
with clouds between the porch roof and the houses) and the kitchen (grey-blue skylights and the
sky between the trees behind the back windows).
"""

from __future__ import annotations

import cv2
import numpy as np

from desktop_app.engines.local.sky_util import BoolImage

BLUE_OVER_RED = 8
BLUE_UNDER_GREEN = 4
REL_LUMA = 0.35
BLOWN = 235
MIN_BLOB = 1e-4


def _drop_small(mask: BoolImage, min_px: int) -> BoolImage:
    n, lab, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    keep = np.zeros(n, bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= min_px
    return np.asarray(keep[lab], dtype=bool)


def bracket_truth(bright: np.ndarray, dark: np.ndarray) -> BoolImage:
    """Reference sky mask (bool ``H x W``) of the bright frame, from the aligned dark frame."""
    if bright.shape != dark.shape:
        raise ValueError("the two frames of a bracket must have the same size")
    d = dark.astype(np.int16)
    r, g, b = d[..., 0], d[..., 1], d[..., 2]
    luma = 0.299 * r + 0.587 * g + 0.114 * b
    blue = (b - r >= BLUE_OVER_RED) & (b >= g - BLUE_UNDER_GREEN)
    lit = luma >= REL_LUMA * float(np.percentile(luma, 99.5))
    blown = bright.min(axis=2) >= BLOWN
    mask = blue & lit & blown
    mask = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)) > 0
    min_px = max(4, int(MIN_BLOB * mask.size))
    mask = _drop_small(mask, min_px)
    holes = _drop_small(~mask, min_px)
    return np.asarray(mask | ~holes, dtype=bool)


def iou(alpha: np.ndarray, truth: BoolImage, threshold: float = 0.5) -> float:
    """Intersection over union of ``alpha > threshold`` and the reference mask."""
    pred = alpha > threshold
    union = np.count_nonzero(pred | truth)
    return float(np.count_nonzero(pred & truth)) / union if union else 1.0


def false_positive_fraction(alpha: np.ndarray, threshold: float = 0.5) -> float:
    """Share of the photo called sky, for photos that show none."""
    return float(np.count_nonzero(alpha > threshold)) / alpha.size


#: Values of a hand-labelled sky mask (see ``tests/data/sky_truth/README.md``).
TRUTH_SKY = 255
TRUTH_NOT_JUDGED = 128


def scale_truth(labels: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """A hand-labelled mask (uint8: 255 sky, 0 not sky, 128 not judged) at ``shape``'s size."""
    h, w = shape[:2]
    if labels.shape[:2] == (h, w):
        return labels
    return np.asarray(cv2.resize(labels, (w, h), interpolation=cv2.INTER_NEAREST))


def precision_recall(
    alpha: np.ndarray, labels: np.ndarray, within: BoolImage | None = None, threshold: float = 0.5
) -> tuple[int, int, int, int]:
    """Counts for precision and recall against a hand-labelled mask of the same size:
    (pixels called sky that are sky, pixels called sky on judged pixels, sky pixels found, sky
    pixels). ``within`` limits the sky pixels counted for recall (e.g. the blown-out ones)."""
    pred = alpha > threshold
    sky = labels == TRUTH_SKY
    judged = labels != TRUTH_NOT_JUDGED
    wanted = sky if within is None else sky & within
    return (
        int(np.count_nonzero(pred & sky)),
        int(np.count_nonzero(pred & judged)),
        int(np.count_nonzero(pred & wanted)),
        int(np.count_nonzero(wanted)),
    )
