"""Undo/redo over packed steps, with a hard memory budget.

A step is the difference between two states of a 2-D array inside the box that changed, stored
as an XOR and compressed with zlib level 1. The same XOR both undoes and redoes a step. A uint8
mask (0/1) is XORed as a bit plane, eight pixels a byte, so a brush stroke costs a few hundred
bytes and a whole-photo invert a few kilobytes; a float32 soft alpha is XORed word by word on
its bit patterns, so a step restores it exactly and unchanged pixels pack to almost nothing.
Steps are made by :func:`diff_step`, a pure function safe off the GUI thread.

:class:`History` keeps the steps (oldest forgotten past the budget or the step limit) for a
caller that replaces its array with each change; :class:`UndoStack` adds a tracked mask edited
in place, with its private copy of the last committed state.
"""

from __future__ import annotations

import zlib
from collections import deque
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from desktop_app.core.mask_ops import Box, Mask, as_u8, bbox

DEFAULT_BUDGET = 128 * 1024 * 1024
DEFAULT_MAX_STEPS = 500
_STEP_OVERHEAD = 160  # bytes of Python bookkeeping per step, counted against the budget

#: What a step can be taken over: a mask (bool or uint8 0/1) or a float32 soft alpha.
Undoable = Mask | npt.NDArray[np.float32]


def _words(array: Undoable) -> npt.NDArray[np.uint8] | npt.NDArray[np.uint32]:
    """The array's bits as an integer view to XOR (a view, never a copy)."""
    if array.dtype == np.float32:
        if array.ndim != 2:
            raise ValueError("a soft alpha must be a 2-D array")
        return array.view(np.uint32)
    return as_u8(array)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Step:
    box: Box
    packed: bytes  # zlib(before XOR after) over box, rows concatenated; bit-packed for masks
    label: str
    bits: bool = True  # True: a 0/1 mask packed eight pixels a byte; False: 32-bit words
    # what the owner changed beside the array, as (before, after): it puts ``before`` back on
    # undo and ``after`` on redo (the sky review: the darker shot the sky was found with)
    context: tuple[object, object] | None = None

    @property
    def nbytes(self) -> int:
        return len(self.packed) + _STEP_OVERHEAD

    def apply(self, array: Undoable) -> None:
        """XOR this step into ``array`` in place: takes the state after it back to the state
        before it, and the other way round."""
        box, raw = self.box, zlib.decompress(self.packed)
        if self.bits:
            diff: npt.NDArray[np.uint8] | npt.NDArray[np.uint32] = np.unpackbits(
                np.frombuffer(raw, np.uint8), count=box.area).reshape(box.height, box.width)
        else:
            diff = np.frombuffer(raw, np.uint32).reshape(box.height, box.width)
        view = _words(array)[box.slices]
        if view.dtype != diff.dtype:
            raise TypeError("this step was taken over an array of another kind")
        np.bitwise_xor(view, diff, out=view)  # type: ignore[call-overload]


def diff_step(before: Undoable, after: Undoable, box: Box | None = None,
              label: str = "", context: tuple[object, object] | None = None) -> Step | None:
    """The step from ``before`` to ``after`` (same shape and kind), looking only inside ``box``
    (everything if None); None when nothing changed there, unless a ``context`` changed (then
    a step with an empty box). Reads both, changes neither."""
    old, new = _words(before), _words(after)
    if old.shape != new.shape or old.dtype != new.dtype:
        raise ValueError("a step joins two arrays of the same shape and kind")
    bits = old.dtype == np.uint8
    unchanged = None if context is None else \
        Step(Box(0, 0, 0, 0), zlib.compress(b"", 1), label, bits, context)
    full = Box(0, 0, old.shape[1], old.shape[0])
    box = full if box is None else box.clip(full.x1, full.y1)
    if box is None:
        return unchanged
    diff = np.bitwise_xor(old[box.slices], new[box.slices])
    tight = bbox(diff if bits else diff != 0)  # type: ignore[arg-type]
    if tight is None:
        return unchanged
    diff = diff[tight.slices]
    changed = Box(box.x0 + tight.x0, box.y0 + tight.y0, box.x0 + tight.x1, box.y0 + tight.y1)
    raw = np.packbits(diff, axis=None).tobytes() if bits else np.ascontiguousarray(diff).tobytes()
    return Step(changed, zlib.compress(raw, 1), label, bits, context)


