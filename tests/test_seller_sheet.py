"""The seller's before/after sheet, read back as a PDF: drawn here (the command line) or in the
window's render process, which gets its words translated and stops between pages."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from desktop_app.core.errors import InputError
from desktop_app.core.listings import Listings
from desktop_app.core.messages import Msg
from desktop_app.core.models import Generation, Service, Status
from desktop_app.core.store import JobStore
from desktop_app.core.workers import Run, Workers, here
from desktop_app.jobs.seller_sheet import (
    SheetNotSaved,
    SheetPage,
    paint_page,
    pdf_is_whole,
    sheet_pages,
    sheet_words,
    write_sheet,
)
from desktop_app.ui.i18n import install_translators

DATA = Path(__file__).parent / "data"


@pytest.fixture
def listing(tmp_path: Path) -> tuple[Listings, int]:
    store = JobStore(tmp_path / "jobs.sqlite3")
    listings = Listings(store)
    elm = listings.create("12 Elm Street")
    for n, src in enumerate(sorted(DATA.glob("*.jpg"))):
        photo, _ = listings.add_photo(elm.id, shutil.copy(src, tmp_path / src.name))
        if n == 1:
            continue  # tried nothing: not on the sheet
        gen = store.add(Generation(service=Service.SKY, source=photo.source))
        listings.file_job(photo.id, gen)
        result = tmp_path / f"result-{n}.jpg"
        with Image.open(src) as im:
            Image.fromarray(255 - np.asarray(im.convert("RGB"))).save(result)
        assert gen.id is not None
        store.update(gen.id, status=Status.DONE, result_files=[str(result)])
        listings.keep(photo.id, gen.id)
    yield listings, elm.id
    store.close()


def export_workers() -> Workers:
    """The worker process the window's export draws the sheet in."""
    return Workers(1, stopped=Msg.DELIVERY_STOPPED, closed=Msg.DELIVERY_STOPPED)


@pytest.fixture(params=["here", "render process"])
def renderer(request: pytest.FixtureRequest) -> Iterator[Run]:
    """Where the pages are drawn: in this process (the command line) or in the window's."""
    if request.param == "here":
        yield here
        return
    workers = export_workers()
    yield workers.run
    workers.close(wait=True)


@pytest.fixture
def processes() -> Iterator[Run]:
    workers = export_workers()
    yield workers.run
    workers.close(wait=True)


def no_sheet_file(folder: Path) -> bool:
    """Neither the sheet nor its temporary file (``.sheet.pdf.<random>.part``)."""
    return not [p for p in folder.iterdir() if "sheet" in p.name]


def test_one_page_per_edited_photo_with_the_listing_name(
        qapp: object, listing: tuple[Listings, int], tmp_path: Path,
        renderer: Run) -> None:
    listings, elm = listing
    pages = sheet_pages(listings.with_versions(elm))
    assert [p.name for p in pages] == ["bedroom-window-blinds-drapes-01.jpg",
                                       "dining-room-windows-dark-bracket-01.jpg",
                                       "kitchen-white-island-01.jpg",
                                       "living-room-cluttered-01.jpg"]
    seen: list[int] = []
    report = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", pages,
                         on_progress=lambda done, total: seen.append(done), run=renderer)
    assert report.pages == 4 and report.problems == [] and seen == [1, 2, 3, 4]
    reader = PdfReader(tmp_path / "sheet.pdf")
    assert len(reader.pages) == 4
    assert reader.metadata is not None and "12 Elm Street" in (reader.metadata.title or "")
    for page, expected in zip(reader.pages, pages, strict=True):
        text = " ".join(page.extract_text().split())  # pypdf reads spaces as tabs
        assert "12 Elm Street" in text and expected.name in text
        assert "Before" in text and "After" in text
        assert len(page.images) == 2  # the original beside the edited photo
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height  # landscape
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]


def test_a_damaged_photo_is_left_out_and_said(
        qapp: object, listing: tuple[Listings, int], tmp_path: Path,
        renderer: Run) -> None:
    listings, elm = listing
    pages = sheet_pages(listings.with_versions(elm))
    Path(pages[2].edited).write_bytes(b"broken")
    seen: list[int] = []
    report = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", pages, run=renderer,
                         on_progress=lambda done, total: seen.append(done))
    assert report.pages == 3 and len(PdfReader(tmp_path / "sheet.pdf").pages) == 3
    assert seen == [1, 2, 3, 4], "the page left out counts as done"
    [problem] = report.problems
    assert problem.text.startswith("kitchen-white-island-01.jpg: ")
    texts = [page.extract_text() for page in PdfReader(tmp_path / "sheet.pdf").pages]
    assert not any("kitchen" in text for text in texts)


def test_the_render_process_writes_in_the_callers_language(
        qapp: Any, listing: tuple[Listings, int], tmp_path: Path, processes: Run) -> None:
    """That process loads no translation: the words travel from here."""
    listings, elm = listing
    installed = install_translators(qapp, "fr")
    try:
        report = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street",
                             sheet_pages(listings.with_versions(elm))[:1], run=processes)
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert report.path is not None
    reader = PdfReader(report.path)
    assert reader.metadata is not None and reader.metadata.title == \
        "12 Elm Street — avant et après"
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Avant" in text and "Après" in text and "retouchée virtuellement" in text
    assert "Before" not in text and "edited virtually" not in text


