"""The desktop notification when a job ends while the user looks at another window.

The window really loses activation here (another top-level window is activated), so the
window's own test of "is the user looking at me" decides, and the notification's words are the
ones the user reads. The tray balloon itself needs a desktop tray, which the offscreen platform
does not have; ``notified`` is emitted by the same call that shows it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from test_window_helpers import SKY_PHOTO, add_photo, cloud_settings, wait_status, window_factory

from desktop_app.core.models import Status
from desktop_app.ui.actions import ActionId

__all__ = ["window_factory"]


def _look_elsewhere(qtbot: Any, window: Any) -> QWidget:
    other = QWidget()
    qtbot.addWidget(other)
    other.setWindowTitle("Another program")
    other.show()
    other.activateWindow()
    assert QTest.qWaitForWindowActive(other)
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=60_000)
    return other


def _look_at(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)


def _notes(window: Any) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    window.notified.connect(lambda title, text: notes.append((title, text)))
    return notes


def test_a_result_ready_while_the_user_looks_elsewhere_is_notified(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    notes = _notes(window)
    add_photo(qtbot, window, SKY_PHOTO)
    _look_elsewhere(qtbot, window)
    window.action(ActionId.GENERATE).trigger()
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    assert notes == [("Result ready",
                      f"{SKY_PHOTO.name} — Interior sky is ready to compare.")]


def test_no_notification_while_the_user_looks_at_the_window(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    notes = _notes(window)
    add_photo(qtbot, window, SKY_PHOTO)
    _look_at(qtbot, window)
    window.action(ActionId.GENERATE).trigger()
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    assert window.isActiveWindow()
    assert notes == []


def test_a_failed_photo_is_notified_with_its_reason(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    notes = _notes(window)
    add_photo(qtbot, window, SKY_PHOTO)
    _look_elsewhere(qtbot, window)
    iacrea_server.fail_next_generation()
    window.action(ActionId.GENERATE).trigger()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.FAILED)
    assert gen.error
    assert notes == [("Photo not processed", f"{SKY_PHOTO.name}: {gen.error}")]
