"""Delivering a listing: the kept version of each photo (or its original where none is kept),
in the listing's order, into one folder with clean names (``03-living-room.jpg``), sized and
capped for a listing site.

A preset gives the long side, the JPEG quality and a file-size cap; a photo over the cap is
written at a lower quality, then smaller, until it fits. Options add the "Virtually edited"
label and the original beside each edited photo (``03-living-room-original.jpg``), as several
listing sites' disclosure rules ask. Qt-free, meant for a worker thread; originals are only read,
and each file appears whole or not at all. Decoding and encoding may run in a worker process
(``run=Workers(…).run``, see core/workers.py), so a window stays responsive while a listing is
written: that work holds Python's interpreter lock for stretches a window's thread would feel.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.core import atomic
from desktop_app.core.errors import InputError, SkyClearError
from desktop_app.core.export import draw_label, encode_jpeg, render_export
from desktop_app.core.listings import PhotoVersions
from desktop_app.core.messages import Message, Msg
from desktop_app.core.workers import Run, WorkerStopped, here

#: Remembers which files of a folder a delivery wrote, so the next one may replace them.
MARKER = ".skyclear-delivery.json"


@dataclass(frozen=True)
class Preset:
    name: str  # as typed on the command line
    description: str
    long_side: int | None  # None: full size
    quality: int  # JPEG quality, 1-95
    max_mb: float | None  # file-size cap, in MB (10^6 bytes, as listing sites count)


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("site-2048", "listing sites: 2048 px, at most 1 MB each", 2048, 85, 1.0),
    Preset("site-3000", "large: 3000 px, at most 3 MB each", 3000, 90, 3.0),
    Preset("full", "full size, best quality, no size cap", None, 95, None),
)}
DEFAULT_PRESET = "site-2048"


@dataclass(frozen=True)
class DeliveryOptions:
    long_side: int | None = 2048
    quality: int = 85
    max_mb: float | None = None
    label: bool = False  # "Virtually edited" on each edited photo
    originals: bool = False  # the original beside each edited photo

    @classmethod
    def from_preset(cls, name: str, **options: object) -> DeliveryOptions:
        preset = PRESETS.get(name)
        if preset is None:
            raise InputError(Msg.DELIVERY_PRESET_UNKNOWN(name, ", ".join(PRESETS)))
        base = cls(long_side=preset.long_side, quality=preset.quality, max_mb=preset.max_mb)
        return replace(base, **options)  # type: ignore[arg-type]

    @property
    def max_bytes(self) -> int | None:
        return round(self.max_mb * 1_000_000) if self.max_mb else None


@dataclass(frozen=True)
class PlannedFile:
    number: int  # 1-based place in the listing
    source: str  # the file rendered: a kept result or an original
    dest: Path
    edited: bool  # a kept result (labelled when asked)


@dataclass
class DeliveryReport:
    planned: int  # the files the delivery was to write
    written: list[Path]
    problems: list[Message]  # one sentence per photo that could not be delivered
    cancelled: bool = False
    lost: Message | None = None  # why the delivery ended early: its worker process died


def slug(name: str) -> str:
    """A file-name-safe, lower-case version of a photo's name: ``Living Room (2).JPG`` →
    ``living-room-2``."""
    stem = Path(name).stem
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-") or "photo"


def plan(entries: Sequence[PhotoVersions], folder: str | Path,
         options: DeliveryOptions) -> list[PlannedFile]:
    """The files a delivery writes, in the listing's order."""
    out = Path(folder).expanduser()
    width = max(2, len(str(len(entries))))
    files: list[PlannedFile] = []
    for number, entry in enumerate(entries, start=1):
        stem = f"{number:0{width}d}-{slug(entry.photo.name)}"
        kept = entry.kept_file
        files.append(PlannedFile(number, kept or entry.photo.source, out / f"{stem}.jpg",
                                 edited=kept is not None))
        if kept is not None and options.originals:
            files.append(PlannedFile(number, entry.photo.source, out / f"{stem}-original.jpg",
                                     edited=False))
    return files


