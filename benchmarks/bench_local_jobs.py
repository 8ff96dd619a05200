"""Local-engine jobs as a user runs them: ``desktop-app process --engine local``, whole.

Run:  .venv/bin/python benchmarks/bench_local_jobs.py [--repeat N]

Each job is a fresh ``desktop-app`` process on a fresh data folder, timed from its start to its
exit: interpreter and imports, decoding and preparing the photo, starting the engine's worker
process, the work itself, saving the result and copying it to the library. Interior sky runs on
each shared photo at its own size and on a 24 MP photo with real-photo detail
(realistic_photo.py); Declutter on the cluttered living room with a mask over the coffee table
area. Peak memory is the largest resident set of any process of the job (the CLI or its
worker). Prints numbers only; the machine's load is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from realistic_photo import _photo_folder, realistic_24mp  # noqa: E402

_WRAPPER = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(code)")


def run_job(args: list[str], home: Path) -> tuple[float, float, dict[str, object]]:
    """(seconds, peak RSS in MB of the job's largest process, its JSON line)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IACREA_", "DESKTOP_APP_"))}
    env.update(DESKTOP_APP_HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    start = time.perf_counter()
    # through a small parent of its own, so the peak is this job's (CLI and worker) alone
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, sys.executable, "-m", "desktop_app",
                           "process", *args, "--json"],
                          env=env, capture_output=True, text=True, check=False, cwd=ROOT)
    seconds = time.perf_counter() - start
    peak_mb = int(proc.stderr.strip().splitlines()[-1]) / 1024
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode not in (0, 3) or not lines:
        raise SystemExit(f"job failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
    return seconds, peak_mb, lines[0]


def measure(label: str, args: list[str], repeat: int, work: Path) -> None:
    times, peaks, status = [], [], ""
    for n in range(repeat):
        seconds, peak, line = run_job(args, work / f"home-{label}-{n}".replace(" ", "-"))
        times.append(seconds)
        peaks.append(peak)
        status = "no sky found" if line["status"] == "FAILED" and "No sky" in str(
            line.get("error")) else str(line["status"])
    print(f"{label:<48} {statistics.median(times):6.2f} s median  "
          f"({', '.join(f'{t:.2f}' for t in times)})  peak RSS {max(peaks):5.0f} MB  {status}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = _photo_folder()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} CPUs, load average {load:.2f}; median of {args.repeat} jobs, each "
          "a fresh process on a fresh data folder")
    with tempfile.TemporaryDirectory(prefix="bench-local-jobs-") as tmp:
        work = Path(tmp)
        for photo in sorted(folder.glob("*.jpg"))[:6]:
            with Image.open(photo) as im:
                size = f"{im.width}x{im.height}"
            measure(f"sky {photo.stem[:28]} {size}", [str(photo), "--service", "sky",
                                                     "--engine", "local"], args.repeat, work)
        big = realistic_24mp()
        measure("sky 24 MP real-detail 6000x4000", [str(big), "--service", "sky", "--engine",
                                                    "local"], args.repeat, work)
        cluttered = folder / "living-room-cluttered-01.jpg"
        with Image.open(cluttered) as im:
            mask = np.zeros((im.height, im.width), np.uint8)
            size = f"{im.width}x{im.height}"
        h, w = mask.shape
        mask[int(h * 0.62):int(h * 0.85), int(w * 0.35):int(w * 0.6)] = 255
        mask_path = work / "mask.png"
        Image.fromarray(mask).save(mask_path)
        measure(f"declutter living-room-cluttered {size}",
                [str(cluttered), "--service", "declutter", "--engine", "local", "--mask",
                 str(mask_path)], args.repeat, work)


if __name__ == "__main__":
    main()
