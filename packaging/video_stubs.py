"""Small stand-ins for the video libraries OpenCV's Linux wheel links against.

``cv2`` from the ``opencv-contrib-python-headless`` wheel is linked to FFmpeg (libavcodec,
libavformat, libavutil, libswscale) for ``VideoCapture``/``VideoWriter`` and to libavif for AVIF
files. SkyClear reads and writes photos only (JPEG and PNG), so these ~40 MB (with libaom, libvpx
and a second OpenSSL pulled in by them) are never called, yet ``import cv2`` needs every library
to be there. Each stand-in has the real library's file name, soname and symbol versions, and
every function ``cv2`` imports from it stops the program with a clear message, so a call that
should never happen cannot go unnoticed. The exceptions are the calls OpenCV makes when it
first encodes any image (it builds one encoder per format, AVIF's included): ``PASSIVE`` below.
Linux only (ELF; needs ``cc`` and binutils' ``nm``).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

#: File-name prefixes of the libraries replaced (the rest of the chain then has no user).
VIDEO_LIBS = ("libavcodec", "libavformat", "libavutil", "libswscale", "libavif")

_STUB_BODY = """\
#include <stdio.h>
#include <stdlib.h>
static void missing(const char *name) {
    fprintf(stderr, "SkyClear: %s is not included in this build (no video support)\\n", name);
    abort();
}
"""


#: Functions that return nothing useful instead of stopping the program: OpenCV makes an AVIF
#: encoder (and destroys it at exit) before it encodes a JPEG or PNG; it only uses it for AVIF.
PASSIVE = {"avifEncoderCreate": "void *avifEncoderCreate(void) { return 0; }",
           "avifEncoderDestroy": "void avifEncoderDestroy(void) { }"}


def _symbols(path: Path, defined: bool) -> dict[str, str]:
    """Dynamic function symbols → version ('' when unversioned)."""
    flag = "--defined-only" if defined else "--undefined-only"
    out = subprocess.run(["nm", "-D", flag, str(path)], check=True, capture_output=True,
                         text=True).stdout
    symbols: dict[str, str] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2 or (defined and parts[-2] not in ("T", "W", "i")):
            continue
        name, _, version = parts[-1].partition("@")
        symbols[name] = version.lstrip("@")
    return symbols


def _soname(path: Path) -> str:
    out = subprocess.run(["readelf", "-d", str(path)], check=True, capture_output=True,
                         text=True).stdout
    match = re.search(r"\(SONAME\)\s+Library soname: \[(.+?)\]", out)
    return match.group(1) if match else path.name


def build_stub(consumer: Path, library: Path, out_dir: Path) -> Path:
    """A stand-in for ``library`` with every function ``consumer`` imports from it."""
    wanted = _symbols(consumer, defined=False)
    offered = _symbols(library, defined=True)
    names = sorted(name for name in wanted if name in offered)
    if not names:
        raise RuntimeError(f"{consumer.name} imports nothing from {library.name}")
    out_dir.mkdir(parents=True, exist_ok=True)
    soname = _soname(library)
    source = out_dir / f"{library.name}.c"
    source.write_text(_STUB_BODY + "".join(
        PASSIVE.get(name, f'void {name}(void) {{ missing("{name}"); }}') + "\n" for name in names))
    command = ["cc", "-shared", "-fPIC", "-O1", "-o", str(out_dir / library.name), str(source),
               f"-Wl,-soname,{soname}"]
    versions: dict[str, list[str]] = {}
    for name in names:
        versions.setdefault(offered[name], []).append(name)
    if any(versions):
        script = out_dir / f"{library.name}.map"
        script.write_text("".join(
            f"{version or 'SKYCLEAR_STUB'} {{ global: {'; '.join(syms)}; }};\n"
            for version, syms in versions.items()) + "SKYCLEAR_LOCAL { local: *; };\n")
        command.append(f"-Wl,--version-script={script}")
    subprocess.run(command, check=True)
    return out_dir / library.name


def is_video_lib(name: str) -> bool:
    return Path(name).name.startswith(VIDEO_LIBS)
