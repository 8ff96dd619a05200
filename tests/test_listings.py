"""Listings in the job store: photos by content, versions, the kept one, order, and stores
written before listings existed."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from desktop_app.core.errors import InputError
from desktop_app.core.listings import DEFAULT_LISTING, Listings, content_key
from desktop_app.core.models import Generation, Service, Status
from desktop_app.core.store import SCHEMA_VERSION, JobStore

DATA = Path(__file__).parent / "data"

# The job store exactly as the version before listings wrote it (schema version 1).
SCHEMA_BEFORE_LISTINGS = """
CREATE TABLE IF NOT EXISTS generations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    service TEXT NOT NULL,
    source TEXT NOT NULL,
    engine TEXT NOT NULL,
    status TEXT NOT NULL,
    root_id INTEGER,
    parent_id INTEGER REFERENCES generations(id),
    parent_remote_id TEXT,
    auto INTEGER NOT NULL DEFAULT 1,
    webhook TEXT,
    seed INTEGER,
    prepared_path TEXT,
    image_url TEXT,
    mask_path TEXT,
    mask_url TEXT,
    remote_id TEXT,
    project_id TEXT,
    variation_number INTEGER,
    result_urls TEXT NOT NULL DEFAULT '[]',
    result_files TEXT NOT NULL DEFAULT '[]',
    remaining_credits INTEGER,
    error TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    submitted_at REAL,
    finished_at REAL
);
CREATE INDEX IF NOT EXISTS generations_root ON generations(root_id);
CREATE INDEX IF NOT EXISTS generations_status ON generations(status);
"""


@pytest.fixture
def photos(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "12 Elm Street"
    folder.mkdir()
    out = {}
    for src in sorted(DATA.glob("*.jpg")):
        out[src.stem] = Path(shutil.copy(src, folder / src.name))
    return out


@pytest.fixture
def store(tmp_path: Path) -> JobStore:
    s = JobStore(tmp_path / "jobs.sqlite3")
    yield s
    s.close()


def done(store: JobStore, gen: Generation, files: list[str]) -> Generation:
    assert gen.id is not None
    return store.update(gen.id, status=Status.DONE, result_files=files)


def test_a_photo_is_its_content_so_adding_it_again_finds_it(
        store: JobStore, photos: dict[str, Path], tmp_path: Path) -> None:
    listings = Listings(store)
    elm = listings.create("12 Elm Street")
    first, new = listings.add_photo(elm.id, photos["kitchen-white-island-01"])
    assert new and first.name == "kitchen-white-island-01.jpg" and first.position == 0
    copy = tmp_path / "IMG_0042.jpg"  # the same bytes under another name
    shutil.copy(photos["kitchen-white-island-01"], copy)
    again, new = listings.add_photo(elm.id, copy)
    assert not new and again == first
    second, new = listings.add_photo(elm.id, photos["living-room-cluttered-01"])
    assert new and second.position == 1
    assert [p.id for p in listings.photos(elm.id)] == [first.id, second.id]
    # the same photo in another listing is another photo there
    oak = listings.create("4 Oak Lane")
    there, new = listings.add_photo(oak.id, copy)
    assert new and there.id != first.id
    with pytest.raises(InputError, match=r"gone\.jpg"):
        listings.add_photo(elm.id, tmp_path / "gone.jpg")


def test_listing_names_rename_and_archive(store: JobStore) -> None:
    listings = Listings(store)
    elm = listings.create("  12   Elm Street ")
    assert elm.name == "12 Elm Street" and listings.find("12 elm street") == elm
    with pytest.raises(InputError, match="already exists"):
        listings.create("12 ELM STREET")
    with pytest.raises(InputError, match="needs a name"):
        listings.rename(elm.id, "   ")
    assert listings.free_name("12 Elm Street") == "12 Elm Street (2)"
    renamed = listings.rename(elm.id, "12 Elm St")
    assert renamed.name == "12 Elm St" and listings.find("12 Elm Street") is None
    oak = listings.create("4 Oak Lane")
    listings.archive(elm.id)
    assert [x.id for x in listings.all()] == [oak.id]
    assert [x.id for x in listings.all(archived=True)] == [elm.id]
    assert listings.open("12 Elm St").id not in (elm.id, oak.id)  # archived: a new one
    with pytest.raises(InputError, match="already in use"):
        listings.archive(elm.id, archived=False)


def test_versions_keep_one_and_the_kept_result_must_be_finished(
        store: JobStore, photos: dict[str, Path], tmp_path: Path) -> None:
    listings = Listings(store)
    elm = listings.create("12 Elm Street")
    src = photos["dining-room-windows-blown-out-01"]
    photo, _ = listings.add_photo(elm.id, src)
    sky = store.add(Generation(service=Service.SKY, source=str(src)))
    listings.file_job(photo.id, sky)
    sky = done(store, sky, [str(tmp_path / "sky-1.jpg")])
    variation = store.add(Generation(service=Service.SKY, source=str(src), parent_id=sky.id))
    declutter = store.add(Generation(service=Service.DECLUTTER, source=str(src)))
    listings.file_job(photo.id, declutter)
    entry = listings.versions(photo.id)
    assert [g.id for g in entry.versions] == [sky.id, variation.id, declutter.id]
    assert listings.photo_of(variation) == photo
    assert entry.kept is None and entry.kept_file is None

    with pytest.raises(InputError, match="Only a finished result"):
        listings.keep(photo.id, variation.id)
    other, _ = listings.add_photo(elm.id, photos["kitchen-white-island-01"])
    with pytest.raises(InputError, match="another photo"):
        listings.keep(other.id, sky.id)

    variation = done(store, variation, [str(tmp_path / "sky-2a.jpg"), str(tmp_path / "b.jpg")])
    listings.keep(photo.id, variation.id, 1)
    entry = listings.versions(photo.id)
    assert entry.kept == variation and entry.kept_file == str(tmp_path / "b.jpg")
    listings.unkeep(photo.id)
    assert listings.versions(photo.id).kept is None

    # a kept job that is forgotten is simply not kept any more
    listings.keep(photo.id, sky.id)
    store.delete_project(sky.id)
    entry = listings.versions(photo.id)
    assert entry.kept is None and [g.id for g in entry.versions] == [declutter.id]


def test_reorder_and_remove(store: JobStore, photos: dict[str, Path]) -> None:
    listings = Listings(store)
    elm = listings.create("12 Elm Street")
    ids = [listings.add_photo(elm.id, p)[0].id for p in photos.values()]
    assert len(ids) == 5
    order = [p.id for p in listings.move(ids[4], 0)]
    assert order == [ids[4], *ids[:4]]
    order = [p.id for p in listings.move(ids[4], 99)]
    assert order == ids
    order = [p.id for p in listings.move(ids[0], 2)]
    assert order == [ids[1], ids[2], ids[0], ids[3], ids[4]]
    assert [p.position for p in listings.photos(elm.id)] == [0, 1, 2, 3, 4]

    gen = store.add(Generation(service=Service.SKY, source=str(photos["kitchen-white-island-01"])))
    listings.file_job(ids[0], gen)
    gone = listings.remove_photo(ids[0])
    assert [g.id for g in gone] == [gen.id]
    assert [p.id for p in listings.photos(elm.id)] == [ids[1], ids[2], ids[3], ids[4]]
    assert [p.position for p in listings.photos(elm.id)] == [0, 1, 2, 3]
    with pytest.raises(KeyError):
        store.get(gen.id)  # type: ignore[arg-type]
    assert listings.file_unlisted() is None  # nothing left behind to re-file


def _write_store_before_listings(path: Path, photos: dict[str, Path], tmp_path: Path
                                 ) -> dict[str, int]:
    """A store as the version before listings left it: jobs in every state, with results,
    masks, variations, a photo done twice, a URL, a photo deleted since."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_BEFORE_LISTINGS)
    db.execute("PRAGMA user_version=1")
    results = tmp_path / "library" / "results"
    results.mkdir(parents=True)
    ids: dict[str, int] = {}
    now = time.time() - 3600
    sources = list(photos.values())
    gone = tmp_path / "deleted-since.jpg"
    for n, status in enumerate(Status):
        source = str(sources[n % len(sources)])
        if status is Status.CANCELLED:
            source = "https://example.com/photos/porch.jpg"
        if status is Status.ERROR:
            source = str(gone)
        files: list[str] = []
        if status is Status.DONE:
            result = results / f"result-{n}.jpg"
            shutil.copy(sources[0], result)
            files = [str(result)]
        mask = tmp_path / "library" / "masks" / f"mask-{n}.png"
        mask.parent.mkdir(parents=True, exist_ok=True)
        mask.write_bytes(b"mask")
        service = "declutter" if n % 2 else "sky"
        cur = db.execute(
            "INSERT INTO generations (service, source, engine, status, auto, mask_path, "
            "remote_id, result_files, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (service, source, "local" if n % 3 else "cloud", status.value, 0, str(mask),
             f"remote-{n}" if status.remote or status is Status.DONE else None,
             f'["{files[0]}"]' if files else "[]", now + n, now + n))
        gen_id = int(cur.lastrowid or 0)
        db.execute("UPDATE generations SET root_id=? WHERE id=?", (gen_id, gen_id))
        ids[status.value] = gen_id
    parent = ids[Status.DONE.value]
    cur = db.execute(
        "INSERT INTO generations (service, source, engine, status, root_id, parent_id, "
        "created_at, updated_at) SELECT service, source, engine, 'PROCESSING', id, id, ?, ? "
        "FROM generations WHERE id=?", (now + 100, now + 100, parent))
    ids["variation"] = int(cur.lastrowid or 0)
    db.commit()
    db.close()
    return ids


