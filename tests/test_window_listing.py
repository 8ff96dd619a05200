"""A listing driven through the window as an agent works it: a folder of 25 photos dropped (a
listing named after it), a photo added twice (one row), some generated on the cloud engine,
versions kept with the star and by keyboard, photos reordered, the listing exported with a
preset (files, names, sizes, byte caps) and the seller's PDF sheet read back."""

from __future__ import annotations

import multiprocessing
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from test_window_helpers import (
    PHOTOS,
    cloud_settings,
    entry_of,
    select,
    wait_status,
    window_factory,
)

from desktop_app.core.delivery import DeliveryOptions
from desktop_app.core.models import Generation, Service, Status
from desktop_app.ui.actions import ActionId
from desktop_app.ui.listing_controller import ExportChoice

__all__ = ["window_factory"]

ROOMS = sorted(PHOTOS.glob("*.jpg"))


@pytest.fixture
def shoot(tmp_path: Path) -> Path:
    """25 different photos of one property, 2400 px wide like a camera's smaller JPEGs."""
    folder = tmp_path / "12 Elm Street"
    folder.mkdir()
    rng = np.random.default_rng(7)
    for n in range(25):
        with Image.open(ROOMS[n % len(ROOMS)]) as im:
            big = im.convert("RGB").resize((2400, round(2400 * im.height / im.width)))
        pixels = np.asarray(big, dtype=np.int16) + rng.integers(-2, 3, (1, 1, 3))
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(
            folder / f"room-{n + 1:02d}.jpg", quality=88)
    return folder


def drop(window: Any, *paths: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    window.dropEvent(QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, data,
                                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))


def names(window: Any) -> list[str]:
    return [e.name for e in window.model.entries()]


