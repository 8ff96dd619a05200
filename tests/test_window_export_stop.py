"""A listing export stopped from the window: the Stop button beside its progress in the status
bar, pressed twice while a file is written; the files written stay whole, the sentence says how
many, Export listing again meanwhile says an export runs, and Stop once it is over does
nothing. Esc in the window is the same Stop; Esc in a dialog in front is the dialog's."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from test_window_helpers import PHOTOS, window_factory

from desktop_app.core.delivery import DeliveryOptions
from desktop_app.ui.listing_controller import ExportChoice

__all__ = ["window_factory"]


def window_with_photos(qtbot: Any, window_factory: Any, count: int) -> Any:
    window = window_factory()
    window.add_photos([str(p) for p in sorted(PHOTOS.glob("*.jpg"))[:count]])
    qtbot.waitUntil(lambda: window.model.rowCount() == count, timeout=60_000)
    return window


def hold_after_first_file(window: Any, out: Path) -> tuple[
        threading.Event, threading.Event, Callable[[int, int], None]]:
    """Make the next Export listing write to ``out`` at 400 px, its thread waiting after the
    first file (``first_file`` set) until ``go_on`` is set; the hook is returned to undo."""
    first_file, go_on = threading.Event(), threading.Event()

    def hold(done: int, total: int) -> None:
        if done == 1:
            first_file.set()
            go_on.wait(60)

    window.listing.exportProgress.connect(hold, Qt.ConnectionType.DirectConnection)
    window.prompt.listing_export = ExportChoice(str(out), DeliveryOptions(long_side=400),
                                                sheet=False)
    return first_file, go_on, hold


def test_stop_beside_the_progress_ends_the_export_and_keeps_the_files_written(
        qtbot: Any, window_factory: Any, tmp_path: Path) -> None:
    window = window_with_photos(qtbot, window_factory, 4)
    progress = window.status_labels.export
    assert progress.isHidden(), "no export, no Stop button"

    # the export's thread waits after its first file until the test has pressed Stop
    out = tmp_path / "delivery"
    first_file, go_on, hold = hold_after_first_file(window, out)
    try:
        window.export_listing()
        assert progress.isVisible() and progress.stop_button.isEnabled()
        assert progress.label.text().startswith("Exporting")
        qtbot.waitUntil(first_file.is_set, timeout=120_000)
        assert progress.geometry().intersects(window.statusBar().rect()), "in the status bar"
        window.export_listing()  # again while it runs: said, not asked, nothing queued
        assert window.statusBar().currentMessage() == \
            "The listing is being exported: stop the export or wait for it to end."
        assert [a for a in window.prompt.asked if a.startswith("export-listing")] == \
            ["export-listing:My photos:4:0"]
        qtbot.mouseClick(progress.stop_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(progress.stop_button, Qt.MouseButton.LeftButton)  # a double click
        assert not progress.stop_button.isEnabled()
        assert progress.label.text() == "Stopping the export…"
        with qtbot.waitSignal(window.listingExported, timeout=120_000) as done:
            go_on.set()
    finally:
        go_on.set()
    result = done.args[0]
    assert result.report.cancelled and len(result.report.written) == 1
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".skyclear")) == \
        [result.report.written[0].name], "the file written, whole; no piece of the next one"
    assert progress.isHidden()
    assert window.banner.isVisible() and window.banner.kind() == "warning"
    assert window.banner.text() == (
        f"Export stopped: 1 of 4 files written to {out}. Those files are complete and kept; "
        "export again to write them all.")

    # Stop after the export ended does nothing: the next export writes every file
    progress.stop_button.click()
    window.listing.stop_export()
    window.listing.exportProgress.disconnect(hold)
    with qtbot.waitSignal(window.listingExported, timeout=120_000) as done:
        window.export_listing()
    assert not done.args[0].report.cancelled and len(done.args[0].report.written) == 4
    assert "4 files exported to" in window.banner.text()


def test_esc_in_the_window_stops_the_export_esc_in_a_dialog_does_not(
        qtbot: Any, window_factory: Any, tmp_path: Path) -> None:
    window = window_with_photos(qtbot, window_factory, 3)
    progress = window.status_labels.export
    assert "(Esc)" in progress.stop_button.toolTip()
    first_file, go_on, _ = hold_after_first_file(window, tmp_path / "delivery")
    dialog = QDialog(window)
    try:
        window.export_listing()
        qtbot.waitUntil(first_file.is_set, timeout=120_000)
        # a dialog in front: its Esc closes it, the export goes on
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=60_000)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isHidden()
        assert progress.stop_button.isEnabled(), "Stop not pressed"
        # the window in front: Esc presses Stop
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=60_000)
        qtbot.keyClick(window, Qt.Key.Key_Escape)
        assert not progress.stop_button.isEnabled()
        assert progress.label.text() == "Stopping the export…"
        with qtbot.waitSignal(window.listingExported, timeout=120_000) as done:
            go_on.set()
    finally:
        go_on.set()
        dialog.deleteLater()
    result = done.args[0]
    assert result.report.cancelled and len(result.report.written) == 1
    assert progress.isHidden()
    assert window.banner.text().startswith("Export stopped: 1 of 3 files written")
