"""Files SkyClear makes in its data folder beyond the store and results: thumbnails and every
rotated log file are private (0600, folders 0700) whatever the user's umask."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core import logfile, paths, thumbnails

PHOTO = Path(__file__).parent / "data" / "living-room-cluttered-01.jpg"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """A umask that leaves new files readable by others, as most desktops have."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_thumbnails_are_private() -> None:
    thumbnails.load_thumbnail(PHOTO)
    folder = thumbnails.thumbnail_cache_dir()
    made = list(folder.iterdir())
    assert len(made) == 1
    assert (mode(folder), mode(made[0])) == (0o700, 0o600)


def test_every_rotated_log_file_is_private_and_the_log_stays_bounded() -> None:
    handler = logfile.file_handler("rotating.log", max_bytes=400)
    log = logging.getLogger("test.rotating")
    log.propagate = False
    log.addHandler(handler)
    try:
        for n in range(40):
            log.warning("line %d of a busy day", n)
    finally:
        log.removeHandler(handler)
        handler.close()
    files = sorted((paths.data_dir() / "logs").glob("rotating.log*"))
    assert [f.name for f in files] == ["rotating.log", "rotating.log.1", "rotating.log.2"]
    assert all(f.stat().st_size <= 400 for f in files), "rotated, never grown without end"
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    assert "line 39 of a busy day" in files[0].read_text()
