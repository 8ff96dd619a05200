"""The poll thread: one QThread follows every generation; slow steps go to its pool."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QThread
from test_window_helpers import OTHER_PHOTO, SKY_PHOTO, cloud_settings, make_workspace

from desktop_app.core.models import EngineName, Service, Status
from desktop_app.core.settings import Settings
from desktop_app.engines.pipeline import Pipeline
from desktop_app.engines.trouble import Action, StepResult
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs.poller import SLOW_ACTIONS, JobUpdate, Poller
from desktop_app.jobs.tasks import NICENESS


class RecordingPipeline(Pipeline):
    """The real pipeline, noting which thread ran each action."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.poller: QThread | None = None
        self.ran: list[tuple[Action, bool]] = []  # (action, on the poll thread)
        self.nice: list[int] = []  # the nice value of the thread that ran each action

    def step(self, gen_id: int) -> StepResult:
        action = self.next_action(self.store.get(gen_id))
        if action is not None:
            self.ran.append((action, QThread.currentThread() is self.poller))
            if sys.platform.startswith("linux"):
                self.nice.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return super().step(gen_id)


def _recording(ws: Workspace) -> Workspace:
    pipeline = RecordingPipeline(ws.store, ws.engines, ws.pipeline.library_dir,
                                 schedule_factory=ws.pipeline.trouble.schedule_factory)
    return Workspace(ws.settings, ws.store, ws.engines, pipeline)


@pytest.fixture
def started() -> Iterator[list[tuple[Poller, Workspace]]]:
    running: list[tuple[Poller, Workspace]] = []
    yield running
    for poller, ws in running:
        assert poller.stop(10_000)
        ws.close()


def _start(ws: Workspace, started: list[tuple[Poller, Workspace]]) -> tuple[Poller,
                                                                             list[JobUpdate]]:
    poller = Poller(ws.pipeline)
    if isinstance(ws.pipeline, RecordingPipeline):
        ws.pipeline.poller = poller
    updates: list[JobUpdate] = []
    poller.updated.connect(updates.append)
    poller.start()
    started.append((poller, ws))
    return poller, updates


def test_follows_a_generation_to_the_end_off_the_gui_thread(qtbot: Any, started: Any) -> None:
    ws = _recording(make_workspace(Settings()))
    poller, updates = _start(ws, started)
    gen = ws.pipeline.new_generation(str(SKY_PHOTO), Service.SKY, EngineName.LOCAL)
    poller.track(gen.id)
    qtbot.waitUntil(lambda: bool(updates) and updates[-1].finished, timeout=120_000)
    assert updates[-1].gen.status is Status.DONE
    assert poller.tracked() == set()
    running = [u.action for u in updates if u.running]
    assert running[0] is Action.PREPARE and Action.SUBMIT in running
    assert running[-1] is Action.DOWNLOAD
    ran = ws.pipeline.ran  # type: ignore[attr-defined]
    assert {a for a, on_poll in ran if on_poll} <= {Action.SUBMIT, Action.POLL}
    assert all(not on_poll for a, on_poll in ran if a in SLOW_ACTIONS)
    assert any(a is Action.POLL for a, _ in ran)
    # the poll thread and its pool give way to the window (Linux: a thread's own nice)
    assert all(n == min(19, os.nice(0) + NICENESS)
               for n in ws.pipeline.nice)  # type: ignore[attr-defined]


