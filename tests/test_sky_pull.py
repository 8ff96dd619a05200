"""The view around the new sky from the darker shot (``sky_pull``), on the real bracketed pairs.

In the dining room the photo is blown out over the whole view: the porch ceiling, its column,
the trees and the lawn are as white as the old sky. Only the darker shot shows them.
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np
from data_photos import DATA, data_photo
from PIL import Image

from desktop_app.engines.local import sky, sky_pull

DINING = "dining-room-windows-blown-out-01"
DINING_DARK = "dining-room-windows-dark-bracket-01"
KITCHEN = "sky/kitchen-dining-skylights-01"
KITCHEN_DARK = "sky/kitchen-dining-skylights-dark-bracket-01"
#: (rows, columns) at the test photos' 1024 px: the porch ceiling seen through the right
#: window's upper sash, the porch column between the left window's two patches of sky, and the
#: lawn under the houses in the right window's lower sash
PORCH = (slice(125, 200), slice(725, 890))
COLUMN = (slice(280, 325), slice(620, 645))
LAWN = (slice(400, 440), slice(740, 900))
#: the two windows of the dining room with their frames; nothing else may change
WINDOWS = (slice(80, 540), slice(500, 960))
#: cream frames and trim of the dining room, blown out or nearly by the glare (rows, columns):
#: the left window's casing and jamb, its head, its bottom rail, the mullion between the two
#: windows, the right window's meeting rail
FRAMES = {
    "left jamb": (slice(190, 460), slice(543, 562)),
    "left head": (slice(168, 180), slice(565, 670)),
    "left bottom rail": (slice(474, 482), slice(565, 675)),
    "mullion": (slice(160, 480), slice(680, 710)),
    # its middle: the rail runs down to the left, and at either end of a box this flat its
    # edges and the glass show
    "right meeting rail": (slice(311, 315), slice(750, 800)),
}
#: the right window's lower pane inside its sash: the lawn blown out in the photo, the houses,
#: the bushes and the ground under them only washed out
LOWER_PANE = (slice(330, 462), slice(745, 895))
#: the right edge of the right window's lower pane under its sky, the frame beside it after it
RIGHT_EDGE = (slice(350, 470), slice(880, 915))
#: boxes around the muntins of the upper sashes (the left window's, then the right one's)
LEFT_MUNTINS = ((slice(160, 280), slice(580, 600)), (slice(160, 280), slice(620, 640)))
RIGHT_MUNTINS = ((slice(190, 250), slice(765, 780)), (slice(190, 250), slice(825, 840)))
#: the kitchen: a blown-out ceiling and wall joined to the second skylight's white (below the
#: third and fifth skylights, whose hand-labelled sky reaches row 197)
KITCHEN_WALL = (slice(200, 260), slice(220, 460))
SECOND_SKYLIGHT_WHITE = (120, 360)


@cache
def _alpha(name: str, dark: str) -> np.ndarray:
    return sky.detect_sky(data_photo(name), data_photo(dark))


@cache
def _dining(with_dark: bool) -> np.ndarray:
    dark = data_photo(DINING_DARK) if with_dark else None
    return sky.replace_sky(data_photo(DINING), _alpha(DINING, DINING_DARK), dark=dark)


def _blown(rgb: np.ndarray) -> float:
    return float(np.mean(rgb.min(axis=2) >= 244))


def test_the_porch_ceiling_and_its_column_show_around_the_new_sky() -> None:
    """What made the left window's sky look like two loose patches and the right one's edge a
    straight cut: the column between the patches and the ceiling above were white."""
    assert _blown(data_photo(DINING)[PORCH]) > 0.7
    assert _blown(_dining(False)[PORCH]) > 0.7
    assert _blown(_dining(True)[PORCH]) < 0.2  # about 0.04
    assert _blown(data_photo(DINING)[COLUMN]) > 0.9
    # its sunlit side is blown out in the darker shot too
    assert _blown(_dining(True)[COLUMN]) < 0.6  # about 0.36; 0.81 without


def test_the_lawn_under_the_houses_is_green_again() -> None:
    assert _blown(_dining(False)[LAWN]) > 0.8
    lawn = _dining(True)[LAWN].reshape(-1, 3).astype(np.float32)
    assert _blown(_dining(True)[LAWN]) < 0.05
    r, g, b = lawn.mean(axis=0)
    assert g > r + 8 and g > b + 30


def test_the_frames_keep_their_cream_and_no_dark_ring_lines_the_glass() -> None:
    """The darker shot shows the frames grey-green, and a fusion over the whole window left them
    so, with a grey fade a few pixels wide onto the cream around the glass: only the view is
    taken, where the photo is clipped."""
    photo = data_photo(DINING)
    pulled = sky_pull.pull_view(photo, _alpha(DINING, DINING_DARK), data_photo(DINING_DARK))
    for name, box in FRAMES.items():
        before, after = photo[box].astype(np.float32), pulled[box].astype(np.float32)
        assert np.abs(after - before).mean() < 3.0, name  # about 0 to 0.2; 6 to 48 fused
        darker = (before - after).mean(axis=2) >= 30.0
        assert darker.mean() < 0.02, name  # none; 8 % to 57 % of a box fused
    # and the view through the same windows is taken
    assert _blown(pulled[LAWN]) < 0.05 and _blown(pulled[PORCH]) < 0.2


def test_a_partly_clipped_pane_is_taken_whole_and_its_muntins_stay() -> None:
    """Taken only where the photo was clipped, the lawn stopped in a torn edge among the photo's
    washed-out bushes and pale houses. The whole glass of a pane is taken: one exposure inside
    it. The muntins, as white as the glass around them in the photo and a dark grey in the
    darker shot, keep the photo's pixels."""
    photo, dark = data_photo(DINING), data_photo(DINING_DARK)
    pulled = sky_pull.pull_view(photo, _alpha(DINING, DINING_DARK), dark)
    clipped = np.mean(photo[LOWER_PANE].min(axis=2) >= 250)
    assert 0.2 < clipped < 0.8  # about 0.46: partly clipped
    diff = np.abs(pulled[LOWER_PANE].astype(np.int16) - dark[LOWER_PANE]).max(axis=2)
    assert np.mean(diff <= 12) > 0.97  # about 0.995; 0.44 taken where clipped
    for limit, boxes in ((1.0, LEFT_MUNTINS), (12.0, RIGHT_MUNTINS)):
        for box in boxes:
            muntin = (photo[box].min(axis=2) < 248) & (dark[box].mean(axis=2) < 100)
            assert muntin.sum() > 200
            before, after = photo[box][muntin].astype(np.float32), pulled[box][muntin]
            # about 0 on the left, 5 and 9 on the right; 4 to 27 taken where clipped
            assert np.abs(after - before).mean() < limit, box


