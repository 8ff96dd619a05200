"""Interior sky with a darker shot of the same scene (a bracket), on the real dining-room pair.

In the bright frame the porch ceiling seen through the upper sashes is clipped to exactly the
same white as the sky below it; the darker frame shows it white and warm, and the sky blue.
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np
import pytest
from data_photos import DATA, data_photo
from PIL import Image

from desktop_app.engines.local import sky, sky_bracket, sky_eval
from desktop_app.engines.local.sky_bracket import BracketError

DINING = "dining-room-windows-blown-out-01"
DINING_DARK = "dining-room-windows-dark-bracket-01"
#: (rows, columns) at the test photos' 1024 px: the porch ceiling seen through the right
#: window's upper sash, and the sky band under it
PORCH = (slice(125, 200), slice(725, 890))
SKY_BAND = (slice(225, 290), slice(780, 890))


@cache
def _labels() -> np.ndarray:
    with Image.open(DATA / "sky_truth" / f"{DINING}.png") as im:
        drawn = np.asarray(im.convert("L"))
    return sky_eval.scale_truth(drawn, data_photo(DINING).shape)


def _precision_recall(alpha: np.ndarray) -> tuple[float, float]:
    tp, called, found, wanted = sky_eval.precision_recall(alpha, _labels())
    return tp / max(called, 1), found / max(wanted, 1)


def test_without_the_darker_shot_the_porch_ceiling_is_taken_for_sky() -> None:
    """What the bracket is for: alone, the bright frame cannot tell the ceiling from the sky."""
    alpha = sky.detect_sky(data_photo(DINING))
    assert np.mean(alpha[PORCH] > 0.5) > 0.5
    precision, _ = _precision_recall(alpha)
    assert precision < 0.6


def test_with_the_darker_shot_the_porch_ceiling_stays_and_the_sky_band_is_found() -> None:
    alpha = sky.detect_sky(data_photo(DINING), data_photo(DINING_DARK))
    assert np.mean(alpha[PORCH] > 0) < 0.02
    assert np.mean(alpha[SKY_BAND] > 0.5) > 0.9
    precision, recall = _precision_recall(alpha)
    assert precision >= 0.93
    assert recall >= 0.85


#: (rows, columns) at 1024 px: the sunlit porch column seen through the left window, blown
#: out in the photo, white in the darker shot (its sunlit side blown out there too), with blue
#: sky on both sides
COLUMN = (slice(280, 325), slice(620, 645))


def test_the_sunlit_porch_column_gets_no_sky_from_the_darker_shot() -> None:
    """Not even a faint blue: its sunlit side is blown out in the darker shot too, brighter
    than anything that frame shows of its blue sky."""
    alpha = sky.detect_sky(data_photo(DINING), data_photo(DINING_DARK))
    labels = _labels()[COLUMN]
    assert np.mean(data_photo(DINING)[COLUMN].min(axis=2) >= 244) > 0.9  # blown out
    assert np.count_nonzero(labels == sky_eval.TRUTH_SKY) >= 50  # sky on its side
    column = alpha[COLUMN][labels == 0]
    assert column.size >= 500
    assert np.count_nonzero(column > 0.1) <= 60  # about 220 when that frame's whites count
    assert np.count_nonzero(column > 0.5) <= 10


def test_where_the_photo_is_blown_out_the_sky_follows_the_darker_shots_edges() -> None:
    """The photo is flat white there, so only the darker shot shows where the sky ends (the
    porch roof, the column, the houses): the sky's boundary is held to that frame's edges."""
    bright = data_photo(DINING)
    alpha = sky.detect_sky(bright, data_photo(DINING_DARK))
    false_sky = (alpha > 0.5) & (_labels() == 0) & (bright.min(axis=2) >= 244)
    assert np.count_nonzero(false_sky) <= 510  # about 470; 550 with the edges not held


def test_a_handheld_shift_and_turn_of_the_darker_shot_is_aligned() -> None:
    dark = data_photo(DINING_DARK)
    turn = cv2.getRotationMatrix2D((dark.shape[1] / 2, dark.shape[0] / 2), 0.6, 1.0)
    turn[:, 2] += (9, -6)
    moved = cv2.warpAffine(dark, turn, dark.shape[1::-1], borderMode=cv2.BORDER_REFLECT)
    alpha = sky.detect_sky(data_photo(DINING), moved)
    assert np.mean(alpha[PORCH] > 0) < 0.05
    precision, recall = _precision_recall(alpha)
    assert precision >= 0.93
    assert recall >= 0.85


def test_a_darker_shot_at_another_size_of_the_same_scene_is_used() -> None:
    dark = data_photo(DINING_DARK)
    smaller = cv2.resize(dark, (dark.shape[1] // 2, dark.shape[0] // 2),
                         interpolation=cv2.INTER_AREA)
    alpha = sky.detect_sky(data_photo(DINING), smaller)
    assert np.mean(alpha[PORCH] > 0) < 0.05
    assert np.mean(alpha[SKY_BAND] > 0.5) > 0.9


@pytest.mark.parametrize("other", ["bedroom-window-blinds-drapes-01",  # same shape
                                   "living-room-cluttered-01"])  # another shape
def test_a_darker_shot_of_another_scene_gets_the_sentence(other: str) -> None:
    with pytest.raises(BracketError) as err:
        sky.run_sky(data_photo(DINING), dark=data_photo(other))
    assert str(err.value).startswith("This darker shot does not match the photo")


def test_the_darker_shot_changes_nothing_where_the_photo_is_not_pale() -> None:
    """...but for small leftover pieces of sky (the rim of a ceiling cut away), which go."""
    bright = data_photo(DINING)
    alone = sky.detect_sky(bright)
    paired = sky.detect_sky(bright, data_photo(DINING_DARK))
    unclipped = bright.min(axis=2) < sky_bracket.PALE[0]
    changed = unclipped & (alone != paired)
    assert np.all(paired[changed] == 0)
    assert changed.mean() < sky_bracket.MIN_PIECE
    labels, count = sky.sky_regions(paired)
    sizes = np.bincount(labels.ravel(), minlength=count + 1)[1:]
    assert sizes.min() >= 0.5 * sky_bracket.MIN_PIECE * labels.size  # no specks left


#: (rows, columns) at 1024 px: the right window's lower sash, with the houses across the street
HOUSES = (slice(290, 360), slice(730, 900))


def test_the_washed_out_houses_across_the_street_keep_no_ghost_of_sky() -> None:
    """Pale but short of clipped in the photo, they are a little like its white sky, so the
    photo alone leaves them some alpha; the darker shot shows them much darker than the sky
    right above their roofs (bluish in the shade, but no sky is that dark beside a bright one)."""
    bright = data_photo(DINING)
    alpha = sky.detect_sky(bright, data_photo(DINING_DARK))
    house = (_labels()[HOUSES] == 0) & (bright[HOUSES].min(axis=2) >= 200)
    assert np.count_nonzero(house) >= 5000
    assert np.count_nonzero(alpha[HOUSES][house] > 0.1) <= 200  # about 80; 810 before


#: (rows, columns) at 1024 px: the sky band of the right window's upper sash, with its muntins
#: and a few small white clouds in the darker shot
CLOUDS = (slice(160, 300), slice(720, 900))


def _holes(alpha: np.ndarray) -> int:
    """Pieces of not-sky (alpha <= 0.5) in ``alpha`` that do not reach its border."""
    _, _, stats, _ = cv2.connectedComponentsWithStats((alpha <= 0.5).astype(np.uint8),
                                                      connectivity=4)
    h, w = alpha.shape
    x, y, bw, bh = (stats[1:, i] for i in range(4))
    return int(np.count_nonzero((x > 0) & (y > 0) & (x + bw < w) & (y + bh < h)))


def test_the_old_skys_small_clouds_leave_no_specks_in_the_new_one() -> None:
    """White and brighter than the blue around them in the darker shot, the clouds are not
    called sky there; the photo shows nothing (blown out), so they are filled."""
    bright = data_photo(DINING)
    alpha = sky.detect_sky(bright, data_photo(DINING_DARK))
    assert np.mean(alpha[CLOUDS] > 0.5) > 0.4  # the rest: the porch ceiling, the muntins
    assert _holes(alpha[CLOUDS]) == 0  # 2 before


def test_a_dark_speck_in_the_sky_of_the_darker_shot_stays_out() -> None:
    """A bird, a wire's knot or a leaf is darker than the sky there: not a cloud, not filled."""
    bright = data_photo(DINING)
    dark = data_photo(DINING_DARK).copy()
    # a dark dot in the darker shot's blue sky, in the middle of the right window's sky band
    cv2.circle(dark, (845, 255), 3, (40, 40, 40), -1)
    alpha = sky.detect_sky(bright, dark)
    assert alpha[255, 845] <= 0.5
    assert _holes(alpha[CLOUDS]) >= 1


