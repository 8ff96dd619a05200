"""One object holding what both faces of the app share: settings, job store, engines, pipeline."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.settings import Settings, load_settings
from desktop_app.core.store import JobStore
from desktop_app.engines.factory import EngineSet
from desktop_app.engines.pipeline import Pipeline


@dataclass
class Workspace:
    settings: Settings
    store: JobStore
    engines: EngineSet
    pipeline: Pipeline

    def apply_settings(self, settings: Settings) -> None:
        """New settings take effect for the next step of every job."""
        self.settings = settings
        self.engines.reset(settings)
        self.pipeline.library_dir = settings.library_path()
        self.pipeline.max_side = settings.max_side

    def close(self) -> None:
        self.engines.close()
        self.store.close()


def open_workspace(settings: Settings | None = None) -> Workspace:
    settings = settings or load_settings()
    store = JobStore()
    engines = EngineSet(settings)
    pipeline = Pipeline(store, engines, settings.library_path(), max_side=settings.max_side)
    return Workspace(settings, store, engines, pipeline)
