"""Test setup shared by every test: offscreen Qt, a private data folder, an in-memory keyring,
and a check that no thread, QThread or QTimer outlives the test that started it."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import keyring
from keyring.backend import KeyringBackend

PHOTOS = Path(__file__).parent / "data"
pytest_plugins = ["iacrea_server", "put_server"]


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


# -- thread hygiene -------------------------------------------------------------------------
_started_qobjects: list[object] = []


def _track_qt() -> None:
    """Record every QThread and QTimer started from Python so a test cannot leak one."""
    try:
        from PySide6 import QtCore
    except ImportError:  # core tests can run without Qt installed
        return
    if getattr(QtCore.QThread.start, "_tracked", False):
        return
    for cls in (QtCore.QThread, QtCore.QTimer):
        original = cls.start

        def start(self, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            _started_qobjects.append(self)
            return _original(self, *args, **kwargs)

        start._tracked = True  # type: ignore[attr-defined]
        cls.start = start  # type: ignore[method-assign]


def _still_running(obj: object) -> bool:
    try:
        return bool(obj.isRunning() if hasattr(obj, "isRunning") else obj.isActive())  # type: ignore[attr-defined]
    except RuntimeError:  # the C++ object is already deleted: not running
        return False


def _retired_tasks_running() -> int:
    """Tasks still running for a closed dialog (see ``TaskRunner.retire``)."""
    try:
        from desktop_app.jobs.tasks import retired_tasks_running
    except ImportError:  # core tests can run without Qt installed
        return 0
    return retired_tasks_running()


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    _track_qt()
    _started_qobjects.clear()
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5
    while True:
        threads = [t for t in threading.enumerate()
                   if t not in before and t.is_alive() and not t.name.startswith("session-")]
        qobjects = [o for o in _started_qobjects if _still_running(o)]
        retired = _retired_tasks_running()
        if not threads and not qobjects and not retired:
            break
        if time.monotonic() > deadline:
            _started_qobjects.clear()
            names = [t.name for t in threads] + [type(o).__name__ for o in qobjects] + \
                ["retired TaskRunner task"] * retired
            pytest.fail(f"test left threads or timers running: {names}")
        time.sleep(0.02)
    _started_qobjects.clear()
