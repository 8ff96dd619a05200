"""Listings: an agent's unit of work, a named set of photos (an address, a client).

A *photo* is one file's content inside a listing: adding the same bytes again finds the photo that
is already there. Its *versions* are the generations of the jobs filed under it (a job and its
variations share a root); one finished result may be *kept*, and the listing is delivered as the
kept version of each photo, or the original where none is kept, in the listing's order.

Qt-free; the tables live in the job store (schema version 2, ``core/store.py``).
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core import imaging
from desktop_app.core.errors import InputError
from desktop_app.core.messages import Msg
from desktop_app.core.models import Generation, Status
from desktop_app.core.store import JobStore

#: Where jobs made outside any listing (and those of stores older than listings) are filed.
DEFAULT_LISTING = "My photos"


@dataclass(frozen=True)
class Listing:
    id: int
    name: str
    folder: str | None  # the folder it was made from, if any
    archived: bool
    created_at: float


@dataclass(frozen=True)
class Photo:
    id: int
    listing_id: int
    content: str  # what identifies the photo: the SHA-256 of its bytes (or its URL)
    source: str  # where the file was when it was added (never modified)
    position: int  # 0-based order inside the listing
    kept_id: int | None  # the generation whose result is kept
    kept_index: int  # which of that generation's result files
    added_at: float

    @property
    def name(self) -> str:
        return Path(self.source.split("?")[0]).name or self.source


@dataclass(frozen=True)
class PhotoVersions:
    """A photo with every generation filed under it (oldest first) and the kept result."""

    photo: Photo
    versions: list[Generation]

    @property
    def kept(self) -> Generation | None:
        """The kept generation, while it is still finished and still has that result."""
        for gen in self.versions:
            if gen.id == self.photo.kept_id:
                usable = gen.status is Status.DONE and self.photo.kept_index < len(
                    gen.result_files)
                return gen if usable else None
        return None

    @property
    def kept_file(self) -> str | None:
        gen = self.kept
        return gen.result_files[self.photo.kept_index] if gen is not None else None


def content_key(source: str | Path) -> str:
    """What identifies a photo: the SHA-256 of the file's bytes, or the URL itself."""
    text = str(source)
    if text.startswith(("http://", "https://")):
        return "url:" + text
    digest = hashlib.sha256()
    try:
        with open(text, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except FileNotFoundError:
        raise InputError(Msg.FILE_NOT_FOUND(Path(text).name)) from None
    except OSError as err:
        raise InputError(Msg.FILE_UNREADABLE(Path(text).name, str(err.strerror or err))) from None
    return digest.hexdigest()


def _listing(row: sqlite3.Row) -> Listing:
    return Listing(row["id"], row["name"], row["folder"], bool(row["archived"]),
                   row["created_at"])


def _photo(row: sqlite3.Row) -> Photo:
    return Photo(row["id"], row["listing_id"], row["content"], row["source"], row["position"],
                 row["kept_id"], row["kept_index"], row["added_at"])


class Listings:
    """Listings, their photos, order and kept versions, on a job store's connection."""

    def __init__(self, store: JobStore) -> None:
        self.store = store

    # -- listings --------------------------------------------------------------------------
    def all(self, *, archived: bool = False) -> list[Listing]:
        """The listings in use (or, with ``archived``, the archived ones), oldest first."""
        with self.store.transaction() as db:
            rows = db.execute("SELECT * FROM listings WHERE archived=? ORDER BY created_at, id",
                              (int(archived),)).fetchall()
        return [_listing(r) for r in rows]

    def get(self, listing_id: int) -> Listing:
        with self.store.transaction() as db:
            row = db.execute("SELECT * FROM listings WHERE id=?", (listing_id,)).fetchone()
        if row is None:
            raise KeyError(f"no listing {listing_id}")
        return _listing(row)

    def find(self, name: str) -> Listing | None:
        """The listing in use with this name (case and outer spaces ignored), if any."""
        with self.store.transaction() as db:
            row = db.execute("SELECT * FROM listings WHERE archived=0 AND "
                             "lower(name)=lower(?) ORDER BY id", (name.strip(),)).fetchone()
        return _listing(row) if row is not None else None

    def create(self, name: str, *, folder: str | Path | None = None) -> Listing:
        clean = self._check_name(name)
        now = time.time()
        with self.store.transaction() as db:
            cur = db.execute("INSERT INTO listings (name, folder, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?)",
                             (clean, str(folder) if folder else None, now, now))
            new_id = int(cur.lastrowid or 0)
        return self.get(new_id)

    def open(self, name: str) -> Listing:
        """The listing in use with this name, created when there is none."""
        return self.find(name) or self.create(name)

    def for_folder(self, folder: str | Path) -> Listing:
        """The listing made from this folder, or a new one named after it (a dropped folder)."""
        path = Path(folder).expanduser().resolve()
        with self.store.transaction() as db:
            row = db.execute("SELECT * FROM listings WHERE archived=0 AND folder=? ORDER BY id",
                             (str(path),)).fetchone()
        if row is not None:
            return _listing(row)
        return self.create(self.free_name(path.name), folder=path)

    def rename(self, listing_id: int, name: str) -> Listing:
        clean = self._check_name(name, allow=listing_id)
        self._set(listing_id, name=clean)
        return self.get(listing_id)

    def archive(self, listing_id: int, archived: bool = True) -> Listing:
        """Put a listing away (its photos and results stay), or bring it back."""
        listing = self.get(listing_id)
        if not archived and self.find(listing.name) is not None:
            raise InputError(Msg.LISTING_NAME_IN_USE(listing.name))
        self._set(listing_id, archived=int(archived))
        return self.get(listing_id)

    def _set(self, listing_id: int, **values: object) -> None:
        assignments = ", ".join(f"{k}=:{k}" for k in values)
        with self.store.transaction() as db:
            db.execute(f"UPDATE listings SET {assignments}, updated_at=:now WHERE id=:id",
                       {**values, "now": time.time(), "id": listing_id})

    def _check_name(self, name: str, allow: int | None = None) -> str:
        clean = " ".join(name.split())
        if not clean:
            raise InputError(Msg.LISTING_NEEDS_NAME())
        other = self.find(clean)
        if other is not None and other.id != allow:
            raise InputError(Msg.LISTING_EXISTS(clean))
        return clean

    def free_name(self, name: str) -> str:
        """``name``, or ``name (2)``, ``name (3)``... when a listing in use already has it."""
        clean = " ".join(name.split()) or DEFAULT_LISTING
        candidate, n = clean, 2
        while self.find(candidate) is not None:
            candidate, n = f"{clean} ({n})", n + 1
        return candidate

    # -- photos ----------------------------------------------------------------------------
    def photos(self, listing_id: int) -> list[Photo]:
        """The listing's photos in its order."""
        with self.store.transaction() as db:
            rows = db.execute("SELECT * FROM photos WHERE listing_id=? ORDER BY position, id",
                              (listing_id,)).fetchall()
        return [_photo(r) for r in rows]

    def photo(self, photo_id: int) -> Photo:
        with self.store.transaction() as db:
            row = db.execute("SELECT * FROM photos WHERE id=?", (photo_id,)).fetchone()
        if row is None:
            raise KeyError(f"no photo {photo_id}")
        return _photo(row)

    def add_photo(self, listing_id: int, source: str | Path) -> tuple[Photo, bool]:
        """File a photo into a listing; returns it and whether it is new. The same content added
        again (under any name) is the photo already there. A file that is not a photo SkyClear
        reads raises an InputError saying so."""
        text = str(source)
        if not text.startswith(("http://", "https://")):
            text = str(Path(text).expanduser().resolve())
            imaging.inspect_image(Path(text))
        return self._add(listing_id, text, content_key(text))

    def _add(self, listing_id: int, source: str, content: str) -> tuple[Photo, bool]:
        with self.store.transaction() as db:
            row = db.execute("SELECT * FROM photos WHERE listing_id=? AND content=?",
                             (listing_id, content)).fetchone()
            if row is not None:
                return _photo(row), False
            (last,) = db.execute("SELECT COALESCE(MAX(position), -1) FROM photos "
                                 "WHERE listing_id=?", (listing_id,)).fetchone()
            cur = db.execute("INSERT INTO photos (listing_id, content, source, position, "
                             "added_at) VALUES (?, ?, ?, ?, ?)",
                             (listing_id, content, source, last + 1, time.time()))
            new_id = int(cur.lastrowid or 0)
        return self.photo(new_id), True

    def file_job(self, photo_id: int, gen: Generation) -> None:
        """File a job (a root generation, with the variations that will follow it) under a
        photo: its results become the photo's versions."""
        root = gen.root_id or gen.id
        if root is None:
            raise ValueError("the generation is not in the store yet")
        with self.store.transaction() as db:
            db.execute("INSERT OR REPLACE INTO photo_jobs (root_id, photo_id) VALUES (?, ?)",
                       (root, photo_id))

    def photo_of(self, gen: Generation) -> Photo | None:
        """The photo a generation's job is filed under."""
        with self.store.transaction() as db:
            row = db.execute("SELECT photos.* FROM photos JOIN photo_jobs ON "
                             "photo_jobs.photo_id=photos.id WHERE photo_jobs.root_id=?",
                             (gen.root_id or gen.id,)).fetchone()
        return _photo(row) if row is not None else None

    def with_versions(self, listing_id: int) -> list[PhotoVersions]:
        """Every photo of a listing, in order, with its versions (a few queries, any size)."""
        photos = self.photos(listing_id)
        with self.store.transaction() as db:
            links = db.execute("SELECT photo_jobs.root_id, photo_jobs.photo_id FROM photo_jobs "
                               "JOIN photos ON photos.id=photo_jobs.photo_id "
                               "WHERE photos.listing_id=?", (listing_id,)).fetchall()
        families = self.store.families(r[0] for r in links)
        versions: dict[int, list[Generation]] = {p.id: [] for p in photos}
        for root_id, photo_id in links:
            versions[photo_id].extend(families[root_id])
        return [PhotoVersions(p, sorted(versions[p.id], key=lambda g: (g.created_at, g.id or 0)))
                for p in photos]

    def versions(self, photo_id: int) -> PhotoVersions:
        photo = self.photo(photo_id)
        [entry] = [e for e in self.with_versions(photo.listing_id) if e.photo.id == photo_id]
        return entry

    def keep(self, photo_id: int, gen_id: int, index: int = 0) -> None:
        """Keep one finished result of a photo (the one delivered with the listing)."""
        entry = self.versions(photo_id)
        gen = next((g for g in entry.versions if g.id == gen_id), None)
        if gen is None:
            raise InputError(Msg.RESULT_OTHER_PHOTO())
        if gen.status is not Status.DONE or not 0 <= index < len(gen.result_files):
            raise InputError(Msg.KEEP_NEEDS_FINISHED())
        with self.store.transaction() as db:
            db.execute("UPDATE photos SET kept_id=?, kept_index=? WHERE id=?",
                       (gen_id, index, photo_id))

    def unkeep(self, photo_id: int) -> None:
        with self.store.transaction() as db:
            db.execute("UPDATE photos SET kept_id=NULL, kept_index=0 WHERE id=?", (photo_id,))

    def move(self, photo_id: int, position: int) -> list[Photo]:
        """Put a photo at ``position`` (0-based, clamped) in its listing; the others follow."""
        photo = self.photo(photo_id)
        order = [p.id for p in self.photos(photo.listing_id) if p.id != photo_id]
        order.insert(max(0, min(position, len(order))), photo_id)
        self._renumber(order)
        return self.photos(photo.listing_id)

    def _renumber(self, order: Iterable[int]) -> None:
        with self.store.transaction() as db:
            db.executemany("UPDATE photos SET position=? WHERE id=?",
                           [(n, pid) for n, pid in enumerate(order)])

    def remove_photo(self, photo_id: int) -> list[Generation]:
        """Take a photo out of its listing and forget its jobs; returns the generations
        forgotten (their files on disk are left to the caller). The original is untouched."""
        photo = self.photo(photo_id)
        with self.store.transaction() as db:
            roots = [r[0] for r in db.execute("SELECT root_id FROM photo_jobs WHERE photo_id=?",
                                              (photo_id,))]
        gone = [g for root in roots for g in self.store.delete_project(root)]
        with self.store.transaction() as db:
            db.execute("DELETE FROM photo_jobs WHERE photo_id=?", (photo_id,))
            db.execute("DELETE FROM photos WHERE id=?", (photo_id,))
        self._renumber(p.id for p in self.photos(photo.listing_id))
        return gone

    # -- jobs from before listings ---------------------------------------------------------
    def file_unlisted(self) -> Listing | None:
        """File every job that is in no listing (made by a version of SkyClear without listings,
        or without naming one) into the default listing, one photo per file content. Returns
        that listing when something was filed. Reads the files, so it takes a moment."""
        with self.store.transaction() as db:
            rows = db.execute("SELECT id, source FROM generations WHERE id=root_id AND id NOT "
                              "IN (SELECT root_id FROM photo_jobs) ORDER BY created_at, id"
                              ).fetchall()
        if not rows:
            return None
        keys: dict[str, str] = {}
        for _, source in rows:
            if source not in keys:
                try:
                    keys[source] = content_key(source)
                except InputError:  # moved or deleted since: known by its old place
                    keys[source] = "missing:" + source
        listing = self.open(DEFAULT_LISTING)
        for root_id, source in rows:
            photo, _ = self._add(listing.id, source, keys[source])
            with self.store.transaction() as db:
                db.execute("INSERT OR IGNORE INTO photo_jobs (root_id, photo_id) VALUES (?, ?)",
                           (root_id, photo.id))
        return listing
