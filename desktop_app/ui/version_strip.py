"""The version strip: a thumbnail for every version of the selected photo (its original, each
result and each job still running or stopped), with the service, the engine, the variation number
and the state. Click a version to compare it with the original (Shift+click: to put it on the
left, against another); its star, a double click or P keeps it for the listing (again: keeps
none). The kept version's star is filled gold, the others' are outlines."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.core.thumbnails import Thumbnail, load_thumbnail
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui import style
from desktop_app.ui.compare_panel import ORIGINAL
from desktop_app.ui.i18n import fill
from desktop_app.ui.image_arrays import rgb_to_qimage
from desktop_app.ui.job_status import badge_word
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.pixmap_cache import PixmapCache

__all__ = ["VersionStrip", "variation_note", "version_label", "version_number"]

KeyRole = Qt.ItemDataRole.UserRole + 1
PathRole = Qt.ItemDataRole.UserRole + 2
KeptRole = Qt.ItemDataRole.UserRole + 3  # None: no star (the original, a job without result)
ICON = QSize(112, 76)
STAR = 24  # the star's clickable square, on the thumbnail's top right corner
GOLD = "#F5A300"


def version_number(entry: LibraryEntry, gen: Generation) -> int:
    """1 for a job's first result, 2 for its first variation...: counted within its job."""
    job = [g for g in entry.family if (g.root_id or g.id) == (gen.root_id or gen.id)]
    return job.index(gen) + 1 if gen in job else 1


def version_label(entry: LibraryEntry, gen: Generation, part: int = 0) -> str:
    """``Sky · local · 2`` (and ``.2`` for a job's second file): what a version is."""
    translate = QCoreApplication.translate
    service = translate("VersionStrip", "Sky") if gen.service is Service.SKY else \
        translate("VersionStrip", "Declutter")
    # one pattern per engine, so each language names the engine its own way
    pattern = translate("VersionStrip", "%1 · local · %2") if gen.engine is EngineName.LOCAL \
        else translate("VersionStrip", "%1 · cloud · %2")
    number = str(version_number(entry, gen)) + (f".{part + 1}" if part else "")
    return fill(pattern, service, number)


def variation_note(entry: LibraryEntry, parent: Generation) -> str:
    """What New variation will run, under its button: the version it starts from (its name in
    the strip, quoted: it holds dots of its own) and its cost."""
    translate = QCoreApplication.translate
    pattern = translate("VersionStrip", "Based on “%1” — free") \
        if parent.engine is EngineName.LOCAL \
        else translate("VersionStrip", "Based on “%1” — 1 credit")
    return fill(pattern, version_label(entry, parent))


def _icon(pixmap: QPixmap) -> QIcon:
    """The thumbnail as it is, selected or not: a selection tint would read as a blue sky."""
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def star_rect(item_rect: QRect) -> QRect:
    """Where a version's star is, in an item of ``item_rect`` (the icon is centred on top)."""
    right = item_rect.center().x() + ICON.width() // 2
    return QRect(right - STAR - 2, item_rect.top() + 5, STAR, STAR)


