"""The headless face of SkyClear: the same engines, pipeline and job store as the window.

    desktop-app process PHOTO... --service sky|declutter [--engine local|cloud] [--mask M.png]
    desktop-app variation GENERATION_ID [--mask M.png]
    desktop-app resume | retry ID... [--yes] | retry --all [--yes] | credits | history
    desktop-app process PHOTO... --listing NAME ...  (files the photos into a listing)
    desktop-app listings | keep GENERATION_ID [--result N]
    desktop-app export LISTING --preset NAME --out DIR [--label] [--originals] [--sheet]
                                                    (each with --json)

Progress goes to stderr; results (or, with --json, one JSON object per line, one for every
generation, paid or not) to stdout. Exit codes: 0 when everything asked for is done, 1 when
something stopped or failed, 3 when the only failures are photos with no sky found in them, 4
when a damaged job history or settings file was set aside (nothing else was done: run the
command again), 5 when the job history is locked by another program, 75 when something is still
waiting (``resume`` finishes it), 130 after Ctrl+C. Errors are one sentence, said once, never a
traceback (that goes to the log).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from desktop_app import __version__
from desktop_app.core import delivery, logfile
from desktop_app.core.errors import InputError, NoSkyError, SkyClearError
from desktop_app.core.listings import Listing, Listings, PhotoVersions
from desktop_app.core.messages import Msg
from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.core.recovery import StoreLockedError
from desktop_app.engines.cloud import CloudEngine
from desktop_app.engines.factory import default_engine
from desktop_app.engines.pipeline import RetryKind
from desktop_app.engines.workspace import Workspace, open_workspace

log = logging.getLogger("desktop_app.cli")
MAX_PARALLEL = 4
#: Exit code when the only failures are photos in which no sky was found.
EXIT_NO_SKY = 3
#: Exit code when a damaged job store or settings file was set aside and nothing else was done.
EXIT_DAMAGED = 4
#: Exit code when another program kept the job store locked.
EXIT_LOCKED = 5
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
        text = f"{_name(gen)}: {describe(gen)}"
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
                self._last.get(gen.id) == f"{_name(gen)}: {describe(gen)}"


def describe(gen: Generation) -> str:
    words = {
        Status.DRAFT: "waiting", Status.PREPARING: "preparing the photo",
        Status.UPLOADING: "uploading", Status.SUBMITTING: "sending the request",
        Status.STARTING: "queued at the service", Status.PROCESSING: "processing",
        Status.SUCCEEDED: "downloading the results",
        Status.DONE: f"done, {len(gen.result_files)} result(s)",
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


def _name(gen: Generation) -> str:
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
        elif elsewhere:
            print(f"{_name(gen)}: another SkyClear (a window or a command) is finishing it.",
                  file=sys.stderr)
        elif error is not None:
            print(f"{_name(gen)}: something went wrong inside SkyClear; the details are in the "
                  f"log. `desktop-app resume` picks it up again.", file=sys.stderr)
        elif not self.progress.said(gen):
            print(f"{_name(gen)}: {describe(gen)}", file=sys.stderr)
        if not gen.status.finished and not elsewhere and not self.stop.is_set():
            print(f"{_name(gen)}: not finished yet; `desktop-app resume` carries on, and "
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
                    f"{_name(gen)}: the result could not be copied into {out} "
                    f"({err.strerror or err}); it is kept in the library: {file}")
            copies.append(str(dest))
        return copies, None


# -- checks made before anything is paid for ------------------------------------------------
def check_out_folder(out: Path | None) -> None:
    if out is None:
        return
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file, not a folder: choose a folder for the results.")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".skyclear-write-test-{id(out)}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        raise InputError(f"The results cannot be written into {out} "
                         f"({err.strerror or err}): choose another --out folder.") from None


def check_webhook(url: str | None) -> None:
    if not url:
        return
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"The webhook {url} is not a web address (http:// or https://).")


def check_engine(ws: Workspace, engine: EngineName) -> None:
    """Credentials, service address and image host usable: else a sentence, before uploading."""
    built = ws.engines(engine)
    if isinstance(built, CloudEngine):
        built.check_host()


# -- commands -----------------------------------------------------------------------------
def cmd_process(ws: Workspace, args: argparse.Namespace) -> int:
    service = Service(args.service)
    engine = EngineName(args.engine) if args.engine else default_engine(ws.settings)
    auto = args.auto if args.auto is not None else args.mask is None
    webhook = args.webhook or ws.settings.webhook or None
    check_out_folder(args.out)
    check_webhook(webhook)
    check_engine(ws, engine)
    gens, failed = [], False
    for source in args.inputs:
        try:
            gens.append(ws.pipeline.new_generation(source, service, engine, auto=auto,
                                                   webhook=webhook, mask=args.mask))
        except SkyClearError as err:
            failed = True
            print(f"{Path(source).name}: {err}", file=sys.stderr)
    if args.listing:
        file_into_listing(ws, args.listing, gens)
    code = Runner(ws, args).run(gens)
    return code or (1 if failed else 0)


def _find(ws: Workspace, ident: str) -> Generation:
    gen = ws.store.find_remote(ident)
    if gen is None and ident.lstrip("#").isdigit():
        try:
            gen = ws.store.get(int(ident.lstrip("#")))
        except KeyError:
            gen = None
    if gen is None:
        raise InputError(f"No generation {ident} is in this computer's history "
                         "(see `desktop-app history`).")
    return gen


def cmd_variation(ws: Workspace, args: argparse.Namespace) -> int:
    parent = _find(ws, args.generation_id)
    assert parent.id is not None
    check_out_folder(args.out)
    check_engine(ws, parent.engine)
    gen = ws.pipeline.new_variation(parent.id, mask=args.mask)
    return Runner(ws, args).run([gen])


def _say_busy_elsewhere(ws: Workspace) -> None:
    busy = ws.pipeline.busy_elsewhere()
    if busy:
        print(f"{len(busy)} generation(s) are being finished by another SkyClear (a window or "
              "a command) and were left to it.", file=sys.stderr)


def cmd_resume(ws: Workspace, args: argparse.Namespace) -> int:
    check_out_folder(args.out)
    pending = ws.pipeline.resume()
    stopped = [g for g in ws.store.all() if g.status is Status.ERROR
               and ws.pipeline.retry_kind(g) is RetryKind.RESEND]
    _say_busy_elsewhere(ws)
    for gen in stopped:
        print(f"{_name(gen)} (#{gen.id}): {gen.error} `desktop-app retry {gen.id}` decides.",
              file=sys.stderr)
    if not pending:
        print("Nothing to resume: every generation is finished or in other hands.",
              file=sys.stderr)
        return 0
    print(f"Resuming {len(pending)} generation(s)…", file=sys.stderr)
    return Runner(ws, args).run(pending)


def _confirm(gen: Generation, args: argparse.Namespace) -> bool:
    """May a generation that may already be paid for be sent again? --yes, or ask."""
    if args.yes:
        return True
    why = ("IACrea no longer knows it" if gen.remote_id else
           "it may already have reached IACrea")
    question = (f"{_name(gen)} (#{gen.id}): {why}, so sending it again may use a second credit. "
                "Send it again? [y/N] ")
    if not sys.stdin.isatty():
        print(f"{_name(gen)} (#{gen.id}): {why}, so sending it again may use a second credit; "
              "it was not sent. Run `desktop-app retry --yes` to send it anyway.",
              file=sys.stderr)
        return False
    print(question, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def cmd_retry(ws: Workspace, args: argparse.Namespace) -> int:
    check_out_folder(args.out)
    if args.all:
        # every stopped or waiting one; not a FAILED (refunded) nor one the user gave up on:
        # those are retried by naming them
        gens = [g for g in ws.store.all() if g.status not in (Status.FAILED, Status.CANCELLED)
                and ws.pipeline.retry_kind(g) is not RetryKind.NONE]
    elif args.ids:
        gens = [_find(ws, ident) for ident in args.ids]
    else:
        raise InputError("Name the generations to retry (see `desktop-app history`), or use "
                         "--all.")
    chosen, code = [], 0
    for gen in gens:
        assert gen.id is not None
        kind = ws.pipeline.retry_kind(gen)
        if ws.store.claimed_elsewhere(gen.id):
            print(f"{_name(gen)} (#{gen.id}): another SkyClear is working on it already.",
                  file=sys.stderr)
        elif kind is RetryKind.NONE:
            print(f"{_name(gen)} (#{gen.id}): {describe(gen)}; nothing to retry.",
                  file=sys.stderr)
        elif kind is RetryKind.RESEND and not _confirm(gen, args):
            code = 1
        else:
            if kind is not RetryKind.FREE:
                check_engine(ws, gen.engine)
            chosen.append(ws.pipeline.retry(gen.id))
    if not chosen:
        if not gens:
            print("Nothing to retry: nothing is stopped or waiting.", file=sys.stderr)
        return code
    return max(code, Runner(ws, args).run(chosen))


def cmd_credits(ws: Workspace, args: argparse.Namespace) -> int:
    credits = ws.pipeline.credits(EngineName.CLOUD)
    assert credits is not None
    if args.json:
        print(json.dumps({"total": credits.total, "subscription": credits.subscription,
                          "extra": credits.extra}))
    else:
        print(f"{credits.total} photo credits left ({credits.subscription} from the "
              f"subscription, {credits.extra} extra).")
    return 0


def cmd_history(ws: Workspace, args: argparse.Namespace) -> int:
    gens = ws.store.all()
    for gen in gens:
        if args.json:
            print(json.dumps(to_json(gen)))
        else:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(gen.created_at))
            ident = gen.remote_id or f"#{gen.id}"
            print(f"{when}  {ident}  {gen.engine.value:5}  {_name(gen)}: {describe(gen)}")
    if not gens and not args.json:
        print("No generations yet.", file=sys.stderr)
    return 0


# -- listings -----------------------------------------------------------------------------
def file_into_listing(ws: Workspace, name: str, gens: list[Generation]) -> None:
    """File new jobs under their photos in the listing ``name`` (made when there is none); a
    photo already there gets the job as another version."""
    listings = Listings(ws.store)
    listing = listings.open(name)
    for gen in gens:
        try:
            photo, _ = listings.add_photo(listing.id, gen.source)
        except SkyClearError as err:  # the job still runs; it is filed into the default listing
            print(f"{Path(gen.source).name}: {err}", file=sys.stderr)
            continue
        listings.file_job(photo.id, gen)


def _listing(listings: Listings, ident: str) -> Listing:
    listings.file_unlisted()  # jobs from before listings, or made without one
    found = listings.find(ident)
    if found is None and ident.isdigit():
        try:
            found = listings.get(int(ident))
        except KeyError:
            found = None
    if found is None:
        raise SkyClearError(f"There is no listing “{ident}” (see `desktop-app listings`).")
    return found


def cmd_listings(ws: Workspace, args: argparse.Namespace) -> int:
    listings = Listings(ws.store)
    listings.file_unlisted()
    shown = listings.all(archived=args.archived)
    for listing in shown:
        entries = listings.with_versions(listing.id)
        kept = sum(1 for e in entries if e.kept is not None)
        if args.json:
            print(json.dumps({"id": listing.id, "name": listing.name, "photos": len(entries),
                              "kept": kept, "archived": listing.archived}))
        else:
            print(f"{listing.id:>4}  {listing.name}: {len(entries)} photo(s), {kept} kept")
    if not shown and not args.json:
        print("No listings yet.", file=sys.stderr)
    return 0


def cmd_keep(ws: Workspace, args: argparse.Namespace) -> int:
    gen = _find(ws, args.generation_id)
    listings = Listings(ws.store)
    listings.file_unlisted()
    photo = listings.photo_of(gen)
    if photo is None or gen.id is None:  # its photo could not be filed (e.g. deleted)
        raise SkyClearError(f"Generation {args.generation_id} belongs to no listing.")
    listings.keep(photo.id, gen.id, args.result - 1)
    listing = listings.get(photo.listing_id)
    print(f"{photo.name}: result {args.result} of generation {args.generation_id} is kept "
          f"in “{listing.name}”.", file=sys.stderr)
    return 0


def cmd_export(ws: Workspace, args: argparse.Namespace) -> int:
    listings = Listings(ws.store)
    listing = _listing(listings, args.listing)
    overrides: dict[str, object] = {}
    if args.long_side is not None:
        if args.long_side < 0:
            raise SkyClearError("--long-side is a number of pixels (0 for the full size).")
        overrides["long_side"] = args.long_side or None
    if args.quality is not None:
        overrides["quality"] = args.quality
    if args.max_mb is not None:
        overrides["max_mb"] = args.max_mb if args.max_mb > 0 else None
    options = delivery.DeliveryOptions.from_preset(args.preset, label=args.label,
                                                   originals=args.originals, **overrides)
    entries = listings.with_versions(listing.id)

    def progress(done: int, total: int) -> None:
        if not args.quiet:
            print(f"exported {done}/{total}", file=sys.stderr, flush=True)

    stop = threading.Event()
    try:  # Ctrl+C while the photos or the sheet are written: the files written are whole
        report = delivery.deliver(entries, args.out, options, on_progress=progress, stop=stop)
        problems = [problem.text for problem in report.problems]
        written = list(report.written)
        if args.sheet and not report.cancelled:
            sheet, sheet_problems = _write_sheet(entries, listing.name, args.out, stop)
            written += [sheet] if sheet is not None else []
            problems += sheet_problems
    except KeyboardInterrupt:
        print("Stopped. The files already written are complete.", file=sys.stderr)
        return 130
    for path in written:
        print(json.dumps({"listing": listing.name, "file": str(path)}) if args.json else path)
    for problem in problems:
        print(problem, file=sys.stderr)
    plain = sum(1 for e in entries if e.kept is None)
    if plain and not args.quiet:
        print(f"{plain} of {len(entries)} photo(s) have no kept version: their originals were "
              "exported (keep one with `desktop-app keep GENERATION_ID`).", file=sys.stderr)
    return 1 if problems else 0


def _write_sheet(entries: list[PhotoVersions], name: str, out: Path, stop: threading.Event
                 ) -> tuple[Path | None, list[str]]:
    """The seller's before/after sheet beside the photos, and its problems as sentences."""
    # drawn with Qt: imported only when asked for, the rest of the command line is Qt-free
    from desktop_app.jobs import seller_sheet

    pages = seller_sheet.sheet_pages(entries)
    if not pages:
        return None, ["No before/after sheet: no photo of this listing has a kept version yet."]
    seller_sheet.ensure_app()
    sheet = seller_sheet.write_sheet(seller_sheet.sheet_path(out, name), name, pages, stop=stop)
    return sheet.path, [problem.text for problem in sheet.problems]


