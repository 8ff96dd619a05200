"""`desktop-app` as a user runs it: a real process, real HTTP to the contract server."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from iacrea_server import IACreaServer
from job_gate import JobGate, ctrl_c_at_gate
from PIL import Image
from put_server import PutServer

from desktop_app.cli_runner import EXIT_NO_SKY

DATA = Path(__file__).parent / "data"
PHOTO = DATA / "dining-room-windows-blown-out-01.jpg"
CLUTTERED = DATA / "living-room-cluttered-01.jpg"


def cli_env(home: Path, server: IACreaServer | None = None, uploads: PutServer | None = None,
            key: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IACREA_", "DESKTOP_APP_"))}
    env["DESKTOP_APP_HOME"] = str(home)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # no system keyring here
    if server is not None:
        env.update(IACREA_API_KEY=key or server.api_key, IACREA_USER_ID=server.user_id,
                   IACREA_BASE_URL=server.url)
    if uploads is not None:
        env["DESKTOP_APP_UPLOAD_URL"] = uploads.upload_prefix
    return env


def desktop_app(*args: str, env: dict[str, str], timeout: float = 120,
                ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


def store_rows(home: Path, columns: str) -> list[tuple]:
    """Some columns of every generation in a CLI's store; [] while it is still being created."""
    try:
        with sqlite3.connect(home / "jobs.sqlite3") as db:
            return db.execute(f"SELECT {columns} FROM generations ORDER BY id").fetchall()
    except sqlite3.OperationalError:  # no file or no table yet
        return []


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "cli-home"


def test_process_sky_prints_results_and_keeps_the_key_secret(
        iacrea_server: IACreaServer, put_server: PutServer, home: Path, tmp_path: Path) -> None:
    env = cli_env(home, iacrea_server, put_server)
    out_dir = tmp_path / "out"
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--engine", "cloud",
                       "--out", str(out_dir), "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    [line] = json_lines(proc.stdout)
    assert line["status"] == "DONE" and line["generation_id"] and line["remaining_photos"] == 9
    assert [Path(f).parent for f in line["files"]] == [out_dir]
    assert Path(line["files"][0]).is_file()
    assert "processing" in proc.stderr or "queued" in proc.stderr  # progress was shown
    assert "(Interior sky): done, 1 result\n" in proc.stderr  # not "1 result(s)"
    key = iacrea_server.api_key
    assert key not in proc.stdout and key not in proc.stderr
    for file in home.rglob("*"):
        if file.is_file():
            assert key.encode() not in file.read_bytes(), file
    history = json_lines(desktop_app("history", "--json", env=env).stdout)
    assert [h["generation_id"] for h in history] == [line["generation_id"]]
    # the #number variation, keep and retry take comes first; the service's id last
    [row] = desktop_app("history", env=env).stdout.splitlines()
    assert row.split()[0] == "#1" and row.endswith(f"({line['generation_id']})"), row


