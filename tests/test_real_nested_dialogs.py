"""The real dialogs opened from inside other dialogs — the mask editor's Import mask…, Export
mask…, Other colour… and its question before painted work is dropped; the Export listing
dialog's Choose… — each answered as a user does (see dialogs.py), no method replaced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from dialogs import Shown, answering, press, type_path
from PIL import Image
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialog, QDialogButtonBox, QLineEdit, QPushButton
from test_mask_editor import grey_photo, track

from desktop_app.core import masks
from desktop_app.ui.export_dialog import ExportListingDialog
from desktop_app.ui.mask_editor import MaskEditorDialog


def open_editor(qtbot: Any) -> MaskEditorDialog:
    """A mask editor on a grey photo, ready to paint; closed without its question after the
    test, even one that failed with painted work in it."""
    dialog = track(qtbot, MaskEditorDialog(grey_photo()))
    dialog.show()
    qtbot.waitUntil(dialog.is_ready, timeout=60_000)
    dialog.canvas.wait_for_workers()
    return dialog


def test_import_mask_reads_the_file_chosen_in_the_file_dialog(qtbot: Any,
                                                              tmp_path: Path) -> None:
    dialog = open_editor(qtbot)
    drawn = np.zeros((600, 800), np.uint8)
    drawn[100:200, 300:500] = 255
    made = tmp_path / "from the agency.png"
    Image.fromarray(drawn, "L").save(made)

    with answering(type_path(None)) as dialogs:  # Cancel: the mask stays empty
        dialog.import_button.click()
    assert dialogs.seen == [Shown("QFileDialog", "Import a mask")]
    assert dialog.canvas.marked_pixels() == 0

    with answering(type_path(made)) as dialogs:
        dialog.import_button.click()
    assert dialogs.answered == 1
    qtbot.waitUntil(lambda: dialog.canvas.marked_pixels() == 100 * 200, timeout=60_000)
    assert np.array_equal(dialog.mask(), drawn == 255)


def test_export_mask_writes_a_png_where_typed(qtbot: Any, tmp_path: Path) -> None:
    dialog = open_editor(qtbot)
    dialog.canvas.invert()
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as written, \
            answering(type_path(tmp_path / "kitchen mask")) as dialogs:
        dialog.export_button.click()
    assert dialogs.seen == [Shown("QFileDialog", "Export the mask")]
    assert written.args == [str(tmp_path / "kitchen mask.png")], "a PNG, named as typed"
    assert masks.read_mask(tmp_path / "kitchen mask.png").all()

    with answering(type_path(None)) as dialogs:  # Cancel: nothing more is written
        dialog.export_button.click()
    assert dialogs.answered == 1
    assert [p.name for p in tmp_path.iterdir()] == ["kitchen mask.png"]


def _choose_colour(colour: QColor | None) -> Any:
    def answer(picker: Any) -> None:
        assert isinstance(picker, QColorDialog)
        buttons = picker.findChild(QDialogButtonBox)
        if colour is None:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
            return
        picker.setCurrentColor(colour)
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    return answer


def test_other_colour_sets_the_colour_picked(qtbot: Any) -> None:
    dialog = open_editor(qtbot)
    before = dialog.canvas.overlay_colour().name()
    other = next(a for a in dialog.toolbar.colour_button.actions() if a.text() == "Other colour…")
    with answering(_choose_colour(None)) as dialogs:
        other.trigger()
    assert dialogs.seen == [Shown("QColorDialog", "Mask colour")]
    assert dialog.canvas.overlay_colour().name() == before

    with answering(_choose_colour(QColor("#12a4c8"))) as dialogs:
        other.trigger()
    assert dialogs.answered == 1
    assert dialog.canvas.overlay_colour().name() == "#12a4c8" != before


def test_painted_work_is_dropped_only_when_the_question_says_discard(qtbot: Any) -> None:
    dialog = open_editor(qtbot)
    dialog.canvas.invert()
    with answering(press("Cancel")) as dialogs:
        dialog.cancel_button.click()
    assert dialogs.seen == [Shown("QMessageBox", "Discard the mask?",
                                  "Close the editor and lose what you painted? Export the mask "
                                  "first to keep it.", "Question")]
    assert dialog.isVisible() and dialog.canvas.marked_pixels() == 800 * 600

    with qtbot.waitSignal(dialog.finished, timeout=60_000) as finished, \
            answering(press("Discard")) as dialogs:
        dialog.cancel_button.click()
    assert dialogs.answered == 1
    assert finished.args == [QDialog.DialogCode.Rejected.value] and not dialog.isVisible()


def choose_folder(dialog: QDialog, box: QLineEdit, title: str, picked: Path) -> None:
    """Press the dialog's Choose… twice as a user does: Cancel keeps what the box held, a
    folder typed into the picker goes into the box."""
    choose = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Choose…")
    before = box.text()
    with answering(type_path(None)) as dialogs:
        choose.click()
    assert dialogs.seen == [Shown("QFileDialog", title)]
    assert box.text() == before

    picked.mkdir()
    with answering(type_path(picked)) as dialogs:
        choose.click()
    assert dialogs.answered == 1
    assert box.text() == str(picked)


def test_export_listing_choose_puts_the_folder_picked_in_the_dialog(qtbot: Any,
                                                                    tmp_path: Path) -> None:
    offered = tmp_path / "12 Elm Street"
    dialog = ExportListingDialog("12 Elm Street", 3, 1, str(offered))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.folder.text() == str(offered)
    choose_folder(dialog, dialog.folder, "Export the listing into", tmp_path / "delivered")
    assert dialog.choice().folder == str(tmp_path / "delivered")


def test_the_export_dialog_says_what_each_photo_goes_out_as(qtbot: Any, tmp_path: Path) -> None:
    """One kept version among three photos, all kept, none kept: "the others go out as their
    original" was said even when there were no others."""
    said = []
    for photos, kept in ((3, 1), (1, 1), (2, 0)):
        dialog = ExportListingDialog("12 Elm Street", photos, kept, str(tmp_path))
        qtbot.addWidget(dialog)
        said.append(dialog.summary.text())
    assert said == [
        "3 photos in the listing's order, named 01-name.jpg…; 1 kept version, the others go "
        "out as their original.",
        "1 photo in the listing's order, named 01-name.jpg, as its kept version.",
        "2 photos in the listing's order, named 01-name.jpg…, as taken: no version is kept yet.",
    ]


def test_settings_library_choose_puts_the_folder_picked_in_the_box(qtbot: Any,
                                                                   tmp_path: Path) -> None:
    from desktop_app.core.settings import Settings
    from desktop_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    picked = tmp_path / "Listings 2026"
    choose_folder(dialog, dialog.library_edit, "Library folder", picked)
    dialog.accept()
    saved = dialog.saved_settings()
    assert saved is not None and saved.library_path() == picked
