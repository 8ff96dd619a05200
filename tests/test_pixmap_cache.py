"""The version strip's thumbnails stay within their bound, the least recently used going first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtGui import QColor, QPixmap
from test_window_helpers import SKY_PHOTO

from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.pixmap_cache import PixmapCache, pixmap_bytes
from desktop_app.ui.version_strip import VersionStrip


def pixmap(side: int) -> QPixmap:
    result = QPixmap(side, side)
    result.fill(QColor("#336699"))
    return result


def test_the_cache_keeps_the_most_recently_used_within_count_and_bytes(qtbot: Any) -> None:
    one = pixmap_bytes(pixmap(100))
    cache = PixmapCache(max_items=3, max_bytes=10 * one)
    for key in "abc":
        cache.put(key, pixmap(100))
    assert cache.get("a") is not None  # a used again: b is now the oldest
    cache.put("d", pixmap(100))
    assert "b" not in cache and all(k in cache for k in "acd") and len(cache) == 3
    assert cache.bytes == 3 * one

    by_bytes = PixmapCache(max_items=100, max_bytes=int(2.5 * one))
    for key in "abcde":
        by_bytes.put(key, pixmap(100))
        assert by_bytes.bytes <= 2.5 * one
    assert [k for k in "abcde" if k in by_bytes] == ["d", "e"]
    by_bytes.put("e", pixmap(100))  # put again: counted once
    assert by_bytes.bytes == 2 * one
    by_bytes.put("huge", pixmap(400))  # over the bound alone: kept (it is on screen), alone
    assert len(by_bytes) == 1 and by_bytes.get("huge") is not None


def test_the_strip_holds_no_more_thumbnails_than_its_bound(qtbot: Any, tmp_path: Path) -> None:
    results = []
    for n in range(8):
        path = tmp_path / f"result-{n}.jpg"
        Image.new("RGB", (300, 200), (20 * n, 100, 200)).save(path)
        results.append(str(path))
    gens = [Generation(Service.SKY, str(SKY_PHOTO), engine=EngineName.LOCAL, id=n + 1,
                       root_id=1, parent_id=None if n == 0 else 1, status=Status.DONE,
                       result_files=[path]) for n, path in enumerate(results)]
    strip = VersionStrip(cache=PixmapCache(max_items=4))
    qtbot.addWidget(strip)
    loaded: list[str] = []
    original = strip._thumb_ready

    def counted(path: str, thumb: Any) -> None:
        loaded.append(path)
        original(path, thumb)

    strip._thumb_ready = counted  # type: ignore[method-assign]
    try:
        strip.show_entry(LibraryEntry(str(SKY_PHOTO), family=gens, photo_id=1))
        qtbot.waitUntil(lambda: len(loaded) == 9, timeout=60_000)  # the original and 8
        assert len(strip.thumbs) == 4, "the four most recent thumbnails, no more"
        assert all(path in strip.thumbs for path in results[-4:])
    finally:
        strip.close_tasks()