def test_a_25_photo_listing_from_folder_to_delivery(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any, shoot: Path,
        tmp_path: Path) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    first_listing = window.listing.current_id

    # a folder dropped: a listing named after it, one row per photo, all selected
    drop(window, shoot)
    qtbot.waitUntil(lambda: window.model.rowCount() == 25, timeout=60_000)
    assert window.listing.current().name == "12 Elm Street" != window.listing.all()[0].name
    assert window.listing_bar.current_name() == "12 Elm Street"
    assert names(window) == [f"room-{n:02d}.jpg" for n in range(1, 26)]
    assert window.library_count.text() == "25 photos"

    # the same photo again, under another name: no new row, its row is selected
    again = tmp_path / "IMG_0007.jpg"
    shutil.copy(shoot / "room-07.jpg", again)
    window.add_photos([str(again)])
    qtbot.waitUntil(lambda: window.current_entry() is not None and
                    window.current_entry().name == "room-07.jpg" and
                    len(window.library.selected_entries()) == 1, timeout=60_000)
    assert window.model.rowCount() == 25

    # generate three photos on the cloud engine
    window.library.clearSelection()
    for name in ("room-01.jpg", "room-02.jpg", "room-03.jpg"):
        row = window.model.row_of(entry_of(window, shoot / name).key)
        window.library.selectionModel().select(
            window.model.index(row), window.library.selectionModel().SelectionFlag.Select)
    window.panel.set_service(Service.SKY)
    window.generate()
    for name in ("room-01.jpg", "room-02.jpg", "room-03.jpg"):
        wait_status(qtbot, window, shoot / name, Status.DONE, timeout=120_000)
    assert window.model.rowCount() == 25, "a version is inside its photo's row"
    assert entry_of(window, shoot / "room-01.jpg").summary == "Sky ✓"

    # keep by keyboard on photo 1: P keeps the result on the right, P again keeps none
    select(window, shoot / "room-01.jpg")
    qtbot.waitUntil(window.compare.view.has_after, timeout=60_000)
    qtbot.waitUntil(lambda: len(window.strip.keys()) == 2, timeout=60_000)
    assert window.action(ActionId.KEEP).isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=60_000)
    qtbot.keyClick(window.library, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: entry_of(window, shoot / "room-01.jpg").kept is not None,
                    timeout=60_000)
    assert "★ Kept" in window.strip.texts()[1]
    qtbot.keyClick(window.library, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: entry_of(window, shoot / "room-01.jpg").kept is None, timeout=60_000)
    qtbot.keyClick(window.library, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: entry_of(window, shoot / "room-01.jpg").kept is not None,
                    timeout=60_000)

    # keep with the star on photo 2: a double click on its version in the strip
    select(window, shoot / "room-02.jpg")
    qtbot.waitUntil(lambda: len(window.strip.keys()) == 2, timeout=60_000)
    spot = window.strip.visualItemRect(window.strip.item(1)).center()
    qtbot.mouseClick(window.strip.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(window.strip.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: entry_of(window, shoot / "room-02.jpg").kept is not None,
                    timeout=60_000)

    # reorder: photo 25 to the top by dragging, photo 2 one place down by keyboard
    last = window.model.index(24)
    window.model.dropMimeData(window.model.mimeData([last]), Qt.DropAction.MoveAction, 0, 0,
                              window.model.index(-1))
    assert names(window)[:3] == ["room-25.jpg", "room-01.jpg", "room-02.jpg"]
    select(window, shoot / "room-02.jpg")
    qtbot.keyClick(window.library, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    order = ["room-25.jpg", "room-01.jpg", "room-03.jpg", "room-02.jpg"] + \
        [f"room-{n:02d}.jpg" for n in range(4, 25)]
    assert names(window) == order
    stored = window.listing.listings.photos(window.listing.current_id)
    assert [Path(p.source).name for p in stored] == order, "the listing keeps the order"

    # switching listings and back shows the same 25 rows
    window.listing.switch(first_listing)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=60_000)
    window.listing_bar.listingChosen.emit(window.listing.all()[-1].id)
    qtbot.waitUntil(lambda: window.model.rowCount() == 25, timeout=60_000)
    assert names(window) == order

    # export with a preset: the label, originals beside, a 300 kB cap, the sheet
    out = tmp_path / "delivery"
    options = DeliveryOptions.from_preset("site-2048", label=True, originals=True, max_mb=0.3)
    window.prompt.listing_export = ExportChoice(str(out), options, sheet=True)
    helpers: list[int] = []  # processes decoding the photos, away from the window's one
    jobs = window.ws.engines.local_workers()  # the jobs' own, where the photos were prepared
    window.listing.exportProgress.connect(lambda *_: helpers.append(len(
        [p for p in multiprocessing.active_children() if p.pid not in jobs.pids()])))
    sheet_pages: list[tuple[int, int]] = []
    window.listing.sheetProgress.connect(lambda *page: sheet_pages.append(page))
    with qtbot.waitSignal(window.listingExported, timeout=120_000) as done:
        window.export_listing()
    assert helpers and min(helpers) == 1, "the photos are decoded in another process"
    assert "export-listing:12 Elm Street:25:2" in window.prompt.asked
    result = done.args[0]
    assert result.report.problems == [] and result.sheet_problems == []
    expected = []
    for n, name in enumerate(order, start=1):
        stem = f"{n:02d}-{Path(name).stem}"
        expected.append(f"{stem}.jpg")
        if name in ("room-01.jpg", "room-02.jpg"):
            expected.append(f"{stem}-original.jpg")
    assert [p.name for p in result.report.written] == expected
    for path in result.report.written:
        assert path.stat().st_size <= 300_000
        with Image.open(path) as im:
            assert im.format == "JPEG" and max(im.size) == 2048
    assert result.sheet is not None and result.sheet.parent == out
    reader = PdfReader(result.sheet)
    assert len(reader.pages) == 2, "one page per edited photo beside its original"
    assert sheet_pages == [(1, 2), (2, 2)], "each page is counted as it is drawn"
    for page in reader.pages:
        assert len(page.images) == 2
        assert "12 Elm Street" in " ".join(page.extract_text().split())
    assert window.banner.isVisible() and "27 files exported to" in window.banner.text()


def test_listings_are_made_renamed_and_archived_from_the_menu(
        qtbot: Any, window_factory: Any) -> None:
    window = window_factory()
    mine = window.listing.current()
    window.prompt.text = "4 Oak Lane"
    window.action(ActionId.NEW_LISTING).trigger()
    assert window.listing.current().name == "4 Oak Lane" and window.model.rowCount() == 0
    assert window.listing_bar.current_name() == "4 Oak Lane"
    window.prompt.text = "4 Oak Ln"
    window.action(ActionId.RENAME_LISTING).trigger()
    assert window.listing_bar.current_name() == "4 Oak Ln"
    window.prompt.text = mine.name  # a name in use: a sentence, nothing renamed
    window.action(ActionId.RENAME_LISTING).trigger()
    assert window.banner.isVisible() and "already exists" in window.banner.text()
    assert window.listing.current().name == "4 Oak Ln"
    window.prompt.confirm_answer = False
    window.action(ActionId.ARCHIVE_LISTING).trigger()
    assert window.listing.current().name == "4 Oak Ln", "refused: still there"
    window.prompt.confirm_answer = True
    window.action(ActionId.ARCHIVE_LISTING).trigger()
    assert window.listing.current().id == mine.id
    items = [window.listing_bar.combo.itemText(i) for i in range(window.listing_bar.combo.count())]
    assert items == [mine.name]


@contextmanager
def files_limited(limit: int) -> Iterator[None]:
    """A full disk for this process and the processes it starts meanwhile: a write past
    ``limit`` bytes fails (EFBIG, as a full disk fails with ENOSPC)."""
    resource = pytest.importorskip("resource")  # POSIX only
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


@pytest.mark.parametrize("fault", ["disk full", "name taken"])
def test_a_sheet_that_cannot_be_saved_still_says_the_photos_were_exported(
        qtbot: Any, window_factory: Any, tmp_path: Path, fault: str) -> None:
    """The photos are written, then the sheet's file cannot be: the banner says both in one
    sentence, so the agent knows the photos are there; no piece of a sheet is left."""
    window = window_factory()
    listings, store = window.listing.listings, window.ws.store
    for n, room in enumerate(ROOMS[:2]):
        photo, _ = listings.add_photo(window.listing.current_id, str(room))
        gen = store.add(Generation(service=Service.SKY, source=photo.source))
        listings.file_job(photo.id, gen)
        result = tmp_path / f"result-{n}.jpg"
        with Image.open(room) as im:
            im.convert("L").convert("RGB").save(result)
        store.update(gen.id, status=Status.DONE, result_files=[str(result)])
        listings.keep(photo.id, gen.id)
    window.listing.changed.emit()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=60_000)
    out = tmp_path / "delivery"
    left = [".skyclear-delivery.json"]
    if fault == "name taken":
        (out / "my-photos-before-after.pdf").mkdir(parents=True)
        left.append("my-photos-before-after.pdf")
        why = "a folder there has the sheet's name"
    else:  # room for the photos (about 25 kB each at 400 px), not for the sheet (about 700 kB)
        why = "the file was cut short: the disk may be full"
    window.prompt.listing_export = ExportChoice(str(out), DeliveryOptions(long_side=400),
                                                sheet=True)
    full = files_limited(200_000) if fault == "disk full" else nullcontext()
    with full, qtbot.waitSignal(window.listingExported, timeout=120_000) as done:
        window.export_listing()
    result = done.args[0]
    assert result.sheet is None and [p.name for p in result.report.written] == \
        ["01-" + ROOMS[0].stem + ".jpg", "02-" + ROOMS[1].stem + ".jpg"]
    for path in result.report.written:
        with Image.open(path) as im:
            im.load()  # whole
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*left, *(p.name for p in result.report.written)]), "no piece of a sheet"
    assert window.banner.isVisible() and window.banner.kind() == "error"
    assert window.banner.text() == (
        f"2 photos exported to {out}. The before/after sheet could not be saved there ({why}); "
        "the photos are complete, export again to make the sheet.")
