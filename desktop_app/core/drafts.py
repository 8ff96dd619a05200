"""Photos added to the library but not sent yet, kept across restarts.

A draft is only a path: the service and engine are chosen when the user presses Generate, and the
job store records a generation from then on. The list is a small JSON file in the data folder,
written atomically after each change.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable
from pathlib import Path

from desktop_app.core import atomic, paths

log = logging.getLogger(__name__)


def drafts_path() -> Path:
    return paths.data_dir() / "drafts.json"


class DraftList:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or drafts_path()
        self._lock = threading.Lock()
        self._items: list[str] = self._read()

    def _read(self) -> list[str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as err:
            log.warning("the list of photos not sent yet is unreadable (%s); starting empty", err)
            return []
        if not isinstance(data, list):
            return []
        return [str(item) for item in data if isinstance(item, str) and item]

    def _write(self) -> None:
        try:
            atomic.write_text(self.path, json.dumps(self._items, indent=1))
        except OSError as err:
            log.warning("the list of photos not sent yet could not be saved: %s", err)

    def items(self) -> list[str]:
        with self._lock:
            return list(self._items)

    def __contains__(self, source: object) -> bool:
        with self._lock:
            return source in self._items

    def add(self, sources: Iterable[str]) -> list[str]:
        """Add photos not already listed; returns the ones actually added."""
        with self._lock:
            added = [s for s in dict.fromkeys(sources) if s not in self._items]
            if added:
                self._items.extend(added)
                self._write()
            return added

    def remove(self, source: str) -> bool:
        with self._lock:
            if source not in self._items:
                return False
            self._items.remove(source)
            self._write()
            return True
