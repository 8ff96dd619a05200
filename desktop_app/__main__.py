"""``desktop-app``: the window with no arguments, the command line with a subcommand.

    desktop-app [PHOTO|FOLDER ...]                open the window (adding those photos)
    desktop-app process|variation|resume|retry|credits|history|listings|keep|export ...
                                                  the headless command line
    desktop-app --screenshot PATH [--demo] [--state STATE] [--photos FILE...]
                                                  render the window offscreen to a PNG and exit
    desktop-app --version
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop_app import __version__

CLI_COMMANDS = ("process", "variation", "resume", "retry", "credits", "history", "listings",
                "keep", "export")
SCREENSHOT_STATES = ("empty", "library", "running", "compare", "settings", "error", "welcome",
                     "listing", "export", "exporting", "sheet", "hostsettings", "mask",
                     "skyreview")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-app",
        description="SkyClear: blue skies and clutter-free rooms for listing photos. Without "
                    "arguments the window opens; subcommands (process, variation, resume, "
                    "retry, credits, history, listings, keep, export) run without a window — see "
                    "'desktop-app process -h'.")
    parser.add_argument("--version", action="version", version=f"SkyClear {__version__}")
    parser.add_argument("files", nargs="*", metavar="PHOTO",
                        help="photos or folders to add to the library as the window opens")
    parser.add_argument("--screenshot", metavar="PATH",
                        help="render the main window offscreen to this PNG file and exit")
    parser.add_argument("--demo", action="store_true",
                        help="with --screenshot: use a throw-away library with the bundled demo "
                             "photo (your own library and keyring are not touched)")
    parser.add_argument("--state", choices=SCREENSHOT_STATES, default=None,
                        help="with --screenshot --demo: which moment to show (default: compare)")
    parser.add_argument("--photos", nargs="+", metavar="FILE", default=[],
                        help="with --screenshot --demo: more photos to put in the library")
    parser.add_argument("--size", default="1280x800", metavar="WxH",
                        help="with --screenshot: window size in pixels (default 1280x800)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in CLI_COMMANDS:
        from desktop_app.cli import main as cli_main

        return cli_main(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.screenshot:
        if args.files:
            parser.error("--screenshot takes no photos to open; with --demo, use --photos")
        try:
            width, height = (int(v) for v in args.size.lower().split("x"))
        except ValueError:
            parser.error("--size must look like 1280x800")
        from desktop_app.ui.demo import render_screenshot

        return render_screenshot(args.screenshot, demo=args.demo,
                                 state=args.state or ("compare" if args.demo else None),
                                 photos=args.photos, size=(width, height))
    if args.demo or args.state or args.photos:
        parser.error("--demo, --state and --photos only go with --screenshot")
    from desktop_app.app import run_window

    return run_window(files=[str(Path(f).absolute()) for f in args.files])


if __name__ == "__main__":
    sys.exit(main())
