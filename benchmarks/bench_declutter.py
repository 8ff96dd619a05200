"""Benchmark of the local Declutter fill against fast-marching inpainting, with ground truth.

Cases are made from the real photos in ``shared/photos``: a real object is cut out of one photo
(GrabCut from a hand-chosen rectangle), pasted onto an empty floor or wall area of another photo,
and the pasted area becomes the mask. The untouched photo is the ground truth.

Each method runs in its own subprocess per case, so its peak resident memory (ru_maxrss,
which includes the interpreter, NumPy/OpenCV and the case's arrays) is its own.
Quality (PSNR and SSIM inside the mask) is measured at the photos' own size (about 2048 px wide)
and, upscaled, at about 12 MP, where time is measured against the 10 s goal.

    .venv/bin/python benchmarks/bench_declutter.py            # both sizes, all cases
    .venv/bin/python benchmarks/bench_declutter.py --sizes native --crops
    .venv/bin/python benchmarks/bench_declutter.py --sizes native --cases rugs   # the rugs only

``--cases`` takes parts of case names, or ``rugs`` (the carpet and rug cases) and ``twelve`` (the
12 cases whose mean gain is tracked).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PHOTOS = Path(os.environ.get("SKYCLEAR_PHOTOS", ROOT.parent / "shared" / "photos"))
DOCS = ROOT / "docs" / "images"
TWELVE_MP = 4240 * 2832

# Objects to cut: photo and a rectangle (x0, y0, x1, y1) around the object, in the photo's pixels.
OBJECTS: dict[str, tuple[str, tuple[int, int, int, int]]] = {
    "chair": ("bedroom-window-blinds-drapes-01.jpg", (120, 650, 790, 1365)),
    "stools": ("kitchen-white-island-01.jpg", (1420, 950, 1790, 1440)),
    "flowers": ("kitchen-white-island-01.jpg", (1300, 660, 1490, 870)),
    "jug": ("living-room-cluttered-01.jpg", (1155, 1050, 1315, 1245)),
    "dumbbells": ("living-room-cluttered-01.jpg", (825, 1195, 1055, 1415)),
    "ottoman": ("living-room-window-balcony-01.jpg", (65, 945, 315, 1135)),
    "sidetable": ("living-room-fireplace-windows-01.jpg", (455, 630, 605, 985)),
    "wicker": ("sunroom-large-windows-01.jpg", (1340, 720, 1650, 1010)),
}

# name, object, target photo, centre x, bottom y, object height (target photo's pixels).
CASES: list[tuple[str, str, str, int, int, int]] = [
    ("dining-chair-skirting", "chair", "dining-room-windows-blown-out-01.jpg", 1450, 1340, 500),
    ("dining-ottoman-wainscot", "ottoman", "dining-room-windows-blown-out-01.jpg", 250, 1310, 280),
    ("foyer-chair-wall", "chair", "foyer-arched-window-blown-out-01.jpg", 1590, 1180, 420),
    ("foyer-stools-floor", "stools", "foyer-arched-window-blown-out-01.jpg", 620, 1275, 400),
    ("bedroom-dumbbells-carpet", "dumbbells", "bedroom-window-blinds-drapes-01.jpg",
     1000, 1350, 340),
    ("bedroom-stools-carpet", "stools", "bedroom-window-blinds-drapes-01.jpg", 1250, 1360, 420),
    ("fireplace-jug-rug", "jug", "living-room-fireplace-windows-01.jpg", 900, 1330, 360),
    ("fireplace-flowers-wall", "flowers", "living-room-fireplace-windows-01.jpg", 330, 640, 300),
    ("balcony-wicker-floor", "wicker", "living-room-window-balcony-01.jpg", 1600, 1350, 400),
    ("balcony-sidetable-wall", "sidetable", "living-room-window-balcony-01.jpg", 840, 770, 400),
    ("cherry-jug-tiles", "jug", "kitchen-window-cherry-cabinets-01.jpg", 1000, 1070, 260),
    ("island-dumbbells-toekick", "dumbbells", "kitchen-white-island-01.jpg", 300, 1430, 320),
]
# Carpets and rugs with a pattern or a pile: the fill must continue their texture (reported apart,
# so the mean over the 12 cases above stays comparable with earlier runs).
RUG_CASES: list[tuple[str, str, str, int, int, int]] = [
    ("cluttered-jug-rug", "jug", "living-room-cluttered-01.jpg", 900, 1150, 220),
    ("cluttered-ottoman-rug", "ottoman", "living-room-cluttered-01.jpg", 640, 1120, 140),
    ("kitchen-jug-oriental-rug", "jug", "kitchen-dining-skylights-01.jpg", 300, 1090, 130),
    ("fireplace-ottoman-rug", "ottoman", "living-room-fireplace-windows-01.jpg", 1300, 1250, 220),
    ("balcony-flowers-jute-rug", "flowers", "living-room-window-balcony-01.jpg", 500, 1300, 180),
]
#: Names ``--cases`` takes for a whole group.
GROUPS = {"rugs": RUG_CASES, "twelve": CASES}
#: A real clutter photo with a painted mask (no ground truth): the prayer mat and dumbbells on
#: the striped rug, the mask stored with the tests at half size.
PAINTED = ("living-room-cluttered-01.jpg",
           ROOT / "tests" / "data" / "masks" / "living-room-cluttered-01-mat-dumbbells.png",
           (1110, 1480, 300, 1200))  # rows and columns shown, in the photo's pixels
CROP_CASES = ("dining-chair-skirting", "bedroom-dumbbells-carpet", "balcony-sidetable-wall",
              "fireplace-ottoman-rug", "kitchen-jug-oriental-rug")  # the README's pictures


# ------------------------------------------------------------------------------------------
# Cases


def cut_object(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The object's pixels (BGR) and its shape (bool), cropped to its bounding box."""
    photo, (x0, y0, x1, y1) = OBJECTS[name]
    image = cv2.imread(str(PHOTOS / photo))
    pad = 20
    cx0, cy0 = max(0, x0 - pad), max(0, y0 - pad)
    cx1, cy1 = min(image.shape[1], x1 + pad), min(image.shape[0], y1 + pad)
    crop = np.ascontiguousarray(image[cy0:cy1, cx0:cx1])
    labels = np.zeros(crop.shape[:2], np.uint8)
    bgd, fgd = np.zeros((1, 65)), np.zeros((1, 65))
    # GrabCut draws from OpenCV's global random generator: seeded, an object is cut the same
    # whichever cases ran before it, so ``--cases`` measures the very cases of a full run
    cv2.setRNGSeed(0)
    cv2.grabCut(crop, labels, (x0 - cx0, y0 - cy0, x1 - x0, y1 - y0), bgd, fgd, 5,
                cv2.GC_INIT_WITH_RECT)
    shape = ((labels == cv2.GC_FGD) | (labels == cv2.GC_PR_FGD)).astype(np.uint8)
    _, comp, stats, _ = cv2.connectedComponentsWithStats(shape)
    shape = (comp == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))).astype(np.uint8)
    shape = cv2.morphologyEx(shape, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8)).astype(bool)
    ys, xs = np.nonzero(shape)
    box = slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1)
    return crop[box], shape[box]


