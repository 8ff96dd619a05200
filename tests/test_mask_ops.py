"""Mask operations and the undo stack: exact pixel counts against independent references."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from desktop_app.core import mask_ops as mo
from desktop_app.core.mask_ops import Box
from desktop_app.core.undo import UndoStack


def lattice_disc_count(r: int) -> int:
    """Whole-number points with x² + y² <= r² (Gauss's circle count)."""
    return 1 + 4 * r + 4 * sum(math.isqrt(r * r - i * i) for i in range(1, r + 1))


def capsule_reference(shape: tuple[int, int], a: tuple[float, float], b: tuple[float, float],
                      r: float) -> np.ndarray:
    """Pixels whose centre is within r of segment ab, computed point by point."""
    yy, xx = np.mgrid[:shape[0], :shape[1]].astype(np.float64)
    ax, ay = a
    dx, dy = b[0] - a[0], b[1] - a[1]
    den = dx * dx + dy * dy
    t = np.zeros_like(xx) if den == 0 else np.clip(((xx - ax) * dx + (yy - ay) * dy) / den, 0, 1)
    return (xx - ax - t * dx) ** 2 + (yy - ay - t * dy) ** 2 <= r * r + 1e-9


def disc_kernel(n: int) -> np.ndarray:
    yy, xx = np.mgrid[-n:n + 1, -n:n + 1]
    return (xx * xx + yy * yy <= n * n).astype(np.uint8)


@pytest.mark.parametrize("r", [1, 2, 5, 12, 40])
def test_dab_matches_opencv_circle_and_gauss_count(r: int) -> None:
    mask = mo.new_mask(120, 100)
    box = mo.stroke(mask, (60, 50), (60, 50), r)
    ref = np.zeros((100, 120), np.uint8)
    cv2.circle(ref, (60, 50), r, 1, -1)
    assert mo.count(mask) == lattice_disc_count(r) == int(ref.sum())
    assert np.array_equal(mask, ref)
    assert box == Box(60 - r, 50 - r, 61 + r, 51 + r)


@pytest.mark.parametrize("r", [3, 10])
def test_straight_stroke_exact_count_and_opencv_reference(r: int) -> None:
    mask = mo.new_mask(200, 120)
    box = mo.stroke(mask, (20, 60), (170, 60), r)
    # a band of 2r+1 rows over the 151 columns between the centres, plus two half discs
    expected = (2 * r + 1) * 151 + lattice_disc_count(r) - (2 * r + 1)
    assert mo.count(mask) == expected
    ref = np.zeros((120, 200), np.uint8)
    cv2.circle(ref, (20, 60), r, 1, -1)
    cv2.circle(ref, (170, 60), r, 1, -1)
    cv2.line(ref, (20, 60), (170, 60), 1, 2 * r)
    assert np.array_equal(mask, ref)
    assert box == Box(20 - r, 60 - r, 171 + r, 61 + r)


@pytest.mark.parametrize(("a", "b", "r"), [((30, 40), (150, 120), 5),
                                           ((10.3, 90.7), (180.2, 15.1), 7.5),
                                           ((20, 20), (180, 180), 10)])
def test_diagonal_stroke_is_the_exact_capsule(a: tuple[float, float], b: tuple[float, float],
                                              r: float) -> None:
    mask = mo.new_mask(200, 200)
    box = mo.stroke(mask, a, b, r)
    ref = capsule_reference((200, 200), a, b, r)
    assert np.array_equal(mask.view(bool), ref)
    assert box == mo.bbox(ref)
    # OpenCV's thick line rounds its outline outwards: ours lies inside it and nearly fills it
    cv_ref = np.zeros((200, 200), np.uint8)
    ia, ib = tuple(round(v) for v in a), tuple(round(v) for v in b)
    if ia == a and ib == b and float(r).is_integer():
        cv2.circle(cv_ref, ia, int(r), 1, -1)
        cv2.circle(cv_ref, ib, int(r), 1, -1)
        cv2.line(cv_ref, ia, ib, 1, int(2 * r))
        assert not np.any(mask & (1 - cv_ref))
        assert mask.sum() / cv_ref.sum() > 0.95


def test_stroke_clips_at_the_border_and_erases() -> None:
    mask = mo.new_mask(50, 40)
    box = mo.stroke(mask, (-5, -5), (3, 3), 4)
    ref = capsule_reference((40, 50), (-5, -5), (3, 3), 4)
    assert np.array_equal(mask.view(bool), ref)
    assert box is not None and box.x0 == 0 and box.y0 == 0
    assert mo.stroke(mask, (-50, -50), (-40, -40), 3) is None
    mask[:] = 1
    mo.stroke(mask, (25, 20), (25, 20), 6, value=False)
    assert mo.count(mask) == 50 * 40 - lattice_disc_count(6)


def test_works_on_bool_masks_in_place() -> None:
    mask = np.zeros((30, 30), bool)
    mo.stroke(mask, (15, 15), (15, 15), 3)
    assert mask.dtype == np.bool_ and int(mask.sum()) == lattice_disc_count(3)
    with pytest.raises(TypeError):
        mo.stroke(np.zeros((5, 5), np.float32), (1, 1), (1, 1), 1)


def test_rectangle_fill_inclusive_any_corner_order() -> None:
    mask = mo.new_mask(100, 80)
    box = mo.fill_rect(mask, (60, 50), (10, 20))
    assert mo.count(mask) == 51 * 31
    assert box == Box(10, 20, 61, 51)
    assert mo.fill_rect(mask, (90, 70), (120, 200)) == Box(90, 70, 100, 80)
    assert mo.count(mask) == 51 * 31 + 10 * 10
    mo.fill_rect(mask, (0, 0), (99, 79), value=False)
    assert mo.count(mask) == 0


def test_lasso_fill_square_and_triangle() -> None:
    mask = mo.new_mask(60, 60)
    box = mo.fill_polygon(mask, [(10, 10), (20, 10), (20, 20), (10, 20)])
    assert mo.count(mask) == 121 and box == Box(10, 10, 21, 21)
    mask[:] = 0
    mo.fill_polygon(mask, [(10, 10), (30, 10), (10, 30)])
    assert mo.count(mask) == 21 * 22 // 2  # a right triangle of 21-pixel legs, edges included
    mo.fill_polygon(mask, [(12, 12), (14, 12), (12, 14)], value=False)
    assert mo.count(mask) == 21 * 22 // 2 - 6
    assert mo.fill_polygon(mask, [(1, 1), (2, 2)]) is None


def test_lasso_partly_outside_is_clipped() -> None:
    mask = mo.new_mask(40, 40)
    box = mo.fill_polygon(mask, [(-20, -20), (19, -20), (19, 19), (-20, 19)])
    assert mo.count(mask) == 20 * 20 and box == Box(0, 0, 20, 20)


@pytest.mark.parametrize("n", [1, 3, 7, 25])
def test_grow_and_shrink_equal_morphology_with_a_true_disc(n: int) -> None:
    rng = np.random.default_rng(n)
    mask = mo.new_mask(180, 140)
    for _ in range(6):
        mo.stroke(mask, tuple(rng.uniform(0, 180, 2)), tuple(rng.uniform(0, 140, 2)),
                  rng.uniform(2, 15))
    mo.fill_rect(mask, (0, 100), (30, 139))  # touches the border
    src = np.ascontiguousarray(mask)
    grown = mask.copy()
    mo.grow(grown, n)
    assert np.array_equal(grown, cv2.dilate(src, disc_kernel(n), borderType=cv2.BORDER_CONSTANT,
                                            borderValue=0))
    shrunk = mask.copy()
    mo.shrink(shrunk, n)
    assert np.array_equal(shrunk, cv2.erode(src, disc_kernel(n), borderType=cv2.BORDER_CONSTANT,
                                            borderValue=1))
    both = mask.copy()
    assert mo.grow_or_shrink(both, -n) is not None
    assert np.array_equal(both, shrunk)


def test_grow_of_a_single_pixel_is_a_disc() -> None:
    mask = mo.new_mask(100, 100)
    mask[50, 50] = 1
    assert mo.grow(mask, 20) == Box(30, 30, 71, 71)
    assert mo.count(mask) == lattice_disc_count(20)
    assert mo.grow(mo.new_mask(10, 10), 3) is None


def test_invert_clear_bbox_coverage() -> None:
    mask = mo.new_mask(10, 10)
    mo.fill_rect(mask, (2, 3), (4, 6))
    assert mo.bbox(mask) == Box(2, 3, 5, 7)
    assert mo.coverage(mask) == pytest.approx(0.12)
    assert mo.invert(mask) == Box(0, 0, 10, 10)
    assert mo.count(mask) == 88
    assert mo.clear(mask) == Box(0, 0, 10, 10)
    assert mo.count(mask) == 0 and mo.clear(mask) is None


def test_paste_modes() -> None:
    mask = mo.new_mask(20, 20)
    region = np.ones((5, 5), bool)
    assert mo.paste(mask, region, (18, 18)) == Box(18, 18, 20, 20)
    assert mo.count(mask) == 4
    mo.paste(mask, np.ones((2, 2), bool), (17, 17), mode="subtract")
    assert mo.count(mask) == 3
    mo.paste(mask, np.zeros((1, 1), bool), (19, 19), mode="replace")
    assert mo.count(mask) == 2
    with pytest.raises(ValueError):
        mo.paste(mask, region, (0, 0), mode="xor")


def test_new_mask_rows_are_aligned_for_sharing() -> None:
    mask = mo.new_mask(1001, 3)
    assert mask.shape == (3, 1001) and mask.strides[0] % 4 == 0


# -- undo -----------------------------------------------------------------------------------

def test_undo_redo_round_trips_are_bit_exact() -> None:
    rng = np.random.default_rng(7)
    mask = mo.new_mask(300, 200)
    stack = UndoStack(mask)
    states = [mask.copy()]
    for i in range(40):
        kind = i % 5
        if kind == 0:
            box = mo.stroke(mask, tuple(rng.uniform(0, 300, 2)), tuple(rng.uniform(0, 200, 2)),
                            rng.uniform(1, 20), value=bool(i % 2))
        elif kind == 1:
            box = mo.fill_rect(mask, tuple(rng.integers(0, 300, 2)), tuple(rng.integers(0, 200, 2)))
        elif kind == 2:
            box = mo.fill_polygon(mask, [tuple(p) for p in rng.uniform(0, 200, (6, 2))])
        elif kind == 3:
            box = mo.grow_or_shrink(mask, int(rng.integers(-4, 5)) or 1)
        else:
            box = mo.invert(mask)
        if stack.commit(box, f"step {i}") is not None:
            states.append(mask.copy())
    assert len(stack) == len(states) - 1 > 30
    for expected in reversed(states[:-1]):
        stack.undo()
        assert np.array_equal(mask, expected)
    assert not stack.can_undo() and stack.undo() is None
    for expected in states[1:]:
        stack.redo()
        assert np.array_equal(mask, expected)
    assert not stack.can_redo()


def test_commit_without_change_records_nothing_and_new_edit_drops_redo() -> None:
    mask = mo.new_mask(50, 50)
    stack = UndoStack(mask)
    assert stack.commit(Box(0, 0, 50, 50)) is None and len(stack) == 0
    mo.fill_rect(mask, (1, 1), (5, 5))
    assert stack.commit(Box(0, 0, 50, 50), "Rectangle") == Box(1, 1, 6, 6)
    stack.undo()
    assert stack.can_redo() and stack.redo_label() == "Rectangle"
    mo.stroke(mask, (30, 30), (30, 30), 3)
    stack.commit(None, "Brush")
    assert not stack.can_redo() and stack.undo_label() == "Brush"


def test_revert_and_uncommitted_edits_do_not_corrupt_undo() -> None:
    mask = mo.new_mask(40, 40)
    stack = UndoStack(mask)
    mo.fill_rect(mask, (0, 0), (9, 9))
    stack.commit(Box(0, 0, 10, 10))
    mo.fill_rect(mask, (20, 20), (30, 30))  # never committed
    stack.revert(Box(20, 20, 31, 31))
    assert mo.count(mask) == 100
    mo.fill_rect(mask, (5, 5), (15, 15))  # uncommitted, overlapping the committed step
    stack.undo()  # lands on the committed state inside the step's box
    assert mo.count(mask[:10, :10]) == 0
    assert mo.count(mask) == 121 - 25
    stack.redo()
    assert mo.count(mask[:10, :10]) == 100 and mo.count(mask) == 100 + 96


def test_history_memory_is_bounded_by_the_budget() -> None:
    mask = mo.new_mask(400, 400)
    rng = np.random.default_rng(3)
    stack = UndoStack(mask, budget_bytes=40_000)
    for _ in range(60):
        # noise compresses badly: each step costs about 2.5 kB
        box = Box(0, 0, 200, 100)
        mask[box.slices] ^= (rng.random((100, 200)) < 0.5).astype(np.uint8)
        stack.commit(box)
    assert stack.history_bytes <= 40_000
    assert stack.dropped > 0 and len(stack) + stack.dropped == 60
    assert stack.nbytes == stack.history_bytes + mask.size  # plus the committed copy


def test_step_count_limit() -> None:
    mask = mo.new_mask(20, 20)
    stack = UndoStack(mask, max_steps=5)
    for i in range(8):
        mask[i, i] = 1
        stack.commit(Box(i, i, i + 1, i + 1))
    assert len(stack) == 5
    while stack.can_undo():
        stack.undo()
    assert mo.count(mask) == 3  # the three oldest steps are beyond reach


def test_a_hundred_large_steps_stay_small() -> None:
    """Whole-photo edits (invert, big strokes) compress to little: far below the raw size."""
    mask = mo.new_mask(1200, 800)
    stack = UndoStack(mask)
    rng = np.random.default_rng(11)
    recorded = 0
    for i in range(110):
        if i % 10 == 0:
            box = mo.invert(mask)
        else:
            box = mo.stroke(mask, tuple(rng.uniform(0, 1200, 2)), tuple(rng.uniform(0, 800, 2)),
                            60, value=bool(i % 3))
        recorded += stack.commit(box) is not None
    assert len(stack) == recorded >= 100
    assert stack.history_bytes < 100 * mask.size / 50
