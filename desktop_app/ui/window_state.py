"""What the window remembers between runs (geometry, layout, mode, service, folders), as one
typed object saved as ``window.json`` in the data folder.

The GUI thread never waits for the disk here: after the first read, ``load`` answers from what
this process last read or saved, and ``save`` hands a state that changed to a short-lived
writer thread (a state equal to the last one saved writes nothing). The writer uses Python's
own file calls, which let the GUI thread run while the disk works; QSettings' sync held the
interpreter throughout (7-41 ms of the window's quit). ``flush`` waits for the writer and tries
once more a write that failed (a full disk, a read-only folder), logging a second failure; the
app calls it once the window is gone. ``window.ini``, where earlier versions kept the same keys,
is read when there is no ``window.json`` yet, its values written to ``window.json`` at once, and
removed once they are there.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from desktop_app.core import atomic, paths
from desktop_app.core.errors import SkyClearError
from desktop_app.core.models import Service
from desktop_app.jobs.tasks import lower_this_thread
from desktop_app.ui.compare_view import CompareMode

__all__ = ["WindowState"]

log = logging.getLogger(__name__)

_lock = threading.Lock()
_known: dict[Path, dict[str, Any]] = {}  # file -> its values as last read or saved
_pending: dict[Path, dict[str, Any]] = {}  # file -> the values the writer has still to write
_failed: dict[Path, dict[str, Any]] = {}  # file -> the values its last write could not write
_writer: threading.Thread | None = None


def _state_file() -> Path:
    return paths.data_dir() / "window.json"


def _ini(path: Path) -> Path:
    return path.with_name("window.ini")


def _read(path: Path) -> tuple[dict[str, Any], bool]:
    """The values saved in ``path``, else those of the earlier ``window.ini`` beside it; True
    when they come from that ``window.ini``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            return data, False
        log.warning("%s holds no window state; the window starts with its defaults", path)
    except FileNotFoundError:
        return _read_ini(_ini(path)), _ini(path).exists()
    except (OSError, ValueError) as err:
        log.warning("could not read %s (%s); the window starts with its defaults", path, err)
    return {}, False


