"""``desktop-app --screenshot``: render the main window offscreen to a PNG, optionally staged.

Without ``--demo`` the window shows the user's own library as it is. With ``--demo`` it runs on a
throw-away data folder and an in-memory keyring (the user's library and keys are not touched),
with the bundled demo photo (or the first of ``photos``), and ``state`` picks the moment shown:
``empty``, ``library``, ``running``, ``compare``, ``settings``, ``welcome``, ``error``,
``listing`` (a kept version and the version strip), ``export`` (the Export listing dialog),
``exporting`` (the listing being exported, its progress and Stop button in the status bar) or
``sheet`` (the first page of the seller's before/after PDF).
Everything shown is real: the local engine really processes the photo, and the error state is a
real failed upload.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from desktop_app.ui.prompts import DialogPrompt
from desktop_app.ui.sky_review import SkyReview

MAX_PNG_BYTES = 390_000  # docs images stay under 400 KB

# What a stage leaves to do once the picture is taken, before the window closes (a dialog it
# opened closed, an export it holds let go). Not "#:", which lupdate takes for a translator's
# note on the next string it meets.
_after_shot: list[Callable[[], object]] = []


def demo_photo() -> Path:
    return Path(str(resources.files("desktop_app.resources").joinpath("demo-living-room.jpg")))


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _use_memory_keyring() -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class _Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.values: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.values.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.values[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.values.pop((service, username), None)

    keyring.set_keyring(_Memory())


def save_png(image: object, path: str | Path, limit: int = MAX_PNG_BYTES) -> Path:
    """Save a QImage/QPixmap as PNG, reduced to a colour palette while it is over ``limit``."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[attr-defined]
    data = bytes(buffer.data().data())
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    colours = 256
    while len(data) > limit and colours >= 32:
        with Image.open(io.BytesIO(buffer.data().data())) as im:
            small = im.convert("RGB").quantize(colours, method=Image.Quantize.MEDIANCUT,
                                               dither=Image.Dither.FLOYDSTEINBERG)
        packed = io.BytesIO()
        small.save(packed, "PNG", optimize=True)
        data = packed.getvalue()
        colours //= 2
    out.write_bytes(data)
    return out


