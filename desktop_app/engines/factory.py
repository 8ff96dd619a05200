"""Builds the engines from the settings; one place decides which engine is the default."""

from __future__ import annotations

import threading

from desktop_app.core import credentials, paths
from desktop_app.core.api import IACreaClient
from desktop_app.core.models import EngineName
from desktop_app.core.settings import Settings
from desktop_app.engines.base import Engine
from desktop_app.engines.cloud import CloudEngine
from desktop_app.engines.hosting import Host, build_host
from desktop_app.engines.local.engine import LocalEngine
from desktop_app.engines.local.workers import Workers


def default_engine(settings: Settings) -> EngineName:
    """The user's choice, else the cloud when credentials exist, else the local engine."""
    if settings.engine is not None:
        return settings.engine
    return EngineName.CLOUD if credentials.has_cloud_credentials(settings) else EngineName.LOCAL


def make_engine(name: EngineName, settings: Settings) -> Engine:
    if name is EngineName.LOCAL:
        return LocalEngine(paths.cache_dir() / "local-results")
    creds = credentials.resolve(settings)  # ConfigError with a sentence when missing

    def client() -> IACreaClient:
        return IACreaClient(creds.api_key, creds.user_id, creds.base_url,
                            allow_insecure=settings.allow_insecure)

    def host() -> Host | None:
        return build_host(settings.host(), credentials.get_secret(credentials.S3_SECRET))

    return CloudEngine(client, host)


class EngineSet:
    """Engines built on first use and shared by every job; ``reset`` after the settings change."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engines: dict[EngineName, Engine] = {}
        self._lock = threading.Lock()

    def __call__(self, name: EngineName) -> Engine:
        with self._lock:
            engine = self._engines.get(name)
            if engine is None:
                engine = self._engines[name] = make_engine(name, self.settings)
            return engine

    def local_workers(self) -> Workers:
        """The local engine's worker processes, for the window's own local steps."""
        engine = self(EngineName.LOCAL)
        assert isinstance(engine, LocalEngine)
        return engine.workers

    def reset(self, settings: Settings | None = None) -> None:
        """Use new settings: the cloud engine is rebuilt on next use (the local one keeps its
        running jobs, since the settings do not concern it)."""
        with self._lock:
            if settings is not None:
                self.settings = settings
            cloud = self._engines.pop(EngineName.CLOUD, None)
        if cloud is not None:
            cloud.close()

    def close(self) -> None:
        with self._lock:
            engines, self._engines = list(self._engines.values()), {}
        for engine in engines:
            engine.close()
