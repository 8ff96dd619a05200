"""The version strip is rebuilt only when what it shows changes, not at every job update."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import Qt
from test_window_helpers import SKY_PHOTO

from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.version_strip import VersionStrip

MARK = Qt.ItemDataRole.UserRole + 99  # set on the items here: a rebuilt strip has new ones


def _marked(strip: VersionStrip) -> list[Any]:
    return [strip.item(row).data(MARK) for row in range(strip.count())]


def test_an_update_that_changes_nothing_shown_leaves_the_items_alone(
        qtbot: Any, tmp_path: Path) -> None:
    result = tmp_path / "result.jpg"
    Image.new("RGB", (60, 40), (40, 90, 200)).save(result)
    running = Generation(Service.SKY, str(SKY_PHOTO), engine=EngineName.LOCAL, id=1, root_id=1,
                         status=Status.PROCESSING)
    strip = VersionStrip()
    qtbot.addWidget(strip)
    strip.show()
    try:
        strip.show_entry(LibraryEntry(str(SKY_PHOTO), family=[running], photo_id=1), None)
        assert strip.count() == 2
        for row in range(strip.count()):
            strip.item(row).setData(MARK, row)
        # the poll thread's next update of the same job: a new entry, the same versions
        again = replace(running, error=None)
        strip.show_entry(LibraryEntry(str(SKY_PHOTO), family=[again], photo_id=1), None)
        assert _marked(strip) == [0, 1], "not rebuilt"
        # the job is done: its item says so, with its result
        done = replace(running, status=Status.DONE, result_files=[str(result)])
        strip.show_entry(LibraryEntry(str(SKY_PHOTO), family=[done], photo_id=1), "1:0")
        assert _marked(strip) == [None, None], "rebuilt"
        assert strip.keys() == ["original", "1:0"] and strip.current_key() == "1:0"
        for row in range(strip.count()):
            strip.item(row).setData(MARK, row)
        # the same versions with another one shown on the right: selected, so rebuilt
        strip.show_entry(LibraryEntry(str(SKY_PHOTO), family=[done], photo_id=1), "original")
        assert strip.current_key() == "original"
        # nothing selected: the strip empties but stays, so that the viewer keeps its size
        strip.show_entry(None)
        assert strip.count() == 0 and strip.isVisible()
    finally:
        strip.close_tasks()


def test_a_running_version_says_what_the_library_badge_says(qtbot: Any) -> None:
    """Under a version still on its way, the word of the photo's badge in the library: a local
    job being saved is "Saving", not "downloading"."""
    strip = VersionStrip()
    qtbot.addWidget(strip)
    try:
        for engine, status, word in [(EngineName.LOCAL, Status.STARTING, "Queued"),
                                     (EngineName.LOCAL, Status.SUCCEEDED, "Saving"),
                                     (EngineName.CLOUD, Status.STARTING, "Queued"),
                                     (EngineName.CLOUD, Status.SUCCEEDED, "Downloading")]:
            gen = Generation(Service.SKY, str(SKY_PHOTO), engine=engine, id=1, root_id=1,
                             status=status)
            entry = LibraryEntry(str(SKY_PHOTO), family=[gen], photo_id=1)
            strip.show_entry(entry, None)
            assert strip.texts()[1].split("\n")[1] == word == entry.badge[0]
    finally:
        strip.close_tasks()