def open_files(pid: int | str) -> set[str]:
    fds = Path(f"/proc/{pid}/fd")
    found = set()
    for fd in fds.iterdir():
        try:
            found.add(os.readlink(fd))
        except OSError:
            continue  # closed meanwhile
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc")
def test_the_render_process_holds_the_file_this_one_does_not(
        qapp: object, listing: tuple[Listings, int], tmp_path: Path, processes: Run) -> None:
    """Drawn and compressed there, the pages never hold this process's interpreter lock."""
    listings, elm = listing
    held: list[tuple[bool, bool]] = []

    def look(done: int, total: int) -> None:
        [child] = multiprocessing.active_children()
        here = any(".part" in f for f in open_files("self"))
        there = any(".part" in f and "sheet.pdf" in f for f in open_files(child.pid))
        held.append((here, there))

    report = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street",
                         sheet_pages(listings.with_versions(elm)), on_progress=look,
                         run=processes)
    assert report.pages == 4
    assert held == [(False, True)] * 4


def test_a_stop_takes_effect_between_pages_and_leaves_no_file(
        qapp: object, listing: tuple[Listings, int], tmp_path: Path, processes: Run) -> None:
    listings, elm = listing
    pages = sheet_pages(listings.with_versions(elm))
    stop = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 2:
            stop.set()

    report = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", pages, on_progress=progress,
                         stop=stop, run=processes)
    assert report.stopped and report.path is None and seen == [1, 2]
    assert no_sheet_file(tmp_path)
    # the process let go of the stopped sheet: the next one is written whole
    again = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", pages, run=processes)
    assert again.pages == 4 and len(PdfReader(tmp_path / "sheet.pdf").pages) == 4


def test_a_render_process_killed_mid_sheet_is_a_sentence_and_leaves_no_file(
        qapp: object, listing: tuple[Listings, int], tmp_path: Path, processes: Run) -> None:
    listings, elm = listing
    pages = sheet_pages(listings.with_versions(elm))

    def kill(done: int, total: int) -> None:
        if done == 2:
            [child] = multiprocessing.active_children()
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]

    with pytest.raises(SheetNotSaved) as lost:
        write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", pages, on_progress=kill,
                    run=processes)
    assert lost.value.reason == Msg.SHEET_WHY_DRAWING_STOPPED()
    assert str(lost.value) == (f"The sheet could not be saved in {tmp_path} (drawing it stopped "
                               "unexpectedly, perhaps for lack of memory).")
    assert no_sheet_file(tmp_path)
    # the next sheet starts a new process
    again = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", pages, run=processes)
    assert again.pages == 4 and len(PdfReader(tmp_path / "sheet.pdf").pages) == 4


def test_nothing_kept_or_stopped_writes_no_file(
        qapp: object, listing: tuple[Listings, int], tmp_path: Path) -> None:
    listings, elm = listing
    with pytest.raises(InputError, match="No photo of this listing has a kept version"):
        write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", [])
    stop = threading.Event()
    stop.set()
    report = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street",
                         sheet_pages(listings.with_versions(elm)), stop=stop)
    assert report.path is None and report.stopped and no_sheet_file(tmp_path)
    missing = SheetPage("gone.jpg", str(tmp_path / "gone.jpg"), str(tmp_path / "gone-2.jpg"))
    report = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", [missing])
    assert report.path is None and not report.stopped and len(report.problems) == 1
    assert no_sheet_file(tmp_path)


def test_a_sheet_is_whole_only_as_written(qapp: object, tmp_path: Path) -> None:
    """What tells a sheet written whole from one a failed write (a full disk) left behind."""
    photo = str(DATA / "kitchen-white-island-01.jpg")
    sheet = tmp_path / "sheet.pdf"
    write_sheet(sheet, "12 Elm Street", [SheetPage("kitchen.jpg", photo, photo)])
    data = sheet.read_bytes()
    assert pdf_is_whole(sheet)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    assert not pdf_is_whole(cut), "ends short"
    cut.write_bytes(data[:1000] + data[5000:])
    assert not pdf_is_whole(cut), "a piece missing: the table is not where the end says"
    cut.write_bytes(b"")
    assert not pdf_is_whole(cut) and not pdf_is_whole(tmp_path / "none.pdf")


def test_the_page_draws_both_photos_side_by_side(qapp: object) -> None:
    page = QImage(1200, 800, QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    before = QImage(300, 200, QImage.Format.Format_RGB32)
    before.fill(QColor(255, 0, 0))
    after = QImage(300, 200, QImage.Format.Format_RGB32)
    after.fill(QColor(0, 0, 255))
    painter = QPainter(page)
    paint_page(painter, QRectF(0, 0, 1200, 800), sheet_words("12 Elm Street"), "kitchen.jpg",
               before, after)
    painter.end()
    middle = 400
    assert page.pixelColor(300, middle) == QColor(255, 0, 0)  # the original on the left
    assert page.pixelColor(900, middle) == QColor(0, 0, 255)  # the edited photo on the right
