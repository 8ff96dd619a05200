"""The mask canvas and the mask editor dialog, driven with real mouse and key events."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog

from desktop_app.core import mask_ops as mo
from desktop_app.ui.image_arrays import qimage_rgb_view
from desktop_app.ui.mask_canvas import MaskCanvas, Tool, next_brush_size
from desktop_app.ui.mask_editor import MaskEditorDialog

DATA = Path(__file__).parent / "data"
LEFT = Qt.MouseButton.LeftButton
RIGHT = Qt.MouseButton.RightButton
NOMOD = Qt.KeyboardModifier.NoModifier


def grey_photo(w: int = 800, h: int = 600) -> QImage:
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor(120, 120, 120))
    return img


def scene_photo(w: int = 900, h: int = 600) -> tuple[QImage, np.ndarray]:
    """A blue object on a noisy beige floor, and the object's true mask."""
    rng = np.random.default_rng(5)
    rgb = np.empty((h, w, 3), np.float32)
    rgb[:] = (205, 192, 176)
    truth = np.zeros((h, w), np.uint8)
    cv2.ellipse(truth, (w // 2, h // 2), (w // 7, h // 8), 20, 0, 360, 1, -1)
    rgb[truth > 0] = (40, 80, 190)
    rgb = np.clip(rgb + rng.normal(0, 5, rgb.shape), 0, 255).astype(np.uint8)
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    return image, truth > 0


def capsule(shape: tuple[int, int], a: tuple[float, float], b: tuple[float, float],
            r: float) -> np.ndarray:
    """Pixels whose centre is within r of segment ab (independent reference)."""
    yy, xx = np.mgrid[:shape[0], :shape[1]].astype(np.float64)
    dx, dy = b[0] - a[0], b[1] - a[1]
    den = dx * dx + dy * dy
    t = np.zeros_like(xx) if den == 0 else np.clip(((xx - a[0]) * dx + (yy - a[1]) * dy) / den,
                                                   0, 1)
    return (xx - a[0] - t * dx) ** 2 + (yy - a[1] - t * dy) ** 2 <= r * r + 1e-9


def drag(qtbot, widget, points: list[tuple[int, int]], button=LEFT, mods=NOMOD) -> None:
    """Press, move through, release. (Never (0, 0): QTest reads a null point as the centre.)"""
    assert all(p != (0, 0) for p in points)
    qtbot.mousePress(widget, button, mods, QPoint(*points[0]))
    for p in points[1:]:
        qtbot.mouseMove(widget, QPoint(*p))
    qtbot.mouseRelease(widget, button, mods, QPoint(*points[-1]))


@pytest.fixture
def canvas(qtbot) -> Iterator[MaskCanvas]:
    c = MaskCanvas()
    qtbot.addWidget(c)
    c.resize(400, 300)
    c.set_photo(grey_photo())
    c.show()
    qtbot.waitExposed(c)
    c.setFocus()
    assert c.viewport().scale() == pytest.approx(0.5)  # fit: 800 × 600 in 400 × 300
    yield c
    c.wait_for_workers()


def widget_point(c: MaskCanvas, image_x: float, image_y: float) -> QPoint:
    p = c.viewport().image_to_widget(QPointF(image_x, image_y))
    assert p.x() == round(p.x()) and p.y() == round(p.y())
    return QPoint(round(p.x()), round(p.y()))


# -- brush and mapping ----------------------------------------------------------------------

def test_brush_stroke_at_fit_zoom_is_the_exact_capsule(qtbot, canvas: MaskCanvas) -> None:
    canvas.set_brush_size(21)
    drag(qtbot, canvas, [(100, 100), (300, 100)])
    # widget (100, 100) at scale 0.5 is image point (200, 200): pixel-centre coordinate 199.5
    ref = capsule((600, 800), (199.5, 199.5), (599.5, 199.5), 10.5)
    # counted by hand: 22 rows (centres 189..210) × 400 columns (200..599) between the ends,
    # plus two half discs of radius 10.5 around half-pixel centres
    cap = 2 * sum(math.floor(math.sqrt(10.5**2 - (k + 0.5) ** 2) + 0.5) for k in range(11))
    assert canvas.marked_pixels() == int(ref.sum()) == 22 * 400 + 2 * cap == 9132
    assert np.array_equal(canvas.mask(), ref)


def test_brush_at_200_percent_equals_opencv_circles_and_line(qtbot, canvas: MaskCanvas) -> None:
    canvas.viewport().set_zoom(2.0, QPointF(0, 0))  # scale 2, top-left corner stays put
    assert canvas.viewport().offset() == QPointF(0, 0)
    canvas.set_brush_size(20)  # radius 10
    # odd widget coordinates land on pixel centres: (21, 41) → pixel (10, 20)
    drag(qtbot, canvas, [(21, 41), (201, 41)])
    ref = np.zeros((600, 800), np.uint8)
    cv2.circle(ref, (10, 20), 10, 1, -1)
    cv2.circle(ref, (100, 20), 10, 1, -1)
    cv2.line(ref, (10, 20), (100, 20), 1, 20)
    assert np.array_equal(canvas.mask(), ref > 0)
    disc = 1 + 4 * 10 + 4 * sum(math.isqrt(100 - i * i) for i in range(1, 11))
    assert canvas.marked_pixels() == 21 * 91 + disc - 21


@pytest.mark.parametrize("zoom", ["fit", "100"])
def test_rectangle_drag_maps_to_the_pixels_under_the_mouse(qtbot, canvas: MaskCanvas,
                                                           zoom: str) -> None:
    if zoom == "100":
        canvas.actual_size()
        assert canvas.viewport().zoom() == pytest.approx(1.0)
    vp = canvas.viewport()
    canvas.set_tool(Tool.RECTANGLE)
    a, b = (37, 52), (251, 203)
    drag(qtbot, canvas, [a, (120, 120), b])
    x0 = math.floor((a[0] - vp.offset().x()) / vp.scale())
    y0 = math.floor((a[1] - vp.offset().y()) / vp.scale())
    x1 = math.floor((b[0] - vp.offset().x()) / vp.scale())
    y1 = math.floor((b[1] - vp.offset().y()) / vp.scale())
    expected = np.zeros((600, 800), bool)
    expected[y0:y1 + 1, x0:x1 + 1] = True
    assert np.array_equal(canvas.mask(), expected)
    assert canvas.marked_pixels() == (x1 - x0 + 1) * (y1 - y0 + 1)
    if zoom == "fit":
        assert (x0, y0, x1, y1) == (74, 104, 502, 406)
    else:  # 100 %: the view shows the photo's centre, offset (-200, -150)
        assert (x0, y0, x1, y1) == (237, 202, 451, 353)


def test_alt_rectangle_erases(qtbot, canvas: MaskCanvas) -> None:
    canvas.set_tool(Tool.RECTANGLE)
    drag(qtbot, canvas, [(-1, -1), (400, 300)])  # clamped to the photo
    assert canvas.marked_pixels() == 800 * 600
    drag(qtbot, canvas, [(10, 10), (19, 19)], mods=Qt.KeyboardModifier.AltModifier)
    assert canvas.marked_pixels() == 800 * 600 - 19 * 19  # photo pixels 20..38


def test_eraser_and_right_drag(qtbot, canvas: MaskCanvas) -> None:
    canvas.set_tool(Tool.RECTANGLE)
    drag(qtbot, canvas, [(-1, -1), (400, 300)])  # clamped to the photo
    canvas.set_tool(Tool.ERASER)
    canvas.set_brush_size(20)
    canvas.viewport().set_zoom(2.0, QPointF(0, 0))
    qtbot.mouseClick(canvas, LEFT, NOMOD, QPoint(101, 101))  # pixel (50, 50)
    disc = 1 + 4 * 10 + 4 * sum(math.isqrt(100 - i * i) for i in range(1, 11))
    assert canvas.marked_pixels() == 800 * 600 - disc
    assert not canvas.mask()[50, 50] and canvas.mask()[50, 61]
    canvas.set_tool(Tool.BRUSH)
    drag(qtbot, canvas, [(301, 101), (301, 101)], button=RIGHT)  # right button erases too
    assert canvas.marked_pixels() == 800 * 600 - 2 * disc
    canvas.undo()
    canvas.undo()
    assert canvas.marked_pixels() == 800 * 600


def test_lasso_fill(qtbot, canvas: MaskCanvas) -> None:
    canvas.set_tool(Tool.LASSO)
    drag(qtbot, canvas, [(100, 100), (200, 100), (200, 200), (100, 200)])
    # the image square 200..400 (pixel centres 199.5..399.5); OpenCV's fill includes pixels
    # whose centre is within half a pixel of the edge, so both end rows/columns count
    mask = canvas.mask()
    assert canvas.marked_pixels() == 201 * 201
    assert mo.bbox(mask) == mo.Box(200, 200, 401, 401)
    assert mask[200:401, 200:401].all()


def test_lasso_with_alt_erases(qtbot, canvas: MaskCanvas) -> None:
    canvas.set_tool(Tool.RECTANGLE)
    drag(qtbot, canvas, [(-1, -1), (400, 300)])  # clamped to the photo
    canvas.set_tool(Tool.LASSO)
    drag(qtbot, canvas, [(100, 100), (200, 100), (200, 200), (100, 200)],
         mods=Qt.KeyboardModifier.AltModifier)
    assert canvas.marked_pixels() == 800 * 600 - 201 * 201


def test_shift_click_draws_a_straight_line(qtbot, canvas: MaskCanvas) -> None:
    canvas.set_brush_size(10)
    qtbot.mouseClick(canvas, LEFT, NOMOD, QPoint(50, 50))
    qtbot.mouseClick(canvas, LEFT, Qt.KeyboardModifier.ShiftModifier, QPoint(250, 150))
    ref = capsule((600, 800), (99.5, 99.5), (499.5, 299.5), 5)
    assert np.array_equal(canvas.mask(), ref)


def test_escape_cancels_a_stroke(qtbot, canvas: MaskCanvas) -> None:
    qtbot.mousePress(canvas, LEFT, NOMOD, QPoint(50, 50))
    qtbot.mouseMove(canvas, QPoint(150, 50))
    assert canvas.marked_pixels() > 0
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    qtbot.mouseRelease(canvas, LEFT, NOMOD, QPoint(150, 50))
    assert canvas.marked_pixels() == 0 and not canvas.can_undo()


# -- whole-mask edits -----------------------------------------------------------------------

def disc_kernel(n: int) -> np.ndarray:
    yy, xx = np.mgrid[-n:n + 1, -n:n + 1]
    return (xx * xx + yy * yy <= n * n).astype(np.uint8)


def test_grow_and_shrink_run_in_the_background(qtbot, canvas: MaskCanvas) -> None:
    canvas.set_brush_size(30)
    drag(qtbot, canvas, [(50, 60), (200, 90), (210, 250)])
    before = canvas.mask().view(np.uint8)
    with qtbot.waitSignal(canvas.busyChanged, timeout=60_000):
        canvas.grow_shrink(9)
    qtbot.waitUntil(lambda: not canvas.is_busy(), timeout=60_000)
    grown = cv2.dilate(before, disc_kernel(9), borderType=cv2.BORDER_CONSTANT, borderValue=0)
    assert np.array_equal(canvas.mask(), grown > 0)
    canvas.grow_shrink(-4)
    qtbot.waitUntil(lambda: not canvas.is_busy(), timeout=60_000)
    shrunk = cv2.erode(grown, disc_kernel(4), borderType=cv2.BORDER_CONSTANT, borderValue=1)
    assert np.array_equal(canvas.mask(), shrunk > 0)
    canvas.undo()
    canvas.undo()
    assert np.array_equal(canvas.mask(), before > 0)


def test_invert_and_clear(qtbot, canvas: MaskCanvas) -> None:
    canvas.set_tool(Tool.RECTANGLE)
    drag(qtbot, canvas, [(-1, -1), (49, 49)])  # photo pixels 0..98 (widget 49 → 98..100)
    canvas.invert()
    assert canvas.marked_pixels() == 800 * 600 - 99 * 99
    canvas.clear()
    assert canvas.marked_pixels() == 0
    canvas.undo()
    assert canvas.marked_pixels() == 800 * 600 - 99 * 99


# -- undo / redo with the keyboard ----------------------------------------------------------

def test_undo_redo_keys_are_bit_exact_and_one_stroke_is_one_step(qtbot,
                                                                 canvas: MaskCanvas) -> None:
    states = [canvas.mask()]
    canvas.set_brush_size(17)
    drag(qtbot, canvas, [(20 + 7 * i, 40 + (i * 37) % 200) for i in range(40)])  # one stroke
    states.append(canvas.mask())
    canvas.set_tool(Tool.ERASER)
    drag(qtbot, canvas, [(30, 30), (300, 250)])
    states.append(canvas.mask())
    canvas.set_tool(Tool.RECTANGLE)
    drag(qtbot, canvas, [(250, 20), (390, 120)])
    states.append(canvas.mask())
    assert len(canvas.undo_stack()) == 3
    ctrl = Qt.KeyboardModifier.ControlModifier
    for expected in reversed(states[:-1]):
        qtbot.keyClick(canvas, Qt.Key.Key_Z, ctrl)
        assert np.array_equal(canvas.mask(), expected)
    qtbot.keyClick(canvas, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert np.array_equal(canvas.mask(), states[1])
    qtbot.keyClick(canvas, Qt.Key.Key_Y, ctrl)
    assert np.array_equal(canvas.mask(), states[2])
    qtbot.keyClick(canvas, Qt.Key.Key_Y, ctrl)
    assert np.array_equal(canvas.mask(), states[3])
    assert not canvas.can_redo()


def test_undo_history_of_the_canvas_is_bounded(qtbot, canvas: MaskCanvas) -> None:
    stack = canvas.undo_stack()
    assert stack is not None
    stack.budget_bytes = 20_000
    canvas.set_brush_size(9)
    rng = np.random.default_rng(2)
    for _ in range(60):
        pts = [tuple(int(v) for v in rng.integers(0, 300, 2)) for _ in range(6)]
        drag(qtbot, canvas, pts, button=LEFT if rng.random() < 0.7 else RIGHT)
    assert stack.history_bytes <= 20_000
    assert stack.dropped > 0


# -- keys and display -----------------------------------------------------------------------

def test_bracket_keys_change_the_brush_size(qtbot, canvas: MaskCanvas) -> None:
    canvas.set_brush_size(40)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert canvas.brush_size() == 48 == next_brush_size(40, True)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert canvas.brush_size() == 58
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert canvas.brush_size() == 40
    canvas.set_brush_size(2)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert canvas.brush_size() == 1
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert canvas.brush_size() == 2
    # the painted disc follows the new size
    canvas.viewport().set_zoom(2.0, QPointF(0, 0))
    canvas.set_brush_size(10)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)  # 12 → radius 6
    qtbot.mouseClick(canvas, LEFT, NOMOD, QPoint(101, 101))
    assert canvas.marked_pixels() == 1 + 4 * 6 + 4 * sum(math.isqrt(36 - i * i)
                                                         for i in range(1, 7))


def test_tool_keys_and_hold_m_to_hide(qtbot, canvas: MaskCanvas) -> None:
    for key, tool in ((Qt.Key.Key_E, Tool.ERASER), (Qt.Key.Key_R, Tool.RECTANGLE),
                      (Qt.Key.Key_L, Tool.LASSO), (Qt.Key.Key_W, Tool.SMART),
                      (Qt.Key.Key_B, Tool.BRUSH)):
        qtbot.keyClick(canvas, key)
        assert canvas.tool() == tool
    qtbot.keyClick(canvas, Qt.Key.Key_X)
    assert canvas.tool() == Tool.ERASER
    assert canvas.mask_visible()
    qtbot.keyPress(canvas, Qt.Key.Key_M)
    assert not canvas.mask_visible()
    qtbot.keyRelease(canvas, Qt.Key.Key_M)
    assert canvas.mask_visible()
    canvas.set_mask_visible(False)
    assert not canvas.mask_visible()


def test_overlay_shares_memory_with_the_mask_and_paints_in_colour(qtbot,
                                                                  canvas: MaskCanvas) -> None:
    canvas.set_overlay_colour(QColor(0, 255, 0))
    canvas.set_overlay_opacity(1.0)
    canvas.set_tool(Tool.RECTANGLE)
    drag(qtbot, canvas, [(2, 2), (100, 100)])
    shot = canvas.grab().toImage()
    assert QColor(shot.pixel(50, 50)) == QColor(0, 255, 0)
    assert QColor(shot.pixel(300, 200)) == QColor(120, 120, 120)
    canvas.set_mask_visible(False)
    shot = canvas.grab().toImage()
    assert QColor(shot.pixel(50, 50)) == QColor(120, 120, 120)


def test_rgb_view_of_a_qimage() -> None:
    img = QImage(3, 2, QImage.Format.Format_RGB32)
    img.fill(QColor(10, 20, 30))
    img.setPixelColor(2, 1, QColor(200, 100, 50))
    view = qimage_rgb_view(img)
    assert view.shape == (2, 3, 3)
    assert view[0, 0].tolist() == [10, 20, 30] and view[1, 2].tolist() == [200, 100, 50]


# -- smart select ---------------------------------------------------------------------------

def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / max(1, (a | b).sum()))


def test_smart_select_click_proposal_enter_and_escape(qtbot) -> None:
    photo, truth = scene_photo()
    c = MaskCanvas()
    qtbot.addWidget(c)
    c.resize(450, 300)
    c.set_photo(photo)
    c.show()
    qtbot.waitExposed(c)
    c.setFocus()
    c.set_tool(Tool.SMART)
    # escape discards a proposal
    with qtbot.waitSignal(c.proposalChanged, timeout=60_000):
        qtbot.mouseClick(c, LEFT, NOMOD, QPoint(225, 150))
    assert c.has_proposal() and c.marked_pixels() == 0
    qtbot.keyClick(c, Qt.Key.Key_Escape)
    assert not c.has_proposal() and c.marked_pixels() == 0
    # enter accepts: the object lands in the mask as one undo step
    with qtbot.waitSignal(c.proposalChanged, timeout=60_000):
        qtbot.mouseClick(c, LEFT, NOMOD, QPoint(225, 150))
    assert iou(c.proposal(), truth) > 0.9
    qtbot.keyClick(c, Qt.Key.Key_Return)
    assert not c.has_proposal()
    assert iou(c.mask(), truth) > 0.9
    assert len(c.undo_stack()) == 1
    c.wait_for_workers()


def test_smart_select_box_and_shift_click_subtracts(qtbot) -> None:
    photo, truth = scene_photo()
    c = MaskCanvas()
    qtbot.addWidget(c)
    c.resize(450, 300)
    c.set_photo(photo)
    c.show()
    qtbot.waitExposed(c)
    c.set_tool(Tool.SMART)
    ys, xs = np.nonzero(truth)
    a = (int(xs.min() / 2) - 10, int(ys.min() / 2) - 10)
    b = (int(xs.max() / 2) + 10, int(ys.max() / 2) + 10)
    with qtbot.waitSignal(c.proposalChanged, timeout=60_000):
        drag(qtbot, c, [a, (a[0] + 20, a[1] + 20), b])
    assert iou(c.proposal(), truth) > 0.9
    qtbot.waitUntil(lambda: not c.is_busy(), timeout=60_000)
    with qtbot.waitSignal(c.proposalChanged, timeout=60_000):
        qtbot.mouseClick(c, LEFT, Qt.KeyboardModifier.ShiftModifier, QPoint(225, 150))
    qtbot.waitUntil(lambda: not c.is_busy(), timeout=60_000)
    assert c.proposal().sum() < 0.05 * truth.sum()
    c.wait_for_workers()


# -- the dialog -----------------------------------------------------------------------------

def track(qtbot, dialog: MaskEditorDialog) -> MaskEditorDialog:
    """Closed after the test without its "Discard the mask?" question, whose own event loop
    would otherwise hang the teardown of a test that failed with painted work in it."""
    qtbot.addWidget(dialog, before_close_func=lambda d: d.reject())
    return dialog


def open_dialog(qtbot, image, initial=None) -> MaskEditorDialog:
    dialog = track(qtbot, MaskEditorDialog(image, initial))
    dialog.show()
    qtbot.waitUntil(dialog.is_ready, timeout=15000)
    dialog.canvas.wait_for_workers()
    return dialog


def test_dialog_opens_a_path_in_the_background(qtbot, tmp_path: Path) -> None:
    src = DATA / "kitchen-white-island-01.jpg"
    dialog = MaskEditorDialog(src)
    track(qtbot, dialog)
    dialog.show()
    assert not dialog.is_ready()  # decoding happens off the GUI thread
    assert not dialog.generate_button.isEnabled() and dialog.cancel_button.isEnabled()
    qtbot.waitUntil(dialog.is_ready, timeout=15000)
    with Image.open(src) as im:
        assert dialog.mask().shape == (im.height, im.width)
    dialog.reject()


def test_dialog_reports_a_bad_photo(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not a jpeg at all")
    dialog = MaskEditorDialog(bad)
    track(qtbot, dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=60_000)
    assert dialog.banner.kind() == "error" and "broken.jpg" in dialog.notice()
    assert not dialog.is_ready() and not dialog.generate_button.isEnabled()
    dialog.reject()


def test_empty_mask_disables_generate_with_a_reason(qtbot) -> None:
    dialog = open_dialog(qtbot, grey_photo())
    assert not dialog.generate_button.isEnabled()
    assert dialog.generate_hint() == "Paint over what should be removed first"
    assert dialog.coverage_label.text() == "Nothing marked yet"
    c = dialog.canvas
    c.set_tool(Tool.RECTANGLE)
    vp = c.viewport()
    a = vp.image_to_widget(QPointF(10, 10)).toPoint()
    b = vp.image_to_widget(QPointF(199.5, 99.5)).toPoint()
    drag(qtbot, c, [(a.x(), a.y()), (b.x(), b.y())])
    assert dialog.generate_button.isEnabled() and dialog.generate_hint() == ""
    share = c.marked_pixels() / (800 * 600) * 100
    assert dialog.coverage_label.text() == f"{share:.1f} % of the photo marked"
    qtbot.mouseClick(dialog.generate_button, LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_undo_and_redo_buttons(qtbot) -> None:
    dialog = open_dialog(qtbot, grey_photo())
    assert not dialog.toolbar.undo_button.isEnabled()
    dialog.canvas.invert()
    assert dialog.toolbar.undo_button.isEnabled() and dialog.canvas.marked_pixels() == 480000
    qtbot.mouseClick(dialog.toolbar.undo_button, LEFT)
    assert dialog.canvas.marked_pixels() == 0 and dialog.toolbar.redo_button.isEnabled()
    qtbot.mouseClick(dialog.toolbar.redo_button, LEFT)
    assert dialog.canvas.marked_pixels() == 480000
    # all of it marked: nothing would be kept
    assert not dialog.generate_button.isEnabled()
    assert "whole photo" in dialog.generate_hint()
    dialog.reject()


def test_save_and_export_write_the_service_png(qtbot, tmp_path: Path) -> None:
    start = np.zeros((600, 800), bool)
    start[100:250, 300:620] = True
    dialog = open_dialog(qtbot, grey_photo(), start)
    assert np.array_equal(dialog.mask(), start)
    saved = dialog.save_mask(tmp_path / "mask.png")
    with Image.open(saved) as im:
        assert im.mode == "L" and im.size == (800, 600)
        values = np.asarray(im)
    assert set(np.unique(values).tolist()) == {0, 255}
    assert np.array_equal(values == 255, start)
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as sig:
        dialog.export_mask(tmp_path / "out" / "exported.png")
    with Image.open(sig.args[0]) as im:
        assert im.mode == "L" and im.size == (800, 600)
        assert int((np.asarray(im) == 255).sum()) == 150 * 320
    dialog.reject()


def test_import_a_mask_of_another_size_is_scaled(qtbot, tmp_path: Path) -> None:
    small = np.zeros((300, 400), np.uint8)
    small[50:120, 100:260] = 255
    path = tmp_path / "half.png"
    Image.fromarray(small, "L").save(path)
    dialog = open_dialog(qtbot, grey_photo())
    dialog.import_mask(path)
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=60_000)
    expected = np.zeros((600, 800), bool)
    expected[100:240, 200:520] = True
    assert np.array_equal(dialog.mask(), expected)
    assert "scaled" in dialog.notice() and dialog.banner.kind() == "warning"
    dialog.canvas.undo()  # an import is one undo step
    assert dialog.canvas.marked_pixels() == 0
    dialog.reject()


def test_import_a_photo_is_binarised_with_a_notice(qtbot, tmp_path: Path) -> None:
    src = DATA / "dining-room-windows-blown-out-01.jpg"
    with Image.open(src) as im:
        w, h = im.size
        grey = np.asarray(im.convert("L"))
    photo = grey_photo(w // 2, h // 2)
    dialog = open_dialog(qtbot, photo)
    dialog.import_mask(src)
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=15000)
    assert "not a black-and-white mask" in dialog.notice()
    expected = np.asarray(Image.fromarray((grey >= 128).astype(np.uint8) * 255, "L").resize(
        (w // 2, h // 2), Image.Resampling.NEAREST)) >= 128
    assert np.array_equal(dialog.mask(), expected)
    dialog.reject()


def test_import_of_a_non_image_says_so(qtbot, tmp_path: Path) -> None:
    junk = tmp_path / "notes.png"
    junk.write_text("hello")
    dialog = open_dialog(qtbot, grey_photo())
    dialog.import_mask(junk)
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=60_000)
    assert dialog.banner.kind() == "error" and "notes.png" in dialog.notice()
    assert dialog.canvas.marked_pixels() == 0
    dialog.reject()


def test_initial_mask_from_a_file_with_a_path_photo(qtbot, tmp_path: Path) -> None:
    src = DATA / "kitchen-white-island-01.jpg"
    with Image.open(src) as im:
        w, h = im.size
    previous = np.zeros((h, w), np.uint8)
    previous[10:60, 20:90] = 255
    mpath = tmp_path / "previous.png"
    Image.fromarray(previous, "L").save(mpath)
    dialog = open_dialog(qtbot, src, mpath)
    assert np.array_equal(dialog.mask(), previous == 255)
    assert dialog.notice() == ""
    assert not dialog.canvas.can_undo()  # the starting point is not an edit
    dialog.reject()


def test_initial_mask_for_another_photo_is_refused_but_the_photo_opens(qtbot) -> None:
    dialog = open_dialog(qtbot, grey_photo(), np.ones((100, 900), bool))
    assert dialog.canvas.marked_pixels() == 0
    assert "previous mask could not be used" in dialog.notice()
    dialog.reject()


def test_cancel_asks_before_painted_work_is_lost(qtbot) -> None:
    dialog = open_dialog(qtbot, grey_photo())
    asked: list[bool] = []
    answer = False
    dialog.confirm_discard = lambda: asked.append(True) or answer
    with qtbot.waitSignal(dialog.finished, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.cancel_button, LEFT)  # nothing painted: closes, no question
    assert finished.args == [QDialog.DialogCode.Rejected.value]
    assert asked == [] and not dialog.isVisible()

    dialog = open_dialog(qtbot, grey_photo())
    dialog.confirm_discard = lambda: asked.append(True) or answer
    dialog.canvas.invert()
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert asked == [True, True, True] and dialog.isVisible()  # the user kept painting
    assert dialog.canvas.marked_pixels() == 800 * 600
    answer = True
    with qtbot.waitSignal(dialog.finished, timeout=60_000) as finished:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert finished.args == [QDialog.DialogCode.Rejected.value]
    assert not dialog.isVisible() and asked == [True, True, True, True]


def test_every_redo_key_redoes_and_the_button_says_what_it_sends(qtbot) -> None:
    dialog = open_dialog(qtbot, grey_photo())
    assert dialog.generate_button.text() == "Generate"  # a first result, not a variation
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=60_000)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    for keys in ((Qt.Key.Key_Z, ctrl | shift), (Qt.Key.Key_Y, ctrl)):
        dialog.canvas.invert()
        qtbot.keyClick(dialog.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert dialog.canvas.marked_pixels() == 0
        qtbot.keyClick(dialog.canvas, *keys)
        assert dialog.canvas.marked_pixels() == 480000, keys
        dialog.canvas.clear()
    dialog.reject()
    variation = MaskEditorDialog(grey_photo(), variation=True)
    track(qtbot, variation)
    assert variation.generate_button.text() == "Generate variation"
    variation.reject()


def test_the_smart_select_bar_does_not_move_the_photo_under_the_cursor(qtbot) -> None:
    photo, _truth = scene_photo()
    dialog = open_dialog(qtbot, photo)
    c = dialog.canvas
    c.set_tool(Tool.SMART)
    where = c.geometry()
    zoom = c.viewport().scale()
    centre = c.rect().center()
    with qtbot.waitSignal(c.proposalChanged, timeout=60_000):
        qtbot.mouseClick(c, LEFT, NOMOD, centre)
    assert dialog.proposal_bar.isVisible()
    assert c.geometry() == where and c.viewport().scale() == zoom
    c.reject_proposal()
    assert c.geometry() == where
    c.wait_for_workers()
    dialog.reject()


def test_spin_box_arrows_are_drawn_from_the_app_icons() -> None:
    from desktop_app.ui import style

    sheet = style._spin_box_qss()  # the app's sheet styles spin boxes, so it draws the arrows
    for arrow in ("up", "down"):
        rule = next(line for line in sheet.splitlines() if f"QSpinBox::{arrow}-arrow {{" in line)
        path = rule.split('url("')[1].split('")')[0]
        assert Path(path).is_file(), path


def test_enter_in_a_field_presses_no_button(qtbot) -> None:
    """Enter typed in the Grow field (or anywhere but the canvas) neither generates, nor undoes,
    nor closes: no button of the editor is a default one."""
    dialog = open_dialog(qtbot, grey_photo())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.canvas.set_mask(  # a block painted: Generate is enabled
        np.pad(np.ones((100, 100), bool), ((250, 250), (350, 350))), "test")
    assert dialog.generate_button.isEnabled() and dialog.canvas.can_undo()
    marked = dialog.canvas.marked_pixels()
    field = dialog.toolbar.grow_spin
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(field, key)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.canvas.marked_pixels() == marked and dialog.canvas.can_undo()
    dialog.reject()
