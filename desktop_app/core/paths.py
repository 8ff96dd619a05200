"""Where SkyClear keeps its data: ``DESKTOP_APP_HOME`` or the platform's user data folder.

The data folder is private: on POSIX systems its folders are 0700 and the files SkyClear writes
there 0600, so other accounts on the computer cannot read the history, the photo links, the
photos or the logs.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

from desktop_app import APP_NAME

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable by this user only; return it.

    Folders that already exist above it are left as they are; ``path`` itself is made private
    (a data folder from an older version included)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        _chmod(folder, PRIVATE_DIR)  # mkdir's mode is filtered by the umask
    _chmod(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """Make an existing file readable and writable by this user only; return it."""
    _chmod(path, PRIVATE_FILE)
    return path


def create_private_file(path: Path) -> Path:
    """Create ``path`` empty as 0600 unless it exists (then only its mode is fixed)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    return private_file(path)


def _chmod(path: Path, mode: int) -> None:
    if os.name != "posix":
        return  # Windows keeps a user's profile folders private by their ACLs
    try:
        if (path.stat().st_mode & 0o777) != mode:
            path.chmod(mode)
    except OSError:
        pass  # not ours to change (a shared library folder...): leave it as it is


def data_dir() -> Path:
    """The folder holding the job store, settings, caches and (by default) the library."""
    override = os.environ.get("DESKTOP_APP_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    return private_dir(path)


def db_path() -> Path:
    return data_dir() / "jobs.sqlite3"


def settings_path() -> Path:
    return data_dir() / "settings.json"


def default_library_dir() -> Path:
    """Downloaded results, prepared uploads and masks live here unless the user picks a folder."""
    return data_dir() / "library"


def log_file(name: str = "skyclear.log") -> Path:
    """A log file in the data folder's ``logs`` (created private)."""
    return create_private_file(private_dir(data_dir() / "logs") / name)


def cache_dir() -> Path:
    return private_dir(data_dir() / "cache")
