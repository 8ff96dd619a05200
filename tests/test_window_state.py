"""What the window remembers: written off the GUI thread, only when it changed, read back by the
next run, and the earlier window.ini still read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QSettings

from desktop_app.core import atomic, paths
from desktop_app.core.models import Service
from desktop_app.ui import window_state
from desktop_app.ui.compare_view import CompareMode
from desktop_app.ui.window_state import WindowState

ROOT = Path(__file__).resolve().parents[1]


def _state_file() -> Path:
    return paths.data_dir() / "window.json"


def test_a_saved_state_is_what_the_next_run_reads(isolated_home: Path) -> None:
    state = WindowState.load()
    assert state == WindowState(), "a first run starts with the defaults"
    state.geometry = QByteArray(bytes(range(256)))  # every byte value survives
    state.mode, state.service = CompareMode.SIDE_BY_SIDE, Service.DECLUTTER
    state.open_folder, state.export_folder = "/photos/Rue d'Été, 3", "/out"
    state.welcome_shown, state.listing = True, 7
    state.save()
    assert WindowState.flush()
    # the next run is another process: it knows only what is on the disk
    code = ("from desktop_app.ui.window_state import WindowState; s = WindowState.load(); "
            "print(repr((s.geometry.data() if s.geometry is not None else None, s.mode.value, "
            "s.service.value, s.open_folder, s.export_folder, s.welcome_shown, s.listing)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                         timeout=120).stdout.strip()
    assert out == repr((bytes(range(256)), "side_by_side", "declutter", "/photos/Rue d'Été, 3",
                        "/out", True, 7))


def test_the_file_is_written_by_the_writer_thread_not_the_caller(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writers: list[str] = []
    real_write = atomic.write_text

    def noting_write(dest: Any, text: str) -> Path:
        writers.append(threading.current_thread().name)
        return real_write(dest, text)

    monkeypatch.setattr(window_state.atomic, "write_text", noting_write)
    state = WindowState.load()
    state.export_folder = "/somewhere"
    state.save()
    assert WindowState.load().export_folder == "/somewhere", "read back at once, from memory"
    assert WindowState.flush()
    assert writers == ["window state writer"]
    assert json.loads(_state_file().read_text())["export_folder"] == "/somewhere"


def test_a_state_that_did_not_change_writes_nothing(isolated_home: Path) -> None:
    state = WindowState.load()
    state.listing = 3
    state.save()
    assert WindowState.flush()
    _state_file().unlink()
    WindowState.load().save()  # the same values again: no write
    assert WindowState.flush()
    assert not _state_file().exists()
    state = WindowState.load()
    state.listing = 4
    state.save()
    assert WindowState.flush()
    assert json.loads(_state_file().read_text())["listing"] == 4


def test_the_earlier_window_ini_is_read_when_there_is_no_window_json(
        isolated_home: Path) -> None:
    paths.data_dir().mkdir(parents=True, exist_ok=True)
    ini = QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)
    ini.setValue("window/geometry", QByteArray(b"\x01\xd9\xd0\xcb geometry"))
    ini.setValue("window/splitter", QByteArray(b"\x00\xff splitter"))
    ini.setValue("view/mode", "difference")
    ini.setValue("panel/service", "declutter")
    ini.setValue("paths/open", "/photos, kitchen")
    ini.setValue("paths/export", "/out")
    ini.setValue("welcome/shown", True)
    ini.setValue("listing/current", 5)
    ini.sync()
    del ini
    state = WindowState.load()
    assert state.geometry is not None and state.geometry.data() == b"\x01\xd9\xd0\xcb geometry"
    assert state.splitter is not None and state.splitter.data() == b"\x00\xff splitter"
    assert state.dock_state is None
    assert (state.mode, state.service) == (CompareMode.DIFFERENCE, Service.DECLUTTER)
    assert (state.open_folder, state.export_folder) == ("/photos, kitchen", "/out")
    assert state.welcome_shown and state.listing == 5


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"mode": 3, "listing": "x", '
                                     '"geometry": "%%%", "welcome_shown": "yes"}'])
def test_a_damaged_file_gives_the_defaults(isolated_home: Path, content: str) -> None:
    _state_file().parent.mkdir(parents=True, exist_ok=True)
    _state_file().write_text(content)
    assert WindowState.load() == WindowState()


def _write_ini(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    ini = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
    ini.setValue("paths/export", "/out")
    ini.setValue("listing/current", 5)
    ini.sync()
    del ini
    return folder / "window.ini"


def test_the_earlier_window_ini_goes_once_its_values_are_in_window_json(
        isolated_home: Path) -> None:
    ini = _write_ini(paths.data_dir())
    state = WindowState.load()
    assert (state.export_folder, state.listing) == ("/out", 5)
    assert WindowState.flush()
    assert not ini.exists()
    saved = json.loads(_state_file().read_text())
    assert (saved["export_folder"], saved["listing"]) == ("/out", 5)


# The disk is full for the child only: its file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes
# any write past 16 bytes fail, as a full disk does; raising the limit again makes room.
_FULL_DISK_RUN = """
import json, logging, resource, signal, sys, threading
from desktop_app.ui.window_state import WindowState

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
failed = threading.Event()
records = []

class Seen(logging.Handler):
    def emit(self, record):
        records.append([record.levelname, record.getMessage()])
        failed.set()

logging.getLogger().addHandler(Seen())
resource.setrlimit(resource.RLIMIT_FSIZE, (16, hard))
state = WindowState.load()  # from window.ini: written into window.json at once, which fails
assert failed.wait(60), "the write did not fail"
if sys.argv[1] == "room again":
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
flushed = WindowState.flush()  # as the app does at exit
print(json.dumps({"flushed": flushed, "records": records}))
"""


@pytest.mark.parametrize("then", ["room again", "still full"])
def test_a_failed_write_is_tried_again_once_at_exit_and_a_failure_logged(
        isolated_home: Path, then: str) -> None:
    pytest.importorskip("resource")  # POSIX only
    ini = _write_ini(paths.data_dir())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([sys.executable, "-c", _FULL_DISK_RUN, then], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120, check=False)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    outcome = json.loads(proc.stdout.splitlines()[-1])
    levels = [level for level, _ in outcome["records"]]
    left = sorted(p.name for p in paths.data_dir().iterdir())
    if then == "room again":
        assert outcome["flushed"] and levels == ["WARNING"]
        assert left == ["window.json"], "written at the retry; window.ini gone, no .part"
        assert json.loads(_state_file().read_text())["listing"] == 5
    else:
        assert not outcome["flushed"] and levels == ["WARNING", "WARNING", "ERROR"]
        assert "is not saved" in outcome["records"][-1][1]
        assert left == [ini.name], "window.ini kept: its values are nowhere else; no .part"
