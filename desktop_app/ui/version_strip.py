"""The version strip: a thumbnail for every version of the selected photo (its original, each
result and each job still running or stopped), with the service, the engine, the variation number
and the state. Click a version to compare it with the original (Shift+click: to put it on the
left, against another); the star, a double click or P keeps it for the listing."""

from __future__ import annotations

from functools import partial

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.core.thumbnails import Thumbnail, load_thumbnail
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui import style
from desktop_app.ui.compare_panel import ORIGINAL
from desktop_app.ui.image_arrays import rgb_to_qimage
from desktop_app.ui.library import LibraryEntry

__all__ = ["VersionStrip", "variation_note", "version_label", "version_number"]

KeyRole = Qt.ItemDataRole.UserRole + 1
PathRole = Qt.ItemDataRole.UserRole + 2
ICON = QSize(112, 76)

_STATES: dict[Status, object] = {
    Status.DRAFT: QT_TRANSLATE_NOOP("VersionStrip", "not sent"),
    Status.PREPARING: QT_TRANSLATE_NOOP("VersionStrip", "preparing"),
    Status.UPLOADING: QT_TRANSLATE_NOOP("VersionStrip", "uploading"),
    Status.SUBMITTING: QT_TRANSLATE_NOOP("VersionStrip", "sending"),
    Status.STARTING: QT_TRANSLATE_NOOP("VersionStrip", "queued"),
    Status.PROCESSING: QT_TRANSLATE_NOOP("VersionStrip", "processing"),
    Status.SUCCEEDED: QT_TRANSLATE_NOOP("VersionStrip", "downloading"),
    Status.DONE: QT_TRANSLATE_NOOP("VersionStrip", "done"),
    Status.FAILED: QT_TRANSLATE_NOOP("VersionStrip", "failed"),
    Status.ERROR: QT_TRANSLATE_NOOP("VersionStrip", "stopped"),
    Status.CANCELLED: QT_TRANSLATE_NOOP("VersionStrip", "cancelled"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("VersionStrip", text)


def version_number(entry: LibraryEntry, gen: Generation) -> int:
    """1 for a job's first result, 2 for its first variation...: counted within its job."""
    job = [g for g in entry.family if (g.root_id or g.id) == (gen.root_id or gen.id)]
    return job.index(gen) + 1 if gen in job else 1


def version_label(entry: LibraryEntry, gen: Generation, part: int = 0) -> str:
    """``Sky · local · 2`` (and ``.2`` for a job's second file): what a version is."""
    translate = QCoreApplication.translate
    service = translate("VersionStrip", "Sky") if gen.service is Service.SKY else \
        translate("VersionStrip", "Declutter")
    engine = translate("VersionStrip", "local") if gen.engine is EngineName.LOCAL else \
        translate("VersionStrip", "cloud")
    number = str(version_number(entry, gen)) + (f".{part + 1}" if part else "")
    return translate("VersionStrip", "%1 · %2 · %3").replace("%1", service).replace(
        "%2", engine).replace("%3", number)


def variation_note(entry: LibraryEntry, parent: Generation) -> str:
    """What New variation will run: the shown version's service and engine, and its cost."""
    translate = QCoreApplication.translate
    cost = translate("VersionStrip", "free") if parent.engine is EngineName.LOCAL else \
        translate("VersionStrip", "1 credit")
    return translate("VersionStrip", "Of %1 · %2").replace(
        "%1", version_label(entry, parent)).replace("%2", cost)


class VersionStrip(QListWidget):
    chosen = Signal(str)  # a version to compare with the original (its compare key)
    chosenBefore = Signal(str)  # a version to put on the left (Shift+click)
    keepRequested = Signal(str)  # a version's compare key: keep it (or keep none if kept)

    def __init__(self, parent: QWidget | None = None) -> None:
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
        self.tasks = TaskRunner(1, self)
        self._thumbs: dict[str, QPixmap] = {}
        self._entry: LibraryEntry | None = None
        self.itemClicked.connect(self._clicked)
        self.itemDoubleClicked.connect(self._double_clicked)

    def close_tasks(self, msecs: int = 10_000) -> None:
        self.tasks.close(msecs)

    # -- content ----------------------------------------------------------------------------
    def show_entry(self, entry: LibraryEntry | None, shown: str | None = None) -> None:
        """Every version of ``entry``; ``shown``: the compare key on the right, selected."""
        self._entry = entry
        self.blockSignals(True)
        self.clear()
        if entry is None or entry.is_draft:
            self.blockSignals(False)
            self.setVisible(False)
            return
        self.setVisible(True)
        self._add(ORIGINAL, self.tr("Original"), entry.source, "", selectable=True)
        for gen in entry.family:
            if gen.status is Status.DONE and gen.result_files:
                for part, path in enumerate(gen.result_files):
                    key = f"{gen.id}:{part}"
                    kept = entry.kept_id == gen.id and entry.kept_index == part
                    self._add(key, version_label(entry, gen, part), path,
                              self.tr("★ kept") if kept else _tr(str(_STATES[Status.DONE])))
            else:
                self._add(f"{gen.id}:-", version_label(entry, gen), None,
                          _tr(str(_STATES[gen.status])), selectable=False)
        for row in range(self.count()):
            item = self.item(row)
            if shown is not None and item.data(KeyRole) == shown:
                item.setSelected(True)
                self.setCurrentItem(item)
        self.blockSignals(False)

    def _add(self, key: str, title: str, path: str | None, state: str, *,
             selectable: bool = True) -> None:
        item = QListWidgetItem(f"{title}\n{state}" if state else title)
        item.setData(KeyRole, key)
        item.setData(PathRole, path)
        item.setToolTip(f"{title} — {state}" if state else title)
        item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        if not selectable:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        pixmap = self._thumbs.get(path) if path else None
        item.setIcon(QIcon(pixmap if pixmap is not None else self._placeholder()))
        self.addItem(item)
        if path and pixmap is None:
            self.tasks.submit(load_thumbnail, path, on_done=partial(self._thumb_ready, path),
                              on_error=lambda _err: None)

    def _placeholder(self) -> QPixmap:
        pixmap = QPixmap(ICON)
        pixmap.fill(QColor("#EAECF0"))
        painter = QPainter(pixmap)
        painter.setPen(QColor(style.MUTED))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "…")
        painter.end()
        return pixmap

    def _thumb_ready(self, path: str, thumb: Thumbnail) -> None:
        rgb = np.frombuffer(thumb.rgb, np.uint8).reshape(thumb.height, thumb.width, 3)
        pixmap = QPixmap.fromImage(rgb_to_qimage(rgb))
        self._thumbs[path] = pixmap
        for row in range(self.count()):
            item = self.item(row)
            if item.data(PathRole) == path:
                item.setIcon(QIcon(pixmap))

    def keys(self) -> list[str]:
        return [self.item(row).data(KeyRole) for row in range(self.count())]

    def texts(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(KeyRole) if item is not None else None

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self._clicked(item)
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(400, ICON.height() + 64)