def test_the_shade_under_the_bushes_is_taken_but_the_sill_in_the_glare_is_not() -> None:
    """Blown out in the photo, the shade under the bushes at the foot of the pane is a dull grey
    in the darker shot, as a frame in the glare is; but a frame runs straight, and the shade
    does not. Left as the photo's white, the shade was white blobs over the mulch."""
    photo, dark = data_photo(DINING), data_photo(DINING_DARK)
    pulled = sky_pull.pull_view(photo, _alpha(DINING, DINING_DARK), dark)
    blown = photo[LOWER_PANE].min(axis=2) >= 250
    kept = np.abs(pulled[LOWER_PANE].astype(np.int16) - photo[LOWER_PANE]).max(axis=2) <= 8
    assert blown.sum() > 5000
    assert np.count_nonzero(blown & kept) == 0  # was 35
    sill = (slice(495, 505), slice(760, 880))  # the bottom rail under the pane, in the glare
    assert np.abs(pulled[sill].astype(np.int16) - photo[sill]).max() <= 12


def test_the_view_runs_straight_up_to_the_frame_with_no_white_left_between() -> None:
    """Along a pane's edge, a fixed grey level told the darker shot's frame from its view only
    where the view was bright: the lawn in the shade is as dull a grey as a frame, and the
    photo's white was left in a ragged strip between the lawn and the frame."""
    photo, result = data_photo(DINING), _dining(True)
    assert np.count_nonzero(photo[RIGHT_EDGE].min(axis=2) >= 244) > 1500  # blown out
    assert np.count_nonzero(result[RIGHT_EDGE].min(axis=2) >= 244) <= 40  # 22; 81 left white
    # and the frame beside it keeps its cream
    frame = (RIGHT_EDGE[0], slice(RIGHT_EDGE[1].stop + 2, RIGHT_EDGE[1].stop + 12))
    assert np.abs(result[frame].astype(np.int16) - photo[frame]).max() <= 12


