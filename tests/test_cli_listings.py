"""Listings on the command line: `process --listing`, `listings`, `keep` and `export`, run as a
user runs them (a real process, real HTTP to the contract server)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from iacrea_server import IACreaServer
from job_gate import JobGate, ctrl_c_at_gate
from PIL import Image
from put_server import PutServer
from pypdf import PdfReader
from test_cli import cli_env, desktop_app, json_lines, no_traceback
from test_delivery import Listing

DATA = Path(__file__).parent / "data"


def run_counting_qt(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The command line run in a fresh interpreter, which says last whether Qt was loaded."""
    script = ("import sys\nfrom desktop_app.cli import main\ncode = main(sys.argv[1:])\n"
              "print('Qt loaded:', any(m.startswith('PySide6') for m in sys.modules))\n"
              "sys.exit(code)")
    return subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def test_process_files_into_a_listing_and_export_delivers_it(
        iacrea_server: IACreaServer, put_server: PutServer, tmp_path: Path) -> None:
    home = tmp_path / "home-cli"
    env = cli_env(home, iacrea_server, put_server)
    shoot = tmp_path / "shoot"
    shoot.mkdir()
    photos = [Path(shutil.copy(p, shoot / p.name)) for p in sorted(DATA.glob("*.jpg"))[:3]]
    again = Path(shutil.copy(photos[0], shoot / "IMG_0001.jpg"))  # the same photo, renamed

    proc = desktop_app("process", *map(str, photos), "--service", "sky", "--listing",
                       "12 Elm Street", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    first = json_lines(proc.stdout)
    proc = desktop_app("process", str(again), "--service", "sky", "--listing", "12 elm street",
                       "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    [retry] = json_lines(proc.stdout)

    proc = desktop_app("listings", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json_lines(proc.stdout) == [{"id": 1, "name": "12 Elm Street", "photos": 3, "kept": 0,
                                        "archived": False}]

    kept = next(line for line in first if Path(line["source"]) == photos[1])
    proc = desktop_app("keep", kept["generation_id"], env=env)
    assert proc.returncode == 0, proc.stderr
    proc = desktop_app("keep", str(retry["id"]), env=env)  # the renamed copy's result
    assert proc.returncode == 0, proc.stderr
    bad = desktop_app("keep", "nope", env=env)
    assert bad.returncode == 1 and "No generation nope" in bad.stderr
    no_traceback(bad)
    beyond = desktop_app("keep", str(retry["id"]), "--result", "2", env=env)
    assert beyond.returncode == 1
    assert beyond.stderr.strip() == f"Generation {retry['id']} has 1 result: --result takes 1."

    out = tmp_path / "delivery"
    proc = desktop_app("export", "12 Elm Street", "--preset", "site-2048", "--originals",
                       "--label", "--max-mb", "0.2", "--out", str(out), env=env)
    assert proc.returncode == 0, proc.stderr
    names = ["01-bedroom-window-blinds-drapes-01.jpg",
             "01-bedroom-window-blinds-drapes-01-original.jpg",
             "02-dining-room-windows-blown-out-01.jpg",
             "02-dining-room-windows-blown-out-01-original.jpg",
             "03-dining-room-windows-dark-bracket-01.jpg"]
    assert [Path(line).name for line in proc.stdout.split()] == names
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(names)
    for name in names:
        assert (out / name).stat().st_size <= 200_000
        with Image.open(out / name) as im:
            assert im.format == "JPEG"
    assert "1 of 3 photos has no kept version: the export takes its original" in proc.stderr
    # the kept result is what went out for photo 2, not its original
    assert (out / names[2]).read_bytes() != (out / names[3]).read_bytes()

    # with --sheet, the seller's PDF too: one page per kept photo; Qt only when asked for
    sheet_out = tmp_path / "with-sheet"
    proc = run_counting_qt(env, "export", "12 Elm Street", "--out", str(sheet_out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "Qt loaded: False"
    proc = run_counting_qt(env, "export", "12 Elm Street", "--sheet", "--out", str(sheet_out))
    assert proc.returncode == 0, proc.stderr
    *files, qt = proc.stdout.splitlines()
    assert qt == "Qt loaded: True"
    assert Path(files[-1]) == sheet_out / "12-elm-street-before-after.pdf"
    reader = PdfReader(files[-1])
    assert len(reader.pages) == 2 and all(len(page.images) == 2 for page in reader.pages)
    assert "12 Elm Street" in " ".join(reader.pages[0].extract_text().split())

    missing = desktop_app("export", "4 Oak Lane", "--out", str(tmp_path / "x"), env=env)
    assert missing.returncode == 1 and "There is no listing “4 Oak Lane”" in missing.stderr
    no_traceback(missing)
    clash = desktop_app("export", "1", "--out", str(shoot / "IMG_0001.jpg"), env=env)
    assert clash.returncode == 1 and "is a file, not a folder" in clash.stderr
    no_traceback(clash)


def test_jobs_from_before_listings_are_in_my_photos(tmp_path: Path) -> None:
    home = tmp_path / "home-cli"
    env = cli_env(home)
    photo = shutil.copy(DATA / "dining-room-windows-blown-out-01.jpg", tmp_path / "dining.jpg")
    proc = desktop_app("process", str(photo), "--service", "sky", "--engine", "local",
                       "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    proc = desktop_app("listings", env=env)
    assert proc.returncode == 0 and "My photos: 1 photo, 0 kept" in proc.stdout
    proc = desktop_app("listings", "--archived", env=env)
    assert proc.returncode == 0 and proc.stderr.strip() == "No archived listings."
    out = tmp_path / "out"
    proc = desktop_app("export", "My photos", "--preset", "full", "--out", str(out), env=env)
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == ["01-dining.jpg"]


def test_ctrl_c_while_the_sheet_is_drawn_ends_like_during_the_photos(
        terminal_ctrl_c: None, tmp_path: Path) -> None:
    home = tmp_path / "home-cli"
    home.mkdir()
    made = Listing(home)  # the command's own store: two photos, one with a kept version
    made.keep(0)
    made.store.close()
    gate = JobGate(tmp_path, "sheet")  # each page of the sheet waits here until let go
    out = tmp_path / "delivery"
    code, err = ctrl_c_at_gate(gate, ["export", "12 Elm Street", "--out", str(out), "--sheet"],
                               cli_env(home))
    assert code == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.splitlines()[-1].startswith("Stopped."), err
    photos = sorted(p.name for p in out.iterdir() if p.suffix == ".jpg")
    assert len(photos) == len(made.sources), "the photos were all written before the sheet"
    assert not [p for p in out.iterdir() if "pdf" in p.name], "no sheet, whole or in part"


def test_a_sheet_that_cannot_be_saved_leaves_the_photos_said(tmp_path: Path) -> None:
    """The photos are written and listed on stdout; the sheet's failure is one sentence."""
    home = tmp_path / "home-cli"
    home.mkdir()
    made = Listing(home)
    made.keep(0)
    made.store.close()
    out = tmp_path / "delivery"
    (out / "12-elm-street-before-after.pdf").mkdir(parents=True)  # the sheet's name is taken
    proc = desktop_app("export", "12 Elm Street", "--out", str(out), "--sheet", "-q",
                       env=cli_env(home))
    assert proc.returncode == 1
    no_traceback(proc)
    written = [Path(line) for line in proc.stdout.splitlines()]
    assert len(written) == len(made.sources) and all(p.parent == out for p in written)
    assert all(p.is_file() for p in written)
    assert proc.stderr.splitlines() == [
        f"The sheet could not be saved in {out} (a folder there has the sheet's name)."]


def test_a_folder_gives_its_photos_and_its_listing_and_an_empty_one_a_sentence(
        tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home-cli")
    shoot = tmp_path / "12 Elm Street"
    (shoot / "upstairs").mkdir(parents=True)
    shutil.copy(DATA / "dining-room-windows-blown-out-01.jpg", shoot / "a-dining.jpg")
    shutil.copy(DATA / "bedroom-window-blinds-drapes-01.jpg", shoot / "upstairs" / "b-bed.jpg")
    (shoot / "notes.txt").write_text("not a photo")
    proc = desktop_app("process", str(shoot), "--service", "sky", "--engine", "local",
                       "--json", env=env)
    assert proc.returncode in (0, 3), proc.stderr  # 3: a photo without sky, said as such
    assert sorted(Path(line["source"]).name for line in json_lines(proc.stdout)) == [
        "a-dining.jpg", "b-bed.jpg"]  # the photos inside, subfolders too; the note left alone
    listings = json_lines(desktop_app("listings", "--json", env=env).stdout)
    assert [(item["name"], item["photos"]) for item in listings] == [("12 Elm Street", 2)]

    empty = tmp_path / "empty"
    empty.mkdir()
    proc = desktop_app("process", str(empty), "--service", "sky", "--engine", "local", env=env)
    assert proc.returncode == 1
    assert proc.stderr.strip() == (f"No photos were found in {empty} (SkyClear opens JPEG, PNG, "
                                   "WebP and TIFF files).")
    no_traceback(proc)
