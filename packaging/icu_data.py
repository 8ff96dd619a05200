"""A smaller ICU data library for the Linux bundle.

Qt's Linux wheels link ICU, whose data library (libicudata, 31 MB) holds, for some 800
locales, names of languages, countries, currencies, units and time zones, collation rules and
more, besides spelled-out numbers, transliterators and converters for legacy Asian and
mainframe encodings. Qt formats numbers and dates and names languages with tables of its own;
what it asks ICU for is collation (sorting file names), case mapping, normalisation, time-zone
names and the converters of ``QStringConverter``. This keeps the ICU data of SkyClear's
languages (root, English, French) and the Western converters, and builds a library with the
same name and symbol from it. Needs ``icupkg`` (Debian: icu-devtools) and ``cc``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

#: ICU locales kept (with their regional variants): the app's languages and the fallback.
LOCALES = ("root", "en", "fr")
#: spelled-out numbers and transliterators: Qt never asks ICU for them
DROPPED_TREES = ("rbnf/", "translit/")
#: converters kept: ISO-8859-x and the Windows code pages 125x
KEPT_CONVERTERS = re.compile(r"(iso-8859_\d+|ibm-53[45]\d|ibm-9[12]\d)_.*\.cnv|.*\.icu")

_LOCALE_ITEM = re.compile(r"(?:[a-z]+/)?([a-z]{2,3})(?:_[A-Za-z0-9_]*)?\.res")
_ALWAYS = ("res_index.res", "pool.res")


def _keep(item: str) -> bool:
    if item.startswith(DROPPED_TREES):
        return False
    if item.endswith(".cnv"):
        return bool(KEPT_CONVERTERS.fullmatch(item))
    name = item.rsplit("/", 1)[-1]
    if name in _ALWAYS:
        return True
    match = _LOCALE_ITEM.fullmatch(item)
    if match and "/" in item:  # per-locale data in a tree (coll/, zone/...): our locales only
        return match.group(1) in LOCALES or name.startswith("root")
    if match and _is_locale(name):
        return match.group(1) in LOCALES
    return True  # shared data: likely subtags, plurals, time zones, normalisation...


def _is_locale(name: str) -> bool:
    """Top-level locale bundles (``de.res``, ``zh_Hant_TW.res``), not shared tables."""
    stem = name[:-4]
    return bool(re.fullmatch(r"[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2}|_\d{3})?(_[A-Z0-9]+)?",
                             stem))


def _symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the data symbol ``icudtNN_dat``."""
    out = subprocess.run(["readelf", "--dyn-syms", "-W", str(library)], check=True,
                         capture_output=True, text=True).stdout
    match = re.search(r"([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\S+\s+"
                      r"(icudt\d+_dat)", out)
    if match is None:
        raise RuntimeError(f"{library.name} has no ICU data symbol")
    address, size, name = int(match.group(1), 16), int(match.group(2), 0), match.group(3)
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], check=True,
                              capture_output=True, text=True).stdout
    for line in sections.splitlines():
        parts = line.replace("[ ", "[").split()
        if len(parts) > 5 and parts[1] == ".rodata":
            section_address, section_offset = int(parts[3], 16), int(parts[4], 16)
            return name, address - section_address + section_offset, size
    raise RuntimeError(f"{library.name} has no .rodata section")


def build_small_icu_data(library: Path, out_dir: Path) -> Path:
    """A copy of ``library`` (libicudataNN) with only the data SkyClear's languages need."""
    out_dir.mkdir(parents=True, exist_ok=True)
    symbol, offset, size = _symbol(library)
    full = out_dir / f"{symbol[:-4]}l.dat"  # icudt73l.dat: little-endian package
    with library.open("rb") as source:
        source.seek(offset)
        full.write_bytes(source.read(size))
    items = subprocess.run(["icupkg", "-l", str(full)], check=True, capture_output=True,
                           text=True).stdout.split()
    dropped = [item for item in items if not _keep(item)]
    listing = out_dir / "dropped.txt"
    listing.write_text("\n".join(dropped) + "\n")
    small = out_dir / "small" / full.name  # icupkg names the items after the file
    small.parent.mkdir(exist_ok=True)
    small.unlink(missing_ok=True)
    subprocess.run(["icupkg", "-r", str(listing), str(full), str(small)], check=True,
                   capture_output=True)
    source = out_dir / "icudata.S"
    source.write_text(f"""\
    .section .rodata
    .balign 16
    .globl {symbol}
    .type {symbol}, @object
{symbol}:
    .incbin "{small}"
    .size {symbol}, . - {symbol}
    .section .note.GNU-stack,"",@progbits
""")
    result = out_dir / library.name
    subprocess.run(["cc", "-shared", "-o", str(result), str(source),
                    f"-Wl,-soname,{library.name.split('.so')[0]}.so.{_major(library.name)}"],
                   check=True)
    return result


def _major(name: str) -> str:
    return name.split(".so.")[1].split(".")[0]
