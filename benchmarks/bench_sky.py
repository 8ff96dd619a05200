"""Benchmark of the offline Interior sky on the shared test photos.

Prints, per photo: the time of detect + replace at about 12 MP (each photo is resized to the
area of 4240 x 2832), the peak memory of the process that did it, and the share of the photo
called sky. Then pixel precision and recall of the detection against the hand-labelled sky
masks in ``tests/data/sky_truth`` (recall also on blown-out glass alone), and the pixels called
sky on the photos labelled without sky. The photos shot as a bracket (``BRACKETS``) are measured
twice, alone and with their darker shot, and so are the totals; the bracket path is timed at
12 MP too, its alignment included. Finally it writes
before/after pictures for the README to docs/images/sky-*.jpg (under 300 KB each).

Reads ../shared/photos next to the project when it exists; otherwise says so and exits 0.
Timings are noisy on a shared machine: read them as an order of magnitude. No asserts.

    .venv/bin/python benchmarks/bench_sky.py [--quick]

``--quick`` skips the 12 MP timings; ``--help`` prints this and runs nothing.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PHOTOS = ROOT.parent / "shared" / "photos"
IMAGES = ROOT / "docs" / "images"
TARGET_AREA = 4240 * 2832

TRUTH = ROOT / "tests" / "data" / "sky_truth"
#: A sky pixel counts as blown-out glass when every channel is at least this.
BLOWN = 245
TIMED = [
    "dining-room-windows-blown-out-01",
    "kitchen-dining-skylights-01",
    "living-room-fireplace-windows-01",
    "bedroom-window-blinds-drapes-01",
    "sunroom-large-windows-01",
    "kitchen-window-cherry-cabinets-01",
    "foyer-arched-window-blown-out-01",
    "bathroom-small-window-01",
    "kids-bedroom-window-01",
    "living-room-window-balcony-01",
    "bathroom-tub-dim-01",
]
#: Photos whose darker shot of the same scene (an exposure bracket) is in the photo set.
BRACKETS = {
    "dining-room-windows-blown-out-01": "dining-room-windows-dark-bracket-01",
    "kitchen-dining-skylights-01": "kitchen-dining-skylights-dark-bracket-01",
}
PICTURES = {
    "sky-dining-room.jpg": ("dining-room-windows-blown-out-01", 0),
    "sky-sunroom.jpg": ("sunroom-large-windows-01", 0),
    "sky-living-room-balcony.jpg": ("living-room-window-balcony-01", 1),
}
#: Crops at 100 % (the photo's own pixels, x0, y0, x1, y1), before | after, for the README.
CROPS = {
    "sky-crop-dining-room.jpg": ("dining-room-windows-blown-out-01", 0, (1080, 160, 1880, 1000)),
    "sky-crop-kitchen-skylights.jpg": ("kitchen-dining-skylights-01", 0, (200, 0, 1050, 620)),
    "sky-crop-foyer.jpg": ("foyer-arched-window-blown-out-01", 0, (200, 120, 800, 620)),
}
#: The same, with the photo's darker shot (``BRACKETS``).
BRACKET_CROPS = {
    "sky-crop-dining-room-bracket.jpg": ("dining-room-windows-blown-out-01", 0,
                                         (1080, 160, 1880, 1000)),
    "sky-crop-kitchen-skylights-bracket.jpg": ("kitchen-dining-skylights-01", 0,
                                               (200, 0, 1050, 620)),
}
MAX_BYTES = 300_000


def load(name: str) -> np.ndarray:
    with Image.open(PHOTOS / f"{name}.jpg") as im:
        return np.asarray(im.convert("RGB"))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _current_mb() -> float:
    """Resident memory now (Linux), to tell the photo's share of the peak from the runtime's."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return float("nan")


def _at_12mp(rgb: np.ndarray) -> np.ndarray:
    scale = (TARGET_AREA / (rgb.shape[0] * rgb.shape[1])) ** 0.5
    size = (round(rgb.shape[1] * scale), round(rgb.shape[0] * scale))
    return np.ascontiguousarray(cv2.resize(rgb, size, interpolation=cv2.INTER_CUBIC))


