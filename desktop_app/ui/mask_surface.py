"""The photo and the mask over it, as the mask editor's canvas shows and edits them.

``MaskSurface`` is a :class:`ZoomPanWidget` (wheel zoom, Space/middle-drag pan, fit/100 %) that
owns a 0/1 mask the size of the photo: its display, whole-mask edits, undo, smart-select
proposals and the background work they need. The mouse and keyboard tools that paint on it are
:class:`~desktop_app.ui.mask_canvas.MaskCanvas`. Speed comes from never touching more than
needed:

* the mask is a NumPy array and the overlay is an 8-bit indexed ``QImage`` over the very same
  memory (index 0 transparent, index 1 the overlay colour), so a brush dab writes a few thousand
  bytes and there is nothing to convert or upload afterwards;
* every edit returns the box it changed; only that part of the widget is repainted;
* one edit is one undo step, stored as a compressed XOR of its box.

Slow work (decoding a photo, smart select, grow/shrink) runs in the widget's thread pool and
comes back through signals; the surface shows a busy state meanwhile and refuses edits that
would race with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, qRgba
from PySide6.QtWidgets import QWidget

from desktop_app.core import mask_ops
from desktop_app.core.mask_ops import Box
from desktop_app.core.smart_select import Selection, select_region
from desktop_app.core.undo import UndoStack
from desktop_app.ui.image_arrays import qimage_rgb_view, rgb_to_rgb32, to_rgb32
from desktop_app.ui.messages import failure_text
from desktop_app.ui.zoom_pan import ZoomPanWidget

__all__ = ["MaskSurface", "load_photo_file"]

DEFAULT_COLOUR = QColor(255, 48, 64)
DEFAULT_OPACITY = 0.5
PROPOSAL_COLOUR = QColor(0, 190, 255)


def load_photo_file(path: Path) -> QImage:
    """Decode a photo for the editor (upright, sRGB) into a ``Format_RGB32`` QImage.

    Safe to call off the GUI thread. Raises a SkyClearError for a file that cannot be used.
    """
    from desktop_app.core import imaging

    return rgb_to_rgb32(imaging.load_rgb(Path(path)))


class _Overlay:
    """A 0/1 mask array and an indexed QImage sharing its memory."""

    def __init__(self, width: int, height: int, colour: QColor, opacity: float) -> None:
        self.array = mask_ops.new_mask(width, height)
        base = self.array.base
        assert base is not None
        self._buffer = base  # keeps the memory alive as long as the image
        self.image = QImage(base, width, height, base.strides[0],  # type: ignore[call-overload]
                            QImage.Format.Format_Indexed8)
        self.set_colour(colour, opacity)

    def set_colour(self, colour: QColor, opacity: float) -> None:
        alpha = round(255 * min(1.0, max(0.0, opacity)))
        self.image.setColorTable([qRgba(0, 0, 0, 0),
                                  qRgba(colour.red(), colour.green(), colour.blue(), alpha)])


@dataclass
class _Pending:
    """A background job's answer handlers (``MaskSurface.run_job``)."""

    kind: str
    on_done: Callable[[Any], None]
    on_failed: Callable[[str], None] | None


