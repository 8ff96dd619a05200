"""A system keyring that fails (locked, refusing, unable to delete), through a real keyring
backend that raises: the user reads a sentence (a locked keyring is named, not taken for a
missing key), nothing crashes, and the key is never written anywhere else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import keyring
import pytest
from broken_keyring import BrokenKeyring
from test_cli import cli_env, desktop_app, no_traceback
from test_window_helpers import SKY_PHOTO, add_photo, window_factory

from desktop_app.core import credentials
from desktop_app.core.models import EngineName
from desktop_app.core.settings import Settings, save_settings
from desktop_app.ui.actions import ActionId
from desktop_app.ui.settings_dialog import SettingsDialog

__all__ = ["window_factory"]

TESTS = Path(__file__).parent
KEY = "sk-kept-secret-4711"


@pytest.fixture(autouse=True)
def no_session_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys held for the session only, and the keyring's failed reads, start empty."""
    monkeypatch.setattr(credentials, "_session_only", {})
    monkeypatch.setattr(credentials, "_unreadable", set())


def _nowhere_on_disk(home: Path) -> None:
    for path in home.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), f"the key was written to {path}"


def _dialog(qtbot: Any) -> SettingsDialog:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_locked_keyring_in_the_cli_is_one_sentence(isolated_home: Path,
                                                     iacrea_server: Any) -> None:
    save_settings(Settings(user_id=iacrea_server.user_id, base_url=iacrea_server.url,
                           engine="cloud"))
    env = cli_env(isolated_home)
    env["PYTHON_KEYRING_BACKEND"] = "broken_keyring.LockedKeyring"
    env["PYTHONPATH"] = str(TESTS)
    proc = desktop_app("credits", env=env)
    no_traceback(proc)
    assert proc.returncode != 0
    [line] = proc.stderr.strip().splitlines()
    assert "could not read your API key from the system keyring" in line
    assert "IACREA_API_KEY" in line
    assert iacrea_server.calls_to("credits") == [], "nothing was sent without a key"


def test_a_keyring_that_cannot_be_read_is_said_in_the_window(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    ring = BrokenKeyring(read=True)
    ring.secrets[(credentials.KEYRING_SERVICE, credentials.API_KEY)] = KEY
    keyring.set_keyring(ring)
    window = window_factory(Settings(user_id=iacrea_server.user_id, base_url=iacrea_server.url,
                                     engine="cloud", host_kind="put",
                                     put_url=put_server.upload_prefix))
    add_photo(qtbot, window, SKY_PHOTO)
    window.action(ActionId.GENERATE).trigger()
    qtbot.waitUntil(window.banner.isVisible, timeout=60_000)
    assert "could not read your API key from the system keyring" in window.banner.text()
    assert "Open Settings" in window.banner.action_texts()
    assert "read" in ring.attempts
    assert iacrea_server.calls_to("sky_interior/generate") == []


def test_a_keyring_that_refuses_the_key_keeps_it_for_this_session_only(
        qtbot: Any, isolated_home: Path) -> None:
    ring = BrokenKeyring(write=True)
    keyring.set_keyring(ring)
    dialog = _dialog(qtbot)
    dialog.api_key_edit.setText(KEY)
    dialog.accept()
    assert "write" in ring.attempts and ring.secrets == {}
    assert credentials.get_api_key() == KEY, "usable until SkyClear closes"
    again = _dialog(qtbot)
    assert again.key_status_text() == (
        "The system keyring refused to store the key, so it is kept for this session only "
        "and will be forgotten when SkyClear closes."), "said as it is, not as no keyring"
    saved = dialog.saved_settings()
    assert saved is not None
    save_settings(saved)
    _nowhere_on_disk(isolated_home)


def test_a_keyring_that_cannot_delete_keeps_saying_the_key_is_there(qtbot: Any) -> None:
    ring = BrokenKeyring(delete=True)
    ring.secrets[(credentials.KEYRING_SERVICE, credentials.API_KEY)] = KEY
    keyring.set_keyring(ring)
    dialog = _dialog(qtbot)
    assert dialog.forget_key.isEnabled()
    dialog.forget_key.click()
    assert "delete" in ring.attempts
    assert ring.secrets, "the keyring really kept it"
    assert dialog.key_status_text().startswith(
        "The system keyring could not remove the key: it is still stored there.")
    assert dialog.forget_key.isEnabled(), "Remove can be tried again"

    ring.fails["delete"] = False
    dialog.forget_key.click()
    assert ring.secrets == {}
    assert dialog.key_status_text().startswith("No key yet."), "once removed, it says so"
    assert not dialog.forget_key.isEnabled()


def test_removing_a_key_that_is_not_there_is_not_a_failure() -> None:
    ring = BrokenKeyring(delete=True)  # keyrings raise when asked to delete nothing
    keyring.set_keyring(ring)
    assert credentials.delete_api_key()
    assert "delete" in ring.attempts


def test_a_window_without_a_user_id_starts_without_asking_the_keyring(
        qtbot: Any, window_factory: Any) -> None:
    # without an IACrea user ID there are no cloud credentials, whatever the keyring holds:
    # loading its backends (0.1 s, or an unlock prompt) is left for when it is needed
    ring = BrokenKeyring()
    ring.secrets[(credentials.KEYRING_SERVICE, credentials.API_KEY)] = KEY
    keyring.set_keyring(ring)
    window = window_factory(Settings())
    assert window.panel.engine() is EngineName.LOCAL
    assert ring.attempts == []


def test_a_window_without_a_user_id_starts_without_loading_keyring_or_http(
        isolated_home: Path) -> None:
    # what start-up need not load, in a fresh interpreter: keyring and its backends (35 ms
    # with bytecode), requests and the cloud client (loaded with the first cloud engine)
    script = (
        "import sys\n"
        "from desktop_app.app import create_app\n"
        "from desktop_app.engines.workspace import open_workspace\n"
        "from desktop_app.ui.main_window import MainWindow\n"
        "app = create_app()\n"
        "window = MainWindow(open_workspace(), first_run_welcome=False)\n"
        "window.show(); window.start(); app.processEvents()\n"
        "print(sorted(m for m in ('keyring', 'requests', 'desktop_app.core.api')"
        " if m in sys.modules))\n"
        "window.close(); app.processEvents()\n")
    env = cli_env(isolated_home / "fresh")
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
