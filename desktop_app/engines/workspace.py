"""One object holding what both faces of the app share: settings, job store, engines, pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core import recovery, workers
from desktop_app.core.messages import Message
from desktop_app.core.settings import Settings
from desktop_app.core.store import JobStore
from desktop_app.engines.factory import EngineSet
from desktop_app.engines.pipeline import Pipeline


@dataclass
class Workspace:
    settings: Settings
    store: JobStore
    engines: EngineSet
    pipeline: Pipeline
    #: What was done at opening about a damaged store or settings file (sentences to show).
    notices: list[Message] = field(default_factory=list)

    def apply_settings(self, settings: Settings) -> None:
        """New settings take effect for the next step of every job."""
        self.settings = settings
        self.engines.reset(settings)
        self.pipeline.library_dir = settings.library_path()
        self.pipeline.max_side = settings.max_side

    def close(self) -> None:
        self.pipeline.close()
        self.engines.close()
        self.store.close()
        workers.wait_closed()  # the stopped workers reaped before the process ends


def open_workspace(settings: Settings | None = None) -> Workspace:
    """Settings, store, engines and pipeline; a damaged store or settings file is set aside
    (see ``core.recovery``) and said in ``notices``. Raises ``StoreLockedError`` when another
    program keeps the store locked."""
    notices: list[Message] = []
    if settings is None:
        settings, settings_recovery = recovery.open_settings()
        if settings_recovery is not None:
            notices.append(settings_recovery.sentence())
    store, store_recovery = recovery.open_store()
    if store_recovery is not None:
        notices.append(store_recovery.sentence())
    engines = EngineSet(settings, store.pending_accounts)
    pipeline = Pipeline(store, engines, settings.library_path(), max_side=settings.max_side)
    return Workspace(settings, store, engines, pipeline, notices)
