"""Paid work is never lost and never paid twice: every way a server misbehaves after the credit
is spent ends with the result delivered and exactly one charged generate, through the command
line (a real process) and through the window's poll thread."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from iacrea_server import IACreaServer
from put_server import PutServer
from test_cli import CLUTTERED, PHOTO, cli_env, desktop_app, json_lines, no_traceback, store_rows
from test_window_helpers import SKY_PHOTO, cloud_settings, make_workspace

from desktop_app.core.models import EngineName, Problem, Service, Status
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs.poller import JobUpdate, Poller

GET = "sky_interior/get"
GENERATE = "sky_interior/generate"


@dataclass(frozen=True)
class Fault:
    name: str
    switch_on: Callable[[IACreaServer], Any]
    problem: Problem | None  # what the wait is about, when it shows as one
    says: str | None = None  # words the command line shows while it waits


FAULTS = [
    Fault("html page with 200 on get", lambda s: s.html_page(path=GET, times=2),
          Problem.UNREADABLE, "unreadable"),
    Fault("cut-off JSON on get", lambda s: s.garble(path=GET, times=2), Problem.UNREADABLE),
    Fault("redirect on get", lambda s: s.redirect_to("https://login.example/", path=GET,
                                                     times=2), Problem.UNREADABLE),
    Fault("SUCCEEDED without urls", lambda s: s.answer({"status": "SUCCEEDED", "urls": []},
                                                       path=GET, times=2),
          Problem.NO_RESULT, "no picture"),
    Fault("undocumented status", lambda s: s.answer({"status": "CANCELED"}, path=GET, times=4),
          Problem.UNKNOWN_STATUS, "CANCELED"),
    Fault("503 on get, more than the client retries",
          lambda s: s.fail_with(503, path=GET, times=7), Problem.UNREACHABLE),
    Fault("result answers 404", lambda s: s.fail_with(404, path="/results", times=1),
          Problem.DOWNLOAD),
    Fault("result is an html page", lambda s: s.html_page(path="/results", times=1),
          Problem.DOWNLOAD),
    Fault("result is slow", lambda s: s.slow(1.5, path="/results"), None),
    Fault("result connection reset", lambda s: s.drop(path="/results", times=6),
          Problem.DOWNLOAD),
    Fault("429 on generate", lambda s: s.rate_limit(0, path=GENERATE, times=2), None),
    Fault("503 on generate", lambda s: s.fail_with(503, path=GENERATE, times=2,
                                                   retry_after=0), None),
]


def charged_generates(server: IACreaServer) -> int:
    return len([c for c in server.calls_to(GENERATE) if c.status == 200])


# -- the command line ---------------------------------------------------------------------------
@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_the_command_line_delivers_through(fault: Fault, iacrea_server: IACreaServer,
                                           put_server: PutServer, tmp_path: Path) -> None:
    fault.switch_on(iacrea_server)
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--engine", "cloud", "--json",
                       env=cli_env(tmp_path / "home", iacrea_server, put_server))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    [line] = json_lines(proc.stdout)
    assert line["status"] == "DONE" and Path(line["files"][0]).is_file()
    assert charged_generates(iacrea_server) == 1 and iacrea_server.credits == 9
    if fault.says:
        assert fault.says in proc.stderr  # the wait said what it was about


# -- the window's poll thread -------------------------------------------------------------------
@pytest.fixture
def poller_rig(iacrea_server: IACreaServer,
               put_server: PutServer) -> Iterator[tuple[Workspace, Poller, list[JobUpdate]]]:
    ws = make_workspace(cloud_settings(iacrea_server, put_server))
    poller = Poller(ws.pipeline)
    updates: list[JobUpdate] = []
    poller.updated.connect(updates.append)
    poller.start()
    yield ws, poller, updates
    assert poller.stop(10_000)
    ws.close()


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_the_poll_thread_delivers_through(fault: Fault, qtbot: Any, iacrea_server: IACreaServer,
                                          poller_rig: Any) -> None:
    ws, poller, updates = poller_rig
    fault.switch_on(iacrea_server)
    gen = ws.pipeline.new_generation(SKY_PHOTO, Service.SKY, EngineName.CLOUD)
    poller.track(gen.id)
    qtbot.waitUntil(lambda: bool(updates) and updates[-1].finished, timeout=60_000)
    done = updates[-1].gen
    assert done.status is Status.DONE, done.error
    assert Path(done.result_files[0]).is_file() and done.problem is None
    assert charged_generates(iacrea_server) == 1 and iacrea_server.credits == 9
    if fault.problem is not None:
        waits = [u.gen for u in updates if u.gen.problem is fault.problem]
        assert waits, "the wait was shown while it lasted"
        assert all(not u.finished for u in updates[:-1]), "nothing ended before the result"
        assert all(w.error and w.retry_at for w in waits)
    if fault.says:
        assert any(fault.says in (u.gen.error or "") for u in updates)


def test_the_poll_thread_keeps_a_paid_job_waiting_while_the_service_is_down(
        qtbot: Any, iacrea_server: IACreaServer, poller_rig: Any) -> None:
    """Down for longer than any retry: still waiting (not stopped), then delivered."""
    ws, poller, updates = poller_rig
    iacrea_server.processing_for = 600
    gen = ws.pipeline.new_generation(SKY_PHOTO, Service.SKY, EngineName.CLOUD)
    poller.track(gen.id)
    qtbot.waitUntil(lambda: ws.store.get(gen.id).remote_id is not None, timeout=30_000)
    fault = iacrea_server.fail_with(503, path=GET, times=10_000)
    qtbot.waitUntil(lambda: len(iacrea_server.calls_to(GET)) > 30, timeout=60_000)
    waiting = ws.store.get(gen.id)
    assert waiting.status is Status.STARTING and waiting.problem is Problem.UNREACHABLE
    assert poller.is_tracking(gen.id)
    with iacrea_server.lock:
        fault.times = 0
        iacrea_server.faults.remove(fault)
    iacrea_server.finish_all()
    qtbot.waitUntil(lambda: bool(updates) and updates[-1].finished, timeout=30_000)
    assert updates[-1].gen.status is Status.DONE and charged_generates(iacrea_server) == 1


# -- retry: free when the service has it, sent again only when the user says so ---------------
def _start_process(env: dict[str, str], *photos: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "desktop_app", "process", *map(str, photos),
                             "--service", "sky", "--engine", "cloud", "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(predicate: Callable[[], bool], child: subprocess.Popen[str] | None = None,
              what: str = "") -> None:
    deadline = time.monotonic() + 120
    while not predicate():
        assert time.monotonic() < deadline, f"never happened: {what}"
        assert child is None or child.poll() is None, child.communicate() if child else ""
        time.sleep(0.05)


def _wait_until_sent(home: Path, child: subprocess.Popen[str]) -> None:
    _wait_for(lambda: store_rows(home, "remote_id") not in ([], [(None,)]), child,
              "the service has the job")


def test_a_generation_the_service_forgot_is_sent_again_only_when_confirmed(
        iacrea_server: IACreaServer, put_server: PutServer, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = cli_env(home, iacrea_server, put_server)
    iacrea_server.processing_for = 600
    child = _start_process(env, PHOTO)
    try:
        _wait_until_sent(home, child)
        [(remote_id,)] = store_rows(home, "remote_id")
        iacrea_server.forget(remote_id)  # the service loses it
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 1 and "Traceback" not in err
    [line] = json_lines(out)
    assert line["status"] == "ERROR" and line["problem"] == "forgotten"
    assert err.count("no longer knows") == 1  # said once
    iacrea_server.processing_for = 0.3

    refused = desktop_app("retry", str(line["id"]), env=env)  # not a terminal: no question
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert charged_generates(iacrea_server) == 1
    assert "Nothing to resume" in desktop_app("resume", env=env).stderr  # not re-sent by itself

    proc = desktop_app("retry", str(line["id"]), "--yes", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    [done] = json_lines(proc.stdout)
    assert done["status"] == "DONE" and Path(done["files"][0]).is_file()
    assert done["generation_id"] != remote_id
    assert charged_generates(iacrea_server) == 2  # the lost one, and the one that arrived


def test_a_send_cut_off_is_not_repeated_without_yes(
        iacrea_server: IACreaServer, put_server: PutServer, tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home", iacrea_server, put_server)
    iacrea_server.swallow(path=GENERATE)  # charged, but the answer never comes
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--json", env=env)
    assert proc.returncode == 1
    no_traceback(proc)
    [line] = json_lines(proc.stdout)
    assert line["status"] == "ERROR" and line["problem"] == "maybe_sent"
    assert proc.stderr.count("not charged twice") == 1  # each message once
    assert desktop_app("retry", "--all", env=env).returncode == 1
    assert len(iacrea_server.calls_to(GENERATE)) == 1
    proc = desktop_app("retry", "--all", "--yes", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json_lines(proc.stdout)[0]["status"] == "DONE"
    assert len(iacrea_server.calls_to(GENERATE)) == 2


def test_retry_of_a_given_up_generation_looks_again_for_free(
        iacrea_server: IACreaServer, put_server: PutServer, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = cli_env(home, iacrea_server, put_server)
    iacrea_server.processing_for = 600
    child = _start_process(env, PHOTO)
    try:
        _wait_until_sent(home, child)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    [(gen_id,)] = store_rows(home, "id")
    iacrea_server.finish_all()
    proc = desktop_app("retry", str(gen_id), "--json", env=env)  # no question: it is free
    assert proc.returncode == 0, proc.stderr
    assert json_lines(proc.stdout)[0]["status"] == "DONE"
    assert charged_generates(iacrea_server) == 1
    again = desktop_app("retry", str(gen_id), env=env)
    assert again.returncode == 0 and "nothing to retry" in again.stderr


# -- checks before paying; one sentence for everything else -------------------------------------
def test_what_can_be_checked_is_checked_before_paying(
        iacrea_server: IACreaServer, put_server: PutServer, tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home", iacrea_server, put_server)
    taken = tmp_path / "results.jpg"
    taken.write_bytes(b"")
    for args, words in [
        (["--out", str(taken)], "is a file, not a folder"),
        (["--webhook", "ftp://example.com/hook"], "webhook"),
        (["--mask", str(tmp_path / "mask.png")], "mask"),
    ]:
        proc = desktop_app("process", str(PHOTO), "--service", "sky", "--engine", "cloud",
                           *args, env=env)
        assert proc.returncode == 1 and words in proc.stderr, proc.stderr
        no_traceback(proc)
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr  # one sentence
    assert iacrea_server.calls_to(GENERATE) == [] and put_server.puts() == []


def test_an_insecure_service_address_is_refused_unless_allowed(
        iacrea_server: IACreaServer, put_server: PutServer, tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home", iacrea_server, put_server)
    # the contract server is on 127.0.0.1; "localtest" names it by a non-loopback address
    env["IACREA_BASE_URL"] = iacrea_server.url.replace("127.0.0.1", "127.0.0.1.nip.invalid")
    proc = desktop_app("credits", env=env)
    assert proc.returncode == 1 and "http://" in proc.stderr and "unencrypted" in proc.stderr
    no_traceback(proc)
    allowed = desktop_app("credits", "--allow-insecure-address", env=env)
    assert "unencrypted" not in allowed.stderr  # let through (it then cannot resolve the name)
    no_traceback(allowed)
    env = cli_env(tmp_path / "home", iacrea_server, put_server)
    env["DESKTOP_APP_UPLOAD_URL"] = "http://uploads.example.com/in/"
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--engine", "cloud", env=env)
    assert proc.returncode == 1 and "image host" in proc.stderr
    assert iacrea_server.calls_to(GENERATE) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("engine", ["cloud", "local"])
def test_the_data_folder_is_private(iacrea_server: IACreaServer, put_server: PutServer,
                                    tmp_path: Path, engine: str) -> None:
    home = tmp_path / "home"
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--engine", engine,
                       env=cli_env(home, iacrea_server, put_server))
    assert proc.returncode == 0, proc.stderr
    found = list(home.rglob("*"))
    assert any(p.suffix == ".jpg" for p in found) and any(p.name == "jobs.sqlite3" for p in found)
    for path in [home, *found]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"


# -- two processes on one library --------------------------------------------------------------
def test_two_commands_on_one_library_during_a_download(
        iacrea_server: IACreaServer, put_server: PutServer, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = cli_env(home, iacrea_server, put_server)
    held = iacrea_server.hold(path="/results", times=1000)  # downloads wait for the test
    child = _start_process(env, PHOTO, CLUTTERED)
    try:
        # both photos are being downloaded by the first process...
        _wait_for(lambda: store_rows(home, "status") == [("SUCCEEDED",)] * 2, child,
                  "downloads under way")
        _wait_for(held.reached.is_set, child, "a download held")
        # ...when a second one starts, and a third asks for everything to be retried
        try:
            resume = desktop_app("resume", "--json", env=env)
            retry = desktop_app("retry", "--all", env=env)
        finally:
            held.release()
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err
    assert [line["status"] for line in json_lines(out)] == ["DONE", "DONE"]
    assert resume.returncode == 0 and json_lines(resume.stdout) == []
    assert "another SkyClear" in resume.stderr and "interrupted" not in resume.stderr
    assert retry.returncode == 0 and "another SkyClear is working on it" in retry.stderr
    no_traceback(resume)
    no_traceback(retry)
    assert charged_generates(iacrea_server) == 2 and put_server.puts() and \
        len(put_server.puts()) == 2  # each photo uploaded once
    assert len(iacrea_server.calls_to("/results")) == 2  # each result fetched once
    assert sorted(store_rows(home, "status")) == [("DONE",), ("DONE",)]
    results = [p for p in home.rglob("*") if "results" in p.parts and p.is_file()]
    assert len(results) == 2 and not [p for p in home.rglob("*.part")]


def test_the_window_and_a_command_on_one_library(qtbot: Any, iacrea_server: IACreaServer,
                                                 put_server: PutServer, poller_rig: Any,
                                                 isolated_home: Path) -> None:
    ws, poller, updates = poller_rig
    held = iacrea_server.hold(path="/results", times=1000)  # the download waits for the test
    gen = ws.pipeline.new_generation(SKY_PHOTO, Service.SKY, EngineName.CLOUD)
    poller.track(gen.id)
    qtbot.waitUntil(held.reached.is_set, timeout=60_000)  # the window is downloading...
    assert ws.store.get(gen.id).status is Status.SUCCEEDED
    try:
        resume = desktop_app("resume", "--json", env=cli_env(isolated_home, iacrea_server,
                                                             put_server))  # ...when a command runs
    finally:
        held.release()
    assert resume.returncode == 0 and json_lines(resume.stdout) == [], resume.stderr
    assert "another SkyClear" in resume.stderr
    qtbot.waitUntil(lambda: bool(updates) and updates[-1].finished, timeout=60_000)
    assert updates[-1].gen.status is Status.DONE
    assert charged_generates(iacrea_server) == 1
    assert len(iacrea_server.calls_to("/results")) == 1


def test_an_unexpected_error_is_one_sentence_and_the_traceback_goes_to_the_log(
        tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = cli_env(home)
    assert desktop_app("history", env=env).returncode == 0  # the store exists
    with sqlite3.connect(home / "jobs.sqlite3") as db:  # a row no version of SkyClear writes
        db.execute("INSERT INTO generations (service, source, engine, status, created_at, "
                   "updated_at) VALUES ('sky', '/a.jpg', 'cloud', 'NO-SUCH-STATUS', 1, 1)")
    db.close()
    proc = desktop_app("history", env=env)
    assert proc.returncode == 1
    no_traceback(proc)
    assert proc.stderr.strip().count("\n") == 0 and "Something went wrong" in proc.stderr
    assert "Traceback" in (home / "logs" / "skyclear.log").read_text()
