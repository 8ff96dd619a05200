"""The command line's commands (``cmd_*``), each given the workspace and its parsed
arguments, returning the exit code; and the checks made before anything is paid for.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from desktop_app.cli_runner import Runner, counted, describe, name_of, to_json
from desktop_app.core import delivery
from desktop_app.core.errors import InputError, SkyClearError
from desktop_app.core.listings import Listing, Listings, PhotoVersions
from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.core.thumbnails import find_photos
from desktop_app.engines.cloud import CloudEngine
from desktop_app.engines.factory import default_engine
from desktop_app.engines.pipeline import RetryKind, check_dark_frame_use
from desktop_app.engines.workspace import Workspace


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


def check_dark_frame_file(path: Path) -> None:
    """The darker shot given is a file: else a sentence naming it as the darker shot (the
    pipeline would call it a photo, like the one processed)."""
    if not path.is_file():
        what = "is a folder, not a photo" if path.is_dir() else "cannot be found"
        raise InputError(f"The darker shot {path} (--dark-frame) {what}.")


def photos_in(inputs: list[str]) -> list[str]:
    """What ``process`` works on: files and URLs as given, and for a folder the photos inside
    it, as the window takes a dropped folder. A folder without any is said before anything."""
    sources: list[str] = []
    for item in inputs:
        if Path(item).is_dir():
            found, _ = find_photos([item])
            if not found:
                raise InputError(f"No photos were found in {item} (SkyClear opens JPEG, PNG, "
                                 "WebP and TIFF files).")
            sources += [p for p in found if p not in sources]
        else:
            sources.append(item)
    return sources


# -- commands -----------------------------------------------------------------------------
def cmd_process(ws: Workspace, args: argparse.Namespace) -> int:
    service = Service(args.service)
    engine = EngineName(args.engine) if args.engine else default_engine(ws.settings)
    auto = args.auto if args.auto is not None else args.mask is None
    webhook = args.webhook or ws.settings.webhook or None
    check_out_folder(args.out)
    check_webhook(webhook)
    sources = photos_in(args.inputs)
    if args.dark_frame is not None:  # said once, before any photo (or account) is looked at
        check_dark_frame_use(service, engine)
        check_dark_frame_file(args.dark_frame)
        if len(sources) > 1:
            raise InputError("A darker shot (--dark-frame) goes with one photo: process the "
                             "photos of each bracket one at a time.")
    if service is Service.DECLUTTER and engine is EngineName.LOCAL and args.mask is None:
        # said once for the whole batch, in the command line's own terms (the pipeline's
        # sentence, for each photo, speaks of painting)
        raise InputError("Declutter on the local engine needs a mask of what to remove: "
                         "--mask FILE.png, white over what goes (paint one in the window's "
                         "mask editor and save it with Export mask…), or --engine cloud for "
                         "automatic detection.")
    check_engine(ws, engine)
    gens, failed = [], False
    for source in sources:
        try:
            gens.append(ws.pipeline.new_generation(source, service, engine, auto=auto,
                                                   webhook=webhook, mask=args.mask,
                                                   dark_frame=args.dark_frame))
        except SkyClearError as err:
            failed = True
            print(f"{Path(source).name}: {err}", file=sys.stderr)
    listings = Listings(ws.store)
    if args.listing:
        file_into_listing(listings, listings.open(args.listing), gens)
    elif len(args.inputs) == 1 and Path(args.inputs[0]).is_dir():  # as a folder dropped alone
        file_into_listing(listings, listings.for_folder(args.inputs[0]), gens)
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
        verbs = ("is", "was") if len(busy) == 1 else ("are", "were")
        print(f"{counted(len(busy), 'generation')} {verbs[0]} being finished by another "
              f"SkyClear (a window or a command) and {verbs[1]} left to it.", file=sys.stderr)


def cmd_resume(ws: Workspace, args: argparse.Namespace) -> int:
    check_out_folder(args.out)
    pending = ws.pipeline.resume()
    stopped = [g for g in ws.store.all() if g.status is Status.ERROR
               and ws.pipeline.retry_kind(g) is RetryKind.RESEND]
    _say_busy_elsewhere(ws)
    for gen in stopped:
        print(f"{name_of(gen)} (#{gen.id}): {gen.error} `desktop-app retry {gen.id}` decides.",
              file=sys.stderr)
    if not pending:
        print("Nothing to resume: every generation is finished or in other hands.",
              file=sys.stderr)
        return 0
    print(f"Resuming {counted(len(pending), 'generation')}…", file=sys.stderr)
    return Runner(ws, args).run(pending)


def _confirm(gen: Generation, args: argparse.Namespace) -> bool:
    """May a generation that may already be paid for be sent again? --yes, or ask."""
    if args.yes:
        return True
    why = ("IACrea no longer knows it" if gen.remote_id else
           "it may already have reached IACrea")
    question = (f"{name_of(gen)} (#{gen.id}): {why}, so sending it again may use a second credit. "
                "Send it again? [y/N] ")
    if not sys.stdin.isatty():
        print(f"{name_of(gen)} (#{gen.id}): {why}, so sending it again may use a second credit; "
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
            print(f"{name_of(gen)} (#{gen.id}): another SkyClear is working on it already.",
                  file=sys.stderr)
        elif kind is RetryKind.NONE:
            print(f"{name_of(gen)} (#{gen.id}): {describe(gen)}; nothing to retry.",
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
            # the #number is what variation, keep and retry take; the service's own id (a
            # cloud job's) comes last, for when IACrea is asked about a job
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(gen.created_at))
            cloud = gen.engine is EngineName.CLOUD and gen.remote_id
            remote = f"  ({gen.remote_id})" if cloud else ""
            print(f"{'#' + str(gen.id):>5}  {when}  {gen.engine.value:5}  {name_of(gen)}: "
                  f"{describe(gen)}{remote}")
    if not gens and not args.json:
        print("No generations yet.", file=sys.stderr)
    return 0


# -- listings -----------------------------------------------------------------------------
def file_into_listing(listings: Listings, listing: Listing, gens: list[Generation]) -> None:
    """File new jobs under their photos in ``listing``; a photo already there gets the job as
    another version."""
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
            print(f"{listing.id:>4}  {listing.name}: {counted(len(entries), 'photo')}, {kept} kept")
    if not shown and not args.json:
        print("No archived listings." if args.archived else "No listings yet.", file=sys.stderr)
    return 0


def cmd_keep(ws: Workspace, args: argparse.Namespace) -> int:
    gen = _find(ws, args.generation_id)
    results = len(gen.result_files)
    if gen.status is Status.DONE and not 1 <= args.result <= results:
        which = "1" if results == 1 else f"1 to {results}"
        raise InputError(f"Generation {args.generation_id} has {counted(results, 'result')}: "
                         f"--result takes {which}.")
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
        # "taken", not "exported": an original that is gone was said above, and is not there
        what = ("has no kept version: the export takes its original" if plain == 1
                else "have no kept version: the export takes their originals")
        print(f"{plain} of {counted(len(entries), 'photo')} {what} (keep one with "
              "`desktop-app keep GENERATION_ID`).", file=sys.stderr)
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
    try:
        sheet = seller_sheet.write_sheet(seller_sheet.sheet_path(out, name), name, pages,
                                         stop=stop)
    except seller_sheet.SheetNotSaved as err:  # said beside the photos, which are written
        return None, [str(err)]
    return sheet.path, [problem.text for problem in sheet.problems]

