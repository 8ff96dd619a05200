"""Errors and job messages travel as a code and its parameters: English for the command line and
the log, the same code stored with a failed generation, and whether Settings fix it."""

from __future__ import annotations

import ast
import pickle
import sqlite3
from pathlib import Path

import pytest
from iacrea_server import IACreaServer
from put_server import PutServer

from desktop_app.core import store as store_module
from desktop_app.core.api import IACreaClient
from desktop_app.core.errors import (
    AuthError,
    ConfigError,
    HostingError,
    ImageError,
    InputError,
    NoSkyError,
    SkyClearError,
)
from desktop_app.core.messages import ENGLISH, FIX_IN_SETTINGS, Message, Msg
from desktop_app.core.models import EngineName, Generation, Problem, Service, Status
from desktop_app.core.poll import PollSchedule
from desktop_app.core.store import JobStore
from desktop_app.engines.cloud import CloudEngine
from desktop_app.engines.hosting import PutHost
from desktop_app.engines.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
PHOTO = Path(__file__).parent / "data" / "dining-room-windows-blown-out-01.jpg"


def test_every_code_has_its_english_sentence() -> None:
    assert set(ENGLISH) == set(Msg)
    assert set(Msg) >= FIX_IN_SETTINGS


def test_a_message_says_its_english_with_numbers_reasons_and_the_services_words() -> None:
    assert Msg.IMAGE_TOO_MANY_PIXELS("big.png", 12000, 9000, 150).text == (
        "“big.png” is too large (12,000 × 9,000 pixels); SkyClear reads photos of up to "
        "150 megapixels.")
    nested = Msg.FAILED_BECAUSE_REFUNDED(Msg.LOCAL_STOPPED())
    assert nested.text.startswith("The service could not process this photo (The local engine "
                                  "stopped unexpectedly;")
    assert nested.text.endswith("press Retry). The photo credit was refunded.")
    assert Msg.KEY_REFUSED(detail="Invalid key.").text == (
        "Your API key was refused — check the key and user ID in Settings (the service said: "
        "Invalid key).")
    assert str(Msg.NO_SKY()) == NoSkyError.MESSAGE


def test_a_message_is_stored_and_read_back_and_nothing_unknown_is_guessed() -> None:
    for message in (Msg.UNREACHABLE_FOR(7), Msg.S3_NO_BUCKET("photos", "r2.example.com"),
                    Msg.FAILED_BECAUSE(Msg.IMAGE_DAMAGED("a.jpg")),
                    Msg.NO_CREDITS(detail="0 left"), Msg.OTHER("Plain words.")):
        assert Message.from_json(message.to_json()) == message
    assert Message.from_json(None) is None
    assert Message.from_json("not json") is None
    assert Message.from_json('{"code": "written_by_a_newer_version", "args": []}') is None
    assert Message.from_json('{"code": "s3_no_bucket", "args": ["only one"]}') is None
    assert Message.from_json('{"code": "unreachable_for", "args": [true]}') is None


def test_an_error_carries_its_code_across_a_process_boundary() -> None:
    error = HostingError(Msg.S3_REGION("photos"), reason="region", transient=False)
    back = pickle.loads(pickle.dumps(error))
    assert back.message == Msg.S3_REGION("photos") and back.reason == "region"
    assert str(back) == str(error) == Msg.S3_REGION("photos").text
    assert back.fix_in_settings and not back.transient
    no_sky = pickle.loads(pickle.dumps(NoSkyError()))
    assert no_sky.message.code is Msg.NO_SKY


def test_the_code_says_whether_settings_fix_it() -> None:
    assert ConfigError(Msg.API_KEY_MISSING()).fix_in_settings
    assert AuthError(Msg.KEY_REFUSED(), status=401).fix_in_settings
    assert HostingError(Msg.S3_KEYS_REFUSED("r2"), reason="keys").fix_in_settings
    assert not HostingError(Msg.S3_CLOCK("r2"), reason="clock").fix_in_settings
    assert not ImageError(Msg.IMAGE_DAMAGED("a.jpg")).fix_in_settings
    # plain words: the kind of error decides, and the stored code keeps it
    assert ConfigError("Enter your key.").message.code is Msg.OTHER_IN_SETTINGS
    assert ConfigError("Enter your key.").fix_in_settings
    assert not InputError("kitchen.jpg is not a photo.").fix_in_settings


