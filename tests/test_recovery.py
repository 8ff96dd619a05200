"""A damaged or locked job store and a damaged settings file: set aside with a date, salvaged
row by row, said in one sentence (CLI, with its own exit code) or a dialog (window)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dialogs import answering, press
from test_cli import cli_env, desktop_app, no_traceback

from desktop_app.cli import EXIT_DAMAGED, EXIT_LOCKED
from desktop_app.core import paths
from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.core.recovery import StoreLockedError, open_settings, open_store
from desktop_app.core.settings import Settings, save_settings
from desktop_app.core.store import JobStore

GARBAGE = b"this is not a database, it was overwritten by something else\n" * 40
PAGE = 4096


def _jobs(store: JobStore, n: int) -> list[Generation]:
    return [store.add(Generation(service=Service.SKY, source=f"/photos/house-{i:04d}.jpg",
                                 engine=EngineName.LOCAL, status=Status.DONE,
                                 result_files=[f"/library/result-{i:04d}.jpg"]))
            for i in range(n)]


def _damage_the_page_holding(path: Path, marker: bytes) -> None:
    """Overwrite the whole database page that holds ``marker`` with garbage."""
    data = bytearray(path.read_bytes())
    at = data.index(marker)
    start = at - at % PAGE
    data[start:start + PAGE] = (b"\xde\xad\xbe\xef" * (PAGE // 4))
    path.write_bytes(bytes(data))


@pytest.fixture
def home(isolated_home: Path) -> Path:
    paths.data_dir()  # created
    return isolated_home


# -- the store ----------------------------------------------------------------------------------
def test_a_store_that_is_not_a_database_is_set_aside_and_a_new_one_started(home: Path) -> None:
    paths.db_path().write_bytes(GARBAGE)
    store, recovery = open_store()
    try:
        assert recovery is not None and recovery.recovered == 0
        assert recovery.aside.parent == home and recovery.aside.read_bytes() == GARBAGE
        assert recovery.aside.name.startswith("jobs.damaged-")
        assert recovery.aside.name.endswith(".sqlite3")
        assert str(recovery.aside) in recovery.sentence().text
        assert "no job could be read back" in recovery.sentence().text
        assert store.all() == []
        _jobs(store, 1)  # the new store works
    finally:
        store.close()
    again, nothing = open_store()
    again.close()
    assert nothing is None


def test_the_readable_history_of_a_damaged_store_is_recovered(home: Path) -> None:
    store = JobStore()
    made = _jobs(store, 300)
    store.close()  # the last connection checkpoints the WAL into the file
    _damage_the_page_holding(paths.db_path(), b"/photos/house-0150.jpg")
    store, recovery = open_store()
    try:
        assert recovery is not None and recovery.recovered is not None
        kept = store.all()
        assert 250 <= recovery.recovered == len(kept) < 300  # one page of rows is lost
        by_id = {g.id: g for g in made}
        assert all(g == by_id[g.id] for g in kept)  # what was read back is exact
        assert "house-0150" not in {Path(g.source).stem for g in kept}
        assert {made[0].id, made[-1].id} <= {g.id for g in kept}
        assert f"{len(kept)} job(s) could be read back" in recovery.sentence().text
    finally:
        store.close()


@pytest.fixture
def locked(home: Path) -> Iterator[Path]:
    """The store, with another program in the middle of writing to it."""
    JobStore().close()
    other = sqlite3.connect(paths.db_path())
    other.execute("BEGIN EXCLUSIVE")
    yield paths.db_path()
    other.rollback()
    other.close()


def test_a_locked_store_is_waited_for_then_named(locked: Path) -> None:
    with pytest.raises(StoreLockedError) as info:
        open_store(lock_wait=0.2)
    assert str(locked) in str(info.value) and "locked" in str(info.value)
    assert not list(locked.parent.glob("*.damaged-*")), "a locked store is not damaged"


# -- settings -----------------------------------------------------------------------------------
@pytest.mark.parametrize("content", [b"{\"engine\": \"cloud\", \"user_id\": ", b"[1, 2]",
                                     b"\xff\xfe\x00garbage"])
def test_a_damaged_settings_file_is_set_aside(home: Path, content: bytes) -> None:
    paths.settings_path().write_bytes(content)
    settings, recovery = open_settings()
    assert settings == Settings()
    assert recovery is not None and recovery.aside.read_bytes() == content
    assert recovery.aside.name.startswith("settings.damaged-")
    assert not paths.settings_path().exists()
    assert "settings file was damaged" in recovery.sentence().text
    assert str(recovery.aside) in recovery.sentence().text


def test_good_settings_are_read_as_they_are(home: Path) -> None:
    save_settings(Settings(user_id="someone", max_side=2048))
    settings, recovery = open_settings()
    assert recovery is None and settings.user_id == "someone" and settings.max_side == 2048


# -- the command line ---------------------------------------------------------------------------
def test_cli_says_the_store_was_damaged_once_with_its_own_exit_code(tmp_path: Path) -> None:
    home = tmp_path / "cli-home"
    home.mkdir()
    (home / "jobs.sqlite3").write_bytes(GARBAGE)
    env = cli_env(home)
    proc = desktop_app("history", env=env)
    assert proc.returncode == EXIT_DAMAGED, proc.stderr
    no_traceback(proc)
    [line] = proc.stderr.splitlines()
    assert "job history was damaged" in line and "jobs.damaged-" in line
    [aside] = home.glob("jobs.damaged-*.sqlite3")
    assert aside.read_bytes() == GARBAGE
    again = desktop_app("history", env=env)
    assert again.returncode == 0 and "No generations yet" in again.stderr


def test_cli_says_the_settings_were_damaged(tmp_path: Path) -> None:
    home = tmp_path / "cli-home"
    home.mkdir()
    (home / "settings.json").write_text('{"engine": "cloud", "user_id"', encoding="utf-8")
    proc = desktop_app("history", env=cli_env(home))
    assert proc.returncode == EXIT_DAMAGED, proc.stderr
    no_traceback(proc)
    assert "settings file was damaged" in proc.stderr
    assert [p.read_text() for p in home.glob("settings.damaged-*.json")] == [
        '{"engine": "cloud", "user_id"']
    assert desktop_app("history", env=cli_env(home)).returncode == 0


def test_cli_names_a_locked_store(locked: Path) -> None:
    proc = desktop_app("history", env=cli_env(locked.parent))
    assert proc.returncode == EXIT_LOCKED, proc.stderr
    no_traceback(proc)
    [line] = proc.stderr.splitlines()
    assert str(locked) in line and "locked by another program" in line


# -- the window ---------------------------------------------------------------------------------
def test_window_start_shows_a_dialog_for_a_damaged_store(qtbot: Any, home: Path) -> None:
    from desktop_app.app import open_workspace_saying_why

    paths.db_path().write_bytes(GARBAGE)
    with answering(press("OK")) as dialogs:
        workspace = open_workspace_saying_why()
    assert workspace is not None
    try:
        [shown] = dialogs.seen
        assert (shown.kind, shown.icon) == ("QMessageBox", "Warning")
        assert "job history was damaged" in shown.text
        assert workspace.store.all() == []
    finally:
        workspace.close()


def test_window_start_names_a_locked_store(qtbot: Any, locked: Path) -> None:
    from desktop_app.app import open_workspace_saying_why

    with answering(press("OK")) as dialogs:
        assert open_workspace_saying_why() is None
    [shown] = dialogs.seen
    assert shown.icon == "Critical" and str(locked) in shown.text
