"""Running generations from the command line: several at once as far as they go, each one's
progress on stderr (``Progress``), then each one reported once on stdout and stderr
(``Runner``), with the exit code its outcome calls for.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from desktop_app.core.errors import NoSkyError
from desktop_app.core.messages import Msg
from desktop_app.core.models import EngineName, Generation, Status
from desktop_app.engines.local.engine import LocalEngine
from desktop_app.engines.workspace import Workspace

log = logging.getLogger(__name__)
MAX_PARALLEL = 4
#: Exit code when the only failures are photos in which no sky was found.
EXIT_NO_SKY = 3
EXIT_WAITING = 75  # EX_TEMPFAIL: not finished yet, try again later


def _no_sky(gen: Generation) -> bool:
    if gen.error_message is not None:
        return gen.status is Status.FAILED and gen.error_message.code is Msg.NO_SKY
    return gen.status is Status.FAILED and gen.error == NoSkyError.MESSAGE  # an older row


class Progress:
    """Status lines on stderr: rewritten in place on a terminal, one per change otherwise."""

    def __init__(self, stream: TextIO, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet
        self.tty = stream.isatty()
        self._last: dict[int, str] = {}
        self._started = time.monotonic()
        self._lock = threading.Lock()

    def update(self, gen: Generation) -> None:
        if self.quiet or gen.id is None:
            return
        text = f"{name_of(gen)}: {describe(gen)}"
        with self._lock:
            if self._last.get(gen.id) == text:
                return
            self._last[gen.id] = text
            elapsed = int(time.monotonic() - self._started)
            line = f"[{elapsed // 60}:{elapsed % 60:02d}] {text}"
            if self.tty:
                self.stream.write("\r\033[K" + line + ("\n" if gen.status.finished else ""))
            else:
                self.stream.write(line + "\n")
            self.stream.flush()

    def said(self, gen: Generation) -> bool:
        """Whether the last line shown for ``gen`` already says where it stands."""
        with self._lock:
            return not self.quiet and gen.id is not None and \
                self._last.get(gen.id) == f"{name_of(gen)}: {describe(gen)}"


def counted(n: int, word: str) -> str:
    """"1 photo", "2 photos": the command line speaks English only, so no "photo(s)"."""
    return f"{n} {word if n == 1 else word + 's'}"


def describe(gen: Generation) -> str:
    local = gen.engine is EngineName.LOCAL
    words = {
        Status.DRAFT: "waiting", Status.PREPARING: "preparing the photo",
        Status.UPLOADING: "uploading",
        Status.SUBMITTING: "starting" if local else "sending the request",
        # a local job waits while the one before it runs (one at a time)
        Status.STARTING: "queued on this computer" if local else "queued at the service",
        Status.PROCESSING: "processing",
        Status.SUCCEEDED: "saving the results" if local else "downloading the results",
        Status.DONE: f"done, {counted(len(gen.result_files), 'result')}",
        Status.FAILED: "failed", Status.ERROR: "stopped", Status.CANCELLED: "cancelled"}
    if gen.waiting and gen.error:  # held up, tried again on its own: say why, not "queued"
        text = f"waiting — {gen.error}"
        if gen.retry_at:
            text += f" Trying again at {time.strftime('%H:%M:%S', time.localtime(gen.retry_at))}."
        return text
    text = words[gen.status]
    if gen.status in (Status.FAILED, Status.ERROR, Status.CANCELLED) and gen.error:
        text += f" — {gen.error}"
    return text


def name_of(gen: Generation) -> str:
    name = Path(gen.source.split("?")[0]).name or gen.source
    return f"{name} ({gen.service.label}{' variation' if gen.is_variation else ''})"


def to_json(gen: Generation, files: list[str] | None = None, *,
            elsewhere: bool = False) -> dict[str, Any]:
    return {
        "id": gen.id, "generation_id": gen.remote_id, "parent_generation_id":
        gen.parent_remote_id, "project_id": gen.project_id, "service": gen.service.value,
        "engine": gen.engine.value, "source": gen.source, "status": gen.status.value,
        "files": files if files is not None else gen.result_files,
        "remaining_photos": gen.remaining_credits, "variation_number": gen.variation_number,
        "error": gen.error, "problem": gen.problem.value if gen.problem else None,
        "retry_at": gen.retry_at, "elsewhere": elsewhere}


class Runner:
    """Runs generations as far as they go, several at once, then reports each one once."""

    def __init__(self, ws: Workspace, args: argparse.Namespace) -> None:
        self.ws = ws
        self.args = args
        self.progress = Progress(sys.stderr, quiet=args.quiet)
        self.stop = threading.Event()

    def run(self, gens: list[Generation]) -> int:
        ids = [g.id for g in gens if g.id is not None]
        if not ids:
            return 0
        with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(ids)),
                                thread_name_prefix="cli-job") as pool:
            futures = [pool.submit(self.ws.pipeline.run, gen_id, on_update=self.progress.update,
                                   stop=self.stop) for gen_id in ids]
            try:
                while not all(f.done() for f in futures):
                    time.sleep(0.1)
            except KeyboardInterrupt:
                self.stop.set()
                print("Stopping… Nothing paid for is lost: `desktop-app resume` finishes the "
                      "work later.", file=sys.stderr)
        codes = [self._report(gen_id, future) for gen_id, future in zip(ids, futures, strict=True)]
        if self.stop.is_set():
            return 130
        for code in (1, EXIT_WAITING, EXIT_NO_SKY):  # the most serious one wins
            if code in codes:
                return code
        return 0

    def _report(self, gen_id: int, future: Future[Generation]) -> int:
        """Say how one generation ended (a JSON line for each, whatever happened)."""
        error = future.exception()
        if error is not None:  # a fault of ours: the row still says what was paid for
            log.error("generation %s: unexpected error", gen_id, exc_info=error)
        gen = self.ws.store.get(gen_id)
        elsewhere = not gen.status.finished and self.ws.store.claimed_elsewhere(gen_id)
        files, problem = self._deliver(gen)
        if self.args.json:
            print(json.dumps(to_json(gen, files, elsewhere=elsewhere)), flush=True)
        elif gen.status is Status.DONE:
            for file in files:
                print(file)
        if gen.status is Status.DONE:
            if not self.args.json:
                print(f"generation {gen.remote_id}", file=sys.stderr)
            if self._darker_shot_would_help(gen):
                print(f"{name_of(gen)}: most of the sky found is blown out to pure white, where "
                      "a white ceiling or wall behind the glass looks just the same. If you also "
                      "took a darker shot of this scene, process the photo again with "
                      "--dark-frame DARKER-SHOT.jpg for a truer sky.", file=sys.stderr)
        elif elsewhere:
            print(f"{name_of(gen)}: another SkyClear (a window or a command) is finishing it.",
                  file=sys.stderr)
        elif error is not None:
            print(f"{name_of(gen)}: something went wrong inside SkyClear; the details are in the "
                  f"log. `desktop-app resume` picks it up again.", file=sys.stderr)
        elif not self.progress.said(gen):
            print(f"{name_of(gen)}: {describe(gen)}", file=sys.stderr)
        if not gen.status.finished and not elsewhere and not self.stop.is_set():
            print(f"{name_of(gen)}: not finished yet; `desktop-app resume` carries on, and "
                  "nothing paid for is lost.", file=sys.stderr)
        if problem:
            print(problem, file=sys.stderr)
        if gen.status is Status.DONE:
            return 1 if problem else 0
        if elsewhere:
            return 0
        if _no_sky(gen):
            return EXIT_NO_SKY
        return 1 if gen.status.finished or error is not None else EXIT_WAITING

    def _darker_shot_would_help(self, gen: Generation) -> bool:
        if gen.engine is not EngineName.LOCAL or not gen.remote_id:
            return False
        engine = self.ws.engines(EngineName.LOCAL)
        return isinstance(engine, LocalEngine) and engine.darker_shot_would_help(gen.remote_id)

    def _deliver(self, gen: Generation) -> tuple[list[str], str | None]:
        """Copy the results to --out (the library keeps its own copy)."""
        out: Path | None = getattr(self.args, "out", None)
        if not out or gen.status is not Status.DONE:
            return list(gen.result_files), None
        copies = []
        for file in gen.result_files:
            dest = out / Path(file).name
            try:
                shutil.copyfile(file, dest)
            except OSError as err:
                log.warning("copy of %s to %s failed: %s", file, dest, err)
                return list(gen.result_files), (
                    f"{name_of(gen)}: the result could not be copied into {out} "
                    f"({err.strerror or err}); it is kept in the library: {file}")
            copies.append(str(dest))
        return copies, None