def test_a_slow_download_does_not_hold_up_other_photos(qtbot: Any, started: Any,
                                                       iacrea_server: Any,
                                                       put_server: Any) -> None:
    ws = make_workspace(cloud_settings(iacrea_server, put_server))
    poller, _updates = _start(ws, started)
    iacrea_server.processing_for = 3600
    first = ws.pipeline.new_generation(str(SKY_PHOTO), Service.SKY, EngineName.CLOUD)
    poller.track(first.id)
    qtbot.waitUntil(lambda: ws.store.get(first.id).status is Status.PROCESSING, timeout=60_000)
    # every download of the first photo's result (a timed-out one's retries too) waits for
    # the test
    held = iacrea_server.hold(path=f"/results/{ws.store.get(first.id).remote_id}", times=1000)
    iacrea_server.processing_for = 0.3
    iacrea_server.advance(3600)
    qtbot.waitUntil(held.reached.is_set, timeout=60_000)
    second = ws.pipeline.new_generation(str(OTHER_PHOTO), Service.SKY, EngineName.CLOUD)
    poller.track(second.id)
    qtbot.waitUntil(lambda: ws.store.get(second.id).status is Status.DONE, timeout=60_000)
    assert ws.store.get(first.id).status is Status.SUCCEEDED, "still downloading meanwhile"
    held.release()
    qtbot.waitUntil(lambda: ws.store.get(first.id).status is Status.DONE, timeout=60_000)


def test_stop_is_cooperative_and_leaves_the_job_to_resume(qtbot: Any, started: Any,
                                                          iacrea_server: Any,
                                                          put_server: Any) -> None:
    iacrea_server.processing_for = 3600
    ws = make_workspace(cloud_settings(iacrea_server, put_server))
    poller, _updates = _start(ws, started)
    gen = ws.pipeline.new_generation(str(SKY_PHOTO), Service.SKY, EngineName.CLOUD)
    poller.track(gen.id)
    qtbot.waitUntil(lambda: ws.store.get(gen.id).status is Status.PROCESSING, timeout=60_000)
    assert poller.stop(5_000)
    assert not poller.isRunning()
    assert ws.store.get(gen.id).status is Status.PROCESSING
    assert [g.id for g in ws.pipeline.resume()] == [gen.id]


def test_a_job_that_cannot_start_is_stopped_with_a_sentence(qtbot: Any, started: Any) -> None:
    from desktop_app.core.models import Generation

    ws = make_workspace(Settings())
    poller, updates = _start(ws, started)
    # a cloud job left from before, but no key any more
    gen = ws.store.add(Generation(service=Service.SKY, source=str(SKY_PHOTO),
                                  engine=EngineName.CLOUD, status=Status.PREPARING))
    poller.track(gen.id)
    qtbot.waitUntil(lambda: bool(updates) and updates[-1].finished, timeout=60_000)
    stored = ws.store.get(gen.id)
    assert stored.status is Status.ERROR
    assert stored.error and "Settings" in stored.error


def test_forget_after_cancel_stops_following(qtbot: Any, started: Any, iacrea_server: Any,
                                             put_server: Any) -> None:
    iacrea_server.processing_for = 3600
    ws = make_workspace(cloud_settings(iacrea_server, put_server))
    poller, _updates = _start(ws, started)
    gen = ws.pipeline.new_generation(str(SKY_PHOTO), Service.SKY, EngineName.CLOUD)
    poller.track(gen.id)
    qtbot.waitUntil(lambda: ws.store.get(gen.id).status is Status.PROCESSING, timeout=60_000)
    ws.pipeline.cancel(gen.id)
    poller.forget(gen.id)
    assert gen.id not in poller.tracked()
    polls = _polls_of(iacrea_server, ws.store.get(gen.id).remote_id)
    # another photo on the same schedule: while it is sent and polled three times, the
    # forgotten one would have been polled as often
    other = ws.pipeline.new_generation(str(OTHER_PHOTO), Service.SKY, EngineName.CLOUD)
    poller.track(other.id)
    qtbot.waitUntil(lambda: _polls_of(iacrea_server, ws.store.get(other.id).remote_id) >= 3,
                    timeout=60_000)
    assert _polls_of(iacrea_server, ws.store.get(gen.id).remote_id) <= polls + 1  # one in flight
    assert ws.store.get(gen.id).status is Status.CANCELLED


def _polls_of(server: Any, remote_id: str | None) -> int:
    return sum(1 for call in server.calls_to("sky_interior/get")
               if remote_id and call.body and call.body.get("generation_id") == remote_id)
