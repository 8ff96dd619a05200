"""Shared pieces for the window tests: workspaces wired to the contract servers, and a window
fixture that always shuts its threads down.

The cloud engine here is the real one (real HTTP to ``iacrea_server`` and ``put_server``); only
its retry pauses are shortened, so a 503 storm takes a fraction of a second instead of many.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.exceptions import TimeoutError as QtTimeoutError

from desktop_app.core import credentials
from desktop_app.core.api import IACreaClient
from desktop_app.core.models import Generation, Status
from desktop_app.core.poll import PollSchedule
from desktop_app.core.settings import Settings, save_settings
from desktop_app.core.store import JobStore
from desktop_app.engines.cloud import CloudEngine
from desktop_app.engines.factory import EngineSet
from desktop_app.engines.hosting import PutHost, build_host
from desktop_app.engines.pipeline import Pipeline
from desktop_app.engines.workspace import Workspace

PHOTOS = Path(__file__).parent / "data"
SKY_PHOTO = PHOTOS / "dining-room-windows-blown-out-01.jpg"
OTHER_PHOTO = PHOTOS / "kitchen-white-island-01.jpg"
CLUTTER_PHOTO = PHOTOS / "living-room-cluttered-01.jpg"


def fast_schedule(started_at: float | None) -> PollSchedule:
    return PollSchedule(initial=0.05, factor=1.5, cap=0.25, jitter=0.0, started_at=started_at)


class QuickEngines(EngineSet):
    """The real engines; the cloud client and upload host just wait less between retries."""

    def cloud_engine(self, creds: credentials.Credentials) -> CloudEngine:
        settings = self.settings

        def client() -> IACreaClient:
            return IACreaClient(creds.api_key, creds.user_id, creds.base_url,
                                timeout=(2, 10), backoff_base=0.01, backoff_cap=0.05)

        def host() -> Any:
            if settings.host_kind == "put":
                return PutHost(settings.put_url, backoff=0.01, max_backoff=0.05)
            return build_host(settings.host(), credentials.get_secret(credentials.S3_SECRET))

        return CloudEngine(client, host, account=creds.user_id)


def make_workspace(settings: Settings) -> Workspace:
    save_settings(settings)
    store = JobStore()
    engines = QuickEngines(settings, store.pending_accounts)
    pipeline = Pipeline(store, engines, settings.library_path(), max_side=settings.max_side,
                        schedule_factory=fast_schedule)
    return Workspace(settings, store, engines, pipeline)


def cloud_settings(server: Any, put_server: Any, **changes: Any) -> Settings:
    """Settings for the contract server, with its key stored in the (test) keyring."""
    credentials.set_api_key(server.api_key)
    values: dict[str, Any] = dict(user_id=server.user_id, base_url=server.url, engine="cloud",
                                  host_kind="put", put_url=put_server.upload_prefix)
    values.update(changes)
    return Settings(**values)


REAL_DIALOG = object()  # FakePrompt.mask / sky_review: open the real dialog for the test to drive


class FakePrompt:
    """Answers the window's questions at once, as the test sets them, and records what was
    asked. A test may also replace one of its methods with its own answer. The mask editor and
    the sky review are the real dialogs unless the test gives their answer."""

    def __init__(self) -> None:
        self.dialogs: Any = None  # a DialogPrompt  # the real ones, set once the window exists
        self.open_files: list[str] = []
        self.save_path: str | None = None
        self.export_folder: str | None = None
        self.confirm_answer = True
        self.running_jobs_answer = "keep"  # never a modal question at teardown
        self.mask: Any = REAL_DIALOG  # the painted mask (None: the editor was cancelled)
        self.sky_review: Any = REAL_DIALOG  # a SkyReview; None: the review was cancelled
        self.text: str | None = None  # the answer to ask_text (a listing's name)
        self.listing_export: Any = None  # an ExportChoice; None: the dialog was cancelled
        self.asked: list[str] = []

    def ask_open_files(self) -> list[str]:
        self.asked.append("open")
        return list(self.open_files)

    def ask_save_path(self, suggested: str) -> str | None:
        self.asked.append(f"save:{suggested}")
        return self.save_path

    def ask_export_folder(self) -> str | None:
        self.asked.append("export")
        return self.export_folder

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(f"confirm:{text}")
        return self.confirm_answer

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        self.asked.append(f"text:{title}")
        return self.text

    def ask_listing_export(self, name: str, photos: int, kept: int, folder: str) -> Any:
        self.asked.append(f"export-listing:{name}:{photos}:{kept}")
        return self.listing_export

    def ask_about_running_jobs(self, count: int) -> str:
        self.asked.append(f"running:{count}")
        return self.running_jobs_answer

    def request_mask(self, image_path: str, initial_mask: str | None,
                     done: Callable[[Any], None], variation: bool = False) -> None:
        self.asked.append(f"mask:{image_path}" + (" (variation)" if variation else ""))
        if self.mask is REAL_DIALOG and self.dialogs is not None:
            self.dialogs.request_mask(image_path, initial_mask, done, variation)
        else:
            done(self.mask)

    def request_sky_regions(self, image_path: str, done: Callable[[Any], None],
                            position: tuple[int, int] = (1, 1)) -> None:
        self.asked.append(f"sky:{image_path}")
        if self.sky_review is REAL_DIALOG and self.dialogs is not None:
            self.dialogs.request_sky_regions(image_path, done, position)
        else:
            done(self.sky_review)


@pytest.fixture
def window_factory(qtbot: Any) -> Iterator[Callable[..., Any]]:
    """``make(settings, start=True, **kwargs)`` → a shown MainWindow on a fresh workspace;
    every window is closed, its threads stopped and its workspace closed after the test."""
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.prompts import DialogPrompt

    made: list[tuple[MainWindow, Workspace]] = []

    def make(settings: Settings | None = None, *, start: bool = True,
             workspace: Workspace | None = None, **kwargs: Any) -> MainWindow:
        ws = workspace or make_workspace(settings or Settings(engine="local"))
        kwargs.setdefault("first_run_welcome", False)
        kwargs.setdefault("prompt", FakePrompt())
        window = MainWindow(ws, **kwargs)
        if isinstance(window.prompt, FakePrompt):
            window.prompt.dialogs = DialogPrompt(window, workers=ws.engines.local_workers)
        # pytest-qt closes its widgets before this fixture's teardown: shut down first, so a
        # window with the real prompt never asks about running jobs then
        qtbot.addWidget(window, before_close_func=close_window)
        window.show()
        if start:
            window.start()
        made.append((window, ws))
        return window

    yield make
    for window, ws in made:
        close_window(window)
        ws.close()


def close_window(window: Any) -> None:
    """Shut a window down without the 'photos still in progress' question."""
    window.shutdown()
    window.close()


def entry_of(window: Any, source: Path | str) -> Any:
    wanted = str(Path(source).resolve())
    return next((e for e in window.model.entries() if e.source == wanted), None)


def add_photo(qtbot: Any, window: Any, source: Path) -> Any:
    """Add a photo the way a drop does; wait for its row and select it alone."""
    window.add_photos([str(source)])
    qtbot.waitUntil(lambda: entry_of(window, source) is not None, timeout=60_000)
    select(window, source)
    return entry_of(window, source)


def select(window: Any, source: Path | str) -> None:
    entry = entry_of(window, source)
    assert entry is not None
    row = window.model.row_of(entry.key)
    window.library.clearSelection()
    window.library.setCurrentIndex(window.model.index(row))


def latest(window: Any, source: Path | str) -> Generation | None:
    entry = entry_of(window, source)
    return entry.current if entry is not None else None


def wait_status(qtbot: Any, window: Any, source: Path | str, *statuses: Status,
                timeout: int = 30_000) -> Generation:
    """Wait until the photo's current generation is in one of ``statuses``; fail with what it
    did reach otherwise."""
    def reached() -> bool:
        gen = latest(window, source)
        return gen is not None and gen.status in statuses and not (entry_of(window, source).busy
                                                                  and gen.status.finished)

    try:
        qtbot.waitUntil(reached, timeout=timeout)
    except (AssertionError, QtTimeoutError):  # pytest-qt's own timeout is not an assertion
        gen = latest(window, source)
        raise AssertionError(f"wanted {statuses}, the photo is at "
                             f"{gen.status if gen else None}: {gen.error if gen else ''}") from None
    gen = latest(window, source)
    assert gen is not None
    return gen


def tip_at_1024(qtbot: Any, window_factory: Any, result_label: str) -> Any:
    """A 1024 px wide window comparing a photo with a result, once its tip shows; the panel."""
    from desktop_app.ui.compare_panel import ORIGINAL, CompareChoice

    window = window_factory(Settings(), start=False)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    panel = window.compare
    panel.show_empty(False)
    photo = str(SKY_PHOTO)
    panel.set_choices([CompareChoice(ORIGINAL, "Original", photo),
                       CompareChoice("1:0", result_label, photo)], ORIGINAL, "1:0")
    qtbot.waitUntil(panel.hint.isVisible)
    return panel
