"""The window's real questions, each driven once as a user answers it: no Prompt fake here.

The window gets its own ``DialogPrompt``; the test presses the buttons of the QMessageBox it
shows, or types a path into Qt's file dialog (see dialogs.py), through real HTTP to the contract
server.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from dialogs import Shown, answering, press, type_path, type_text
from PIL import Image
from PySide6.QtWidgets import QDialogButtonBox
from test_window_helpers import (
    OTHER_PHOTO,
    SKY_PHOTO,
    add_photo,
    cloud_settings,
    entry_of,
    wait_status,
    window_factory,
)

from desktop_app.core import delivery
from desktop_app.core.models import Status
from desktop_app.ui.actions import ActionId
from desktop_app.ui.window_state import WindowState

__all__ = ["window_factory"]


def _real_window(window_factory: Any, settings: Any) -> Any:
    window = window_factory(settings, prompt=None)  # None: the window's own DialogPrompt
    assert type(window.prompt).__name__ == "DialogPrompt"
    return window


def test_sending_more_photos_than_the_threshold_asks_and_no_sends_nothing(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window = _real_window(window_factory,
                          cloud_settings(iacrea_server, put_server, confirm_credits_above=1))
    add_photo(qtbot, window, SKY_PHOTO)
    add_photo(qtbot, window, OTHER_PHOTO)
    window.library.selectAll()

    with answering(press("No")) as dialogs:
        window.action(ActionId.GENERATE).trigger()
    assert dialogs.seen == [Shown("QMessageBox", "Photo credits",
                                  "This sends 2 photos to IACrea and uses one credit for each. "
                                  "Send them?", "Question")]
    photos = [entry_of(window, SKY_PHOTO), entry_of(window, OTHER_PHOTO)]
    assert not any(window.generation.is_starting(e.key) for e in photos), "nothing is sent"
    assert all(e.is_draft for e in photos)

    with answering(press("Yes")) as dialogs:
        window.action(ActionId.GENERATE).trigger()
    assert dialogs.answered == 1
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    wait_status(qtbot, window, OTHER_PHOTO, Status.DONE)
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 2


def test_open_photos_dialog_adds_the_typed_photo(qtbot: Any, window_factory: Any,
                                                 tmp_path: Path) -> None:
    window = _real_window(window_factory, None)
    with answering(type_path(None)) as dialogs:  # Cancel: nothing is added
        window.action(ActionId.OPEN).trigger()
    assert dialogs.seen == [Shown("QFileDialog", "Add photos")]
    assert window.model.rowCount() == 0

    with answering(type_path(SKY_PHOTO)) as dialogs:
        window.action(ActionId.OPEN).trigger()
    assert dialogs.seen == [Shown("QFileDialog", "Add photos")]
    qtbot.waitUntil(lambda: entry_of(window, SKY_PHOTO) is not None, timeout=60_000)
    assert window.model.rowCount() == 1
    assert WindowState.load().open_folder == str(SKY_PHOTO.parent), "the folder is remembered"


def test_save_as_dialog_writes_the_result_where_typed(qtbot: Any, window_factory: Any,
                                                      iacrea_server: Any, put_server: Any,
                                                      tmp_path: Path) -> None:
    before = hashlib.sha256(SKY_PHOTO.read_bytes()).hexdigest()
    window = _real_window(window_factory, cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    window.action(ActionId.GENERATE).trigger()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    qtbot.waitUntil(lambda: window.action(ActionId.SAVE).isEnabled(), timeout=60_000)

    dest = tmp_path / "out" / "for the agency.jpg"
    dest.parent.mkdir()
    offered: list[str] = []
    with answering(type_path(dest, offered)) as dialogs:
        window.action(ActionId.SAVE).trigger()
    assert dialogs.seen == [Shown("QFileDialog", "Save result as")]
    assert offered and offered[0].endswith(".jpg") and "dining-room" in offered[0], offered
    qtbot.waitUntil(dest.exists, timeout=60_000)
    with Image.open(dest) as saved, Image.open(gen.result_files[0]) as result:
        assert saved.format == "JPEG" and saved.size == result.size
    assert WindowState.load().export_folder == str(dest.parent)
    assert hashlib.sha256(SKY_PHOTO.read_bytes()).hexdigest() == before


def _window_with_a_running_job(qtbot: Any, window_factory: Any, iacrea_server: Any,
                               put_server: Any) -> tuple[Any, Any]:
    iacrea_server.processing_for = 3600  # the job runs until the test moves the clock
    window = _real_window(window_factory, cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    window.action(ActionId.GENERATE).trigger()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.PROCESSING)
    assert window.poller.is_tracking(gen.id)
    return window, gen


def test_quitting_while_a_job_runs_asks_cancel_stays_stop_cancels(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window, gen = _window_with_a_running_job(qtbot, window_factory, iacrea_server, put_server)

    with answering(press("Cancel")) as dialogs:
        assert not window.close()
    assert dialogs.seen == [Shown("QMessageBox", "Photos still in progress",
                                  "1 photo is still being processed.", "Question")]
    assert window.isVisible() and window.poller.is_tracking(gen.id)
    assert window.ws.store.get(gen.id).status is Status.PROCESSING

    with answering(press("Stop them and quit")) as dialogs:
        assert window.close()
    assert dialogs.answered == 1
    assert not window.isVisible()
    assert window.ws.store.get(gen.id).status is Status.CANCELLED
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1


def test_quitting_while_a_job_runs_can_keep_it_for_next_time(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window, gen = _window_with_a_running_job(qtbot, window_factory, iacrea_server, put_server)
    with answering(press("Keep them and quit")) as dialogs:
        assert window.close()
    assert dialogs.answered == 1
    assert not window.isVisible()
    kept = window.ws.store.get(gen.id)
    assert kept.status is Status.PROCESSING and kept.remote_id, "left for the next start"


def _window_with_a_result(qtbot: Any, window_factory: Any, iacrea_server: Any,
                          put_server: Any) -> tuple[Any, Any]:
    window = _real_window(window_factory, cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    window.action(ActionId.GENERATE).trigger()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    qtbot.waitUntil(lambda: window.action(ActionId.EXPORT).isEnabled(), timeout=60_000)
    return window, gen


def test_export_folder_dialog_exports_into_the_folder_chosen(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any,
        tmp_path: Path) -> None:
    previous = tmp_path / "last time"
    previous.mkdir()
    state = WindowState.load()
    state.export_folder = str(previous)
    state.save()
    window, gen = _window_with_a_result(qtbot, window_factory, iacrea_server, put_server)

    with answering(type_path(None)) as dialogs:  # Cancel: nothing is exported
        window.action(ActionId.EXPORT).trigger()
    assert dialogs.seen == [Shown("QFileDialog", "Export all results to")]

    chosen = tmp_path / "for the agency"
    chosen.mkdir()
    with answering(type_path(chosen)) as dialogs:
        window.action(ActionId.EXPORT).trigger()
    assert dialogs.answered == 1

    def written() -> list[Path]:  # whole files: one being written is a hidden ".part"
        return [p for p in chosen.iterdir() if not p.name.startswith(".")]

    qtbot.waitUntil(lambda: len(written()) == len(gen.result_files), timeout=60_000)
    for exported in written():
        with Image.open(exported) as image, Image.open(gen.result_files[0]) as result:
            assert image.size == result.size
    assert WindowState.load().export_folder == str(chosen), "the folder is remembered"
    assert list(previous.iterdir()) == [], "the cancelled export wrote nothing"


def test_listings_are_named_in_a_text_prompt_and_archived_after_a_question(
        qtbot: Any, window_factory: Any) -> None:
    window = _real_window(window_factory, None)
    first = window.listing.current()

    with answering(type_text("Typed then cancelled", ok=False)) as dialogs:  # nothing made
        window.action(ActionId.NEW_LISTING).trigger()
    assert dialogs.seen == [Shown("QInputDialog", "New listing")]
    assert [listing.id for listing in window.listing.all()] == [first.id]

    offered: list[str] = []
    with answering(type_text("4 Oak Lane", offered)) as dialogs:
        window.action(ActionId.NEW_LISTING).trigger()
    assert dialogs.answered == 1 and offered == [""]
    assert window.listing.current().name == "4 Oak Lane" != first.name
    assert window.listing_bar.current_name() == "4 Oak Lane"

    with answering(type_text("4 Oak Ln", offered)) as dialogs:
        window.action(ActionId.RENAME_LISTING).trigger()
    assert dialogs.seen == [Shown("QInputDialog", "Rename listing")]
    assert offered[1] == "4 Oak Lane", "the prompt starts from the current name"
    assert window.listing.current().name == "4 Oak Ln"

    with answering(type_text("Typed then cancelled", ok=False)) as dialogs:  # name stays
        window.action(ActionId.RENAME_LISTING).trigger()
    assert dialogs.answered == 1
    assert window.listing.current().name == "4 Oak Ln"
    assert window.listing_bar.current_name() == "4 Oak Ln"

    with answering(press("No")) as dialogs:  # archiving asks first, naming the listing
        window.action(ActionId.ARCHIVE_LISTING).trigger()
    assert dialogs.seen == [Shown("QMessageBox", "Archive listing",
                                  "Put “4 Oak Ln” away? Its photos and results stay on this "
                                  "computer.", "Question")]
    assert window.listing.current().name == "4 Oak Ln", "refused: still there"
    with answering(press("Yes")) as dialogs:
        window.action(ActionId.ARCHIVE_LISTING).trigger()
    assert dialogs.answered == 1
    assert [listing.id for listing in window.listing.all()] == [first.id]


def _fill_export(folder: Path, suggested: list[str], *, preset: str = "",
                 label: bool = False, originals: bool = False, ok: bool = True) -> Any:
    """Answer the Export listing dialog as a user does: pick a preset, tick boxes, type the
    folder, press Export (or Cancel)."""
    def answer(dialog: Any) -> None:
        suggested.append(dialog.folder.text())
        if preset:
            dialog.preset.setCurrentIndex(dialog.preset.findData(preset))
        if label:
            dialog.label.click()
        if originals:
            dialog.originals.click()
        dialog.folder.setText(str(folder))
        buttons = dialog.findChild(QDialogButtonBox)
        (dialog.export_button if ok else
         buttons.button(QDialogButtonBox.StandardButton.Cancel)).click()
    return answer


def test_export_listing_dialog_writes_what_was_chosen_and_cancel_writes_nothing(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any,
        tmp_path: Path) -> None:
    window, gen = _window_with_a_result(qtbot, window_factory, iacrea_server, put_server)
    qtbot.waitUntil(lambda: window.action(ActionId.KEEP).isEnabled(), timeout=60_000)
    window.action(ActionId.KEEP).trigger()
    qtbot.waitUntil(lambda: entry_of(window, SKY_PHOTO).kept is not None, timeout=60_000)
    name = window.listing.current().name

    suggested: list[str] = []
    cancelled = tmp_path / "cancelled"
    with answering(_fill_export(cancelled, suggested, preset="full", label=True,
                                ok=False)) as dialogs:
        window.action(ActionId.EXPORT_LISTING).trigger()
    assert dialogs.seen == [Shown("ExportListingDialog", "Export listing")]
    assert Path(suggested[0]).name == name, "the listing's name is the folder offered"

    out = tmp_path / "delivery"
    with qtbot.waitSignal(window.listingExported, timeout=120_000) as done, \
            answering(_fill_export(out, suggested, preset="full", label=True,
                                   originals=True)) as dialogs:
        window.action(ActionId.EXPORT_LISTING).trigger()
    assert dialogs.answered == 1
    stem = f"01-{delivery.slug(SKY_PHOTO.name)}"
    assert [p.name for p in done.args[0].report.written] == [f"{stem}.jpg",
                                                             f"{stem}-original.jpg"]
    # each file is what the chosen preset and options make of the kept result and the original
    chosen = delivery.DeliveryOptions.from_preset("full", label=True, originals=True)
    edited = delivery.render(gen.result_files[0], chosen, edited=True)
    assert (out / f"{stem}.jpg").read_bytes() == edited
    assert edited != delivery.render(gen.result_files[0], chosen, edited=False), "labelled"
    assert (out / f"{stem}-original.jpg").read_bytes() == \
        delivery.render(SKY_PHOTO, chosen, edited=False)
    assert not cancelled.exists() and not Path(suggested[0]).exists(), "Cancel wrote nothing"


def test_about_box_names_the_version_and_the_data_folder(qtbot: Any,
                                                         window_factory: Any) -> None:
    from desktop_app import __version__
    from desktop_app.core import paths

    window = _real_window(window_factory, None)
    with answering(press("OK")) as dialogs:
        window.action(ActionId.ABOUT).trigger()
    assert [(shown.kind, shown.title) for shown in dialogs.seen] == \
        [("QMessageBox", "About SkyClear")]
    text = dialogs.seen[0].text
    assert f"SkyClear {__version__}" in text and str(paths.data_dir()) in text
    assert "never modified" in text
