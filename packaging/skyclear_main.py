"""Entry point of the bundled app (PyInstaller runs a script, not a module)."""

import multiprocessing
import sys

from desktop_app.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the local engine's worker process, in a frozen app
    sys.exit(main())
