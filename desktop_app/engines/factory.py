"""Builds the engines from the settings; one place decides which engine is the default."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from desktop_app.core import credentials, paths
from desktop_app.core.credentials import Credentials
from desktop_app.core.errors import ConfigError
from desktop_app.core.messages import Msg
from desktop_app.core.models import EngineName
from desktop_app.core.settings import Settings
from desktop_app.core.workers import Workers
from desktop_app.engines.base import Engine
from desktop_app.engines.local.engine import LocalEngine

if TYPE_CHECKING:
    from desktop_app.core.api import IACreaClient
    from desktop_app.engines.cloud import CloudEngine
    from desktop_app.engines.hosting import Host

T = TypeVar("T")


def default_engine(settings: Settings) -> EngineName:
    """The user's choice, else the cloud when credentials exist, else the local engine."""
    if settings.engine is not None:
        return settings.engine
    return EngineName.CLOUD if credentials.has_cloud_credentials(settings) else EngineName.LOCAL


def cloud_engine(creds: Credentials, settings: Settings) -> CloudEngine:
    # the cloud's modules (requests, the hosts) are loaded with its first engine: a window
    # that starts on the local engine is shown a tenth of a second sooner
    from desktop_app.core.api import IACreaClient
    from desktop_app.engines.cloud import CloudEngine
    from desktop_app.engines.hosting import build_host

    def client() -> IACreaClient:
        return IACreaClient(creds.api_key, creds.user_id, creds.base_url,
                            allow_insecure=settings.allow_insecure)

    def host() -> Host | None:
        return build_host(settings.host(), credentials.get_secret(credentials.S3_SECRET))

    return CloudEngine(client, host, account=creds.user_id)


class EngineSet:
    """Engines built on first use and shared by every job; ``reset`` after the settings change.

    A cloud generation is looked at with the account it was sent with (``account``): after a
    switch of account in Settings, the previous account's engine stays for the generations still
    on their way, and its key is kept in the keyring (see ``credentials.keep_account_key``) when
    ``pending_accounts`` says some of them are, so a restart can fetch them too.
    """

    def __init__(self, settings: Settings,
                 pending_accounts: Callable[[], set[str]] | None = None) -> None:
        self.settings = settings
        self._pending_accounts = pending_accounts
        self._engines: dict[EngineName, Engine] = {}
        self._creds: Credentials | None = None  # those of the current cloud engine
        self._others: dict[str, CloudEngine] = {}  # other accounts' engines, by user ID
        self._lock = threading.Lock()

    def __call__(self, name: EngineName, account: str | None = None) -> Engine:
        with self._lock:
            if (name is EngineName.CLOUD and account
                    and account != credentials.current_account(self.settings)):
                return self._other_account(account)
            engine = self._engines.get(name)
            if engine is None:
                if name is EngineName.CLOUD:  # ConfigError with a sentence when missing
                    self._creds = credentials.resolve(self.settings)
                    engine = self.cloud_engine(self._creds)
                else:
                    engine = LocalEngine(paths.private_dir(paths.cache_dir() / "local-results"))
                self._engines[name] = engine
            return engine

    def local_workers(self) -> Workers:
        """The local engine's worker processes, for the window's own local steps."""
        engine = self(EngineName.LOCAL)
        assert isinstance(engine, LocalEngine)
        return engine.workers

    def run_in_workers(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` in the local engine's worker processes (a ``core.workers.Run``),
        started on first use."""
        return self.local_workers().run(fn, *args, **kwargs)

    def _other_account(self, account: str) -> CloudEngine:
        engine = self._others.get(account)
        if engine is None:
            key = credentials.account_key(account)
            if not key:  # never ask IACrea with another account's key: it would say "unknown"
                raise ConfigError(Msg.OTHER_ACCOUNT(account))
            base_url = self._creds.base_url if self._creds else \
                credentials.resolve_base_url(self.settings)
            engine = self._others[account] = self.cloud_engine(
                Credentials(key, account, base_url))
        return engine

    def cloud_engine(self, creds: Credentials) -> CloudEngine:
        """The cloud engine for one account (a seam for tests that shorten the waits)."""
        return cloud_engine(creds, self.settings)

    def reset(self, settings: Settings | None = None) -> None:
        """Use new settings: the cloud engine is rebuilt on next use (the local one keeps its
        running jobs, since the settings do not concern it)."""
        with self._lock:
            if settings is not None:
                self.settings = settings
            cloud = self._engines.pop(EngineName.CLOUD, None)
            creds, self._creds = self._creds, None
            # ``creds`` are kept only while ``cloud`` is the cloud engine built with them
            switched = creds is not None and cloud is not None and \
                creds.user_id != credentials.current_account(self.settings)
            if switched:
                assert creds is not None and cloud is not None
                self._others.setdefault(creds.user_id, cast("CloudEngine", cloud))
                if creds.user_id in self._pending():
                    credentials.keep_account_key(creds.user_id, creds.api_key)
        if cloud is not None and not switched:
            cloud.close()

    def _pending(self) -> set[str]:
        return self._pending_accounts() if self._pending_accounts else set()

    def close(self) -> None:
        with self._lock:
            engines: list[Engine] = [*self._engines.values(), *self._others.values()]
            self._engines, self._others = {}, {}
        for engine in engines:
            engine.close()
