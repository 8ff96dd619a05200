"""The library panel: every photo the user added, sent or not, with its thumbnail and state.

The job store is the library: a project (a photo's first generation and its variations) is one
row, and photos added but not sent yet ("drafts") are rows too. The model only holds plain data
(``LibraryEntry``) and the thumbnails; the window feeds it from the store and the poll thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.ui import style
from desktop_app.ui.job_status import badge_word

EntryRole = Qt.ItemDataRole.UserRole + 1
ROW_HEIGHT = 84
THUMB_W, THUMB_H = 92, 64

# the badge colour family of each state (its word comes from job_status, as the panel's does)
_BADGE_FAMILIES: dict[Status, str] = {
    Status.DRAFT: "draft", Status.PREPARING: "working", Status.UPLOADING: "working",
    Status.SUBMITTING: "working", Status.STARTING: "working", Status.PROCESSING: "working",
    Status.SUCCEEDED: "working", Status.DONE: "done", Status.FAILED: "failed",
    Status.ERROR: "failed", Status.CANCELLED: "stopped",
}


def status_badge(status: Status, engine: EngineName) -> tuple[str, str]:
    """(badge text, colour family) for a generation's status."""
    return badge_word(status, engine), _BADGE_FAMILIES[status]


@dataclass
class LibraryEntry:
    """One row: a draft (a photo not sent yet) or a project (a generation and its variations)."""

    source: str
    family: list[Generation] = field(default_factory=list)  # root first; empty for a draft
    error: str | None = None  # a draft that cannot be read
    added_at: float = field(default_factory=time.time)

    @property
    def key(self) -> str:
        return f"project:{self.root_id}" if self.family else f"draft:{self.source}"

    @property
    def is_draft(self) -> bool:
        return not self.family

    @property
    def root(self) -> Generation | None:
        return self.family[0] if self.family else None

    @property
    def root_id(self) -> int | None:
        return self.family[0].id if self.family else None

    @property
    def name(self) -> str:
        if self.source.startswith(("http://", "https://")):
            return self.source.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or self.source
        return Path(self.source).name

    @property
    def service(self) -> Service | None:
        return self.family[0].service if self.family else None

    @property
    def latest(self) -> Generation | None:
        return self.family[-1] if self.family else None

    @property
    def in_flight(self) -> list[Generation]:
        return [g for g in self.family if not g.status.finished and g.status is not Status.DRAFT]

    @property
    def busy(self) -> bool:
        return bool(self.in_flight)

    @property
    def current(self) -> Generation | None:
        """The generation whose state the row shows: a running one, else the latest."""
        running = self.in_flight
        return running[-1] if running else self.latest

    @property
    def done(self) -> list[Generation]:
        return [g for g in self.family if g.status is Status.DONE and g.result_files]

    @property
    def variation_count(self) -> int:
        return sum(1 for g in self.family if g.is_variation)

    @property
    def badge(self) -> tuple[str, str]:
        if self.error:
            return "Unreadable", "failed"
        gen = self.current
        if gen is None:
            return "Draft", "draft"
        return status_badge(gen.status, gen.engine)

    @property
    def summary(self) -> str:
        if self.error:
            return self.error
        if not self.family:
            return "Not sent yet"
        root = self.family[0]
        engine = "local" if root.engine.value == "local" else "IACrea"
        parts = [f"{root.service.label} · {engine}"]
        n = self.variation_count
        if n:
            parts.append(f"{n} variation{'s' if n > 1 else ''}")
        return " · ".join(parts)

    def generation(self, gen_id: int) -> Generation | None:
        return next((g for g in self.family if g.id == gen_id), None)


