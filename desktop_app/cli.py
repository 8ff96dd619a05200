"""The headless face of SkyClear: the same engines, pipeline and job store as the window.

    desktop-app process PHOTO... --service sky|declutter [--engine local|cloud] [--mask M.png]
    desktop-app process PHOTO --service sky --engine local --dark-frame DARKER.jpg
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

This module parses the arguments and opens the workspace; the commands themselves are in
``cli_commands``, and ``cli_runner`` runs their generations and reports them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.cli_commands import (
    cmd_credits,
    cmd_export,
    cmd_history,
    cmd_keep,
    cmd_listings,
    cmd_process,
    cmd_resume,
    cmd_retry,
    cmd_variation,
)
from desktop_app.core import delivery, logfile
from desktop_app.core.errors import SkyClearError
from desktop_app.core.models import EngineName, Service
from desktop_app.core.recovery import StoreLockedError
from desktop_app.engines.workspace import open_workspace

log = logging.getLogger("desktop_app.cli")
#: Exit code when a damaged job store or settings file was set aside and nothing else was done.
EXIT_DAMAGED = 4
#: Exit code when another program kept the job store locked.
EXIT_LOCKED = 5
#: What a command that takes one generation accepts.
GENERATION_HELP = "the generation's id or #number (see `desktop-app history`)"


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
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="photo files (JPEG, PNG, WebP, TIFF), folders of photos (a folder "
                   "alone is filed into the listing named after it, as in the window), or "
                   "http(s) URLs of photos")
    p.add_argument("--service", required=True, choices=[s.value for s in Service],
                   help="sky: Interior sky, a blue sky in the windows; declutter: remove "
                   "furniture and objects")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--auto", dest="auto", action="store_true", default=None,
                       help="declutter, cloud: let the service find the objects (default "
                       "without --mask)")
    group.add_argument("--no-auto", dest="auto", action="store_false",
                       help="declutter, cloud: send the photo without automatic detection, to "
                       "paint what to remove in a variation ('desktop-app variation --mask')")
    p.add_argument("--engine", choices=[e.value for e in EngineName],
                   help="default: the cloud when an API key is set, else local")
    p.add_argument("--mask", type=Path, help="local engine: PNG, white = remove (declutter) "
                   "or white = sky (sky)")
    p.add_argument("--dark-frame", type=Path, metavar="PATH",
                   help="sky, local engine, one photo: a darker shot of the same scene (an "
                   "exposure bracket); where the photo is blown out, it shows what is sky "
                   "(a white ceiling or wall seen through the window stays)")
    p.add_argument("--webhook", help="URL the service calls when a generation is done")
    p.add_argument("--listing", metavar="NAME",
                   help="file the photos into this listing (made when there is none)")
    common(p)
    p.set_defaults(func=cmd_process)

    p = sub.add_parser("variation", help="ask for another result of a finished generation")
    p.add_argument("generation_id", metavar="GENERATION_ID", help=GENERATION_HELP)
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
    p.add_argument("generation_id", metavar="GENERATION_ID", help=GENERATION_HELP)
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
