"""The library panel: the photos of the current listing, one row each, sent or not, with the
kept version's thumbnail and a summary of what was done to it.

A row is a listing's photo: every generation of every job made from it (its versions), and the
kept one. The model only holds plain data (``LibraryEntry``) and the thumbnails; the window feeds
it from the store and the poll thread. Rows can be dragged into another order.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
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

from desktop_app.core.models import Generation
from desktop_app.ui import style
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.messages import job_error_text
from desktop_app.ui.pixmap_cache import PixmapCache

EntryRole = Qt.ItemDataRole.UserRole + 1
ROW_MIME = "application/x-skyclear-library-rows"
ROW_HEIGHT = 84
THUMB_W, THUMB_H = 92, 64
THUMB_CACHE_ITEMS, THUMB_CACHE_BYTES = 300, 32 * 1024 * 1024  # ≈ 300 thumbnails of 192 px

class LibraryModel(QAbstractListModel):
    """The library rows. Asks for thumbnails lazily (``thumbnailNeeded``) as rows are painted."""

    thumbnailNeeded = Signal(str)
    rowsMovedTo = Signal(list, int)  # keys of rows dragged elsewhere, the row they start at

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[LibraryEntry] = []
        # the least recently shown go first: a long session keeps a few megabytes, not every
        # thumbnail it ever showed; a row whose thumbnail went asks for it again
        self._thumbs = PixmapCache(max_items=THUMB_CACHE_ITEMS, max_bytes=THUMB_CACHE_BYTES)
        self._asked: set[str] = set()  # asked for and not in yet (or unreadable)
        self._to_ask: list[str] = []  # found missing while painting, asked for after it

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
            error = job_error_text(gen) if gen is not None else None
            detail = f"\n{error}" if error else ""
            return f"{entry.source}\n{entry.summary} — {text}{detail}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # between rows
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemIsDragEnabled

    # -- reordering by drag and drop: the rows move, then ``rowsMovedTo`` says where ----------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(ROW_MIME, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        if action is not Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        text = bytes(data.data(ROW_MIME).data()).decode()
        rows = [int(r) for r in text.split(",") if r.isdigit()]
        target = parent.row() if row < 0 and parent.isValid() else row
        self.move_rows(rows, len(self._entries) if target < 0 else target)
        return False  # the rows were moved here: the view must not remove them

    def move_rows(self, rows: list[int], target: int) -> None:
        """Move ``rows`` so that they sit together before what was row ``target``."""
        rows = [r for r in rows if 0 <= r < len(self._entries)]
        if not rows:
            return
        moving = [self._entries[r] for r in rows]
        before = sum(1 for r in rows if r < target)
        rest = [e for i, e in enumerate(self._entries) if i not in set(rows)]
        at = max(0, min(target - before, len(rest)))
        self.beginResetModel()
        self._entries = rest[:at] + moving + rest[at:]
        self.endResetModel()
        self.rowsMovedTo.emit([e.key for e in moving], at)

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
            if entry.has_root(gen.root_id):
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
            # asked once the paint is over: a worker started in the middle of it competes
            # with the paint for the interpreter lock
            if not self._to_ask:
                QTimer.singleShot(0, self, self._ask_thumbnails)
            self._to_ask.append(source)
        return pixmap

    def _ask_thumbnails(self) -> None:
        wanted, self._to_ask = self._to_ask, []
        for source in wanted:
            if source in self._asked:  # not forgotten meanwhile
                self.thumbnailNeeded.emit(source)

    def set_thumbnail(self, source: str, pixmap: QPixmap | None) -> None:
        if pixmap is not None:
            self._thumbs.put(source, pixmap)
            self._asked.discard(source)
        for row, entry in enumerate(self._entries):
            if entry.source == source:
                self.dataChanged.emit(self.index(row), self.index(row),
                                      [Qt.ItemDataRole.DecorationRole])

    def forget_thumbnail(self, source: str) -> None:
        self._thumbs.pop(source)
        self._asked.discard(source)


class LibraryDelegate(QStyledItemDelegate):
    """Paints a row: rounded thumbnail, name, one line of detail, and a status badge.

    Each row is drawn once into a pixmap kept under everything it shows (name, summary, badge,
    kept star, thumbnail, size, selection, hover, font, pixel ratio), so a repaint is a copy and
    any change of what the row shows draws it anew. Only a busy row's spinner is drawn live.
    """

    def __init__(self, view: LibraryView) -> None:
        super().__init__(view)
        self._view = view
        self.rows = PixmapCache(max_items=120, max_bytes=24 * 1024 * 1024)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(260, ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        entry: LibraryEntry | None = index.data(EntryRole)
        if entry is None:
            return
        thumb: QPixmap | None = index.data(Qt.ItemDataRole.DecorationRole)
        if thumb is not None and thumb.isNull():
            thumb = None
        area: QRect = option.rect  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hover = not selected and bool(state & QStyle.StateFlag.State_MouseOver)
        font: QFont = option.font  # type: ignore[attr-defined]
        device = painter.device()
        dpr = device.devicePixelRatioF() if device is not None else 1.0
        badge = entry.badge
        key = repr((entry.name, entry.summary, badge, entry.kept is not None,
                    bool(entry.error), thumb.cacheKey() if thumb is not None else 0,
                    area.width(), area.height(), selected, hover, font.key(), dpr))
        row = self.rows.get(key)
        if row is None:
            row = QPixmap(max(1, round(area.width() * dpr)), max(1, round(area.height() * dpr)))
            row.setDevicePixelRatio(dpr)
            row.fill(Qt.GlobalColor.transparent)
            row_painter = QPainter(row)
            self._draw_row(row_painter, QRectF(0, 0, area.width(), area.height()), entry,
                           thumb, badge, selected, hover, font)
            row_painter.end()
            self.rows.put(key, row)
        painter.drawPixmap(area.topLeft(), row)
        if entry.busy:
            rect = _badge_rect(QRectF(area), font, badge[0])
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_spinner(painter, QRectF(rect.right() + 8, rect.top() + 1,
                                                rect.height() - 2, rect.height() - 2),
                                style.BADGE_COLOURS[badge[1]][0])
            painter.restore()

    @staticmethod
    def _draw_row(painter: QPainter, area: QRectF, entry: LibraryEntry, pixmap: QPixmap | None,
                  badge_word: tuple[str, str], selected: bool, hover: bool,
                  base: QFont) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = area.adjusted(6, 3, -6, -3)
        if selected:
            painter.setPen(QPen(QColor(style.ACCENT), 1))
            painter.setBrush(QColor(style.SELECTED))
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        elif hover:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#F2F4F7"))
            painter.drawRoundedRect(rect, 8, 8)

        thumb = QRectF(rect.left() + 8, rect.center().y() - THUMB_H / 2, THUMB_W, THUMB_H)
        clip = QPainterPath()
        clip.addRoundedRect(thumb, 6, 6)
        painter.save()
        painter.setClipPath(clip)
        painter.fillRect(thumb, QColor("#EAECF0"))
        if pixmap is not None:
            # cover the frame (crop the long side), keeping the aspect ratio
            ratio = pixmap.devicePixelRatio()
            pw, ph = pixmap.width() / ratio, pixmap.height() / ratio
            scale = max(thumb.width() / pw, thumb.height() / ph)
            w, h = pw * scale, ph * scale
            target = QRectF(thumb.center().x() - w / 2, thumb.center().y() - h / 2, w, h)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
        painter.restore()
        if entry.kept is not None:  # the thumbnail is the kept version's: say so
            star = QRectF(thumb.right() - 22, thumb.top() + 3, 19, 19)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(17, 24, 39, 170))
            painter.drawEllipse(star)
            painter.setPen(QColor("#FDB022"))
            painter.drawText(star, Qt.AlignmentFlag.AlignCenter, "★")

        name_font, small, badge_font = _row_fonts(base)
        x, width = _text_column(rect)
        painter.setFont(name_font)
        painter.setPen(QColor(style.TEXT))
        metrics = QFontMetrics(name_font)
        top = rect.top() + 12
        name = metrics.elidedText(entry.name, Qt.TextElideMode.ElideMiddle, int(width))
        painter.drawText(QRectF(x, top, width, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)

        painter.setFont(small)
        small_metrics = QFontMetrics(small)
        painter.setPen(QColor(style.DANGER if entry.error else style.MUTED))
        top += metrics.height() + 3
        detail = small_metrics.elidedText(entry.summary, Qt.TextElideMode.ElideRight, int(width))
        painter.drawText(QRectF(x, top, width, small_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)

        text, family = badge_word
        fg, bg = style.BADGE_COLOURS[family]
        badge = _badge_rect(area, base, text)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setFont(badge_font)
        painter.setPen(QColor(fg))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_spinner(self, painter: QPainter, rect: QRectF, colour: str) -> None:
        pen = QPen(QColor(colour), 2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        start = -int(self._view.spin_phase * 360 * 16)
        painter.drawArc(rect, start, 270 * 16)


def _row_fonts(base: QFont) -> tuple[QFont, QFont, QFont]:
    """The fonts of a row: its name, its detail line and its badge."""
    name = QFont(base)
    name.setWeight(QFont.Weight.DemiBold)
    small = QFont(base)
    small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
    badge = QFont(small)
    badge.setWeight(QFont.Weight.DemiBold)
    return name, small, badge


def _text_column(rect: QRectF) -> tuple[float, float]:
    """(left, width) of the text beside the thumbnail, in a row's inner ``rect``."""
    x = rect.left() + 8 + THUMB_W + 12
    return x, rect.right() - x - 8


def _badge_rect(area: QRectF, base: QFont, text: str) -> QRectF:
    """Where a row (``area``: the whole row) draws its status badge: under the name and the
    detail line."""
    name_font, small, badge_font = _row_fonts(base)
    rect = area.adjusted(6, 3, -6, -3)
    x, _ = _text_column(rect)
    top = rect.top() + 12 + QFontMetrics(name_font).height() + 3 + \
        QFontMetrics(small).height() + 6
    metrics = QFontMetrics(badge_font)
    return QRectF(x, top, metrics.horizontalAdvance(text) + 16, metrics.height() + 4)


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
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
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
