"""Keep SkyClear's translations in step with the code.

    python packaging/translations.py update    extract the window's strings into the .ts files
    python packaging/translations.py compile   compile the .ts files to the .qm files the app loads

``update`` runs ``pyside6-lupdate`` over ``desktop_app/``: new strings arrive unfinished, strings
gone from the code are dropped, finished translations stay. Translate the new ones (Qt
Linguist: ``pyside6-linguist resources/translations/skyclear_fr.ts``), then ``compile``. English
is the source language; its file holds only the plural forms ("%n photo(s)" -> "1 photo",
"2 photos"). The .qm files are committed; tests/test_translations.py checks that they match.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("fr",)  # besides English


def tool(name: str) -> str:
    """A Qt tool of the PySide6 beside this Python (a venv's bin/), else from the PATH."""
    for folder in (Path(sys.executable).parent, Path(sys.executable).resolve().parent):
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.exists():
                return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def sources(root: Path = ROOT) -> list[str]:
    """The Python files whose strings the window shows (relative, so the .ts stays portable)."""
    return sorted(str(p.relative_to(root)) for p in (root / "desktop_app").rglob("*.py"))


def ts_file(language: str, folder: Path = TS_DIR) -> Path:
    return folder / f"skyclear_{language}.ts"


def qm_file(language: str, folder: Path = TS_DIR) -> Path:
    return folder / f"skyclear_{language}.qm"


def extract(ts: Path, language: str, *, root: Path = ROOT, plural_only: bool = False) -> None:
    """Run lupdate over the sources into ``ts`` (created or updated in place)."""
    args = [tool("pyside6-lupdate"), *sources(root), "-ts", str(ts), "-target-language",
            language, "-source-language", "en", "-locations", "none", "-no-obsolete",
            "-silent"]
    if plural_only:
        args.append("-pluralonly")
    subprocess.run(args, cwd=root, check=True)


def compile_qm(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``, which takes the place of the old file whole: a running app
    (or test run) maps its .qm into memory and crashes if the file is rewritten in place."""
    fresh = qm.with_name(qm.name + ".new")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(fresh)], check=True)
    os.replace(fresh, qm)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        for language in LANGUAGES:
            extract(ts_file(language), language)
        extract(ts_file("en"), "en", plural_only=True)
    elif command == "compile":
        for language in (*LANGUAGES, "en"):
            compile_qm(ts_file(language), qm_file(language))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
