"""The versions of one photo in the window: the panel says what Generate and New variation
will run for the version shown (and runs exactly that), and a version is kept with its star
or by keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from test_window_helpers import (
    SKY_PHOTO,
    add_photo,
    cloud_settings,
    entry_of,
    wait_status,
    window_factory,
)

from desktop_app.core.models import EngineName, Service, Status
from desktop_app.ui.sky_review import SkyReview

__all__ = ["window_factory"]


def paid_calls(server: Any) -> int:
    """Requests that cost a credit (a generation or a variation) the service received."""
    return sum(1 for c in server.calls
               if (c.endpoint or "").endswith(("/generate", "/generate-variation")))


def choose_version(qtbot: Any, window: Any, key: str) -> None:
    """Click a version in the strip, as the agent does, and wait for the panel to take it."""
    row = window.strip.keys().index(key)
    spot = window.strip.visualItemRect(window.strip.item(row)).center()
    qtbot.mouseClick(window.strip.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: window.compare.after_key() == key, timeout=30_000)


def test_the_panel_says_and_runs_what_the_shown_version_was_made_with(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    window.prompt.sky_review = SkyReview(mask=None)  # the sky found, taken as it is
    window.prompt.mask = np.zeros((8, 8), bool)
    add_photo(qtbot, window, SKY_PHOTO)
    assert window.panel.engine() is EngineName.CLOUD, "a photo never sent: the user's choice"

    # one local sky version, then one cloud declutter version of the same photo
    window.panel.set_engine(EngineName.LOCAL)
    window.panel.set_service(Service.SKY)
    window.generate()
    sky = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    window.panel.set_engine(EngineName.CLOUD)
    window.panel.set_service(Service.DECLUTTER)
    window.generate()
    qtbot.waitUntil(lambda: len(entry_of(window, SKY_PHOTO).family) == 2, timeout=30_000)
    declutter = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    assert (sky.engine, declutter.engine) == (EngineName.LOCAL, EngineName.CLOUD)
    qtbot.waitUntil(lambda: window.compare.after_key() == f"{declutter.id}:0", timeout=30_000)
    qtbot.waitUntil(lambda: len(window.strip.keys()) == 3, timeout=30_000)

    # the local sky version shown: sky, local, free, for both buttons
    choose_version(qtbot, window, f"{sky.id}:0")
    panel = window.panel
    assert panel.service() is Service.SKY and panel.engine() is EngineName.LOCAL
    assert panel.credits_label.text() == "Free"
    assert panel.generate_button.text() == "Generate"
    assert panel.variation_detail.text() == "Based on “Sky · local · 1” — free"
    assert window.ws.settings.engine is EngineName.CLOUD, "following is not choosing"
    sent = paid_calls(iacrea_server)
    window.new_variation()
    qtbot.waitUntil(lambda: len(entry_of(window, SKY_PHOTO).family) == 3, timeout=30_000)
    variation = entry_of(window, SKY_PHOTO).family[-1]
    assert (variation.service, variation.engine) == (Service.SKY, EngineName.LOCAL)
    variation = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    qtbot.waitUntil(lambda: len(window.strip.keys()) == 4, timeout=30_000)

    # the cloud declutter version shown: declutter, cloud, a credit on both buttons
    choose_version(qtbot, window, f"{declutter.id}:0")
    assert panel.service() is Service.DECLUTTER and panel.engine() is EngineName.CLOUD
    qtbot.waitUntil(lambda: "credit" in panel.credits_label.text(), timeout=30_000)
    assert panel.generate_button.text() == "Generate 1 photo · 1 credit"
    assert panel.variation_detail.text() == "Based on “Declutter · cloud · 1” — 1 credit"
    window.generate()  # asked first (a result exists), answered yes: a new cloud declutter job
    qtbot.waitUntil(lambda: len(entry_of(window, SKY_PHOTO).family) == 4, timeout=30_000)
    again = entry_of(window, SKY_PHOTO).family[-1]
    assert (again.service, again.engine) == (Service.DECLUTTER, EngineName.CLOUD)
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    assert paid_calls(iacrea_server) == sent + 1, "the local variation sent nothing"

    # the user's own choice still wins for this photo, and is what a new photo gets
    choose_version(qtbot, window, f"{sky.id}:0")
    panel.set_engine(EngineName.CLOUD)
    assert panel.engine() is EngineName.CLOUD and panel.service() is Service.SKY
    assert window.ws.settings.engine is EngineName.CLOUD


def test_a_version_is_kept_with_its_star_and_by_keyboard(
        qtbot: Any, window_factory: Any, tmp_path: Path) -> None:
    window = window_factory()
    window.prompt.sky_review = SkyReview(mask=None)
    add_photo(qtbot, window, SKY_PHOTO)
    window.generate()
    first = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    window.new_variation()
    qtbot.waitUntil(lambda: len(entry_of(window, SKY_PHOTO).family) == 2, timeout=30_000)
    second = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    qtbot.waitUntil(lambda: len(window.strip.keys()) == 3, timeout=30_000)
    strip = window.strip
    one, two = f"{first.id}:0", f"{second.id}:0"
    assert strip.kept_key() is None and not strip.star_rect(0).isValid(), "no star: original"

    def kept() -> str | None:
        entry = entry_of(window, SKY_PHOTO)
        return None if entry.kept_id is None else f"{entry.kept_id}:{entry.kept_index}"

    # a click on a version's star keeps it; its star fills, the other's stays empty
    star = strip.star_rect(strip.keys().index(one)).center()
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=star)
    qtbot.waitUntil(lambda: kept() == one, timeout=30_000)
    assert strip.kept_key() == one
    # another's star moves the keep; the same star again keeps none
    star = strip.star_rect(strip.keys().index(two)).center()
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=star)
    qtbot.waitUntil(lambda: kept() == two, timeout=30_000)
    assert strip.kept_key() == two
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=star)
    qtbot.waitUntil(lambda: kept() is None, timeout=30_000)
    assert strip.kept_key() is None

    # by keyboard in the strip: arrow to a version, P keeps it, P again keeps none
    assert window.compare.after_key() == two, "the version on the right"
    window.activateWindow()
    strip.setFocus()
    qtbot.waitUntil(strip.hasFocus, timeout=30_000)
    qtbot.keyClick(strip, Qt.Key.Key_Left)
    assert strip.current_key() == one and window.compare.after_key() == two
    qtbot.keyClick(strip, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: kept() == one, timeout=30_000)
    assert strip.kept_key() == one
    qtbot.keyClick(strip, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: kept() is None, timeout=30_000)
