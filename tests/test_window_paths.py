"""Window paths a user takes that had no test: Show in folder, Stop, Open recent, and new
settings while a job runs. Real HTTP to the contract server; what Show in folder opens is seen
by a URL handler registered with QDesktopServices, as a desktop's file manager would be."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from test_window_helpers import (
    OTHER_PHOTO,
    SKY_PHOTO,
    add_photo,
    cloud_settings,
    entry_of,
    wait_status,
    window_factory,
)

from desktop_app.core import credentials
from desktop_app.core.models import Status
from desktop_app.core.settings import Settings
from desktop_app.ui.actions import ActionId

__all__ = ["window_factory"]


class FileManager(QObject):
    """Receives the file: URLs the app asks the desktop to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def file_manager() -> Iterator[FileManager]:
    manager = FileManager()
    QDesktopServices.setUrlHandler("file", manager, "open")
    try:
        yield manager
    finally:
        QDesktopServices.unsetUrlHandler("file")


def test_show_in_folder_opens_the_folder_of_the_result(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any,
        file_manager: FileManager) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    window.action(ActionId.GENERATE).trigger()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    qtbot.waitUntil(lambda: window.action(ActionId.REVEAL).isEnabled(), timeout=60_000)
    window.action(ActionId.REVEAL).trigger()
    [url] = file_manager.opened
    assert url.isLocalFile()
    assert Path(url.toLocalFile()) == Path(gen.result_files[0]).parent
    assert Path(gen.result_files[0]).parent != SKY_PHOTO.parent, "the result's, not the photo's"


def test_stop_ends_a_running_job_and_it_is_charged_once(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    iacrea_server.processing_for = 3600  # runs until the test moves the service's clock
    window = window_factory(cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    window.action(ActionId.GENERATE).trigger()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.PROCESSING)
    qtbot.waitUntil(lambda: window.action(ActionId.STOP).isEnabled(), timeout=60_000)
    window.action(ActionId.STOP).trigger()
    stopped = wait_status(qtbot, window, SKY_PHOTO, Status.CANCELLED)
    assert not window.poller.is_tracking(gen.id)
    assert not window.action(ActionId.STOP).isEnabled()
    assert not entry_of(window, SKY_PHOTO).busy
    # the service finishes it anyway: nothing is fetched, nothing charged again
    iacrea_server.finish_all()
    window.action(ActionId.STOP).trigger()  # a second press does nothing
    assert window.ws.store.get(gen.id).status is Status.CANCELLED
    assert window.ws.store.get(gen.id).result_files == stopped.result_files == []
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1
    assert iacrea_server.credits == 9


def _open_recent(qtbot: Any, window: Any) -> dict[str, Any]:
    menu = window.recent_menu
    menu.popup(QPoint(0, 0))  # as the File menu shows it: filled when about to show
    qtbot.waitUntil(menu.isVisible, timeout=60_000)
    items = {a.text(): a for a in menu.actions()}
    menu.hide()
    return items


def test_open_recent_lists_the_photos_and_opens_one_a_missing_one_is_said(
        qtbot: Any, window_factory: Any, tmp_path: Path) -> None:
    gone = tmp_path / "sold-house-kitchen.jpg"
    settings = Settings(engine="local",
                        recent_files=[str(SKY_PHOTO), str(gone), str(OTHER_PHOTO)])
    window = window_factory(settings)
    items = _open_recent(qtbot, window)
    assert list(items) == [SKY_PHOTO.name, gone.name, OTHER_PHOTO.name]
    assert items[gone.name].toolTip() == str(gone)

    items[OTHER_PHOTO.name].trigger()
    qtbot.waitUntil(lambda: entry_of(window, OTHER_PHOTO) is not None, timeout=60_000)
    assert window.model.rowCount() == 1
    assert list(_open_recent(qtbot, window)) == [OTHER_PHOTO.name, SKY_PHOTO.name, gone.name], \
        "the last opened first"

    _open_recent(qtbot, window)[gone.name].trigger()
    qtbot.waitUntil(window.banner.isVisible, timeout=60_000)
    assert gone.name in window.banner.text()
    assert entry_of(window, gone) is None or entry_of(window, gone).error
    assert entry_of(window, OTHER_PHOTO) is not None, "what was open stays"


def _switch_account_while_a_job_runs(qtbot: Any, window_factory: Any, iacrea_server: Any,
                                     put_server: Any) -> tuple[Any, Any, Any, Any]:
    """A job runs on the first account; Settings then get another account's key and user ID,
    and a second photo is sent (and finished) with them."""
    iacrea_server.processing_for = 3600
    first = iacrea_server.account
    window = window_factory(cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    window.action(ActionId.GENERATE).trigger()
    running = wait_status(qtbot, window, SKY_PHOTO, Status.PROCESSING)
    second = iacrea_server.add_account(credits=5)
    credentials.set_api_key(second.api_key)
    window.apply_settings(replace(window.ws.settings, user_id=second.user_id))
    iacrea_server.processing_for = 0.3
    add_photo(qtbot, window, OTHER_PHOTO)
    window.action(ActionId.GENERATE).trigger()
    wait_status(qtbot, window, OTHER_PHOTO, Status.DONE)
    return window, running, first, second


def test_new_settings_while_a_job_runs_the_next_job_uses_the_new_account(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    _, _, first, second = _switch_account_while_a_job_runs(
        qtbot, window_factory, iacrea_server, put_server)
    assert (first.total, second.total) == (9, 4), "each photo paid by the account it went with"
    [_, sent_second] = iacrea_server.calls_to("sky_interior/generate")
    assert sent_second.headers["x-api-key"] == second.api_key


def test_new_settings_while_a_job_runs_the_running_job_keeps_its_own_account(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window, running, first, _ = _switch_account_while_a_job_runs(
        qtbot, window_factory, iacrea_server, put_server)
    iacrea_server.finish_all()
    done = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, Status.ERROR)
    assert done.id == running.id
    assert done.status is Status.DONE and done.result_files, done.error
    assert first.total == 9
