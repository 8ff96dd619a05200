"""The sky review dialog: check the sky the offline engine found before it paints a new one.

::

    dialog = SkyReviewDialog(photo_path, parent=win, position=(2, 5))  # photo 2 of a batch of 5
    if dialog.exec() == QDialog.DialogCode.Accepted:
        review = dialog.review()
        review.mask         # bool, the photo's upright proportions: True = put sky here
        review.review_rest  # False: the photos after this one take the automatic result
        review.skip         # True: leave this photo out of the batch (review.mask is None)
        review.seed         # the sky the preview showed: pass it on so the result has it too

The photo is decoded and the sky detected in the background (the dialog shows a busy state and
"Use this sky" stays disabled meanwhile). Every detected region is tinted and outlined (the
regions and the canvas that draws them: ``ui/sky_canvas.py``); a click inside one takes it out,
a click on the bright glass of a window that was missed adds it, Ctrl+Z undoes the last click
and "Reset to automatic" brings the detection back. "Preview sky" shows the new sky itself, on a
small copy.

Detection, clicks and the preview run on a copy of at most ``WORK_LONG`` pixels (the detector
works on smaller copies anyway, and a click answers in a fraction of a second even for a 24 MP
photo), in the local engine's worker processes (``core/workers.py``; given by the
window, or the dialog's own when none is): in a thread of the window's process NumPy would hold
the interpreter lock in stretches the window feels as stalls. The selection stays at that size:
the pipeline scales it to the prepared photo off the window's thread, and the local engine uses
it as a choice of regions, detecting the soft edges again on the full photo.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import SkyClearError
from desktop_app.core.undo import History, Step, diff_step
from desktop_app.core.workers import Workers
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui.banner import Banner
from desktop_app.ui.i18n import fill
from desktop_app.ui.image_arrays import rgb_to_qimage, rgb_to_rgb32
from desktop_app.ui.messages import failure_text
from desktop_app.ui.sky_canvas import Regions, SkyCanvas, describe_regions

__all__ = ["SkyReview", "SkyReviewDialog"]

log = logging.getLogger(__name__)

# Longest side of the copy shown on screen.
DISPLAY_LONG = 2048
# Longest side of the copy on which the sky is detected, clicks are resolved and the preview
# is painted (the size at which the detector labels its regions).
WORK_LONG = 1024
# Clicks that can be undone.
UNDO_LIMIT = 40


@dataclass(frozen=True)
class SkyReview:
    """What the user decided for one photo.

    ``mask`` is the selection (bool, True = sky; the working copy's size, the photo's upright
    proportions), or None for the automatic detection; ``review_rest`` False means the photos
    still waiting take the automatic result; ``skip`` True means this photo of a batch is not
    to be sent at all. ``seed`` is the sky the preview showed (None: any sky). ``dark_frame``
    is the darker shot of the same scene the sky was found with (None: the photo alone).
    """

    mask: npt.NDArray[np.bool_] | None
    review_rest: bool = True
    skip: bool = False
    seed: int | None = None
    dark_frame: str | None = None


@dataclass(frozen=True)
class _Loaded:
    display: QImage
    work: npt.NDArray[np.uint8]
    full_size: tuple[int, int]  # (width, height), upright


def _load(path: Path) -> _Loaded:
    from desktop_app.core import imaging
    from desktop_app.engines.local.sky_util import scaled_size

    info = imaging.inspect_image(path)
    rgb = imaging.load_rgb(path, max_side=DISPLAY_LONG)
    h, w = rgb.shape[:2]
    wh, ww = scaled_size(h, w, WORK_LONG)
    small = rgb if (wh, ww) == (h, w) else cv2.resize(rgb, (ww, wh),
                                                      interpolation=cv2.INTER_AREA)
    work = np.ascontiguousarray(small, dtype=np.uint8)
    display = rgb_to_rgb32(rgb)
    return _Loaded(display=display, work=work, full_size=info.oriented_size)


def _load_dark(path: Path) -> npt.NDArray[np.uint8]:
    """A darker shot of the same scene at about the working copy's size (its own shape: the
    detection says when it does not match the photo)."""
    from desktop_app.core import imaging
    from desktop_app.engines.local.sky_util import resize, scaled_size

    rgb = imaging.load_rgb(path, max_side=DISPLAY_LONG)
    small = resize(rgb, scaled_size(rgb.shape[0], rgb.shape[1], WORK_LONG), area=True)
    return np.ascontiguousarray(small, dtype=np.uint8)


def _sentence(error: BaseException) -> str:
    if not isinstance(error, SkyClearError | MemoryError):
        log.error("sky review step failed", exc_info=error)
    return failure_text(error)


class SkyReviewDialog(QDialog):
    """Check and fix the sky regions of one photo before the offline engine paints them
    (see the module docstring).

    ``position`` is (this photo's number, how many photos the batch has). In a batch the photo
    can be skipped, and when photos wait after this one a check box lets the user send them with
    the automatic detection instead of checking each.
    """

    ready = Signal()  # the detection is shown and can be changed
    regionsChanged = Signal()  # the regions changed (a click, undo, reset)
    previewReady = Signal()  # the preview of the new sky is shown

    def __init__(self, image_path: str | Path, parent: QWidget | None = None, *,
                 position: tuple[int, int] = (1, 1), workers: Workers | None = None) -> None:
        super().__init__(parent)
        # the local engine's worker processes (a warm one is reused), or the dialog's own
        self._own_workers = workers is None
        self._workers = workers or Workers(1)
        self._path = Path(image_path)
        number, total = (max(1, int(v)) for v in position)
        self._batch = total > 1
        self._remaining = max(0, total - number)
        self._skipped = False
        self._position_text = fill(self.tr("Photo %1 of %2"), number, total)
        if self._batch:
            title = fill(self.tr("Check the sky — %1 (photo %2 of %3)"), self._path.name,
                         number, total)
        else:
            title = fill(self.tr("Check the sky — %1"), self._path.name)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setSizeGripEnabled(True)
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._ready = False
        self._busy = ""
        self._work: npt.NDArray[np.uint8] | None = None
        self._full_size = (0, 0)
        self._display_size = (0, 0)
        self._auto: npt.NDArray[np.float32] | None = None
        self._auto_count = 0
        self._regions: Regions | None = None
        self._version = 0
        self._history = History(max_steps=UNDO_LIMIT)
        self._dark_frame: Path | None = None  # the darker shot the sky was found with
        self._preview: QImage | None = None
        self._preview_version = -1
        self._preview_running = False
        self.detect_seconds = 0.0  # how long the detection took (shown nowhere; for benchmarks)
        # The sky is drawn on a canvas of the same size for any photo size, so the preview on
        # the small copy shows the very sky the result gets with this seed.
        self.seed = secrets.randbelow(2**31)
        self.canvas = SkyCanvas(self)
        self.canvas.setMinimumSize(480, 320)
        self._build()
        self._wire()
        self._update_controls()
        self._fit_to_screen()
        self._start_loading()

    # -- public API ---------------------------------------------------------------------------
    def mask(self) -> npt.NDArray[np.bool_] | None:  # type: ignore[override]
        """The selected sky on the working copy (bool, True = sky), or None when the photo is
        not open yet or nothing is selected. Not enlarged here: for a 24 MP photo that alone
        would hold the window for a tenth of a second."""
        r = self._regions
        if r is None or r.count == 0:
            return None
        return r.labels > 0

    def review(self) -> SkyReview:
        """The decision (call after the dialog was accepted)."""
        if self._skipped:
            return SkyReview(None, self.review_rest(), skip=True)
        dark = str(self._dark_frame) if self._dark_frame is not None else None
        return SkyReview(self.mask(), self.review_rest(), seed=self.seed, dark_frame=dark)

    def skip(self) -> None:
        """Leave this photo out of the batch and go on with the next (accepts the dialog)."""
        if self._batch:
            self._skipped = True
            self.accept()

    def review_rest(self) -> bool:
        """False when the user chose the automatic detection for the photos still waiting."""
        return self._remaining == 0 or self.review_check.isChecked()

    def region_count(self) -> int:
        return self._regions.count if self._regions is not None else 0

    def regions(self) -> Regions | None:
        """The regions on the working copy (alpha, labels, count), None before detection."""
        return self._regions

    def photo_size(self) -> tuple[int, int]:
        """(width, height) of the photo, upright; (0, 0) until it is open."""
        return self._full_size

    def work_size(self) -> tuple[int, int]:
        """(width, height) of the copy on which the regions are worked out."""
        if self._work is None:
            return (0, 0)
        return (self._work.shape[1], self._work.shape[0])

    def is_ready(self) -> bool:
        return self._ready

    def is_busy(self) -> bool:
        return bool(self._busy)

    def notice(self) -> str:
        """The inline message shown above the photo ("" when none)."""
        return self.banner.text()

    def status(self) -> str:
        return self.status_label.text()

    def can_undo(self) -> bool:
        return self._history.can_undo()

    def click_at(self, x: float, y: float) -> None:
        """Act as a click on photo pixel (x, y) (the photo's own coordinates): take out the
        region there, or add the window there when there is none."""
        if self._work is None:
            return
        fw, fh = self._full_size
        ww, wh = self.work_size()
        self._click_work(math.floor((x + 0.5) * ww / fw), math.floor((y + 0.5) * wh / fh))

    def undo(self) -> None:
        """Go back to the regions before the last click or reset."""
        if not self._history.can_undo() or not self._can_edit():
            return
        assert self._regions is not None
        step, after = self._history.take_undo(), self._regions.alpha
        assert step is not None

        def before() -> npt.NDArray[np.float32]:
            alpha = after.copy()
            step.apply(alpha)
            return alpha

        self._change_regions("undo", before, undoable=False)

    def reset_to_automatic(self) -> None:
        """Bring back the sky as it was detected (can be undone)."""
        if self._auto is None or not self._can_edit() or self._regions is None:
            return
        if np.array_equal(self._regions.alpha, self._auto):
            return
        auto = self._auto
        self._change_regions("reset", lambda: auto)

    def use_dark_frame(self, path: str | Path) -> None:
        """Find the sky again with a darker shot of the same scene: where the photo is blown
        out, the sky is only where that shot shows it. Clicks made so far are dropped; a shot
        that cannot be used is said on the banner and the regions stay as they were."""
        if self._work is None or not self._can_edit():
            return
        work, scale, workers, dark_path = self._work, self._display_scale(), self._workers, \
            Path(path)

        def detect() -> tuple[npt.NDArray[np.float32], Regions, float]:
            from desktop_app.engines.local import sky

            dark = _load_dark(dark_path)
            start = time.perf_counter()
            alpha = workers.run(sky.detect_sky, work, dark)
            return alpha, describe_regions(alpha, scale), time.perf_counter() - start

        def done(result: tuple[npt.NDArray[np.float32], Regions, float]) -> None:
            self._dark_frame = dark_path
            self._history.clear()
            self.banner.show_message(fill(self.tr(
                "Found with the darker shot %1: where this photo is blown out, the new sky "
                "only goes where that shot shows sky."), dark_path.name), "info")
            self._detected(result)

        def failed(error: BaseException) -> None:
            self._set_busy("")
            self.banner.show_message(_sentence(error), "error")

        self._set_busy("detect")
        self._tasks.submit(detect, on_done=done, on_error=failed)

    def set_preview(self, shown: bool) -> None:
        """Show the new sky (on a small copy) instead of the outlines."""
        if self.preview_button.isChecked() != shown:
            self.preview_button.setChecked(shown)  # calls back through toggled
            return
        self._refresh_preview()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 12, 12, 12)
        root.setSpacing(8)

        self.hint = QLabel(self.tr(
            "The new sky goes inside the blue outlines. Click inside an outline to leave that "
            "part of the photo as it is; click on the bright glass of a window that was missed "
            "to add it."), self)
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.hint, 1)
        self.position_label = QLabel(self._position_text, self)
        self.position_label.setObjectName("muted")
        self.position_label.setVisible(self._batch)
        top.addWidget(self.position_label, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(top)

        self.banner = Banner(self)
        root.addWidget(self.banner)
        root.addWidget(self.canvas, 1)

        tools = QHBoxLayout()
        tools.setSpacing(6)
        self.undo_button = self._button(self.tr("Undo"), self.tr("Undo the last click (Ctrl+Z)"))
        self.reset_button = self._button(self.tr("Reset to automatic"), self.tr(
            "Go back to the sky that was detected automatically"))
        self.preview_button = self._button(self.tr("Preview sky"), self.tr(
            "Show the new sky instead of the outlines (a quick low-resolution preview)"))
        self.preview_button.setCheckable(True)
        self.dark_button = self._button(self.tr("Darker shot…"), self.tr(
            "Choose a darker exposure of the same scene (a bracket): where this photo is blown "
            "out, it shows which white is sky and which is a ceiling or a wall"))
        self.fit_button = self._button(self.tr("Fit"), self.tr(
            "Show the whole photo (the wheel zooms, dragging moves the photo)"))
        for w in (self.undo_button, self.reset_button, self.preview_button, self.dark_button):
            tools.addWidget(w)
        tools.addSpacing(12)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(90)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        tools.addWidget(self.busy_bar)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("muted")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        tools.addWidget(self.status_label, 1)
        tools.addWidget(self.fit_button)
        root.addLayout(tools)

        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        self.review_check = QCheckBox(self)
        if self._remaining:
            self.review_check.setText(self.tr("Check the sky of the other %n photo(s) too", "",
                                              self._remaining))
        self.review_check.setToolTip(self.tr(
            "When unticked, the photos after this one get the sky found automatically, "
            "without asking."))
        self.review_check.setChecked(True)
        self.review_check.setVisible(self._remaining > 0)
        bottom.addWidget(self.review_check)
        bottom.addStretch(1)
        self.accept_hint = QLabel(self)
        self.accept_hint.setObjectName("hint")
        bottom.addWidget(self.accept_hint)
        self.skip_button = self._button(self.tr("Skip this photo"), self.tr(
            "Do not send this photo; go on with the others"))
        self.skip_button.setVisible(self._batch)
        bottom.addWidget(self.skip_button)
        self.cancel_button = self._button(self.tr("Cancel"), self.tr(
            "Close without sending any of the photos") if self._batch else self.tr(
            "Close without generating anything"))
        self.accept_button = self._button(self.tr("Use this sky"), self.tr(
            "Paint a new sky inside the outlined regions"))
        self.accept_button.setObjectName("primary")
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.accept_button)
        root.addLayout(bottom)

        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.undo_action)

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.setDefault(False)
        return button

    def _wire(self) -> None:
        self.canvas.clicked.connect(self._on_canvas_click)
        self.canvas.hoverChanged.connect(lambda _label: self._update_status())
        self.undo_button.clicked.connect(self.undo)
        self.undo_action.triggered.connect(self.undo)
        self.reset_button.clicked.connect(self.reset_to_automatic)
        self.preview_button.toggled.connect(lambda _on: self._refresh_preview())
        self.fit_button.clicked.connect(self.canvas.fit)
        self.dark_button.clicked.connect(self._choose_dark_frame)
        self.skip_button.clicked.connect(self.skip)
        self.cancel_button.clicked.connect(self.reject)
        self.accept_button.clicked.connect(self._accept)

    def _choose_dark_frame(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a darker shot of the same scene"), str(self._path.parent),
            self.tr("Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff);;All files (*)"))
        if path:
            self.use_dark_frame(path)

    def _fit_to_screen(self) -> None:
        screen = self.screen()
        avail = screen.availableGeometry() if screen is not None else None
        width, height = 1180, 800
        if avail is not None and not avail.isEmpty():
            width = min(width, int(avail.width() * 0.92))
            height = min(height, int(avail.height() * 0.9))
        self.resize(width, height)

    # -- loading and detecting ------------------------------------------------------------------
    def _start_loading(self) -> None:
        self.canvas.set_empty_text(self.tr("Opening the photo…"))
        self._set_busy("load")
        self._tasks.submit(_load, self._path, on_done=self._loaded, on_error=self._load_failed)

    def _loaded(self, loaded: _Loaded) -> None:
        self._work = loaded.work
        self._full_size = loaded.full_size
        self._display_size = (loaded.display.width(), loaded.display.height())
        self.canvas.set_empty_text("")
        self.canvas.set_image(loaded.display)
        self._set_busy("detect")
        work, scale, workers = loaded.work, self._display_scale(), self._workers

        def detect() -> tuple[npt.NDArray[np.float32], Regions, float]:
            from desktop_app.engines.local import sky

            start = time.perf_counter()
            alpha = workers.run(sky.detect_sky, work)
            seconds = time.perf_counter() - start
            return alpha, describe_regions(alpha, scale), seconds

        self._tasks.submit(detect, on_done=self._detected, on_error=self._load_failed)

    def _detected(self, result: tuple[npt.NDArray[np.float32], Regions, float]) -> None:
        alpha, regions, seconds = result
        self.detect_seconds = seconds
        self._auto = alpha
        self._auto_count = regions.count
        self._ready = True
        self._set_busy("")
        self._show_regions(regions)
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ready.emit()

    def _load_failed(self, error: BaseException) -> None:
        text = _sentence(error)
        self._set_busy("")
        if self.canvas.image().isNull():
            self.canvas.set_empty_text(text)
        self.banner.show_message(text, "error")
        self._update_controls()

    # -- editing ------------------------------------------------------------------------------
    def _display_scale(self) -> float:
        """Display pixels per working pixel."""
        if self._work is None or not self._display_size[0]:
            return 1.0
        return self._display_size[0] / self._work.shape[1]

    def _can_edit(self) -> bool:
        return self._ready and not self._busy and self._work is not None

    def _on_canvas_click(self, x: float, y: float) -> None:
        scale = self._display_scale()
        self._click_work(math.floor(x / scale), math.floor(y / scale))

    def _click_work(self, px: int, py: int) -> None:
        if not self._ready:
            return
        if self._busy:
            self.status_label.setText(self.tr("One moment: still working on the last step."))
            return
        assert self._work is not None and self._regions is not None
        h, w = self._work.shape[:2]
        px, py = min(max(px, 0), w - 1), min(max(py, 0), h - 1)
        work, before, workers = self._work, self._regions.alpha, self._workers
        removing = bool(self._regions.labels[py, px] > 0)

        def edit() -> npt.NDArray[np.float32]:
            from desktop_app.engines.local import sky

            if removing:
                return workers.run(sky.remove_region_at, before, px, py)
            return workers.run(sky.add_region_at, work, before, px, py)

        self._change_regions("remove" if removing else "add", edit)

    def _change_regions(self, kind: str, new_alpha: Callable[[], npt.NDArray[np.float32]],
                        undoable: bool = True) -> None:
        """Work out the regions of ``new_alpha()`` in the background and show them; when
        ``undoable``, the change goes on the undo history once that succeeded (packed in the
        background too: a few megabytes are not worth a pause of the window). An undo that
        fails keeps its step, so the history still matches the regions shown."""
        assert self._regions is not None
        before, scale = self._regions.alpha, self._display_scale()

        def work() -> tuple[Regions, Step | None]:
            regions = describe_regions(new_alpha(), scale)
            step = diff_step(before, regions.alpha, label=kind) if undoable else None
            return regions, step

        def done(result: tuple[Regions, Step | None]) -> None:
            regions, step = result
            if step is not None:
                self._history.push(step)
            self._set_busy("")
            self.banner.dismiss()
            self._show_regions(regions)
            self.regionsChanged.emit()

        def failed(error: BaseException) -> None:
            if kind == "undo":
                self._history.take_redo()
            self._set_busy("")
            self.banner.show_message(_sentence(error), "error")
            self._update_controls()
            self.regionsChanged.emit()

        self._set_busy(kind)
        self._tasks.submit(work, on_done=done, on_error=failed)

    def _show_regions(self, regions: Regions) -> None:
        self._regions = regions
        self._version += 1
        scale = self._display_scale()
        self.canvas.set_regions(regions, 1.0 / scale)
        if regions.count == 0 and self._auto_count == 0:
            self.banner.show_message(self.tr(
                "No sky was found in this photo. If a window shows sky, click on its bright "
                "glass to add it. Otherwise, skip this photo.") if self._batch else self.tr(
                "No sky was found in this photo. If a window shows sky, click on its bright "
                "glass to add it."), "info")
        elif regions.count == 0:
            self.banner.show_message(self.tr(
                "No region is left, so there would be no new sky. Click on a window to add it, "
                "or press Undo."), "info")
        self._refresh_preview()
        self._update_controls()

    # -- preview ------------------------------------------------------------------------------
    def _refresh_preview(self) -> None:
        shown = self.preview_button.isChecked()
        current = self._preview is not None and self._preview_version == self._version
        self.canvas.set_preview(self._preview if current else None, shown)
        if shown and not current and not self._preview_running and self._regions is not None:
            self._start_preview()
        self._update_status()

    def _start_preview(self) -> None:
        assert self._work is not None and self._regions is not None
        work, alpha, version, seed = self._work, self._regions.alpha, self._version, self.seed
        workers = self._workers

        def paint() -> tuple[QImage, int]:
            from desktop_app.engines.local import sky

            return rgb_to_qimage(workers.run(sky.replace_sky, work, alpha, seed=seed)), version

        def done(result: tuple[QImage, int]) -> None:
            self._preview_running = False
            self._preview, self._preview_version = result
            self._refresh_preview()  # shows it, or starts again when the regions changed since
            if self.canvas.preview_shown():
                self.previewReady.emit()

        def failed(error: BaseException) -> None:
            self._preview_running = False
            self.banner.show_message(_sentence(error), "error")
            self.preview_button.setChecked(False)

        self._preview_running = True
        self._tasks.submit(paint, on_done=done, on_error=failed)
        self._update_status()

    # -- state of the controls ------------------------------------------------------------------
    def _set_busy(self, kind: str) -> None:
        self._busy = kind
        self._update_controls()

    def _update_controls(self) -> None:
        editable = self._ready and not self._busy
        count = self.region_count()
        self.undo_button.setEnabled(editable and self._history.can_undo())
        self.undo_action.setEnabled(editable and self._history.can_undo())
        self.reset_button.setEnabled(editable and self._auto is not None
                                     and self._regions is not None
                                     and not np.array_equal(self._regions.alpha, self._auto))
        self.preview_button.setEnabled(self._ready)
        self.dark_button.setEnabled(editable)
        self.fit_button.setEnabled(not self.canvas.image().isNull())
        hint = ""
        if self._ready and not self._busy and count == 0:
            hint = self.tr("Add a window first")
        self.accept_hint.setText(hint)
        self.accept_hint.setVisible(bool(hint))
        self.accept_button.setEnabled(editable and count > 0)
        self.accept_button.setToolTip(hint or self.tr(
            "Paint a new sky inside the outlined regions"))
        self._update_status()

    def _update_status(self) -> None:
        busy_text = {
            "load": self.tr("Opening the photo…"),
            "detect": self.tr("Looking for the sky…"),
            "remove": self.tr("Taking the region out…"),
            "add": self.tr("Adding the window…"),
            "undo": self.tr("Undoing…"),
            "reset": self.tr("Going back to the automatic detection…"),
        }
        working = bool(self._busy) or self._preview_running
        self.busy_bar.setVisible(working)
        if self._busy:
            self.status_label.setText(busy_text.get(self._busy, ""))
            return
        if not self._ready:
            self.status_label.setText("")
            return
        hover = self.canvas.hovered()
        count = self.region_count()
        if hover:
            text = self.tr("Click to leave this region as it is (no new sky there).")
        elif self._preview_running:
            text = self.tr("Painting the preview…")
        elif count == 0:
            text = self.tr("No sky selected.")
        else:
            text = self.tr("%n sky region(s).", "", count)
        self.status_label.setText(text)

    # -- closing ------------------------------------------------------------------------------
    def _accept(self) -> None:
        if self.accept_button.isEnabled():
            self.accept()

    def done(self, result: int) -> None:
        self._tasks.retire()  # a detection still running finishes unseen: no wait here
        if self._own_workers:
            self._workers.close()  # stops that detection's process without waiting for it
        self.canvas.wait_for_workers()
        super().done(result)
