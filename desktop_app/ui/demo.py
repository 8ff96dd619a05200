"""``desktop-app --screenshot``: render the main window offscreen to a PNG, optionally staged.

Without ``--demo`` the window shows the user's own library as it is. With ``--demo`` it runs on a
throw-away data folder and an in-memory keyring (the user's library and keys are not touched),
with the bundled demo photo (or the first of ``photos``), and ``state`` picks the moment shown:
``empty``, ``library``, ``running``, ``compare``, ``settings``, ``welcome``, ``error``,
``listing`` (a kept version and the version strip), ``export`` (the Export listing dialog),
``exporting`` (the listing being exported, its progress and Stop button in the status bar),
``sheet`` (the first page of the seller's before/after PDF), ``hostsettings`` (Settings on its
Image host tab, a storage bucket chosen), ``mask`` (the mask editor: a painted stroke and the
smart selection's proposal) or ``skyreview`` (the sky review, a detected region under the
pointer). Everything shown is real: the local engine really processes the photo, the smart
selection and the sky detection really run, and the error state is a real failed upload.
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
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.ui.prompts import DialogPrompt
from desktop_app.ui.sky_review import SkyReview

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

_Wait = Callable[[Callable[[], bool], float], bool]  # wait(predicate, timeout): True once met

MAX_PNG_BYTES = 300_000  # docs images stay under 300 KB

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
    """Save a QImage/QPixmap as PNG, reduced to a colour palette while it is over ``limit``.

    The palette is refined with k-means so that small areas of one colour (a blue button, an
    outline) keep theirs instead of taking the nearest colour of the photo, and the picture is
    dithered onto it so that soft gradients (a wall lit by a lamp) do not turn into bands: 64
    colours dithered look truer than 128 without."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[attr-defined]
    data = bytes(buffer.data().data())
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    if len(data) > limit:
        with Image.open(io.BytesIO(data)) as im:
            rgb = im.convert("RGB")
        colours = 256
        while len(data) > limit and colours >= 32:
            palette = rgb.quantize(colours, method=Image.Quantize.MEDIANCUT, kmeans=2)
            packed = io.BytesIO()
            rgb.quantize(palette=palette, dither=Image.Dither.FLOYDSTEINBERG).save(
                packed, "PNG", optimize=True)
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
        _after_shot.append(dialog.close)
        return _at_natural_size(dialog)
    if state == "hostsettings":
        return _stage_host_settings(window)
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
    if state == "mask":
        return _stage_mask(window, main, wait)
    if state == "skyreview":
        return _stage_sky_review(window, main, wait)

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



def _mouse(widget: QWidget, kind: QEvent.Type, pos: QPointF,
           held: Qt.MouseButton = Qt.MouseButton.NoButton) -> None:
    """A left-button press, move or release at widget position ``pos``, as the pointer sends
    it; ``held``: the buttons down after it."""
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    QApplication.sendEvent(widget, QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, held,
                                               Qt.KeyboardModifier.NoModifier))


def _at_natural_size(dialog: QWidget) -> QWidget:
    """Show ``dialog`` at the size it asks for: the offscreen screen is only 800 × 600, which
    squeezes a tall dialog below the size it gets on a real screen."""
    dialog.show()
    dialog.resize(dialog.size().expandedTo(dialog.sizeHint()))
    return dialog


def _stage_host_settings(window: MainWindow) -> QWidget:
    """Settings on the Image host tab: a bucket at Amazon S3 in Paris, the endpoint that
    follows from it, Test upload."""
    from dataclasses import replace

    from desktop_app.core.settings import HostKind
    from desktop_app.ui.settings_dialog import SettingsDialog

    settings = replace(window.ws.settings, host_kind=HostKind.S3, s3_region="eu-west-3",
                       s3_endpoint="https://s3.eu-west-3.amazonaws.com",
                       s3_bucket="listing-photos", s3_access_key_id="AKIAIOSFODNN7EXAMPLE")
    dialog = SettingsDialog(settings, window, page="host")
    _after_shot.append(dialog.close)
    return _at_natural_size(dialog)