def build_case(case: tuple[str, str, str, int, int, int],
               megapixels: float | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ground truth, photo with the pasted object, mask), BGR uint8 and bool."""
    _, obj, target, cx, bottom, height = case
    truth = cv2.imread(str(PHOTOS / target))
    pixels, shape = cut_object(obj)
    f = height / pixels.shape[0]
    pixels = cv2.resize(pixels, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    shape = cv2.resize(shape.astype(np.uint8), None, fx=f, fy=f,
                       interpolation=cv2.INTER_NEAREST).astype(bool)
    h, w = shape.shape
    x0, y0 = int(cx - w / 2), bottom - h
    tx0, ty0 = max(0, x0), max(0, y0)
    tx1, ty1 = min(truth.shape[1], x0 + w), min(truth.shape[0], y0 + h)
    mask = np.zeros(truth.shape[:2], bool)
    mask[ty0:ty1, tx0:tx1] = shape[ty0 - y0:ty1 - y0, tx0 - x0:tx1 - x0]
    before = truth.copy()
    region = mask[ty0:ty1, tx0:tx1]
    before[ty0:ty1, tx0:tx1][region] = pixels[ty0 - y0:ty1 - y0, tx0 - x0:tx1 - x0][region]
    # A painted mask is a little larger than the object.
    ring = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    mask = cv2.dilate(mask.astype(np.uint8), ring).astype(bool)
    if megapixels:
        s = math.sqrt(megapixels / (truth.shape[0] * truth.shape[1]))
        size = (round(truth.shape[1] * s), round(truth.shape[0] * s))
        truth = cv2.resize(truth, size, interpolation=cv2.INTER_CUBIC)
        before = cv2.resize(before, size, interpolation=cv2.INTER_CUBIC)
        mask = cv2.resize(mask.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
        before[~mask] = truth[~mask]
    return truth, before, mask


# ------------------------------------------------------------------------------------------
# Metrics


def psnr_in(result: np.ndarray, truth: np.ndarray, mask: np.ndarray) -> float:
    diff = result[mask].astype(np.float64) - truth[mask].astype(np.float64)
    mse = float(np.mean(diff ** 2))
    return 10.0 * math.log10(255.0 ** 2 / max(mse, 1e-10))


def ssim_in(result: np.ndarray, truth: np.ndarray, mask: np.ndarray) -> float:
    """Mean SSIM (11x11 Gaussian window, sigma 1.5, per channel) over the mask's pixels."""
    ys, xs = np.nonzero(mask)
    pad = 8
    y0, y1 = max(0, ys.min() - pad), min(mask.shape[0], ys.max() + pad + 1)
    x0, x1 = max(0, xs.min() - pad), min(mask.shape[1], xs.max() + pad + 1)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    inside = mask[y0:y1, x0:x1]
    scores = []
    for ch in range(3):
        a = result[y0:y1, x0:x1, ch].astype(np.float64)
        b = truth[y0:y1, x0:x1, ch].astype(np.float64)

        def blur(x: np.ndarray) -> np.ndarray:
            return cv2.GaussianBlur(x, (11, 11), 1.5)

        ma, mb = blur(a), blur(b)
        va, vb, cov = blur(a * a) - ma * ma, blur(b * b) - mb * mb, blur(a * b) - ma * mb
        m = ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2))
        scores.append(float(m[inside].mean()))
    return float(np.mean(scores))


