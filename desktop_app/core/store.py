"""The job store: one SQLite table of generations, the source of truth for CLI and window.

A row is written before each network step and updated after it, so a crash at any point leaves
enough to resume without paying twice. Safe to share between threads (one connection, one lock).

Several processes may open one store (the window and a `desktop-app resume`, two commands...).
Whoever works on a generation first *claims* it: an owner and a lease written in one
``UPDATE … WHERE`` that only succeeds when nobody else holds a live lease. The lease is renewed
while the work goes on and can be taken over once it has expired, or at once when its owner is a
process of this computer that no longer exists (killed).
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

from desktop_app.core import paths
from desktop_app.core.checkpoints import Checkpoints
from desktop_app.core.messages import Message
from desktop_app.core.models import EngineName, Generation, Problem, Service, Status

_LIST_FIELDS = {"result_urls", "result_files"}
_COLUMNS = [f.name for f in fields(Generation) if f.name != "id"]
_FIELDS = {f.name for f in fields(Generation)}
#: How long a claim holds without being renewed. Its owner renews it at every step; a claim
#: whose owner was killed is taken over at once on the same computer (see ``claim``).
LEASE_SECONDS = 600.0

# Version 1: the table as first shipped. Later versions are steps in _MIGRATIONS.
_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS generations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    service TEXT NOT NULL,
    source TEXT NOT NULL,
    engine TEXT NOT NULL,
    status TEXT NOT NULL,
    root_id INTEGER,
    parent_id INTEGER REFERENCES generations(id),
    parent_remote_id TEXT,
    auto INTEGER NOT NULL DEFAULT 1,
    webhook TEXT,
    seed INTEGER,
    prepared_path TEXT,
    image_url TEXT,
    mask_path TEXT,
    mask_url TEXT,
    remote_id TEXT,
    project_id TEXT,
    variation_number INTEGER,
    result_urls TEXT NOT NULL DEFAULT '[]',
    result_files TEXT NOT NULL DEFAULT '[]',
    remaining_credits INTEGER,
    error TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    submitted_at REAL,
    finished_at REAL
);
CREATE INDEX IF NOT EXISTS generations_root ON generations(root_id);
CREATE INDEX IF NOT EXISTS generations_status ON generations(status);
"""

_MIGRATIONS: dict[int, str] = {
    # 2: listings (see core/listings.py). A photo is one file's content inside a listing; its
    # versions are the generations of the jobs filed under it (photo_jobs, by root); one of
    # them may be kept. Jobs of older stores are filed into a listing when listings first open.
    2: """
CREATE TABLE listings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    folder TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    listing_id INTEGER NOT NULL REFERENCES listings(id),
    content TEXT NOT NULL,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    kept_id INTEGER REFERENCES generations(id),
    kept_index INTEGER NOT NULL DEFAULT 0,
    added_at REAL NOT NULL,
    UNIQUE (listing_id, content)
);
CREATE INDEX photos_listing ON photos(listing_id, position);
CREATE TABLE photo_jobs (
    root_id INTEGER PRIMARY KEY REFERENCES generations(id),
    photo_id INTEGER NOT NULL REFERENCES photos(id)
);
CREATE INDEX photo_jobs_photo ON photo_jobs(photo_id);
""",
    # 3: waiting states (why, until when, since when, an unknown status word) and claims
    # (which process works on a generation, until when)
    3: """
ALTER TABLE generations ADD COLUMN problem TEXT;
ALTER TABLE generations ADD COLUMN retry_at REAL;
ALTER TABLE generations ADD COLUMN trouble_since REAL;
ALTER TABLE generations ADD COLUMN remote_status TEXT;
ALTER TABLE generations ADD COLUMN owner TEXT;
ALTER TABLE generations ADD COLUMN lease_until REAL;
""",
    # 4: the error as a code and its parameters (JSON), so the window can word a stored
    # failure in the user's language; older rows keep only their English ``error``
    4: """
ALTER TABLE generations ADD COLUMN error_message TEXT;
""",
    # 5: the IACrea account (user ID) a cloud generation was sent with, so it is looked at with
    # that account after the user switches to another one
    5: """
ALTER TABLE generations ADD COLUMN account TEXT;
""",
    # 6: a darker shot of the same scene for a local Interior sky (the library's copy of it)
    6: """
ALTER TABLE generations ADD COLUMN dark_frame TEXT;
""",
}
SCHEMA_VERSION = max(_MIGRATIONS)