def _star_polygon(box: QRect) -> QPolygonF:
    cx, cy = box.center().x() + 0.5, box.center().y() + 1.0
    outer, inner = box.width() * 0.42, box.width() * 0.18
    points = []
    for n in range(10):
        radius = outer if n % 2 == 0 else inner
        angle = -math.pi / 2 + n * math.pi / 5
        points.append(QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return QPolygonF(points)


class _StarDelegate(QStyledItemDelegate):
    """The thumbnail and its text as usual, then the star: gold and filled when kept, an
    outline on a light badge otherwise (so it reads on any photo)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        kept = index.data(KeptRole)
        if kept is None:
            return
        box = star_rect(option.rect)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 235 if kept else 190))
        painter.drawEllipse(box)
        painter.setPen(QPen(QColor("#8A5A00" if kept else style.MUTED), 1.4))
        painter.setBrush(QColor(GOLD) if kept else Qt.BrushStyle.NoBrush)
        painter.drawPolygon(_star_polygon(box))
        painter.restore()


@dataclass(frozen=True)
class _Version:
    """One item of the strip, as shown."""

    key: str
    title: str
    path: str | None
    state: str
    selectable: bool = True
    kept: bool | None = None


class VersionStrip(QListWidget):
    chosen = Signal(str)  # a version to compare with the original (its compare key)
    chosenBefore = Signal(str)  # a version to put on the left (Shift+click)
    keepRequested = Signal(str)  # a version's compare key: keep it (or keep none if kept)

    def __init__(self, parent: QWidget | None = None, cache: PixmapCache | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionStrip")
        self.setAccessibleName(self.tr("Versions of this photo"))
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListWidget.Movement.Static)
        self.setIconSize(ICON)
        self.setGridSize(QSize(ICON.width() + 22, ICON.height() + 44))
        self.setFixedHeight(ICON.height() + 64)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setItemDelegate(_StarDelegate(self))
        self.tasks = TaskRunner(1, self)
        # by result path: a photo shows a few at once, a session may go through hundreds
        self.thumbs = cache if cache is not None else PixmapCache()
        self._waiting: QPixmap | None = None  # the placeholder icon, drawn once
        self._entry: LibraryEntry | None = None
        self._versions_shown: list[_Version] | None = None
        self._shown: str | None = None
        self.itemClicked.connect(self._clicked)
        self.itemDoubleClicked.connect(self._double_clicked)

    def close_tasks(self, msecs: int = 10_000) -> None:
        self.tasks.close(msecs)

    # -- content ----------------------------------------------------------------------------
    def show_entry(self, entry: LibraryEntry | None, shown: str | None = None) -> None:
        """Every version of ``entry``; ``shown``: the compare key on the right, selected (unless
        the arrows moved to another version of the same photo: that one stays current). A call
        that changes nothing the strip shows (a job's update while it runs) leaves it as it is:
        rebuilding it took milliseconds of the GUI thread at each update."""
        versions = self._versions(entry)
        if versions == self._versions_shown and shown == self._shown:
            self._entry = entry
            return
        same = self._entry is not None and entry is not None and self._entry.key == entry.key
        moved_to = self.current_key() if same and self.current_key() != self._shown else None
        self._entry, self._shown, self._versions_shown = entry, shown, versions
        self.blockSignals(True)
        self.clear()
        for version in versions:
            self._add(version)
        current = moved_to if moved_to in self.keys() else shown
        for row in range(self.count()):
            item = self.item(row)
            if current is not None and item.data(KeyRole) == current:
                item.setSelected(True)
                self.setCurrentItem(item)
        self.blockSignals(False)

    def _versions(self, entry: LibraryEntry | None) -> list[_Version]:
        """What the strip shows for ``entry``, item by item: a photo never sent has its
        original alone. The strip stays in place when there is nothing to show, so that the
        viewer above it keeps its size."""
        if entry is None:
            return []
        versions = [_Version(ORIGINAL, self.tr("Original"), entry.source, "")]
        for gen in entry.family:
            if gen.status is Status.DONE and gen.result_files:
                for part, path in enumerate(gen.result_files):
                    kept = entry.kept_id == gen.id and entry.kept_index == part
                    versions.append(_Version(
                        f"{gen.id}:{part}", version_label(entry, gen, part), path,
                        self.tr("★ Kept") if kept else badge_word(Status.DONE, gen.engine),
                        kept=kept))
            else:
                versions.append(_Version(f"{gen.id}:-", version_label(entry, gen), None,
                                         badge_word(gen.status, gen.engine),
                                         selectable=False))
        return versions

    def _add(self, version: _Version) -> None:
        lines = [version.title, version.state] if version.state else [version.title]
        item = QListWidgetItem("\n".join(lines))
        item.setData(KeyRole, version.key)
        item.setData(PathRole, version.path)
        item.setData(KeptRole, version.kept)
        item.setToolTip(" — ".join(lines))
        item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        if not version.selectable:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        path = version.path
        pixmap = self.thumbs.get(path) if path else None
        item.setIcon(_icon(pixmap if pixmap is not None else self._placeholder()))
        self.addItem(item)
        if path and pixmap is None:
            self.tasks.submit(load_thumbnail, path, on_done=partial(self._thumb_ready, path),
                              on_error=lambda _err: None)

    def _placeholder(self) -> QPixmap:
        """The icon of a version whose thumbnail is still loading (drawing its text takes the
        GUI thread a few milliseconds: it is drawn once)."""
        if self._waiting is not None:
            return self._waiting
        pixmap = QPixmap(ICON)
        pixmap.fill(QColor("#EAECF0"))
        painter = QPainter(pixmap)
        painter.setPen(QColor(style.MUTED))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "…")
        painter.end()
        self._waiting = pixmap
        return pixmap

    def _thumb_ready(self, path: str, thumb: Thumbnail) -> None:
        rgb = np.frombuffer(thumb.rgb, np.uint8).reshape(thumb.height, thumb.width, 3)
        pixmap = QPixmap.fromImage(rgb_to_qimage(rgb))
        self.thumbs.put(path, pixmap)
        for row in range(self.count()):
            item = self.item(row)
            if item.data(PathRole) == path:
                item.setIcon(_icon(pixmap))

    def keys(self) -> list[str]:
        return [self.item(row).data(KeyRole) for row in range(self.count())]

    def texts(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(KeyRole) if item is not None else None

    def kept_key(self) -> str | None:
        """The version whose star is filled."""
        return next((self.item(row).data(KeyRole) for row in range(self.count())
                     if self.item(row).data(KeptRole)), None)

    def star_rect(self, row: int) -> QRect:
        """The star of the version in ``row``, in viewport coordinates (invalid: none)."""
        item = self.item(row)
        if item is None or item.data(KeptRole) is None:
            return QRect()
        return star_rect(self.visualItemRect(item))

    def _star_at(self, pos: QPointF) -> QListWidgetItem | None:
        item = self.itemAt(pos.toPoint())
        if item is None or not self.star_rect(self.row(item)).contains(pos.toPoint()):
            return None
        return item

    # -- interaction ------------------------------------------------------------------------
    def _clicked(self, item: QListWidgetItem) -> None:
        key = item.data(KeyRole)
        if not (item.flags() & Qt.ItemFlag.ItemIsSelectable):
            return
        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.chosenBefore.emit(key)
        elif key != ORIGINAL:
            self.chosen.emit(key)

    def _double_clicked(self, item: QListWidgetItem) -> None:
        key = item.data(KeyRole)
        if key != ORIGINAL and item.flags() & Qt.ItemFlag.ItemIsSelectable:
            self.keepRequested.emit(key)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self._star_at(event.position())
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self.keepRequested.emit(item.data(KeyRole))  # the star only keeps: no selection
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._star_at(event.position()) is not None:  # a quick second click on the star
            self.mousePressEvent(event)
            return
        super().mouseDoubleClickEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            if self._star_at(QPointF(event.pos())) is not None:
                QToolTip.showText(event.globalPos(), QCoreApplication.translate(
                    "Actions", "Keep this version") + " (P)", self.viewport())
                return True
        return super().viewportEvent(event)

    def event(self, event: QEvent) -> bool:
        # with the focus here, the arrows walk the versions and P keeps the one walked to,
        # before the window's keys (the divider, keeping the version on the right) see them
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and \
                not event.modifiers() and (
                    event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) or
                    (event.key() == Qt.Key.Key_P and self._keepable(self.currentItem()))):
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _keepable(item: QListWidgetItem | None) -> bool:
        return item is not None and item.data(KeptRole) is not None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self._clicked(item)
            return
        if event.key() == Qt.Key.Key_P and not event.modifiers() and self._keepable(item):
            assert item is not None
            self.keepRequested.emit(item.data(KeyRole))
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() == 0:  # no photo selected: say what the strip is for
            painter = QPainter(self.viewport())
            painter.setPen(QColor(style.MUTED))
            painter.drawText(self.viewport().rect().adjusted(16, 0, -16, 0),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("The selected photo's versions appear here: its original, "
                                     "each result and each variation."))
            painter.end()

    def sizeHint(self) -> QSize:
        return QSize(400, ICON.height() + 64)
