"""``desktop-app --screenshot --demo --state mask|skyreview|hostsettings``: the dialogs the README
shows, staged for real (a stage that cannot do its part ends with exit code 1, no picture)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from test_window_cli import _run

from desktop_app.ui.demo import MAX_PNG_BYTES


@pytest.mark.parametrize("state", ["mask", "skyreview"])
def test_a_dialog_over_the_window_is_shot_at_the_windows_size(tmp_path: Path, state: str) -> None:
    shot = tmp_path / f"{state}.png"
    result = _run("--screenshot", str(shot), "--demo", "--state", state, "--size", "1100x720",
                  home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    with Image.open(shot) as image:
        assert image.format == "PNG" and image.size == (1100, 720)
    assert shot.stat().st_size <= MAX_PNG_BYTES


def test_host_settings_are_shot_at_the_dialogs_own_size(tmp_path: Path) -> None:
    shot = tmp_path / "host.png"
    result = _run("--screenshot", str(shot), "--demo", "--state", "hostsettings",
                  home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    with Image.open(shot) as image:
        # the dialog, not the 1280 x 800 window; at least its minimum width, and not squeezed to
        # the 600 pixels of the offscreen screen
        assert image.format == "PNG"
        assert 700 <= image.size[0] < 1280 and 600 < image.size[1] < 800
