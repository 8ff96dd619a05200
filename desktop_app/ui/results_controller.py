"""Taking results out of SkyClear: Save as, Export all, Copy, Show in folder. Files are written
at full resolution, never over the user's original, in the local engine's worker processes:
decoding a 24 MP result in the window's own process held its interpreter lock while Pillow
cleared each new image, and the window waited."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QProcess, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage

from desktop_app.core import export
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui.compare_panel import CompareChoice
from desktop_app.ui.image_arrays import rgb_to_qimage
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.prompts import Prompt, Shell
from desktop_app.ui.window_state import WindowState

__all__ = ["ResultsController", "file_name_of"]


def file_name_of(entry: LibraryEntry, choice: CompareChoice) -> str:
    """The name (without suffix) ``choice``, a result of ``entry``, is saved under."""
    gen_id, _, part = choice.key.partition(":")
    gen = entry.generation(int(gen_id))
    assert gen is not None
    service = entry.service.value if entry.service else "result"
    return export.result_name(entry.name, service, entry.family.index(gen), int(part or 0),
                              len(gen.result_files))


class ResultsController(QObject):
    def __init__(self, ws: Workspace, shell: Shell, prompt: Prompt,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.shell, self.prompt = ws, shell, prompt
        self.tasks = TaskRunner(1, self)

    def close(self, msecs: int = 10_000) -> None:
        self.tasks.close(msecs)

    def save_as(self, entry: LibraryEntry, choice: CompareChoice) -> None:
        suffix = ".png" if choice.path.lower().endswith(".png") else ".jpg"
        state = WindowState.load()
        folder = Path(state.export_folder or Path.home())
        dest = self.prompt.ask_save_path(str(folder / f"{file_name_of(entry, choice)}{suffix}"))
        if not dest:
            return
        state.export_folder = str(Path(dest).parent)
        state.save()
        self.tasks.submit(self.ws.engines.run_in_workers, export.export_result, choice.path,
                          dest, burn_label=self.ws.settings.burn_label, protect=(entry.source,),
                          on_done=self._saved, on_error=self.shell.show_error)

    def _saved(self, path: Path) -> None:
        self.shell.show_status(self.tr("Saved {0}").format(path), 8000)

    def export_all(self, entry: LibraryEntry) -> None:
        if not entry.done:
            return
        folder = self.prompt.ask_export_folder()
        if not folder:
            return
        state = WindowState.load()
        state.export_folder = folder
        state.save()
        items = [(path, file_name_of(entry, CompareChoice(f"{gen.id}:{n}", "", path)))
                 for gen in entry.done for n, path in enumerate(gen.result_files)]
        self.tasks.submit(self.ws.engines.run_in_workers, export.export_all, items, folder,
                          burn_label=self.ws.settings.burn_label, protect=(entry.source,),
                          on_done=self._exported, on_error=self.shell.show_error)

    def _exported(self, written: list[Path]) -> None:
        folder = written[0].parent if written else ""
        self.shell.show_status(self.tr("%n result(s) exported to {0}", "", len(written)).format(
            folder), 8000)

    def copy(self, choice: CompareChoice) -> None:
        burn = self.ws.settings.burn_label

        def render() -> QImage:
            return rgb_to_qimage(np.asarray(export.render_export(choice.path, burn_label=burn)))

        self.tasks.submit(render, on_done=self._copied, on_error=self.shell.show_error)

    def _copied(self, image: QImage) -> None:
        QGuiApplication.clipboard().setImage(image)
        self.shell.show_status(self.tr("Result copied to the clipboard."))

    @staticmethod
    def reveal(choice: CompareChoice) -> None:
        path = Path(choice.path)
        if sys.platform == "win32":
            QProcess.startDetached("explorer", ["/select,", str(path)])
        elif sys.platform == "darwin":
            QProcess.startDetached("open", ["-R", str(path)])
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
