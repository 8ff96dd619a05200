"""Opening the job store and the settings file when one is damaged or locked.

A damaged file is never deleted and never written over: it is renamed beside itself with the
date (``jobs.damaged-2026-12-01-0530.sqlite3``), a fresh one takes its place, and whatever can
still be read from the damaged store (row by row, skipping what cannot) is copied into the new
one. The caller gets a sentence saying what happened and what was kept, to show or print.
Results on disk are never touched: they live in the library, not in the store.

A store another process holds locked is waited for briefly, then named in a
:class:`StoreLockedError` instead of leaving the app hanging.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core import paths
from desktop_app.core.errors import SkyClearError
from desktop_app.core.messages import Message, Msg
from desktop_app.core.settings import Settings, load_settings
from desktop_app.core.store import JobStore

log = logging.getLogger(__name__)

#: Seconds to wait for another process to let go of the store before saying so.
LOCK_WAIT = 5.0
#: Unreadable rows skipped in a row before the salvage of a table gives up.
MAX_SKIPPED = 1000


class StoreLockedError(SkyClearError):
    """Another program keeps the job store locked."""

    def __init__(self, path: Path) -> None:
        super().__init__(Msg.STORE_LOCKED(str(path)))
        self.path = path


@dataclass(frozen=True)
class Recovery:
    """What was done about a damaged file: where it went, and how many jobs were read back."""

    aside: Path
    recovered: int | None = None  # jobs read back from a damaged store; None for settings

    def sentence(self) -> Message:
        if self.recovered is None:
            return Msg.SETTINGS_SET_ASIDE(str(self.aside))
        if self.recovered:
            return Msg.HISTORY_SET_ASIDE(str(self.aside), self.recovered)
        return Msg.HISTORY_SET_ASIDE_EMPTY(str(self.aside))


def set_aside(path: Path) -> Path:
    """Rename a damaged file (and SQLite's -wal/-shm beside it) to a dated name; the new path."""
    stamp = time.strftime("%Y-%m-%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    os.replace(path, aside)
    for extra in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + extra)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + extra))
    return aside


# -- the job store ----------------------------------------------------------------------------
def open_store(path: Path | None = None, *,
               lock_wait: float = LOCK_WAIT) -> tuple[JobStore, Recovery | None]:
    """The job store at ``path``; a damaged one is set aside and salvaged (see the module)."""
    path = path or paths.db_path()
    if path.exists():
        problem = _check(path, lock_wait)
        if problem is not None:
            log.warning("job store %s is damaged (%s); setting it aside", path, problem)
            aside = set_aside(path)
            store = JobStore(path)
            recovered = _salvage(aside, store)
            log.warning("job store set aside as %s; %d job(s) recovered", aside, recovered)
            return store, Recovery(aside, recovered)
    try:
        return JobStore(path), None
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):
            raise StoreLockedError(path) from err
        raise


def _check(path: Path, lock_wait: float) -> str | None:
    """None when the store can be used; what is wrong with it otherwise. Waits up to
    ``lock_wait`` for a lock, then raises :class:`StoreLockedError`."""
    db = sqlite3.connect(path, timeout=lock_wait)
    try:
        db.execute("BEGIN IMMEDIATE")  # waits for a writer elsewhere, reads the header
        db.execute("ROLLBACK")
        answer = db.execute("PRAGMA quick_check").fetchall()
        if answer != [("ok",)]:
            return "; ".join(str(row[0]) for row in answer[:3])
        return None
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):
            raise StoreLockedError(path) from err
        return str(err)
    except sqlite3.DatabaseError as err:  # "file is not a database", "malformed"
        return str(err)
    finally:
        db.close()


def _salvage(damaged: Path, store: JobStore) -> int:
    """Copy every row that can still be read from the damaged store into ``store``'s tables of
    the same name (the columns both have); the number of generations recovered."""
    try:
        old = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    recovered = 0
    try:
        new = sqlite3.connect(store.path)
        try:
            tables = [name for (name,) in new.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%'")]
            for table in tables:
                copied = _copy_table(old, new, table)
                if table == "generations":
                    recovered = copied
            new.commit()
        finally:
            new.close()
    finally:
        old.close()
    return recovered


def _copy_table(old: sqlite3.Connection, new: sqlite3.Connection, table: str) -> int:
    try:
        old_columns = {row[1] for row in old.execute(f"PRAGMA table_info({table})")}
    except sqlite3.DatabaseError:
        return 0
    columns = [row[1] for row in new.execute(f"PRAGMA table_info({table})")
               if row[1] in old_columns]
    if not columns:
        return 0
    names = ", ".join(columns)
    insert = (f"INSERT OR IGNORE INTO {table} ({names}) "
              f"VALUES ({', '.join('?' * len(columns))})")
    copied, last, skipped = 0, -1, 0
    while skipped < MAX_SKIPPED:
        try:
            row = old.execute(f"SELECT rowid, {names} FROM {table} WHERE rowid > ? "
                              "ORDER BY rowid LIMIT 1", (last,)).fetchone()
        except sqlite3.DatabaseError:  # a damaged page: step over one row id
            last, skipped = last + 1, skipped + 1
            continue
        if row is None:
            break
        last, skipped = row[0], 0
        try:
            new.execute(insert, row[1:])
            copied += 1
        except sqlite3.Error as err:  # a row that no longer fits (e.g. a broken reference)
            log.warning("row %s of %s not recovered: %s", row[0], table, err)
    return copied


# -- settings ---------------------------------------------------------------------------------
def open_settings(path: Path | None = None) -> tuple[Settings, Recovery | None]:
    """The saved settings; a file that is not readable JSON settings is set aside first."""
    path = path or paths.settings_path()
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return Settings(), None
    except (UnicodeDecodeError, ValueError):
        data = None
    if isinstance(data, dict):
        return load_settings(path), None
    log.warning("settings file %s is damaged; setting it aside", path)
    return Settings(), Recovery(set_aside(path))