#: (rows, columns) at 1024 px: the porch column of the left window and the sky on both sides
AROUND_COLUMN = (slice(230, 340), slice(590, 670))


def test_the_darker_shot_leaves_no_loose_crumbs_of_sky_beside_the_column() -> None:
    """Its shaded side and its brackets are partly sky-like in the darker shot: crumbs of faint
    alpha cut off from the window's sky, blue specks on the white column in the result."""
    alpha = sky.detect_sky(data_photo(DINING), data_photo(DINING_DARK))
    pieces = cv2.connectedComponents((alpha > 0).astype(np.uint8), connectivity=8)[0] - 1
    assert pieces <= 12  # 63 before, most of them crumbs beside the column
    labels = _labels()[AROUND_COLUMN]
    assert np.count_nonzero(labels == sky_eval.TRUTH_SKY) >= 1500  # sky beside it
    assert np.count_nonzero((alpha[AROUND_COLUMN] > 0) & (labels == 0)) <= 180  # 250 before
    assert np.mean(alpha[AROUND_COLUMN][labels == sky_eval.TRUTH_SKY] > 0.5) > 0.9


KITCHEN = "sky/kitchen-dining-skylights-01"
KITCHEN_DARK = "sky/kitchen-dining-skylights-dark-bracket-01"
#: (rows, columns) at 1024 px: the second skylight from the left, blown out in the photo
SECOND_SKYLIGHT = (slice(100, 145), slice(300, 420))