def texture_ratio(result: np.ndarray, truth: np.ndarray, mask: np.ndarray) -> float:
    """Gradient energy of the fill over that of the surface around the hole (1: the same)."""
    def energy(image: np.ndarray) -> np.ndarray:
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(np.float32)
        gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)
        gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)
        return np.sqrt(gx * gx + gy * gy)

    inner = cv2.erode(mask.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0  # not the seam
    dist = cv2.distanceTransform((~mask).astype(np.uint8), cv2.DIST_L2, 3)
    ring = (dist > 4) & (dist <= max(12.0, 0.15 * math.sqrt(mask.sum())))
    around = float(energy(truth)[ring].mean())
    return float(energy(result)[inner].mean()) / max(around, 1e-6)


# ------------------------------------------------------------------------------------------
# One method in a subprocess


def worker(method: str, case_file: str, out_file: str) -> None:
    data = np.load(case_file)
    before, mask = data["before"], data["mask"]
    start = time.perf_counter()
    if method == "telea":
        result = cv2.inpaint(before, mask.astype(np.uint8), 5, cv2.INPAINT_TELEA)
    else:
        from desktop_app.engines.local.declutter import remove_objects

        result = remove_objects(np.ascontiguousarray(before[..., ::-1]), mask)[..., ::-1]
    seconds = time.perf_counter() - start
    np.save(out_file, np.ascontiguousarray(result))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


def run_method(method: str, case_file: Path, out_file: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", method, str(case_file), str(out_file)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------
# Crops for the README


def write_crop(name: str, before: np.ndarray, mask: np.ndarray, telea: np.ndarray,
               ours: np.ndarray, truth: np.ndarray) -> Path:
    ys, xs = np.nonzero(mask)
    size = max(ys.max() - ys.min(), xs.max() - xs.min())
    pad = int(0.45 * size)
    y0, y1 = max(0, ys.min() - pad), min(mask.shape[0], ys.max() + pad)
    x0, x1 = max(0, xs.min() - pad), min(mask.shape[1], xs.max() + pad)
    contours, _ = cv2.findContours(mask[y0:y1, x0:x1].astype(np.uint8), cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_NONE)
    tiles = []
    width = 420
    for label, image, outline in (("photo + mask", before, True), ("TELEA", telea, False),
                                  ("ours", ours, False), ("ground truth", truth, False)):
        tile = image[y0:y1, x0:x1].copy()
        if outline:
            cv2.drawContours(tile, contours, -1, (0, 0, 255), max(2, tile.shape[1] // 200))
        tile = cv2.resize(tile, (width, round(width * tile.shape[0] / tile.shape[1])),
                          interpolation=cv2.INTER_AREA)
        tiles.append(_labelled(tile, label))
    return _save_jpeg(np.hstack(tiles), DOCS / f"declutter-{name}.jpg", 300_000)


def _labelled(tile: np.ndarray, label: str) -> np.ndarray:
    """``tile`` with ``label`` written in its top left corner (in place)."""
    cv2.rectangle(tile, (0, 0), (8 + 11 * len(label), 26), (0, 0, 0), -1)
    cv2.putText(tile, label, (5, 19), cv2.FONT_HERSHEY_SIMPLEX, 0.55, (255, 255, 255), 1,
                cv2.LINE_AA)
    return tile


def _save_jpeg(sheet: np.ndarray, path: Path, limit: int) -> Path:
    """Write ``sheet`` as a JPEG at the best quality that stays under ``limit`` bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for quality in (88, 80, 70, 60):
        ok, data = cv2.imencode(".jpg", sheet, [cv2.IMWRITE_JPEG_QUALITY, quality])
        if ok and len(data) < limit:
            break
    path.write_bytes(data.tobytes())
    return path


def write_painted_crop(tmp: Path) -> Path:
    """The painted example at 100 %: the photo with its mask outlined, TELEA and ours, one
    above the other."""
    photo_name, mask_file, (y0, y1, x0, x1) = PAINTED
    before = cv2.imread(str(PHOTOS / photo_name))
    half = cv2.imread(str(mask_file), cv2.IMREAD_GRAYSCALE)
    mask = cv2.resize(half, (before.shape[1], before.shape[0]),
                      interpolation=cv2.INTER_NEAREST) > 0
    case_file = tmp / "painted.npz"
    np.savez(case_file, before=before, mask=mask)
    results = {}
    for method in ("telea", "ours"):
        run_method(method, case_file, tmp / f"painted-{method}.npy")
        results[method] = np.load(tmp / f"painted-{method}.npy")
    contours, _ = cv2.findContours(mask[y0:y1, x0:x1].astype(np.uint8), cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_NONE)
    tiles = []
    for label, image in (("photo + mask", before), ("TELEA", results["telea"]),
                         ("ours", results["ours"])):
        tile = image[y0:y1, x0:x1].copy()
        if label == "photo + mask":
            cv2.drawContours(tile, contours, -1, (0, 0, 255), 3)
        tiles.append(_labelled(tile, label))
    return _save_jpeg(np.vstack(tiles), DOCS / "declutter-painted-rug-border.jpg", 400_000)


# ------------------------------------------------------------------------------------------


def pick_cases(spec: str) -> list[tuple[str, str, str, int, int, int]]:
    """The cases ``--cases`` names: group names, or parts of case names (all when empty)."""
    wanted = [w.strip() for w in spec.split(",") if w.strip()]
    if not wanted:
        return CASES + RUG_CASES
    return [c for c in CASES + RUG_CASES
            if any(c in GROUPS[w] if w in GROUPS else w in c[0] for w in wanted)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="native,12mp", help="native, 12mp or both")
    parser.add_argument("--cases", default="", help="comma-separated parts of case names")
    parser.add_argument("--crops", action="store_true", help="write README crops (native size)")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return 0
    if not PHOTOS.is_dir():
        print(f"No photos at {PHOTOS}: nothing to benchmark.")
        return 0
    cases = pick_cases(args.cases)
    print(f"cv2 {cv2.__version__}, {os.cpu_count()} cores; times are wall-clock on a shared "
          "machine and noisy. Peak RSS includes Python, NumPy, OpenCV and the arrays.")
    with tempfile.TemporaryDirectory() as tmp:
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            megapixels = TWELVE_MP if size == "12mp" else None
            print(f"\n== {size} ==")
            header = (f"{'case':26s} {'size':>9s} {'hole':>5s} | {'TELEA dB':>8s} {'SSIM':>5s} "
                      f"{'s':>5s} {'MB':>5s} | {'ours dB':>8s} {'SSIM':>5s} {'s':>5s} {'MB':>5s}"
                      f" | {'gain':>5s} | {'texture TELEA':>13s} {'ours':>5s} {'truth':>5s}")
            print(header)
            print("-" * len(header))
            rows = []
            for case in cases:
                truth, before, mask = build_case(case, megapixels)
                case_file = Path(tmp) / "case.npz"
                np.savez(case_file, before=before, mask=mask)
                results = {}
                stats = {}
                for method in ("telea", "ours"):
                    out_file = Path(tmp) / f"{method}.npy"
                    stats[method] = run_method(method, case_file, out_file)
                    results[method] = np.load(out_file)
                    if not np.array_equal(results[method][~mask], before[~mask]):
                        print(f"!! {method} changed pixels outside the mask in {case[0]}")
                row = []
                for method in ("telea", "ours"):
                    row += [psnr_in(results[method], truth, mask),
                            ssim_in(results[method], truth, mask),
                            stats[method]["seconds"], stats[method]["peak_mb"]]
                row += [texture_ratio(results["telea"], truth, mask),
                        texture_ratio(results["ours"], truth, mask),
                        texture_ratio(truth, truth, mask)]
                rows.append(row)
                h, w = mask.shape
                print(f"{case[0]:26s} {w:>4d}x{h:<4d} {100 * mask.mean():4.1f}% | "
                      f"{row[0]:8.2f} {row[1]:5.3f} {row[2]:5.1f} {row[3]:5.0f} | "
                      f"{row[4]:8.2f} {row[5]:5.3f} {row[6]:5.1f} {row[7]:5.0f} | "
                      f"{row[4] - row[0]:+5.2f} | {row[8]:13.2f} {row[9]:5.2f} {row[10]:5.2f}",
                      flush=True)
                if args.crops and size == "native" and case[0] in CROP_CASES:
                    path = write_crop(case[0], before, mask, results["telea"], results["ours"],
                                      truth)
                    print(f"   crop: {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")
            names = [c[0] for c in cases]
            for title, group in (("mean of the 12 cases", CASES), ("mean of the rugs", RUG_CASES)):
                picked = [r for r, n in zip(rows, names, strict=True) if n in {c[0] for c in group}]
                if not picked:
                    continue
                if len(picked) < len(group):  # a mean of some cases is not the tracked one
                    title = f"mean of {len(picked)} of the {len(group)}"
                m = np.mean(np.array(picked), axis=0)
                peak = np.max(np.array(picked), axis=0)
                print("-" * len(header))
                print(f"{title:26s} {'':9s} {'':5s} | {m[0]:8.2f} {m[1]:5.3f} {m[2]:5.1f} "
                      f"{m[3]:5.0f} | {m[4]:8.2f} {m[5]:5.3f} {m[6]:5.1f} {m[7]:5.0f} | "
                      f"{m[4] - m[0]:+5.2f} | {m[8]:13.2f} {m[9]:5.2f} {m[10]:5.2f}")
                print(f"{'max':26s} {'':9s} {'':5s} | {'':8s} {'':5s} {peak[2]:5.1f} "
                      f"{peak[3]:5.0f} | {'':8s} {'':5s} {peak[6]:5.1f} {peak[7]:5.0f} |")
            print("texture: gradient energy inside the hole over that of the surface around it "
                  "(goal on rugs: 0.75-1.25); truth: the same for what the object hid")
            if args.crops and size == "native":
                path = write_painted_crop(Path(tmp))
                print(f"   painted example: {path.relative_to(ROOT)} "
                      f"({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
