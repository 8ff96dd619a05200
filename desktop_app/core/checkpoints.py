"""Checkpoints of the job store's write-ahead log, off the threads that write to it.

SQLite in WAL mode copies its log back into the database file every 1000 pages, on the commit
that fills it, with an fsync, in whichever thread commits: sometimes the window's own thread
(it files photos and starts jobs), more often a job's thread that holds the store's lock while
the window waits for it. That is 20 ms on an idle disk and over 100 ms on a busy one, a frozen
window either way. So the store's connection does no checkpoint of its own
(``wal_autocheckpoint=0``), and every ``EVERY`` commits a short-lived thread runs one on a
connection of its own, which takes none of the store's locks. A passive checkpoint lets the
store's readers and writers go on meanwhile; the last connection to close checkpoints as well.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

#: Commits between two checkpoints: a few hundred pages of log, a fraction of SQLite's own 1000.
EVERY = 200


class Checkpoints:
    """Counts the store's commits (``committed``) and checkpoints the log in the background."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._count = 0
        self._thread: threading.Thread | None = None
        self._closed = False

    def committed(self) -> None:
        with self._lock:
            self._count += 1
            if self._count < EVERY or self._closed or \
                    (self._thread is not None and self._thread.is_alive()):
                return
            self._count = 0
            self._thread = threading.Thread(target=self._checkpoint, name="store-checkpoint",
                                            daemon=True)
            self._thread.start()

    def _checkpoint(self) -> None:
        try:
            db = sqlite3.connect(self._path, timeout=30)
            try:
                db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                db.close()
        except sqlite3.Error as err:  # the next one tries again; closing checkpoints too
            log.warning("could not checkpoint the job store: %s", err)

    def close(self) -> None:
        """No new checkpoint; wait for the one running (the store is closing: not the window's
        thread's time, see ``app.run_window``)."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            thread.join()
