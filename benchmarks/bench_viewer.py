"""How fast the compare viewer paints a 24 MP pair, and how long "What changed" takes.

Run:  .venv/bin/python benchmarks/bench_viewer.py [--out DIR] [--repeat N]

Uses the aligned dining-room brackets from ../shared/photos (2048x1365 here), upscaled to 6000x4000
(24 MP) because no photo there is that large; falls back to the small copies in tests/data when
../shared is absent. Renders at 1600x1000 logical pixels on a 2x screen (3200x2000 device pixels),
offscreen. Prints numbers only (no pass/fail) and writes a screenshot of every mode to --out.
Timings on a shared 2-core machine are noisy: compare medians, not single runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_SCALE_FACTOR"] = "2"  # a HiDPI screen: devicePixelRatio 2
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import cv2
import numpy as np
from PySide6.QtCore import QElapsedTimer, QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from desktop_app.core.diffmap import difference_heatmap
from desktop_app.ui.compare_view import (
    DIFF_MAX_PIXELS,
    CompareMode,
    CompareView,
)
from desktop_app.ui.image_arrays import qimage_to_rgb

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "photos"
PAIR = ("dining-room-windows-blown-out-01.jpg", "dining-room-windows-dark-bracket-01.jpg")
SIZE_24MP = (6000, 4000)
VIEW = (1600, 1000)


def load_pair() -> tuple[np.ndarray, np.ndarray, str]:
    """The bright dining-room bracket and a simulated "Interior sky" result made from it: the
    blown-out window panes take the real sky from the aligned dark bracket, and, as an
    unintended change for "What changed" to catch, the wall outlet right of the arch is
    painted out. Both are upscaled to 24 MP."""
    folder = SHARED if (SHARED / PAIR[0]).exists() else ROOT / "tests" / "data"
    note = "../shared/photos" if folder == SHARED else "tests/data (../shared/photos missing)"
    images = []
    for name in PAIR:
        bgr = cv2.imread(str(folder / name), cv2.IMREAD_COLOR)
        if bgr is None:
            sys.exit(f"cannot read {folder / name}")
        images.append(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    bright, dark = images
    h, w = bright.shape[:2]
    note += f", {w}x{h} upscaled to {SIZE_24MP[0]}x{SIZE_24MP[1]}"
    # window panes: blown-out pixels inside the windows' box (fractions of the frame)
    box = np.zeros((h, w), np.uint8)
    box[int(0.22 * h):int(0.75 * h), int(0.53 * w):int(0.90 * w)] = 1
    blown = (bright.min(axis=2) > 225).astype(np.uint8) & box
    blown = cv2.morphologyEx(blown, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    alpha = cv2.GaussianBlur(blown.astype(np.float32), (0, 0), 1.5)[:, :, None]
    sky = np.clip(dark.astype(np.float32) * 1.5 + 10.0, 0, 255)
    result = bright.astype(np.float32) * (1 - alpha) + sky * alpha
    result = np.clip(result, 0, 255).astype(np.uint8)
    outlet = np.zeros((h, w), np.uint8)
    x0, y0 = int(0.504 * w), int(0.722 * h)  # the outlet's plate
    outlet[y0:y0 + int(0.046 * h), x0:x0 + int(0.017 * w)] = 255
    result = cv2.inpaint(result, cv2.dilate(outlet, np.ones((5, 5), np.uint8)), 5,
                         cv2.INPAINT_TELEA)
    big = [cv2.resize(img, SIZE_24MP, interpolation=cv2.INTER_CUBIC) for img in (bright, result)]
    return big[0], big[1], note


def to_qimage(rgb: np.ndarray) -> QImage:
    """As the window gets a photo from QImageReader: RGB32, Qt's format for decoded JPEGs."""
    h, w = rgb.shape[:2]
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    return image.convertToFormat(QImage.Format.Format_RGB32)


def wait(app: QApplication, done: Callable[[], bool], timeout: float = 60.0) -> float:
    start = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - start > timeout:
            raise TimeoutError("timed out")
        time.sleep(0.002)
    return time.perf_counter() - start


def time_paints(view: CompareView, target: QImage, repeat: int,
                before_each: Callable[[int], None] | None = None) -> list[float]:
    times = []
    for i in range(repeat):
        if before_each is not None:
            before_each(i)
        timer = QElapsedTimer()
        timer.start()
        view.render(target)
        times.append(timer.nsecsElapsed() / 1e6)
    return times


