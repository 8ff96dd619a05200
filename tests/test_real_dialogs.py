"""The window's real questions, each driven once as a user answers it: no Prompt fake here.

The window gets its own ``DialogPrompt``; the test presses the buttons of the QMessageBox it
shows, or types a path into Qt's file dialog (see dialogs.py), through real HTTP to the contract
server.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from dialogs import Shown, answering, press, type_path
from PIL import Image
from test_window_helpers import (
    OTHER_PHOTO,
    SKY_PHOTO,
    add_photo,
    cloud_settings,
    entry_of,
    wait_status,
    window_factory,
)

from desktop_app.core.models import Status
from desktop_app.ui.actions import ActionId
from desktop_app.ui.window_state import WindowState

__all__ = ["window_factory"]


def _real_window(window_factory: Any, settings: Any) -> Any:
    window = window_factory(settings, prompt=None)  # None: the window's own DialogPrompt
    assert type(window.prompt).__name__ == "DialogPrompt"
    return window


def test_sending_more_photos_than_the_threshold_asks_and_no_sends_nothing(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window = _real_window(window_factory,
                          cloud_settings(iacrea_server, put_server, confirm_credits_above=1))
    add_photo(qtbot, window, SKY_PHOTO)
    add_photo(qtbot, window, OTHER_PHOTO)
    window.library.selectAll()

    with answering(press("No")) as dialogs:
        window.action(ActionId.GENERATE).trigger()
    assert dialogs.seen == [Shown("QMessageBox", "Photo credits",
                                  "This sends 2 photos to IACrea and uses one credit for each. "
                                  "Send them?", "Question")]
    photos = [entry_of(window, SKY_PHOTO), entry_of(window, OTHER_PHOTO)]
    assert not any(window.generation.is_starting(e.key) for e in photos), "nothing is sent"
    assert all(e.is_draft for e in photos)

    with answering(press("Yes")) as dialogs:
        window.action(ActionId.GENERATE).trigger()
    assert dialogs.answered == 1
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    wait_status(qtbot, window, OTHER_PHOTO, Status.DONE)
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 2


def test_open_photos_dialog_adds_the_typed_photo(qtbot: Any, window_factory: Any,
                                                 tmp_path: Path) -> None:
    window = _real_window(window_factory, None)
    with answering(type_path(None)) as dialogs:  # Cancel: nothing is added
        window.action(ActionId.OPEN).trigger()
    assert dialogs.seen == [Shown("QFileDialog", "Add photos")]
    assert window.model.rowCount() == 0

    with answering(type_path(SKY_PHOTO)) as dialogs:
        window.action(ActionId.OPEN).trigger()
    assert dialogs.seen == [Shown("QFileDialog", "Add photos")]
    qtbot.waitUntil(lambda: entry_of(window, SKY_PHOTO) is not None, timeout=60_000)
    assert window.model.rowCount() == 1
    assert WindowState.load().open_folder == str(SKY_PHOTO.parent), "the folder is remembered"


def test_save_as_dialog_writes_the_result_where_typed(qtbot: Any, window_factory: Any,
                                                      iacrea_server: Any, put_server: Any,
                                                      tmp_path: Path) -> None:
    before = hashlib.sha256(SKY_PHOTO.read_bytes()).hexdigest()
    window = _real_window(window_factory, cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    window.action(ActionId.GENERATE).trigger()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    qtbot.waitUntil(lambda: window.action(ActionId.SAVE).isEnabled(), timeout=60_000)

    dest = tmp_path / "out" / "for the agency.jpg"
    dest.parent.mkdir()
    offered: list[str] = []
    with answering(type_path(dest, offered)) as dialogs:
        window.action(ActionId.SAVE).trigger()
    assert dialogs.seen == [Shown("QFileDialog", "Save result as")]
    assert offered and offered[0].endswith(".jpg") and "dining-room" in offered[0], offered
    qtbot.waitUntil(dest.exists, timeout=60_000)
    with Image.open(dest) as saved, Image.open(gen.result_files[0]) as result:
        assert saved.format == "JPEG" and saved.size == result.size
    assert WindowState.load().export_folder == str(dest.parent)
    assert hashlib.sha256(SKY_PHOTO.read_bytes()).hexdigest() == before


def _window_with_a_running_job(qtbot: Any, window_factory: Any, iacrea_server: Any,
                               put_server: Any) -> tuple[Any, Any]:
    iacrea_server.processing_for = 3600  # the job runs until the test moves the clock
    window = _real_window(window_factory, cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    window.action(ActionId.GENERATE).trigger()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.PROCESSING)
    assert window.poller.is_tracking(gen.id)
    return window, gen


def test_quitting_while_a_job_runs_asks_cancel_stays_stop_cancels(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window, gen = _window_with_a_running_job(qtbot, window_factory, iacrea_server, put_server)

    with answering(press("Cancel")) as dialogs:
        assert not window.close()
    assert dialogs.seen == [Shown("QMessageBox", "Photos still in progress",
                                  "1 photo is still being processed.", "Question")]
    assert window.isVisible() and window.poller.is_tracking(gen.id)
    assert window.ws.store.get(gen.id).status is Status.PROCESSING

    with answering(press("Stop them and quit")) as dialogs:
        assert window.close()
    assert dialogs.answered == 1
    assert not window.isVisible()
    assert window.ws.store.get(gen.id).status is Status.CANCELLED
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1


def test_quitting_while_a_job_runs_can_keep_it_for_next_time(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window, gen = _window_with_a_running_job(qtbot, window_factory, iacrea_server, put_server)
    with answering(press("Keep them and quit")) as dialogs:
        assert window.close()
    assert dialogs.answered == 1
    assert not window.isVisible()
    kept = window.ws.store.get(gen.id)
    assert kept.status is Status.PROCESSING and kept.remote_id, "left for the next start"
