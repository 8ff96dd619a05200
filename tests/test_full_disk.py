"""A full disk while a result is downloaded or a photo is saved: the file being replaced keeps
its content, no ``.part`` is left, and the error is a sentence (transient, so a paid result is
fetched again later).

The disk is "full" for a child process only: its file-size limit (RLIMIT_FSIZE, with SIGXFSZ
ignored) makes any write past the limit fail with EFBIG, as a full disk fails with ENOSPC.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from iacrea_server import IACreaServer

resource = pytest.importorskip("resource")  # POSIX only

DATA = Path(__file__).parent / "data"
PHOTO = DATA / "dining-room-windows-blown-out-01.jpg"
LIMIT = 16 * 1024  # bytes any file of the child may have: far less than a photo
OLD = b"the previous version of this file"

_PRELUDE = """
import json, resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
dest = Path(sys.argv[1])
try:
{body}
    print(json.dumps({{"ok": True}}))
except Exception as err:
    print(json.dumps({{"ok": False, "kind": type(err).__name__, "message": str(err),
                      "transient": getattr(err, "transient", None)}}))
"""


def run_limited(body: str, dest: Path, *args: str) -> dict[str, object]:
    """Run ``body`` (Python, indented by 4) in a child whose files may not exceed LIMIT."""
    code = _PRELUDE.format(limit=LIMIT, body=textwrap.indent(textwrap.dedent(body), "    "))
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")  # only the file under test is written
    proc = subprocess.run([sys.executable, "-c", code, str(dest), *args], capture_output=True,
                          text=True, timeout=120, check=False, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    outcome: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return outcome


def assert_kept(dest: Path) -> None:
    assert dest.read_bytes() == OLD, "the file being replaced keeps its content"
    assert [p.name for p in dest.parent.iterdir()] == [dest.name], "and no .part is left"


def test_full_disk_during_a_result_download(iacrea_server: IACreaServer, tmp_path: Path) -> None:
    url = iacrea_server.serve_file(PHOTO, "result.jpg")
    assert PHOTO.stat().st_size > 2 * LIMIT
    dest = tmp_path / "results" / "result.jpg"
    dest.parent.mkdir()
    dest.write_bytes(OLD)
    outcome = run_limited("""
        from desktop_app.core.api import IACreaClient
        with IACreaClient("sk-test", "user", sys.argv[2], max_retries=0) as client:
            client.download(sys.argv[3], dest)
    """, dest, iacrea_server.url, url)
    assert outcome["kind"] == "DiskFullError" and outcome["transient"] is True
    assert "not enough free disk space" in str(outcome["message"])
    assert "result.jpg" in str(outcome["message"])
    assert_kept(dest)
    assert len(iacrea_server.calls_to("/static")) == 1  # the body was really being written


@pytest.mark.parametrize("name", ["saved.jpg", "saved.png"])
def test_full_disk_while_saving_a_result(tmp_path: Path, name: str) -> None:
    dest = tmp_path / "out" / name
    dest.parent.mkdir()
    dest.write_bytes(OLD)
    outcome = run_limited("""
        from desktop_app.core import export
        export.export_result(sys.argv[2], dest)
    """, dest, str(PHOTO))
    assert outcome["kind"] == "DiskFullError", outcome
    assert name in str(outcome["message"]) and "nothing was lost" in str(outcome["message"])
    assert_kept(dest)


def test_full_disk_while_the_local_engine_writes_its_result(tmp_path: Path) -> None:
    dest = tmp_path / "work" / "local-result.jpg"
    dest.parent.mkdir()
    dest.write_bytes(OLD)
    outcome = run_limited("""
        from desktop_app.core import imaging
        imaging.save_rgb(imaging.load_rgb(Path(sys.argv[2])), dest, quality=95)
    """, dest, str(PHOTO))
    assert outcome["kind"] == "DiskFullError", outcome
    assert_kept(dest)


def test_the_same_writes_work_with_room(tmp_path: Path) -> None:
    """The limit is what fails above: without it the same code writes the file."""
    dest = tmp_path / "out" / "saved.jpg"
    code = ("import sys; from pathlib import Path; from desktop_app.core import export; "
            "export.export_result(sys.argv[1], Path(sys.argv[2]))")
    subprocess.run([sys.executable, "-c", code, str(PHOTO), str(dest)], check=True, timeout=120)
    assert dest.stat().st_size > LIMIT


def test_full_disk_while_the_sellers_sheet_is_written(tmp_path: Path) -> None:
    """Qt's PDF writer says nothing of a failed write (``QPainter.end()`` is True over a file cut
    short): the sheet is still said not saved, no PDF is left, the photos delivered stay."""
    out = tmp_path / "delivery"
    out.mkdir()
    photo = out / "01-dining-room.jpg"
    photo.write_bytes(PHOTO.read_bytes())
    dest = out / "12-elm-street-before-after.pdf"
    outcome = run_limited("""
        from desktop_app.jobs.seller_sheet import SheetPage, write_sheet
        page = SheetPage("dining room.jpg", sys.argv[2], sys.argv[2])
        write_sheet(dest, "12 Elm Street", [page, page])
    """, dest, str(PHOTO))
    assert outcome["kind"] == "SheetNotSaved", outcome  # the window says the photos are there
    assert outcome["message"] == (f"The sheet could not be saved in {out} (the file was cut "
                                  "short: the disk may be full).")
    assert [p.name for p in out.iterdir()] == [photo.name], "no PDF, whole or partial"
    assert photo.read_bytes() == PHOTO.read_bytes()
