"""The viewer's keys work for the whole window, and the keyboard walks the library."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from test_window_helpers import (
    OTHER_PHOTO,
    SKY_PHOTO,
    add_photo,
    entry_of,
    select,
    wait_status,
    window_factory,
)

from desktop_app.core.models import Status
from desktop_app.core.settings import Settings
from desktop_app.ui.compare_view import CompareMode
from desktop_app.ui.sky_review import SkyReview

__all__ = ["window_factory"]


def test_viewer_keys_work_after_clicking_a_mode_button(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    add_photo(qtbot, window, OTHER_PHOTO)
    add_photo(qtbot, window, SKY_PHOTO)
    window.prompt.sky_review = SkyReview(None)  # the automatic sky
    window.generate()
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    view = window.compare.view
    qtbot.waitUntil(view.has_after, timeout=60_000)
    assert view.split() == pytest.approx(0.5), "a new pair starts with the divider centred"

    button = window.compare.mode_buttons[CompareMode.SPLIT]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=60_000)
    button.click()
    button.setFocus()
    assert not view.hasFocus()
    qtbot.keyPress(button, Qt.Key.Key_Space)
    assert view.showing_original()
    qtbot.keyPress(button, Qt.Key.Key_Space, delay=-1)  # a key repeat changes nothing
    qtbot.keyRelease(button, Qt.Key.Key_Space)
    assert not view.showing_original()
    assert view.mode() is CompareMode.SPLIT, "Space did not press the focused button again"
    qtbot.keyClick(button, Qt.Key.Key_Left)
    assert view.split() == pytest.approx(0.49)
    qtbot.keyClick(button, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.split() == pytest.approx(0.59)

    # PgDn / PgUp (and J / K) walk the library; a pair seen again starts centred again
    view.set_split(0.9)
    select(window, SKY_PHOTO)  # the listing's order is the order added: the kitchen first
    row = window.library.currentIndex().row()
    with qtbot.waitSignal(window.previewShown, timeout=60_000):  # the other pair on screen
        qtbot.keyClick(button, Qt.Key.Key_PageUp)
    assert window.library.currentIndex().row() == row - 1
    assert window.current_entry() is entry_of(window, OTHER_PHOTO)
    qtbot.keyClick(button, Qt.Key.Key_J)
    assert window.current_entry().source == entry_of(window, SKY_PHOTO).source
    qtbot.waitUntil(view.has_after, timeout=60_000)
    assert view.split() == pytest.approx(0.5)
