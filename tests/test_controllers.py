"""Each of the window's controllers on its own, its questions answered by a fake prompt, on a
real workspace (SQLite store, real engines); no main window."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget
from test_window_helpers import (
    CLUTTER_PHOTO,
    OTHER_PHOTO,
    SKY_PHOTO,
    FakePrompt,
    cloud_settings,
    make_workspace,
)

from desktop_app.core.listings import Listings
from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.core.settings import Settings
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs.poller import Poller
from desktop_app.ui.account_controller import AccountController
from desktop_app.ui.banner import Banner
from desktop_app.ui.compare_panel import ComparePanel
from desktop_app.ui.export_progress import ExportProgress
from desktop_app.ui.generation_controller import GenerationController
from desktop_app.ui.library import LibraryModel, LibraryView
from desktop_app.ui.library_controller import LibraryController
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.listing_controller import ListingController
from desktop_app.ui.preview_controller import MAX_CACHED_IMAGES, PreviewController
from desktop_app.ui.results_controller import ResultsController
from desktop_app.ui.service_panel import ServicePanel
from desktop_app.ui.sky_review import SkyReview
from desktop_app.ui.window_layout import StatusLabels


class FakeShell:
    """Records what the controllers tell the user."""

    def __init__(self) -> None:
        self.banners: list[tuple[str, str, list[str]]] = []
        self.statuses: list[str] = []
        self.errors: list[BaseException] = []
        self.settings_opened = 0

    def show_banner(self, text: str, kind: str = "error", action: Any = None,
                    context: object = None, actions: Any = None) -> None:
        buttons = [label for label, _ in ([action] if action else []) + (actions or [])]
        self.banners.append((text, kind, buttons))

    def show_status(self, text: str, msecs: int = 4000) -> None:
        self.statuses.append(text)

    def show_error(self, error: BaseException) -> None:
        self.errors.append(error)

    def open_settings(self) -> None:
        self.settings_opened += 1


class Parts:
    """The pieces a controller is built from, closed at the end of the test."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.host = QWidget()
        self.shell = FakeShell()
        self.prompt = FakePrompt()
        self.panel = ServicePanel(self.host)
        self.banner = Banner(self.host)
        self.labels = StatusLabels(QLabel(self.host), QLabel(self.host), QLabel(self.host),
                                   ExportProgress(self.host))
        self.poller = Poller(ws.pipeline, parent=self.host)
        self.account = AccountController(ws, self.panel, self.labels, self.banner, self.shell,
                                         self.prompt, self.host)
        self.closers: list[Any] = [self.account]

    def generation(self) -> GenerationController:
        part = GenerationController(self.ws, self.poller, self.account, self.shell, self.prompt,
                                    self.banner, self.host)
        self.closers.append(part)
        return part

    def close(self) -> None:
        for part in self.closers:
            part.close()
        self.poller.stop(10_000)
        self.ws.close()


@pytest.fixture
def parts(qtbot: Any) -> Iterator[Parts]:
    made: list[Parts] = []

    def make(settings: Settings) -> Parts:
        p = Parts(make_workspace(settings))
        qtbot.addWidget(p.host)
        made.append(p)
        return p

    yield make  # type: ignore[misc]
    for p in made:
        p.close()


def draft(path: Path) -> LibraryEntry:
    return LibraryEntry(source=str(path.resolve()))


# -- generation ---------------------------------------------------------------------------
def test_cloud_without_host_offers_settings_and_sends_nothing(
        parts: Any, iacrea_server: Any, put_server: Any) -> None:
    p = parts(cloud_settings(iacrea_server, put_server, host_kind="none"))
    p.generation().generate([draft(SKY_PHOTO)], EngineName.CLOUD, Service.SKY, auto=True)
    [error] = p.shell.errors
    assert "image host" in str(error) and error.fix_in_settings  # the window offers Settings
    assert p.prompt.asked == [] and p.ws.store.all() == []


def test_a_refused_spend_sends_nothing(qtbot: Any, parts: Any, iacrea_server: Any,
                                       put_server: Any) -> None:
    iacrea_server.credits = 1
    p = parts(cloud_settings(iacrea_server, put_server))
    p.account.set_credits(p.ws.pipeline.credits(EngineName.CLOUD), EngineName.CLOUD)
    p.prompt.confirm_answer = False
    p.generation().generate([draft(SKY_PHOTO), draft(OTHER_PHOTO)], EngineName.CLOUD,
                            Service.SKY, auto=True)
    [question] = p.prompt.asked
    assert question.startswith("confirm:You have 1 photo credit but selected 2 photos")
    assert p.ws.store.all() == [] and iacrea_server.calls_to("sky_interior/generate") == []


