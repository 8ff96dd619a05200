"""How long preparing a 24 MP photo takes, how much memory it needs, and how fast masks save.

Run:  .venv/bin/python benchmarks/bench_prepare.py [--repeat N] [--photo FILE]

Without --photo it uses a 24 MP JPEG with real-photo detail (four shared photos enlarged side by
side with sensor-like grain, about 11 MB: see realistic_photo.py); --upscaled instead enlarges
the largest shared photo alone (a smooth 1.5 MB file, what earlier versions measured).
Each measurement runs in a fresh process so that its peak memory (RSS) is its own;
times are the median of N runs (default 5) inside that process. Prints numbers only.
Timings on a shared 2-core machine are noisy: compare medians between runs, not single values.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET = (6000, 4000)  # 24 MP, 3:2 like most cameras

STAGES: dict[str, str] = {
    "idle": "imports only (baseline memory)",
    "inspect": "inspect_image (header only)",
    "prepare-4096": "prepare_image, max_side 4096 (default)",
    "prepare-full": "prepare_image, no downscale",
    "preview-2048": "load_rgb, max_side 2048 (window preview)",
    "thumbnail-320": "make_thumbnail, 320 px (library)",
    "mask-write": "write_mask, 24 MP",
    "mask-prepare": "prepare_mask from a 24 MP array",
}


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MB."""
    status = Path("/proc/self/status")
    if status.exists():  # Linux: VmHWM belongs to this program only (ru_maxrss would include
        # the parent's memory, which the kernel carries over when a forked child execs)
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def median_ms(func: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times


def run_stage(stage: str, photo: Path, repeat: int, work: Path) -> dict[str, object]:
    import numpy as np

    from desktop_app.core import imaging, masks

    width, height = imaging.inspect_image(photo).oriented_size
    marked = np.zeros((1, 1), bool)
    if stage.startswith("mask"):
        # A painted-looking mask: a block (a sofa) and a slanted brush stroke 120 px wide.
        marked = np.zeros((height, width), bool)
        marked[height // 4: height * 3 // 4, width // 5: width // 2] = True
        for y in range(height // 8, height * 7 // 8):
            x = width // 2 + y // 2
            marked[y, x: x + 120] = True

    funcs: dict[str, Callable[[], object]] = {
        "idle": lambda: None,
        "inspect": lambda: imaging.inspect_image(photo),
        "prepare-4096": lambda: imaging.prepare_image(photo, work / "out", max_side=4096),
        "prepare-full": lambda: imaging.prepare_image(photo, work / "out", max_side=None),
        "preview-2048": lambda: imaging.load_rgb(photo, max_side=2048),
        "thumbnail-320": lambda: imaging.make_thumbnail(photo, work / "thumb.jpg", 320),
        "mask-write": lambda: masks.write_mask(marked, work / "mask.png"),
        "mask-prepare": lambda: masks.prepare_mask(marked, (width, height), work / "m2.png"),
    }
    median, times = median_ms(funcs[stage], repeat)
    result: dict[str, object] = {"stage": stage, "median_ms": median,
                                 "runs_ms": [round(t) for t in times],
                                 "peak_rss_mb": peak_rss_mb()}
    if stage.startswith("prepare"):
        newest = max((work / "out").iterdir(), key=lambda p: p.stat().st_mtime_ns)
        result["output"] = f"{imaging.inspect_image(newest).width}x" \
                           f"{imaging.inspect_image(newest).height}, " \
                           f"{newest.stat().st_size / 1e6:.1f} MB"
    if stage == "mask-write":
        result["output"] = f"{(work / 'mask.png').stat().st_size / 1e3:.0f} kB"
    return result


def find_photo(work: Path, upscaled: bool = False) -> tuple[Path, str]:
    from PIL import Image

    if not upscaled:
        from realistic_photo import realistic_24mp

        path = realistic_24mp()
        return path, (f"a 24 MP photo with real-photo detail ({path.stat().st_size / 1e6:.1f} MB "
                      "JPEG, see realistic_photo.py)")

    shared = ROOT.parent / "shared" / "photos"
    folder = shared if shared.is_dir() else ROOT / "tests" / "data"
    note = f"photos from {folder}"
    if folder != shared:
        note += " (../shared/photos is absent here)"
    candidates = sorted(folder.glob("*.jpg"))
    if not candidates:
        raise SystemExit(f"no JPEG found in {folder}")

    def pixels(path: Path) -> int:
        with Image.open(path) as im:
            return im.width * im.height

    best = max(candidates, key=pixels)
    if pixels(best) >= TARGET[0] * TARGET[1]:
        return best, f"{note}; using {best.name} as it is"
    with Image.open(best) as im:
        rgb = im.convert("RGB")
        # crop to 3:2, then upscale to 6000 x 4000
        want = rgb.width / rgb.height
        if want > 1.5:
            new_w = round(rgb.height * 1.5)
            left = (rgb.width - new_w) // 2
            rgb = rgb.crop((left, 0, left + new_w, rgb.height))
        else:
            new_h = round(rgb.width / 1.5)
            top = (rgb.height - new_h) // 2
            rgb = rgb.crop((0, top, rgb.width, top + new_h))
        big = rgb.resize(TARGET, Image.Resampling.LANCZOS)
    dest = work / "photo-24mp.jpg"
    big.save(dest, quality=92)
    return dest, (f"{note}; none is 24 MP, so {best.name} ({im.width}x{im.height}) was upscaled "
                  f"to {TARGET[0]}x{TARGET[1]} ({dest.stat().st_size / 1e6:.1f} MB JPEG q92)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--photo", type=Path)
    parser.add_argument("--upscaled", action="store_true",
                        help="measure one shared photo enlarged to 24 MP (smooth, 1.5 MB)")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:  # child process: one measurement, answer as JSON
        print(json.dumps(run_stage(args.stage, args.photo, args.repeat, args.work)))
        return

    with tempfile.TemporaryDirectory(prefix="bench-prepare-") as tmp:
        work = Path(tmp)
        if args.photo:
            photo, note = args.photo, f"photo given: {args.photo}"
        else:
            photo, note = find_photo(work, args.upscaled)
        from PIL import Image

        with Image.open(photo) as im:
            size = f"{im.width}x{im.height} ({im.width * im.height / 1e6:.1f} MP)"
        load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
        print(note)
        print(f"photo: {photo.name}, {size}; {os.cpu_count()} CPUs, load average "
              f"{load[0]:.2f}; median of {args.repeat} runs, each stage in its own process")
        print()
        print(f"{'stage':<44} {'median':>9} {'runs (ms)':<32} {'peak RSS':>9}  output")
        for stage, label in STAGES.items():
            out = subprocess.run(
                [sys.executable, __file__, "--stage", stage, "--photo", str(photo),
                 "--repeat", str(1 if stage == "idle" else args.repeat), "--work", str(work)],
                capture_output=True, text=True, check=False)
            if out.returncode != 0:
                print(f"{label:<44} failed: {out.stderr.strip().splitlines()[-1:]}")
                continue
            result = json.loads(out.stdout.strip().splitlines()[-1])
            runs = ", ".join(str(t) for t in result["runs_ms"])
            median = "" if stage == "idle" else f"{result['median_ms']:.0f} ms"
            print(f"{label:<44} {median:>9} {runs if stage != 'idle' else '':<32} "
                  f"{result['peak_rss_mb']:>6.0f} MB  {result.get('output', '')}")


if __name__ == "__main__":
    main()
