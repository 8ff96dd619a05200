"""The sky selection under review and the steps that change it, run off the GUI thread.

``SkySelection`` holds what the sky review works on: a working copy of the photo (at most
``WORK_LONG`` pixels), the sky found automatically, the regions selected now, their undo history
and the darker shot the sky was found with. Each step (open the photo, find the sky, a click,
undo, reset, a darker shot, the preview of the new sky) runs in the background and reports with
a signal; the sky review dialog (``ui/sky_review.py``) shows the state and words it.

Detection, clicks and the preview run on the working copy (the detector works on smaller copies
anyway, and a click answers in a fraction of a second even for a 24 MP photo), in the local
engine's worker processes (``core/workers.py``; given by the window, or the selection's own when
none is): in a thread of the window's process NumPy would hold the interpreter lock in stretches
the window feels as stalls. The selection stays at that size: the pipeline scales it to the
prepared photo off the window's thread, and the local engine uses it as a choice of regions,
detecting the soft edges again on the full photo.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from desktop_app.core.errors import SkyClearError
from desktop_app.core.undo import History, Step, diff_step
from desktop_app.core.workers import Workers
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui.image_arrays import rgb_to_qimage, rgb_to_rgb32
from desktop_app.ui.messages import failure_text
from desktop_app.ui.sky_canvas import Regions, describe_regions

__all__ = ["DISPLAY_LONG", "WORK_LONG", "SkySelection"]

log = logging.getLogger(__name__)

# Longest side of the copy shown on screen.
DISPLAY_LONG = 2048
# Longest side of the copy on which the sky is detected, clicks are resolved and the preview
# is painted (the size at which the detector labels its regions).
WORK_LONG = 1024
# Clicks that can be undone.
UNDO_LIMIT = 40


class Detection(NamedTuple):
    alpha: npt.NDArray[np.float32]
    regions: Regions
    seconds: float
    blown: float  # the share of the sky found where the photo is blown out to white


def _detection(work: npt.NDArray[np.uint8], alpha: npt.NDArray[np.float32], scale: float,
               seconds: float) -> Detection:
    """What a detection on the working copy found (in the background: regions are traced)."""
    from desktop_app.engines.local import sky

    return Detection(alpha, describe_regions(alpha, scale), seconds,
                     sky.blown_out_share(work, alpha))


@dataclass(frozen=True)
class _Loaded:
    display: QImage
    work: npt.NDArray[np.uint8]
    full_size: tuple[int, int]  # (width, height), upright


def _work_copy(rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """``rgb`` (the copy shown) shrunk to at most ``WORK_LONG`` pixels, box-filtered."""
    from desktop_app.engines.local.sky_util import resize, scaled_size

    small = resize(rgb, scaled_size(rgb.shape[0], rgb.shape[1], WORK_LONG), area=True)
    return np.ascontiguousarray(small, dtype=np.uint8)


def _load(path: Path) -> _Loaded:
    from desktop_app.core import imaging

    info = imaging.inspect_image(path)
    rgb = imaging.load_rgb(path, max_side=DISPLAY_LONG)
    return _Loaded(display=rgb_to_rgb32(rgb), work=_work_copy(rgb),
                   full_size=info.oriented_size)


def _load_dark(path: Path) -> npt.NDArray[np.uint8]:
    """A darker shot of the same scene, made like the working copy (its own shape: the
    detection says when it does not match the photo)."""
    from desktop_app.core import imaging

    return _work_copy(imaging.load_rgb(path, max_side=DISPLAY_LONG))


def _sentence(error: BaseException) -> str:
    if not isinstance(error, SkyClearError | MemoryError):
        log.error("sky review step failed", exc_info=error)
    return failure_text(error)


class SkySelection(QObject):
    """The sky of one photo as the user is choosing it (see the module docstring).

    Steps are named by a kind: ``load``, ``detect``, ``dark`` (a darker shot), ``remove`` and
    ``add`` (a click), ``undo``, ``reset``; one runs at a time (``busy()`` is its kind).
    """

    opened = Signal(QImage)  # the photo is decoded (the copy to show); the sky is being found
    changed = Signal(str)  # a step changed the regions: its kind
    failed = Signal(str, str)  # a step failed: its kind and the sentence saying why
    busyChanged = Signal()
    previewPainted = Signal()  # a preview was painted (``preview()`` may be stale again)

    def __init__(self, image_path: str | Path, parent: QObject | None = None, *,
                 workers: Workers | None = None) -> None:
        super().__init__(parent)
        # the local engine's worker processes (a warm one is reused), or the selection's own
        self._own_workers = workers is None
        self.workers = workers or Workers(1)
        self.path = Path(image_path)
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._ready = False
        self._busy = ""
        self._work: npt.NDArray[np.uint8] | None = None
        self._full_size = (0, 0)
        self._display_size = (0, 0)
        # the sky found with each shot used (None: the photo alone); the one of the shot in
        # use is the automatic sky
        self._found: dict[Path | None, Detection] = {}
        self._regions: Regions | None = None
        self.version = 0  # counts the regions shown
        self._history = History(max_steps=UNDO_LIMIT)
        self._dark_frame: Path | None = None  # the darker shot the sky was found with
        # each darker shot used, as its working copy: decoded once, for its detection
        self._dark_work: dict[Path, npt.NDArray[np.uint8]] = {}
        self._preview: QImage | None = None
        self._preview_version = -1
        self._preview_running = False
        self.detect_seconds = 0.0  # how long the detection took (shown nowhere; for benchmarks)
        # The sky is drawn on a canvas of the same size for any photo size, so the preview on
        # the small copy shows the very sky the result gets with this seed.
        self.seed = secrets.randbelow(2**31)

    # -- state --------------------------------------------------------------------------------
    def is_ready(self) -> bool:
        """The sky was found and can be changed."""
        return self._ready

    def busy(self) -> str:
        """The kind of the step running ("" when none)."""
        return self._busy

    def can_edit(self) -> bool:
        return self._ready and not self._busy and self._work is not None

    def can_undo(self) -> bool:
        return self._history.can_undo()

    def is_automatic(self) -> bool:
        """The regions are the sky as it was found (or nothing was found yet)."""
        auto = self._auto()
        return auto is None or self._regions is None or \
            np.array_equal(self._regions.alpha, auto.alpha)

    def found_nothing(self) -> bool:
        """The sky found automatically has no region."""
        auto = self._auto()
        return auto is not None and auto.regions.count == 0

    def mostly_blown_out(self) -> bool:
        """The sky found in the photo alone is mostly blown out to white, where a white
        ceiling behind the glass looks the same: a darker shot of the scene would help."""
        auto = self._auto()
        from desktop_app.engines.local.sky import BLOWN_HINT  # loaded by the detection

        return self._dark_frame is None and auto is not None and auto.blown >= BLOWN_HINT

    def regions(self) -> Regions | None:
        """The regions on the working copy (alpha, labels, count), None before detection."""
        return self._regions

    def region_count(self) -> int:
        return self._regions.count if self._regions is not None else 0

    def mask(self) -> npt.NDArray[np.bool_] | None:
        """The selected sky on the working copy (bool, True = sky), or None when the photo is
        not open yet or nothing is selected. Not enlarged here: for a 24 MP photo that alone
        would hold the window for a tenth of a second."""
        r = self._regions
        if r is None or r.count == 0:
            return None
        return r.labels > 0

    def dark_frame(self) -> Path | None:
        """The darker shot the sky was found with (None: the photo alone)."""
        return self._dark_frame

    def photo_size(self) -> tuple[int, int]:
        """(width, height) of the photo, upright; (0, 0) until it is open."""
        return self._full_size

    def work_size(self) -> tuple[int, int]:
        """(width, height) of the copy on which the regions are worked out."""
        if self._work is None:
            return (0, 0)
        return (self._work.shape[1], self._work.shape[0])

    def display_scale(self) -> float:
        """Display pixels per working pixel."""
        if self._work is None or not self._display_size[0]:
            return 1.0
        return self._display_size[0] / self._work.shape[1]

    def pending(self) -> int:
        """Steps sent to the background and not answered yet."""
        return self._tasks.pending()

    # -- steps --------------------------------------------------------------------------------
    def open(self) -> None:
        """Decode the photo, then find its sky."""
        self._set_busy("load")
        self._tasks.submit(_load, self.path, on_done=self._loaded,
                           on_error=lambda error: self._failed("load", error))

    def click(self, px: int, py: int) -> None:
        """A click on working pixel (px, py): take out the region there, or add the window
        there when there is none. Ignored unless ``can_edit()``."""
        if not self.can_edit():
            return
        assert self._work is not None and self._regions is not None
        h, w = self._work.shape[:2]
        px, py = min(max(px, 0), w - 1), min(max(py, 0), h - 1)
        work, before, workers = self._work, self._regions.alpha, self.workers
        removing = bool(self._regions.labels[py, px] > 0)

        def edit() -> npt.NDArray[np.float32]:
            from desktop_app.engines.local import sky

            if removing:
                return workers.run(sky.remove_region_at, before, px, py)
            return workers.run(sky.add_region_at, work, before, px, py)

        self._change_regions("remove" if removing else "add", edit)

    def click_at(self, x: float, y: float) -> None:
        """``click`` on photo pixel (x, y) (the photo's own coordinates)."""
        if self._work is None:
            return
        fw, fh = self._full_size
        ww, wh = self.work_size()
        self.click(math.floor((x + 0.5) * ww / fw), math.floor((y + 0.5) * wh / fh))

    def undo(self) -> None:
        """Go back to the regions before the last click, reset or darker shot (and then to
        the sky found without that shot)."""
        if not self._history.can_undo() or not self.can_edit():
            return
        assert self._regions is not None
        step, after = self._history.take_undo(), self._regions.alpha
        assert step is not None

        def before() -> npt.NDArray[np.float32]:
            alpha = after.copy()
            step.apply(alpha)
            return alpha

        def then() -> None:
            if step.context is not None:  # a darker shot: the one used before it is back
                shot = step.context[0]
                assert shot is None or isinstance(shot, Path)
                self._use_shot(shot)

        self._change_regions("undo", before, undoable=False, then=then)

    def reset_to_automatic(self) -> None:
        """Bring back the sky as it was detected (can be undone)."""
        auto = self._auto()
        if auto is None or not self.can_edit() or self.is_automatic():
            return
        alpha = auto.alpha
        self._change_regions("reset", lambda: alpha)

    def use_dark_frame(self, path: str | Path) -> None:
        """Find the sky again with a darker shot of the same scene: where the photo is blown
        out, the sky is only where that shot shows it. The regions are that sky, clicks made
        so far left aside (an undo brings them back, and the shot used before); a shot that
        cannot be used fails the step and the regions stay as they were."""
        if not self.can_edit():
            return
        assert self._work is not None and self._regions is not None
        work, scale, workers, dark_path = self._work, self.display_scale(), self.workers, \
            Path(path)
        shown, context = self._regions.alpha, (self._dark_frame, dark_path)

        def detect() -> tuple[Detection, Step | None, npt.NDArray[np.uint8]]:
            from desktop_app.engines.local import sky

            dark = _load_dark(dark_path)
            start = time.perf_counter()
            alpha = workers.run(sky.detect_sky, work, dark)
            seconds = time.perf_counter() - start
            step = diff_step(shown, alpha, label="dark", context=context)
            return _detection(work, alpha, scale, seconds), step, dark

        def done(result: tuple[Detection, Step | None, npt.NDArray[np.uint8]]) -> None:
            detection, step, dark = result
            assert step is not None  # made with a context: never None
            self._history.push(step)
            self._dark_work[dark_path] = dark  # the previews use it too
            self._detected("dark", detection, dark_path)

        self._set_busy("dark")
        self._tasks.submit(detect, on_done=done, on_error=lambda e: self._failed("dark", e))

    def preview(self) -> QImage | None:
        """The preview of the new sky on the working copy for the regions shown now (None
        until painted, or when the regions changed since)."""
        current = self._preview is not None and self._preview_version == self.version
        return self._preview if current else None

    def preview_running(self) -> bool:
        return self._preview_running

    def paint_preview(self) -> None:
        """Paint the preview of the regions shown now, unless it is painted or being painted."""
        if self._preview_running or self._regions is None or self.preview() is not None:
            return
        assert self._work is not None
        work, alpha, version, seed = self._work, self._regions.alpha, self.version, self.seed
        # with the darker shot the job gets: its view in the windows, as in the result
        workers = self.workers
        dark = self._dark_work[self._dark_frame] if self._dark_frame is not None else None

        def paint() -> tuple[QImage, int]:
            from desktop_app.engines.local import sky

            painted = workers.run(sky.replace_sky, work, alpha, seed=seed, dark=dark)
            return rgb_to_qimage(painted), version

        def done(result: tuple[QImage, int]) -> None:
            self._preview_running = False
            self._preview, self._preview_version = result
            self.previewPainted.emit()

        def failed(error: BaseException) -> None:
            self._preview_running = False
            self.failed.emit("preview", _sentence(error))

        self._preview_running = True
        self._tasks.submit(paint, on_done=done, on_error=failed)

    def close(self) -> None:
        """Let go at once: a step still running finishes unseen, and the selection's own worker
        process is stopped without waiting for it."""
        self._tasks.retire()
        if self._own_workers:
            self.workers.close()

    # -- answers ------------------------------------------------------------------------------
    def _loaded(self, loaded: _Loaded) -> None:
        self._work = loaded.work
        self._full_size = loaded.full_size
        self._display_size = (loaded.display.width(), loaded.display.height())
        self.opened.emit(loaded.display)
        self._set_busy("detect")
        work, scale, workers = loaded.work, self.display_scale(), self.workers

        def detect() -> Detection:
            from desktop_app.engines.local import sky

            start = time.perf_counter()
            alpha = workers.run(sky.detect_sky, work)
            seconds = time.perf_counter() - start
            return _detection(work, alpha, scale, seconds)

        self._tasks.submit(detect, on_done=lambda result: self._detected("detect", result),
                           on_error=lambda error: self._failed("detect", error))

    def _detected(self, kind: str, result: Detection, shot: Path | None = None) -> None:
        self.detect_seconds = result.seconds
        self._found[shot] = result
        self._use_shot(shot)
        self._ready = True
        self._show(kind, result.regions)

    def _use_shot(self, shot: Path | None) -> None:
        """Find the sky with ``shot`` (None: the photo alone) from now on: the job gets it,
        and "Reset to automatic" brings back the sky found with it."""
        self._dark_frame = shot

    def _auto(self) -> Detection | None:
        """The sky found with the shot in use (None before the first detection)."""
        return self._found.get(self._dark_frame)

    def _change_regions(self, kind: str, new_alpha: Callable[[], npt.NDArray[np.float32]],
                        undoable: bool = True, then: Callable[[], None] | None = None) -> None:
        """Work out the regions of ``new_alpha()`` in the background and show them (after
        ``then()``); when ``undoable``, the change goes on the undo history once that succeeded
        (packed in the background too: a few megabytes are not worth a pause of the window).
        An undo that fails keeps its step, so the history still matches the regions shown."""
        assert self._regions is not None
        before, scale = self._regions.alpha, self.display_scale()

        def work() -> tuple[Regions, Step | None]:
            regions = describe_regions(new_alpha(), scale)
            step = diff_step(before, regions.alpha, label=kind) if undoable else None
            return regions, step

        def done(result: tuple[Regions, Step | None]) -> None:
            regions, step = result
            if step is not None:
                self._history.push(step)
            if then is not None:
                then()
            self._show(kind, regions)

        def failed(error: BaseException) -> None:
            if kind == "undo":
                self._history.take_redo()
            self._failed(kind, error)

        self._set_busy(kind)
        self._tasks.submit(work, on_done=done, on_error=failed)

    def _show(self, kind: str, regions: Regions) -> None:
        self._regions = regions
        self.version += 1
        self._busy = ""
        self.changed.emit(kind)
        self.busyChanged.emit()

    def _failed(self, kind: str, error: BaseException) -> None:
        self._busy = ""
        self.failed.emit(kind, _sentence(error))
        self.busyChanged.emit()

    def _set_busy(self, kind: str) -> None:
        self._busy = kind
        self.busyChanged.emit()