def test_local_declutter_asks_each_mask_and_a_cancel_stops_the_batch(parts: Any) -> None:
    p = parts(Settings(engine="local"))
    p.prompt.mask = None  # the user closes the editor
    p.generation().generate([draft(CLUTTER_PHOTO), draft(OTHER_PHOTO)], EngineName.LOCAL,
                            Service.DECLUTTER, auto=False)
    assert p.prompt.asked == [f"mask:{CLUTTER_PHOTO.resolve()}"]
    assert p.shell.statuses == ["Generate cancelled: no mask painted."]
    assert p.ws.store.all() == []


def test_local_sky_skipping_every_photo_sends_nothing(parts: Any) -> None:
    p = parts(Settings(engine="local"))
    p.prompt.sky_review = SkyReview(None, skip=True)
    p.generation().generate([draft(SKY_PHOTO), draft(OTHER_PHOTO)], EngineName.LOCAL,
                            Service.SKY, auto=False)
    assert p.prompt.asked == [f"sky:{SKY_PHOTO.resolve()}", f"sky:{OTHER_PHOTO.resolve()}"]
    assert p.shell.statuses == ["Nothing to do: every photo was skipped."]


def test_a_reviewed_sky_creates_the_generation_and_follows_it(qtbot: Any, parts: Any) -> None:
    p = parts(Settings(engine="local"))
    p.prompt.sky_review = SkyReview(None, seed=7)
    part = p.generation()
    with qtbot.waitSignal(part.created, timeout=30_000) as created:
        part.generate([draft(SKY_PHOTO)], EngineName.LOCAL, Service.SKY, auto=False)
    key, gen = created.args
    assert key == f"draft:{SKY_PHOTO.resolve()}" and isinstance(gen, Generation)
    assert gen.seed == 7 and gen.id in p.poller.tracked()
    # nothing is sent anywhere: the job starts on this computer
    assert p.shell.statuses == ["Starting 1 photo on this computer…"]


def test_the_darker_shot_chosen_in_the_review_goes_with_the_job(qtbot: Any, parts: Any) -> None:
    dark = Path(__file__).parent / "data" / "dining-room-windows-dark-bracket-01.jpg"
    p = parts(Settings(engine="local"))
    p.prompt.sky_review = SkyReview(None, seed=7, dark_frame=str(dark))
    part = p.generation()
    with qtbot.waitSignal(part.created, timeout=30_000) as created:
        part.generate([draft(SKY_PHOTO)], EngineName.LOCAL, Service.SKY, auto=False)
    _key, gen = created.args
    assert gen.dark_frame and Path(gen.dark_frame).is_file()  # the library's copy of it
    assert Path(gen.dark_frame).parent != dark.parent


def test_a_job_is_filed_under_its_photo_before_the_window_hears_of_it(
        qtbot: Any, parts: Any) -> None:
    p = parts(Settings(engine="local"))
    listings = Listings(p.ws.store)
    photo, _ = listings.add_photo(listings.open("Rue des Lilas").id, str(SKY_PHOTO.resolve()))
    p.prompt.sky_review = SkyReview(None, seed=7)
    part = p.generation()
    entry = LibraryEntry(source=photo.source, photo_id=photo.id)
    with qtbot.waitSignal(part.created, timeout=30_000) as created:
        part.generate([entry], EngineName.LOCAL, Service.SKY, auto=False)
    key, gen = created.args
    filed = listings.photo_of(gen)  # filed by the worker that made the job, not the GUI thread
    assert key == entry.key and filed is not None and filed.id == photo.id


# -- account ------------------------------------------------------------------------------
def test_account_names_what_to_fix_before_any_cloud_request(parts: Any) -> None:
    p = parts(Settings(engine="local"))
    problem = p.account.cloud_problem()
    assert problem is not None and problem.fix_in_settings and "API key" in str(problem)
    assert p.account.confirm_spend(3), "no balance known: nothing to warn about"
    assert p.prompt.asked == []


