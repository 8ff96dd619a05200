"""Every question the window asks the user, behind one small protocol.

Controllers ask through a ``Prompt``; the window gives them ``DialogPrompt`` (real dialogs), tests
give them a fake that answers at once. ``Shell`` is the little the controllers need back from the
window: a banner, a status-bar line, an error shown in plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

# imported with the window, not on first use: a first import on the GUI thread would add its
# time to opening the dialog, in one stall
from desktop_app.ui.mask_editor import MaskEditorDialog
from desktop_app.ui.sky_review import SkyReview, SkyReviewDialog
from desktop_app.ui.window_state import WindowState

if TYPE_CHECKING:
    from desktop_app.core.workers import Workers
    from desktop_app.ui.listing_controller import ExportChoice

__all__ = ["BannerAction", "DialogPrompt", "Prompt", "RunningJobsChoice", "Shell"]

RunningJobsChoice = Literal["keep", "stop", "cancel"]
BannerAction = tuple[str, Callable[[], None]]

class Prompt(Protocol):
    def ask_open_files(self) -> list[str]:
        """Photos to add (empty: the user cancelled)."""
        ...

    def ask_save_path(self, suggested: str) -> str | None: ...

    def ask_export_folder(self) -> str | None: ...

    def confirm(self, title: str, text: str) -> bool: ...

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        """A line of text (a listing's name); None when cancelled."""
        ...

    def ask_listing_export(self, name: str, photos: int, kept: int,
                           folder: str) -> ExportChoice | None:
        """How to deliver the listing ``name`` (the Export listing dialog); None: cancelled."""
        ...

    def ask_about_running_jobs(self, count: int) -> RunningJobsChoice:
        """'keep' (continue next start), 'stop' (cancel them) or 'cancel' (do not quit)."""
        ...

    def request_mask(self, image_path: str, initial_mask: str | None,
                     done: Callable[[Any], None], variation: bool = False) -> None:
        """The painted mask (a bool array the photo's size), or None when cancelled.
        ``variation``: the mask is for a new variation (else for a first result)."""
        ...

    def request_sky_regions(self, image_path: str, done: Callable[[SkyReview | None], None],
                            position: tuple[int, int] = (1, 1)) -> None:
        """The reviewed sky (``SkyReview``), or None when cancelled. ``position``: (this photo's
        number, how many the batch has)."""
        ...


class Shell(Protocol):
    def show_banner(self, text: str, kind: str = "error", action: BannerAction | None = None,
                    context: object = None,
                    actions: list[BannerAction] | None = None) -> None: ...

    def show_status(self, text: str, msecs: int = 4000) -> None: ...

    def show_error(self, error: BaseException) -> None: ...

    def open_settings(self) -> None: ...


class DialogPrompt(QObject):
    """The real dialogs, parented to the window; remembers the folders last used."""

    def __init__(self, parent: QWidget | None = None, *,
                 workers: Callable[[], Workers] | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._workers = workers  # the local engine's worker processes, for the sky review

    def ask_open_files(self) -> list[str]:
        state = WindowState.load()
        files, _ = QFileDialog.getOpenFileNames(
            self._parent, self.tr("Add photos"), state.open_folder or str(Path.home()),
            self.tr("Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff);;All files (*)"))
        if files:
            state.open_folder = str(Path(files[0]).parent)
            state.save()
        return list(files)

    def ask_save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Save result as"), suggested,
            self.tr("JPEG image (*.jpg *.jpeg);;PNG image (*.png)"))
        return path or None

    def ask_export_folder(self) -> str | None:
        start = WindowState.load().export_folder or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self._parent,
                                                  self.tr("Export all results to"), start)
        return folder or None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self._parent, title, label, text=text)
        return value if ok else None

    def ask_listing_export(self, name: str, photos: int, kept: int,
                           folder: str) -> ExportChoice | None:
        from desktop_app.ui.export_dialog import ExportListingDialog

        dialog = ExportListingDialog(name, photos, kept, folder, self._parent)
        accepted = dialog.exec() == ExportListingDialog.DialogCode.Accepted
        choice = dialog.choice() if accepted else None
        dialog.deleteLater()
        return choice

    def ask_about_running_jobs(self, count: int) -> RunningJobsChoice:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Photos still in progress"))
        box.setText(self.tr("%n photo(s) are still being processed.", "", count))
        box.setInformativeText(self.tr(
            "Keep them: photos sent to IACrea carry on there and SkyClear collects the results "
            "the next time it starts (local ones start again). Nothing is lost either way."))
        keep = box.addButton(self.tr("Keep them and quit"), QMessageBox.ButtonRole.AcceptRole)
        stop = box.addButton(self.tr("Stop them and quit"),
                             QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return "keep" if clicked is keep else "stop" if clicked is stop else "cancel"

    def request_mask(self, image_path: str, initial_mask: str | None,
                     done: Callable[[Any], None], variation: bool = False) -> None:
        dialog = MaskEditorDialog(image_path, initial_mask=initial_mask, parent=self._parent,
                                  variation=variation)
        accepted = dialog.exec() == MaskEditorDialog.DialogCode.Accepted
        mask = dialog.mask() if accepted else None
        dialog.deleteLater()
        done(mask)

    def request_sky_regions(self, image_path: str, done: Callable[[SkyReview | None], None],
                            position: tuple[int, int] = (1, 1)) -> None:
        """The dialog is window-modal but does not block this call: ``done`` runs when it
        closes."""
        dialog = SkyReviewDialog(image_path, parent=self._parent, position=position,
                                 workers=self._workers() if self._workers else None)

        def finished(result: int) -> None:
            review = dialog.review() if result == SkyReviewDialog.DialogCode.Accepted else None
            dialog.deleteLater()
            done(review)

        dialog.finished.connect(finished)
        dialog.open()