def test_only_the_windows_are_taken_from_the_darker_shot() -> None:
    photo = data_photo(DINING)
    pulled = sky_pull.pull_view(photo, _alpha(DINING, DINING_DARK), data_photo(DINING_DARK))
    outside = np.ones(photo.shape[:2], bool)
    outside[WINDOWS] = False
    assert np.array_equal(pulled[outside], photo[outside])
    assert not np.array_equal(pulled[WINDOWS], photo[WINDOWS])


def test_a_blown_out_wall_joined_to_a_skylight_is_left_as_it_is() -> None:
    """The kitchen's sunlit ceiling and wall are blown out in one piece with the skylight's white;
    taken from the darker shot they were grey smudges on a white wall."""
    photo = data_photo(KITCHEN)
    clipped = (photo.min(axis=2) >= 224).astype(np.uint8)
    labels = cv2.connectedComponents(clipped, connectivity=8)[1]
    joined = labels[SECOND_SKYLIGHT_WHITE]
    assert joined > 0 and np.mean(labels[KITCHEN_WALL] == joined) > 0.5
    alpha = _alpha(KITCHEN, KITCHEN_DARK)
    assert alpha[SECOND_SKYLIGHT_WHITE[0] - 20 : SECOND_SKYLIGHT_WHITE[0] + 20,
                 SECOND_SKYLIGHT_WHITE[1] - 40 : SECOND_SKYLIGHT_WHITE[1] + 40].max() > 0.5
    pulled = sky_pull.pull_view(photo, alpha, data_photo(KITCHEN_DARK))
    assert np.array_equal(pulled[KITCHEN_WALL], photo[KITCHEN_WALL])
    assert not np.array_equal(pulled, photo)  # the skylights are taken


def test_without_sky_nothing_is_taken() -> None:
    photo = data_photo(DINING)
    pulled = sky_pull.pull_view(photo, np.zeros(photo.shape[:2], np.float32),
                                data_photo(DINING_DARK))
    assert np.array_equal(pulled, photo)


def test_past_a_skylight_only_the_darker_shot_found_nothing_is_taken() -> None:
    """The photo alone sees no window at the third skylight; past its sky lie the lit ends of
    beams and a blown-out ceiling, which the darker shot shows as grey-brown smudges. Only the
    hand-labelled sky (and a few pixels along its edge) is taken from the darker shot."""
    photo = data_photo(KITCHEN)
    pulled = sky_pull.pull_view(photo, _alpha(KITCHEN, KITCHEN_DARK), data_photo(KITCHEN_DARK))
    taken = np.abs(pulled.astype(np.int16) - photo.astype(np.int16)).max(axis=2) > 8
    with Image.open(DATA / "sky_truth" / "kitchen-dining-skylights-01.png") as im:
        labelled = np.asarray(im.convert("L")) >= 128
    near = cv2.dilate(labelled.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    assert taken.sum() > 2000  # the skylights are taken
    assert np.count_nonzero(taken & ~near) == 0