# -- library ------------------------------------------------------------------------------
def test_library_adds_chosen_photos_and_asks_before_removing_projects(
        qtbot: Any, parts: Any) -> None:
    p = parts(Settings(engine="local"))
    model = LibraryModel(p.host)
    view = LibraryView(p.host)
    view.setModel(model)
    count = QLabel(p.host)
    listing = ListingController(p.ws, p.shell, p.prompt, p.labels, p.host)
    part = LibraryController(p.ws, model, view, count, p.poller, listing, p.shell, p.prompt,
                             p.host)
    p.closers += [part, listing]
    p.prompt.open_files = [str(SKY_PHOTO), str(OTHER_PHOTO)]
    with qtbot.waitSignal(listing.photosAdded, timeout=60_000):
        part.open_photos()
    assert count.text() == "2 photos" and len(view.selected_entries()) == 2
    [sky] = [e for e in model.entries() if e.source == str(SKY_PHOTO.resolve())]
    gen = p.ws.pipeline.new_generation(SKY_PHOTO.resolve(), Service.SKY, EngineName.LOCAL)
    listing.listings.file_job(sky.photo_id, gen)  # as the generation controller does
    part.place_generation(sky.key, gen)
    assert model.entry(model.row_of(sky.key)).family == [gen]
    view.selectAll()
    p.prompt.confirm_answer = False
    part.remove_selected()
    assert model.rowCount() == 2 and p.ws.store.all() != [], "refused: nothing removed"
    p.prompt.confirm_answer = True
    part.remove_selected()
    assert model.rowCount() == 0 and p.ws.store.all() == [] and count.text() == "No photos"


def test_photos_added_are_selected_in_one_step(qtbot: Any, parts: Any, tmp_path: Path) -> None:
    """The window answers every change of the selection (actions, panel, preview): six photos
    added to an empty listing change it once (the new photos, all at once), not once a photo."""
    p = parts(Settings(engine="local"))
    model = LibraryModel(p.host)
    view = LibraryView(p.host)
    view.setModel(model)
    listing = ListingController(p.ws, p.shell, p.prompt, p.labels, p.host)
    part = LibraryController(p.ws, model, view, QLabel(p.host), p.poller, listing, p.shell,
                             p.prompt, p.host)
    p.closers += [part, listing]
    photos = []
    for n in range(6):
        photos.append(tmp_path / f"room-{n}.jpg")
        Image.new("RGB", (64, 48), (40 * n, 90, 200 - 30 * n)).save(photos[-1])
    changes: list[int] = []
    view.selectionModel().selectionChanged.connect(lambda *_: changes.append(1))
    with qtbot.waitSignal(listing.photosAdded, timeout=60_000):
        part.add_photos([str(f) for f in photos])
    qtbot.waitUntil(lambda: len(view.selected_entries()) == 6, timeout=10_000)
    assert len(changes) == 1
    assert view.current_entry() is not None


# -- listing ------------------------------------------------------------------------------
def kept_listing(p: Parts, tmp_path: Path) -> ListingController:
    """A listing controller whose listing has three photos, each with a kept result."""
    listing = ListingController(p.ws, p.shell, p.prompt, p.labels, p.host)
    p.closers.append(listing)
    for n, photo_file in enumerate((SKY_PHOTO, OTHER_PHOTO, CLUTTER_PHOTO)):
        photo, _ = listing.listings.add_photo(listing.current_id, str(photo_file))
        gen = p.ws.store.add(Generation(service=Service.SKY, source=photo.source))
        listing.listings.file_job(photo.id, gen)
        result = tmp_path / f"result-{n}.jpg"
        with Image.open(photo_file) as im:
            im.convert("L").convert("RGB").save(result)
        p.ws.store.update(gen.id, status=Status.DONE, result_files=[str(result)])
        listing.listings.keep(photo.id, gen.id)
    return listing


def export_with_sheet(listing: ListingController, folder: Path) -> None:
    from desktop_app.core.delivery import DeliveryOptions
    from desktop_app.ui.listing_controller import ExportChoice

    listing.export(ExportChoice(str(folder), DeliveryOptions(long_side=400), sheet=True))