def render_screenshot(path: str, *, demo: bool = False, state: str | None = None,
                      photos: Sequence[str] = (), size: tuple[int, int] = (1280, 800)) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    logging.getLogger().addHandler(logging.NullHandler())  # expected failures stay quiet
    home: str | None = None
    if demo:
        home = tempfile.mkdtemp(prefix="skyclear-demo-")
        os.environ["DESKTOP_APP_HOME"] = home
        for name in ("IACREA_API_KEY", "IACREA_USER_ID", "IACREA_BASE_URL"):
            os.environ.pop(name, None)
        _use_memory_keyring()
    from desktop_app.app import create_app

    app = create_app()
    from PySide6.QtCore import QEventLoop

    def wait(predicate: Callable[[], bool], timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if predicate():
                return True
            time.sleep(0.01)
        return predicate()

    from desktop_app.core.settings import Settings, load_settings
    from desktop_app.engines.workspace import open_workspace
    from desktop_app.ui.main_window import MainWindow

    settings = Settings() if demo else load_settings()
    workspace = open_workspace(settings)
    window = MainWindow(workspace, first_run_welcome=False, prompt=_DemoPrompt())
    window.resize(*size)
    window.show()
    window.start()
    target: object = window
    try:
        if demo:
            target = _stage(window, state or "compare", list(photos), wait)
        wait(lambda: _thumbnails_loaded(window), 10)
        wait(lambda: False, 0.5)  # let the last paints land
        pixmap = target.grab()  # type: ignore[attr-defined]
        out = save_png(pixmap, path)
        print(f"{out} ({out.stat().st_size // 1024} KB)")
        return 0
    except RuntimeError as err:
        print(f"The screenshot could not be made: {err}", file=sys.stderr)
        return 1
    finally:
        while _after_shot:
            with contextlib.suppress(RuntimeError):  # a dialog Qt already deleted
                _after_shot.pop()()
        _close(window)
        workspace.close()
        if home:
            shutil.rmtree(home, ignore_errors=True)


class _DemoPrompt(DialogPrompt):
    """Takes the sky as detected, as a user pressing "Use this sky" in the review would."""

    def request_sky_regions(self, image_path: str, done: Callable[[SkyReview | None], None],
                            position: tuple[int, int] = (1, 1)) -> None:
        done(SkyReview(mask=None))


def _close(window: object) -> None:
    from desktop_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    for gen_id in window.poller.tracked():
        window.ws.pipeline.cancel(gen_id)
        window.poller.forget(gen_id)
    window.shutdown()
    window.close()


def _thumbnails_loaded(window: object) -> bool:
    from desktop_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    return all(e.error or window.model._thumbs.get(e.source) is not None
               for e in window.model.entries())


def _stage(window: object, state: str, photos: list[str],
           wait: Callable[[Callable[[], bool], float], bool]) -> object:
    """Bring the demo window to ``state``; returns the widget to photograph."""
    from desktop_app.core.models import EngineName, Service, Status
    from desktop_app.core.settings import HostKind
    from desktop_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    if state == "empty":
        return window
    if state == "settings":
        from desktop_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(window.ws.settings, window)
        dialog.user_id_edit.setText("7c1e5d0a-3b7e-4f4e-9a51-2f0c6f1d8b42")
        dialog.show()
        _after_shot.append(dialog.close)
        return dialog
    if state == "welcome":
        window.show_welcome()
        _after_shot.append(window.welcome_dialog.close)
        return window.welcome_dialog

    main = Path(photos[0]).resolve() if photos else demo_photo().resolve()
    sources = [*photos, str(demo_photo())] if photos else [str(demo_photo())]
    window.add_photos(sources)

    def main_row() -> int:
        return next((row for row, e in enumerate(window.model.entries())
                     if e.source == str(main)), -1)

    if not wait(lambda: main_row() >= 0, 10):
        raise RuntimeError("the demo photos were not added")
    window.library.clearSelection()
    window.library.setCurrentIndex(window.model.index(main_row()))
    wait(lambda: window.compare.view.has_content(), 10)
    if state == "library":
        return window

    if state == "error":
        from dataclasses import replace

        from PySide6.QtCore import QCoreApplication

        from desktop_app.core import credentials

        translate = QCoreApplication.translate

        port = _closed_port()
        credentials.set_api_key("demo-key-not-valid")
        window.apply_settings(replace(window.ws.settings, user_id="demo-user",
                                      base_url=f"http://127.0.0.1:{port}", host_kind=HostKind.PUT,
                                      put_url=f"http://127.0.0.1:{port}/upload/"))
        window.panel.set_engine(EngineName.CLOUD)
        window.panel.set_service(Service.SKY)
        window.generate()
        if not wait(lambda: window.banner.isVisible() and window.banner.kind() == "error"
                    and translate("MainWindow", "Retry") in window.banner.action_text(), 60):
            raise RuntimeError("the failed upload did not show")
        return window

    window.panel.set_engine(EngineName.LOCAL)
    window.panel.set_service(Service.SKY)
    window.generate()

    def current_status(*wanted: Status) -> bool:
        entry = window.current_entry()
        gen = entry.current if entry is not None else None
        return gen is not None and gen.status in wanted

    if state == "running":
        if not wait(lambda: current_status(Status.PROCESSING, Status.STARTING), 60):
            raise RuntimeError("the demo photo did not start processing")
        wait(lambda: False, 0.5)
        return window
    if not wait(lambda: current_status(Status.DONE) and window.compare.view.has_after(), 180):
        raise RuntimeError("the demo photo was not processed")
    window.compare.view.set_split(0.5)
    if state in ("listing", "export", "exporting", "sheet"):
        return _stage_listing(window, state, wait)
    return window


def _stage_listing(window: object, state: str,
                   wait: Callable[[Callable[[], bool], float], bool]) -> object:
    """A listing with a kept version and a second one on its way; the Export listing dialog;
    or the first page of the seller's sheet."""
    from desktop_app.core.models import Status
    from desktop_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.listing.rename("12 Elm Street")
    window._show_listings()
    window.keep_shown()
    entry = window.current_entry()
    if entry is None or entry.kept is None:
        raise RuntimeError("the result was not kept")
    if state == "listing":
        window.new_variation()
        wait(lambda: (e := window.current_entry()) is not None and len(e.family) == 2 and
             e.family[1].status is Status.DONE, 180)
        kept = window.current_entry()
        shown: list[str] = []
        window.resultShown.connect(shown.append)
        window.compare.choose(after=f"{entry.kept_id}:0")
        wait(lambda: kept is not None and kept.kept_file in shown, 30)
        wait(lambda: False, 1.0)
        return window
    if state == "exporting":
        return _stage_exporting(window, wait)
    if state == "export":
        from desktop_app.ui.export_dialog import ExportListingDialog

        entries = window.model.entries()
        dialog = ExportListingDialog("12 Elm Street", len(entries),
                                     sum(1 for e in entries if e.kept is not None),
                                     str(Path.home() / "Listings" / "12 Elm Street"), window)
        dialog.label.setChecked(True)
        dialog.show()
        _after_shot.append(dialog.close)
        return dialog
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
    from PySide6.QtWidgets import QLabel

    from desktop_app.jobs.seller_sheet import page_image, paint_page, sheet_words

    page = QImage(1169, 827, QImage.Format.Format_RGB32)  # A4 landscape at 100 dpi
    page.fill(QColor("white"))
    painter = QPainter(page)
    margin = 47  # 12 mm
    paint_page(painter, QRectF(margin, margin, 1169 - 2 * margin, 827 - 2 * margin),
               sheet_words("12 Elm Street"), entry.name, page_image(entry.source),
               page_image(entry.kept_file or ""))
    painter.end()
    label = QLabel()
    label.setPixmap(QPixmap.fromImage(page))
    label.resize(page.size())
    return label


def _stage_exporting(window: object,
                     wait: Callable[[Callable[[], bool], float], bool]) -> object:
    """The listing (its kept photo and the original beside it) being exported: the export's
    thread waits after its first file until the picture is taken, then is stopped."""
    import threading

    from PySide6.QtCore import Qt

    from desktop_app.core import paths
    from desktop_app.core.delivery import DeliveryOptions
    from desktop_app.ui.listing_controller import ExportChoice
    from desktop_app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    first_file, shot = threading.Event(), threading.Event()

    def stop() -> None:
        window.listing.stop_export()  # as Stop does: no file after the one held
        shot.set()

    _after_shot.append(stop)

    def hold(done: int, total: int) -> None:
        first_file.set()
        shot.wait(60)

    window.listing.exportProgress.connect(hold, Qt.ConnectionType.DirectConnection)
    options = DeliveryOptions.from_preset("site-2048", originals=True)
    window.listing.export(ExportChoice(str(paths.data_dir() / "delivery"), options, sheet=True))
    if not wait(first_file.is_set, 120):
        raise RuntimeError("the export did not start")
    wait(lambda: "1 of 2" in window.status_labels.export.label.text(), 10)
    return window
