"""How long the viewer's full decode of a 24 MP photo in another colour space keeps the window's
thread waiting. Not a test: it prints numbers.

Run:  .venv/bin/python benchmarks/bench_colour_space.py [--repeat N]

Cameras save Adobe RGB and phones Display P3; the viewer shows sRGB, so the full-size decode
(on a worker thread) converts the photo. Qt's conversion keeps the interpreter lock throughout,
so the window's thread cannot run meanwhile. This decodes a 24 MP Display P3 JPEG (made of a
shared photo with realistic_photo.py) on a worker thread while the main thread wakes every
0.5 ms, and prints the longest gap between its wakes: with ``load_image`` (the app, band by
band) and with the whole photo converted at once (Qt alone), beside an sRGB photo's decode.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_window import make_24mp  # noqa: E402
from PIL import Image  # noqa: E402
from PySide6.QtGui import QColorSpace, QGuiApplication, QImage, QImageReader  # noqa: E402

from desktop_app.ui.image_loader import load_image  # noqa: E402


def longest_wait(work: Callable[[], object]) -> tuple[float, float]:
    """(seconds ``work`` took on a worker thread, the main thread's longest gap in ms)."""
    done = threading.Event()
    took: list[float] = []

    def run() -> None:
        start = time.perf_counter()
        work()
        took.append(time.perf_counter() - start)
        done.set()

    worker = threading.Thread(target=run)
    last, worst = time.perf_counter(), 0.0
    worker.start()
    while not done.is_set():
        time.sleep(0.0005)
        now = time.perf_counter()
        worst, last = max(worst, now - last), now
    worker.join()
    return took[0], worst * 1000


def whole_at_once(path: Path) -> QImage:
    image = QImageReader(str(path)).read()
    image.convertToColorSpace(QColorSpace(QColorSpace.NamedColorSpace.SRgb))
    return image


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = QGuiApplication([])  # noqa: F841 (Qt's image readers need an application)
    with tempfile.TemporaryDirectory(prefix="skyclear-bench-") as folder:
        srgb = make_24mp(1, Path(folder))[0]
        p3 = Path(folder) / "display-p3.jpg"
        profile = QColorSpace(QColorSpace.NamedColorSpace.DisplayP3).iccProfile().data()
        with Image.open(srgb) as im:
            im.save(p3, quality=92, icc_profile=bytes(profile))
        cases = (("sRGB photo, load_image", lambda: load_image(srgb)),
                 ("Display P3 photo, load_image", lambda: load_image(p3)),
                 ("Display P3 photo, converted at once", lambda: whole_at_once(p3)))
        for name, work in cases:
            runs = [longest_wait(work) for _ in range(args.repeat)]
            print(f"{name}: " + ", ".join(f"{took:.2f} s (window waited up to {gap:.0f} ms)"
                                          for took, gap in runs))


if __name__ == "__main__":
    main()