def test_a_stop_during_the_sheet_keeps_the_photos_and_writes_no_sheet(
        qtbot: Any, parts: Any, tmp_path: Path) -> None:
    """The sheet's pages are counted in the export's progress; a stop between two of them ends the
    export as stopped, the photos written, no sheet (nor a piece of one) left."""
    p = parts(Settings(engine="local"))
    listing = kept_listing(p, tmp_path)
    pages: list[tuple[int, int]] = []

    def page_done(done: int, total: int) -> None:
        pages.append((done, total))
        listing.stop_export()  # the user stops after the first page

    # on the export's thread, so the stop is set before the next page whatever the timing
    listing.sheetProgress.connect(page_done, Qt.ConnectionType.DirectConnection)
    out = tmp_path / "delivery"
    with qtbot.waitSignal(listing.exported, timeout=120_000) as done:
        export_with_sheet(listing, out)
    result = done.args[0]
    assert pages == [(1, 3)]
    assert p.labels.export.label.text() == "Before/after sheet: page 1 of 3…"
    assert result.report.cancelled and result.sheet is None
    assert sorted(f.name for f in out.iterdir() if not f.name.startswith(".skyclear")) == \
        [path.name for path in result.report.written] and len(result.report.written) == 3
    assert p.shell.banners[-1][:2] == (
        f"Export stopped while the before/after sheet was drawn: 3 files written to {out}, "
        "complete and kept; no sheet was written.", "warning")
    assert p.shell.statuses[-1] == "Export stopped.", "not 'finished'"


def test_a_render_process_killed_during_the_sheet_says_the_photos_are_there(
        qtbot: Any, parts: Any, tmp_path: Path) -> None:
    """The real worker process is killed once the sheet's first page is drawn: the banner says
    the photos were exported and why the sheet was not; no piece of a sheet is left."""
    import multiprocessing
    import os
    import signal

    p = parts(Settings(engine="local"))
    listing = kept_listing(p, tmp_path)
    killed: list[int] = []

    def page_done(done: int, total: int) -> None:
        if done == 1:
            [child] = multiprocessing.active_children()
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
            killed.append(child.pid)  # type: ignore[arg-type]

    listing.sheetProgress.connect(page_done, Qt.ConnectionType.DirectConnection)
    out = tmp_path / "delivery"
    with qtbot.waitSignal(listing.exported, timeout=120_000) as done:
        export_with_sheet(listing, out)
    result = done.args[0]
    assert killed and result.sheet is None and p.shell.errors == []
    assert len(result.report.written) == 3 and all(f.is_file() for f in result.report.written)
    assert not [f for f in out.iterdir() if "before-after" in f.name], "no sheet, no piece"
    assert p.shell.banners[-1][:2] == (
        f"3 photos exported to {out}. The before/after sheet could not be saved there (drawing "
        "it stopped unexpectedly, perhaps for lack of memory); the photos are complete, export "
        "again to make the sheet.", "error")
    assert not multiprocessing.active_children(), "the export's process ended with it"


def test_a_render_process_killed_during_the_photos_says_how_many_were_written(
        qtbot: Any, parts: Any, tmp_path: Path) -> None:
    """The real worker process is killed once the first photo is written: the banner says how
    many of the photos are there, whole, and no sheet is started."""
    import multiprocessing
    import os
    import signal

    p = parts(Settings(engine="local"))
    listing = kept_listing(p, tmp_path)
    killed: list[int] = []
    pages: list[int] = []

    def file_done(done: int, total: int) -> None:
        if done == 1:
            [child] = multiprocessing.active_children()
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
            killed.append(child.pid)  # type: ignore[arg-type]

    listing.exportProgress.connect(file_done, Qt.ConnectionType.DirectConnection)
    listing.sheetProgress.connect(lambda done, total: pages.append(done))
    out = tmp_path / "delivery"
    with qtbot.waitSignal(listing.exported, timeout=120_000) as done:
        export_with_sheet(listing, out)
    result = done.args[0]
    assert killed and p.shell.errors == [] and pages == [] and result.sheet is None
    [written] = result.report.written
    with Image.open(written) as im:
        im.load()  # whole
    assert sorted(f.name for f in out.iterdir() if not f.name.startswith(".skyclear")) == \
        [written.name]
    assert p.shell.banners[-1][:2] == (
        f"The export stopped unexpectedly, perhaps for lack of memory: 1 of 3 files was "
        f"written to {out}, complete and kept. Close other programs and export again.", "error")
    assert p.shell.statuses[-1] == "Export stopped."
    assert not multiprocessing.active_children(), "the export's process ended with it"


# -- preview ------------------------------------------------------------------------------
def test_an_unreadable_photo_never_leaves_the_previous_one_on_screen(
        qtbot: Any, parts: Any, tmp_path: Path) -> None:
    p = parts(Settings(engine="local"))
    compare = ComparePanel(p.host)
    part = PreviewController(compare, p.shell, p.host)
    p.closers.append(part)
    with qtbot.waitSignal(part.previewShown, timeout=60_000):
        part.show_entry(draft(SKY_PHOTO))
    assert compare.view.has_content()
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 not really a jpeg")
    part.show_entry(draft(broken))
    qtbot.waitUntil(lambda: bool(p.shell.banners), timeout=60_000)
    assert not compare.view.has_content(), "the previous photo is gone"
    assert "broken.jpg" in p.shell.banners[0][0]


