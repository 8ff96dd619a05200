"""Where SkyClear keeps its data: ``DESKTOP_APP_HOME`` or the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from desktop_app import APP_NAME


def data_dir() -> Path:
    """The folder holding the job store, settings, caches and (by default) the library."""
    override = os.environ.get("DESKTOP_APP_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_path() -> Path:
    return data_dir() / "jobs.sqlite3"


def settings_path() -> Path:
    return data_dir() / "settings.json"


def default_library_dir() -> Path:
    """Downloaded results, prepared uploads and masks live here unless the user picks a folder."""
    return data_dir() / "library"


def cache_dir() -> Path:
    path = data_dir() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path
