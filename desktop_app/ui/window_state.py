"""What the window remembers between runs (geometry, layout, mode, service, folders), as one
typed object over the INI file ``window.ini`` in the data folder (keys unchanged, so an existing
file keeps its values)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from desktop_app.core import paths
from desktop_app.core.models import Service
from desktop_app.ui.compare_view import CompareMode

__all__ = ["WindowState", "window_settings"]


def window_settings() -> QSettings:
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


def _bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) else None


def _text(settings: QSettings, key: str) -> str:
    value = settings.value(key, "")
    return value if isinstance(value, str) else ""


def _number(settings: QSettings, key: str) -> int:
    value = settings.value(key, 0)
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else 0


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
        s = window_settings()
        mode, service = _text(s, "view/mode"), _text(s, "panel/service")
        return cls(
            geometry=_bytes(s, "window/geometry"),
            dock_state=_bytes(s, "window/state"),
            splitter=_bytes(s, "window/splitter"),
            mode=CompareMode(mode) if mode in set(CompareMode) else CompareMode.SPLIT,
            service=Service(service) if service in {v.value for v in Service} else Service.SKY,
            open_folder=_text(s, "paths/open"),
            export_folder=_text(s, "paths/export"),
            welcome_shown=s.value("welcome/shown", False, type=bool) is True,
            listing=_number(s, "listing/current"),
        )

    def save(self) -> None:
        """Write everything (at quit)."""
        s = window_settings()
        for key, value in (("window/geometry", self.geometry), ("window/state", self.dock_state),
                           ("window/splitter", self.splitter)):
            if value is not None:
                s.setValue(key, value)
        s.setValue("view/mode", self.mode.value)
        s.setValue("panel/service", self.service.value)
        s.sync()
        self.save_paths()

    def save_paths(self) -> None:
        """Write the small memories that change during a run (folders, welcome)."""
        s = window_settings()
        if self.open_folder:
            s.setValue("paths/open", self.open_folder)
        if self.export_folder:
            s.setValue("paths/export", self.export_folder)
        if self.welcome_shown:
            s.setValue("welcome/shown", True)
        if self.listing:
            s.setValue("listing/current", self.listing)
        s.sync()