def report(name: str, times: list[float]) -> None:
    print(f"  {name:<44} median {statistics.median(times):7.1f} ms   "
          f"min {min(times):7.1f}   max {max(times):7.1f}   (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp"))
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv)
    before_rgb, after_rgb, note = load_pair()
    print(f"photos: {note}; view {VIEW[0]}x{VIEW[1]} logical at 2x "
          f"(cv2 threads: {cv2.getNumThreads()}, cpus: {os.cpu_count()})")
    before, after = to_qimage(before_rgb), to_qimage(after_rgb)

    view = CompareView()
    view.resize(*VIEW)
    view.show()
    wait(app, view.isVisible)
    print(f"devicePixelRatio: {view.devicePixelRatioF()}")
    target = QImage(int(VIEW[0] * 2), int(VIEW[1] * 2), QImage.Format.Format_ARGB32_Premultiplied)
    target.setDevicePixelRatio(2.0)
    target.fill(QColor(0, 0, 0))

    t0 = time.perf_counter()
    view.set_images(before, after, "Original", "Interior sky")
    set_ms = (time.perf_counter() - t0) * 1000
    pyramid_s = wait(app, lambda: view.layer().has_pyramid() and view._after.has_pyramid())
    print(f"set_images on the GUI thread: {set_ms:.1f} ms; both pyramids built in the "
          f"background {pyramid_s * 1000:.0f} ms later")
    cold = CompareView()  # paints that come before the pyramid (drawn from the full image)
    cold.resize(*VIEW)
    cold.show()
    cold.set_images(before, after)
    first = time_paints(cold, target, 3)
    cold.wait_for_workers()
    cold.close()

    print("paint (render into a 3200x2000 image), split mode:")
    report("first paints, before the pyramid is in", first)
    view.fit()
    report("fit", time_paints(view, target, args.repeat))
    view.actual_size()
    report("100 %", time_paints(view, target, args.repeat))
    view.fit()
    report("dragging the divider at fit",
           time_paints(view, target, args.repeat,
                       lambda i: view.set_split(0.1 + 0.8 * (i % 10) / 9)))
    view.actual_size()
    report("dragging the divider at 100 %",
           time_paints(view, target, args.repeat,
                       lambda i: view.set_split(0.1 + 0.8 * (i % 10) / 9)))
    view.zoom_by(0.7)
    report("panning at 70 %",
           time_paints(view, target, args.repeat,
                       lambda i: view.pan_by(QPointF(-37.0 if i % 2 else 41.0, 13.0))))
    view.fit()
    view.set_mode(CompareMode.SIDE_BY_SIDE)
    report("side by side, fit", time_paints(view, target, args.repeat))
    view.set_mode(CompareMode.SPLIT)

    grab_times = []
    for _ in range(5):
        timer = QElapsedTimer()
        timer.start()
        view.grab()
        grab_times.append(timer.nsecsElapsed() / 1e6)
    report("widget.grab() at fit (allocates a pixmap)", grab_times)

    print("what changed (24 MP pair):")
    t0 = time.perf_counter()
    heat = difference_heatmap(before_rgb, after_rgb)
    print(f"  difference_heatmap at full 24 MP: {(time.perf_counter() - t0) * 1000:.0f} ms "
          f"({heat.shape[1]}x{heat.shape[0]})")
    t0 = time.perf_counter()
    small_b = qimage_to_rgb(before, DIFF_MAX_PIXELS)
    small_a = qimage_to_rgb(after, DIFF_MAX_PIXELS)
    t1 = time.perf_counter()
    difference_heatmap(small_b, small_a)
    t2 = time.perf_counter()
    print(f"  the viewer's way: shrink both to {small_b.shape[1]}x{small_b.shape[0]} "
          f"{(t1 - t0) * 1000:.0f} ms + heat map {(t2 - t1) * 1000:.0f} ms")
    t0 = time.perf_counter()
    view.set_mode(CompareMode.DIFFERENCE)
    gui_ms = (time.perf_counter() - t0) * 1000
    ready_s = wait(app, lambda: view.difference_image() is not None)
    print(f"  set_mode(difference) returned in {gui_ms:.1f} ms; map arrived by signal after "
          f"{ready_s * 1000:.0f} ms")
    report("paint, what changed, fit", time_paints(view, target, args.repeat))

    args.out.mkdir(parents=True, exist_ok=True)
    shots: list[tuple[str, Callable[[], None]]] = [
        ("split", lambda: (view.set_mode(CompareMode.SPLIT), view.set_split(0.5), view.fit())),
        ("split-100pct", lambda: view.actual_size(QPointF(800, 300))),
        ("side_by_side", lambda: (view.set_mode(CompareMode.SIDE_BY_SIDE), view.fit())),
        ("difference", lambda: (view.set_mode(CompareMode.DIFFERENCE), view.fit())),
        ("result", lambda: view.set_mode(CompareMode.RESULT)),
        ("original-held", lambda: (view.set_mode(CompareMode.SPLIT),
                                   view.set_showing_original(True))),
    ]
    written = []
    for name, setup in shots:
        setup()
        app.processEvents()
        path = args.out / f"compare-{name}.png"
        view.grab().save(str(path))
        written.append(path)
    view.set_showing_original(False)
    empty = CompareView()
    empty.resize(*VIEW)
    empty.show()
    app.processEvents()
    path = args.out / "compare-empty.png"
    empty.grab().save(str(path))
    written.append(path)
    print("screenshots:", " ".join(str(p) for p in written))

    view.wait_for_workers()
    empty.wait_for_workers()
    view.close()
    empty.close()


if __name__ == "__main__":
    main()
