"""The before/after sheet for the seller: a PDF with the listing's name and, one page each, every
edited photo beside its original.

Drawn with Qt's ``QPdfWriter`` (QtGui, no widgets) once a QGuiApplication exists (``ensure_app``).
The window has it drawn in its export's worker process (``core/workers.py``): Qt holds Python's
interpreter lock while it draws and compresses a photo into the PDF, which a window's thread
feels as stalls. That process opens the file, draws one page per call and closes it, so a stop
takes effect between pages; the words come translated from the caller (``SheetWords``), since
that process loads no translation. The photos are decoded at a size that prints well on A4,
which keeps a 40-page sheet a few megabytes. The file appears whole or not at all; one that
cannot be saved says why as a code (``SheetNotSaved.reason``, a ``SHEET_WHY_…`` message), which
the window words in its language.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from desktop_app.core import atomic, delivery, imaging
from desktop_app.core.errors import DiskFullError, InputError, SkyClearError
from desktop_app.core.listings import PhotoVersions
from desktop_app.core.messages import Message, Msg
from desktop_app.core.workers import Run, WorkerStopped, here

# Long side the photos are decoded to: sharp at 150 dpi over half an A4 page.
IMAGE_SIDE = 1400
RESOLUTION = 150  # dots per inch of the page's coordinates


@dataclass(frozen=True)
class SheetPage:
    name: str  # the photo's name
    original: str
    edited: str


@dataclass(frozen=True)
class SheetWords:
    """What the sheet says besides the photos' names, in the caller's language."""

    listing: str  # the listing's name, heading every page
    title: str  # the PDF's title
    before: str
    after: str
    footer: str


@dataclass
class SheetReport:
    path: Path | None
    pages: int
    problems: list[Message]  # one sentence per photo left out
    stopped: bool = False  # ``stop`` was set before the last page: no file


def sheet_pages(entries: Sequence[PhotoVersions]) -> list[SheetPage]:
    """One page for each photo of a listing that has a kept version, in the listing's order."""
    return [SheetPage(e.photo.name, e.photo.source, e.kept_file)
            for e in entries if e.kept_file is not None]


def sheet_path(folder: str | Path, listing_name: str) -> Path:
    """Where a delivery's sheet goes: ``<listing>-before-after.pdf`` beside the photos."""
    return Path(folder).expanduser() / f"{delivery.slug(listing_name)}-before-after.pdf"


def sheet_words(listing_name: str) -> SheetWords:
    """The sheet's words, translated by this process's translators."""
    return SheetWords(
        listing=listing_name,
        title=QCoreApplication.translate("SellerSheet", "%1 — before and after").replace(
            "%1", listing_name),
        before=QCoreApplication.translate("SellerSheet", "Before"),
        after=QCoreApplication.translate("SellerSheet", "After"),
        footer=QCoreApplication.translate("SellerSheet",
                                          "The “After” photo was edited virtually."))


_headless: list[QGuiApplication] = []


