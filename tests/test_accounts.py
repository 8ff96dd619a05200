"""A paid photo is looked at with the IACrea account it was sent with, whatever account the
user switches to in Settings meanwhile, across a restart too (the other account's key is kept
in the keyring only while one of its photos is on its way)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from test_window_helpers import SKY_PHOTO, cloud_settings, make_workspace

from desktop_app.core import credentials
from desktop_app.core.messages import Msg
from desktop_app.core.models import EngineName, Generation, Problem, Service, Status
from desktop_app.core.settings import Settings, save_settings
from desktop_app.engines.workspace import Workspace


def _sent_then_switched(iacrea_server: Any, put_server: Any) -> tuple[Workspace, Generation,
                                                                       Settings, Any, Any]:
    """A photo is sent with the first account and is still being made when the user puts
    another account's key and user ID in Settings."""
    iacrea_server.processing_for = 3600
    first = iacrea_server.account
    settings = cloud_settings(iacrea_server, put_server)
    ws = make_workspace(settings)
    gen = ws.pipeline.new_generation(SKY_PHOTO, Service.SKY, EngineName.CLOUD)
    assert gen.id is not None
    while not gen.remote_id:  # prepare, upload, send
        gen = ws.pipeline.step(gen.id).gen
    assert gen.account == first.user_id
    second = iacrea_server.add_account(credits=5)
    credentials.set_api_key(second.api_key)
    switched = replace(settings, user_id=second.user_id)
    save_settings(switched)
    ws.engines.reset(switched)
    return ws, gen, switched, first, second


def _gets_with(iacrea_server: Any, key: str) -> int:
    return sum(call.headers["x-api-key"] == key
               for call in iacrea_server.calls_to("sky_interior/get"))


def test_a_photo_sent_before_a_switch_of_account_arrives_after_a_restart(
        iacrea_server: Any, put_server: Any) -> None:
    ws, gen, switched, first, second = _sent_then_switched(iacrea_server, put_server)
    assert credentials.account_key(first.user_id) == first.api_key, "kept for the photo"
    ws.close()

    ws = make_workspace(switched)  # the next start, with the second account in Settings
    iacrea_server.finish_all()
    assert gen.id is not None
    done = ws.pipeline.run(gen.id)
    ws.close()
    assert done.status is Status.DONE and done.result_files, done.error
    assert _gets_with(iacrea_server, second.api_key) == 0, "never looked at with the other key"
    assert (first.total, second.total) == (9, 5)
    assert credentials.account_key(first.user_id) is None, "the kept key goes with the photo"
    assert credentials.get_api_key() == second.api_key


def test_without_the_first_account_key_the_photo_waits_and_asks_for_that_account(
        iacrea_server: Any, put_server: Any) -> None:
    ws, gen, switched, first, second = _sent_then_switched(iacrea_server, put_server)
    ws.close()
    credentials.forget_account_key(first.user_id)  # e.g. switched before this start saw it
    iacrea_server.finish_all()

    ws = make_workspace(switched)
    assert gen.id is not None
    waiting = ws.pipeline.step(gen.id).gen
    assert not waiting.status.finished and waiting.problem is Problem.SETTINGS
    assert waiting.error_message is not None
    assert waiting.error_message.code is Msg.OTHER_ACCOUNT
    assert waiting.error_message.fix_in_settings
    assert first.user_id in str(waiting.error)
    assert _gets_with(iacrea_server, second.api_key) == 0

    # the user puts the first account back: the photo arrives, paid once
    credentials.set_api_key(first.api_key)
    back = replace(switched, user_id=first.user_id)
    ws.engines.reset(back)
    done = ws.pipeline.run(gen.id)
    ws.close()
    assert done.status is Status.DONE and done.result_files, done.error
    assert (first.total, second.total) == (9, 5)


def test_no_key_is_kept_for_an_account_with_nothing_on_its_way(
        iacrea_server: Any, put_server: Any) -> None:
    first = iacrea_server.account
    settings = cloud_settings(iacrea_server, put_server)
    ws = make_workspace(settings)
    gen = ws.pipeline.new_generation(SKY_PHOTO, Service.SKY, EngineName.CLOUD)
    assert gen.id is not None
    assert ws.pipeline.run(gen.id).status is Status.DONE
    second = iacrea_server.add_account()
    credentials.set_api_key(second.api_key)
    ws.engines.reset(replace(settings, user_id=second.user_id))
    ws.close()
    assert credentials.account_key(first.user_id) is None
