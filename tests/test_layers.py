"""Imports point downwards (ui -> jobs -> engines -> core), core, engines and the command line
import no Qt, and jobs/ holds only what needs Qt."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "desktop_app"
ORDER = ["core", "engines", "jobs", "ui"]


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def test_no_layer_imports_one_above_it() -> None:
    for rank, layer in enumerate(ORDER):
        above = {f"desktop_app.{name}" for name in ORDER[rank + 1:]}
        for path in modules(layer):
            wrong = {m for m in imports(path) if any(m == a or m.startswith(a + ".")
                                                     for a in above)}
            assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"


def test_core_engines_and_cli_are_qt_free_and_jobs_needs_qt() -> None:
    for path in [*modules("core"), *modules("engines"), *PACKAGE.glob("cli*.py")]:
        qt = {m for m in imports(path) if m.startswith("PySide6")}
        assert not qt, f"{path.relative_to(PACKAGE)} imports {sorted(qt)}"
    for path in modules("jobs"):
        if path.name != "__init__.py":
            assert any(m.startswith("PySide6") for m in imports(path)), \
                f"{path.relative_to(PACKAGE)} needs no Qt: it belongs in core/"