def test_a_store_from_before_listings_opens_with_every_job_in_one_listing(
        tmp_path: Path, photos: dict[str, Path]) -> None:
    path = tmp_path / "jobs.sqlite3"
    ids = _write_store_before_listings(path, photos, tmp_path)
    before = sqlite3.connect(path)
    rows_before = before.execute("SELECT * FROM generations ORDER BY id").fetchall()
    before.close()

    store = JobStore(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    listings = Listings(store)
    filed = listings.file_unlisted()
    assert filed is not None and filed.name == DEFAULT_LISTING
    assert [x.id for x in listings.all()] == [filed.id]

    entries = listings.with_versions(filed.id)
    found = {g.id: g for e in entries for g in e.versions}
    assert set(found) == set(ids.values()) and len(found) == len(rows_before)
    for status in Status:  # every state, with its files and masks, as it was
        gen = found[ids[status.value]]
        assert gen.status is status
        assert gen.mask_path and Path(gen.mask_path).read_bytes() == b"mask"
    kept_result = found[ids[Status.DONE.value]].result_files
    assert len(kept_result) == 1 and Path(kept_result[0]).is_file()
    assert found[ids["variation"]].parent_id == ids[Status.DONE.value]
    # one row per photo: five files plus a URL and a file deleted since
    assert len(entries) == 7
    by_source = {e.photo.source: e for e in entries}
    assert by_source["https://example.com/photos/porch.jpg"].photo.content.startswith("url:")
    assert by_source[str(tmp_path / "deleted-since.jpg")].photo.content.startswith("missing:")
    first = by_source[str(photos["bedroom-window-blinds-drapes-01"])]
    assert first.photo.content == content_key(photos["bedroom-window-blinds-drapes-01"])
    assert len({g.root_id for g in first.versions}) > 1  # done twice: still one photo
    assert [e.photo.position for e in entries] == list(range(7))

    # adding one of those files again finds its photo; the store keeps working as before
    again, new = listings.add_photo(filed.id, photos["kitchen-white-island-01"])
    assert not new and again.source == str(photos["kitchen-white-island-01"])
    store.close()

    reopened = JobStore(path)  # a second start migrates and files nothing twice
    relisted = Listings(reopened)
    assert relisted.file_unlisted() is None
    assert len(relisted.with_versions(filed.id)) == 7
    assert len(reopened.all()) == len(rows_before)
    reopened.close()


def test_a_new_store_is_at_the_latest_version_and_a_half_migrated_one_finishes(
        tmp_path: Path) -> None:
    fresh = JobStore(tmp_path / "fresh.sqlite3")
    fresh.close()
    db = sqlite3.connect(tmp_path / "fresh.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"generations", "listings", "photos", "photo_jobs"} <= tables
    db.close()

    old = tmp_path / "old.sqlite3"  # version 1, as a crash before step 2 would leave it
    db = sqlite3.connect(old)
    db.executescript(SCHEMA_BEFORE_LISTINGS)
    db.execute("PRAGMA user_version=1")
    db.close()
    store = JobStore(old)
    assert Listings(store).all() == []
    store.close()


def test_jobs_made_without_a_listing_are_filed_into_the_default_one(
        store: JobStore, photos: dict[str, Path]) -> None:
    listings = Listings(store)
    elm = listings.create("12 Elm Street")
    src = photos["kitchen-white-island-01"]
    photo, _ = listings.add_photo(elm.id, src)
    listed = store.add(Generation(service=Service.SKY, source=str(src)))
    listings.file_job(photo.id, listed)
    loose = store.add(Generation(service=Service.SKY, source=str(src)))
    mine = listings.file_unlisted()
    assert mine is not None and mine.name == DEFAULT_LISTING
    [entry] = listings.with_versions(mine.id)
    assert [g.id for g in entry.versions] == [loose.id]
    assert [g.id for g in listings.versions(photo.id).versions] == [listed.id]


def test_a_folder_makes_a_listing_named_after_it_once(
        store: JobStore, photos: dict[str, Path], tmp_path: Path) -> None:
    listings = Listings(store)
    folder = photos["kitchen-white-island-01"].parent
    elm = listings.for_folder(folder)
    assert elm.name == "12 Elm Street" and elm.folder == str(folder)
    assert listings.for_folder(folder) == elm  # dropped again: the same listing
    other = tmp_path / "elsewhere" / "12 Elm Street"
    other.mkdir(parents=True)
    assert listings.for_folder(other).name == "12 Elm Street (2)"
    not_a_photo = folder / "notes.jpg"
    not_a_photo.write_text("call the seller")
    with pytest.raises(InputError, match=r"notes\.jpg"):
        listings.add_photo(elm.id, not_a_photo)
    assert listings.photos(elm.id) == []