def test_several_photos_run_together_and_bad_ones_get_a_sentence(
        iacrea_server: IACreaServer, put_server: PutServer, home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "holiday.jpg"
    bad.write_text("not a photo")
    proc = desktop_app("process", str(PHOTO), str(CLUTTERED), str(bad), "--service",
                       "declutter", "--json", env=cli_env(home, iacrea_server, put_server))
    assert proc.returncode == 1  # not everything asked for succeeded
    no_traceback(proc)
    assert "holiday.jpg" in proc.stderr
    lines = json_lines(proc.stdout)
    assert sorted(Path(line["source"]).name for line in lines) == sorted(
        [PHOTO.name, CLUTTERED.name])
    assert all(line["status"] == "DONE" for line in lines)
    assert len(iacrea_server.calls_to("declutter_total/generate")) == 2


def test_variations_sky_and_declutter_with_mask(
        iacrea_server: IACreaServer, put_server: PutServer, home: Path, tmp_path: Path) -> None:
    env = cli_env(home, iacrea_server, put_server)
    [sky] = json_lines(desktop_app("process", str(PHOTO), "--service", "sky", "--json",
                                   env=env).stdout)
    proc = desktop_app("variation", sky["generation_id"], "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    [variation] = json_lines(proc.stdout)
    assert variation["status"] == "DONE" and variation["parent_generation_id"] == \
        sky["generation_id"]

    [room] = json_lines(desktop_app("process", str(CLUTTERED), "--service", "declutter",
                                    "--json", env=env).stdout)
    missing = desktop_app("variation", room["generation_id"], env=env)
    assert missing.returncode == 1 and "mask" in missing.stderr
    no_traceback(missing)
    mask = np.zeros((240, 320), np.uint8)  # smaller than the photo, same shape: scaled
    mask[100:180, 60:200] = 255
    Image.fromarray(mask).save(tmp_path / "mask.png")
    proc = desktop_app("variation", room["generation_id"], "--mask", str(tmp_path / "mask.png"),
                       "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json_lines(proc.stdout)[0]["status"] == "DONE"
    body = iacrea_server.calls_to("declutter_total/generate-variation")[-1].body
    assert body["mask_url"].startswith(put_server.base_url) and body["mask_url"].endswith(".png")


def test_killed_process_resumes_without_paying_twice(
        iacrea_server: IACreaServer, put_server: PutServer, home: Path) -> None:
    iacrea_server.processing_for = 300
    env = cli_env(home, iacrea_server, put_server)
    child = subprocess.Popen([sys.executable, "-m", "desktop_app", "process", str(PHOTO),
                              "--service", "sky", "--engine", "cloud"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until the service has the job...
            if store_rows(home, "remote_id") not in ([], [(None,)]):
                break
            time.sleep(0.05)
        else:
            pytest.fail("the generation never reached the service")
    finally:
        child.send_signal(signal.SIGKILL)  # ...then the process dies without warning
        child.wait()
    iacrea_server.finish_all()
    proc = desktop_app("resume", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    [line] = json_lines(proc.stdout)
    assert line["status"] == "DONE" and Path(line["files"][0]).is_file()
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1
    assert iacrea_server.credits == 9
    again = desktop_app("resume", env=env)
    assert again.returncode == 0 and "Nothing to resume" in again.stderr


def test_failed_generation_exits_non_zero_and_says_it_was_refunded(
        iacrea_server: IACreaServer, put_server: PutServer, home: Path) -> None:
    iacrea_server.fail_next_generation()
    proc = desktop_app("process", str(PHOTO), "--service", "sky",
                       env=cli_env(home, iacrea_server, put_server))
    assert proc.returncode == 1 and "refunded" in proc.stderr
    no_traceback(proc)


def test_refused_key_and_missing_key_are_sentences(
        iacrea_server: IACreaServer, put_server: PutServer, home: Path) -> None:
    wrong = "sk-not-the-right-one-42"
    proc = desktop_app("credits", env=cli_env(home, iacrea_server, put_server, key=wrong))
    assert proc.returncode == 1 and "API key was refused" in proc.stderr
    assert wrong not in proc.stderr
    no_traceback(proc)
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--engine", "cloud",
                       env=cli_env(home))
    assert proc.returncode == 1 and "API key" in proc.stderr and "IACREA_API_KEY" in proc.stderr
    no_traceback(proc)


def test_credits_json(iacrea_server: IACreaServer, home: Path) -> None:
    proc = desktop_app("credits", "--json", env=cli_env(home, iacrea_server))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"total": 10, "subscription": 10, "extra": 0}


def test_local_engine_without_account(home: Path, tmp_path: Path) -> None:
    env = cli_env(home)
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    [line] = json_lines(proc.stdout)
    assert line["engine"] == "local" and line["status"] == "DONE"
    # its progress speaks of no service and no download; alone, it was never queued
    said = proc.stderr
    assert "service" not in said and "download" not in said and "queued" not in said
    with Image.open(line["files"][0]) as result, Image.open(PHOTO) as source:
        assert result.size == source.size

    refused = desktop_app("process", str(CLUTTERED), "--service", "declutter", env=env)
    assert refused.returncode == 1 and "mask" in refused.stderr
    no_traceback(refused)
    with Image.open(CLUTTERED) as im:
        mask = np.zeros((im.height, im.width), np.uint8)
    mask[500:600, 300:420] = 255
    Image.fromarray(mask).save(tmp_path / "mask.png")
    proc = desktop_app("process", str(CLUTTERED), "--service", "declutter", "--mask",
                       str(tmp_path / "mask.png"), "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    [line] = json_lines(proc.stdout)
    result = np.asarray(Image.open(line["files"][0]).convert("L"), np.int16)
    source = np.asarray(Image.open(CLUTTERED).convert("L"), np.int16)
    outside = mask == 0
    # outside the mask only JPEG re-encoding differs
    assert np.abs(result - source)[outside].mean() < 2.0


def test_a_photo_without_sky_says_so_with_its_own_exit_code(home: Path) -> None:
    no_sky = DATA / "kitchen-white-island-01.jpg"
    proc = desktop_app("process", str(no_sky), "--service", "sky", "--engine", "local",
                       env=cli_env(home))
    assert proc.returncode == EXIT_NO_SKY, proc.stderr
    assert proc.stderr.rstrip().endswith("No sky found in this photo")
    no_traceback(proc)
    # retried later (another process: the first one's local job is gone), it runs again and
    # says the same, not that a local job was interrupted
    again = desktop_app("retry", "#1", env=cli_env(home))
    assert again.returncode == EXIT_NO_SKY, again.stderr
    assert again.stderr.rstrip().endswith("No sky found in this photo")


def test_a_local_failure_is_said_in_the_local_engines_words(home: Path, tmp_path: Path) -> None:
    tiny = tmp_path / "tiny.png"
    Image.new("RGB", (3, 3), "white").save(tiny)
    proc = desktop_app("process", str(tiny), "--service", "sky", "--engine", "local",
                       env=cli_env(home))
    assert proc.returncode == 1
    assert proc.stderr.rstrip().endswith("failed — The photo is too small to work on.")
    assert "service" not in proc.stderr  # nothing was sent to any service
    no_traceback(proc)


def test_ctrl_c_during_a_local_job_leaves_it_to_resume(terminal_ctrl_c: None, home: Path,
                                                       tmp_path: Path) -> None:
    gate = JobGate(tmp_path)  # the job waits inside the worker until the test lets it go
    env = cli_env(home)
    code, err = ctrl_c_at_gate(gate, ["process", str(PHOTO), "--service", "sky", "--engine",
                                      "local"], env)
    assert code == 130
    assert "Stopping" in err and "Traceback" not in err
    with sqlite3.connect(home / "jobs.sqlite3") as db:
        [(status, error)] = db.execute("SELECT status, error FROM generations").fetchall()
    assert status not in ("FAILED", "DONE") and error is None  # interrupted, not failed

    proc = desktop_app("resume", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    [line] = json_lines(proc.stdout)
    assert line["status"] == "DONE" and Path(line["files"][0]).is_file()


DARK = DATA / "dining-room-windows-dark-bracket-01.jpg"


def test_a_darker_shot_keeps_the_blown_out_porch_ceiling_out_of_the_sky(home: Path) -> None:
    env = cli_env(home)
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--engine", "local",
                       "--dark-frame", str(DARK), "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    [line] = json_lines(proc.stdout)
    assert line["status"] == "DONE"
    result = np.asarray(Image.open(line["files"][0]).convert("RGB"), np.int16)
    source = np.asarray(Image.open(PHOTO).convert("RGB"), np.int16)
    porch, band = (slice(125, 200), slice(725, 890)), (slice(225, 290), slice(780, 890))
    ceiling = result[porch]
    assert (ceiling[..., 2] - ceiling[..., 0]).mean() < 5.0  # no blue sky on the ceiling...
    assert ceiling.min(axis=2).mean() < 230 < source[porch].min(axis=2).mean()  # ...shown again
    assert np.abs(result - source)[band].mean() > 20.0  # the sky under it turns
    assert "--dark-frame" not in proc.stderr  # given already: not suggested again


DARKER_HINT = ("most of the sky found is blown out to pure white, where a white ceiling or wall "
               "behind the glass looks just the same. If you also took a darker shot of this "
               "scene, process the photo again with --dark-frame DARKER-SHOT.jpg for a truer sky.")


@pytest.mark.parametrize(("photo", "hinted"), [(PHOTO, True), (DARK, False)],
                         ids=["blown-out windows", "windows that are not blown out"])
def test_a_mostly_blown_out_sky_suggests_a_darker_shot(
        home: Path, photo: Path, hinted: bool) -> None:
    """The window says it in the sky review; a command says it once the photo is done."""
    proc = desktop_app("process", str(photo), "--service", "sky", "--engine", "local",
                       "--json", env=cli_env(home))
    assert proc.returncode == 0, proc.stderr
    [line] = json_lines(proc.stdout)
    assert line["status"] == "DONE"
    said = f"{photo.name} (Interior sky): {DARKER_HINT}"
    assert (said in proc.stderr.splitlines()) is hinted, proc.stderr


@pytest.mark.parametrize(("args", "sentence"), [
    (["--service", "sky", "--engine", "local", "--dark-frame",
      str(DATA / "bedroom-window-blinds-drapes-01.jpg")],
     "This darker shot does not match the photo"),
    (["--service", "declutter", "--engine", "local", "--dark-frame", str(DARK)],
     "A darker shot is only used for Interior sky."),
    (["--service", "sky", "--engine", "cloud", "--dark-frame", str(DARK)],
     "A darker shot is only used by the local engine"),
])
def test_a_darker_shot_that_cannot_be_used_gets_its_sentence(
        home: Path, args: list[str], sentence: str) -> None:
    proc = desktop_app("process", str(PHOTO), *args, env=cli_env(home))
    assert proc.returncode == 1
    assert sentence in proc.stderr
    assert "could not process" not in proc.stderr
    no_traceback(proc)


def test_a_darker_shot_goes_with_one_photo(home: Path) -> None:
    proc = desktop_app("process", str(PHOTO), str(PHOTO), "--service", "sky", "--engine",
                       "local", "--dark-frame", str(DARK), env=cli_env(home))
    assert proc.returncode == 1
    assert "goes with one photo" in proc.stderr
    assert store_rows(home, "id") == []
    no_traceback(proc)


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_darker_shot_that_is_not_there_is_named_as_the_darker_shot(
        home: Path, tmp_path: Path, kind: str) -> None:
    dark = tmp_path / "bracket-dark.jpg"
    if kind == "folder":
        dark.mkdir()
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--engine", "local",
                       "--dark-frame", str(dark), env=cli_env(home))
    assert proc.returncode == 1
    what = "is a folder, not a photo" if kind == "folder" else "cannot be found"
    assert proc.stderr.strip() == f"The darker shot {dark} (--dark-frame) {what}."
    assert store_rows(home, "id") == []  # said before anything was recorded
    no_traceback(proc)


def test_local_declutter_without_a_mask_is_said_once_in_the_command_lines_terms(
        home: Path) -> None:
    proc = desktop_app("process", str(PHOTO), str(PHOTO), "--service", "declutter", "--engine",
                       "local", env=cli_env(home))
    assert proc.returncode == 1
    [line] = proc.stderr.splitlines()  # once for the batch, not once per photo
    assert line.startswith("Declutter on the local engine needs a mask") and "--mask" in line
    assert store_rows(home, "id") == []
    no_traceback(proc)
