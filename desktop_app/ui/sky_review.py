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
a click on the bright glass of a window that was missed adds it, Ctrl+Z undoes the last change
(a click, a reset, a darker shot) and "Reset to automatic" brings the detection back. "Preview
sky" shows the new sky itself, on a small copy. The selection and its steps, run off the GUI
thread on a working copy of the photo: ``ui/sky_selection.py``; this dialog shows them and says
what is going on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.workers import Workers
from desktop_app.ui.banner import Banner
from desktop_app.ui.i18n import fill
from desktop_app.ui.sky_canvas import Regions, SkyCanvas
from desktop_app.ui.sky_selection import SkySelection
from desktop_app.ui.style import dialog_button

__all__ = ["SkyReview", "SkyReviewDialog"]

# The steps that change the regions the user made (each ends with ``regionsChanged``).
_CLICKS = ("remove", "add", "undo", "reset")


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
        self.selection = SkySelection(image_path, self, workers=workers)
        self._path = self.selection.path
        number, total = (max(1, int(v)) for v in position)
        self._batch = total > 1
        self._remaining = max(0, total - number)
        self._skipped = False
        self._shot: Path | None = None  # the darker shot the banner last spoke of
        self._position_text = fill(self.tr("Photo %1 of %2"), number, total)
        if self._batch:
            title = fill(self.tr("Check the sky — %1 (photo %2 of %3)"), self._path.name,
                         number, total)
        else:
            title = fill(self.tr("Check the sky — %1"), self._path.name)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setSizeGripEnabled(True)
        self.canvas = SkyCanvas(self)
        self.canvas.setMinimumSize(480, 320)
        self._build()
        self._wire()
        self._update_controls()
        self._fit_to_screen()
        self.canvas.set_empty_text(self.tr("Opening the photo…"))
        self.selection.open()

    # -- public API ---------------------------------------------------------------------------
    @property
    def seed(self) -> int:
        """The sky the preview shows: the result gets the same with this seed."""
        return self.selection.seed

    def mask(self) -> npt.NDArray[np.bool_] | None:  # type: ignore[override]
        """The selected sky on the working copy (bool, True = sky), or None when the photo is
        not open yet or nothing is selected."""
        return self.selection.mask()

    def review(self) -> SkyReview:
        """The decision (call after the dialog was accepted)."""
        if self._skipped:
            return SkyReview(None, self.review_rest(), skip=True)
        dark = self.selection.dark_frame()
        return SkyReview(self.mask(), self.review_rest(), seed=self.seed,
                         dark_frame=str(dark) if dark is not None else None)

    def skip(self) -> None:
        """Leave this photo out of the batch and go on with the next (accepts the dialog)."""
        if self._batch:
            self._skipped = True
            self.accept()

    def review_rest(self) -> bool:
        """False when the user chose the automatic detection for the photos still waiting."""
        return self._remaining == 0 or self.review_check.isChecked()

    def region_count(self) -> int:
        return self.selection.region_count()

    def regions(self) -> Regions | None:
        """The regions on the working copy (alpha, labels, count), None before detection."""
        return self.selection.regions()

    def photo_size(self) -> tuple[int, int]:
        """(width, height) of the photo, upright; (0, 0) until it is open."""
        return self.selection.photo_size()

    def work_size(self) -> tuple[int, int]:
        """(width, height) of the copy on which the regions are worked out."""
        return self.selection.work_size()

    def is_ready(self) -> bool:
        return self.selection.is_ready()

    def is_busy(self) -> bool:
        return bool(self.selection.busy())

    def notice(self) -> str:
        """The inline message shown above the photo ("" when none)."""
        return self.banner.text()

    def status(self) -> str:
        return self.status_label.text()

    def can_undo(self) -> bool:
        return self.selection.can_undo()

    def click_at(self, x: float, y: float) -> None:
        """Act as a click on photo pixel (x, y) (the photo's own coordinates): take out the
        region there, or add the window there when there is none."""
        if self._can_click():
            self.selection.click_at(x, y)

    def undo(self) -> None:
        """Go back to the regions before the last click or reset."""
        self.selection.undo()

    def reset_to_automatic(self) -> None:
        """Bring back the sky as it was detected (can be undone)."""
        self.selection.reset_to_automatic()

    def use_dark_frame(self, path: str | Path) -> None:
        """Find the sky again with a darker shot of the same scene: where the photo is blown
        out, the sky is only where that shot shows it. Clicks made so far are dropped; a shot
        that cannot be used is said on the banner and the regions stay as they were."""
        self.selection.use_dark_frame(path)

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
        self.undo_button = dialog_button(self, self.tr("Undo"),
                                         self.tr("Undo the last change (Ctrl+Z)"))
        self.reset_button = dialog_button(self, self.tr("Reset to automatic"), self.tr(
            "Go back to the sky that was detected automatically"))
        self.preview_button = dialog_button(self, self.tr("Preview sky"), self.tr(
            "Show the new sky instead of the outlines (a quick low-resolution preview)"))
        self.preview_button.setCheckable(True)
        self.dark_button = dialog_button(self, self.tr("Darker shot…"), self.tr(
            "Choose a darker exposure of the same scene (a bracket): where this photo is blown "
            "out, it shows which white is sky and which is a ceiling or a wall"))
        self.fit_button = dialog_button(self, self.tr("Fit"), self.tr(
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
        self.status_label.setWordWrap(True)  # a narrow window: what a click does on two lines
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
        self.skip_button = dialog_button(self, self.tr("Skip this photo"), self.tr(
            "Do not send this photo; go on with the others"))
        self.skip_button.setVisible(self._batch)
        bottom.addWidget(self.skip_button)
        self.cancel_button = dialog_button(self, self.tr("Cancel"), self.tr(
            "Close without sending any of the photos") if self._batch else self.tr(
            "Close without generating anything"))
        self.accept_button = dialog_button(self, self.tr("Use this sky"), self.tr(
            "Paint a new sky inside the outlined regions"))
        self.accept_button.setObjectName("primary")
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.accept_button)
        root.addLayout(bottom)

        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.undo_action)

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
        self.selection.opened.connect(self._opened)
        self.selection.changed.connect(self._changed)
        self.selection.failed.connect(self._failed)
        self.selection.busyChanged.connect(self._update_controls)
        self.selection.previewPainted.connect(self._preview_painted)

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

    # -- what the selection says ----------------------------------------------------------------
    def _opened(self, display: QImage) -> None:
        self.canvas.set_empty_text("")
        self.canvas.set_image(display)

    def _changed(self, kind: str) -> None:
        shot = self.selection.dark_frame()
        if shot != self._shot or kind == "dark":  # a darker shot chosen, or its choice undone
            self._shot = shot
            self.banner.show_message(self.tr(
                "The darker shot is set aside: the sky is the one found in this photo alone.")
                if shot is None else fill(self.tr(
                    "Found with the darker shot %1: where this photo is blown out, the new "
                    "sky only goes where that shot shows sky."), shot.name), "info")
        elif kind == "detect" and self.selection.mostly_blown_out():
            self.banner.show_message(self.tr(
                "Most of this sky is blown out to pure white, where a white ceiling or wall "
                "behind the glass looks just the same. If you also took a darker shot of this "
                "scene, choose it with Darker shot… for a truer sky."), "info")
        elif kind != "detect":
            self.banner.dismiss()
        self._show_regions()
        if kind == "detect":
            self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        if kind in _CLICKS:
            self.regionsChanged.emit()
        else:
            self.ready.emit()

    def _failed(self, kind: str, text: str) -> None:
        if kind in ("load", "detect") and self.canvas.image().isNull():
            self.canvas.set_empty_text(text)
        self.banner.show_message(text, "error")
        if kind == "preview":
            self.preview_button.setChecked(False)
        self._update_controls()
        if kind in _CLICKS:
            self.regionsChanged.emit()

    def _show_regions(self) -> None:
        regions = self.selection.regions()
        assert regions is not None
        self.canvas.set_regions(regions, 1.0 / self.selection.display_scale())
        if regions.count == 0 and self.selection.found_nothing():
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

    # -- clicks and the preview ---------------------------------------------------------------
    def _can_click(self) -> bool:
        if not self.selection.is_ready():
            return False
        if self.selection.busy():
            self.status_label.setText(self.tr("One moment: still working on the last step."))
            return False
        return True

    def _on_canvas_click(self, x: float, y: float) -> None:
        if self._can_click():
            scale = self.selection.display_scale()
            self.selection.click(math.floor(x / scale), math.floor(y / scale))

    def _refresh_preview(self) -> None:
        shown = self.preview_button.isChecked()
        self.canvas.set_preview(self.selection.preview(), shown)
        if shown:
            self.selection.paint_preview()  # unless the one shown is current
        self._update_status()

    def _preview_painted(self) -> None:
        self._refresh_preview()  # shows it, or starts again when the regions changed since
        if self.canvas.preview_shown():
            self.previewReady.emit()

    # -- state of the controls ------------------------------------------------------------------
    def _update_controls(self) -> None:
        ready, busy = self.selection.is_ready(), self.selection.busy()
        editable = ready and not busy
        count = self.region_count()
        self.undo_button.setEnabled(editable and self.selection.can_undo())
        self.undo_action.setEnabled(editable and self.selection.can_undo())
        self.reset_button.setEnabled(editable and not self.selection.is_automatic())
        self.preview_button.setEnabled(ready)
        self.dark_button.setEnabled(editable)
        self.fit_button.setEnabled(not self.canvas.image().isNull())
        hint = ""
        if editable and count == 0:
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
            "dark": self.tr("Looking for the sky…"),
            "remove": self.tr("Taking the region out…"),
            "add": self.tr("Adding the window…"),
            "undo": self.tr("Undoing…"),
            "reset": self.tr("Going back to the automatic detection…"),
        }
        busy, painting = self.selection.busy(), self.selection.preview_running()
        self.busy_bar.setVisible(bool(busy) or painting)
        if busy:
            self.status_label.setText(busy_text.get(busy, ""))
            return
        if not self.selection.is_ready():
            self.status_label.setText("")
            return
        count = self.region_count()
        if self.canvas.hovered():
            text = self.tr("Click to leave this region as it is (no new sky there).")
        elif painting:
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
        self.selection.close()  # a step still running finishes unseen: no wait here
        self.canvas.wait_for_workers()
        super().done(result)
