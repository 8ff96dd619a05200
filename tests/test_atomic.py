"""core.atomic: a destination is either its old content or the whole new one, never half."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core import atomic


def test_writes_replace_the_destination_and_leave_no_temporary(tmp_path: Path) -> None:
    dest = tmp_path / "sub" / "settings.json"
    atomic.write_text(dest, "first")
    atomic.write_text(dest, "second")
    assert dest.read_text(encoding="utf-8") == "second"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["settings.json"]


def test_a_failed_write_keeps_the_old_content(tmp_path: Path) -> None:
    dest = tmp_path / "photo.jpg"
    dest.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic.atomic_path(dest) as part:
        part.write_bytes(b"half of the n")
        raise RuntimeError("disk pulled out")
    assert dest.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo.jpg"]


def test_the_temporary_file_is_hidden_beside_the_destination(tmp_path: Path) -> None:
    dest = tmp_path / "result.png"
    with atomic.atomic_path(dest) as part:
        assert part.parent == tmp_path and part.name.startswith(".") and part != dest
        part.write_bytes(b"png")
        assert not dest.exists()  # nothing is visible until the write is complete
    assert dest.read_bytes() == b"png"
