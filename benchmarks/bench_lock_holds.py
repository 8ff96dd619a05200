"""How long a worker thread making upload copies keeps other threads of its process waiting.

Not a test: it prints numbers. A window's GUI thread needs Python's interpreter lock for every
handler it runs; while a worker thread holds that lock inside a C call (Pillow zero-filling a
new full-size image, or handing a freed one back to the system), the GUI thread cannot run.
Here one thread prepares 24 MP photos for upload and makes screen-sized copies in a loop, as the
window's workers do, while the main thread wakes every 2 ms and notes how late it woke.

Run:  .venv/bin/python benchmarks/bench_lock_holds.py [seconds]

24 MP photos with real-photo detail come from bench_window's maker (realistic_photo.py).
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str]) -> int:
    from bench_window import make_24mp  # the same 24 MP photos as bench_window

    from desktop_app.core import imaging

    seconds = float(argv[0]) if argv else 20.0
    with tempfile.TemporaryDirectory(prefix="skyclear-locks-") as tmp:
        folder = Path(tmp)
        photos = make_24mp(2, folder)
        stop = threading.Event()

        def work() -> None:
            n = 0
            while not stop.is_set():
                photo = photos[n % len(photos)]
                imaging.prepare_image(photo, folder / "out")
                imaging.load_rgb(photo, 2048)
                n += 1

        worker = threading.Thread(target=work)
        worker.start()
        late: list[float] = []
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            t0 = time.perf_counter()
            time.sleep(0.002)
            late.append((time.perf_counter() - t0 - 0.002) * 1000)
        stop.set()
        worker.join()
    late.sort()
    print(f"a thread waking every 2 ms beside one making upload copies of 24 MP photos, "
          f"{seconds:.0f} s: late by {late[len(late) // 2]:.2f} ms median, "
          f"{late[int(len(late) * 0.99)]:.1f} ms 99th percentile, {late[-1]:.0f} ms at worst; "
          f"{sum(x > 8 for x in late)} times over 8 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