def migrate(db: sqlite3.Connection) -> None:
    """Bring a store of any earlier version (or a new, empty file) to ``SCHEMA_VERSION``.

    Each step runs in one transaction with its version number, so a crash between steps leaves
    a store that the next start migrates on from where it stopped. A store written by a newer
    version is left as it is (its extra columns are ignored).
    """
    for target in range(1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")  # another process may be migrating the same file
        try:
            if int(db.execute("PRAGMA user_version").fetchone()[0]) < target:
                script = _SCHEMA_V1 if target == 1 else _MIGRATIONS[target]
                for statement in filter(str.strip, script.split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version={target}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _process_owner() -> str:
    """This process's name in the ``owner`` column: host, pid and a random tag."""
    return f"{socket.gethostname()}:{os.getpid()}:{os.urandom(4).hex()}"


def _owner_is_gone(owner: str) -> bool:
    """True when ``owner`` names a process of this computer that no longer runs."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # another store of this very process: it is alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, but belongs to someone else
        return False
    return False


def _to_row(gen: Generation) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in _COLUMNS:
        value = getattr(gen, name)
        if name in _LIST_FIELDS:
            value = json.dumps(list(value))
        elif name == "auto":
            value = int(bool(value))
        elif isinstance(value, Service | Status | EngineName | Problem):
            value = value.value
        elif isinstance(value, Message):
            value = value.to_json()
        row[name] = value
    return row


def _from_row(row: sqlite3.Row) -> Generation:
    data = {k: v for k, v in dict(row).items() if k in _FIELDS}
    for name in _LIST_FIELDS:
        data[name] = json.loads(data[name] or "[]")
    data["service"] = Service(data["service"])
    data["status"] = Status(data["status"])
    data["engine"] = EngineName(data["engine"])
    data["auto"] = bool(data["auto"])
    data["problem"] = Problem(data["problem"]) if data.get("problem") else None
    data["error_message"] = Message.from_json(data.get("error_message"))
    return Generation(**data)


class JobStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.db_path()
        paths.private_dir(self.path.parent)
        for suffix in ("", "-wal", "-shm"):  # SQLite gives its side files the store's mode
            file = self.path.with_name(self.path.name + suffix)
            if suffix == "" or file.exists():
                paths.create_private_file(file)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self._db.row_factory = sqlite3.Row
        self.owner = _process_owner()
        self._checkpoints = Checkpoints(self.path)
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA wal_autocheckpoint=0")  # see core.checkpoints
            # a burst of commits outruns the passive checkpoints and grows the log; once one
            # catches up the log starts over, cut back to this size
            self._db.execute("PRAGMA journal_size_limit=4194304")
            self._db.execute("PRAGMA synchronous=NORMAL")
            migrate(self._db)

    # -- writing -------------------------------------------------------------------------
    def add(self, gen: Generation) -> Generation:
        """Insert a new generation; returns it with ``id`` and ``root_id`` filled in."""
        row = _to_row(gen)
        with self.transaction():
            if gen.parent_id is not None and gen.root_id is None:
                parent = self.get(gen.parent_id)
                row["root_id"] = parent.root_id or parent.id
            cols = ", ".join(row)
            marks = ", ".join(f":{c}" for c in row)
            cur = self._db.execute(f"INSERT INTO generations ({cols}) VALUES ({marks})", row)
            new_id = int(cur.lastrowid or 0)
            if row["root_id"] is None:
                self._db.execute("UPDATE generations SET root_id=? WHERE id=?", (new_id, new_id))
        return self.get(new_id)

    def update(self, gen_id: int, **changes: Any) -> Generation:
        """Write some fields of one generation (``updated_at`` is set for you).

        ``error`` may be given as a ``Message``: its English sentence goes to ``error`` and its
        code to ``error_message``; a plain ``error`` (or None) clears ``error_message``."""
        unknown = set(changes) - set(_COLUMNS)
        if unknown:
            raise ValueError(f"unknown generation fields: {sorted(unknown)}")
        if "error" in changes and "error_message" not in changes:
            error = changes["error"]
            changes["error_message"] = error if isinstance(error, Message) else None
            changes["error"] = error.text if isinstance(error, Message) else error
        changes["updated_at"] = time.time()
        status = changes.get("status")
        if status is not None and Status(status).finished and "finished_at" not in changes:
            changes["finished_at"] = changes["updated_at"]
        probe = Generation(service=Service.SKY, source="")
        for key, value in changes.items():
            setattr(probe, key, value)
        row = _to_row(probe)
        values = {k: row[k] for k in changes}
        assignments = ", ".join(f"{k}=:{k}" for k in values)
        with self.transaction():
            self._db.execute(f"UPDATE generations SET {assignments} WHERE id=:_id",
                             {**values, "_id": gen_id})
        return self.get(gen_id)

    def delete_generation(self, gen_id: int) -> None:
        """Forget one generation that nothing else refers to (e.g. a variation never sent)."""
        with self.transaction():
            self._db.execute("DELETE FROM generations WHERE id=?", (gen_id,))

    def delete_project(self, root_id: int) -> list[Generation]:
        """Forget a photo and all its variations (files on disk are left to the caller)."""
        with self.transaction():
            gone = self.family(root_id)
            self._db.execute("DELETE FROM generations WHERE root_id=?", (root_id,))
        return gone

    def mark_submitting(self, gen_id: int) -> bool:
        """Record that the paid request is about to go out; False when a previous attempt
        already did (the row says SUBMITTING, or the service's id is known). One statement, so
        two processes cannot both pass this point for one generation."""
        with self.transaction():
            cur = self._db.execute(
                "UPDATE generations SET status=?, error=NULL, error_message=NULL, problem=NULL, "
                "retry_at=NULL, updated_at=? WHERE id=? AND status!=? AND remote_id IS NULL",
                (Status.SUBMITTING.value, time.time(), gen_id, Status.SUBMITTING.value))
            return cur.rowcount == 1

    # -- claims ----------------------------------------------------------------------------
    def claim(self, gen_id: int, lease: float = LEASE_SECONDS) -> bool:
        """Take (or renew) this store's claim on a generation; False when another live owner
        holds it. Taken over when the other lease expired or its process is gone."""
        now = time.time()
        with self.transaction():
            cur = self._db.execute(
                "UPDATE generations SET owner=:me, lease_until=:until WHERE id=:id AND "
                "(owner IS NULL OR owner=:me OR lease_until IS NULL OR lease_until<:now)",
                {"me": self.owner, "until": now + lease, "id": gen_id, "now": now})
            if cur.rowcount == 1:
                return True
            row = self._db.execute("SELECT owner FROM generations WHERE id=?",
                                   (gen_id,)).fetchone()
            if row is None or row[0] is None or not _owner_is_gone(row[0]):
                return False
            cur = self._db.execute(  # the owner was killed: take over, unless someone just did
                "UPDATE generations SET owner=?, lease_until=? WHERE id=? AND owner=?",
                (self.owner, now + lease, gen_id, row[0]))
            return cur.rowcount == 1

    def release(self, gen_id: int) -> None:
        """Give up this store's claim on a generation (nothing happens if it holds none)."""
        with self.transaction():
            self._db.execute("UPDATE generations SET owner=NULL, lease_until=NULL "
                             "WHERE id=? AND owner=?", (gen_id, self.owner))

    def claimed_elsewhere(self, gen_id: int) -> bool:
        """Another live owner holds a claim on this generation right now."""
        with self._lock:
            row = self._db.execute("SELECT owner, lease_until FROM generations WHERE id=?",
                                   (gen_id,)).fetchone()
        if row is None or row[0] is None or row[0] == self.owner:
            return False
        return (row[1] or 0) >= time.time() and not _owner_is_gone(row[0])

    # -- reading -------------------------------------------------------------------------
    def get(self, gen_id: int) -> Generation:
        with self._lock:
            row = self._db.execute("SELECT * FROM generations WHERE id=?", (gen_id,)).fetchone()
        if row is None:
            raise KeyError(f"no generation {gen_id}")
        return _from_row(row)

    def find_remote(self, remote_id: str) -> Generation | None:
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM generations WHERE remote_id=?", (remote_id,)).fetchone()
        return _from_row(row) if row else None

    def _select(self, where: str = "1", params: Iterable[Any] = ()) -> list[Generation]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT * FROM generations WHERE {where} ORDER BY created_at, id",
                tuple(params)).fetchall()
        return [_from_row(r) for r in rows]

    def all(self) -> list[Generation]:
        return self._select()

    def roots(self) -> list[Generation]:
        """One generation per photo project (the first one), oldest first."""
        return self._select("id = root_id")

    def family(self, root_id: int) -> list[Generation]:
        """A project's generations: the root first, then its variations in order."""
        return self._select("root_id=?", (root_id,))

    def unfinished(self) -> list[Generation]:
        """Generations that a crash or a quit left half-way; resume picks them up."""
        done = tuple(s.value for s in Status if s.finished)
        marks = ",".join("?" * len(done))
        return self._select(f"status NOT IN ({marks})", done)

    def pending_accounts(self) -> set[str]:
        """The accounts of the sent generations not finished yet."""
        return {gen.account for gen in self.unfinished() if gen.account}

    def families(self, root_ids: Iterable[int]) -> dict[int, list[Generation]]:
        """Several projects' generations at once, keyed by root (each in ``family`` order)."""
        ids = list(root_ids)
        found: dict[int, list[Generation]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
            chunk = ids[start:start + 500]
            for gen in self._select(f"root_id IN ({','.join('?' * len(chunk))})", chunk):
                found[gen.root_id or 0].append(gen)
        return found

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The store's connection, held and inside one transaction (also for the modules that
        keep their own tables in this store: listings); the commit counts for the checkpoints."""
        with self._lock, self._db:
            yield self._db
        self._checkpoints.committed()

    def close(self) -> None:
        self._checkpoints.close()
        with self._lock:
            try:
                with self._db:
                    self._db.execute("UPDATE generations SET owner=NULL, lease_until=NULL "
                                     "WHERE owner=?", (self.owner,))
            except sqlite3.Error:
                pass  # closing anyway; the claims expire by themselves
            self._db.close()
