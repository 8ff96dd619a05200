"""Kill `desktop-app process` at random moments, then resume: is every credit spent delivered?

Run:  .venv/bin/python benchmarks/bench_kill_resume.py [--runs 30] [--seed 1]

Each run starts the project's IACrea test server (tests/iacrea_server.py) and an upload server on
127.0.0.1, with a fresh data folder, and sends two photos with
``desktop-app process A B --service sky --engine cloud`` as a real process. At a random moment
(anywhere from start-up to the last download; ``generate`` and the downloads are answered a
little late so that kills land inside them too) the process gets SIGKILL. Then, like a user would:

1. ``desktop-app resume`` — continues whatever was recorded;
2. ``desktop-app retry --all --yes`` — only when resume leaves a generation that needs the
   user's word (cut off while sending: the request may or may not have been charged);
3. ``desktop-app process`` again for a photo that never made it into the store (killed before
   it was recorded: nothing was sent, so nothing was charged).

It prints, per run, where the kill landed and what each step did, then the totals: generations
charged by the server against photos delivered, and each gap with its cause.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from iacrea_server import IACreaServer  # noqa: E402
from put_server import PutServer  # noqa: E402

PHOTOS = [ROOT / "tests" / "data" / "dining-room-windows-blown-out-01.jpg",
          ROOT / "tests" / "data" / "living-room-cluttered-01.jpg"]


@dataclass
class Run:
    number: int
    kill_after: float
    at_kill: list[str] = field(default_factory=list)  # store status of each row at the kill
    steps: list[str] = field(default_factory=list)
    charged: int = 0
    delivered: int = 0
    gaps: list[str] = field(default_factory=list)


def _slow_steps(server: IACreaServer) -> None:
    """Generate and result downloads answer late, so that kills land inside them too."""
    server.slow(0.6, path="sky_interior/generate", times=2)
    server.slow(0.8, path="/results", times=2)


def _env(home: Path, server: IACreaServer, uploads: PutServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IACREA_", "DESKTOP_APP_"))}
    env.update(DESKTOP_APP_HOME=str(home), IACREA_API_KEY=server.api_key,
               IACREA_USER_ID=server.user_id, IACREA_BASE_URL=server.url,
               DESKTOP_APP_UPLOAD_URL=uploads.upload_prefix,
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return env


def _rows(home: Path) -> list[tuple[str, str, str | None, str | None]]:
    try:
        with sqlite3.connect(home / "jobs.sqlite3") as db:
            return db.execute("SELECT source, status, problem, result_files FROM generations "
                              "ORDER BY id").fetchall()
    except sqlite3.Error:
        return []


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def one_run(number: int, kill_after: float, workdir: Path) -> Run:
    run = Run(number, kill_after)
    server = IACreaServer(starting_for=0.3, processing_for=0.7)
    uploads = PutServer()
    server.start()
    uploads.start()
    try:
        _slow_steps(server)
        home = workdir / f"home-{number}"
        env = _env(home, server, uploads)
        child = subprocess.Popen(
            [sys.executable, "-m", "desktop_app", "process", *map(str, PHOTOS), "--service",
             "sky", "--engine", "cloud"], env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        time.sleep(kill_after)
        finished_first = child.poll() is not None
        child.send_signal(signal.SIGKILL)
        child.wait()
        run.at_kill = ["exited" if finished_first else status for _s, status, _p, _f in
                       _rows(home)] or ["nothing recorded"]
        proc = _cli("resume", "--json", env=env)
        run.steps.append(f"resume→{proc.returncode}")
        if any(problem == "maybe_sent" for _s, _st, problem, _f in _rows(home)):
            proc = _cli("retry", "--all", "--yes", "--json", env=env)
            run.steps.append(f"retry --yes→{proc.returncode}")
        recorded = {source for source, *_ in _rows(home)}
        missing = [p for p in PHOTOS if str(p.resolve()) not in recorded]
        if missing:
            proc = _cli("process", *map(str, missing), "--service", "sky", "--engine", "cloud",
                        env=env)
            run.steps.append(f"process {len(missing)} again→{proc.returncode}")
        rows = _rows(home)
        delivered = {source for source, status, _p, files in rows
                     if status == "DONE" and all(Path(f).is_file() for f in json.loads(files))}
        run.delivered = len(delivered)
        run.charged = 10 - server.credits
        if run.charged > run.delivered:
            swallowed = [c for c in server.calls_to("sky_interior/generate") if c.status is None]
            if any(p == "maybe_sent" for _s, _st, p, _f in rows) or run.steps[-1].startswith(
                    "retry") or swallowed:
                run.gaps.append(f"{run.charged - run.delivered} credit(s): killed while "
                                "generate was on its way: the service charged it, its answer "
                                "never reached the store, and the photo was sent again after "
                                "--yes")
            else:
                run.gaps.append("unexplained")
        if run.delivered < len(PHOTOS):
            run.gaps.append(f"{len(PHOTOS) - run.delivered} photo(s) not delivered")
    finally:
        uploads.stop()
        server.stop()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--longest", type=float, default=0.0,
                        help="latest kill, in seconds (default: a clean run's duration)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="skyclear-kill-") as tmp:
        workdir = Path(tmp)
        longest = args.longest
        if not longest:  # one clean run says how long the whole job takes here
            started = time.monotonic()
            server = IACreaServer(starting_for=0.3, processing_for=0.7)
            uploads = PutServer()
            server.start()
            uploads.start()
            try:
                _slow_steps(server)
                proc = _cli("process", *map(str, PHOTOS), "--service", "sky", "--engine",
                            "cloud", env=_env(workdir / "clean", server, uploads))
                assert proc.returncode == 0, proc.stderr
            finally:
                uploads.stop()
                server.stop()
            longest = time.monotonic() - started
            print(f"a clean run of 2 photos takes {longest:.1f} s here; kills land in "
                  f"0–{longest:.1f} s")
        runs = []
        for number in range(1, args.runs + 1):
            run = one_run(number, rng.uniform(0, longest), workdir)
            runs.append(run)
            print(f"run {number:2}: kill at {run.kill_after:4.1f} s  "
                  f"[{', '.join(run.at_kill):<28}]  {' '.join(run.steps):<42} "
                  f"charged {run.charged}  delivered {run.delivered}"
                  + (f"  ← {'; '.join(run.gaps)}" if run.gaps else ""), flush=True)
    charged = sum(r.charged for r in runs)
    delivered = sum(r.delivered for r in runs)
    print()
    print(f"{len(runs)} runs × {len(PHOTOS)} photos: {charged} generations charged, "
          f"{delivered} photos delivered ({len(runs) * len(PHOTOS)} asked for)")
    causes = Counter(gap for r in runs for gap in r.gaps)
    if not causes:
        print("no gap: every credit spent was delivered, and every photo arrived")
    for cause, count in causes.items():
        print(f"  {count} run(s) × {cause}")
    phases = Counter(phase for r in runs for phase in r.at_kill)
    print("where the kills landed (store status of each photo): " +
          ", ".join(f"{phase} {count}" for phase, count in phases.most_common()))


if __name__ == "__main__":
    main()
