"""Test setup shared by every test: offscreen Qt, a private data folder, an in-memory keyring,
and a check that no thread, QThread, QTimer, thread pool task or child process outlives the
test that started it (see leaks.py)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
# the window speaks English in tests whatever this machine's language (test_i18n switches)
os.environ["LANG"] = "en_US.UTF-8"
os.environ["LANGUAGE"] = "en"
os.environ["LC_ALL"] = os.environ["LC_MESSAGES"] = ""  # empty: not set

import keyring
import leaks
from keyring.backend import KeyringBackend

PHOTOS = Path(__file__).parent / "data"
pytest_plugins = ["fault_server", "iacrea_server", "put_server", "s3_server"]


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that forgets everything when the test ends."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(scope="session")
def qapp(qapp: Any) -> Any:
    """pytest-qt's application as the app sets it up: its style (sizes depend on it) and
    English (with the plural forms)."""
    from desktop_app.ui import style
    from desktop_app.ui.i18n import install_translators

    style.apply_style(qapp)
    install_translators(qapp, "en")
    return qapp


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder and keyring, and no credentials from the outside."""
    home = tmp_path / "home"
    monkeypatch.setenv("DESKTOP_APP_HOME", str(home))
    for name in ("IACREA_API_KEY", "IACREA_USER_ID", "IACREA_BASE_URL", "DESKTOP_APP_UPLOAD_URL"):
        monkeypatch.delenv(name, raising=False)
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield home
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> KeyringBackend:
    return keyring.get_keyring()


@pytest.fixture
def terminal_ctrl_c() -> Iterator[None]:
    """Ctrl+C as a program in a terminal's foreground gets it. A suite started in the
    background of a script runs with SIGINT ignored, and the processes a test starts would
    inherit that and never see a Ctrl+C; a handled signal is reset to the default in them."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


# -- thread hygiene -------------------------------------------------------------------------
#: How long threads and processes get to end after the test's own teardown (a server thread
#: closing its socket); timers and pools are not waited for: a live one is a leak at once.
GRACE_SECONDS = 5


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    """Fail the test that leaves a thread, QThread, busy QThreadPool, active QTimer (a pending
    ``QTimer.singleShot`` included) or child process running."""
    snapshot = leaks.Snapshot()
    yield
    deadline = time.monotonic() + GRACE_SECONDS
    while leftovers := snapshot.leftovers():
        if any(not name.startswith(("thread ", "process ")) for name in leftovers) or \
                time.monotonic() > deadline:
            snapshot.forget()
            pytest.fail(f"test left threads or timers running: {leftovers}")
        time.sleep(0.02)
    snapshot.forget()
