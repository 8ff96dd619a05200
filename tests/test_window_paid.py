"""The window cannot spend twice by accident, Retry does the right thing, kept jobs come back,
and a second start hands its photos to the open window."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from test_window_helpers import (
    CLUTTER_PHOTO,
    OTHER_PHOTO,
    SKY_PHOTO,
    add_photo,
    cloud_settings,
    entry_of,
    make_workspace,
    wait_status,
    window_factory,
)

from desktop_app.core import credentials, paths
from desktop_app.core.models import EngineName, Problem, Service, Status
from desktop_app.ui.actions import ActionId
from desktop_app.ui.single_instance import SingleInstance, server_name

__all__ = ["window_factory"]

GENERATE = "sky_interior/generate"


def _select_all(window: Any) -> None:
    window.library.selectAll()


def _generates(server: Any) -> int:
    return len(server.calls_to(GENERATE))


def test_a_double_click_on_generate_sends_once(qtbot: Any, window_factory: Any,
                                               iacrea_server: Any, put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    for photo in (SKY_PHOTO, OTHER_PHOTO, CLUTTER_PHOTO):
        add_photo(qtbot, window, photo)
    window.panel.set_service(Service.SKY)
    _select_all(window)
    qtbot.waitUntil(lambda: window.panel.generate_button.text()
                    == "Generate 3 photos · 3 credits", timeout=10_000)
    window.generate()
    # at once, before any job exists: the button is off and says why
    assert not window.action(ActionId.GENERATE).isEnabled()
    assert "Already being sent" in window.panel.selection_hint.text()
    window.generate()  # the second click of a double click
    window.action(ActionId.GENERATE).trigger()
    for photo in (SKY_PHOTO, OTHER_PHOTO, CLUTTER_PHOTO):
        wait_status(qtbot, window, photo, Status.DONE)
    assert _generates(iacrea_server) == 3 and iacrea_server.credits == 7


def test_generating_a_finished_photo_again_and_many_photos_ask_first(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server, confirm_credits_above=1))
    add_photo(qtbot, window, SKY_PHOTO)
    window.panel.set_service(Service.SKY)
    window.generate()
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    window.prompt.confirm_answer = False
    window.generate()  # already has a result: asked, declined
    assert any("already has a result" in q for q in window.prompt.asked)
    add_photo(qtbot, window, OTHER_PHOTO)
    window.prompt.asked.clear()
    window.library.selectAll()
    window.generate()
    assert window.prompt.asked  # declined before anything was created
    add_photo(qtbot, window, CLUTTER_PHOTO)
    window.prompt.asked.clear()
    window.generate()  # one photo, within the threshold: no extra question
    assert not any("This sends" in q for q in window.prompt.asked)
    wait_status(qtbot, window, CLUTTER_PHOTO, Status.DONE)
    assert _generates(iacrea_server) == 2


def test_retry_after_the_photo_was_removed_does_nothing(qtbot: Any, window_factory: Any,
                                                        iacrea_server: Any,
                                                        put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    iacrea_server.fail_next_generation()
    window.panel.set_service(Service.SKY)
    window.generate()
    failed = wait_status(qtbot, window, SKY_PHOTO, Status.FAILED)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5_000)
    assert window.banner.action_texts() == ["Retry"]
    retry_of_banner = window.banner  # the banner as it is: its Retry still bound to the job
    window.remove_selected()
    qtbot.waitUntil(lambda: entry_of(window, SKY_PHOTO) is None, timeout=5_000)
    assert not window.banner.isVisible(), "the photo's banner went with it"
    window.generation.retry([failed.id])  # a stale Retry: nothing happens, nothing is sent
    assert retry_of_banner is window.banner
    assert _generates(iacrea_server) == 1 and window.poller.tracked() == set()


def test_retry_every_selected_photo_and_retry_all_stopped(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    for photo in (SKY_PHOTO, OTHER_PHOTO):
        add_photo(qtbot, window, photo)
    window.panel.set_service(Service.SKY)
    iacrea_server.fail_next_generation(2)
    _select_all(window)
    window.generate()
    for photo in (SKY_PHOTO, OTHER_PHOTO):
        wait_status(qtbot, window, photo, Status.FAILED)
    _select_all(window)
    qtbot.waitUntil(window.action(ActionId.RETRY).isEnabled, timeout=10_000)
    window.action(ActionId.RETRY).trigger()  # Ctrl+R: both, not just the current one
    for photo in (SKY_PHOTO, OTHER_PHOTO):
        wait_status(qtbot, window, photo, Status.DONE)
    assert _generates(iacrea_server) == 4

    # both stopped on our side before anything was charged (the service turned them away)
    iacrea_server.fail_with(400, path=GENERATE, times=2, message="image_url unreachable")
    _select_all(window)
    window.prompt.confirm_answer = True
    window.generate()
    for photo in (SKY_PHOTO, OTHER_PHOTO):
        wait_status(qtbot, window, photo, Status.ERROR)
    window.library.clearSelection()
    assert window.action(ActionId.RETRY_ALL).isEnabled()
    window.action(ActionId.RETRY_ALL).trigger()
    for photo in (SKY_PHOTO, OTHER_PHOTO):
        wait_status(qtbot, window, photo, Status.DONE)
    assert not window.action(ActionId.RETRY_ALL).isEnabled()


def test_a_job_that_may_have_been_charged_is_sent_again_only_when_confirmed(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    iacrea_server.swallow(path=GENERATE)
    window.panel.set_service(Service.SKY)
    window.generate()
    stopped = wait_status(qtbot, window, SKY_PHOTO, Status.ERROR)
    assert stopped.problem is Problem.MAYBE_SENT
    window.prompt.confirm_answer = False
    window.retry_selected()
    assert any("second credit" in q for q in window.prompt.asked)
    assert _generates(iacrea_server) == 1 and window.poller.tracked() == set()
    window.prompt.confirm_answer = True
    window.retry_selected()
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    assert _generates(iacrea_server) == 2


def test_kept_jobs_resume_when_the_key_is_entered(qtbot: Any, window_factory: Any,
                                                  iacrea_server: Any, put_server: Any) -> None:
    settings = cloud_settings(iacrea_server, put_server)
    iacrea_server.processing_for = 600
    # last session: one photo reached IACrea, one was still being prepared; then SkyClear
    # closed, and this computer has no keyring, so the key is gone
    ws = make_workspace(settings)
    paid = ws.pipeline.new_generation(SKY_PHOTO, Service.SKY, EngineName.CLOUD)
    while ws.store.get(paid.id).remote_id is None:
        ws.pipeline.step(paid.id)
    unsent = ws.pipeline.new_generation(OTHER_PHOTO, Service.SKY, EngineName.CLOUD)
    ws.pipeline.step(unsent.id)
    ws.close()
    credentials.delete_api_key()

    window = window_factory(settings)
    qtbot.waitUntil(lambda: window.ws.store.get(unsent.id).status is Status.ERROR,
                    timeout=30_000)
    qtbot.waitUntil(lambda: window.ws.store.get(paid.id).problem is Problem.SETTINGS,
                    timeout=30_000)
    assert not window.ws.store.get(paid.id).status.finished, "a paid job only waits"
    assert window.ws.store.get(unsent.id).problem is Problem.SETTINGS

    credentials.set_api_key(iacrea_server.api_key)  # the user types the key in Settings
    iacrea_server.finish_all()
    iacrea_server.processing_for = 0.3  # the photo sent now is quick
    window.apply_settings(settings)
    for photo in (SKY_PHOTO, OTHER_PHOTO):
        wait_status(qtbot, window, photo, Status.DONE)
    assert _generates(iacrea_server) == 2


def test_a_second_start_hands_its_photos_to_the_open_window(qtbot: Any, window_factory: Any,
                                                           isolated_home: Any) -> None:
    window = window_factory()
    instance = SingleInstance(server_name(paths.data_dir()))
    assert instance.listen()
    instance.filesReceived.connect(window.receive_photos)
    env = dict(os.environ, DESKTOP_APP_HOME=str(isolated_home), QT_QPA_PLATFORM="offscreen")
    try:
        second = subprocess.Popen([sys.executable, "-m", "desktop_app", str(OTHER_PHOTO)],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        try:
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
        finally:
            if second.poll() is None:
                second.kill()
            _out, err = second.communicate()
        assert second.returncode == 0, err
        qtbot.waitUntil(lambda: entry_of(window, OTHER_PHOTO) is not None, timeout=10_000)
    finally:
        instance.close()