class History:
    """Undo and redo lists of steps, within a byte budget and a step limit.

    ``push`` records a step (and forgets what could be redone); ``take_undo``/``take_redo``
    move the latest step from one list to the other and return it for the caller to apply.
    The latest step is always kept, however large.
    """

    def __init__(self, *, budget_bytes: int = DEFAULT_BUDGET,
                 max_steps: int = DEFAULT_MAX_STEPS) -> None:
        self.budget_bytes = int(budget_bytes)
        self.max_steps = max(1, int(max_steps))
        self._undo: deque[Step] = deque()
        self._redo: list[Step] = []
        self._used = 0
        self.dropped = 0  # steps forgotten to respect the budget

    # -- state --------------------------------------------------------------------------------
    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def __len__(self) -> int:
        return len(self._undo)

    @property
    def redo_depth(self) -> int:
        return len(self._redo)

    @property
    def history_bytes(self) -> int:
        """Memory held by the stored steps (the budgeted part)."""
        return self._used

    @property
    def nbytes(self) -> int:
        """Everything the history holds."""
        return self._used

    # -- recording and moving -------------------------------------------------------------------
    def push(self, step: Step) -> None:
        self._forget_redo()
        self._undo.append(step)
        self._used += step.nbytes
        self._enforce_budget()

    def take_undo(self) -> Step | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(step)
        return step

    def take_redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(step)
        return step

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._used = 0

    def _forget_redo(self) -> None:
        for step in self._redo:
            self._used -= step.nbytes
        self._redo.clear()

    def _enforce_budget(self) -> None:
        while self._undo and (self._used > self.budget_bytes or len(self._undo) > self.max_steps):
            if len(self._undo) == 1 and len(self._undo) <= self.max_steps:
                break  # always keep the latest step, however large
            old = self._undo.popleft()
            self._used -= old.nbytes
            self.dropped += 1


class UndoStack(History):
    """Undo history of one mask array, edited in place by the caller.

    Usage: edit ``mask`` (only through code that knows the box it touched), then
    ``commit(box, "Brush")``. ``undo()``/``redo()`` change ``mask`` in place and return the box
    to refresh. Edits that are never committed are invisible to the history; ``revert`` drops
    them.
    """

    def __init__(self, mask: Mask, *, budget_bytes: int = DEFAULT_BUDGET,
                 max_steps: int = DEFAULT_MAX_STEPS) -> None:
        super().__init__(budget_bytes=budget_bytes, max_steps=max_steps)
        self._mask = as_u8(mask)
        self._base = self._mask.copy()

    @property
    def mask(self) -> npt.NDArray[np.uint8]:
        return self._mask

    @property
    def nbytes(self) -> int:
        """Everything the stack holds: the steps plus its copy of the committed mask."""
        return self._used + int(self._base.nbytes)

    def commit(self, box: Box | None = None, label: str = "") -> Box | None:
        """Record what changed inside ``box`` (the whole mask if None) as one step.

        Returns the box that really changed, or None (and records nothing) if nothing did.
        """
        step = diff_step(self._base, self._mask, box, label)
        if step is None:
            return None
        self._base[step.box.slices] = self._mask[step.box.slices]
        self.push(step)
        return step.box

    def revert(self, box: Box | None = None) -> Box | None:
        """Throw away uncommitted edits inside ``box`` (the whole mask if None)."""
        full = Box.full(self._mask)
        box = full if box is None else box.clip(full.x1, full.y1)
        if box is None:
            return None
        self._mask[box.slices] = self._base[box.slices]
        return box

    def reset(self) -> None:
        """Forget the history and take the current mask as the starting point."""
        self._base[...] = self._mask
        self.clear()

    def undo(self) -> Box | None:
        return self._apply(self.take_undo())

    def redo(self) -> Box | None:
        return self._apply(self.take_redo())

    def _apply(self, step: Step | None) -> Box | None:
        if step is None:
            return None
        box = step.box
        # any uncommitted edit there is dropped first, so the XOR lands on the state it was made on
        self._mask[box.slices] = self._base[box.slices]
        step.apply(self._mask)
        self._base[box.slices] = self._mask[box.slices]
        return box