def ensure_app() -> None:
    """The sheet's text needs a QGuiApplication: from the command line or in a render process,
    an offscreen one (no window, no display needed)."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _headless.append(QGuiApplication(["desktop-app"]))


def write_sheet(dest: str | Path, listing_name: str, pages: Sequence[SheetPage], *,
                on_progress: Callable[[int, int], None] | None = None,
                stop: threading.Event | None = None, run: Run = here) -> SheetReport:
    """Write the sheet to ``dest``; a photo that cannot be read is left out and reported. No file
    is written when no page could be drawn, or when ``stop`` is set (checked before each page).
    ``run``: where the pages are drawn, one process from the first page to the last (a
    ``Workers(1).run``, or this thread); a worker that dies loses the sheet (``SheetNotSaved``).
    ``on_progress(done, total)`` after each page, drawn or left out."""
    if not pages:
        raise InputError(Msg.SHEET_NOTHING_KEPT())
    target = Path(dest).expanduser()
    words = sheet_words(listing_name)
    problems: list[Message] = []
    drawn = 0
    try:
        with atomic.atomic_path(target) as part:
            run(open_pdf, str(part), words)
            try:
                for n, page in enumerate(pages):
                    if stop is not None and stop.is_set():
                        raise _Unfinished(stopped=True)
                    try:
                        run(draw_page, str(part), page)
                        drawn += 1
                    except WorkerStopped:
                        raise
                    except SkyClearError as err:
                        problems.append(Msg.PROBLEM_WITH_FILE(page.name, err.message))
                    if on_progress is not None:
                        on_progress(n + 1, len(pages))
            except WorkerStopped:
                raise  # the file was open in the process that died: nothing to close
            except BaseException:
                run(close_pdf, str(part))  # before the file is removed
                raise
            whole = run(close_pdf, str(part))  # before the file is renamed
            if not drawn:
                raise _Unfinished(stopped=False)
            if not whole:  # a full disk, say: Qt's writer does not tell, its file ends short
                raise SheetNotSaved(Msg.SHEET_SAVE_FAILED(str(target.parent),
                                                          Msg.SHEET_WHY_CUT_SHORT()))
    except _Unfinished as end:
        return SheetReport(None, 0, problems, stopped=end.stopped)
    except WorkerStopped:
        raise SheetNotSaved(Msg.SHEET_SAVE_FAILED(str(target.parent),
                                                  Msg.SHEET_WHY_DRAWING_STOPPED())) from None
    except DiskFullError:  # the temporary file could not take its name for lack of room
        raise SheetNotSaved(Msg.SHEET_SAVE_FAILED(str(target.parent),
                                                  Msg.SHEET_WHY_NO_ROOM())) from None
    except OSError as err:
        raise SheetNotSaved(Msg.SHEET_SAVE_FAILED(str(target.parent), _why(err))) from None
    return SheetReport(target, drawn, problems)


def _why(err: OSError) -> Message:
    """Why the sheet's file could not be written, as the window words it; the system's own
    words when it is none of the usual reasons."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return Msg.SHEET_WHY_NO_ROOM()
    if err.errno in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST):
        return Msg.SHEET_WHY_FOLDER_NAMED()
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return Msg.SHEET_WHY_NOT_ALLOWED()
    return Msg.OTHER(str(err.strerror or err))


class SheetNotSaved(InputError):
    """The sheet's file could not be written (a full disk, say): nothing of it is left."""

    @property
    def reason(self) -> Message:
        """Why, as the message gives it (a ``SHEET_WHY_…`` code, or the system's words)."""
        why = self.message.args[1]
        assert isinstance(why, Message)  # every raise gives one
        return why


class _Unfinished(Exception):
    """Stopped, or no page could be drawn: the temporary file is removed."""

    def __init__(self, *, stopped: bool) -> None:
        super().__init__()
        self.stopped = stopped


# -- the process that draws ----------------------------------------------------------------
class _Pdf:
    """A sheet being written, a page at a time, by the process that draws it."""

    def __init__(self, part: str, words: SheetWords) -> None:
        ensure_app()
        self.words = words
        self.pages = 0
        self.part = part
        self.writer = QPdfWriter(part)
        self.writer.setResolution(RESOLUTION)
        self.writer.setTitle(words.title)
        self.writer.setCreator("SkyClear")
        self.writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                              QPageLayout.Orientation.Landscape,
                                              QMarginsF(12, 12, 12, 12)))
        self.painter = QPainter()
        if not self.painter.begin(self.writer):
            raise OSError("cannot write the PDF")

    def draw(self, page: SheetPage) -> None:
        before, after = page_image(page.original), page_image(page.edited)
        if self.pages:
            self.writer.newPage()
        rect = QRectF(self.writer.pageLayout().paintRectPixels(RESOLUTION))
        paint_page(self.painter, QRectF(0, 0, rect.width(), rect.height()), self.words,
                   page.name, before, after)
        self.pages += 1

    def close(self) -> bool:
        """Write the PDF's end and close the file; False when the file is not whole."""
        ended = self.painter.end()
        del self.writer
        return ended and pdf_is_whole(self.part)


