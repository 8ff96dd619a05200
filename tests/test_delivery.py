"""Delivering a listing: kept versions or originals, clean ordered names, sizes, byte caps, the
label, originals beside, and folders that already hold files."""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop_app.core import delivery
from desktop_app.core.delivery import DeliveryOptions, deliver, plan, slug
from desktop_app.core.errors import InputError
from desktop_app.core.listings import Listings, PhotoVersions
from desktop_app.core.messages import Msg
from desktop_app.core.models import Generation, Service, Status
from desktop_app.core.store import JobStore
from desktop_app.core.workers import Workers

DATA = Path(__file__).parent / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def noisy_photo(path: Path, size: tuple[int, int], seed: int = 0) -> Path:
    """A photo with sensor-like detail, so JPEG cannot squeeze it small."""
    rng = np.random.default_rng(seed)
    w, h = size
    base = np.linspace(40, 200, w, dtype=np.float32)[None, :, None] * np.ones((h, 1, 3))
    pixels = np.clip(base + rng.normal(0, 28, (h, w, 3)), 0, 255).astype(np.uint8)
    Image.fromarray(pixels).save(path, quality=95)
    return path


class Listing:
    """A real store holding one listing of the test photos; results are inverted copies."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.store = JobStore(tmp_path / "jobs.sqlite3")
        self.listings = Listings(self.store)
        self.listing = self.listings.create("12 Elm Street")
        folder = tmp_path / "originals"
        folder.mkdir()
        self.sources = [Path(shutil.copy(p, folder / p.name)) for p in sorted(DATA.glob("*.jpg"))]
        self.photos = [self.listings.add_photo(self.listing.id, p)[0] for p in self.sources]

    def edit(self, index: int, service: Service = Service.SKY) -> Generation:
        """A finished job for one photo, its result the photo with inverted colours."""
        photo = self.photos[index]
        gen = self.store.add(Generation(service=service, source=photo.source))
        self.listings.file_job(photo.id, gen)
        result = self.tmp / "results" / f"result-{gen.id}.jpg"
        result.parent.mkdir(exist_ok=True)
        with Image.open(photo.source) as im:
            Image.fromarray(255 - np.asarray(im.convert("RGB"))).save(result, quality=92)
        assert gen.id is not None
        return self.store.update(gen.id, status=Status.DONE, result_files=[str(result)])

    def keep(self, index: int) -> Generation:
        gen = self.edit(index)
        assert gen.id is not None
        self.listings.keep(self.photos[index].id, gen.id)
        return gen

    def entries(self) -> list[PhotoVersions]:
        return self.listings.with_versions(self.listing.id)


@pytest.fixture
def listing(tmp_path: Path) -> Listing:
    made = Listing(tmp_path)
    yield made
    made.store.close()


def test_names_are_clean_and_follow_the_listing_order() -> None:
    assert slug("Living Room (2).JPG") == "living-room-2"
    assert slug("Salle à manger.jpg") == "salle-a-manger"
    assert slug("___.jpg") == "photo"


def test_kept_versions_or_originals_in_order_at_the_preset_size(
        listing: Listing, tmp_path: Path) -> None:
    before = {p: digest(p) for p in listing.sources}
    listing.keep(1)
    listing.edit(2)  # tried but nothing kept: the original goes out
    listing.listings.move(listing.photos[4].id, 0)
    out = tmp_path / "delivery"
    options = DeliveryOptions(long_side=500, quality=85)
    report = deliver(listing.entries(), out, options)
    assert report.problems == [] and not report.cancelled
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == ["01-living-room-cluttered-01.jpg", "02-bedroom-window-blinds-drapes-01.jpg",
                     "03-dining-room-windows-blown-out-01.jpg",
                     "04-dining-room-windows-dark-bracket-01.jpg",
                     "05-kitchen-white-island-01.jpg"]
    assert [p.name for p in report.written] == names
    for path in report.written:
        with Image.open(path) as im:
            assert im.format == "JPEG" and max(im.size) == 500
    # the kept one is the result (inverted), the others the originals

    def mean(path: Path) -> float:
        with Image.open(path) as im:
            return float(np.asarray(im.convert("L")).mean())
    with Image.open(listing.sources[1]) as im:
        original_mean = float(np.asarray(im.convert("L")).mean())
    assert abs(mean(out / names[2]) - (255 - original_mean)) < 8
    assert abs(mean(out / names[1]) - (255 - original_mean)) > 20
    assert {p: digest(p) for p in listing.sources} == before  # originals untouched


def test_full_size_keeps_the_pixels_count(listing: Listing, tmp_path: Path) -> None:
    options = DeliveryOptions.from_preset("full")
    [first, *_] = deliver(listing.entries()[:1], tmp_path / "full", options).written
    with Image.open(first) as im, Image.open(listing.sources[0]) as src:
        assert im.size == src.size


def test_a_size_cap_is_met_by_lowering_quality_then_size(tmp_path: Path) -> None:
    made = Listing(tmp_path)
    big = noisy_photo(tmp_path / "originals" / "Great Room.jpg", (3000, 2000))
    photo, _ = made.listings.add_photo(made.listing.id, big)
    entries = [e for e in made.entries() if e.photo.id == photo.id]
    plain = delivery.render(big, DeliveryOptions(long_side=2048, quality=90), edited=False)
    assert len(plain) > 1_200_000  # the photo is far above the cap as it is
    options = DeliveryOptions(long_side=2048, quality=90, max_mb=0.5)
    [path] = deliver(entries, tmp_path / "capped", options).written
    assert path.name == "01-great-room.jpg" and path.stat().st_size <= 500_000
    with Image.open(path) as im:
        assert max(im.size) <= 2048
    tiny = DeliveryOptions(long_side=2048, quality=90, max_mb=0.05)
    [small] = deliver(entries, tmp_path / "tiny", tiny).written
    assert small.stat().st_size <= 50_000
    with Image.open(small) as im:
        assert max(im.size) < 2048  # quality alone could not do it: the photo got smaller
    made.store.close()


def test_label_and_original_beside_each_edited_photo(listing: Listing, tmp_path: Path) -> None:
    listing.keep(0)
    entries = listing.entries()[:2]
    plain = deliver(entries, tmp_path / "plain", DeliveryOptions(long_side=600)).written
    options = DeliveryOptions(long_side=600, label=True, originals=True)
    labelled = deliver(entries, tmp_path / "labelled", options).written
    assert [p.name for p in labelled] == ["01-bedroom-window-blinds-drapes-01.jpg",
                                          "01-bedroom-window-blinds-drapes-01-original.jpg",
                                          "02-dining-room-windows-blown-out-01.jpg"]
    a = np.asarray(Image.open(plain[0]).convert("L"), dtype=np.int16)
    b = np.asarray(Image.open(labelled[0]).convert("L"), dtype=np.int16)
    changed = np.abs(a - b) > 40
    ys, xs = np.nonzero(changed)
    assert changed.sum() > 200, "the label is drawn"
    assert xs.max() < a.shape[1] * 0.6 and ys.min() > a.shape[0] * 0.7, "bottom-left only"
    # the original beside it and the unedited photo carry no label
    for unlabelled, reference in ((labelled[1], listing.sources[0]), (labelled[2], plain[1])):
        with Image.open(reference) as ref:
            ref_small = ref.convert("L").resize(Image.open(unlabelled).size)
        diff = np.abs(np.asarray(Image.open(unlabelled).convert("L"), dtype=np.int16) -
                      np.asarray(ref_small, dtype=np.int16))
        assert np.percentile(diff, 99.9) < 40


def test_a_folder_with_other_files_of_those_names_is_refused(
        listing: Listing, tmp_path: Path) -> None:
    out = tmp_path / "Desktop"
    out.mkdir()
    (out / "todo.txt").write_text("call the seller")
    mine = out / "02-dining-room-windows-blown-out-01.jpg"
    mine.write_bytes(b"the agent's own file")
    with pytest.raises(InputError, match="already has a file named"):
        deliver(listing.entries(), out, DeliveryOptions(long_side=300))
    assert mine.read_bytes() == b"the agent's own file"
    assert sorted(p.name for p in out.iterdir()) == [mine.name, "todo.txt"]
    # delivering into the originals' own folder, where a planned name is an original's
    store = JobStore(tmp_path / "other.sqlite3")
    listings = Listings(store)
    elm = listings.create("Elm")
    kitchen = tmp_path / "shoot" / "kitchen.jpg"
    kitchen.parent.mkdir()
    shutil.copy(listing.sources[3], kitchen)
    named = kitchen.with_name("01-kitchen.jpg")  # another photo, named like a delivered file
    shutil.copy(listing.sources[4], named)
    listings.add_photo(elm.id, kitchen)
    listings.add_photo(elm.id, named)
    before = digest(named)
    with pytest.raises(InputError, match="one of your original photos"):
        deliver(listings.with_versions(elm.id), named.parent, DeliveryOptions(long_side=300))
    assert digest(named) == before
    store.close()


def test_delivering_again_replaces_the_earlier_delivery(listing: Listing, tmp_path: Path) -> None:
    out = tmp_path / "delivery"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    deliver(listing.entries(), out, DeliveryOptions(long_side=300))
    listing.listings.move(listing.photos[0].id, 4)
    listing.listings.remove_photo(listing.photos[1].id)
    report = deliver(listing.entries(), out, DeliveryOptions(long_side=300))
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == ["01-dining-room-windows-dark-bracket-01.jpg", "02-kitchen-white-island-01.jpg",
                     "03-living-room-cluttered-01.jpg", "04-bedroom-window-blinds-drapes-01.jpg",
                     "notes.txt"]
    assert len(report.written) == 4 and not [p for p in out.iterdir() if ".part" in p.name]


def test_a_damaged_result_is_reported_and_the_rest_delivered(
        listing: Listing, tmp_path: Path) -> None:
    gen = listing.keep(2)
    Path(gen.result_files[0]).write_bytes(b"\xff\xd8 not really")
    report = deliver(listing.entries(), tmp_path / "out", DeliveryOptions(long_side=300))
    assert len(report.written) == 4
    [problem] = report.problems
    assert problem.text.startswith("03-dining-room-windows-dark-bracket-01.jpg: ")
    assert "Traceback" not in problem.text


def test_progress_and_stop(listing: Listing, tmp_path: Path) -> None:
    stop = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 2:
            stop.set()

    report = deliver(listing.entries(), tmp_path / "out", DeliveryOptions(long_side=300),
                     on_progress=progress, stop=stop)
    assert report.cancelled and len(report.written) == 2 and seen == [(1, 5), (2, 5)]
    assert report.planned == 5, "what was to be written, for the sentence that says how far"


def test_presets_and_an_empty_listing(listing: Listing, tmp_path: Path) -> None:
    options = DeliveryOptions.from_preset("site-2048", label=True)
    assert (options.long_side, options.max_bytes, options.label) == (2048, 1_000_000, True)
    with pytest.raises(InputError, match="site-2048"):
        DeliveryOptions.from_preset("instagram")
    with pytest.raises(InputError, match="no photos"):
        deliver([], tmp_path / "out", options)
    files = plan(listing.entries(), tmp_path / "out", options)
    assert [f.number for f in files] == [1, 2, 3, 4, 5] and not any(f.edited for f in files)


def test_another_process_renders_the_same_files_and_a_damaged_photo_the_same_sentence(
        listing: Listing, tmp_path: Path) -> None:
    listing.keep(1)
    damaged = listing.keep(2)
    Path(damaged.result_files[0]).write_bytes(b"\xff\xd8 not really")
    options = DeliveryOptions(long_side=400, quality=80, label=True, originals=True)
    here = deliver(listing.entries(), tmp_path / "here", options)
    workers = Workers(1, stopped=Msg.DELIVERY_STOPPED)
    try:
        there = deliver(listing.entries(), tmp_path / "there", options, run=workers.run)
    finally:
        workers.close(wait=True)
    assert [p.name for p in there.written] == [p.name for p in here.written]
    assert [digest(p) for p in there.written] == [digest(p) for p in here.written]
    assert there.problems == here.problems and len(there.problems) == 1


def test_a_render_process_that_dies_ends_the_delivery_with_a_sentence(
        listing: Listing, tmp_path: Path) -> None:
    """Killed once the first file is written: that file stays, whole, and the delivery ends
    with the owner's sentence instead of blaming a photo."""
    import multiprocessing
    import os
    import signal

    workers = Workers(1, stopped=Msg.DELIVERY_STOPPED)

    def kill(done: int, total: int) -> None:
        if done == 1:
            [child] = multiprocessing.active_children()
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]

    try:
        report = deliver(listing.entries(), tmp_path / "out", DeliveryOptions(long_side=400),
                         on_progress=kill, run=workers.run)
        assert not multiprocessing.active_children(), "the dead worker is reaped, not left"
    finally:
        workers.close(wait=True)
    assert report.lost == Msg.DELIVERY_STOPPED() and not report.problems
    assert "export stopped unexpectedly" in report.lost.text
    [first] = (tmp_path / "out").glob("*.jpg")
    assert report.written == [first] and report.planned > 1
    with Image.open(first) as im:
        im.load()
