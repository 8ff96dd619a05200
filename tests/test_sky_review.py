"""Reviewing the detected sky before an offline Interior sky: the dialog, driven with real mouse
and key events on real photos, and the local engine honouring the reviewed selection."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from job_gate import JobGate
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog

from desktop_app.core import masks
from desktop_app.core.errors import EngineError, MaskError
from desktop_app.core.messages import Msg
from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.core.workers import Workers
from desktop_app.engines.local import sky, sky_render
from desktop_app.engines.local.engine import SELECTION_GROW, LocalEngine, sky_in_selection
from desktop_app.jobs import tasks
from desktop_app.ui.image_arrays import qimage_rgb_view
from desktop_app.ui.messages import error_text
from desktop_app.ui.sky_review import SkyReviewDialog

DATA = Path(__file__).parent / "data"
DINING = DATA / "dining-room-windows-blown-out-01.jpg"  # two windows blown out, 1024 x 683
BEDROOM = DATA / "bedroom-window-blinds-drapes-01.jpg"  # a window with blinds, nothing found
FOYER_WINDOW = (313, 295)  # the small window of the foyer in DINING, which is not detected
FLOOR = (460, 620)  # DINING's wooden floor
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


@cache
def photo(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        arr = np.asarray(im.convert("RGB"))
    arr.setflags(write=False)
    return arr


@cache
def detected(path: Path) -> tuple[np.ndarray, np.ndarray, int]:
    """The automatic sky of a test photo, worked out here independently of the dialog."""
    alpha = sky.detect_sky(photo(path))
    labels, n = sky.sky_regions(alpha)
    alpha.setflags(write=False)
    labels.setflags(write=False)
    return alpha, labels, n


def point_in_largest_region(path: Path) -> tuple[int, tuple[int, int]]:
    alpha, labels, n = detected(path)
    sizes = [np.count_nonzero(labels == i) for i in range(1, n + 1)]
    target = 1 + int(np.argmax(sizes))
    ys, xs = np.nonzero((labels == target) & (alpha > 0.9))
    # the sure sky pixel nearest to a spot in the upper part of the region, in the middle
    mx, my = np.median(xs), ys.min() + 0.25 * (ys.max() - ys.min())
    i = int(np.argmin((xs - mx) ** 2 + (ys - my) ** 2))
    x, y = int(xs[i]), int(ys[i])
    assert labels[y, x] == target
    return target, (x, y)


WARM = Workers(1)  # the dialogs' worker process, as the local engine's would be


@pytest.fixture(scope="module", autouse=True)
def warm_workers() -> Iterator[None]:
    """Start ``WARM`` before any test (so no test counts it as its own); stop it after the last."""
    WARM.run(os.getpid)
    yield
    WARM.close()


def open_dialog(qtbot: Any, path: Path, **kwargs: Any) -> SkyReviewDialog:
    kwargs.setdefault("workers", WARM)
    dialog = SkyReviewDialog(path, **kwargs)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=30_000)
    return dialog


@pytest.fixture
def dining(qtbot: Any) -> Iterator[SkyReviewDialog]:
    dialog = open_dialog(qtbot, DINING)
    yield dialog
    dialog.reject()


def click(qtbot: Any, dialog: SkyReviewDialog, x: int, y: int) -> None:
    """A real mouse click on photo pixel (x, y); waits until the dialog has answered."""
    w, _ = dialog.photo_size()
    scale = dialog.canvas.image().width() / w
    pos = dialog.canvas.widget_pos((x + 0.5) * scale, (y + 0.5) * scale).toPoint()
    with qtbot.waitSignal(dialog.regionsChanged, timeout=30_000):
        qtbot.mouseClick(dialog.canvas, LEFT, Qt.KeyboardModifier.NoModifier, pos)
    assert not dialog.is_busy()


def test_the_photo_opens_and_the_sky_is_found_in_the_background(qtbot: Any) -> None:
    dialog = SkyReviewDialog(DINING, workers=WARM)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.is_ready() and dialog.is_busy()
    assert not dialog.accept_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert dialog.busy_bar.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.ready, timeout=30_000):
        pass
    assert not dialog.busy_bar.isVisibleTo(dialog)
    _alpha, labels, n = detected(DINING)
    assert n == 2
    assert dialog.region_count() == n and dialog.status() == "2 sky regions."
    assert len({label for label, _ in dialog.regions().outlines}) == n
    assert dialog.photo_size() == (1024, 683) and dialog.work_size() == (1024, 683)
    chosen = dialog.mask()
    assert chosen is not None and chosen.dtype == bool and chosen.shape == (683, 1024)
    assert np.array_equal(chosen, labels > 0)
    assert dialog.accept_button.isEnabled() and not dialog.undo_button.isEnabled()
    assert not dialog.reset_button.isEnabled()
    assert "click" in dialog.hint.text().lower()  # what a click does is said up front
    dialog.reject()


def test_a_click_inside_a_region_takes_exactly_that_region_out(
        qtbot: Any, dining: SkyReviewDialog) -> None:
    _alpha, labels, n = detected(DINING)
    target, (x, y) = point_in_largest_region(DINING)
    click(qtbot, dining, x, y)
    assert dining.region_count() == n - 1
    chosen = dining.mask()
    assert chosen is not None
    remaining = (labels > 0) & (labels != target)
    assert int(chosen.sum()) == int(remaining.sum())
    assert np.array_equal(chosen, remaining)
    assert dining.notice() == ""
    assert dining.undo_button.isEnabled() and dining.reset_button.isEnabled()


def test_a_click_on_a_missed_window_adds_it_and_undo_takes_it_back(
        qtbot: Any, dining: SkyReviewDialog) -> None:
    _, _labels, n = detected(DINING)
    before = dining.mask()
    assert before is not None and not before[FOYER_WINDOW[1], FOYER_WINDOW[0]]
    click(qtbot, dining, *FOYER_WINDOW)
    after = dining.mask()
    assert after is not None
    assert dining.region_count() == n + 1
    assert after[FOYER_WINDOW[1], FOYER_WINDOW[0]]
    assert np.all(after[before])  # nothing was lost
    added = after & ~before
    ys, xs = np.nonzero(added)
    assert 300 < len(ys) < 0.01 * added.size
    # all of it around the small window (its glass is about 30 x 65 pixels)
    assert xs.min() > FOYER_WINDOW[0] - 40 and xs.max() < FOYER_WINDOW[0] + 40
    assert ys.min() > FOYER_WINDOW[1] - 60 and ys.max() < FOYER_WINDOW[1] + 60

    dining.canvas.setFocus()
    with qtbot.waitSignal(dining.regionsChanged, timeout=30_000):
        qtbot.keyClick(dining.canvas, Qt.Key.Key_Z, CTRL)
    assert np.array_equal(dining.mask(), before)
    assert dining.region_count() == n and not dining.can_undo()


def test_undo_and_reset_walk_back_through_the_clicks(qtbot: Any,
                                                     dining: SkyReviewDialog) -> None:
    _, labels, _ = detected(DINING)
    _target, (x, y) = point_in_largest_region(DINING)
    click(qtbot, dining, x, y)
    one_out = dining.mask()
    click(qtbot, dining, *FOYER_WINDOW)
    assert dining.region_count() == 2
    with qtbot.waitSignal(dining.regionsChanged, timeout=30_000):
        dining.undo_button.click()
    assert np.array_equal(dining.mask(), one_out)
    with qtbot.waitSignal(dining.regionsChanged, timeout=30_000):
        dining.reset_button.click()
    assert np.array_equal(dining.mask(), labels > 0)
    assert not dining.reset_button.isEnabled()
    with qtbot.waitSignal(dining.regionsChanged, timeout=30_000):
        dining.undo_button.click()  # the reset itself can be undone
    assert np.array_equal(dining.mask(), one_out)


def test_a_click_on_the_floor_says_why_and_changes_nothing(
        qtbot: Any, dining: SkyReviewDialog) -> None:
    with pytest.raises(MaskError) as expected:
        sky.add_region_at(photo(DINING), detected(DINING)[0], *FLOOR)
    before = dining.mask()
    click(qtbot, dining, *FLOOR)
    assert dining.notice() == str(expected.value)
    assert dining.banner.kind() == "error"
    assert np.array_equal(dining.mask(), before)
    assert not dining.can_undo() and dining.accept_button.isEnabled()
    # the next click that works clears the message
    click(qtbot, dining, *FOYER_WINDOW)
    assert dining.notice() == ""


def test_clicks_wait_for_the_previous_one(qtbot: Any, dining: SkyReviewDialog) -> None:
    _target, (x, y) = point_in_largest_region(DINING)
    with qtbot.waitSignal(dining.regionsChanged, timeout=30_000):
        dining.click_at(x, y)
        assert dining.is_busy() and not dining.accept_button.isEnabled()
        dining.click_at(*FOYER_WINDOW)  # refused while the first is being worked out
        assert "One moment" in dining.status()
    assert dining.region_count() == 1  # only the first click counted
    assert not dining.is_busy() and dining.selection.pending() == 0  # and nothing else is queued


def test_dragging_moves_the_photo_and_is_not_a_click(qtbot: Any,
                                                     dining: SkyReviewDialog) -> None:
    dining.canvas.zoom_by(3.0)
    before_view = dining.canvas.view_state()
    _, (x, y) = point_in_largest_region(DINING)
    start = dining.canvas.widget_pos(x, y).toPoint()
    qtbot.mousePress(dining.canvas, LEFT, Qt.KeyboardModifier.NoModifier, start)
    qtbot.mouseMove(dining.canvas, start + QPoint(30, 20))
    qtbot.mouseMove(dining.canvas, start + QPoint(60, 40))
    qtbot.mouseRelease(dining.canvas, LEFT, Qt.KeyboardModifier.NoModifier, start + QPoint(60, 40))
    assert not dining.is_busy() and not dining.can_undo()
    assert dining.canvas.view_state().center != before_view.center


def test_taking_every_region_out_disables_accept_with_a_reason(
        qtbot: Any, dining: SkyReviewDialog) -> None:
    _, labels, n = detected(DINING)
    for label in range(1, n + 1):
        ys, xs = np.nonzero(labels == label)
        i = len(ys) // 2
        click(qtbot, dining, int(xs[i]), int(ys[i]))
    assert dining.region_count() == 0 and dining.mask() is None
    assert not dining.accept_button.isEnabled()
    assert dining.accept_hint.text() and dining.accept_hint.isVisibleTo(dining)
    assert "Undo" in dining.notice()


def test_a_photo_without_sky_says_so_and_a_window_can_be_added(qtbot: Any) -> None:
    dialog = open_dialog(qtbot, BEDROOM)
    assert detected(BEDROOM)[2] == 0
    assert dialog.region_count() == 0 and dialog.mask() is None
    assert "No sky was found" in dialog.notice()
    assert not dialog.accept_button.isEnabled()
    click(qtbot, dialog, 350, 220)  # the bright glass between the blinds' slats
    assert dialog.region_count() >= 1 and dialog.accept_button.isEnabled()
    assert dialog.notice() == ""
    dialog.reject()


def test_the_preview_is_the_new_sky_on_the_working_copy(qtbot: Any,
                                                        dining: SkyReviewDialog) -> None:
    _target, (x, y) = point_in_largest_region(DINING)
    click(qtbot, dining, x, y)
    with qtbot.waitSignal(dining.previewReady, timeout=30_000):
        dining.preview_button.click()
    assert dining.canvas.preview_shown()
    regions = dining.regions()
    assert regions is not None
    expected = sky.replace_sky(photo(DINING), regions.alpha, seed=dining.seed)
    assert np.array_equal(preview_pixels(dining), expected)
    # another click while the preview is on paints it again for the new regions
    with qtbot.waitSignal(dining.previewReady, timeout=30_000):
        click(qtbot, dining, *FOYER_WINDOW)
    new_alpha = dining.regions().alpha
    expected = sky.replace_sky(photo(DINING), new_alpha, seed=dining.seed)
    assert np.array_equal(preview_pixels(dining), expected)
    dining.preview_button.click()
    assert not dining.canvas.preview_shown()


def preview_pixels(dialog: SkyReviewDialog) -> np.ndarray:
    image = dialog.canvas.preview_image().convertToFormat(QImage.Format.Format_RGB32)
    return qimage_rgb_view(image).copy()  # the view lives only as long as the image


def test_accept_gives_the_selection_at_the_photos_own_size(qtbot: Any, tmp_path: Path) -> None:
    big = tmp_path / "dining %2 %3.png"  # a name holding places stays as it is
    Image.fromarray(cv2.resize(photo(DINING), (2048, 1366),
                               interpolation=cv2.INTER_CUBIC)).save(big)
    dialog = open_dialog(qtbot, big, position=(2, 5))
    assert dialog.photo_size() == (2048, 1366) and dialog.work_size() == (1024, 683)
    assert dialog.canvas.image().width() == 2048
    assert dialog.review_check.isVisibleTo(dialog) and "3" in dialog.review_check.text()
    assert dialog.windowTitle() == "Check the sky — dining %2 %3.png (photo 2 of 5)"
    assert dialog.skip_button.isVisibleTo(dialog)
    regions = dialog.regions()
    assert regions is not None and regions.count == 2
    _target, (x, y) = point_in_largest_region(DINING)
    click(qtbot, dialog, 2 * x, 2 * y)
    work = dialog.regions()
    assert work is not None and work.count == 1
    dialog.review_check.setChecked(False)
    with qtbot.waitSignal(dialog.finished, timeout=60_000) as finished:
        dialog.accept_button.click()
    assert finished.args == [QDialog.DialogCode.Accepted.value]
    review = dialog.review()
    assert review.review_rest is False and review.seed == dialog.seed
    # the working selection as it is: the pipeline scales it to the prepared photo
    assert review.mask is not None and review.mask.dtype == bool
    assert np.array_equal(review.mask, work.labels > 0)


def test_cancel_closes_without_a_selection(qtbot: Any, dining: SkyReviewDialog) -> None:
    with qtbot.waitSignal(dining.finished, timeout=60_000) as finished:
        dining.cancel_button.click()
    assert finished.args == [QDialog.DialogCode.Rejected.value]
    assert not dining.isVisible()
    # a single photo: no batch choices
    assert not dining.review_check.isVisibleTo(dining)
    assert not dining.skip_button.isVisibleTo(dining)


@pytest.fixture
def held_detection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[JobGate]:
    """Sky detections wait inside their worker process until the test opens the gate (for a
    dialog with workers of its own, started after this)."""
    gate = JobGate(tmp_path, "detect")
    for name, value in gate.environ().items():
        monkeypatch.setenv(name, value)
    yield gate
    gate.release()


def test_cancel_while_the_sky_is_still_being_found(qtbot: Any,
                                                   held_detection: JobGate) -> None:
    dialog = SkyReviewDialog(DINING)  # with worker processes of its own
    qtbot.addWidget(dialog)
    dialog.show()
    # the detection waits at the gate: it runs in a worker process, not in this one
    qtbot.waitUntil(held_detection.held, timeout=60_000)
    assert dialog.is_busy()  # the photo is shown, the detection is running
    dialog.cancel_button.click()
    # closed at once: the detection's process is stopped instead of holding the window
    assert not dialog.isVisible()
    # the retired runner is let go once the stopped step's answer has arrived and been dropped,
    # with the gate still shut; the guard of every test checks the process is gone too
    qtbot.waitUntil(lambda: not tasks._retired, timeout=60_000)
    assert dialog.regions() is None and not dialog.isVisible()


def test_a_worker_that_dies_during_detection_gets_one_sentence(
        qtbot: Any, held_detection: JobGate) -> None:
    dialog = SkyReviewDialog(DINING)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(held_detection.held, timeout=60_000)
    workers = dialog.selection.workers
    for pid in workers.pids():
        os.kill(pid, signal.SIGKILL)  # as the system does to a process short of memory
    qtbot.waitUntil(lambda: dialog.notice() != "", timeout=60_000)
    assert dialog.banner.kind() == "error"
    assert dialog.notice() == error_text(EngineError(Msg.LOCAL_STOPPED()))
    assert not dialog.is_ready() and not dialog.is_busy()
    assert not dialog.accept_button.isEnabled() and dialog.cancel_button.isEnabled()
    dialog.reject()


def test_a_broken_photo_gets_a_sentence(qtbot: Any, tmp_path: Path) -> None:
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not a photo")
    dialog = SkyReviewDialog(bad)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.notice() != "", timeout=60_000)
    assert dialog.banner.kind() == "error" and "broken.jpg" in dialog.notice()
    assert not dialog.is_ready() and not dialog.is_busy()
    assert not dialog.accept_button.isEnabled() and dialog.cancel_button.isEnabled()
    dialog.reject()


# --------------------------------------------------------------------------- the local engine


def far_from(alpha: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """Pixels farther from the selection than its widening and from the sky than the band in
    which the view around it is enhanced (with slack)."""
    long_side = max(alpha.shape)
    reach = SELECTION_GROW * long_side + 2
    near_choice = cv2.distanceTransform((~chosen).astype(np.uint8), cv2.DIST_L2, 3) <= reach
    core = (alpha > 0.5).astype(np.uint8)
    band = (sky_render.BAND_FRACTION + 0.01) * long_side
    near_sky = cv2.distanceTransform(1 - core, cv2.DIST_L2, 3) <= band
    return ~near_choice & ~near_sky


def reviewed_selection() -> tuple[np.ndarray, int]:
    """DINING with its largest window taken out and the foyer window added, as the dialog
    makes it; and the label of the window taken out."""
    alpha, _, _ = detected(DINING)
    target, (x, y) = point_in_largest_region(DINING)
    edited = sky.add_region_at(photo(DINING), sky.remove_region_at(alpha, x, y), *FOYER_WINDOW)
    return sky.sky_regions(edited)[0] > 0, target


def test_a_selection_of_every_region_gives_the_automatic_sky() -> None:
    alpha, labels, _ = detected(DINING)
    got, left_out = sky_in_selection(photo(DINING), labels > 0)
    assert not left_out.any()
    assert np.array_equal(got[labels > 0], alpha[labels > 0])
    assert np.all(got <= alpha)


def test_the_engine_keeps_soft_edges_inside_the_selection_and_nothing_outside() -> None:
    rgb = photo(DINING)
    alpha, labels, _ = detected(DINING)
    chosen, removed = reviewed_selection()
    got, left_out = sky_in_selection(rgb, chosen)
    assert np.array_equal(left_out, labels == removed)
    assert np.all(got[left_out] == 0)
    grown = cv2.dilate(chosen.astype(np.uint8),
                       cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (11, 11))) > 0
    assert np.all(got[~grown] == 0)
    kept = (labels > 0) & (labels != removed)
    assert np.array_equal(got[kept], alpha[kept])  # the detected soft edges, untouched
    soft = (got > 0.05) & (got < 0.95)
    assert np.count_nonzero(soft & kept) > 200
    # the added window: soft alpha from its own pixels, much like the dialog showed it
    foyer = np.zeros_like(chosen)
    foyer[FOYER_WINDOW[1] - 60:FOYER_WINDOW[1] + 60, FOYER_WINDOW[0] - 40:FOYER_WINDOW[0] + 40] = 1
    assert alpha[foyer].max() < 0.05 < got[FOYER_WINDOW[1], FOYER_WINDOW[0]]
    added = (got > 0.5) & foyer
    shown = chosen & foyer
    assert np.count_nonzero(added & shown) / np.count_nonzero(added | shown) > 0.7


def test_a_mismatched_selection_is_refused() -> None:
    with pytest.raises(MaskError):
        sky_in_selection(photo(DINING), np.ones((10, 10), bool))


def test_the_local_engine_paints_only_the_reviewed_regions(tmp_path: Path) -> None:
    rgb = photo(DINING)
    _, labels, _ = detected(DINING)
    prepared = tmp_path / "prepared.png"  # PNG in, PNG out: the result can be compared exactly
    Image.fromarray(rgb).save(prepared)
    chosen, removed = reviewed_selection()
    mask_path = masks.write_mask(chosen, tmp_path / "mask.png")
    engine = LocalEngine(tmp_path / "work")
    try:
        gen = Generation(service=Service.SKY, source=str(prepared), engine=EngineName.LOCAL,
                         prepared_path=str(prepared), mask_path=str(mask_path), seed=11)
        gen = gen.with_(remote_id=engine.submit(gen).remote_id)
        deadline = time.monotonic() + 120
        while (poll := engine.poll(gen)).status not in (Status.SUCCEEDED, Status.FAILED):
            assert time.monotonic() < deadline, "the local job never finished"
            time.sleep(0.05)
        assert poll.status is Status.SUCCEEDED, poll.message
        with Image.open(poll.results[0]) as im:
            out = np.asarray(im.convert("RGB"))
    finally:
        engine.close()
    alpha, _ = sky_in_selection(rgb, chosen)
    assert out.shape == rgb.shape
    window = labels == removed
    assert np.array_equal(out[window], rgb[window])  # the window taken out is left as it is
    far = far_from(alpha, chosen)
    assert far.mean() > 0.3
    assert np.array_equal(out[far], rgb[far])
    sky_px = alpha > 0.9
    assert np.abs(out[sky_px].astype(int) - rgb[sky_px]).max() > 40  # a new sky was painted
    foyer = (alpha > 0.9) & ~(labels > 0)
    assert foyer.sum() > 300 and np.abs(out[foyer].astype(int) - rgb[foyer]).mean() > 20


DINING_DARK = DATA / "dining-room-windows-dark-bracket-01.jpg"
PORCH = (slice(125, 200), slice(725, 890))  # the porch ceiling seen through the right window


def test_a_mostly_blown_out_sky_suggests_a_darker_shot(qtbot: Any,
                                                      dining: SkyReviewDialog) -> None:
    """In the dining room nearly all the sky found is white in every channel, the porch ceiling
    behind the glass as well: the dialog says a darker shot of the scene would tell them apart.
    Once one is chosen, the dialog says what it did instead."""
    assert sky.blown_out_share(photo(DINING), detected(DINING)[0]) > 0.9
    assert "pure white" in dining.notice() and dining.banner.kind() == "info"
    with qtbot.waitSignal(dining.ready, timeout=30_000):
        dining.use_dark_frame(DINING_DARK)
    assert "pure white" not in dining.notice() and DINING_DARK.name in dining.notice()


def test_a_sky_that_is_not_blown_out_gets_no_such_suggestion(qtbot: Any,
                                                             tmp_path: Path) -> None:
    from test_local_sky import synthetic_room

    room = synthetic_room()
    rgb = room["rgb"].copy()
    rgb[room["sky"]] = (225, 238, 252)  # a pale blue sky, nowhere clipped
    path = tmp_path / "pale-sky.png"
    Image.fromarray(rgb).save(path)
    dialog = open_dialog(qtbot, path)
    assert dialog.region_count() >= 1
    assert dialog.notice() == ""
    dialog.reject()


def test_a_darker_shot_finds_the_sky_again_without_the_porch_ceiling(
        qtbot: Any, dining: SkyReviewDialog) -> None:
    before = dining.mask()
    assert before is not None and before[PORCH].mean() > 0.5  # taken for sky without it
    assert dining.dark_button.isEnabled()
    with qtbot.waitSignal(dining.ready, timeout=30_000):
        dining.use_dark_frame(DINING_DARK)
    after = dining.mask()
    assert after is not None and after[PORCH].mean() < 0.05
    assert dining.region_count() > 0 and not dining.is_busy()
    assert DINING_DARK.name in dining.notice()
    assert dining.review().dark_frame == str(DINING_DARK)


def test_with_a_darker_shot_the_preview_shows_its_view_as_the_job_does(
        qtbot: Any, dining: SkyReviewDialog) -> None:
    """The job takes the blown-out view from the darker shot; a preview without it showed the
    porch ceiling white where the result shows it."""
    with qtbot.waitSignal(dining.ready, timeout=30_000):
        dining.use_dark_frame(DINING_DARK)
    with qtbot.waitSignal(dining.previewReady, timeout=30_000):
        dining.preview_button.click()
    regions = dining.regions()
    assert regions is not None
    shown = preview_pixels(dining)
    expected = sky.replace_sky(photo(DINING), regions.alpha, seed=dining.seed,
                               dark=photo(DINING_DARK))
    assert np.array_equal(shown, expected)
    without = sky.replace_sky(photo(DINING), regions.alpha, seed=dining.seed)
    assert np.mean(without[PORCH].min(axis=2) >= 244) > 0.7  # the porch ceiling is white
    assert np.mean(shown[PORCH].min(axis=2) >= 244) < 0.2  # the darker shot shows it


def test_a_darker_shot_of_another_scene_is_said_and_the_regions_stay(
        qtbot: Any, dining: SkyReviewDialog) -> None:
    before = dining.mask()
    assert before is not None
    dining.use_dark_frame(BEDROOM)
    qtbot.waitUntil(lambda: not dining.is_busy(), timeout=30_000)
    assert dining.notice().startswith("This darker shot does not match the photo")
    after = dining.mask()
    assert after is not None and np.array_equal(after, before)
    assert dining.review().dark_frame is None


@pytest.mark.parametrize("refused", ["another scene", "another shape", "not a photo"])
def test_after_a_refused_darker_shot_a_matching_one_is_taken(
        qtbot: Any, dining: SkyReviewDialog, tmp_path: Path, refused: str) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a photo")
    wrong = {"another scene": BEDROOM, "another shape": DATA / "kitchen-white-island-01.jpg",
             "not a photo": broken}[refused]
    dining.use_dark_frame(wrong)
    qtbot.waitUntil(lambda: not dining.is_busy(), timeout=30_000)
    assert dining.banner.kind() == "error"
    said = "broken.jpg" if refused == "not a photo" else "This darker shot does not match"
    assert said in dining.notice()
    with qtbot.waitSignal(dining.ready, timeout=30_000):
        dining.use_dark_frame(DINING_DARK)
    after = dining.mask()
    assert after is not None and after[PORCH].mean() < 0.05
    assert DINING_DARK.name in dining.notice()
    assert dining.review().dark_frame == str(DINING_DARK)


def test_choosing_a_darker_shot_can_be_undone(qtbot: Any, dining: SkyReviewDialog) -> None:
    _, labels, _ = detected(DINING)
    click(qtbot, dining, *FOYER_WINDOW)  # a click before the darker shot stays undoable
    with_foyer = dining.mask()
    with qtbot.waitSignal(dining.ready, timeout=30_000):
        dining.use_dark_frame(DINING_DARK)
    assert dining.mask()[PORCH].mean() < 0.05 and dining.can_undo()
    assert dining.undo_button.isEnabled()

    dining.canvas.setFocus()
    with qtbot.waitSignal(dining.regionsChanged, timeout=30_000):
        qtbot.keyClick(dining.canvas, Qt.Key.Key_Z, CTRL)
    assert np.array_equal(dining.mask(), with_foyer)  # the regions before the darker shot
    assert dining.review().dark_frame is None  # and the job goes without it
    assert dining.notice() == "The darker shot is set aside: the sky is the one found in " \
        "this photo alone."
    assert dining.banner.kind() == "info"
    # "Reset to automatic" is the detection without the darker shot again
    with qtbot.waitSignal(dining.regionsChanged, timeout=30_000):
        dining.reset_button.click()
    assert np.array_equal(dining.mask(), labels > 0)
    with qtbot.waitSignal(dining.regionsChanged, timeout=30_000):
        dining.undo_button.click()
    with qtbot.waitSignal(dining.regionsChanged, timeout=30_000):
        dining.undo_button.click()  # the click before the darker shot
    assert np.array_equal(dining.mask(), labels > 0) and not dining.can_undo()


def test_undoing_a_second_darker_shot_goes_back_to_the_first(
        qtbot: Any, dining: SkyReviewDialog, tmp_path: Path) -> None:
    first = tmp_path / "first-dark.jpg"
    first.write_bytes(DINING_DARK.read_bytes())
    with qtbot.waitSignal(dining.ready, timeout=30_000):
        dining.use_dark_frame(first)
    found_with_first = dining.mask()
    with qtbot.waitSignal(dining.ready, timeout=30_000):
        dining.use_dark_frame(DINING_DARK)  # the same pixels: the regions do not change
    assert np.array_equal(dining.mask(), found_with_first)
    assert dining.review().dark_frame == str(DINING_DARK)
    with qtbot.waitSignal(dining.regionsChanged, timeout=30_000):
        dining.undo_button.click()
    assert dining.review().dark_frame == str(first)
    assert first.name in dining.notice()
    assert np.array_equal(dining.mask(), found_with_first)
