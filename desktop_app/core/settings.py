"""User settings: a small JSON file in the data folder. Secrets never go here (see credentials)."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop_app.core import atomic, paths
from desktop_app.core.models import EngineName

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://iacrea.com"
MAX_RECENT = 10


class HostKind(StrEnum):
    """Where prepared photos are put online for IACrea to fetch."""

    NONE = "none"
    PUT = "put"  # an upload URL that accepts HTTP PUT
    S3 = "s3"  # an S3-compatible bucket with presigned links


@dataclass
class HostFields:
    """The image host's settings, shared by ``Settings`` and ``HostSettings``. The S3 secret
    key is not here: it lives in the OS keyring."""

    put_url: str = ""
    s3_endpoint: str = ""
    s3_region: str = ""
    s3_bucket: str = ""
    s3_prefix: str = "skyclear/"
    s3_access_key_id: str = ""
    s3_expiry_seconds: int = 7 * 24 * 3600
    #: accept plain http:// service and image-host addresses that are not this computer
    allow_insecure: bool = False


@dataclass
class HostSettings(HostFields):
    """What an image host is built from (``Settings.host()``). ``kind`` is a ``HostKind`` value;
    anything else is refused with a sentence when the host is built."""

    kind: str = HostKind.NONE.value

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HostSettings:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Settings(HostFields):
    user_id: str = ""
    base_url: str = DEFAULT_BASE_URL
    engine: EngineName | None = None  # None: local until an API key is set
    host_kind: HostKind = HostKind.NONE
    webhook: str = ""
    library_dir: str = ""  # "" = the default folder under the data folder
    max_side: int = 4096  # long side of the prepared upload, in pixels
    low_credit_warning: int = 5
    confirm_credits_above: int = 10  # Generate asks once more when it would spend more
    burn_label: bool = False  # burn a small "Virtually edited" label into exports
    language: str = ""  # the window's language: "" follows the system, else "en", "fr"...
    recent_files: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # the file (and older callers) give plain strings: "" / "local" / "cloud", "put"...
        engine: object = self.engine
        self.engine = EngineName(engine) if isinstance(engine, str) and \
            engine in set(EngineName) else None
        kind: object = self.host_kind
        self.host_kind = HostKind(kind) if isinstance(kind, str) and kind in set(HostKind) \
            else HostKind.NONE

    def host(self) -> HostSettings:
        """The image host part, derived from these settings' own fields."""
        shared = {f.name: getattr(self, f.name) for f in fields(HostFields)}
        return HostSettings(kind=self.host_kind.value, **shared)

    def to_json(self) -> dict[str, Any]:
        """As saved: enums as their plain values (no engine chosen is "")."""
        data = asdict(self)
        data["engine"] = self.engine.value if self.engine else ""
        data["host_kind"] = self.host_kind.value
        return data

    def library_path(self) -> Path:
        if self.library_dir:
            path = Path(self.library_dir).expanduser()
            path.mkdir(parents=True, exist_ok=True)  # the user's own folder keeps its rights
            return path
        return paths.private_dir(paths.default_library_dir())

    def add_recent(self, file: str) -> None:
        self.recent_files = [file, *[f for f in self.recent_files if f != file]][:MAX_RECENT]


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults for anything missing, unknown or unreadable."""
    path = path or paths.settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as err:
        log.warning("settings file %s unreadable (%s); using defaults", path, err)
        return Settings()
    known = {f.name for f in fields(Settings)}
    defaults = Settings()
    values: dict[str, Any] = {}
    for key, value in data.items() if isinstance(data, dict) else ():
        if key in ("engine", "host_kind"):  # saved as plain strings, read back as enums
            if isinstance(value, str):
                values[key] = value
        elif key in known and isinstance(value, type(getattr(defaults, key))):
            values[key] = value
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or paths.settings_path()
    paths.private_file(atomic.write_text(path, json.dumps(settings.to_json(), indent=2)))