def test_a_blown_out_skylight_the_photo_alone_misses_is_added_from_the_darker_shot() -> None:
    bright = data_photo(KITCHEN)
    alone = sky.detect_sky(bright)
    paired = sky.detect_sky(bright, data_photo(KITCHEN_DARK))
    with Image.open(DATA / "sky_truth" / "kitchen-dining-skylights-01.png") as im:
        labels = sky_eval.scale_truth(np.asarray(im.convert("L")), bright.shape)
    glass = labels[SECOND_SKYLIGHT] == sky_eval.TRUTH_SKY
    assert glass.mean() > 0.5
    assert np.mean(alone[SECOND_SKYLIGHT][glass] > 0.5) < 0.05
    assert np.mean(paired[SECOND_SKYLIGHT][glass] > 0.5) > 0.8
    tp, called, found, wanted = sky_eval.precision_recall(paired, labels)
    assert tp / called >= 0.93
    assert found / wanted >= 0.55  # alone: about 0.43
    added = paired > alone
    assert np.all(bright[added].min(axis=1) >= 224)  # only where the photo is blown out


#: (rows, columns) at 1024 px: the third skylight, a hazy grey-blue glow in the darker shot, and
#: the framed picture with blue embroidery under the ceiling, blown out in the photo too
THIRD_SKYLIGHT = (slice(150, 192), slice(240, 330))
PICTURE = (slice(245, 270), slice(310, 352))


def test_a_skylight_that_is_only_a_smooth_cool_glow_in_the_darker_shot_is_added() -> None:
    """Not plainly blue, the hazy sky through the third skylight is a smooth glow, a little
    blue all over; the embroidered picture is as blue in places, but not smooth."""
    bright = data_photo(KITCHEN)
    paired = sky.detect_sky(bright, data_photo(KITCHEN_DARK))
    with Image.open(DATA / "sky_truth" / "kitchen-dining-skylights-01.png") as im:
        labels = sky_eval.scale_truth(np.asarray(im.convert("L")), bright.shape)
    glass = labels[THIRD_SKYLIGHT] == sky_eval.TRUTH_SKY
    assert glass.mean() > 0.3
    assert (bright[THIRD_SKYLIGHT][glass].min(axis=1) >= 244).mean() > 0.9
    assert sky.detect_sky(bright)[THIRD_SKYLIGHT].max() == 0.0
    assert np.mean(paired[THIRD_SKYLIGHT][glass] > 0.5) > 0.4  # its bright core; before: none
    assert (bright[PICTURE].min(axis=2) >= 244).mean() > 0.3
    assert paired[PICTURE].max() == 0.0


def test_a_smooth_cool_glow_is_added_but_a_bluish_pattern_is_not() -> None:
    """Two blown-out patches of the photo, each a little blue in the darker shot (blue over red
    by 12 levels): a flat glow (a hazy sky) and a patterned one (an embroidered picture)."""
    h, w = 200, 300
    rng = np.random.default_rng(3)
    dark = np.full((h, w, 3), 60, np.uint8)  # a dim room
    clipped = np.zeros((h, w), bool)
    glow, pattern = (slice(20, 60), slice(20, 120)), (slice(20, 60), slice(170, 270))
    for part in (glow, pattern):
        clipped[part] = True
        dark[part] = (140, 144, 152)
    stripes = (np.arange(100) // 3 % 2 * 70).astype(np.int16)  # threads 3 px apart
    dark[pattern] = np.clip(dark[pattern].astype(np.int16) - stripes[None, :, None], 0, 255)
    dark = np.clip(dark.astype(np.int16) + rng.integers(-1, 2, dark.shape), 0, 255).astype(np.uint8)
    added = sky_bracket.added_sky(dark, clipped, np.ones((h, w), np.float32))
    assert added[glow].mean() > 0.9
    assert added[pattern].max() == 0.0
