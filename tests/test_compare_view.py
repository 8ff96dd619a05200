"""The before/after compare viewer and the "What changed" heat map behind it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.core.diffmap import (
    OUTLINE_COLOUR,
    changed_fraction,
    delta_e,
    difference_heatmap,
)
from desktop_app.core.errors import ImageError
from desktop_app.ui.compare_view import (
    CompareMode,
    CompareView,
)
from desktop_app.ui.image_arrays import qimage_to_rgb, rgba_to_qimage

PHOTOS = Path(__file__).parent / "data"
RED, BLUE, GREEN, YELLOW = (QColor(220, 30, 30), QColor(30, 60, 220), QColor(20, 170, 60),
                            QColor(240, 220, 20))


def photo_rgb(name: str = "kitchen-white-island-01.jpg") -> np.ndarray:
    bgr = cv2.imread(str(PHOTOS / name), cv2.IMREAD_COLOR)
    assert bgr is not None
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def jpeg_again(rgb: np.ndarray, quality: int) -> np.ndarray:
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR),
                           [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.cvtColor(cv2.imdecode(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def to_qimage(rgb: np.ndarray) -> QImage:
    h, w = rgb.shape[:2]
    return QImage(np.ascontiguousarray(rgb).data, w, h, 3 * w,
                  QImage.Format.Format_RGB888).copy()


def solid(w: int, h: int, colour: QColor) -> QImage:
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(colour)
    return img


def halves(w: int, h: int, left: QColor, right: QColor) -> QImage:
    img = solid(w, h, left)
    p = QPainter(img)
    p.fillRect(w // 2, 0, w - w // 2, h, right)
    p.end()
    return img


def quadrants(w: int, h: int, colours: list[QColor]) -> QImage:
    img = QImage(w, h, QImage.Format.Format_RGB32)
    p = QPainter(img)
    for i, colour in enumerate(colours):
        x, y = (i % 2) * (w // 2), (i // 2) * (h // 2)
        p.fillRect(x, y, w // 2 if i % 2 == 0 else w - w // 2,
                   h // 2 if i < 2 else h - h // 2, colour)
    p.end()
    return img


def near(a: QColor, b: QColor, tol: int = 3) -> bool:
    return (abs(a.red() - b.red()) <= tol and abs(a.green() - b.green()) <= tol
            and abs(a.blue() - b.blue()) <= tol)


def grab(view: QWidget) -> QImage:
    return view.grab().toImage()


def colour_at(img: QImage, x: float, y: float) -> QColor:
    return QColor(img.pixel(int(x), int(y)))


# -- core.diffmap ---------------------------------------------------------------------------
def square_edit(rgb: np.ndarray, box: tuple[int, int, int, int],
                colour: tuple[int, int, int]) -> np.ndarray:
    x, y, w, h = box
    out = rgb.copy()
    out[y:y + h, x:x + w] = colour
    return out


def test_heatmap_marks_exactly_the_changed_square_despite_jpeg_noise() -> None:
    before = photo_rgb()
    box = (400, 300, 60, 40)
    after = jpeg_again(square_edit(before, box, (40, 200, 90)), 70)
    heat = difference_heatmap(before, after)
    assert heat.shape == (*before.shape[:2], 4) and heat.dtype == np.uint8
    alpha = heat[:, :, 3]
    x, y, w, h = box
    margin = 4  # the light blur widens an edge by a few pixels
    inside = alpha[y + margin:y + h - margin, x + margin:x + w - margin]
    assert np.all(inside > 0)
    outside = alpha.copy()
    outside[y - margin:y + h + margin, x - margin:x + w + margin] = 0
    assert np.count_nonzero(outside) == 0
    assert changed_fraction(heat) == pytest.approx(w * h / alpha.size, rel=0.25)


@pytest.mark.parametrize("name", ["kitchen-white-island-01.jpg", "living-room-cluttered-01.jpg",
                                  "bedroom-window-blinds-drapes-01.jpg"])
def test_recompression_alone_is_not_a_change(name: str) -> None:
    before = photo_rgb(name)
    heat = difference_heatmap(before, jpeg_again(before, 60))
    assert changed_fraction(heat) == 0.0
    # the raw colour distance is not zero, so the threshold and cleaning are doing the work
    assert float(delta_e(before, jpeg_again(before, 60), blur_sigma=0).max()) > 8.0


def test_stronger_changes_are_redder_and_more_opaque() -> None:
    flat = np.full((120, 200, 3), 128, np.uint8)
    after = flat.copy()
    after[30:90, 20:80] = (150, 128, 128)  # a mild shift (ΔE ≈ 12)
    after[30:90, 120:180] = (250, 20, 20)  # a strong one
    heat = difference_heatmap(flat, after)
    mild, strong = heat[60, 50], heat[60, 150]
    assert mild[3] > 0 and strong[3] > mild[3]
    assert mild[1] > 150  # yellowish: lots of green
    assert strong[1] < 40 and strong[0] > 200  # red
    assert heat[5, 5, 3] == 0


def test_result_of_another_size_is_compared_on_the_originals_grid() -> None:
    before = photo_rgb()
    edited = square_edit(before, (200, 200, 120, 80), (0, 0, 255))
    small = cv2.resize(edited, (before.shape[1] // 2, before.shape[0] // 2),
                       interpolation=cv2.INTER_AREA)
    heat = difference_heatmap(before, small)
    assert heat.shape[:2] == before.shape[:2]
    alpha = heat[:, :, 3]
    assert np.all(alpha[215:265, 215:305] > 0)
    # away from the square only resampling blur differs, which must not count much
    outside = alpha.copy()
    outside[180:300, 180:340] = 0
    assert np.count_nonzero(outside) < 0.01 * alpha.size


def test_outline_rings_changed_areas_and_does_not_count_as_change() -> None:
    flat = np.full((100, 100, 3), 90, np.uint8)
    after = square_edit(flat, (40, 40, 10, 10), (250, 250, 250))
    plain = difference_heatmap(flat, after)
    ringed = difference_heatmap(flat, after, outline=3)
    ring = ringed[:, :, 3] == 255
    assert ring.any()
    assert not np.any(ring & (plain[:, :, 3] > 0))  # the ring is outside the change
    assert tuple(ringed[ring][0]) == OUTLINE_COLOUR
    assert changed_fraction(ringed) == pytest.approx(changed_fraction(plain))
    assert not np.any(plain[:, :, 3] == 255)


def test_bad_inputs_get_a_plain_sentence() -> None:
    good = np.zeros((10, 10, 3), np.uint8)
    with pytest.raises(ImageError, match="not a colour image"):
        difference_heatmap(np.zeros((10, 10), np.uint8), good)
    with pytest.raises(ImageError, match="8-bit"):
        difference_heatmap(good, good.astype(np.float32))
    with pytest.raises(ImageError, match="empty"):
        difference_heatmap(np.zeros((0, 10, 3), np.uint8), good)
    with pytest.raises(ValueError):
        difference_heatmap(good, good, threshold=10, full_scale=5)
    rgba = np.zeros((10, 10, 4), np.uint8)
    assert difference_heatmap(rgba, good).shape == (10, 10, 4)


# -- conversions ----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", [QImage.Format.Format_RGB888, QImage.Format.Format_RGB32,
                                 QImage.Format.Format_ARGB32, QImage.Format.Format_RGBX8888,
                                 QImage.Format.Format_ARGB32_Premultiplied,
                                 QImage.Format.Format_RGB16])
def test_qimage_to_rgb_reads_every_format_and_shrinks(fmt: QImage.Format) -> None:
    img = quadrants(301, 201, [QColor(255, 0, 0), QColor(0, 255, 0), QColor(0, 0, 255),
                               QColor(255, 255, 255)]).convertToFormat(fmt)
    rgb = qimage_to_rgb(img)
    assert rgb.shape == (201, 301, 3)
    assert rgb[10, 10].tolist() == [255, 0, 0] and rgb[10, 290].tolist() == [0, 255, 0]
    assert rgb[190, 10].tolist() == [0, 0, 255]
    small = qimage_to_rgb(img, max_pixels=301 * 201 // 4)
    assert small.shape[0] * small.shape[1] <= 301 * 201 // 4
    assert small[5, 5].tolist() == [255, 0, 0]


def test_rgba_to_qimage_premultiplies() -> None:
    rgba = np.zeros((4, 6, 4), np.uint8)
    rgba[1, 2] = (255, 128, 0, 200)
    img = rgba_to_qimage(rgba)
    assert img.format() == QImage.Format.Format_ARGB32_Premultiplied
    assert img.pixelColor(2, 1).getRgb() == (255, 128, 0, 200)
    assert img.pixelColor(0, 0).alpha() == 0


# -- the widget -----------------------------------------------------------------------------
@pytest.fixture
def view(qtbot) -> Iterator[CompareView]:  # type: ignore[no-untyped-def]
    v = CompareView()
    qtbot.addWidget(v)
    v.resize(400, 300)
    v.show()
    qtbot.waitExposed(v)
    yield v
    assert v.wait_for_workers(20000)


def wheel(w: QWidget, pos: QPointF, notches: int) -> None:
    event = QWheelEvent(pos, QPointF(w.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(w, event)


def test_empty_state_paints_a_hint_and_is_described(view: CompareView) -> None:
    img = grab(view)
    background = img.pixel(2, 2)
    drawn = sum(1 for x in range(0, 400, 2) for y in range(60, 240, 2)
                if img.pixel(x, y) != background)
    assert drawn > 100  # an icon and two lines of text
    assert view.accessibleName()
    assert view.accessibleDescription()
    assert not view.has_after()


def test_split_shows_before_left_and_after_right(view: CompareView) -> None:
    view.set_images(solid(400, 300, RED), solid(400, 300, BLUE), "Original", "Variation 1")
    assert view.mode() == CompareMode.SPLIT and view.split() == 0.5
    assert view.labels() == ("Original", "Variation 1")
    img = grab(view)
    assert near(colour_at(img, 100, 200), RED)
    assert near(colour_at(img, 300, 200), BLUE)
    assert near(colour_at(img, 190, 200), RED) and near(colour_at(img, 210, 200), BLUE)
    # the labels are drawn in the top corners
    assert not near(colour_at(img, 22, 22), RED)
    assert not near(colour_at(img, 385, 22), BLUE)
    assert "50 %" in view.accessibleDescription()
    assert view.toolTip()


def test_dragging_the_divider(qtbot, view: CompareView) -> None:  # type: ignore[no-untyped-def]
    view.set_images(solid(400, 300, RED), solid(400, 300, BLUE))
    with qtbot.waitSignal(view.splitChanged):
        qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(206, 250))  # near it
        qtbot.mouseMove(view, QPoint(150, 240))
        qtbot.mouseMove(view, QPoint(100, 240))
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(100, 240))
    assert view.split() == pytest.approx(0.25)
    img = grab(view)
    assert near(colour_at(img, 80, 200), RED)
    assert near(colour_at(img, 130, 200), BLUE)
    # a press far from the divider does not move it (it pans)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 250))
    qtbot.mouseMove(view, QPoint(350, 250))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(350, 250))
    assert view.split() == pytest.approx(0.25)
    # dragging past the edge clamps
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.mouseMove(view, QPoint(-50, 100))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(-50, 100))
    assert view.split() == 0.0
    assert near(colour_at(grab(view), 30, 200), BLUE)


def test_divider_follows_the_photo_when_letterboxed(view: CompareView) -> None:
    view.set_images(solid(800, 300, RED), solid(800, 300, BLUE))  # 400x150 on screen
    view.set_split(0.75)
    assert view.divider_x() == pytest.approx(300)
    img = grab(view)
    assert near(colour_at(img, 290, 200), RED) and near(colour_at(img, 310, 200), BLUE)
    assert not near(colour_at(img, 290, 40), RED)  # above the photo: background


def test_keyboard_moves_the_divider(qtbot, view: CompareView) -> None:  # type: ignore[no-untyped-def]
    view.set_images(solid(400, 300, RED), solid(400, 300, BLUE))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.split() == pytest.approx(0.51)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.split() == pytest.approx(0.61)
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.split() == pytest.approx(0.50)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.split() == 0.0
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.split() == 0.0
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.split() == 1.0
    assert near(colour_at(grab(view), 380, 200), RED)


def test_mode_switches(qtbot, view: CompareView) -> None:  # type: ignore[no-untyped-def]
    view.set_images(solid(400, 300, RED), solid(400, 300, BLUE))
    with qtbot.waitSignal(view.modeChanged) as blocker:
        view.set_mode("side_by_side")
    assert blocker.args == ["side_by_side"]
    assert view.mode() is CompareMode.SIDE_BY_SIDE
    img = grab(view)
    assert near(colour_at(img, 100, 200), RED)
    assert near(colour_at(img, 300, 200), BLUE)
    left, right = view.pane_rects()
    assert left.width() == right.width() and left.right() < right.left()
    with qtbot.assertNotEmitted(view.modeChanged):
        view.set_mode(CompareMode.SIDE_BY_SIDE)
    view.set_mode(CompareMode.RESULT)
    img = grab(view)
    assert near(colour_at(img, 100, 200), BLUE) and near(colour_at(img, 300, 200), BLUE)
    view.set_mode(CompareMode.SPLIT)
    assert near(colour_at(grab(view), 100, 200), RED)
    with pytest.raises(ValueError):
        view.set_mode("sideways")
    # Left/Right only move the divider in split mode
    view.set_mode(CompareMode.RESULT)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.split() == 0.5


@pytest.mark.parametrize("mode", list(CompareMode))
def test_holding_space_shows_the_original_full_frame(qtbot, view: CompareView,  # type: ignore[no-untyped-def]
                                                     mode: CompareMode) -> None:
    view.set_images(solid(400, 300, RED), solid(400, 300, BLUE))
    view.set_mode(mode)
    with qtbot.waitSignal(view.showingOriginalChanged) as blocker:
        qtbot.keyPress(view, Qt.Key.Key_Space)
    assert blocker.args == [True] and view.showing_original()
    img = grab(view)
    for x in (30, 100, 300, 370):
        assert near(colour_at(img, x, 130), RED), x
    with qtbot.waitSignal(view.showingOriginalChanged) as blocker:
        qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert blocker.args == [False]
    assert near(colour_at(grab(view), 370, 130), BLUE)


def test_hold_button_api_and_focus_loss(qtbot, view: CompareView) -> None:  # type: ignore[no-untyped-def]
    view.set_images(solid(400, 300, RED), solid(400, 300, BLUE))
    view.set_showing_original(True)
    assert near(colour_at(grab(view), 300, 200), RED)
    qtbot.keyPress(view, Qt.Key.Key_Space)
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert view.showing_original()  # the button is still held
    view.set_showing_original(False)
    assert near(colour_at(grab(view), 300, 200), BLUE)


def test_side_by_side_panes_pan_and_zoom_together(qtbot, view: CompareView) -> None:  # type: ignore[no-untyped-def]
    before_colours = [QColor(255, 0, 0), QColor(0, 255, 0), QColor(0, 0, 255),
                      QColor(255, 255, 255)]
    after_colours = [QColor(c.red() // 2, c.green() // 2, c.blue() // 2) for c in before_colours]
    view.set_images(quadrants(800, 600, before_colours), quadrants(800, 600, after_colours))
    view.set_mode(CompareMode.SIDE_BY_SIDE)
    view.actual_size()
    left, right = view.pane_rects()
    # drag in the right pane with the middle button
    with qtbot.waitSignal(view.viewChanged):
        qtbot.mousePress(view, Qt.MouseButton.MiddleButton, pos=QPoint(300, 150))
        qtbot.mouseMove(view, QPoint(330, 200))
        qtbot.mouseRelease(view, Qt.MouseButton.MiddleButton, pos=QPoint(330, 200))
    vp = view.viewport()
    img = grab(view)
    for local in (QPointF(10, 10), QPointF(100, 60), QPointF(150, 250), QPointF(60, 200)):
        point = vp.widget_to_image(local)
        quadrant = int(point.x() >= 400) + 2 * int(point.y() >= 300)
        lx, ly = left.left() + local.x(), left.top() + local.y()
        rx, ry = right.left() + local.x(), right.top() + local.y()
        assert near(colour_at(img, lx, ly), before_colours[quadrant]), local
        assert near(colour_at(img, rx, ry), after_colours[quadrant]), local
        # the same image point is under the same spot of both panes
        assert view.widget_to_image(QPointF(lx, ly)) == view.widget_to_image(QPointF(rx, ry))
    # a wheel zoom in the right pane keeps its point under the cursor
    spot = QPointF(right.left() + 50, 120)
    under = view.widget_to_image(spot)
    wheel(view, spot, 2)
    assert vp.zoom() == pytest.approx(CompareView.ZOOM_STEP ** 2)
    moved = vp.image_to_widget(under) + right.topLeft()
    assert abs(moved.x() - spot.x()) <= 0.5 and abs(moved.y() - spot.y()) <= 0.5


def test_result_of_another_size_is_stretched_over_the_original(view: CompareView) -> None:
    view.set_images(solid(400, 300, RED), halves(200, 150, GREEN, YELLOW))
    view.set_mode(CompareMode.RESULT)
    img = grab(view)
    assert near(colour_at(img, 100, 150), GREEN)
    assert near(colour_at(img, 300, 150), YELLOW)
    assert near(colour_at(img, 195, 150), GREEN) and near(colour_at(img, 205, 150), YELLOW)


def test_view_is_kept_across_variations_and_reset_for_a_new_photo(view: CompareView) -> None:
    before = solid(800, 600, RED)
    view.set_images(before, solid(800, 600, BLUE))
    view.actual_size()
    view.pan_by(QPointF(-50, -20))
    state = view.view_state()
    view.set_images(before, solid(800, 600, GREEN), after_label="Variation 2")
    assert view.view_state() == state
    view.set_after(solid(800, 600, YELLOW), "Variation 3")
    assert view.view_state() == state and view.labels()[1] == "Variation 3"
    view.set_images(solid(800, 600, RED), solid(800, 600, BLUE))  # another photo
    assert view.viewport().is_fitted()


def test_original_without_a_result_yet(view: CompareView) -> None:
    view.set_images(solid(400, 300, RED), None)
    assert not view.has_after()
    img = grab(view)
    assert near(colour_at(img, 300, 200), RED)
    view.set_mode(CompareMode.DIFFERENCE)  # nothing to compare: no job, no crash
    assert not view.difference_pending()
    assert "no result" in view.accessibleDescription()


def test_bad_images_raise_a_plain_sentence(view: CompareView) -> None:
    with pytest.raises(ImageError):
        view.set_images(QImage(), solid(10, 10, RED))
    with pytest.raises(ImageError):
        view.set_after(solid(10, 10, RED))  # no original yet
    view.set_images(solid(40, 30, RED), solid(40, 30, BLUE))
    with pytest.raises(ImageError):
        view.set_after(QImage())
    assert near(view.after_image().pixelColor(5, 5), BLUE)  # nothing lost
    view.clear()
    assert view.before_image().isNull() and view.viewport().is_empty()


def test_what_changed_arrives_by_signal_and_marks_the_square(qtbot, view: CompareView) -> None:  # type: ignore[no-untyped-def]
    before_rgb = cv2.resize(photo_rgb(), (400, 300), interpolation=cv2.INTER_AREA)
    box = QRect(250, 60, 60, 50)
    after_rgb = jpeg_again(square_edit(before_rgb, (box.x(), box.y(), box.width(),
                                                    box.height()), (30, 220, 90)), 75)
    view.set_images(to_qimage(before_rgb), to_qimage(after_rgb))
    assert view.difference_image() is None
    with qtbot.waitSignal(view.differenceReady, timeout=60_000):
        view.set_mode(CompareMode.DIFFERENCE)
        assert view.difference_pending()  # the work is not done on the GUI thread
    heat = view.difference_image()
    assert heat is not None and heat.size() == view.before_image().size()
    alpha = np.array([[heat.pixelColor(x, y).alpha() for x in range(400)] for y in range(300)])
    marked = np.argwhere(alpha > 0)
    (top, left), (bottom, right) = marked.min(axis=0), marked.max(axis=0)
    ring = 6  # the blur and the outline ring reach a few pixels past the square
    assert box.left() - ring <= left <= box.left() and box.right() <= right <= box.right() + ring
    assert box.top() - ring <= top <= box.top() and box.bottom() <= bottom <= box.bottom() + ring
    fraction = view.changed_fraction()
    assert fraction == pytest.approx(60 * 50 / (400 * 300), rel=0.3)
    # on screen: the square is tinted, the rest is the (muted) result without colour
    img = grab(view)
    tinted = colour_at(img, box.center().x(), box.center().y())
    assert tinted.red() > 150 and tinted.blue() < 80
    plain = colour_at(img, 60, 250)
    expected = QColor(*after_rgb[250, 60].tolist())
    assert abs(plain.red() - plain.blue() - (expected.red() - expected.blue()) * 0.65) < 12
    assert "changed" in view.accessibleDescription()


def test_a_new_result_replaces_a_pending_map(qtbot, view: CompareView) -> None:  # type: ignore[no-untyped-def]
    before = np.full((200, 300, 3), 120, np.uint8)
    first = square_edit(before, (20, 20, 40, 40), (255, 0, 0))
    second = square_edit(before, (220, 120, 40, 40), (255, 0, 0))
    view.set_images(to_qimage(before), to_qimage(first))
    view.set_mode(CompareMode.DIFFERENCE)
    with qtbot.waitSignal(view.differenceReady, timeout=60_000):
        view.set_after(to_qimage(second))  # while the first map may still be computing
    heat = view.difference_image()
    assert heat is not None
    assert heat.pixelColor(240, 140).alpha() > 0
    assert heat.pixelColor(40, 40).alpha() == 0
    assert view.wait_for_workers(20000)
    QCoreApplication.sendPostedEvents()  # any stale result that was queued is delivered now,
    # and ignored
    assert view.difference_image() is heat or view.difference_image() == heat


def test_hidpi_100_percent_is_pixel_exact(tmp_path: Path) -> None:
    """On a 2x screen, 100 % puts each photo pixel on exactly one device pixel."""
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QImage, QColor
        from PySide6.QtWidgets import QApplication
        from desktop_app.ui.compare_view import CompareView, CompareMode
        app = QApplication(sys.argv)
        import numpy as np
        yy, xx = np.mgrid[0:400, 0:600]
        board = np.where((xx + yy) % 2 == 1, 255, 0).astype(np.uint8)
        rgb = np.ascontiguousarray(np.dstack([board, board, board]))
        img = QImage(rgb.data, 600, 400, 1800, QImage.Format.Format_RGB888).copy()
        view = CompareView()
        view.resize(200, 150)
        view.show()
        view.set_images(img, img)
        view.set_mode(CompareMode.RESULT)
        view.actual_size()
        assert view.devicePixelRatioF() == 2.0, view.devicePixelRatioF()
        shot = view.grab().toImage()
        assert shot.width() == 400, shot.width()
        origin = view.viewport().image_to_widget(QPointF(0, 0))
        ox, oy = round(-origin.x() * 2), round(-origin.y() * 2)
        bad = 0
        for y in range(80, 300, 7):  # below the label chip
            for x in range(0, 400, 3):
                want = 255 if (x + ox + y + oy) % 2 else 0
                if QColor(shot.pixel(x, y)).red() != want:
                    bad += 1
        view.wait_for_workers()
        print("bad", bad)
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "bad 0"


_FREED_ON: list[int] = []  # the threads on which each _Recorded was freed


class _Recorded:
    def __del__(self) -> None:
        import threading

        _FREED_ON.append(threading.get_ident())


def test_pictures_replaced_in_the_viewer_are_freed_off_the_gui_thread(qtbot: Any) -> None:
    """Giving back a 24 MP picture's memory takes milliseconds: the old before, after and heat
    map layers go on a worker, not on the GUI thread."""
    import threading

    view = CompareView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.set_images(solid(600, 400, RED), solid(600, 400, BLUE))
    view.set_mode(CompareMode.DIFFERENCE)
    qtbot.waitUntil(lambda: view.changed_fraction() is not None, timeout=20_000)
    old = [view.layer(), view._after, view._heat]
    assert all(layer is not None for layer in old)
    _FREED_ON.clear()
    for layer in old:
        layer.marker = _Recorded()  # type: ignore[union-attr]
    del layer, old
    view.set_images(solid(600, 400, GREEN), solid(600, 400, YELLOW))  # a new pair: all three go
    qtbot.waitUntil(lambda: len(_FREED_ON) == 3, timeout=20_000)
    assert threading.get_ident() not in _FREED_ON
    view.wait_for_workers()
