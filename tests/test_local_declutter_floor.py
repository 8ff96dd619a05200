"""The local Declutter on floors with lines: the lines found, a rug border copied along them."""

from __future__ import annotations

import math

import cv2
import numpy as np
from data_photos import DATA, data_photo
from measures import gradient_energy

from desktop_app.engines.local.declutter import remove_objects
from desktop_app.engines.local.declutter_floor import floor_lines


def _cluttered_rug() -> tuple[np.ndarray, np.ndarray]:
    """The cluttered living room and a mask painted over the prayer mat and the dumbbells on its
    striped rug (the rug's front border runs under the dumbbells, its inner corner under the
    mat's end)."""
    photo = data_photo("living-room-cluttered-01")
    mask = cv2.imread(str(DATA / "masks" / "living-room-cluttered-01-mat-dumbbells.png"),
                      cv2.IMREAD_GRAYSCALE) > 0
    return photo, mask


def _texture_direction(photo: np.ndarray, rows: slice, cols: slice) -> tuple[float, float]:
    """The direction (degrees, 0-180) the texture of a box runs along, and how coherently."""
    gray = cv2.GaussianBlur(cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY).astype(np.float32),
                            (0, 0), 2.0)
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0)[rows, cols]
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1)[rows, cols]
    xx, xy, yy = float((gx * gx).sum()), float((gx * gy).sum()), float((gy * gy).sum())
    angle = math.degrees(0.5 * math.atan2(2 * xy, xx - yy) + 0.5 * math.pi) % 180
    return angle, math.hypot(xx - yy, 2 * xy) / (xx + yy)


def test_a_rugs_two_borders_give_two_families_of_lines_along_their_stripes() -> None:
    """Around the mat and the dumbbells, the rug's front border and its left border each give a
    family of lines; at a stretch of each border next to the hole, the family runs within 2
    degrees of the direction the stripes there run along (measured on their own texture)."""
    photo, hole = _cluttered_rug()
    lines = floor_lines(photo.astype(np.float32), hole, np.ones_like(hole))
    assert lines is not None and len(lines.points) == 2
    for rows, cols in ((slice(625, 665), slice(170, 250)),   # front border, left of the mat
                       (slice(560, 600), slice(160, 300))):  # left border, behind the mat
        stripes, coherence = _texture_direction(photo, rows, cols)
        assert coherence > 0.8  # a border's stripes, not the weave
        centre = ((rows.start + rows.stop) / 2, (cols.start + cols.stop) / 2)
        families = [math.degrees(math.atan2(dy, dx)) % 180
                    for dy, dx in lines.directions(*centre)]
        apart = min(abs((f - stripes + 90) % 180 - 90) for f in families)
        assert apart < 2.0, (stripes, families)


def test_a_smooth_wall_has_no_floor_lines() -> None:
    """A plain wall with a soft light gradient and a little noise: no family of lines."""
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[0:240, 0:320].astype(np.float32)
    wall = 150 + 0.1 * xx + 0.05 * yy + rng.normal(0, 2, (240, 320)).astype(np.float32)
    image = np.repeat(wall[..., None], 3, axis=2)
    hole = np.zeros((240, 320), bool)
    hole[90:150, 130:200] = True
    assert floor_lines(image, hole, np.ones_like(hole)) is None


def test_the_rug_goes_on_under_the_removed_mat_and_dumbbells_without_a_smear() -> None:
    """Removing the mat and the dumbbells from the striped rug: the fill has the rug's own
    texture (its gradient energy within a quarter of the rug's around the hole), and hardly any
    16 px block inside the hole is a smooth smear (energy under 60 % of the rug's). The fill
    that carried colours along the texture's direction scored 0.38 and 47 smooth blocks of 48.
    Nothing outside the mask changes."""
    photo, hole = _cluttered_rug()
    result = remove_objects(photo, hole)
    assert np.array_equal(result[~hole], photo[~hole])
    mask = hole.astype(np.uint8)
    inner = cv2.erode(mask, np.ones((9, 9), np.uint8)) > 0
    dist = cv2.distanceTransform(1 - mask, cv2.DIST_L2, 3)
    rug = gradient_energy(photo)[(dist > 4) & (dist <= 15)].mean()
    energy = gradient_energy(result)
    assert 0.75 < energy[inner].mean() / rug < 1.25
    ys, xs = np.nonzero(inner)
    blocks = smooth = 0
    for y in range(int(ys.min()), int(ys.max()), 16):
        for x in range(int(xs.min()), int(xs.max()), 16):
            if inner[y:y + 16, x:x + 16].mean() > 0.9:
                blocks += 1
                smooth += bool(energy[y:y + 16, x:x + 16].mean() < 0.6 * rug)
    assert blocks > 30
    assert smooth <= 0.1 * blocks, (smooth, blocks)
