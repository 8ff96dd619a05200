"""The window with the offline local engine: the same flow, no account, no network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from dialogs import Shown, answering
from PIL import Image
from PySide6.QtWidgets import QApplication
from test_window_helpers import (
    CLUTTER_PHOTO,
    SKY_PHOTO,
    add_photo,
    entry_of,
    wait_status,
    window_factory,
)

from desktop_app.core import masks
from desktop_app.core.models import EngineName, Service, Status
from desktop_app.core.settings import Settings

__all__ = ["window_factory"]


def sky_review_dialog(qtbot: Any) -> Any:
    """The sky review dialog the window opened, once its sky is shown."""
    from desktop_app.ui.sky_review import SkyReviewDialog

    found: list[SkyReviewDialog] = []

    def opened() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, SkyReviewDialog) and w.isVisible()]
        return len(found) == 1 and found[0].is_ready()

    qtbot.waitUntil(opened, timeout=30_000)
    return found[0]


def paint_in_mask_editor(qtbot: Any, box: tuple[float, float, float, float],
                         seen_initial: list[int]) -> Any:
    """An answer for the mask editor when it opens: wait for its photo, paint a rectangle
    (fractions of the photo) with the canvas API, and press its Generate button."""
    from desktop_app.ui.mask_editor import MaskEditorDialog

    def answer(dialog: Any) -> None:
        assert isinstance(dialog, MaskEditorDialog), f"expected the mask editor, got {dialog!r}"
        qtbot.waitUntil(dialog.is_ready, timeout=60_000)
        current = dialog.mask()
        seen_initial.append(int(current.sum()))
        h, w = current.shape
        painted = current.copy()
        x0, y0, x1, y1 = box
        painted[int(y0 * h):int(y1 * h), int(x0 * w):int(x1 * w)] = True
        dialog.canvas.set_mask(painted)
        dialog.generate_button.click()

    return answer


def test_local_sky_flow_without_account(qtbot: Any, window_factory: Any, tmp_path: Path) -> None:
    window = window_factory(Settings())
    assert window.panel.engine() is EngineName.LOCAL, "local until a key is set"
    assert window.panel.credits_label.text() == "Free"
    add_photo(qtbot, window, SKY_PHOTO)
    window.panel.set_service(Service.SKY)
    window.generate()  # shows the sky it found first; taken as it is
    sky_review_dialog(qtbot).accept_button.click()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    assert gen.engine is EngineName.LOCAL
    qtbot.waitUntil(window.compare.view.has_after, timeout=60_000)
    # the result really differs from the original somewhere (the windows), not everywhere
    with qtbot.waitSignal(window.compare.view.differenceReady, timeout=60_000):
        window.set_mode(window.compare.view.mode().DIFFERENCE)
    fraction = window.compare.view.changed_fraction()
    assert fraction is not None and 0 < fraction < 0.9
    assert window.compare.mode_buttons[window.compare.view.mode()].isChecked()

    # copy the result shown to the clipboard, at its own size
    from PySide6.QtGui import QGuiApplication

    window.copy_result()
    qtbot.waitUntil(lambda: not QGuiApplication.clipboard().image().isNull(), timeout=60_000)
    with Image.open(gen.result_files[0]) as shown:
        assert QGuiApplication.clipboard().image().width() == shown.width

    window.new_variation()
    qtbot.waitUntil(lambda: len(entry_of(window, SKY_PHOTO).family) == 2, timeout=60_000)
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    assert entry_of(window, SKY_PHOTO).summary == "Sky ✓"
    # the strip shows the original and both versions, numbered within the job
    qtbot.waitUntil(lambda: len(window.strip.texts()) == 3, timeout=10_000)
    assert window.strip.texts()[1:] == ["Sky · local · 1\nDone", "Sky · local · 2\nDone"]

    # export every result of the photo, labelled
    window.ws.settings.burn_label = True
    out = tmp_path / "export"
    window.prompt.export_folder = str(out)
    window.export_all()
    qtbot.waitUntil(lambda: len(list(out.glob("*.jpg"))) == 2, timeout=60_000)
    results = [np.asarray(Image.open(file).convert("L"), np.int16)
               for g in window.ws.store.family(gen.root_id or 0) for file in g.result_files]
    for exported in out.glob("*.jpg"):
        labelled = np.asarray(Image.open(exported).convert("L"), np.int16)
        diff = min((np.abs(labelled - r) for r in results if r.shape == labelled.shape),
                   key=lambda d: float(d.mean()))
        h, w = diff.shape
        assert diff[int(h * 0.7):, :int(w * 0.6)].max() > 100, "the label is in the corner"
        assert diff[:int(h * 0.6)].mean() < 3, "and nowhere else"


def test_the_sky_review_works_in_the_local_engines_worker_processes(
        qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings(), prompt=None)  # the window's own dialogs
    add_photo(qtbot, window, SKY_PHOTO)
    window.panel.set_service(Service.SKY)
    window.generate()
    dialog = sky_review_dialog(qtbot)
    # the detection ran in the engine's worker process, which stays warm for the job
    workers = window.ws.engines.local_workers()
    assert dialog.selection.workers is workers and workers.pids()
    dialog.accept_button.click()
    assert wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000).result_files
    assert workers.pids()


def test_auto_detection_is_off_with_the_local_engine(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    window.panel.set_service(Service.DECLUTTER)
    assert window.panel.engine() is EngineName.LOCAL
    assert not window.panel.auto_check.isEnabled()
    assert "paint" in window.panel.auto_check.toolTip()
    assert window.panel.auto() is False
    window.panel.set_engine(EngineName.CLOUD)
    assert window.panel.auto_check.isEnabled()


def test_local_declutter_paints_a_mask_then_variation_starts_from_it(
        qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    add_photo(qtbot, window, CLUTTER_PHOTO)
    window.panel.set_service(Service.DECLUTTER)
    initial: list[int] = []
    with answering(paint_in_mask_editor(qtbot, (0.4, 0.6, 0.6, 0.9), initial)) as dialogs:
        window.generate()  # opens the editor (modal) on the photo; the answer paints, accepts
    assert dialogs.seen == [Shown("MaskEditorDialog", "Paint what to remove")]
    assert initial == [0], "a first declutter starts from an empty mask"
    qtbot.waitUntil(lambda: not entry_of(window, CLUTTER_PHOTO).is_draft, timeout=60_000)
    gen = wait_status(qtbot, window, CLUTTER_PHOTO, Status.DONE, timeout=120_000)
    assert gen.mask_path and Path(gen.mask_path).exists()
    first_mask = masks.read_mask(Path(gen.mask_path))
    marked = int(first_mask.sum())
    assert marked > 0

    # the variation opens the editor on the prepared photo, starting from that mask
    with answering(paint_in_mask_editor(qtbot, (0.05, 0.05, 0.15, 0.15), initial)) as dialogs:
        window.new_variation()
    assert dialogs.answered == 1 and initial[1] == marked
    qtbot.waitUntil(lambda: len(entry_of(window, CLUTTER_PHOTO).family) == 2, timeout=60_000)
    variation = wait_status(qtbot, window, CLUTTER_PHOTO, Status.DONE, timeout=120_000)
    assert variation.is_variation and variation.mask_path
    second = masks.read_mask(Path(variation.mask_path))
    assert second.sum() > marked and np.all(second[first_mask])


def test_cancelling_the_mask_editor_sends_nothing(qtbot: Any, window_factory: Any) -> None:
    from desktop_app.ui.mask_editor import MaskEditorDialog

    window = window_factory(Settings())
    add_photo(qtbot, window, CLUTTER_PHOTO)
    window.panel.set_service(Service.DECLUTTER)

    def cancel(dialog: Any) -> None:
        assert isinstance(dialog, MaskEditorDialog)
        dialog.cancel_button.click()

    with answering(cancel) as dialogs:
        window.generate()
    assert [shown.kind for shown in dialogs.seen] == ["MaskEditorDialog"], \
        "the mask editor opened, and was cancelled"
    assert entry_of(window, CLUTTER_PHOTO).is_draft
    assert window.ws.store.all() == []


def test_local_sky_shows_the_sky_first_and_paints_only_what_the_user_kept(
        qtbot: Any, window_factory: Any) -> None:
    from desktop_app.engines.local import sky

    window = window_factory(Settings())
    add_photo(qtbot, window, SKY_PHOTO)
    window.panel.set_service(Service.SKY)
    asked: list[str] = []
    real_hook = window.prompt.request_sky_regions

    def hook(image_path: str, done: Any, position: tuple[int, int] = (1, 1)) -> None:
        asked.append(image_path)
        real_hook(image_path, done, position)

    window.prompt.request_sky_regions = hook
    window.generate()
    dialog = sky_review_dialog(qtbot)
    assert asked == [str(SKY_PHOTO.resolve())]
    regions = dialog.regions()
    assert regions is not None and regions.count == 2
    # take the largest window out, the way a user clicks it
    sizes = [int((regions.labels == i).sum()) for i in range(1, regions.count + 1)]
    target = 1 + sizes.index(max(sizes))
    ys, xs = np.nonzero((regions.labels == target) & (regions.alpha > 0.9))
    x, y = int(np.median(xs)), int(np.median(ys))
    with qtbot.waitSignal(dialog.regionsChanged, timeout=30_000):
        dialog.click_at(x, y)
    selection = dialog.mask()
    assert selection is not None and dialog.region_count() == 1
    assert window.ws.store.all() == [], "nothing is sent before the user accepts"
    seed = dialog.seed
    dialog.accept_button.click()

    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    assert gen.seed == seed  # the sky its preview showed
    assert gen.mask_path and Path(gen.mask_path).exists()
    assert np.array_equal(masks.read_mask(Path(gen.mask_path)), selection)  # same size here
    with Image.open(gen.prepared_path) as im:
        before = np.asarray(im.convert("RGB")).astype(int)
    with Image.open(gen.result_files[0]) as im:
        after = np.asarray(im.convert("RGB")).astype(int)
    taken_out = regions.labels == target
    kept = (regions.labels > 0) & ~taken_out & (regions.alpha > 0.9)
    # JPEG out, so "the same" is within compression noise
    assert np.abs(after[taken_out] - before[taken_out]).mean() < 2
    assert np.abs(after[kept] - before[kept]).mean() > 20
    # and a plain detection on the prepared photo would have painted the window taken out
    assert (sky.detect_sky(before.astype(np.uint8))[taken_out] > 0.5).mean() > 0.5


def test_a_batch_can_leave_the_other_photos_to_the_automatic_sky(
        qtbot: Any, window_factory: Any) -> None:
    dark = SKY_PHOTO.with_name("dining-room-windows-dark-bracket-01.jpg")
    window = window_factory(Settings())
    add_photo(qtbot, window, SKY_PHOTO)
    add_photo(qtbot, window, dark)
    window.library.selectAll()
    window.panel.set_service(Service.SKY)
    window.generate()
    dialog = sky_review_dialog(qtbot)
    assert dialog.windowTitle().endswith("(photo 1 of 2)")
    assert dialog.review_check.isVisibleTo(dialog) and dialog.review_check.isChecked()
    first = Path(dialog.selection.path)
    dialog.review_check.setChecked(False)
    dialog.accept_button.click()
    for photo in (SKY_PHOTO, dark):
        wait_status(qtbot, window, photo, Status.DONE, timeout=120_000)
    reviewed = entry_of(window, first).root
    automatic = entry_of(window, dark if first == SKY_PHOTO.resolve() else SKY_PHOTO).root
    assert reviewed.mask_path is not None
    assert automatic.mask_path is None, "the other photo took the automatic detection"


def test_a_photo_without_sky_can_be_skipped_in_a_batch(qtbot: Any,
                                                       window_factory: Any) -> None:
    from test_window_helpers import OTHER_PHOTO

    window = window_factory(Settings())
    add_photo(qtbot, window, SKY_PHOTO)
    add_photo(qtbot, window, OTHER_PHOTO)
    window.library.selectAll()
    window.panel.set_service(Service.SKY)
    window.generate()
    opened: list[str] = []
    for n in range(2):
        dialog = sky_review_dialog(qtbot)
        opened.append(dialog.windowTitle())
        if dialog.region_count() == 0:  # the kitchen: nothing to accept, so it is skipped
            assert not dialog.accept_button.isEnabled() and "skip" in dialog.notice()
            dialog.skip_button.click()
        else:  # "review the others too" is offered while others follow
            assert dialog.review_check.isVisibleTo(dialog) is (n == 0)
            dialog.accept_button.click()
        qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=60_000)
    assert [t.rsplit("(", 1)[1] for t in opened] == ["photo 1 of 2)", "photo 2 of 2)"]
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    assert gen.mask_path is not None
    assert entry_of(window, OTHER_PHOTO).is_draft, "the skipped photo was not sent"
    assert len(window.ws.store.all()) == 1


def test_cancelling_the_sky_review_sends_nothing(qtbot: Any, window_factory: Any) -> None:
    window = window_factory(Settings())
    add_photo(qtbot, window, SKY_PHOTO)
    window.panel.set_service(Service.SKY)
    window.generate()
    sky_review_dialog(qtbot).cancel_button.click()
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage(), timeout=60_000)
    assert entry_of(window, SKY_PHOTO).is_draft
    assert window.ws.store.all() == []


def test_a_job_that_found_no_sky_offers_the_sky_review_not_retry(
        qtbot: Any, window_factory: Any) -> None:
    """A photo sent with the automatic sky (the others of a batch) that has none ends with the
    sentence; trying again would end the same way, so the window offers the sky review, where
    a missed window is added with a click."""
    from test_window_helpers import OTHER_PHOTO

    window = window_factory(Settings())
    add_photo(qtbot, window, OTHER_PHOTO)
    window.panel.set_service(Service.SKY)
    entry = entry_of(window, OTHER_PHOTO)
    window.generation._create([entry], Service.SKY, EngineName.LOCAL, False, {})
    gen = wait_status(qtbot, window, OTHER_PHOTO, Status.FAILED, timeout=120_000)
    assert gen.error == "No sky found in this photo"
    qtbot.waitUntil(lambda: window.panel.retry_button.isVisibleTo(window.panel), timeout=30_000)
    assert window.panel.retry_button.text() == "Review sky…"
    qtbot.waitUntil(lambda: window.banner.action_texts() == ["Review sky…"], timeout=30_000)
    window.panel.retry_button.click()
    dialog = sky_review_dialog(qtbot)
    assert dialog.region_count() == 0 and "click on its bright glass" in dialog.notice()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage(), timeout=60_000)
    assert len(window.ws.store.all()) == 1, "nothing was sent again"
