"""Undo/redo for a mask, with a hard memory budget.

The stack keeps one private copy of the last committed mask. Committing a change compares the
live mask with that copy inside the changed box only, and stores the difference as an XOR bit
plane (eight pixels a byte) compressed with zlib level 1. The same XOR both undoes and redoes
a step, so a step costs a few hundred bytes for a brush stroke and a few kilobytes for a
whole-photo invert. When the steps together exceed the budget, the oldest are forgotten.
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


@dataclass(frozen=True, slots=True)
class Step:
    box: Box
    packed: bytes  # zlib(packbits(before XOR after)) over box, rows concatenated
    label: str

    @property
    def nbytes(self) -> int:
        return len(self.packed) + _STEP_OVERHEAD


class UndoStack:
    """Undo history of one mask array, edited in place by the caller.

    Usage: edit ``mask`` (only through code that knows the box it touched), then
    ``commit(box, "Brush")``. ``undo()``/``redo()`` change ``mask`` in place and return the box
    to refresh. Edits that are never committed are invisible to the history; ``revert`` drops
    them.
    """

    def __init__(self, mask: Mask, *, budget_bytes: int = DEFAULT_BUDGET,
                 max_steps: int = DEFAULT_MAX_STEPS) -> None:
        self._mask = as_u8(mask)
        self._base = self._mask.copy()
        self.budget_bytes = int(budget_bytes)
        self.max_steps = max(1, int(max_steps))
        self._undo: deque[Step] = deque()
        self._redo: list[Step] = []
        self._used = 0
        self.dropped = 0  # steps forgotten to respect the budget

    # -- state --------------------------------------------------------------------------------
    @property
    def mask(self) -> npt.NDArray[np.uint8]:
        return self._mask

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
        """Everything the stack holds: the steps plus its copy of the committed mask."""
        return self._used + int(self._base.nbytes)

    # -- recording ----------------------------------------------------------------------------
    def commit(self, box: Box | None = None, label: str = "") -> Box | None:
        """Record what changed inside ``box`` (the whole mask if None) as one step.

        Returns the box that really changed, or None (and records nothing) if nothing did.
        """
        full = Box.full(self._mask)
        box = full if box is None else box.clip(full.x1, full.y1)
        if box is None:
            return None
        diff = np.bitwise_xor(self._mask[box.slices], self._base[box.slices])
        tight = bbox(diff)
        if tight is None:
            return None
        diff = diff[tight.slices]
        changed = Box(box.x0 + tight.x0, box.y0 + tight.y0, box.x0 + tight.x1, box.y0 + tight.y1)
        step = Step(changed, zlib.compress(np.packbits(diff, axis=None).tobytes(), 1), label)
        self._base[changed.slices] = self._mask[changed.slices]
        self._forget_redo()
        self._undo.append(step)
        self._used += step.nbytes
        self._enforce_budget()
        return changed

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
        self._undo.clear()
        self._redo.clear()
        self._used = 0

    # -- moving -------------------------------------------------------------------------------
    def undo(self) -> Box | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        self._apply(step)
        self._redo.append(step)
        return step.box

    def redo(self) -> Box | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._apply(step)
        self._undo.append(step)
        return step.box

    def _apply(self, step: Step) -> None:
        box = step.box
        bits = np.unpackbits(np.frombuffer(zlib.decompress(step.packed), np.uint8),
                             count=box.area).reshape(box.height, box.width)
        # any uncommitted edit there is dropped first, so the XOR lands on the state it was made on
        self._mask[box.slices] = self._base[box.slices]
        np.bitwise_xor(self._mask[box.slices], bits, out=self._mask[box.slices])
        self._base[box.slices] = self._mask[box.slices]

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
