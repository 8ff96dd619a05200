"""The library's rows are drawn once and copied after, drawn anew when what they show changes;
the library keeps a bounded number of thumbnails and asks again for one that went."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from test_window_helpers import SKY_PHOTO

from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.ui import library
from desktop_app.ui.library import LibraryDelegate, LibraryModel, LibraryView
from desktop_app.ui.library_entry import LibraryEntry

SOURCE = str(SKY_PHOTO)


def running_entry() -> LibraryEntry:
    gen = Generation(Service.SKY, SOURCE, engine=EngineName.LOCAL, id=1, root_id=1,
                     status=Status.PROCESSING, created_at=1.0)
    return LibraryEntry(source=SOURCE, family=[gen], photo_id=7)


def thumbnail(colour: str) -> QPixmap:
    pixmap = QPixmap(192, 128)
    pixmap.fill(QColor(colour))
    return pixmap


def paint_row(view: LibraryView, delegate: LibraryDelegate, model: LibraryModel,
              selected: bool = False) -> QImage:
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 300, library.ROW_HEIGHT)  # type: ignore[attr-defined]
    option.font = view.font()  # type: ignore[attr-defined]
    option.state = QStyle.StateFlag.State_Enabled | (  # type: ignore[attr-defined]
        QStyle.StateFlag.State_Selected if selected else QStyle.StateFlag.State_None)
    image = QImage(300, library.ROW_HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0))
    painter.end()
    return image


def setup(qtbot: Any) -> tuple[LibraryView, LibraryModel]:
    view = LibraryView()
    qtbot.addWidget(view)
    model = LibraryModel(view)
    view.setModel(model)
    model.set_entries([running_entry()])
    model.set_thumbnail(SOURCE, thumbnail("#336699"))
    return view, model


def fresh_paint(view: LibraryView, model: LibraryModel, selected: bool = False) -> QImage:
    """The row as a delegate that never drew it before paints it."""
    return paint_row(view, LibraryDelegate(view), model, selected)


def test_an_unchanged_row_is_drawn_once_then_copied(qtbot: Any) -> None:
    view, model = setup(qtbot)
    delegate = LibraryDelegate(view)
    first = paint_row(view, delegate, model)
    [key] = delegate.rows.keys()
    drawn = delegate.rows.get(key)
    assert drawn is not None
    again = paint_row(view, delegate, model)
    kept = delegate.rows.get(key)
    assert kept is not None and kept.cacheKey() == drawn.cacheKey()  # copied, not drawn again
    assert len(delegate.rows) == 1
    assert first == again == fresh_paint(view, model)


def test_a_row_is_drawn_anew_when_what_it_shows_changes(qtbot: Any) -> None:
    view, model = setup(qtbot)
    delegate = LibraryDelegate(view)
    running = paint_row(view, delegate, model)

    # the job finishes: the badge and the summary change
    entry = model.entry(0)
    assert entry is not None
    model.update_generation(replace(entry.family[0], status=Status.DONE,
                                    result_files=[SOURCE]))
    done = paint_row(view, delegate, model)
    assert done != running
    assert done == fresh_paint(view, model)

    # the kept version's thumbnail arrives: the picture changes, nothing else
    model.set_thumbnail(SOURCE, thumbnail("#CC3311"))
    recoloured = paint_row(view, delegate, model)
    assert recoloured != done
    assert recoloured == fresh_paint(view, model)

    # selected: the row's frame changes
    selected = paint_row(view, delegate, model, selected=True)
    assert selected != recoloured
    assert selected == fresh_paint(view, model, selected=True)
    assert len(delegate.rows) == 4


def test_the_library_keeps_a_bounded_number_of_thumbnails(qtbot: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(library, "THUMB_CACHE_ITEMS", 3)
    model = LibraryModel()
    asked: list[str] = []
    model.thumbnailNeeded.connect(asked.append)
    sources = [f"/photos/{n}.jpg" for n in range(5)]
    model.set_entries([LibraryEntry(source=s) for s in sources])
    for source in sources:
        assert model.thumbnail(source) is None
        assert asked[-1:] != [source], "asked for in the middle of a paint"
        QCoreApplication.processEvents()  # the paint is over: asked for now, once
        assert asked[-1:] == [source]
        model.set_thumbnail(source, thumbnail("#336699"))
    assert asked == sources
    assert len(model._thumbs) == 3
    assert [s for s in sources if model.thumbnail(s) is not None] == sources[2:]
    QCoreApplication.processEvents()
    # the two that went were asked for again as the rows wanted them; the kept ones were not
    assert asked == sources + sources[:2]
    assert model.thumbnail(sources[0]) is None
    QCoreApplication.processEvents()
    assert asked == sources + sources[:2]  # once