# -- parsing ------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-app", description="SkyClear: blue skies and clutter-free rooms for "
        "listing photos. Without a command, the window opens.")
    parser.add_argument("--version", action="version", version=f"SkyClear {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, out: bool = True) -> None:
        p.add_argument("--json", action="store_true", help="one JSON object per line on stdout")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
        p.add_argument("-v", "--verbose", action="store_true", help="log each step on stderr")
        p.add_argument("--allow-insecure-address", action="store_true",
                       help="accept a plain http:// service or image host address that is not "
                       "this computer (the key and photos travel unencrypted)")
        if out:
            p.add_argument("--out", type=Path, help="also copy the results into this folder")

    p = sub.add_parser("process", help="send photos (files or http(s) URLs) and get results")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--service", required=True, choices=[s.value for s in Service])
    group = p.add_mutually_exclusive_group()
    group.add_argument("--auto", dest="auto", action="store_true", default=None,
                       help="declutter: let the service find the objects (default)")
    group.add_argument("--no-auto", dest="auto", action="store_false")
    p.add_argument("--engine", choices=[e.value for e in EngineName],
                   help="default: the cloud when an API key is set, else local")
    p.add_argument("--mask", type=Path, help="local engine: PNG, white = remove (declutter) "
                   "or white = sky (sky)")
    p.add_argument("--webhook", help="URL the service calls when a generation is done")
    p.add_argument("--listing", metavar="NAME",
                   help="file the photos into this listing (made when there is none)")
    common(p)
    p.set_defaults(func=cmd_process)

    p = sub.add_parser("variation", help="ask for another result of a finished generation")
    p.add_argument("generation_id", metavar="GENERATION_ID")
    p.add_argument("--mask", type=Path, help="declutter: PNG, white = remove")
    common(p)
    p.set_defaults(func=cmd_variation)

    p = sub.add_parser("resume", help="finish every generation a quit or crash interrupted")
    common(p)
    p.set_defaults(func=cmd_resume)

    p = sub.add_parser("retry", help="try stopped or waiting generations again: looking again "
                       "is free; sending again is only done once you confirm")
    p.add_argument("ids", nargs="*", metavar="ID", help="generation ids or #numbers (history)")
    p.add_argument("--all", action="store_true",
                   help="every stopped or waiting generation (not FAILED or given-up ones)")
    p.add_argument("--yes", action="store_true", help="send again without asking, even when "
                   "the first request may already have used a credit")
    common(p)
    p.set_defaults(func=cmd_retry)

    p = sub.add_parser("credits", help="the IACrea account's remaining photo credits")
    common(p, out=False)
    p.set_defaults(func=cmd_credits)

    p = sub.add_parser("history", help="every generation on this computer")
    common(p, out=False)
    p.set_defaults(func=cmd_history)
    add_listing_commands(sub, common)
    return parser


def add_listing_commands(sub: Any, common: Any) -> None:
    p = sub.add_parser("listings", help="the listings on this computer")
    p.add_argument("--archived", action="store_true", help="the archived ones instead")
    common(p, out=False)
    p.set_defaults(func=cmd_listings)

    p = sub.add_parser("keep", help="keep a result: the version of its photo that the listing's "
                       "export delivers")
    p.add_argument("generation_id", metavar="GENERATION_ID")
    p.add_argument("--result", type=int, default=1, metavar="N",
                   help="which of the generation's results (default: the first)")
    common(p, out=False)
    p.set_defaults(func=cmd_keep)

    presets = ", ".join(f"{p.name} ({p.description})" for p in delivery.PRESETS.values())
    p = sub.add_parser("export", help="deliver a listing: the kept version of each photo (or the "
                       "original), in order, named 01-name.jpg...")
    p.add_argument("listing", metavar="LISTING", help="the listing's name or number")
    p.add_argument("--preset", default=delivery.DEFAULT_PRESET, choices=list(delivery.PRESETS),
                   help=f"size and file-size cap: {presets}")
    p.add_argument("--label", action="store_true",
                   help="draw “Virtually edited” on each edited photo")
    p.add_argument("--originals", action="store_true",
                   help="also write the original beside each edited photo (…-original.jpg)")
    p.add_argument("--sheet", action="store_true",
                   help="also write the seller's before/after PDF (LISTING-before-after.pdf)")
    p.add_argument("--long-side", type=int, metavar="PX", help="instead of the preset's (0: full)")
    p.add_argument("--quality", type=int, choices=range(30, 96), metavar="30-95",
                   help="JPEG quality instead of the preset's")
    p.add_argument("--max-mb", type=float, metavar="MB", help="file-size cap instead of the "
                   "preset's")
    common(p, out=False)
    p.add_argument("--out", type=Path, required=True, help="the folder to write into")
    p.set_defaults(func=cmd_export)


class _MessageOnly(logging.Formatter):
    """A log line for a person: the message, never a traceback (those go to the log file)."""

    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage()


def configure_logging(verbose: bool) -> tuple[Path, list[logging.Handler]]:
    """With -v, each step on stderr; everything, with tracebacks, to a log file.

    Without -v nothing is logged on stderr: every problem is told once, as a sentence, by the
    command itself."""
    file_handler = logfile.file_handler("skyclear.log")
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.INFO if verbose else logging.CRITICAL + 1)
    console.setFormatter(_MessageOnly())
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in (file_handler, console):
        root.addHandler(handler)
    return Path(file_handler.baseFilename), [file_handler, console]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_file, handlers = configure_logging(args.verbose)
    try:
        ws = open_workspace()
    except StoreLockedError as err:
        print(str(err), file=sys.stderr)
        return EXIT_LOCKED
    except (OSError, SkyClearError) as err:
        print(f"SkyClear could not open its data folder: {err}", file=sys.stderr)
        return 1
    if args.allow_insecure_address:
        ws.apply_settings(replace(ws.settings, allow_insecure=True))  # this run only, not saved
    try:
        if ws.notices:  # a damaged file was set aside: say so before doing anything
            for notice in ws.notices:
                print(f"{notice} Run the command again to go on.", file=sys.stderr)
            return EXIT_DAMAGED
        return int(args.func(ws, args))
    except SkyClearError as err:
        print(str(err), file=sys.stderr)
        return 1
    except Exception:
        log.exception("unexpected error")
        print(f"Something went wrong inside SkyClear; the details are in {log_file}.",
              file=sys.stderr)
        return 1
    finally:
        ws.close()
        for handler in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()


if __name__ == "__main__":
    sys.exit(main())
