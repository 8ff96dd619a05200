"""The seller's before/after sheet, read back as a PDF."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from desktop_app.core.errors import InputError
from desktop_app.core.listings import Listings
from desktop_app.core.models import Generation, Service, Status
from desktop_app.core.store import JobStore
from desktop_app.jobs.seller_sheet import paint_page, sheet_pages, write_sheet

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


def test_one_page_per_edited_photo_with_the_listing_name(
        qapp: object, listing: tuple[Listings, int], tmp_path: Path) -> None:
    listings, elm = listing
    pages = sheet_pages(listings.with_versions(elm))
    assert [p.name for p in pages] == ["bedroom-window-blinds-drapes-01.jpg",
                                       "dining-room-windows-dark-bracket-01.jpg",
                                       "kitchen-white-island-01.jpg",
                                       "living-room-cluttered-01.jpg"]
    seen: list[int] = []
    report = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", pages,
                         on_progress=lambda done, total: seen.append(done))
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
        qapp: object, listing: tuple[Listings, int], tmp_path: Path) -> None:
    listings, elm = listing
    pages = sheet_pages(listings.with_versions(elm))
    Path(pages[2].edited).write_bytes(b"broken")
    report = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", pages)
    assert report.pages == 3 and len(PdfReader(tmp_path / "sheet.pdf").pages) == 3
    [problem] = report.problems
    assert problem.text.startswith("kitchen-white-island-01.jpg: ")


def test_nothing_kept_or_stopped_writes_no_file(
        qapp: object, listing: tuple[Listings, int], tmp_path: Path) -> None:
    listings, elm = listing
    with pytest.raises(InputError, match="No photo of this listing has a kept version"):
        write_sheet(tmp_path / "sheet.pdf", "12 Elm Street", [])
    stop = threading.Event()
    stop.set()
    report = write_sheet(tmp_path / "sheet.pdf", "12 Elm Street",
                         sheet_pages(listings.with_versions(elm)), stop=stop)
    assert report.path is None and list(tmp_path.glob("sheet*")) == []


def test_the_page_draws_both_photos_side_by_side(qapp: object) -> None:
    page = QImage(1200, 800, QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    before = QImage(300, 200, QImage.Format.Format_RGB32)
    before.fill(QColor(255, 0, 0))
    after = QImage(300, 200, QImage.Format.Format_RGB32)
    after.fill(QColor(0, 0, 255))
    painter = QPainter(page)
    paint_page(painter, QRectF(0, 0, 1200, 800), "12 Elm Street", "kitchen.jpg", before, after)
    painter.end()
    middle = 400
    assert page.pixelColor(300, middle) == QColor(255, 0, 0)  # the original on the left
    assert page.pixelColor(900, middle) == QColor(0, 0, 255)  # the edited photo on the right
