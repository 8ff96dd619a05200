"""The window with the offline local engine: the same flow, no account, no network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from test_window_helpers import (
    CLUTTER_PHOTO,
    SKY_PHOTO,
    add_photo,
    entry_of,
    wait_status,
    window_factory,
)

from desktop_app.core import masks
from desktop_app.core.models import EngineName, Service, Status
from desktop_app.core.settings import Settings

__all__ = ["window_factory"]


def paint_in_mask_editor(qtbot: Any, box: tuple[float, float, float, float],
                         seen_initial: list[int]) -> None:
    """When the mask editor opens, wait for its photo, paint a rectangle (fractions of the
    photo) with the canvas API, and press its Generate button."""
    from desktop_app.ui.mask_editor import MaskEditorDialog

    def act() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MaskEditorDialog) and w.isVisible()]
        if not dialogs or not dialogs[0].is_ready():
            QTimer.singleShot(30, act)
            return
        dialog = dialogs[0]
        current = dialog.mask()
        seen_initial.append(int(current.sum()))
        h, w = current.shape
        painted = current.copy()
        x0, y0, x1, y1 = box
        painted[int(y0 * h):int(y1 * h), int(x0 * w):int(x1 * w)] = True
        dialog.canvas.set_mask(painted)
        dialog.generate_button.click()

    QTimer.singleShot(30, act)


def test_local_sky_flow_without_account(qtbot: Any, window_factory: Any, tmp_path: Path) -> None:
    window = window_factory(Settings())
    assert window.panel.engine() is EngineName.LOCAL, "local until a key is set"
    assert window.panel.credits_label.text() == "Free"
    add_photo(qtbot, window, SKY_PHOTO)
    window.panel.set_service(Service.SKY)
    window.generate()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    assert gen.engine is EngineName.LOCAL
    qtbot.waitUntil(window.compare.view.has_after, timeout=10_000)
    # the result really differs from the original somewhere (the windows), not everywhere
    with qtbot.waitSignal(window.compare.view.differenceReady, timeout=60_000):
        window.set_mode(window.compare.view.mode().DIFFERENCE)
    fraction = window.compare.view.changed_fraction()
    assert fraction is not None and 0 < fraction < 0.9
    assert window.compare.mode_buttons[window.compare.view.mode()].isChecked()

    # copy the result shown to the clipboard, at its own size
    from PySide6.QtGui import QGuiApplication

    window.copy_result()
    qtbot.waitUntil(lambda: not QGuiApplication.clipboard().image().isNull(), timeout=20_000)
    with Image.open(gen.result_files[0]) as shown:
        assert QGuiApplication.clipboard().image().width() == shown.width

    window.new_variation()
    qtbot.waitUntil(lambda: len(entry_of(window, SKY_PHOTO).family) == 2, timeout=10_000)
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    assert entry_of(window, SKY_PHOTO).summary == "Interior sky · local · 1 variation"

    # export every result of the photo, labelled
    window.ws.settings.burn_label = True
    out = tmp_path / "export"
    window.ask_export_folder = lambda: str(out)
    window.export_all()
    qtbot.waitUntil(lambda: len(list(out.glob("*.jpg"))) == 2, timeout=20_000)


def test_auto_detection_is_off_with_the_local_engine(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    window.panel.set_service(Service.DECLUTTER)
    assert window.panel.engine() is EngineName.LOCAL
    assert not window.panel.auto_check.isEnabled()
    assert "paint" in window.panel.auto_check.toolTip()
    assert window.panel.auto() is False
    window.panel.set_engine(EngineName.CLOUD)
    assert window.panel.auto_check.isEnabled()


def test_local_declutter_paints_a_mask_then_variation_starts_from_it(
        qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    add_photo(qtbot, window, CLUTTER_PHOTO)
    window.panel.set_service(Service.DECLUTTER)
    initial: list[int] = []
    paint_in_mask_editor(qtbot, (0.4, 0.6, 0.6, 0.9), initial)
    window.generate()  # opens the editor (modal) on the photo; the timer paints and accepts
    assert initial == [0], "a first declutter starts from an empty mask"
    qtbot.waitUntil(lambda: not entry_of(window, CLUTTER_PHOTO).is_draft, timeout=20_000)
    gen = wait_status(qtbot, window, CLUTTER_PHOTO, Status.DONE, timeout=120_000)
    assert gen.mask_path and Path(gen.mask_path).exists()
    first_mask = masks.read_mask(Path(gen.mask_path))
    marked = int(first_mask.sum())
    assert marked > 0

    # the variation opens the editor on the prepared photo, starting from that mask
    paint_in_mask_editor(qtbot, (0.05, 0.05, 0.15, 0.15), initial)
    window.new_variation()
    assert initial[1] == marked
    qtbot.waitUntil(lambda: len(entry_of(window, CLUTTER_PHOTO).family) == 2, timeout=20_000)
    variation = wait_status(qtbot, window, CLUTTER_PHOTO, Status.DONE, timeout=120_000)
    assert variation.is_variation and variation.mask_path
    second = masks.read_mask(Path(variation.mask_path))
    assert second.sum() > marked and np.all(second[first_mask])


def test_cancelling_the_mask_editor_sends_nothing(qtbot: Any, window_factory: Any) -> None:
    from desktop_app.ui.mask_editor import MaskEditorDialog

    window = window_factory(Settings())
    add_photo(qtbot, window, CLUTTER_PHOTO)
    window.panel.set_service(Service.DECLUTTER)

    def cancel() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MaskEditorDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(30, cancel)
            return
        dialogs[0].reject()

    QTimer.singleShot(30, cancel)
    window.generate()
    assert entry_of(window, CLUTTER_PHOTO).is_draft
    assert window.ws.store.all() == []