def _timed_run(name: str, dark_name: str | None = None,
               ) -> tuple[tuple[int, int], float, float, float, float, float, float]:
    """In a fresh process: (size, detect s, replace s, whole job s, peak MB, resident MB before
    the photo was read, sky share). The whole job is what the engine's worker does: read the
    12 MP JPEG (and the darker shot's, with ``dark_name``), detect, replace, write the result
    (or say there is no sky)."""
    import contextlib
    import tempfile

    from desktop_app.core.errors import NoSkyError
    from desktop_app.core.models import Service
    from desktop_app.engines.local import sky
    from desktop_app.engines.local.engine import process_photo

    tiny = np.zeros((64, 64, 3), np.uint8)
    sky.run_sky(tiny)  # warm up imports and OpenCV
    base = _current_mb()
    big = _at_12mp(load(name))
    dark = _at_12mp(load(dark_name)) if dark_name else None
    t0 = time.perf_counter()
    alpha = sky.detect_sky(big, dark)
    t1 = time.perf_counter()
    sky.replace_sky(big, alpha, seed=0, dark=dark)  # with a darker shot: its view fused in
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "photo.jpg"
        Image.fromarray(big).save(source, quality=92)
        dark_path = None
        if dark is not None:
            dark_path = str(Path(tmp) / "dark.jpg")
            Image.fromarray(dark).save(dark_path, quality=92)
        t3 = time.perf_counter()
        with contextlib.suppress(NoSkyError):  # "no sky" is an answer, and its time counts
            process_photo(Service.SKY, source, None, 0, Path(tmp) / "result.jpg", dark_path)
        t4 = time.perf_counter()
    size = (big.shape[1], big.shape[0])
    return (size, t1 - t0, t2 - t1, t4 - t3, _peak_mb(), base, float(np.mean(alpha > 0.5)))


def timings() -> None:
    print(f"\n12 MP runs (each in its own process; {mp.cpu_count()} CPUs, shared, so noisy)")
    print(
        f"{'photo':42s} {'size':>10s} {'detect':>7s} {'replace':>8s} {'total':>6s} "
        f"{'job':>6s} {'peak MB':>8s} {'+photo':>7s} {'sky':>6s}"
    )
    print("  peak MB: the whole process at its peak; +photo: that peak minus the resident size")
    print("  just before the photo was read (the photo, its 12 MP copy and all the work on it);")
    print("  job: the whole job of the engine's worker, JPEG read and result written included")
    print("  + darker shot: the same photo with its bracket's darker frame (also 12 MP), read,")
    print("  aligned and used")
    ctx = mp.get_context("spawn")
    totals: list[float] = []
    jobs: list[float] = []
    runs = [(name, None) for name in TIMED]
    runs += [(name, dark) for name, dark in BRACKETS.items() if name in TIMED]
    for name, dark in runs:
        if not (PHOTOS / f"{name}.jpg").exists():
            continue
        if dark and not (PHOTOS / f"{dark}.jpg").exists():
            continue
        with ctx.Pool(1, maxtasksperchild=1) as pool:
            size, td, tr, tj, peak, base, share = pool.apply(_timed_run, (name, dark))
        totals.append(td + tr)
        jobs.append(tj)
        label = f"{name} + darker shot" if dark else name
        print(
            f"{label:42s} {size[0]:>5d}x{size[1]:<4d} {td:7.2f} {tr:8.2f} {td + tr:6.2f} "
            f"{tj:6.2f} {peak:8.0f} {peak - base:7.0f} {share:6.3f}"
        )
    if totals:
        print(
            f"detect + replace: median {np.median(totals):.2f} s, worst {max(totals):.2f} s; "
            f"whole job: median {np.median(jobs):.2f} s, worst {max(jobs):.2f} s "
            f"(goal: 3 s on 2 cores)"
        )


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def _row(label: str, rgb: np.ndarray, dark: np.ndarray | None, labels: np.ndarray,
         drawn: np.ndarray) -> np.ndarray:
    """Print one photo's figures (with its darker shot when ``dark``); return its counts."""
    from desktop_app.engines.local import sky, sky_eval

    alpha = sky.detect_sky(rgb, dark)
    blown = rgb.min(axis=2) >= BLOWN
    tp, called, found, wanted = sky_eval.precision_recall(alpha, labels)
    _, _, found_b, wanted_b = sky_eval.precision_recall(alpha, labels, within=blown)
    # the same at the size the labels were drawn: the alpha averaged down to it
    shrunk = cv2.resize(alpha, drawn.shape[::-1], interpolation=cv2.INTER_AREA)
    tp_d, called_d, _, _ = sky_eval.precision_recall(shrunk, drawn)
    print(f"{label:42s} {_ratio(tp, called):>9s} {_ratio(found, wanted):>7s} "
          f"{_ratio(found_b, wanted_b):>12s} {wanted / labels.size:6.3f} "
          f"{np.mean(alpha > 0.5):6.3f} {_ratio(tp_d, called_d):>17s}")
    return np.array((tp, called, found, wanted, found_b, wanted_b, tp_d, called_d), np.int64)


def _total_row(label: str, totals: np.ndarray) -> None:
    tp, called, found, wanted, found_b, wanted_b, tp_d, called_d = (int(v) for v in totals)
    print(f"{label:42s} {_ratio(tp, called):>9s} {_ratio(found, wanted):>7s} "
          f"{_ratio(found_b, wanted_b):>12s} {'':6s} {'':6s} {_ratio(tp_d, called_d):>17s}")