# The sheets open in this process, by the temporary file they are written to.
_open: dict[str, _Pdf] = {}


def open_pdf(part: str, words: SheetWords) -> None:
    _open[part] = _Pdf(part, words)


def draw_page(part: str, page: SheetPage) -> None:
    """One more page; a photo that cannot be read raises and leaves the file as it was."""
    _open[part].draw(page)


def close_pdf(part: str) -> bool:
    """Finish the file; False when it is not whole (or was never opened)."""
    pdf = _open.pop(part, None)
    return pdf is not None and pdf.close()


def pdf_is_whole(path: str | Path) -> bool:
    """Whether a PDF file ends as written: its last line ``%%EOF``, and its ``startxref``
    pointing at its cross-reference table. A write that failed (a full disk) leaves a file that
    ends short or, when room came back, one with a piece missing, and either fails this. Qt's
    PDF writer reports neither: ``QPainter.end()`` still returns True."""
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - 64))
            tail = fh.read().rstrip()
            if not tail.endswith(b"%%EOF"):
                return False
            offset = int(tail.rsplit(b"startxref", 1)[1].split()[0])
            fh.seek(offset)
            return 0 < offset < size and fh.read(4) == b"xref"
    except (OSError, ValueError, IndexError):
        return False


def page_image(path: str) -> QImage:
    """A photo decoded for a page of the sheet (upright sRGB, IMAGE_SIDE long side)."""
    image = imaging.load_image(Path(path), IMAGE_SIDE)
    data = image.tobytes()
    return QImage(data, image.width, image.height, 3 * image.width,
                  QImage.Format.Format_RGB888).copy()


def paint_page(painter: QPainter, rect: QRectF, words: SheetWords, photo_name: str,
               before: QImage, after: QImage) -> None:
    """One page: the listing's name, the photo's name, the original beside the edited photo with
    their captions, and a line saying the edit is virtual. ``rect`` is in the painter's units
    (any device: the PDF, or an image for a preview)."""
    unit = rect.height() / 100  # layout in hundredths of the page height
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink, grey = QColor(17, 24, 39), QColor(100, 110, 125)

    def font(size: float, bold: bool = False) -> QFont:
        f = QFont()
        f.setPixelSize(max(1, round(size * unit)))
        f.setBold(bold)
        return f

    painter.setPen(ink)
    painter.setFont(font(4.2, bold=True))
    title = QRectF(rect.left(), rect.top(), rect.width(), 6 * unit)
    painter.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     words.listing)
    painter.setPen(grey)
    painter.setFont(font(2.6))
    subtitle = QRectF(rect.left(), title.bottom() + unit, rect.width(), 4 * unit)
    painter.drawText(subtitle, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     photo_name)

    gap = 3 * unit
    top = subtitle.bottom() + 4 * unit
    caption_h = 5 * unit
    footer_h = 5 * unit
    box_w = (rect.width() - gap) / 2
    box_h = rect.bottom() - top - caption_h - footer_h - unit  # the photos, centred in it
    captions = (words.before, words.after)
    for k, (image, caption) in enumerate(zip((before, after), captions, strict=True)):
        size = QSizeF(image.width(), image.height()).scaled(QSizeF(box_w, box_h),
                                                            Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(rect.left() + k * (box_w + gap) + (box_w - size.width()) / 2,
                        top + (box_h - size.height()) / 2, size.width(), size.height())
        painter.drawImage(target, image)
        painter.setPen(ink)
        painter.setFont(font(3.0, bold=True))
        painter.drawText(QRectF(target.left(), target.bottom() + unit, target.width(), caption_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, caption)
    painter.setPen(grey)
    painter.setFont(font(2.2))
    painter.drawText(QRectF(rect.left(), rect.bottom() - footer_h, rect.width(), footer_h),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                     words.footer)
    painter.restore()
