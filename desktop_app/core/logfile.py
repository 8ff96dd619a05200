"""The log file in the data folder: rotated so it never grows without end, each file private."""

from __future__ import annotations

import logging
import logging.handlers
from io import TextIOWrapper
from pathlib import Path

from desktop_app.core import paths

#: A log file is rotated past this size; two older ones are kept.
MAX_BYTES = 2_000_000
BACKUPS = 2


class PrivateRotatingLog(logging.handlers.RotatingFileHandler):
    """A rotating log whose every new file is private (0600) like the first one."""

    def _open(self) -> TextIOWrapper:
        stream = super()._open()
        paths.private_file(Path(self.baseFilename))
        return stream


def file_handler(name: str, max_bytes: int = MAX_BYTES) -> PrivateRotatingLog:
    """A handler writing everything, with tracebacks, to ``name`` in the data folder's logs."""
    handler = PrivateRotatingLog(paths.log_file(name), maxBytes=max_bytes, backupCount=BACKUPS,
                                 encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    return handler
