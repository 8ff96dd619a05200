"""How many HTTP calls one generation costs under the shared poll schedule.

Run:  .venv/bin/python benchmarks/bench_poll_calls.py [--minutes 0.5 1 2 3]

For each duration it starts the project's IACrea test server (tests/iacrea_server.py) and an
upload server on 127.0.0.1 with generations that take that long (a fifth of it STARTING, the rest
PROCESSING), runs ``desktop-app process PHOTO --service sky`` as a real process against them, and
counts what reached the servers: API calls by endpoint, uploads, downloads. All durations run at
the same time, so the whole run takes about as long as the longest one. It then prints, from the
schedule's own arithmetic, the polls for longer generations (up to the 45-minute deadline), and
the progress a user sees on the terminal for the shortest run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from iacrea_server import IACreaServer  # noqa: E402
from put_server import PutServer  # noqa: E402

from desktop_app.core.poll import PollSchedule  # noqa: E402

PHOTO = ROOT / "tests" / "data" / "dining-room-windows-blown-out-01.jpg"


def run_one(minutes: float, workdir: Path) -> tuple[float, Counter[str], int, str]:
    seconds = minutes * 60
    server = IACreaServer(starting_for=seconds / 5, processing_for=seconds * 4 / 5)
    uploads = PutServer()
    server.start()
    uploads.start()
    try:
        home = workdir / f"home-{minutes}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("IACREA_", "DESKTOP_APP_"))}
        env.update(DESKTOP_APP_HOME=str(home), IACREA_API_KEY=server.api_key,
                   IACREA_USER_ID=server.user_id, IACREA_BASE_URL=server.url,
                   DESKTOP_APP_UPLOAD_URL=uploads.upload_prefix,
                   PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
        proc = subprocess.run(
            [sys.executable, "-m", "desktop_app", "process", str(PHOTO), "--service", "sky",
             "--out", str(workdir / f"out-{minutes}")],
            env=env, capture_output=True, text=True, timeout=seconds + 600, check=False)
        if proc.returncode != 0:
            raise SystemExit(f"desktop-app failed for {minutes} min: {proc.stderr}")
        calls = Counter(c.endpoint or f"{c.method} file" for c in server.calls)
        return seconds, calls, len(uploads.puts()), proc.stderr
    finally:
        uploads.stop()
        server.stop()


def polls_for(seconds: float) -> int:
    """Polls the schedule makes until a generation of ``seconds`` is seen finished (no jitter)."""
    now = 0.0
    schedule = PollSchedule(jitter=0.0, clock=lambda: now)
    polls = 0
    while True:
        now += schedule.next_delay()
        polls += 1
        if now >= seconds or schedule.expired:
            return polls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, nargs="+", default=[0.5, 1.0, 2.0, 3.0])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(len(args.minutes)) as pool:
        runs = list(pool.map(lambda m: run_one(m, Path(tmp)), args.minutes))
    print("measured through real HTTP (one `desktop-app process`, Interior sky, one photo):")
    print(f"{'generation':>11} {'generate':>9} {'get':>5} {'credits':>8} {'uploads':>8} "
          f"{'downloads':>10} {'total':>6}")
    for seconds, calls, uploaded, _ in runs:
        api = {k: v for k, v in calls.items() if "/" in k}
        downloads = sum(v for k, v in calls.items() if k.endswith("file"))
        print(f"{seconds:>9.0f} s {api.get('sky_interior/generate', 0):>9} "
              f"{api.get('sky_interior/get', 0):>5} {api.get('account/credit', 0):>8} "
              f"{uploaded:>8} {downloads:>10} {sum(calls.values()) + uploaded:>6}")
    print("\npolls by the schedule alone (2 s, x1.5, capped at 15 s; no jitter):")
    for minutes in (1, 2, 3, 5, 10, 20, 45):
        print(f"{minutes:>4} min generation: {polls_for(minutes * 60):>4} polls")
    print("\nwhat the user sees on the terminal (shortest run):")
    print(runs[0][3].rstrip())


if __name__ == "__main__":
    main()
