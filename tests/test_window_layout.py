"""At 1024 x 700 nothing is cut off; long names have tooltips; the library can be widened."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from test_window_helpers import SKY_PHOTO, add_photo, entry_of, tip_at_1024, window_factory

from desktop_app.core.settings import Settings

__all__ = ["window_factory"]


def test_a_1024_by_700_window_shows_every_compare_control_whole(
        qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings(), start=False)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    add_photo(qtbot, window, SKY_PHOTO)
    panel = window.compare
    qtbot.waitUntil(lambda: not panel.is_empty())
    right = panel.view.mapTo(window, panel.view.rect().topRight()).x()
    controls = [panel.before_combo, panel.after_combo, *panel.mode_buttons.values(),
                panel.more_button]
    assert panel.is_compact(), "Fit and 100 % wait in the overflow menu"
    for control in controls:
        assert control.isVisible()
        edge = control.mapTo(window, control.rect().topRight()).x()
        assert edge <= right, f"{control.text() if hasattr(control, 'text') else control}"
        assert control.width() >= control.minimumSizeHint().width()
    for button in panel.mode_buttons.values():  # its words whole, or its icon and a tooltip
        if button.text():
            assert button.width() >= button.sizeHint().width(), button.text()
        else:
            assert not button.icon().isNull() and button.toolTip() == button.accessibleName()
    labels = [a.text() for a in panel.more_button.menu().actions()]
    assert labels == ["Fit", "100 %"]
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: not panel.is_compact())
    assert panel.fit_button.isVisible()


def test_the_library_can_be_widened_and_names_its_photos_in_full(
        qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings(), start=False)
    add_photo(qtbot, window, SKY_PHOTO)
    assert window.splitter.handleWidth() >= 5
    library_box = window.splitter.widget(0)
    before = library_box.width()
    window.splitter.moveSplitter(before + 150, 1)
    qtbot.waitUntil(lambda: library_box.width() > before + 100)
    entry = entry_of(window, SKY_PHOTO)
    tip = window.model.data(window.model.index(window.model.row_of(entry.key)),
                            Qt.ItemDataRole.ToolTipRole)
    assert SKY_PHOTO.name in tip
    window.compare.after_combo.setCurrentIndex(0)
    assert window.compare.after_combo.toolTip() == window.compare.after_combo.currentText()


def test_an_error_fixed_in_settings_offers_them_and_no_other_does(
        qtbot: Any, window_factory: Any) -> None:
    from desktop_app.core.errors import AuthError, ConfigError, InputError

    window = window_factory(Settings(), start=False)
    for error, offers in ((ConfigError("Enter your API key in Settings."), True),
                          (AuthError("IACrea refused the API key."), True),
                          (InputError("kitchen.jpg is not a photo."), False)):
        window.show_error(error)
        assert window.banner.text() == str(error)
        assert ("Open Settings" in window.banner.action_text()) is offers, error


def test_what_changed_shows_its_share_instead_of_the_tip(qtbot: Any, window_factory: Any) -> None:
    from desktop_app.ui.compare_panel import ORIGINAL, CompareChoice
    from desktop_app.ui.compare_view import CompareMode

    window = window_factory(Settings(), start=False)
    panel = window.compare
    panel.show_empty(False)
    photo = str(SKY_PHOTO)
    panel.set_choices([CompareChoice(ORIGINAL, "Original", photo),
                       CompareChoice("1:0", "Result", photo)], ORIGINAL, "1:0")
    assert panel.hint.isVisible() and panel.info.text() == ""
    from desktop_app.ui.image_loader import load_image

    image = load_image(photo, 600)
    panel.view.set_images(image, image.copy(), "Original", "Result")
    with qtbot.waitSignal(panel.view.differenceReady, timeout=20_000):
        panel.view.set_mode(CompareMode.DIFFERENCE)
    assert panel.info.text() == "Nothing changed beyond photo noise"
    assert not panel.hint.isVisible(), "the tip would run under the share"
    panel.view.set_mode(CompareMode.SPLIT)
    assert panel.info.text() == "" and panel.hint.isVisible()


def test_a_narrow_window_ends_the_tip_with_an_ellipsis(qtbot: Any, window_factory: Any) -> None:
    hint = tip_at_1024(qtbot, window_factory, "Result").hint
    whole = "Tip: hold Space to see the original · drag the divider · scroll to zoom"
    assert hint.full_text() == whole
    shown = hint.text()
    assert shown.endswith("…") and whole.startswith(shown[:-1]), shown
    assert hint.fontMetrics().horizontalAdvance(shown) <= hint.contentsRect().width()
    assert hint.toolTip() == whole, "the whole tip is one hover away"
    hint.window().resize(1600, 900)
    qtbot.waitUntil(lambda: hint.text() == whole)
    assert hint.toolTip() == ""