def accuracy() -> None:
    """Precision and recall against the hand-labelled masks, false sky on the photos without."""
    from desktop_app.engines.local import sky, sky_eval

    print(f"\nAgainst the hand-labelled sky ({TRUTH.relative_to(ROOT)}; photo size as stored)")
    print(f"{'photo':42s} {'precision':>9s} {'recall':>7s} {'blown recall':>12s} "
          f"{'truth':>6s} {'called':>6s} {'precision at 1024':>17s}")
    alone = np.zeros(8, np.int64)  # every photo on its own
    paired = np.zeros(8, np.int64)  # the bracketed photos with their darker shot
    for path in sorted(TRUTH.glob("*.png")):
        name = path.stem
        if not (PHOTOS / f"{name}.jpg").exists():
            continue
        rgb = load(name)
        with Image.open(path) as im:
            drawn = np.asarray(im.convert("L"))
        labels = sky_eval.scale_truth(drawn, rgb.shape)
        counts = _row(name, rgb, None, labels, drawn)
        alone += counts
        dark = BRACKETS.get(name)
        if dark and (PHOTOS / f"{dark}.jpg").exists():
            counts = _row(f"  + darker shot ({dark})"[:42], rgb, load(dark), labels, drawn)
        paired += counts
    _total_row("all labelled photos, each on its own", alone)
    _total_row("all, bracketed ones with the darker shot", paired)
    print("  (pixel counts pooled over the photos)")
    print("  goals: precision >= 0.95 overall and >= 0.9 on every photo; recall >= 0.8 on")
    print(f"  blown-out glass (sky pixels whose every channel is >= {BLOWN})")
    print("  precision at 1024: the alpha averaged down to the labels' own size (longer side")
    print("  1024 px) and compared there; at the photo's size each label pixel is a block of")
    print("  about 2 x 2, so a label edge can be a pixel off the photo's own edge. The goals")
    print("  are on the first.")

    print("\nFalse sky on the photos labelled without sky (pixels called sky; goal 0)")
    for name in (TRUTH / "no-sky.txt").read_text().split():
        if (PHOTOS / f"{name}.jpg").exists():
            alpha = sky.detect_sky(load(name))
            print(f"{name:42s} {int(np.count_nonzero(alpha > 0.5)):8d} "
                  f"(any alpha > 0: {int(np.count_nonzero(alpha > 0))})")


def pictures() -> None:
    from desktop_app.engines.local import sky

    IMAGES.mkdir(parents=True, exist_ok=True)
    print("\nREADME pictures (before | after)")
    for file_name, (name, seed) in PICTURES.items():
        if not (PHOTOS / f"{name}.jpg").exists():
            continue
        rgb = load(name)
        result, _ = sky.run_sky(rgb, seed=seed)
        panel_w = 800
        panel_h = round(rgb.shape[0] * panel_w / rgb.shape[1])
        before = Image.fromarray(rgb).resize((panel_w, panel_h), Image.Resampling.LANCZOS)
        after = Image.fromarray(result).resize((panel_w, panel_h), Image.Resampling.LANCZOS)
        side = Image.new("RGB", (2 * panel_w + 8, panel_h), (255, 255, 255))
        side.paste(before, (0, 0))
        side.paste(after, (panel_w + 8, 0))
        _save_jpeg(side, IMAGES / file_name)


def crops() -> None:
    from desktop_app.engines.local import sky

    print("\nREADME crops at 100 % (before | after)")
    jobs = [(*job, False) for job in CROPS.items()] + [(*job, True) for job in
                                                        BRACKET_CROPS.items()]
    for file_name, (name, seed, (x0, y0, x1, y1)), bracketed in jobs:
        dark_name = BRACKETS[name] if bracketed else None
        if not all((PHOTOS / f"{n}.jpg").exists() for n in (name, dark_name) if n):
            continue
        rgb = load(name)
        result, _ = sky.run_sky(rgb, seed=seed, dark=load(dark_name) if dark_name else None)
        before = Image.fromarray(rgb[y0:y1, x0:x1])
        after = Image.fromarray(result[y0:y1, x0:x1])
        side = Image.new("RGB", (2 * before.width + 8, before.height), (255, 255, 255))
        side.paste(before, (0, 0))
        side.paste(after, (before.width + 8, 0))
        _save_jpeg(side, IMAGES / file_name)


def _save_jpeg(image: Image.Image, path: Path) -> None:
    for quality in (88, 82, 76, 70, 62):
        image.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
        if path.stat().st_size < MAX_BYTES:
            break
    print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


def main(argv: list[str]) -> int:
    if "--help" in argv or "-h" in argv:
        print(__doc__)
        return 0
    if not PHOTOS.is_dir():
        print(f"No shared photos at {PHOTOS}; nothing to measure.")
        return 0
    print(f"Photos from {PHOTOS}")
    accuracy()
    if "--quick" not in argv:
        timings()
    pictures()
    crops()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