def render(source: str | Path, options: DeliveryOptions, *, edited: bool) -> bytes:
    """One delivered file: upright sRGB at the preset's size, labelled if asked, as JPEG bytes
    that meet the size cap."""
    image = render_export(source, max_side=options.long_side)
    if edited and options.label:
        draw_label(image)
    return encode_jpeg(image, options.quality, options.max_bytes)


def deliver(entries: Sequence[PhotoVersions], folder: str | Path, options: DeliveryOptions, *,
            on_progress: Callable[[int, int], None] | None = None,
            stop: threading.Event | None = None,
            run: Run = here) -> DeliveryReport:
    """Write a listing's delivery into ``folder``. A photo that cannot be read is reported and
    the others are still written. Files left in the folder by an earlier delivery are replaced
    (and those no longer planned removed); any other file is never overwritten. ``run``: where
    the photos are decoded and encoded (``Workers.run``, or this thread). A worker process that
    dies ends the delivery, its sentence in ``lost``: the files written before stay, whole."""
    if not entries:
        raise InputError(Msg.DELIVERY_NO_PHOTOS())
    files = plan(entries, folder, options)
    out = Path(folder).expanduser()
    ours = _check_folder(out, files, {e.photo.source for e in entries})
    planned = {f.dest.name for f in files}
    _write_marker(out, ours | planned)  # before the first file: a crash leaves them known
    report = DeliveryReport(len(files), [], [])
    for done, item in enumerate(files):
        if stop is not None and stop.is_set():
            report.cancelled = True
            break
        try:
            atomic.write_bytes(item.dest, run(render, item.source, options, edited=item.edited))
            report.written.append(item.dest)
        except WorkerStopped as err:  # not this photo's fault
            report.lost = err.message
            break
        except SkyClearError as err:
            report.problems.append(Msg.PROBLEM_WITH_FILE(item.dest.name, err.message))
        except OSError as err:
            raise InputError(Msg.FILE_SAVE_FAILED(item.dest.name, str(out),
                                                  str(err.strerror or err))) from None
        if on_progress is not None:
            on_progress(done + 1, len(files))
    if not report.cancelled and report.lost is None:
        for stale in ours - planned:
            (out / stale).unlink(missing_ok=True)
        _write_marker(out, {p.name for p in report.written})
    return report


def _check_folder(out: Path, files: list[PlannedFile], originals: set[str]) -> set[str]:
    """The file names an earlier delivery left in ``out``; refuses to go on when a planned
    name is taken by anything else (an original above all)."""
    if out.exists() and not out.is_dir():
        raise InputError(Msg.FOLDER_IS_FILE(str(out)))
    ours = _read_marker(out)
    protected = {str(Path(o).resolve()) for o in originals if not o.startswith("http")}
    for item in files:
        if str(item.dest.resolve()) in protected:
            raise InputError(Msg.DELIVERY_ORIGINAL(item.dest.name, str(out)))
        if item.dest.exists() and item.dest.name not in ours:
            raise InputError(Msg.DELIVERY_NAME_TAKEN(str(out), item.dest.name))
    return ours


def _read_marker(out: Path) -> set[str]:
    try:
        names = json.loads((out / MARKER).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {n for n in names if isinstance(n, str) and Path(n).name == n}


def _write_marker(out: Path, names: set[str]) -> None:
    try:
        atomic.write_text(out / MARKER, json.dumps({"files": sorted(names)}, indent=1))
    except OSError as err:
        raise InputError(Msg.FOLDER_NOT_WRITABLE(str(out), str(err.strerror or err))) from None


__all__ = ["DEFAULT_PRESET", "PRESETS", "DeliveryOptions", "DeliveryReport", "Preset", "deliver",
           "plan", "render", "slug"]
