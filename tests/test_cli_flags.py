"""The command line's flags as a script uses them: --quiet, --verbose, --auto/--no-auto, a URL
as input, and the webhook from Settings or --webhook reaching the service's request."""

from __future__ import annotations

from pathlib import Path

from iacrea_server import IACreaServer
from put_server import PutServer
from test_cli import cli_env, desktop_app, json_lines, no_traceback

from desktop_app.core.settings import Settings, save_settings

DATA = Path(__file__).parent / "data"
PHOTO = DATA / "dining-room-windows-blown-out-01.jpg"
CLUTTERED = DATA / "living-room-cluttered-01.jpg"


def test_quiet_prints_only_the_results(iacrea_server: IACreaServer, put_server: PutServer,
                                       tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home", iacrea_server, put_server)
    loud = desktop_app("process", str(PHOTO), "--service", "sky", env=env)
    assert loud.returncode == 0, loud.stderr
    assert "queued at the service" in loud.stderr or "processing" in loud.stderr
    quiet = desktop_app("process", str(PHOTO), "--service", "sky", "--quiet", env=env)
    assert quiet.returncode == 0, quiet.stderr
    [result] = quiet.stdout.split()
    assert Path(result).is_file()
    assert "queued" not in quiet.stderr and "processing" not in quiet.stderr
    assert "downloading" not in quiet.stderr


def test_verbose_logs_each_step(iacrea_server: IACreaServer, put_server: PutServer,
                                tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home", iacrea_server, put_server)
    plain = desktop_app("process", str(PHOTO), "--service", "sky", env=env)
    verbose = desktop_app("process", str(PHOTO), "--service", "sky", "--verbose", env=env)
    assert plain.returncode == verbose.returncode == 0, verbose.stderr
    step = "POST /api/sky_interior/generate -> 200"
    assert step in verbose.stderr and step not in plain.stderr
    assert iacrea_server.api_key not in verbose.stderr  # the key is never logged
    no_traceback(verbose)


def test_auto_and_no_auto_reach_the_declutter_request(iacrea_server: IACreaServer,
                                                      put_server: PutServer,
                                                      tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home", iacrea_server, put_server)
    for flag in ("--auto", "--no-auto"):
        proc = desktop_app("process", str(CLUTTERED), "--service", "declutter", flag, env=env)
        assert proc.returncode == 0, proc.stderr
    default = desktop_app("process", str(CLUTTERED), "--service", "declutter", env=env)
    assert default.returncode == 0, default.stderr
    bodies = [c.body or {} for c in iacrea_server.calls_to("declutter_total/generate")]
    assert [b.get("auto") for b in bodies] == [True, False, True]  # auto is the default


def test_a_url_as_input(iacrea_server: IACreaServer, put_server: PutServer,
                        tmp_path: Path) -> None:
    url = iacrea_server.serve_file(PHOTO, "listing-photo.jpg")
    env = cli_env(tmp_path / "home", iacrea_server, put_server)
    cloud = desktop_app("process", url, "--service", "sky", "--engine", "cloud", "--json",
                        env=env)
    assert cloud.returncode == 0, cloud.stderr
    [line] = json_lines(cloud.stdout)
    assert line["status"] == "DONE" and line["source"] == url
    [generate] = iacrea_server.calls_to("sky_interior/generate")
    assert generate.body is not None and generate.body["image_url"] == url  # sent as it is
    assert put_server.puts() == [], "nothing uploaded: the service fetches the URL itself"

    local = desktop_app("process", url, "--service", "sky", "--engine", "local", "--json",
                        env=env)
    assert local.returncode == 0, local.stderr
    [line] = json_lines(local.stdout)
    assert line["status"] == "DONE" and Path(line["files"][0]).is_file()
    assert len(iacrea_server.calls_to("/static")) >= 2  # the local engine downloaded it too


def test_webhook_from_settings_or_flag_reaches_the_request(iacrea_server: IACreaServer,
                                                           put_server: PutServer,
                                                           tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    from_settings = f"{iacrea_server.url}/hooks/from-settings"
    save_settings(Settings(webhook=from_settings), home / "settings.json")
    env = cli_env(home, iacrea_server, put_server)
    assert desktop_app("process", str(PHOTO), "--service", "sky", env=env).returncode == 0
    from_flag = f"{iacrea_server.url}/hooks/from-flag"
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--webhook", from_flag,
                       env=env)
    assert proc.returncode == 0, proc.stderr
    bodies = [c.body or {} for c in iacrea_server.calls_to("sky_interior/generate")]
    assert [b.get("webhook") for b in bodies] == [from_settings, from_flag]
    # and the service called each back when its generation was done
    assert {url for url, _outcome in iacrea_server.webhook_deliveries} == {from_settings,
                                                                           from_flag}


def test_every_flag_and_argument_says_what_it_does() -> None:
    """`desktop-app <command> --help` lists nothing without a word on what it takes or does."""
    import argparse

    from desktop_app.cli import build_parser

    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    silent = [f"{name} {action.dest}"
              for name, command in [("desktop-app", parser), *commands.choices.items()]
              for action in command._actions
              if not isinstance(action, argparse._SubParsersAction) and not action.help]
    assert silent == []