def _open(dialog: Any, window: MainWindow, wait: _Wait, timeout: float, failure: str) -> None:
    """Show ``dialog`` at the window's size, closed after the shot, once it is ready."""
    dialog.resize(window.size())
    dialog.show()
    _after_shot.append(lambda: dialog.done(0))
    if not wait(dialog.is_ready, timeout):
        raise RuntimeError(failure)


def _stage_mask(window: MainWindow, photo: Path, wait: _Wait) -> QWidget:
    """The mask editor on ``photo``: a brush stroke down the side table and its lamp, then the
    smart selection's proposal for a box drawn around the picture on the wall (places in the
    demo photo), and the brush ring over the rug."""
    from desktop_app.ui.mask_canvas import Tool
    from desktop_app.ui.mask_editor import MaskEditorDialog

    dialog = MaskEditorDialog(photo, parent=window)
    _open(dialog, window, wait, 60, "the mask editor did not open the photo")
    canvas = dialog.canvas
    pw, ph = canvas.photo().width(), canvas.photo().height()

    def at(x: float, y: float) -> QPointF:
        return canvas.viewport().image_to_widget(QPointF(x * pw, y * ph))

    left = Qt.MouseButton.LeftButton
    stroke = [at(0.258, 0.46 + 0.02 * i) for i in range(13)]  # lamp shade to table feet
    canvas.set_brush_size(max(8, pw // 18))
    _mouse(canvas, QEvent.Type.MouseButtonPress, stroke[0], left)
    for point in stroke[1:]:
        _mouse(canvas, QEvent.Type.MouseMove, point, left)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, stroke[-1])
    if not wait(lambda: canvas.marked_pixels() > 0 and not canvas.is_busy(), 30):
        raise RuntimeError("the brush stroke was not painted")
    dialog.toolbar.tool_buttons[Tool.SMART].click()
    canvas.smart_select(rect=(int(0.36 * pw), int(0.355 * ph), int(0.45 * pw), int(0.46 * ph)))
    if not wait(lambda: canvas.has_proposal() and not canvas.is_busy(), 60):
        raise RuntimeError("the smart selection proposed nothing")
    dialog.toolbar.tool_buttons[Tool.BRUSH].click()
    _mouse(canvas, QEvent.Type.MouseMove, at(0.62, 0.86))  # the brush ring, at its size
    return dialog


def _stage_sky_review(window: MainWindow, photo: Path, wait: _Wait) -> QWidget:
    """The sky review on ``photo`` as it opens, the pointer inside the largest detected region
    (outlined in red: a click there would take it out)."""
    import cv2
    import numpy as np

    from desktop_app.ui.sky_review import SkyReviewDialog

    dialog = SkyReviewDialog(photo, parent=window, workers=window.ws.engines.local_workers())
    _open(dialog, window, wait, 120, "the sky review did not open the photo")
    regions = dialog.regions()
    if regions is None or regions.count == 0:
        return dialog  # "No sky was found…", as the user would see it
    sizes = np.bincount(regions.labels.ravel())
    sizes[0] = 0
    largest = (regions.labels == int(sizes.argmax())).astype(np.uint8)
    # its most inward pixel: a region need not hold its own centre
    depth = cv2.distanceTransform(largest, cv2.DIST_L2, 5)
    y, x = np.unravel_index(int(depth.argmax()), depth.shape)
    scale = dialog.canvas.image().width() / dialog.work_size()[0]
    _mouse(dialog.canvas, QEvent.Type.MouseMove,
           dialog.canvas.widget_pos((x + 0.5) * scale, (y + 0.5) * scale))
    if not wait(lambda: dialog.canvas.hovered() != 0, 10):
        raise RuntimeError("the region under the pointer was not outlined")
    return dialog
