"""Smart select on synthetic scenes whose true object mask is known."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from desktop_app.core.errors import InputError
from desktop_app.core.smart_select import select_region, smart_select


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / max(1, (a | b).sum()))


def scene(seed: int = 0, size: tuple[int, int] = (900, 600)) -> tuple[np.ndarray, np.ndarray]:
    """A blue object (an ellipse with a leg) on a noisy beige floor, and its true mask."""
    w, h = size
    rng = np.random.default_rng(seed)
    img = np.empty((h, w, 3), np.float32)
    img[:] = (205, 192, 176)
    img += np.linspace(-12, 12, w)[None, :, None]  # a soft light gradient
    truth = np.zeros((h, w), np.uint8)
    cv2.ellipse(truth, (w // 2, h // 2), (w // 7, h // 8), 20, 0, 360, 1, -1)
    cv2.rectangle(truth, (w // 2 - 90, h // 2 + 30), (w // 2 - 50, h // 2 + 140), 1, -1)
    img[truth > 0] = (40, 80, 190)
    img += rng.normal(0, 5, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8), truth > 0


def test_click_on_a_plain_object() -> None:
    img, truth = scene()
    proposal = smart_select(img, point=(450, 300))
    assert proposal.dtype == np.bool_ and proposal.shape == truth.shape
    assert iou(proposal, truth) > 0.9
    # a small safety margin: the object is covered
    assert (truth & ~proposal).sum() / truth.sum() < 0.01


def test_click_on_the_leg_finds_the_whole_object() -> None:
    img, truth = scene(1)
    assert iou(smart_select(img, point=(380, 400)), truth) > 0.9


def test_dragged_rectangle() -> None:
    img, truth = scene(2)
    ys, xs = np.nonzero(truth)
    rect = (int(xs.min()) - 25, int(ys.min()) - 25, int(xs.max()) + 25, int(ys.max()) + 25)
    assert iou(smart_select(img, rect=rect), truth) > 0.9


def test_large_photo_scaled_through_the_overview() -> None:
    img, truth = scene(3, size=(3000, 2000))
    sel = select_region(img, point=(1500, 1000))
    assert sel.box.width < 3000 and sel.box.height < 2000  # only a crop is returned
    assert iou(sel.full(), truth) > 0.9


def test_textured_plain_click_stays_local() -> None:
    """Clicking empty floor must not select the object, nor return garbage sizes."""
    img, truth = scene(4)
    proposal = smart_select(img, point=(80, 80))
    assert proposal.shape == truth.shape
    assert (proposal & truth).sum() < 0.05 * truth.sum()


def test_bad_input_is_one_clear_error() -> None:
    with pytest.raises(InputError):
        smart_select(np.zeros((10, 10), np.uint8), point=(1, 1))
    with pytest.raises(ValueError):
        smart_select(np.zeros((10, 10, 3), np.uint8))