def _settings_codes_outside_settings(path: Path) -> list[str]:
    """Codes named in a ``ConfigError(...)`` that would not offer Settings."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ConfigError"):
            continue
        for part in ast.walk(node):
            if isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name) and \
                    part.value.id == "Msg" and Msg[part.attr] not in FIX_IN_SETTINGS:
                found.append(f"{path.name}:{node.lineno}: Msg.{part.attr}")
    return found


def test_every_settings_error_has_a_code_that_leads_to_settings(tmp_path: Path) -> None:
    found = [p for path in sorted((ROOT / "desktop_app").rglob("*.py"))
             for p in _settings_codes_outside_settings(path)]
    assert not found, "\n".join(found)
    probe = tmp_path / "probe.py"
    probe.write_text("raise ConfigError(Msg.IMAGE_DAMAGED('a.jpg'))\n", encoding="utf-8")
    assert _settings_codes_outside_settings(probe), "the check sees a wrong code"


def _subclasses(cls: type) -> set[type]:
    return {cls}.union(*(_subclasses(sub) for sub in cls.__subclasses__()))


def _plain_sentences(path: Path, errors: set[str]) -> list[str]:
    """Errors raised with English text instead of a code (the window could not word them)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in errors and \
                node.args and isinstance(node.args[0], ast.Constant | ast.JoinedStr):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_every_error_a_user_may_see_is_raised_with_a_code(tmp_path: Path) -> None:
    import desktop_app.core.recovery  # noqa: F401 - its error is one of them

    errors = {cls.__name__ for cls in _subclasses(SkyClearError)}
    found = [p for path in sorted((ROOT / "desktop_app").rglob("*.py"))
             if not path.name.startswith("cli")  # the command line speaks plain English
             for p in _plain_sentences(path, errors)]
    assert not found, "\n".join(found)
    probe = tmp_path / "probe.py"
    probe.write_text('raise MaskError(f"The mask {name} is odd.")\n', encoding="utf-8")
    assert _plain_sentences(probe, errors), "the check sees a sentence without a code"


# -- stored with a generation ----------------------------------------------------------------
def test_a_store_of_the_previous_version_gains_the_code_column_and_keeps_its_sentences(
        tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(store_module._SCHEMA_V1)
        for version in (2, 3):
            db.executescript(store_module._MIGRATIONS[version])
        db.execute("PRAGMA user_version=3")
        db.execute(
            "INSERT INTO generations (service, source, engine, status, root_id, error, problem, "
            "result_urls, result_files, created_at, updated_at) VALUES ('sky', '/p/a.jpg', "
            "'cloud', 'ERROR', 1, 'No IACrea API key is set.', 'settings', '[]', '[]', 1, 1)")
    db.close()
    store = JobStore(path)
    old = store.get(1)
    assert old.error == "No IACrea API key is set." and old.error_message is None
    assert old.problem is Problem.SETTINGS
    stored = store.update(1, error=Msg.S3_DENIED("photos"))
    assert stored.error == Msg.S3_DENIED("photos").text
    assert stored.error_message == Msg.S3_DENIED("photos")
    assert store.update(1, error="Plain words.").error_message is None, "no stale code"
    assert store.update(1, error=None).error is None
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
    db.close()


def _pipeline(store: JobStore, server: IACreaServer, uploads: PutServer, key: str,
              library: Path) -> tuple[Pipeline, CloudEngine]:
    engine = CloudEngine(
        lambda: IACreaClient(key, server.user_id, server.url, timeout=(2, 5),
                             sleep=lambda s: None),
        lambda: PutHost(uploads.upload_prefix))
    pipeline = Pipeline(store, lambda *_: engine, library, schedule_factory=lambda started:
                        PollSchedule(initial=0.05, factor=1.5, cap=0.2, deadline=30,
                                     started_at=started))
    return pipeline, engine


@pytest.mark.parametrize("case", ["refused key", "failed"])
def test_a_failed_generation_keeps_its_code_for_the_next_start(
        case: str, iacrea_server: IACreaServer, put_server: PutServer, tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.sqlite3")
    key = "sk-wrong" if case == "refused key" else iacrea_server.api_key
    if case == "failed":
        iacrea_server.fail_next_generation()
    pipeline, engine = _pipeline(store, iacrea_server, put_server, key, tmp_path / "library")
    gen = store.add(Generation(service=Service.SKY, source=str(PHOTO), engine=EngineName.CLOUD))
    assert gen.id is not None
    done = pipeline.run(gen.id)
    engine.close()
    store.close()
    again = JobStore(tmp_path / "jobs.sqlite3").get(gen.id)  # as the next start reads it
    assert again.error_message is not None and again.error == again.error_message.text
    if case == "refused key":
        assert done.status is Status.ERROR
        assert again.error_message.code is Msg.KEY_REFUSED
        assert again.error_message.fix_in_settings
    else:
        assert done.status is Status.FAILED
        assert again.error_message.code is Msg.FAILED_REFUNDED
        assert not again.error_message.fix_in_settings


def test_the_windows_sentence_keeps_a_name_that_holds_a_place_marker(qapp: object) -> None:
    from desktop_app.ui.i18n import fill
    from desktop_app.ui.messages import message_text

    # one pass: a file name holding "%2" is not taken for the second place
    text = message_text(Msg.IMAGE_TOO_MANY_PIXELS("scan %2 %4.png", 12000, 9000, 150))
    assert text.startswith("“scan %2 %4.png” is too large (")
    quoted = message_text(Msg.KEY_REFUSED(detail="bad %1 key"))
    assert quoted.endswith("(the service said: bad %1 key).")
    assert fill("%2 then %1, %3 has none", "a%2", "b") == "b then a%2, %3 has none"