class MaskSurface(ZoomPanWidget):
    """The photo with its mask (see the module docstring); no mouse or keyboard tools.

    Public API: ``set_photo``, ``load_photo``, ``set_mask``, ``mask``, ``mask_view``,
    ``coverage``, display (``set_overlay_colour``, ``set_overlay_opacity``,
    ``set_mask_visible``), edits (``grow_shrink``, ``invert``, ``clear``, ``undo``, ``redo``,
    ``smart_select``, ``accept_proposal``, ``reject_proposal``), ``run_job`` and the signals
    below.
    """

    maskChanged = Signal()  # the mask (or what undo/redo can do) changed
    maskVisibleChanged = Signal(bool)
    proposalChanged = Signal(bool)  # a smart-select proposal is (True) or is no longer shown
    busyChanged = Signal(bool)  # background work that locks editing started/ended
    photoLoaded = Signal()
    loadFailed = Signal(str)
    message = Signal(str)  # a hint or an error sentence for the status line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._photo = QImage()
        self._mask: _Overlay | None = None
        self._proposal: _Overlay | None = None
        self._proposal_box: Box | None = None
        self._undo: UndoStack | None = None
        self._colour = QColor(DEFAULT_COLOUR)
        self._opacity = DEFAULT_OPACITY
        self._visible = True
        self._peeking = False  # M held: the mask is hidden until M is released
        # background work
        self._jobs: dict[int, _Pending] = {}
        self._job_token = 0
        self._busy_kind = ""
        self.setCursor(Qt.CursorShape.CrossCursor)

    # -- hooks for the tools that paint on the surface ----------------------------------------
    def _finish_gesture(self) -> None:
        """Apply a gesture in progress, before the mask changes under it."""

    def _cancel_gesture(self) -> bool:
        """Drop a gesture in progress without applying it; True if there was one."""
        return False

    # -- photo and mask ---------------------------------------------------------------------
    def set_photo(self, image: QImage, mask: npt.ArrayLike | None = None) -> None:
        """Show ``image`` (the exact pixels the service will get) with an empty mask, or with
        ``mask`` (bool or 0/1, the image's size) as the starting point (not undoable)."""
        photo = to_rgb32(image)
        self._photo = photo
        w, h = photo.width(), photo.height()
        self._mask = _Overlay(w, h, self._colour, self._opacity)
        self._proposal = None
        self._proposal_box = None
        if mask is not None:
            arr = self._checked_mask(mask)
            self._mask.array[...] = arr
        self._undo = UndoStack(self._mask.array)
        self._cancel_gesture()
        self.set_image(photo)
        self.proposalChanged.emit(False)
        self.maskChanged.emit()

    def load_photo(self, path: Path, mask_loader: Callable[[QImage], Any] | None = None) -> None:
        """Decode ``path`` off the GUI thread, then show it; ``photoLoaded`` or ``loadFailed``
        follows. ``mask_loader(image)`` (also run in the worker) may return a starting mask."""
        self.set_empty_text(self.tr("Opening the photo…"))

        def work() -> tuple[QImage, Any]:
            image = load_photo_file(Path(path))
            start = mask_loader(image) if mask_loader is not None else None
            return image, start

        def done(result: tuple[QImage, Any]) -> None:
            image, start = result
            self.set_empty_text("")
            self.set_photo(image, start)
            self.photoLoaded.emit()

        def failed(text: str) -> None:
            self.set_empty_text(text)
            self.loadFailed.emit(text)

        self.run_job("load", work, done, failed, locks=True)

    def photo(self) -> QImage:
        return self._photo

    def has_photo(self) -> bool:
        return self._mask is not None

    def mask(self) -> npt.NDArray[np.bool_]:  # type: ignore[override]  # the painted mask
        """A copy of the mask: bool, the photo's size, True = remove."""
        if self._mask is None:
            return np.zeros((0, 0), np.bool_)
        return self._mask.array.view(np.bool_).copy()

    def mask_view(self) -> npt.NDArray[np.bool_]:
        """The live mask (read only, please: edits must go through the canvas)."""
        if self._mask is None:
            return np.zeros((0, 0), np.bool_)
        view = self._mask.array.view(np.bool_)
        view.flags.writeable = False
        return view

    def set_mask(self, mask: npt.ArrayLike, label: str = "Import") -> None:
        """Replace the whole mask (bool or 0/1, the photo's size) as one undoable step."""
        if self._mask is None or self._undo is None:
            raise RuntimeError("no photo")
        self._finish_gesture()
        arr = self._checked_mask(mask)
        self._mask.array[...] = arr
        self._commit(None, label)
        self.update()

    def _checked_mask(self, mask: npt.ArrayLike) -> npt.NDArray[np.uint8]:
        assert self._mask is not None
        arr = np.asarray(mask)
        if arr.shape != self._mask.array.shape:
            raise ValueError(f"the mask is {arr.shape[::-1]} but the photo is "
                             f"{self._mask.array.shape[::-1]}")
        if arr.dtype == np.bool_:
            return arr.view(np.uint8)
        return (arr != 0).view(np.uint8)

    def coverage(self) -> float:
        return 0.0 if self._mask is None else mask_ops.coverage(self._mask.array)

    def marked_pixels(self) -> int:
        return 0 if self._mask is None else mask_ops.count(self._mask.array)

    def undo_stack(self) -> UndoStack | None:
        return self._undo
    # -- display ----------------------------------------------------------------------------
    def overlay_colour(self) -> QColor:
        return QColor(self._colour)

    def set_overlay_colour(self, colour: QColor) -> None:
        self._colour = QColor(colour)
        if self._mask is not None:
            self._mask.set_colour(self._colour, self._opacity)
        self.update()

    def overlay_opacity(self) -> float:
        return self._opacity

    def set_overlay_opacity(self, opacity: float) -> None:
        self._opacity = min(1.0, max(0.05, float(opacity)))
        if self._mask is not None:
            self._mask.set_colour(self._colour, self._opacity)
        self.update()

    def mask_visible(self) -> bool:
        return self._visible and not self._peeking

    def set_mask_visible(self, visible: bool) -> None:
        self._show(bool(visible), self._peeking)

    def _set_peeking(self, peeking: bool) -> None:
        self._show(self._visible, peeking)

    def _show(self, visible: bool, peeking: bool) -> None:
        before = self.mask_visible()
        self._visible, self._peeking = visible, peeking
        if before != self.mask_visible():
            self.update()
            self.maskVisibleChanged.emit(self.mask_visible())

    def is_busy(self) -> bool:
        return bool(self._busy_kind)

    # -- whole-mask edits -------------------------------------------------------------------
    def can_undo(self) -> bool:
        return self._undo is not None and self._undo.can_undo()

    def can_redo(self) -> bool:
        return self._undo is not None and self._undo.can_redo()

    def undo(self) -> None:
        self._step_history(back=True)

    def redo(self) -> None:
        self._step_history(back=False)

    def _step_history(self, back: bool) -> None:
        if self._undo is None or self.is_busy():
            return
        self._finish_gesture()
        box = self._undo.undo() if back else self._undo.redo()
        if box is not None:
            self._refresh_box(box)
            self.maskChanged.emit()

    def invert(self) -> None:
        self._whole_mask_edit(mask_ops.invert, self.tr("Invert"))

    def clear(self) -> None:
        self._whole_mask_edit(mask_ops.clear, self.tr("Clear"))

    def _whole_mask_edit(self, op: Callable[[npt.NDArray[np.uint8]], Box | None],
                         label: str) -> None:
        if self._mask is None or self.is_busy():
            return
        self._finish_gesture()
        box = op(self._mask.array)
        if box is not None:
            self._commit(box, label)
            self._refresh_box(box)

    def grow_shrink(self, pixels: int) -> None:
        """Grow (positive) or shrink (negative) the mask by ``pixels``, in the background."""
        if self._mask is None or self.is_busy() or pixels == 0:
            return
        self._finish_gesture()
        found = mask_ops.bbox(self._mask.array)
        if found is None:
            return
        n = abs(int(pixels))
        full_w, full_h = self._photo.width(), self._photo.height()
        box = found.pad(n + 1).clip(full_w, full_h)
        assert box is not None
        work = self._mask.array[box.slices].copy()
        label = self.tr("Grow") if pixels > 0 else self.tr("Shrink")

        def compute() -> tuple[Box, npt.NDArray[np.uint8]]:
            # the crop keeps a 1 px ring of true neighbours, except where it meets the photo's
            # border, which the operations treat as the photo's own edge
            mask_ops.grow_or_shrink(work, int(pixels))
            return box, work

        def apply(result: tuple[Box, npt.NDArray[np.uint8]]) -> None:
            assert self._mask is not None
            target, data = result
            self._mask.array[target.slices] = data
            self._commit(target, label)
            self._refresh_box(target)

        self.run_job("grow", compute, apply, None, locks=True)

    # -- smart select -----------------------------------------------------------------------
    def has_proposal(self) -> bool:
        return self._proposal_box is not None

    def proposal(self) -> npt.NDArray[np.bool_]:
        """A copy of the pending smart-select proposal (all False when there is none)."""
        if self._proposal is None:
            return np.zeros(self.mask_view().shape, np.bool_)
        return self._proposal.array.view(np.bool_).copy()

    def smart_select(self, point: tuple[float, float] | None = None,
                     rect: tuple[int, int, int, int] | None = None,
                     subtract: bool = False) -> None:
        """Propose a selection for the object at ``point`` (photo pixels) and/or in ``rect``
        (x0, y0, x1, y1); with ``subtract`` the result is taken out of the current proposal.
        Runs in the background; the proposal appears when it is ready."""
        if self._mask is None or self.is_busy():
            return
        photo = self._photo
        rgb = qimage_rgb_view(photo)

        def compute() -> Selection:
            _keep = photo  # the view above is only valid while the image lives
            return select_region(rgb, point, rect)

        def apply(sel: Selection) -> None:
            self._merge_proposal(sel, subtract)

        self.message.emit(self.tr("Finding the object…"))
        self.run_job("smart", compute, apply, None, locks=True)

    def _merge_proposal(self, sel: Selection, subtract: bool) -> None:
        if self._mask is None:
            return
        if sel.pixels == 0:
            self.message.emit(self.tr("No object found there; try dragging a box around it."))
            return
        if self._proposal is None:
            w, h = self._photo.width(), self._photo.height()
            self._proposal = _Overlay(w, h, PROPOSAL_COLOUR, 0.55)
        box = mask_ops.paste(self._proposal.array, sel.region, (sel.box.x0, sel.box.y0),
                             "subtract" if subtract else "add")
        if box is not None:
            self._refresh_box(box)
        self._proposal_box = mask_ops.bbox(self._proposal.array)
        self.proposalChanged.emit(self._proposal_box is not None)
        if self._proposal_box is not None:
            self.message.emit(self.tr("Enter adds the blue selection to the mask, Esc discards "
                                      "it; click again to add, Shift-click to take away."))

    def accept_proposal(self) -> None:
        """Add the proposal to the mask (one undo step)."""
        if self._proposal is None or self._proposal_box is None or self._mask is None:
            return
        box = self._proposal_box
        dst = self._mask.array[box.slices]
        np.bitwise_or(dst, self._proposal.array[box.slices], out=dst)
        self._drop_proposal()
        self._commit(box, self.tr("Smart select"))
        self._refresh_box(box)

    def reject_proposal(self) -> None:
        if self._proposal_box is None:
            return
        box = self._proposal_box
        self._drop_proposal()
        self._refresh_box(box)

    def _drop_proposal(self) -> None:
        self._proposal = None
        self._proposal_box = None
        self.proposalChanged.emit(False)
        self.message.emit("")

    # -- jobs -------------------------------------------------------------------------------
    def run_job(self, kind: str, fn: Callable[[], object], on_done: Callable[[Any], None],
                on_failed: Callable[[str], None] | None = None, *, locks: bool = True) -> int:
        """Run ``fn`` in the canvas's pool; ``on_done(result)`` or ``on_failed(sentence)`` then
        runs on the GUI thread. With ``locks`` editing is refused until it is over."""
        self._job_token += 1
        token = self._job_token
        self._jobs[token] = _Pending(kind, on_done, on_failed)
        if locks:
            self._set_busy(kind)
        self.tasks().submit(fn, on_done=partial(self._on_job_done, token),
                            on_error=partial(self._on_job_failed, token))
        return token

    def _set_busy(self, kind: str) -> None:
        was = self.is_busy()
        self._busy_kind = kind
        if was != self.is_busy():
            self._update_cursor()
            self.busyChanged.emit(self.is_busy())

    def _on_job_done(self, token: int, result: object) -> None:
        pending = self._jobs.pop(token, None)
        if pending is None:
            return
        if pending.kind == self._busy_kind:
            self._set_busy("")
        pending.on_done(result)

    def _on_job_failed(self, token: int, error: BaseException) -> None:
        text = failure_text(error)  # the runner logs unexpected tracebacks
        pending = self._jobs.pop(token, None)
        if pending is None:
            return
        if pending.kind == self._busy_kind:
            self._set_busy("")
        if pending.on_failed is not None:
            pending.on_failed(text)
        else:
            self.message.emit(text)

    # -- coordinates and commits --------------------------------------------------------------
    def _box_to_widget(self, box: Box) -> QRect:
        pane = self.pane_rects()[0]
        rect = self.viewport().image_rect_to_widget(
            QRectF(box.x0, box.y0, box.width, box.height)).translated(pane.topLeft())
        return rect.toAlignedRect().adjusted(-2, -2, 2, 2)

    def _refresh_box(self, box: Box | None) -> None:
        if box is not None:
            self.update(self._box_to_widget(box))

    def _commit(self, box: Box | None, label: str) -> None:
        if self._undo is not None:
            self._undo.commit(box, label)
        self.maskChanged.emit()

    # -- painting ---------------------------------------------------------------------------
    def has_content(self) -> bool:
        return super().has_content() and self._mask is not None

    def paint_overlay(self, painter: QPainter) -> None:
        if self._mask is None:
            return
        visible = self.viewport().visible_image_rect()
        source = visible.toAlignedRect().intersected(self._mask.image.rect())
        if source.isEmpty():
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        if self.mask_visible():
            painter.drawImage(QRectF(source), self._mask.image, QRectF(source))
        if self._proposal is not None and self._proposal_box is not None:
            painter.drawImage(QRectF(source), self._proposal.image, QRectF(source))

    def _update_cursor(self) -> None:  # extends ZoomPanWidget's: a crosshair, busy while locked
        if self.is_panning():
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif self.space_held():
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        elif self.is_busy():
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.setCursor(Qt.CursorShape.CrossCursor)
