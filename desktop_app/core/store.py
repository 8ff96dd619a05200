"""The job store: one SQLite table of generations, the source of truth for CLI and window.

A row is written before each network step and updated after it, so a crash at any point leaves
enough to resume without paying twice. Safe to share between threads (one connection, one lock).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

from desktop_app.core import paths
from desktop_app.core.models import EngineName, Generation, Service, Status

SCHEMA_VERSION = 1
_LIST_FIELDS = {"result_urls", "result_files"}
_COLUMNS = [f.name for f in fields(Generation) if f.name != "id"]

_SCHEMA = """
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


def _to_row(gen: Generation) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in _COLUMNS:
        value = getattr(gen, name)
        if name in _LIST_FIELDS:
            value = json.dumps(list(value))
        elif name == "auto":
            value = int(bool(value))
        elif isinstance(value, Service | Status | EngineName):
            value = value.value
        row[name] = value
    return row


def _from_row(row: sqlite3.Row) -> Generation:
    data = dict(row)
    for name in _LIST_FIELDS:
        data[name] = json.loads(data[name] or "[]")
    data["service"] = Service(data["service"])
    data["status"] = Status(data["status"])
    data["engine"] = EngineName(data["engine"])
    data["auto"] = bool(data["auto"])
    return Generation(**data)


class JobStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self._db.row_factory = sqlite3.Row
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # -- writing -------------------------------------------------------------------------
    def add(self, gen: Generation) -> Generation:
        """Insert a new generation; returns it with ``id`` and ``root_id`` filled in."""
        row = _to_row(gen)
        with self._lock, self._db:
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
        """Write some fields of one generation (``updated_at`` is set for you)."""
        unknown = set(changes) - set(_COLUMNS)
        if unknown:
            raise ValueError(f"unknown generation fields: {sorted(unknown)}")
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
        with self._lock, self._db:
            self._db.execute(f"UPDATE generations SET {assignments} WHERE id=:_id",
                             {**values, "_id": gen_id})
        return self.get(gen_id)

    def delete_generation(self, gen_id: int) -> None:
        """Forget one generation that nothing else refers to (e.g. a variation never sent)."""
        with self._lock, self._db:
            self._db.execute("DELETE FROM generations WHERE id=?", (gen_id,))

    def delete_project(self, root_id: int) -> list[Generation]:
        """Forget a photo and all its variations (files on disk are left to the caller)."""
        with self._lock, self._db:
            gone = self.family(root_id)
            self._db.execute("DELETE FROM generations WHERE root_id=?", (root_id,))
        return gone

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

    def close(self) -> None:
        with self._lock:
            self._db.close()