def test_the_preview_is_decoded_at_the_viewers_size_then_the_whole_photo_follows(
        qtbot: Any, parts: Any) -> None:
    p = parts(Settings(engine="local"))
    compare = ComparePanel(p.host)
    compare.resize(720, 560)
    compare.show()
    qtbot.waitExposed(compare)
    part = PreviewController(compare, p.shell, p.host)
    p.closers.append(part)
    view = compare.view
    shown_side = max(view.width(), view.height()) * view.devicePixelRatioF()
    sizes: list[tuple[int, int]] = []
    part.previewShown.connect(lambda _path: sizes.append(
        (view.before_image().width(), view.before_image().height())))
    part.show_entry(draft(SKY_PHOTO))
    qtbot.waitUntil(lambda: len(sizes) == 2, timeout=60_000)
    with Image.open(SKY_PHOTO) as photo:
        whole = photo.size
    first, then = sizes
    assert max(first) <= max(640, shown_side) < max(whole), "a preview no larger than shown"
    assert then == whole, "then the whole photo"


def test_the_cannot_show_banner_goes_once_a_photo_is_on_screen(
        qtbot: Any, parts: Any, tmp_path: Path) -> None:
    p = parts(Settings(engine="local"))
    compare = ComparePanel(p.host)
    p.shell.show_banner = compare.banner.show_message  # the window's banner, for real
    part = PreviewController(compare, p.shell, p.host)
    p.closers.append(part)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 not really a jpeg")
    part.show_entry(draft(broken))
    qtbot.waitUntil(lambda: compare.banner.text() != "", timeout=10_000)
    with qtbot.waitSignal(part.previewShown, timeout=10_000):
        part.show_entry(draft(SKY_PHOTO))
    assert compare.banner.isHidden() and compare.view.has_content()


def test_images_dropped_from_the_cache_are_freed_off_the_gui_thread(
        qtbot: Any, parts: Any) -> None:
    p = parts(Settings(engine="local"))
    part = PreviewController(ComparePanel(p.host), p.shell, p.host)
    p.closers.append(part)
    freed_on: list[int] = []
    first = QImage(64, 48, QImage.Format.Format_RGB32)
    weakref.finalize(first, lambda: freed_on.append(threading.get_ident()))
    part._remember(("first.jpg", None), (first, None))
    del first
    for n in range(MAX_CACHED_IMAGES):  # the first one is the oldest: it goes
        part._remember((f"later-{n}.jpg", None),
                       (QImage(64, 48, QImage.Format.Format_RGB32), None))
    qtbot.waitUntil(lambda: bool(freed_on), timeout=10_000)
    assert freed_on != [threading.get_ident()]


# -- results ------------------------------------------------------------------------------
def test_going_back_to_the_pair_on_screen_drops_a_load_still_on_its_way(
        qtbot: Any, parts: Any) -> None:
    p = parts(Settings(engine="local"))
    compare = ComparePanel(p.host)
    part = PreviewController(compare, p.shell, p.host)
    p.closers.append(part)
    first = Generation(service=Service.SKY, source=str(SKY_PHOTO), id=1, root_id=1,
                       status=Status.DONE, result_files=[str(OTHER_PHOTO)])
    second = Generation(service=Service.SKY, source=str(SKY_PHOTO), id=2, root_id=1,
                        parent_id=1, status=Status.DONE, result_files=[str(CLUTTER_PHOTO)])
    entry = LibraryEntry(source=str(SKY_PHOTO), family=[first, second], photo_id=1)
    with qtbot.waitSignal(part.resultShown, timeout=10_000):
        part.show_entry(entry, prefer_after="1:0")
    qtbot.waitUntil(lambda: part.tasks.pending() == 0, timeout=10_000)  # full size too
    compare.choose(after="2:0")  # the variation starts loading...
    compare.choose(after="1:0")  # ...and the user is back on the result already shown
    part.tasks.wait()
    qtbot.waitUntil(lambda: part.tasks.pending() == 0, timeout=10_000)
    assert compare.view.labels() == ("Original", "Result"), "what the combos say is shown"


