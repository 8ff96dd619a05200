import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.core import store as store_module
from desktop_app.core.models import Generation, Problem, Service, Status
from desktop_app.core.store import JobStore


def test_store_round_trip_and_families(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.sqlite3")
    root = store.add(Generation(service=Service.SKY, source="/photos/a.jpg"))
    assert root.id is not None and root.root_id == root.id and root.status is Status.DRAFT
    var = store.add(Generation(service=Service.SKY, source="/photos/a.jpg", parent_id=root.id))
    assert var.root_id == root.id
    store.update(var.id, status=Status.DONE, result_files=["/x/1.jpg", "/x/2.jpg"])
    again = JobStore(tmp_path / "jobs.sqlite3")  # a new process sees the same rows
    got = again.get(var.id)
    assert got.status is Status.DONE and got.result_files == ["/x/1.jpg", "/x/2.jpg"]
    assert got.finished_at is not None
    assert [g.id for g in again.family(root.id)] == [root.id, var.id]
    assert [g.id for g in again.roots()] == [root.id]
    assert [g.id for g in again.unfinished()] == [root.id]
    store.close()
    again.close()


def _old_store(path: Path) -> None:
    """A store as the first version wrote it: schema 1, one generation half-way."""
    with sqlite3.connect(path) as db:
        db.executescript(store_module._SCHEMA_V1)
        db.execute("PRAGMA user_version=1")
        db.execute(
            "INSERT INTO generations (service, source, engine, status, root_id, remote_id, "
            "result_urls, result_files, created_at, updated_at) VALUES "
            "('sky', '/photos/a.jpg', 'cloud', 'PROCESSING', 1, 'gen-1', '[]', '[]', 1, 1)")
    db.close()


def test_a_store_of_the_first_version_opens_and_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite3"
    _old_store(path)
    store = JobStore(path)
    gen = store.get(1)
    assert gen.remote_id == "gen-1" and gen.status is Status.PROCESSING
    assert gen.problem is None and gen.retry_at is None and gen.remote_status is None
    store.update(1, problem=Problem.UNREACHABLE, retry_at=5.0)
    assert store.get(1).problem is Problem.UNREACHABLE
    assert store.claim(1)
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
    db.close()
    again = JobStore(path)  # opening a migrated store changes nothing
    assert again.get(1).problem is Problem.UNREACHABLE
    again.close()


def test_a_claim_is_one_owners_until_released_or_its_owner_is_gone(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite3"
    first, second = JobStore(path), JobStore(path)  # think: two processes
    gen = first.add(Generation(service=Service.SKY, source="/photos/a.jpg"))
    assert first.claim(gen.id) and first.claim(gen.id)  # taken, then renewed
    assert not second.claim(gen.id) and second.claimed_elsewhere(gen.id)
    first.release(gen.id)
    assert second.claim(gen.id) and not first.claim(gen.id)
    second.release(gen.id)
    # an expired lease is taken over
    assert first.claim(gen.id, lease=-1)
    assert second.claim(gen.id)
    second.close()  # closing lets go of every claim
    assert first.claim(gen.id)
    first.close()


def test_a_killed_owners_claim_is_taken_over_at_once(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite3"
    store = JobStore(path)
    gen = store.add(Generation(service=Service.SKY, source="/photos/a.jpg"))
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead = f"{socket.gethostname()}:{child.stdout.strip()}:feedbeef"  # that process has ended
    with sqlite3.connect(path) as db:
        db.execute("UPDATE generations SET owner=?, lease_until=? WHERE id=?",
                   (dead, time.time() + 600, gen.id))
    db.close()
    assert not store.claimed_elsewhere(gen.id)
    assert store.claim(gen.id)
    store.close()


def test_only_one_attempt_passes_the_sending_mark(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.sqlite3")
    gen = store.add(Generation(service=Service.SKY, source="/photos/a.jpg",
                               status=Status.UPLOADING))
    assert store.mark_submitting(gen.id)
    assert not store.mark_submitting(gen.id)  # a second sender learns it may have been sent
    store.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_store_is_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "jobs.sqlite3"
    store = JobStore(path)
    store.add(Generation(service=Service.SKY, source="/photos/a.jpg"))
    for file in path.parent.iterdir():
        assert file.stat().st_mode & 0o777 == 0o600, file
    assert path.parent.stat().st_mode & 0o777 == 0o700
    store.close()


def _database_bytes(path: Path) -> bytes:
    return path.read_bytes()  # the main file alone: what a checkpoint writes, not a commit


def test_commits_never_checkpoint_the_log_themselves(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's own checkpoint runs, with an fsync, in the thread whose commit fills the log:
    the window's at times, or a job's holding the lock the window waits for. Here the store's
    own background checkpoints are put off, and 1500 commits (past SQLite's 1000 pages) leave
    the database file as it was: everything is still in the log."""
    from desktop_app.core import checkpoints

    monkeypatch.setattr(checkpoints, "EVERY", 10**9)
    path = tmp_path / "jobs.sqlite3"
    store = JobStore(path)
    gen = store.add(Generation(service=Service.SKY, source="/photos/a.jpg"))
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # start from an empty log
    before = _database_bytes(path)
    for n in range(1500):
        store.update(gen.id, error=f"attempt {n}")
    assert _database_bytes(path) == before
    store.close()


def test_the_log_is_checkpointed_in_a_thread_of_its_own(tmp_path: Path) -> None:
    from desktop_app.core import checkpoints

    path = tmp_path / "jobs.sqlite3"
    store = JobStore(path)
    gen = store.add(Generation(service=Service.SKY, source="/photos/a.jpg"))
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _database_bytes(path)
    for n in range(checkpoints.EVERY):
        store.update(gen.id, error=f"attempt {n}")
    deadline = time.monotonic() + 60
    while _database_bytes(path) == before and time.monotonic() < deadline:
        time.sleep(0.01)  # the checkpoint's thread writes the database file meanwhile
    assert _database_bytes(path) != before  # before close(), which checkpoints too
    store.close()
    again = JobStore(path)
    assert again.get(gen.id).error == f"attempt {checkpoints.EVERY - 1}"
    again.close()
