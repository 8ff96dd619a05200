"""Writing a file so that a reader (or a crash) never sees half of it.

The data goes to a hidden temporary file in the same folder, which is then renamed over the
destination in one step (``os.replace`` is atomic on one file system). Whatever goes wrong, the
temporary file is removed and the destination keeps its previous content; a full disk is said
as a :class:`DiskFullError`.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.core.errors import DiskFullError
from desktop_app.core.messages import Msg

#: errno values that mean "no room for this file".
_NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})

__all__ = ["atomic_path", "write_bytes", "write_text"]


@contextmanager
def atomic_path(dest: str | Path) -> Iterator[Path]:
    """Yield a fresh temporary path beside ``dest`` to write into; on a normal exit it replaces
    ``dest``, on any exception it is deleted and the exception goes on. Creates the folder."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.part")
    try:
        yield part
        os.replace(part, dest)
    except OSError as err:
        part.unlink(missing_ok=True)
        if err.errno in _NO_ROOM:
            raise DiskFullError(Msg.DISK_FULL(dest.name, str(dest.parent))) from None
        raise
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def write_bytes(dest: str | Path, data: bytes) -> Path:
    with atomic_path(dest) as part, part.open("xb") as fh:
        fh.write(data)
    return Path(dest)


def write_text(dest: str | Path, text: str) -> Path:
    return write_bytes(dest, text.encode("utf-8"))