def results_part(p: Parts, result: Path) -> tuple[ResultsController, LibraryEntry]:
    """Save as's controller, and a photo whose one result is ``result`` (made here, 400x300)."""
    Image.new("RGB", (400, 300), (10, 120, 200)).save(result)
    gen = Generation(Service.SKY, str(SKY_PHOTO), engine=EngineName.LOCAL,
                     status=Status.DONE, result_files=[str(result)], id=5, root_id=5)
    part = ResultsController(p.ws, p.shell, p.prompt, p.host)
    p.closers.append(part)
    return part, LibraryEntry(gen.source, [gen])


def test_save_as_suggests_the_shared_name_and_a_cancel_writes_nothing(
        parts: Any, tmp_path: Path) -> None:
    from desktop_app.ui.compare_panel import CompareChoice

    p = parts(Settings(engine="local"))
    result = tmp_path / "r.jpg"
    part, entry = results_part(p, result)
    part.save_as(entry, CompareChoice("5:0", "Result", str(result)))
    [asked] = p.prompt.asked
    assert asked.endswith(f"{SKY_PHOTO.stem}-sky-result.jpg")
    assert p.shell.statuses == [] and p.shell.errors == []


def test_save_as_writes_in_a_worker_process_and_refuses_the_original_there_too(
        qtbot: Any, parts: Any, tmp_path: Path) -> None:
    """Decoding a full-size result in the window's process held its interpreter lock: the file
    is written by the local engine's worker process, and its refusal to overwrite the user's
    original still arrives as the sentence."""
    from desktop_app.core.errors import InputError
    from desktop_app.ui.compare_panel import CompareChoice

    p = parts(Settings(engine="local"))
    result = tmp_path / "r.jpg"
    part, entry = results_part(p, result)
    assert not p.ws.engines.local_workers().pids()
    p.prompt.save_path = str(tmp_path / "out" / "saved.jpg")
    (tmp_path / "out").mkdir()
    part.save_as(entry, CompareChoice("5:0", "Result", str(result)))
    qtbot.waitUntil(lambda: bool(p.shell.statuses or p.shell.errors), timeout=60_000)
    assert p.shell.errors == []
    with Image.open(tmp_path / "out" / "saved.jpg") as saved:
        assert saved.size == (400, 300)
    assert p.ws.engines.local_workers().pids(), "written by a worker process"

    original = SKY_PHOTO.read_bytes()
    p.prompt.save_path = str(SKY_PHOTO)  # the user picks the original photo itself
    part.save_as(entry, CompareChoice("5:0", "Result", str(result)))
    qtbot.waitUntil(lambda: bool(p.shell.errors), timeout=60_000)
    [error] = p.shell.errors
    assert isinstance(error, InputError) and "original" in str(error)
    assert SKY_PHOTO.read_bytes() == original


# -- jobs in flight -----------------------------------------------------------------------
def test_a_finished_job_is_announced_in_the_status_line_and_by_a_notification(
        qtbot: Any, parts: Any) -> None:
    from desktop_app.ui.jobs_controller import JobsController
    from desktop_app.ui.notifier import Notifier

    p = parts(Settings(engine="local"))
    p.prompt.sky_review = SkyReview(None)
    model, view, count = LibraryModel(p.host), LibraryView(p.host), QLabel(p.host)
    view.setModel(model)
    listing = ListingController(p.ws, p.shell, p.prompt, p.labels, p.host)
    library = LibraryController(p.ws, model, view, count, p.poller, listing, p.shell, p.prompt,
                                p.host)
    preview = PreviewController(ComparePanel(p.host), p.shell, p.host)
    generation = p.generation()
    p.closers += [listing, library, preview]
    notifier = Notifier(p.host, lambda: False)  # the user looks at another window
    jobs = JobsController(p.poller, library, p.account, preview, generation, p.panel, p.banner,
                          notifier, p.shell, lambda: None, p.host)
    notes: list[tuple[str, str]] = []
    notifier.notified.connect(lambda title, text: notes.append((title, text)))
    p.poller.start()
    with qtbot.waitSignal(generation.created, timeout=30_000) as created:
        generation.generate([draft(SKY_PHOTO)], EngineName.LOCAL, Service.SKY, auto=False)
    _, gen = created.args
    qtbot.waitUntil(lambda: f"{SKY_PHOTO.name}: result ready." in p.shell.statuses,
                    timeout=120_000)
    assert notes == [("Result ready", f"{SKY_PHOTO.name} — Interior sky is ready to compare.")]
    assert p.ws.store.get(gen.id).status is Status.DONE
    jobs.close()