def _read_ini(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    s = QSettings(str(path), QSettings.Format.IniFormat)

    def text(key: str) -> str:
        value = s.value(key, "")
        return value if isinstance(value, str) else ""

    def data(key: str) -> str | None:
        value = s.value(key)
        return _encode(value) if isinstance(value, QByteArray) else None

    listing = s.value("listing/current", 0)
    return {"geometry": data("window/geometry"), "dock_state": data("window/state"),
            "splitter": data("window/splitter"), "mode": text("view/mode"),
            "service": text("panel/service"), "open_folder": text("paths/open"),
            "export_folder": text("paths/export"),
            "welcome_shown": s.value("welcome/shown", False, type=bool) is True,
            "listing": int(str(listing)) if str(listing).isdigit() else 0}


def _encode(value: QByteArray | None) -> str | None:
    return None if value is None else base64.b64encode(value.data()).decode("ascii")


def _decode(value: object) -> QByteArray | None:
    if not isinstance(value, str):
        return None
    try:
        return QByteArray(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        return None


def _queue(path: Path, values: dict[str, Any]) -> None:
    """Have the writer thread write ``values`` (started if none runs); called holding _lock."""
    global _writer
    _pending[path] = values
    if _writer is None:
        _writer = threading.Thread(target=_write_pending, name="window state writer")
        _writer.start()


def _write(path: Path, values: dict[str, Any]) -> bool:
    """Write ``values`` into ``path``, then remove the earlier ``window.ini`` beside it (what it
    held is in ``path`` now, or was replaced by newer values)."""
    try:
        paths.private_file(atomic.write_text(path, json.dumps(values, indent=1)))
    except (OSError, SkyClearError) as err:  # e.g. a full disk: only the layout is lost
        log.warning("could not save the window's state in %s: %s", path, err)
        return False
    with contextlib.suppress(OSError):  # left there, it is not read while ``path`` exists
        _ini(path).unlink(missing_ok=True)
    return True


def _write_pending() -> None:
    """The writer thread: write what is pending, newest state of each file, then end."""
    global _writer
    lower_this_thread()
    while True:
        with _lock:
            if not _pending:
                _writer = None
                return
            path, values = _pending.popitem()
        written = _write(path, values)
        with _lock:
            if written:
                _failed.pop(path, None)
            else:
                _failed[path] = values  # tried again by ``flush``


@dataclass
class WindowState:
    geometry: QByteArray | None = None
    dock_state: QByteArray | None = None
    splitter: QByteArray | None = None
    mode: CompareMode = CompareMode.SPLIT
    service: Service = Service.SKY
    open_folder: str = ""  # where "Add photos" last looked
    export_folder: str = ""  # where results were last saved
    welcome_shown: bool = False
    listing: int = 0  # the listing the library showed last (its id)

    @classmethod
    def capture(cls, window: QMainWindow, splitter: QSplitter, mode: CompareMode,
                service: Service) -> WindowState:
        """The state to save at quit (the folders as last remembered)."""
        state = cls.load()
        state.geometry, state.dock_state = window.saveGeometry(), window.saveState()
        state.splitter, state.mode, state.service = splitter.saveState(), mode, service
        return state

    def restore_layout(self, window: QMainWindow, splitter: QSplitter) -> bool:
        """Put the window and its splitter back; True when the splitter had a saved state."""
        if self.geometry is not None:
            window.restoreGeometry(self.geometry)
        if self.dock_state is not None:
            window.restoreState(self.dock_state)
        return self.splitter is not None and bool(splitter.restoreState(self.splitter))

    @classmethod
    def load(cls) -> WindowState:
        """The state last saved (read from the disk the first time only)."""
        path = _state_file()
        with _lock:
            values = _known.get(path)
        if values is None:
            values, from_ini = _read(path)
            with _lock:
                if path not in _known:
                    _known[path] = values
                    if from_ini:  # into window.json at once, which removes window.ini
                        _queue(path, values)
                values = _known[path]
        return cls._from_values(values)

    def save(self) -> None:
        """Remember this state; written by the writer thread, and only if it changed."""
        path, values = _state_file(), self._values()
        with _lock:
            if _known.get(path) == values:
                return
            _known[path] = values
            _queue(path, values)

    @staticmethod
    def flush(timeout: float = 10.0) -> bool:
        """Wait until every state saved so far is on the disk (at most ``timeout`` s); a write
        that failed is tried once more here, and a second failure logged. True when all is
        written."""
        end = time.monotonic() + timeout
        while True:
            with _lock:
                writer = _writer
            if writer is None:
                break
            writer.join(max(0.0, end - time.monotonic()))
            if writer.is_alive():
                return False
        with _lock:  # the failed writes still holding the newest state (none is on its way)
            failed = [(path, values) for path, values in _failed.items()
                      if _known.get(path) == values and path not in _pending]
            _failed.clear()
        written = True
        for path, values in failed:
            if not _write(path, values):
                log.error("the window's state is not saved in %s: its layout and folders of "
                          "this run are lost", path)
                written = False
        return written

    def _values(self) -> dict[str, Any]:
        return {"geometry": _encode(self.geometry), "dock_state": _encode(self.dock_state),
                "splitter": _encode(self.splitter), "mode": self.mode.value,
                "service": self.service.value, "open_folder": self.open_folder,
                "export_folder": self.export_folder, "welcome_shown": self.welcome_shown,
                "listing": self.listing}

    @classmethod
    def _from_values(cls, values: dict[str, Any]) -> WindowState:
        def text(key: str) -> str:
            value = values.get(key)
            return value if isinstance(value, str) else ""

        mode, service, listing = text("mode"), text("service"), values.get("listing")
        return cls(
            geometry=_decode(values.get("geometry")),
            dock_state=_decode(values.get("dock_state")),
            splitter=_decode(values.get("splitter")),
            mode=CompareMode(mode) if mode in {v.value for v in CompareMode} else CompareMode.SPLIT,
            service=Service(service) if service in {v.value for v in Service} else Service.SKY,
            open_folder=text("open_folder"),
            export_folder=text("export_folder"),
            welcome_shown=values.get("welcome_shown") is True,
            listing=listing if isinstance(listing, int) and not isinstance(listing, bool)
            and listing > 0 else 0,
        )
