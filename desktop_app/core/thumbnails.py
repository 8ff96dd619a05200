"""Library thumbnails: decoded off the GUI thread, kept small, cached on disk.

``load_thumbnail`` is a plain function meant to run on a worker thread. ``imaging.make_thumbnail``
decodes a JPEG at reduced scale straight from the file, so even a 24 MP photo gives its thumbnail
in a few tens of milliseconds; the result is cached as a small JPEG keyed by the file's path, size
and modification time, and handed back as raw RGB bytes (no Qt object) for the GUI thread to wrap.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from desktop_app.core import imaging, paths
from desktop_app.core.errors import ImageError
from desktop_app.core.messages import Msg

THUMB_SIDE = 192  # long side in pixels: sharp at 96 logical pixels on a 2x screen
#: What a dropped folder is searched for (any other file dropped by name is still tried).
SUPPORTED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff")


@dataclass(frozen=True)
class Thumbnail:
    source: str
    width: int
    height: int
    rgb: bytes  # width * height * 3 bytes, rows packed
    original_size: tuple[int, int]  # the photo's size, upright


def thumbnail_cache_dir() -> Path:
    return paths.private_dir(paths.cache_dir() / "thumbnails")


def _cache_key(source: Path, side: int) -> str:
    stat = source.stat()
    text = f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{side}"
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def load_thumbnail(source: str | Path, side: int = THUMB_SIDE,
                   cache_dir: Path | None = None) -> Thumbnail:
    """The photo's thumbnail (from the cache when the file has not changed).

    Raises ImageError with a sentence when the file is missing or not a photo SkyClear reads.
    """
    path = Path(source)
    info = imaging.inspect_image(path)  # a clear sentence for anything unusable
    try:
        key = _cache_key(path, side)
    except OSError:
        raise ImageError(Msg.THUMBNAIL_UNREADABLE(path.name)) from None
    cache = (cache_dir or thumbnail_cache_dir()) / f"{key}.jpg"
    if not cache.exists():
        paths.private_file(imaging.make_thumbnail(path, cache, side))  # upright, sRGB, small
    try:
        with Image.open(cache) as im:
            small = im.convert("RGB")
    except (OSError, UnidentifiedImageError):  # a damaged cache entry: make it again
        paths.private_file(imaging.make_thumbnail(path, cache, side))
        with Image.open(cache) as im:
            small = im.convert("RGB")
    return Thumbnail(str(path), small.width, small.height, small.tobytes(), info.oriented_size)


def find_photos(items: list[str | Path]) -> tuple[list[str], list[str]]:
    """Expand dropped or opened paths: folders give the JPEG/PNG files inside them (recursively).

    Returns (photo paths, names of things skipped). Nothing is opened here.
    """
    photos: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = str(path.resolve())
        if key not in seen:
            seen.add(key)
            photos.append(key)

    for item in items:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES \
                        and not child.name.startswith("."):
                    add(child)
        else:
            add(path)  # tried as a photo: a file that is not one gets its own sentence
    return photos, skipped
