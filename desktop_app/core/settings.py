"""User settings: a small JSON file in the data folder. Secrets never go here (see credentials)."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from desktop_app.core import atomic, paths

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://iacrea.com"
MAX_RECENT = 10


@dataclass
class Settings:
    user_id: str = ""
    base_url: str = DEFAULT_BASE_URL
    engine: str = ""  # "local" | "cloud" | "" = local until an API key is set
    host_kind: str = "none"  # "none" | "put" | "s3"
    put_url: str = ""
    s3_endpoint: str = ""
    s3_region: str = ""
    s3_bucket: str = ""
    s3_prefix: str = "skyclear/"
    s3_access_key_id: str = ""  # the secret key lives in the OS keyring
    s3_expiry_seconds: int = 7 * 24 * 3600
    webhook: str = ""
    library_dir: str = ""  # "" = the default folder under the data folder
    max_side: int = 4096  # long side of the prepared upload, in pixels
    low_credit_warning: int = 5
    burn_label: bool = False  # burn a small "Virtually edited" label into exports
    recent_files: list[str] = field(default_factory=list)

    def library_path(self) -> Path:
        path = Path(self.library_dir).expanduser() if self.library_dir else \
            paths.default_library_dir()
        path.mkdir(parents=True, exist_ok=True)
        return path

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
    known = {f.name: f for f in fields(Settings)}
    defaults = Settings()
    values = {}
    for key, value in data.items() if isinstance(data, dict) else ():
        if key in known and isinstance(value, type(getattr(defaults, key))):
            values[key] = value
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or paths.settings_path()
    atomic.write_text(path, json.dumps(asdict(settings), indent=2))
