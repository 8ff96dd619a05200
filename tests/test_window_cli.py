"""``desktop-app``: --version, --screenshot, and subcommands handed to the command line."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image
from PySide6.QtNetwork import QLocalServer

from desktop_app import __version__
from desktop_app.__main__ import build_parser
from desktop_app.ui.single_instance import server_name


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DESKTOP_APP_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], env=env,
                          capture_output=True, text=True, timeout=180)


def test_version(tmp_path: Path) -> None:
    result = _run("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"SkyClear {__version__}"


def test_screenshot_of_the_users_window_and_of_the_demo(tmp_path: Path) -> None:
    home = tmp_path / "home"
    shot = tmp_path / "window.png"
    result = _run("--screenshot", str(shot), "--size", "1100x700", home=home)
    assert result.returncode == 0, result.stderr
    with Image.open(shot) as image:
        assert image.size == (1100, 700)
    before = sorted(p.relative_to(home) for p in home.rglob("*"))
    demo = tmp_path / "library.png"
    # a demo with photos in its library and jobs in its store: none of it lands in the user's
    result = _run("--screenshot", str(demo), "--demo", "--state", "library", home=home)
    assert result.returncode == 0, result.stderr
    assert demo.stat().st_size <= 400 * 1024
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == before
    assert not (home / "drafts.json").exists(), "the demo does not touch the user's library"


def test_subcommands_go_to_the_command_line(tmp_path: Path) -> None:
    result = _run("history", home=tmp_path)
    assert result.returncode == 0, result.stderr
    result = _run("credits", home=tmp_path)
    assert result.returncode == 1
    assert "API key" in result.stderr and "Traceback" not in result.stderr


def test_demo_options_need_screenshot(tmp_path: Path) -> None:
    args = build_parser().parse_args(["--screenshot", "x.png", "--demo", "--state", "error"])
    assert args.demo and args.state == "error"
    for alone in (["--demo"], ["--state", "error"], ["--photos", "a.jpg"]):
        result = _run(*alone, home=tmp_path / "home")
        assert result.returncode == 2, alone
        assert "only go with --screenshot" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "home" / "jobs.sqlite3").exists()  # no window was opened


def test_photos_named_on_the_command_line_join_the_library(tmp_path: Path) -> None:
    """What a file manager's "Open with SkyClear" does: the window opens with them added."""
    home = tmp_path / "home"
    photo = Path(__file__).parent / "data" / "kitchen-white-island-01.jpg"
    env = dict(os.environ, DESKTOP_APP_HOME=str(home), QT_QPA_PLATFORM="offscreen",
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    window = subprocess.Popen([sys.executable, "-m", "desktop_app", str(photo)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    store = home / "jobs.sqlite3"

    def filed() -> bool:  # the photo is in the listing the window shows
        try:
            with sqlite3.connect(store) as db:
                return db.execute("SELECT 1 FROM photos WHERE source=?",
                                  (str(photo),)).fetchone() is not None
        except sqlite3.Error:  # not created yet, or being set up
            return False

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and window.poll() is None and not filed():
            time.sleep(0.1)
        assert window.poll() is None, window.stderr.read() if window.stderr else ""
        assert filed()
    finally:
        window.kill()
        window.communicate(timeout=30)
        # killed, the window could not remove its socket file: the test does
        QLocalServer.removeServer(server_name(home))


def test_screenshot_refuses_photos_to_open(tmp_path: Path) -> None:
    result = _run("--screenshot", str(tmp_path / "x.png"), "photo.jpg", home=tmp_path)
    assert result.returncode == 2 and "--photos" in result.stderr