class LibraryModel(QAbstractListModel):
    """The library rows. Asks for thumbnails lazily (``thumbnailNeeded``) as rows are painted."""

    thumbnailNeeded = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[LibraryEntry] = []
        self._thumbs: dict[str, QPixmap] = {}
        self._asked: set[str] = set()

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.name
        if role == EntryRole:
            return entry
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(entry.source)
        if role == Qt.ItemDataRole.ToolTipRole:
            text, _ = entry.badge
            gen = entry.current
            detail = f"\n{gen.error}" if gen is not None and gen.error else ""
            return f"{entry.source}\n{entry.summary} — {text}{detail}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- entries ------------------------------------------------------------------------------
    def entries(self) -> list[LibraryEntry]:
        return list(self._entries)

    def entry(self, row: int) -> LibraryEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, key: str) -> int:
        return next((i for i, e in enumerate(self._entries) if e.key == key), -1)

    def row_of_generation(self, gen_id: int) -> int:
        return next((i for i, e in enumerate(self._entries)
                     if any(g.id == gen_id for g in e.family)), -1)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def add_entry(self, entry: LibraryEntry, row: int = 0) -> int:
        existing = self.row_of(entry.key)
        if existing >= 0:
            return existing
        row = max(0, min(row, len(self._entries)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.insert(row, entry)
        self.endInsertRows()
        return row

    def replace_entry(self, row: int, entry: LibraryEntry) -> None:
        self._entries[row] = entry
        self.dataChanged.emit(self.index(row), self.index(row))

    def remove_row(self, row: int) -> LibraryEntry | None:
        if not 0 <= row < len(self._entries):
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        entry = self._entries.pop(row)
        self.endRemoveRows()
        return entry

    def update_generation(self, gen: Generation) -> int:
        """Put a newer copy of a generation in its project row; returns the row (-1: unknown)."""
        for row, entry in enumerate(self._entries):
            if entry.family and entry.root_id == gen.root_id:
                for i, old in enumerate(entry.family):
                    if old.id == gen.id:
                        entry.family[i] = gen
                        break
                else:
                    entry.family.append(gen)
                    entry.family.sort(key=lambda g: (g.created_at, g.id or 0))
                self.dataChanged.emit(self.index(row), self.index(row))
                return row
        return -1

    def set_error(self, row: int, message: str | None) -> None:
        entry = self.entry(row)
        if entry is not None:
            entry.error = message
            self.dataChanged.emit(self.index(row), self.index(row))

    def has_busy(self) -> bool:
        return any(e.busy for e in self._entries)

    # -- thumbnails -----------------------------------------------------------------------------
    def thumbnail(self, source: str) -> QPixmap | None:
        pixmap = self._thumbs.get(source)
        if pixmap is None and source not in self._asked:
            self._asked.add(source)
            self.thumbnailNeeded.emit(source)
        return pixmap

    def set_thumbnail(self, source: str, pixmap: QPixmap | None) -> None:
        if pixmap is not None:
            self._thumbs[source] = pixmap
        for row, entry in enumerate(self._entries):
            if entry.source == source:
                self.dataChanged.emit(self.index(row), self.index(row),
                                      [Qt.ItemDataRole.DecorationRole])

    def forget_thumbnail(self, source: str) -> None:
        self._thumbs.pop(source, None)
        self._asked.discard(source)


class LibraryDelegate(QStyledItemDelegate):
    """Paints a row: rounded thumbnail, name, one line of detail, and a status badge."""

    def __init__(self, view: LibraryView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(260, ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        entry: LibraryEntry | None = index.data(EntryRole)
        if entry is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(6, 3, -6, -3)  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        if state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(QColor(style.ACCENT), 1))
            painter.setBrush(QColor(style.SELECTED))
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#F2F4F7"))
            painter.drawRoundedRect(rect, 8, 8)

        thumb = QRectF(rect.left() + 8, rect.center().y() - THUMB_H / 2, THUMB_W, THUMB_H)
        clip = QPainterPath()
        clip.addRoundedRect(thumb, 6, 6)
        pixmap: QPixmap | None = index.data(Qt.ItemDataRole.DecorationRole)
        painter.save()
        painter.setClipPath(clip)
        painter.fillRect(thumb, QColor("#EAECF0"))
        if pixmap is not None and not pixmap.isNull():
            # cover the frame (crop the long side), keeping the aspect ratio
            ratio = pixmap.devicePixelRatio()
            pw, ph = pixmap.width() / ratio, pixmap.height() / ratio
            scale = max(thumb.width() / pw, thumb.height() / ph)
            w, h = pw * scale, ph * scale
            target = QRectF(thumb.center().x() - w / 2, thumb.center().y() - h / 2, w, h)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
        painter.restore()

        x = thumb.right() + 12
        width = rect.right() - x - 8
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(QColor(style.TEXT))
        metrics = QFontMetrics(font)
        top = rect.top() + 12
        name = metrics.elidedText(entry.name, Qt.TextElideMode.ElideMiddle, int(width))
        painter.drawText(QRectF(x, top, width, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)

        small = QFont(option.font)  # type: ignore[attr-defined]
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        painter.setFont(small)
        small_metrics = QFontMetrics(small)
        painter.setPen(QColor(style.DANGER if entry.error else style.MUTED))
        top += metrics.height() + 3
        detail = small_metrics.elidedText(entry.summary, Qt.TextElideMode.ElideRight, int(width))
        painter.drawText(QRectF(x, top, width, small_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)

        top += small_metrics.height() + 6
        text, family = entry.badge
        fg, bg = style.BADGE_COLOURS[family]
        badge_font = QFont(small)
        badge_font.setWeight(QFont.Weight.DemiBold)
        badge_metrics = QFontMetrics(badge_font)
        badge = QRectF(x, top, badge_metrics.horizontalAdvance(text) + 16,
                       badge_metrics.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setFont(badge_font)
        painter.setPen(QColor(fg))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        if entry.busy:
            self._paint_spinner(painter, QRectF(badge.right() + 8, badge.top() + 1,
                                                badge.height() - 2, badge.height() - 2), fg)
        painter.restore()

    def _paint_spinner(self, painter: QPainter, rect: QRectF, colour: str) -> None:
        pen = QPen(QColor(colour), 2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        start = -int(self._view.spin_phase * 360 * 16)
        painter.drawArc(rect, start, 270 * 16)


class LibraryView(QListView):
    """The list of photos; a small animation runs only while some photo is being processed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setUniformItemSizes(True)
        self.setMouseTracking(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(LibraryDelegate(self))
        self.setAccessibleName(self.tr("Photo library"))
        self.spin_phase = 0.0
        self._spinner = QTimer(self)
        self._spinner.setInterval(80)
        self._spinner.timeout.connect(self._spin)

    def setModel(self, model: QAbstractListModel | None) -> None:  # type: ignore[override]
        super().setModel(model)
        if model is not None:
            model.dataChanged.connect(self._update_spinner)
            model.modelReset.connect(self._update_spinner)
            model.rowsRemoved.connect(self._update_spinner)

    def library(self) -> LibraryModel | None:
        model = self.model()
        return model if isinstance(model, LibraryModel) else None

    def selected_entries(self) -> list[LibraryEntry]:
        rows = sorted(i.row() for i in self.selectionModel().selectedRows()) \
            if self.selectionModel() else []
        model = self.library()
        entries = [model.entry(r) for r in rows] if model else []
        return [e for e in entries if e is not None]

    def current_entry(self) -> LibraryEntry | None:
        model = self.library()
        index = self.currentIndex()
        if model is None or not index.isValid():
            return None
        if self.selectionModel() and not self.selectionModel().isSelected(index):
            selected = self.selected_entries()
            return selected[0] if selected else None
        return model.entry(index.row())

    def stop_animation(self) -> None:
        self._spinner.stop()

    def _update_spinner(self, *args: object) -> None:
        model = self.library()
        busy = bool(model and model.has_busy()) and self.isVisible()
        if busy and not self._spinner.isActive():
            self._spinner.start()
        elif not busy and self._spinner.isActive():
            self._spinner.stop()

    def _spin(self) -> None:
        self.spin_phase = (self.spin_phase + 0.08) % 1.0
        model = self.library()
        if model is None or not model.has_busy():
            self._spinner.stop()
            return
        for row, entry in enumerate(model.entries()):
            if entry.busy:
                self.viewport().update(self.visualRect(model.index(row)))

    def hideEvent(self, event: object) -> None:  # type: ignore[override]
        self._spinner.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self._update_spinner()

    def paintEvent(self, event: object) -> None:  # type: ignore[override]
        super().paintEvent(event)  # type: ignore[arg-type]
        model = self.library()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor(style.MUTED))
            rect = self.viewport().rect().adjusted(20, 0, -20, 0)
            painter.drawText(QRect(rect.left(), rect.top() + 40, rect.width(), 80),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap,
                             self.tr("No photos yet.\nDrop photos or folders here,\n"
                                     "or press Ctrl+O."))
            painter.end()
