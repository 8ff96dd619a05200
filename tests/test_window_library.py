"""The library panel, drafts across restarts, unreadable files, drops, shortcuts, window state."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from test_window_helpers import (
    OTHER_PHOTO,
    SKY_PHOTO,
    add_photo,
    close_window,
    entry_of,
    wait_status,
    window_factory,
)

from desktop_app.core import paths
from desktop_app.core.models import Status
from desktop_app.core.settings import Settings, load_settings
from desktop_app.core.thumbnails import thumbnail_cache_dir
from desktop_app.ui.actions import ActionId
from desktop_app.ui.library_controller import HOLD_MS
from desktop_app.ui.sky_review import SkyReview
from desktop_app.ui.window_state import WindowState

__all__ = ["window_factory"]


def test_empty_window_invites_to_add_photos(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    assert window.compare.is_empty()
    assert window.library_count.text() == "No photos"
    assert not window.action(ActionId.GENERATE).isEnabled()
    assert not window.action(ActionId.SAVE).isEnabled()
    assert window.engine_status.text() == "Engine: local (offline)"


def test_drafts_survive_a_restart(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    with qtbot.waitSignal(window.previewShown, timeout=60_000):
        add_photo(qtbot, window, SKY_PHOTO)
    qtbot.waitUntil(lambda: window.model._thumbs.get(str(SKY_PHOTO.resolve())) is not None,
                    timeout=60_000)
    assert list(thumbnail_cache_dir().glob("*.jpg")), "the thumbnail is cached on disk"
    assert window.library_count.text() == "1 photo"
    assert str(SKY_PHOTO.resolve()) in load_settings().recent_files
    close_window(window)
    window.ws.close()

    again = window_factory(Settings())
    entry = entry_of(again, SKY_PHOTO)
    assert entry is not None and entry.is_draft
    assert again.current_entry() is not None  # the first photo is selected on start


def test_finished_work_is_in_the_library_after_a_restart(qtbot: Any,
                                                         window_factory: Any) -> None:
    window = window_factory(Settings())
    add_photo(qtbot, window, SKY_PHOTO)
    # the offline sky is shown for review first; take the automatic detection
    window.prompt.sky_review = SkyReview(None)
    window.generate()
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    close_window(window)
    window.ws.close()

    again = window_factory(Settings())
    entry = entry_of(again, SKY_PHOTO)
    assert entry is not None and entry.badge == ("Done", "done")
    qtbot.waitUntil(again.compare.view.has_after, timeout=60_000)
    assert again.action(ActionId.SAVE).isEnabled() and again.action(ActionId.VARIATION).isEnabled()


def test_unreadable_file_gets_a_sentence_not_a_crash(qtbot: Any, window_factory: Any,
                                                     tmp_path: Path) -> None:
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"this is not a photo at all")
    window = window_factory(Settings())
    window.add_photos([str(bad)])
    qtbot.waitUntil(lambda: window.banner.isVisible() and "broken.jpg" in window.banner.text(),
                    timeout=60_000)
    assert entry_of(window, bad) is None, "not filed into the listing"
    assert window.listing.listings.photos(window.listing.current_id) == []
    assert not window.panel.generate_button.isEnabled()


def test_dropping_a_folder_adds_its_photos(qtbot: Any, window_factory: Any,
                                           tmp_path: Path) -> None:
    folder = tmp_path / "listing"
    (folder / "more").mkdir(parents=True)
    shutil.copy(SKY_PHOTO, folder / "a.jpg")
    shutil.copy(OTHER_PHOTO, folder / "more" / "b.JPG")
    (folder / "notes.txt").write_text("not a photo")
    window = window_factory(Settings())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=60_000)
    names = sorted(e.name for e in window.model.entries())
    assert names == ["a.jpg", "b.JPG"]
    assert window.listing.current().name == "listing"  # a listing named after the folder
    assert window.listing_bar.current_name() == "listing"
    assert len(window.library.selected_entries()) == 2
    assert window.panel.generate_button.text() == "Generate 2 photos"


def test_removing_a_draft(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    add_photo(qtbot, window, SKY_PHOTO)
    window.remove_selected()
    assert window.model.rowCount() == 0
    assert window.listing.listings.photos(window.listing.current_id) == []
    qtbot.waitUntil(window.compare.is_empty, timeout=5_000)  # refreshed once the rows settle


def test_keyboard_shortcuts(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions()}
    assert shortcuts["Add photos…"] == "Ctrl+O"
    assert shortcuts["Generate"] == "Ctrl+G"
    assert shortcuts["New variation"] == "Ctrl+Shift+V"
    assert shortcuts["Save as…"] == "Ctrl+S"
    assert shortcuts["Settings…"] == "Ctrl+,"
    assert shortcuts["Fit"] == "F"
    assert shortcuts["100 %"] == "1"
    # Ctrl+O really opens the file chooser, and what is chosen is added
    asked: list[bool] = []

    def choose() -> list[str]:
        asked.append(True)
        return [str(SKY_PHOTO)]

    window.prompt.ask_open_files = choose
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=60_000)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True]
    qtbot.waitUntil(lambda: entry_of(window, SKY_PHOTO) is not None, timeout=60_000)


def test_window_state_is_remembered_in_the_data_folder(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    window.set_mode(window.compare.view.mode().SIDE_BY_SIDE)
    close_window(window)
    window.ws.close()
    assert WindowState.flush()
    saved = json.loads((paths.data_dir() / "window.json").read_text())
    assert saved["geometry"] and saved["splitter"] and saved["mode"] == "side_by_side"
    again = window_factory(Settings())
    assert again.compare.view.mode().value == "side_by_side"
    assert again.compare.mode_buttons[again.compare.view.mode()].isChecked()


def test_welcome_on_first_start_without_credentials(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings(), first_run_welcome=True)
    qtbot.waitUntil(lambda: getattr(window, "welcome_dialog", None) is not None
                    and window.welcome_dialog.isVisible(), timeout=60_000)
    text = window.welcome_dialog.findChildren(type(window.library_count))
    words = " ".join(label.text() for label in text)
    assert "Developer Space" in words and "Local engine" in words
    window.welcome_dialog.reject()
    close_window(window)
    window.ws.close()
    # not again on the next start
    again = window_factory(Settings(), first_run_welcome=True)
    QApplication.processEvents()  # a welcome would be shown by a 0 ms timer: it has run now
    assert getattr(again, "welcome_dialog", None) is None


def test_no_welcome_when_a_key_is_set(qtbot: Any, window_factory: Any) -> None:
    from desktop_app.core import credentials

    credentials.set_api_key("sk-something")
    window = window_factory(Settings(user_id="u"), first_run_welcome=True)
    QApplication.processEvents()  # a welcome would be shown by a 0 ms timer: it has run now
    assert getattr(window, "welcome_dialog", None) is None



def test_rows_changed_in_one_turn_refresh_the_window_once(qtbot: Any,
                                                          window_factory: Any) -> None:
    """Each job a generate creates changes the library's rows; the window refreshes what it
    shows of the selection once they settle, not once per job (5 ms of the GUI thread each)."""
    window = window_factory(Settings())
    add_photo(qtbot, window, SKY_PHOTO)
    refreshes: list[int] = []
    refresh = window._on_selection_changed

    def counted() -> None:
        refreshes.append(1)
        refresh()

    window._on_selection_changed = counted  # a spy: the refresh itself is unchanged
    for _ in range(3):
        window.library_part.changed.emit()
    assert refreshes == []
    qtbot.waitUntil(lambda: refreshes == [1], timeout=5_000)
    qtbot.wait(50)
    assert refreshes == [1]


def test_a_new_hold_on_thumbnails_lasts_its_own_second(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    library = window.library_part
    library.hold_thumbnails()  # a photo is decoded for the screen...
    at_first_hold_end: list[bool] = []
    QTimer.singleShot(HOLD_MS, Qt.TimerType.PreciseTimer,
                      lambda: at_first_hold_end.append(library.thumbnails_held()))
    qtbot.wait(20)  # apart from the first hold's end by more than a timer's rounding
    library.release_thumbnails()  # ...and shown
    library.hold_thumbnails()  # the next one is decoded: its hold is not cut short by the first
    qtbot.waitUntil(lambda: bool(at_first_hold_end), timeout=10_000)
    assert at_first_hold_end == [True]
    qtbot.waitUntil(lambda: not library.thumbnails_held(), timeout=10_000)  # it ends on its own


def test_thumbnails_wait_while_the_photo_on_screen_is_decoded(qtbot: Any,
                                                              window_factory: Any) -> None:
    window = window_factory(Settings())
    library = window.library_part
    source = add_photo(qtbot, window, SKY_PHOTO).source
    qtbot.waitUntil(lambda: window.model.thumbnail(source) is not None, timeout=60_000)
    # another photo, not in memory yet, is decoded for the screen: the viewer says so
    with qtbot.waitSignal(window.preview.decoding, timeout=60_000):
        add_photo(qtbot, window, OTHER_PHOTO)
    qtbot.waitUntil(lambda: not library.thumbnails_held(), timeout=60_000)  # it is shown
    qtbot.waitUntil(lambda: library.thumb_tasks.pending() == 0, timeout=60_000)  # its row's
    # and the full-size photo after its preview: shown, it would end the hold staged below
    qtbot.waitUntil(lambda: window.preview.tasks.pending() == 0, timeout=60_000)

    window.model.forget_thumbnail(source)  # a row wants its thumbnail meanwhile
    window.preview.decoding.emit()
    assert window.model.thumbnail(source) is None
    QApplication.processEvents()  # the row's paint is over: the thumbnail is asked for...
    assert library.thumbnails_held() and library.thumb_tasks.pending() == 0  # ...and waits
    window.preview.previewShown.emit(str(OTHER_PHOTO))  # the photo is on screen: it loads
    assert not library.thumbnails_held()
    qtbot.waitUntil(lambda: window.model.thumbnail(source) is not None, timeout=60_000)
