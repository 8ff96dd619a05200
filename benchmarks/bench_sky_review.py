"""Speed of the sky review dialog on a 12 MP photo, and of the engine honouring its selection.

    .venv/bin/python benchmarks/bench_sky_review.py [--runs N]

On a 4240 × 2832 JPEG (the dining-room listing photo upscaled, since the shared photos are at
most 2048 px wide) it prints:

* the time from opening the dialog to the regions being shown (decode + detection, all off the
  GUI thread), and the detection alone;
* click latency, from the click to the new regions on screen: taking a window out, adding a
  missed one; undo; painting the preview;
* scaling the accepted selection to the photo as a mask file (the pipeline's step, off the
  window's thread);
* the engine on the 12 MP photo: plain detection against detection limited to a selection.

Timings are wall-clock on whatever machine runs this; on a shared machine they are noisy. No
asserts. (The README's picture of the dialog: ``desktop-app --screenshot … --demo --state
skyreview``.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "photos" / "dining-room-windows-blown-out-01.jpg"
SMALL = ROOT / "tests" / "data" / "dining-room-windows-blown-out-01.jpg"
SIZE_12MP = (4240, 2832)
# spots of the dining room, as shares of the width and height
LEFT_WINDOW = (0.6, 0.4)  # a detected window
FOYER_WINDOW = (313 / 1024, 295 / 683)  # the small window of the foyer, not detected


def source_photo() -> Path:
    if SHARED.exists():
        return SHARED
    print(f"{SHARED} is missing; using the 1024 px test copy instead")
    return SMALL


def make_12mp(dest: Path) -> Path:
    with Image.open(source_photo()) as im:
        rgb = np.asarray(im.convert("RGB"))
    big = cv2.resize(rgb, SIZE_12MP, interpolation=cv2.INTER_CUBIC)
    Image.fromarray(big).save(dest, quality=92)
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each timing")
    args = parser.parse_args()

    from desktop_app.app import create_app

    app = create_app([])
    from PySide6.QtCore import QEventLoop

    from desktop_app.core.workers import Workers
    from desktop_app.ui.sky_review import SkyReviewDialog

    workers = Workers(2)  # the local engine's worker processes, as the window passes them
    workers.run(os.getpid)  # started, as they are once the engine has run a step

    def wait(predicate: Callable[[], bool], timeout: float = 120.0) -> None:
        end = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > end:
                raise RuntimeError("timed out")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def on_screen(dialog: SkyReviewDialog, act: Callable[..., None], *args: float) -> float:
        """Seconds from ``act(*args)`` to the new regions being shown."""
        version = dialog.selection.version
        start = time.perf_counter()
        act(*args)
        wait(lambda: not dialog.is_busy() and dialog.selection.version != version)
        return time.perf_counter() - start

    print(f"{os.cpu_count()} CPUs, shared with other work: read the numbers as an order of "
          "magnitude")
    with tempfile.TemporaryDirectory(prefix="skyclear-bench-") as tmp:
        photo = make_12mp(Path(tmp) / "dining-12mp.jpg")
        rows: dict[str, list[float]] = {}
        for _ in range(args.runs):
            start = time.perf_counter()
            dialog = SkyReviewDialog(photo, workers=workers)
            dialog.resize(1280, 800)
            dialog.show()
            wait(dialog.is_ready)
            rows.setdefault("open: photo shown with its regions", []).append(
                time.perf_counter() - start)
            rows.setdefault("  of which the detection (1024 px copy)", []).append(
                dialog.selection.detect_seconds)
            w, h = dialog.photo_size()
            rows.setdefault("click: take a window out", []).append(on_screen(
                dialog, dialog.click_at, LEFT_WINDOW[0] * w, LEFT_WINDOW[1] * h))
            rows.setdefault("click: add a missed window", []).append(on_screen(
                dialog, dialog.click_at, FOYER_WINDOW[0] * w, FOYER_WINDOW[1] * h))
            rows.setdefault("undo", []).append(on_screen(dialog, dialog.undo))
            start = time.perf_counter()
            dialog.set_preview(True)
            wait(dialog.canvas.preview_shown)
            rows.setdefault("preview of the new sky", []).append(time.perf_counter() - start)
            selection = dialog.mask()
            dialog.reject()
            dialog.deleteLater()
            app.processEvents()
        print(f"\nSky review dialog, {SIZE_12MP[0]} x {SIZE_12MP[1]} JPEG "
              f"(median of {args.runs}, seconds)")
        for name, values in rows.items():
            print(f"  {name:42s} {statistics.median(values):6.3f}   (worst {max(values):.3f})")

        from desktop_app.core import imaging, masks
        from desktop_app.engines.local import sky
        from desktop_app.engines.local.engine import sky_in_selection

        rgb = imaging.load_rgb(photo)
        assert selection is not None
        start = time.perf_counter()
        mask_file = Path(tmp) / "selection.png"
        masks.prepare_mask(selection, SIZE_12MP, mask_file)
        print(f"\nSelection scaled to the photo as a mask file: "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")
        selection = masks.read_mask(mask_file)
        start = time.perf_counter()
        sky.detect_sky(rgb)
        plain = time.perf_counter() - start
        start = time.perf_counter()
        sky_in_selection(rgb, selection)
        chosen = time.perf_counter() - start
        print(f"\nEngine at 12 MP: detection {plain:.2f} s; detection limited to the reviewed "
              f"selection (one window out, one added) {chosen:.2f} s")

    workers.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
