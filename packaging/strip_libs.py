"""Strip debugging symbols from the Linux bundle's shared libraries, safely.

The distribution's libpython alone carries 17 MB of them. But ``strip`` can break a library
that auditwheel rewrote with patchelf (its segments end up misaligned, and the loader refuses
it: "ELF load command address/offset not page-aligned"), so each stripped copy replaces the
original only when every loadable segment is still aligned.

    python packaging/strip_libs.py dist/SkyClear/_internal
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_LOAD = re.compile(r"^\s*LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+"
                   r"0x[0-9a-f]+\s+.{3}\s+(0x[0-9a-f]+)", re.MULTILINE)


def segments_aligned(path: Path) -> bool:
    out = subprocess.run(["readelf", "-lW", str(path)], capture_output=True, text=True).stdout
    loads = _LOAD.findall(out)
    return bool(loads) and all(
        (int(vaddr, 16) - int(offset, 16)) % max(1, int(align, 16)) == 0
        for offset, vaddr, align in loads)


def strip_folder(folder: Path) -> tuple[int, int]:
    """Strip every ELF library under ``folder``; (bytes before, bytes after)."""
    before = after = 0
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "lib"
        for path in sorted(folder.rglob("*.so*")):
            if path.is_symlink() or not path.is_file():
                continue
            size = path.stat().st_size
            before += size
            shutil.copy2(path, copy)
            done = subprocess.run(["strip", "--strip-unneeded", str(copy)],
                                  capture_output=True).returncode == 0
            if done and copy.stat().st_size < size and segments_aligned(copy):
                shutil.copy2(copy, path)
                size = copy.stat().st_size
            after += size
    return before, after


if __name__ == "__main__":
    before, after = strip_folder(Path(sys.argv[1]))
    print(f"Stripped the libraries: {before / 2**20:.0f} MB -> {after / 2**20:.0f} MB")
