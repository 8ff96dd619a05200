"""Zoom/pan geometry, the image layer's pyramid and the ZoomPanWidget built on them."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.ui.image_arrays import image_array
from desktop_app.ui.image_layer import ImageLayer, build_pyramid
from desktop_app.ui.viewport import Viewport, ViewState
from desktop_app.ui.zoom_pan import ZoomPanWidget


def close(a: QPointF, b: QPointF, tol: float = 1e-6) -> bool:
    return abs(a.x() - b.x()) <= tol and abs(a.y() - b.y()) <= tol


# -- Viewport math -------------------------------------------------------------------------
def test_fit_centres_and_fills_the_limiting_axis() -> None:
    vp = Viewport(QSizeF(6000, 4000), QSizeF(800, 600))
    assert vp.scale() == pytest.approx(800 / 6000)
    shown = vp.image_rect()
    assert shown.width() == pytest.approx(800)
    assert shown.height() == pytest.approx(4000 * 800 / 6000)
    # letterboxed vertically: equal bars above and below (to a device pixel)
    assert abs(shown.top() - (600 - shown.bottom())) <= 1.0
    assert vp.is_fitted()
    assert vp.visible_image_rect() == QRectF(0, 0, 6000, 4000)


def test_fit_upscales_a_small_image() -> None:
    vp = Viewport(QSizeF(100, 50), QSizeF(400, 400))
    assert vp.scale() == pytest.approx(4.0)
    assert vp.image_rect().left() == pytest.approx(0)


@pytest.mark.parametrize("dpr", [1.0, 1.5, 2.0])
@pytest.mark.parametrize("anchor", [QPointF(123.0, 77.0), QPointF(700.0, 500.0),
                                    QPointF(400.0, 300.0)])
def test_zoom_keeps_the_image_point_under_the_cursor(dpr: float, anchor: QPointF) -> None:
    # an image with the view's aspect ratio, so no axis is centred after zooming in
    vp = Viewport(QSizeF(4000, 3000), QSizeF(800, 600), dpr)
    under = vp.widget_to_image(anchor)
    for factor in (1.7, 2.0, 3.3, 0.8, 5.0):
        vp.zoom_by(factor, anchor)
        # offsets snap to whole device pixels: the point may move by half a device pixel
        assert close(vp.image_to_widget(under), anchor, tol=0.5 / dpr + 1e-9)
    assert not vp.is_fitted()


def test_zoom_around_centre_when_no_anchor() -> None:
    vp = Viewport(QSizeF(2000, 1000), QSizeF(1000, 500))
    centre = vp.widget_to_image(QPointF(500, 250))
    vp.zoom_by(4.0)
    assert close(vp.widget_to_image(QPointF(500, 250)), centre, tol=1.0)


def test_round_trip_mapping_points_and_rects() -> None:
    vp = Viewport(QSizeF(6000, 4000), QSizeF(1600, 1000), 2.0)
    vp.zoom_by(3.1, QPointF(311.0, 222.0))
    vp.pan_by(QPointF(-57.25, 13.5))
    for p in (QPointF(0, 0), QPointF(5999.5, 3999.5), QPointF(1234.567, 890.123)):
        assert close(vp.widget_to_image(vp.image_to_widget(p)), p, 1e-6)
    r = QRectF(100.5, 200.25, 300.0, 400.0)
    back = vp.widget_rect_to_image(vp.image_rect_to_widget(r))
    assert close(back.topLeft(), r.topLeft()) and close(back.bottomRight(), r.bottomRight())
    # the visible rect is what the view area maps to, inside the image
    visible = vp.visible_image_rect()
    assert close(vp.image_to_widget(visible.topLeft()), QPointF(0, 0), 1e-6)
    assert close(vp.image_to_widget(visible.bottomRight()), QPointF(1600, 1000), 1e-6)


def test_pan_is_clamped_so_the_image_cannot_leave() -> None:
    vp = Viewport(QSizeF(4000, 3000), QSizeF(800, 600))
    vp.actual_size()
    vp.pan_by(QPointF(100000, 100000))  # dragged far to the bottom right
    assert vp.image_rect().topLeft() == QPointF(0, 0)
    vp.pan_by(QPointF(-100000, -100000))
    shown = vp.image_rect()
    assert shown.right() == pytest.approx(800) and shown.bottom() == pytest.approx(600)
    assert vp.visible_image_rect() == QRectF(3200, 2400, 800, 600)


def test_image_smaller_than_view_stays_centred_and_cannot_pan() -> None:
    vp = Viewport(QSizeF(400, 300), QSizeF(1000, 800))
    vp.actual_size()
    before = vp.image_rect()
    assert before.center() == QPointF(500, 400)
    assert not vp.pan_by(QPointF(200, -150))
    assert vp.image_rect() == before


def test_zoom_limits() -> None:
    vp = Viewport(QSizeF(6000, 4000), QSizeF(600, 400), 1.0, max_zoom=16.0)
    vp.zoom_by(1e6)
    assert vp.zoom() == pytest.approx(16.0)
    vp.zoom_by(1e-9)
    assert vp.scale() == pytest.approx(vp.fit_scale() * 0.5)
    vp.set_scale(float("nan"))
    assert math.isfinite(vp.scale())


def test_hidpi_actual_size_is_one_image_pixel_per_device_pixel() -> None:
    vp = Viewport(QSizeF(6000, 4000), QSizeF(800, 500), 2.0)
    vp.actual_size()
    assert vp.zoom() == pytest.approx(1.0)
    assert vp.scale() == pytest.approx(0.5)
    # 800 logical px = 1600 device px = 1600 image px
    assert vp.visible_image_rect().width() == pytest.approx(1600)
    # offsets land on whole device pixels, so the photo is not resampled at 100 %
    for _ in range(5):
        vp.pan_by(QPointF(-13.3, 7.77))
        assert (vp.offset().x() * 2) == pytest.approx(round(vp.offset().x() * 2))
        assert (vp.offset().y() * 2) == pytest.approx(round(vp.offset().y() * 2))


def test_moving_to_another_screen_keeps_the_zoom_percentage() -> None:
    vp = Viewport(QSizeF(6000, 4000), QSizeF(800, 500), 1.0)
    vp.actual_size()
    assert vp.set_device_pixel_ratio(2.0)
    assert vp.zoom() == pytest.approx(1.0)
    vp.fit()
    vp.set_device_pixel_ratio(1.0)
    assert vp.is_fitted()


def test_resize_refits_a_fitted_view_and_keeps_the_centre_otherwise() -> None:
    vp = Viewport(QSizeF(3000, 2000), QSizeF(600, 400))
    vp.set_widget_size(QSizeF(900, 600))
    assert vp.scale() == pytest.approx(0.3)
    vp.zoom_by(4.0, QPointF(200, 100))
    centre = vp.widget_to_image(QPointF(450, 300))
    vp.set_widget_size(QSizeF(1000, 700))
    assert close(vp.widget_to_image(QPointF(500, 350)), centre, tol=1.0)
    assert not vp.is_fitted()


def test_new_image_of_same_size_can_keep_the_view() -> None:
    vp = Viewport(QSizeF(3000, 2000), QSizeF(600, 400))
    vp.zoom_by(3.0, QPointF(100, 100))
    state = vp.state()
    vp.set_image_size(QSizeF(3000, 2000), keep_view=True)
    assert vp.state() == state
    vp.set_image_size(QSizeF(3000, 2000), keep_view=False)
    assert vp.is_fitted()


def test_state_copies_to_another_viewport() -> None:
    a = Viewport(QSizeF(3000, 2000), QSizeF(600, 400), 2.0)
    a.set_zoom(1.5, QPointF(50, 60))
    b = Viewport(QSizeF(3000, 2000), QSizeF(600, 400), 2.0)
    b.set_state(a.state())
    assert b.zoom() == pytest.approx(1.5)
    assert close(b.offset(), a.offset(), 0.5)
    b.set_state(ViewState(QPointF(0, 0), 1.0, True))
    assert b.is_fitted()


def test_empty_viewport_maps_nothing_and_does_not_crash() -> None:
    vp = Viewport()
    assert vp.is_empty()
    assert vp.visible_image_rect().isEmpty()
    assert not vp.zoom_by(2.0)
    assert not vp.pan_by(QPointF(5, 5))


# -- pyramid and layers ---------------------------------------------------------------------
def test_pyramid_halves_and_layer_picks_the_right_level() -> None:
    img = QImage(4000, 3000, QImage.Format.Format_RGB888)
    img.fill(QColor(10, 200, 30))
    levels = build_pyramid(img, min_side=400)
    assert [lv.width() for lv in levels] == [4000, 2000, 1000, 500]
    assert all(lv.format() == QImage.Format.Format_RGB32 for lv in levels)
    assert QColor(levels[-1].pixel(250, 200)) == QColor(10, 200, 30)
    layer = ImageLayer(img)
    assert not layer.has_pyramid()
    assert layer.pick(0.3).width() == 4000  # only the full image until the pyramid is in
    layer.set_levels(levels)
    assert layer.pick(1.0).width() == 4000
    assert layer.pick(0.5).width() == 2000
    assert layer.pick(0.3).width() == 2000
    assert layer.pick(0.25).width() == 1000
    assert layer.pick(0.01).width() == 500


@pytest.mark.parametrize("fmt", [QImage.Format.Format_RGB888, QImage.Format.Format_RGBX8888,
                                 QImage.Format.Format_RGB32, QImage.Format.Format_Grayscale8,
                                 QImage.Format.Format_ARGB32])
def test_pyramid_keeps_colours_in_every_source_format(fmt: QImage.Format) -> None:
    img = quadrants(1030, 771).convertToFormat(fmt)  # odd sizes: rows are padded
    levels = build_pyramid(img, min_side=200)
    assert [lv.width() for lv in levels] == [1030, 515, 257]
    for lv in levels:
        assert lv.format() in (QImage.Format.Format_RGB32,
                               QImage.Format.Format_ARGB32_Premultiplied)
        w, h = lv.width(), lv.height()
        for x, y in ((w // 4, h // 4), (3 * w // 4, h // 4), (w // 4, 3 * h // 4),
                     (3 * w // 4, 3 * h // 4)):
            expected = QColor(img.pixel(x * 1030 // w, y * 771 // h))
            assert QColor(lv.pixel(x, y)) == expected
    # the source is never modified
    assert QColor(img.pixel(10, 10)) == QColor(quadrants(1030, 771).convertToFormat(fmt)
                                               .pixel(10, 10))


def test_image_array_is_a_view_of_the_pixels() -> None:
    img = QImage(7, 3, QImage.Format.Format_RGB888)  # 21 bytes per row, padded to 24
    img.fill(QColor(1, 2, 3))
    img.setPixelColor(6, 2, QColor(200, 100, 50))
    arr = image_array(img)
    assert arr.shape == (3, 7, 3)
    assert arr[2, 6].tolist() == [200, 100, 50] and arr[0, 0].tolist() == [1, 2, 3]


# -- the widget -----------------------------------------------------------------------------
def quadrants(w: int, h: int) -> QImage:
    """Red, green / blue, white quadrants: easy to tell where the view is."""
    img = QImage(w, h, QImage.Format.Format_RGB32)
    p = QPainter(img)
    p.fillRect(0, 0, w // 2, h // 2, QColor(255, 0, 0))
    p.fillRect(w // 2, 0, w - w // 2, h // 2, QColor(0, 255, 0))
    p.fillRect(0, h // 2, w // 2, h - h // 2, QColor(0, 0, 255))
    p.fillRect(w // 2, h // 2, w - w // 2, h - h // 2, QColor(255, 255, 255))
    p.end()
    return img


@pytest.fixture
def widget(qtbot) -> Iterator[ZoomPanWidget]:  # type: ignore[no-untyped-def]
    w = ZoomPanWidget()
    qtbot.addWidget(w)
    w.resize(400, 300)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.wait_for_workers()


def wheel(w: QWidget, pos: QPointF, notches: int) -> None:
    event = QWheelEvent(pos, QPointF(w.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(w, event)


def pixel(w: ZoomPanWidget, x: int, y: int) -> QColor:
    img = w.grab().toImage()
    return QColor(img.pixel(x, y))


def test_widget_paints_the_image_fitted_and_emits_view_changes(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(widget.viewChanged):
        widget.set_image(quadrants(800, 600))
    qtbot.waitUntil(widget.layer().has_pyramid)
    assert widget.viewport().scale() == pytest.approx(0.5)
    assert pixel(widget, 50, 50) == QColor(255, 0, 0)
    assert pixel(widget, 350, 50) == QColor(0, 255, 0)
    assert pixel(widget, 50, 250) == QColor(0, 0, 255)
    assert pixel(widget, 350, 250) == QColor(255, 255, 255)


def test_wheel_zooms_around_the_cursor(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.set_image(quadrants(800, 600))
    pos = QPointF(300, 80)
    under = widget.widget_to_image(pos)
    with qtbot.waitSignal(widget.viewChanged):
        wheel(widget, pos, 4)
    assert widget.viewport().scale() == pytest.approx(0.5 * 2.0)
    assert close(widget.viewport().image_to_widget(under), pos, 0.5)


def test_keys_zoom_fit_and_actual_size(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.set_image(quadrants(800, 600))
    qtbot.keyClick(widget, Qt.Key.Key_1)
    assert widget.viewport().zoom() == pytest.approx(1.0)
    qtbot.keyClick(widget, Qt.Key.Key_Plus)
    assert widget.viewport().zoom() == pytest.approx(ZoomPanWidget.ZOOM_STEP)
    qtbot.keyClick(widget, Qt.Key.Key_Minus)
    qtbot.keyClick(widget, Qt.Key.Key_Minus)
    assert widget.viewport().zoom() == pytest.approx(1 / ZoomPanWidget.ZOOM_STEP)
    qtbot.keyClick(widget, Qt.Key.Key_0)
    assert widget.viewport().is_fitted()


def test_middle_drag_and_space_drag_pan(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.set_image(quadrants(800, 600))
    widget.actual_size()  # 800x600 in a 400x300 view: the centre of the image
    start = widget.viewport().offset()
    qtbot.mousePress(widget, Qt.MouseButton.MiddleButton, pos=QPoint(200, 150))
    qtbot.mouseMove(widget, QPoint(260, 170))
    qtbot.mouseRelease(widget, Qt.MouseButton.MiddleButton, pos=QPoint(260, 170))
    assert close(widget.viewport().offset(), start + QPointF(60, 20))
    # a plain left drag does nothing in the base widget (editors draw with it)...
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(200, 150))
    qtbot.mouseMove(widget, QPoint(100, 100))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    assert close(widget.viewport().offset(), start + QPointF(60, 20))
    # ...unless Space is held
    qtbot.keyPress(widget, Qt.Key.Key_Space)
    assert widget.space_held()
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(200, 150))
    qtbot.mouseMove(widget, QPoint(100, 100))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.keyRelease(widget, Qt.Key.Key_Space)
    assert not widget.space_held()
    assert close(widget.viewport().offset(), start + QPointF(-40, -30))
    # what is painted follows the mapping: the quadrants' corner is now at widget (160, 120)
    assert close(widget.viewport().image_to_widget(QPointF(400, 300)), QPointF(160, 120))
    img = widget.grab().toImage()
    assert QColor(img.pixel(155, 115)) == QColor(255, 0, 0)
    assert QColor(img.pixel(165, 115)) == QColor(0, 255, 0)
    assert QColor(img.pixel(155, 125)) == QColor(0, 0, 255)
    assert QColor(img.pixel(165, 125)) == QColor(255, 255, 255)


def test_empty_widget_paints_its_hint(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.set_empty_text("Nothing here yet")
    img = widget.grab().toImage()
    colours = {img.pixel(x, y) for x in range(0, 400, 3) for y in range(140, 160)}
    assert len(colours) > 1  # some text was drawn on the plain background
    widget.set_image(quadrants(80, 60))
    widget.set_image(None)
    assert widget.viewport().is_empty()


def test_overlay_hook_paints_in_image_coordinates(qtbot) -> None:  # type: ignore[no-untyped-def]
    class Marked(ZoomPanWidget):
        def paint_overlay(self, painter: QPainter) -> None:
            painter.fillRect(QRectF(600, 100, 100, 100), QColor(255, 0, 255))

    w = Marked()
    qtbot.addWidget(w)
    w.resize(400, 300)
    w.set_image(quadrants(800, 600))
    img = w.grab().toImage()
    # image (650, 150) is at widget (325, 75) at the fitted scale of 0.5
    assert QColor(img.pixel(325, 75)) == QColor(255, 0, 255)
    assert QColor(img.pixel(275, 75)) == QColor(0, 255, 0)
    w.wait_for_workers()


def test_draw_layer_stretches_a_layer_of_another_size(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.set_image(quadrants(800, 600))
    small = ImageLayer(quadrants(80, 60).flipped(Qt.Orientation.Horizontal))  # green/red on top
    target = QImage(QSize(400, 300), QImage.Format.Format_RGB32)
    target.fill(QColor(0, 0, 0))
    p = QPainter(target)
    widget.draw_layer(p, small)
    p.end()
    assert QColor(target.pixel(50, 50)) == QColor(0, 255, 0)
    assert QColor(target.pixel(350, 50)) == QColor(255, 0, 0)
