"""Speed and memory of the mask editor on a 24 MP photo.

    .venv/bin/python benchmarks/bench_mask_editor.py [--upscaled]

Measures, on a 6000 × 4000 photo with real-photo detail (four shared photos side by side with
sensor-like grain, see realistic_photo.py; ``--upscaled``: one shared photo enlarged alone, the
smooth input earlier versions measured):

* painting: time per mouse-move event of a long brush stroke, including the repaint of the
  dirty area, in a 1600 × 1000 canvas, at fit zoom and at 100 % (goal: ≥ 60 events/s);
* exporting the mask PNG (goal < 300 ms);
* memory held by 100 undo steps (goal < 300 MB);
* smart-select latency (goal < 1 s), and grow/shrink of a large mask.

Timings are wall-clock on whatever machine runs this; on a shared machine they are noisy.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cv2
import numpy as np
import psutil
from PIL import Image
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPaintEvent
from PySide6.QtWidgets import QApplication

from desktop_app.core import mask_ops, masks
from desktop_app.core.smart_select import select_region
from desktop_app.core.undo import UndoStack
from desktop_app.ui.image_arrays import qimage_rgb_view
from desktop_app.ui.mask_canvas import MaskCanvas

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "photos"
PHOTO_NAME = "bedroom-window-blinds-drapes-01.jpg"
FALLBACK = ROOT / "resources" / "demo-living-room.jpg"
W, H = 6000, 4000


def source_photo() -> Path:
    path = SHARED / PHOTO_NAME
    if path.exists():
        return path
    print(f"note: {SHARED} is not there; using the demo photo {FALLBACK.name} instead")
    return FALLBACK


def big_qimage(path: Path | None) -> QImage:
    """The 24 MP photo: ``path`` enlarged alone (bicubic), or with None the real-detail one."""
    if path is None:
        from realistic_photo import realistic_24mp

        real = realistic_24mp()
        big = np.ascontiguousarray(np.asarray(Image.open(real).convert("RGB")))
        print(f"photo: {real.name}, {W}×{H} with real-photo detail "
              f"({real.stat().st_size / 1e6:.1f} MB JPEG, see realistic_photo.py)")
    else:
        rgb = np.asarray(Image.open(path).convert("RGB"))
        print(f"photo: {path.name} {rgb.shape[1]}×{rgb.shape[0]}, upscaled to {W}×{H} (bicubic) "
              "for the 24 MP measurements")
        big = cv2.resize(rgb, (W, H), interpolation=cv2.INTER_CUBIC)
    assert big.shape[:2] == (H, W)
    image = QImage(big.data, W, H, 3 * W, QImage.Format.Format_RGB888)
    return image.convertToFormat(QImage.Format.Format_RGB32)


class CountingCanvas(MaskCanvas):
    paints = 0
    painted_area = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        type(self).paints += 1
        r = event.rect()
        type(self).painted_area += r.width() * r.height()
        super().paintEvent(event)


def move(canvas: MaskCanvas, pos: QPointF, buttons: Qt.MouseButton) -> None:
    ev = QMouseEvent(QEvent.Type.MouseMove, pos, canvas.mapToGlobal(pos), Qt.MouseButton.NoButton,
                     buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, ev)


def press(canvas: MaskCanvas, pos: QPointF, kind: QEvent.Type) -> None:
    ev = QMouseEvent(kind, pos, canvas.mapToGlobal(pos), Qt.MouseButton.LeftButton,
                     Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress
                     else Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, ev)


def bench_stroke(app: QApplication, canvas: CountingCanvas, label: str, events: int = 600
                 ) -> None:
    w, h = canvas.width(), canvas.height()
    path = [QPointF(80 + (w - 160) * i / events,
                    h / 2 + (h / 3) * math.sin(i / events * 6 * math.pi)) for i in range(events)]
    press(canvas, path[0], QEvent.Type.MouseButtonPress)
    app.processEvents()
    CountingCanvas.paints = 0
    CountingCanvas.painted_area = 0
    times = []
    for p in path[1:]:
        t0 = time.perf_counter()
        move(canvas, p, Qt.MouseButton.LeftButton)
        app.processEvents()  # delivers the update request: the dirty area is repainted
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    press(canvas, path[-1], QEvent.Type.MouseButtonRelease)
    release = time.perf_counter() - t0
    app.processEvents()
    mean = statistics.fmean(times)
    p95 = sorted(times)[int(0.95 * len(times))]
    area = CountingCanvas.painted_area / max(1, CountingCanvas.paints)
    print(f"stroke at {label}: {len(times)} move events, mean {mean * 1000:.2f} ms "
          f"(p95 {p95 * 1000:.2f} ms, max {max(times) * 1000:.2f} ms) = {1 / mean:.0f} events/s; "
          f"{CountingCanvas.paints} repaints of {area / 1000:.0f} k widget px on average; "
          f"end of stroke (undo step) {release * 1000:.1f} ms; brush {canvas.brush_size()} px")


def bench_undo_memory() -> None:
    mask = mask_ops.new_mask(W, H)
    rng = np.random.default_rng(1)
    proc = psutil.Process()
    gc.collect()
    rss0 = proc.memory_info().rss
    stack = UndoStack(mask)
    t0 = time.perf_counter()
    i = 0
    while len(stack) < 100:  # an eraser stroke over empty mask records nothing: retry
        i += 1
        kind = i % 10
        if kind == 9:
            box = mask_ops.invert(mask)
        elif kind == 8:
            x, y = rng.integers(0, W - 1500), rng.integers(0, H - 1500)
            box = mask_ops.fill_rect(mask, (x, y), (x + int(rng.integers(200, 1500)),
                                                    y + int(rng.integers(200, 1500))))
        elif kind == 7:  # a smart-select sized blob with a ragged outline
            blob = np.zeros((1200, 1200), np.uint8)
            pts = (rng.normal(600, 250, (40, 2))).astype(np.int32)
            cv2.fillPoly(blob, [cv2.convexHull(pts)], 1)
            blob = (cv2.GaussianBlur(blob.astype(np.float32), (0, 0), 15)
                    + rng.normal(0, 0.05, blob.shape)) > 0.5
            box = mask_ops.paste(mask, blob, (int(rng.integers(0, W - 1200)),
                                              int(rng.integers(0, H - 1200))))
        else:  # a long brush stroke of many segments
            box = None
            p = rng.uniform((0, 0), (W, H))
            radius = float(rng.uniform(20, 150))
            for _ in range(60):
                q = np.clip(p + rng.normal(0, 90, 2), 0, (W, H))
                box = mask_ops.union_boxes(box, mask_ops.stroke(
                    mask, tuple(p), tuple(q), radius, value=bool(i % 3)))
                p = q
        stack.commit(box, "step")
    elapsed = time.perf_counter() - t0
    gc.collect()
    rss1 = proc.memory_info().rss
    print(f"undo: {len(stack)} steps on a {W}×{H} mask: history {stack.history_bytes / 1e6:.2f} MB"
          f" + committed copy {stack.nbytes / 1e6 - stack.history_bytes / 1e6:.1f} MB = "
          f"{stack.nbytes / 1e6:.1f} MB (process grew by {(rss1 - rss0) / 1e6:.1f} MB incl. the "
          f"24 MB mask itself); {elapsed / i * 1000:.1f} ms per edit incl. painting")
    t0 = time.perf_counter()
    while stack.can_undo():
        stack.undo()
    t_undo = time.perf_counter() - t0
    print(f"undo all 100 steps: {t_undo * 1000:.0f} ms ({t_undo * 10:.1f} ms per step)")


def bench_export(mask: np.ndarray) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for i in range(5):
            t0 = time.perf_counter()
            path = masks.write_mask(mask.view(np.bool_), Path(tmp) / f"m{i}.png")
            times.append(time.perf_counter() - t0)
        size = path.stat().st_size
    print(f"export mask PNG ({W}×{H}, {mask_ops.coverage(mask) * 100:.1f} % marked): median "
          f"{statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, max "
          f"{max(times) * 1000:.0f}); {size / 1000:.0f} kB")


def bench_smart_select(photo: QImage, tiled: bool) -> None:
    """``tiled``: the real-detail photo, where the bedroom is the bottom-right quarter (its
    objects half as many pixels across): the same objects are aimed at there."""
    rgb = qimage_rgb_view(photo)
    cases = [("click on the chair", (0.18, 0.85), None),
             ("click on the cushion", (0.75, 0.55), None),
             ("click on the bed", (0.6, 0.75), None),
             ("box around the chair", None, (0.04, 0.48, 0.38, 0.999))]
    select_region(rgb, (100, 100))  # warm-up (first-call costs)
    for name, point, rect in cases:
        if tiled:
            point = None if point is None else (0.5 + point[0] / 2, 0.5 + point[1] / 2)
            rect = None if rect is None else (0.5 + rect[0] / 2, 0.5 + rect[1] / 2,
                                              0.5 + rect[2] / 2, 0.5 + rect[3] / 2)
        p = None if point is None else (point[0] * W, point[1] * H)
        r = None if rect is None else (int(rect[0] * W), int(rect[1] * H), int(rect[2] * W),
                                       int(rect[3] * H))
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            sel = select_region(rgb, p, r)
            times.append(time.perf_counter() - t0)
        print(f"smart select, {name}: median {statistics.median(times) * 1000:.0f} ms (max "
              f"{max(times) * 1000:.0f} ms); proposal {sel.pixels / 1e6:.2f} MP in a "
              f"{sel.box.width}×{sel.box.height} box")


def bench_grow(mask: np.ndarray) -> None:
    for n in (10, -10):
        work = mask.copy()
        t0 = time.perf_counter()
        mask_ops.grow_or_shrink(work, n)
        print(f"{'grow' if n > 0 else 'shrink'} by {abs(n)} px ({mask_ops.coverage(mask) * 100:.1f}"
              f" % marked): {(time.perf_counter() - t0) * 1000:.0f} ms (in the background)")


def wait(app: QApplication, cond, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise TimeoutError
        app.processEvents()
        time.sleep(0.005)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upscaled", action="store_true",
                        help="one shared photo enlarged to 24 MP (the smooth, older input)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    print(f"cpus: {os.cpu_count()}; timings are wall-clock and noisy on a shared machine")
    src = source_photo()
    photo = big_qimage(src if args.upscaled else None)

    canvas = CountingCanvas()
    canvas.resize(1600, 1000)
    t0 = time.perf_counter()
    canvas.set_photo(photo)
    print(f"set_photo (mask + overlay + undo copy): {(time.perf_counter() - t0) * 1000:.0f} ms")
    canvas.show()
    canvas.wait_for_workers()  # the viewport's pyramid
    app.processEvents()
    canvas.set_brush_size(120)
    bench_stroke(app, canvas, f"fit zoom ({canvas.viewport().zoom() * 100:.0f} %)")
    canvas.actual_size(QPointF(800, 500))
    app.processEvents()
    canvas.set_brush_size(60)
    bench_stroke(app, canvas, "100 %")
    canvas.fit()
    app.processEvents()
    canvas.set_brush_size(600)
    bench_stroke(app, canvas, "fit zoom with a huge brush", events=300)
    t0 = time.perf_counter()
    canvas.repaint()
    print(f"full repaint at fit zoom: {(time.perf_counter() - t0) * 1000:.1f} ms")

    mask = canvas.mask_view().view(np.uint8)
    bench_export(mask)
    bench_grow(np.ascontiguousarray(mask))
    canvas.close()
    canvas.wait_for_workers()
    del canvas
    bench_undo_memory()
    bench_smart_select(photo, tiled=not args.upscaled)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
