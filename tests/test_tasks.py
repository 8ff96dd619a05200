"""TaskRunner: answers come back on the GUI thread; a retired runner lets its owner go at once."""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import Any

import pytest
from PySide6.QtCore import QObject

from desktop_app.core.errors import InputError
from desktop_app.jobs import tasks
from desktop_app.jobs.tasks import TaskRunner, retired_tasks_running


def test_answers_and_errors_arrive_on_the_gui_thread(qtbot: Any) -> None:
    runner = TaskRunner(2)
    gui = threading.get_ident()
    seen: list[tuple[str, object, int]] = []

    def fail() -> None:
        raise InputError("not a photo")

    runner.submit(lambda a, b: a + b, 2, 3,
                  on_done=lambda v: seen.append(("done", v, threading.get_ident())))
    runner.submit(fail, on_error=lambda e: seen.append(("error", str(e), threading.get_ident())))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=60_000)
    assert sorted(seen) == [("done", 5, gui), ("error", "not a photo", gui)]
    assert runner.close()


def test_a_retired_runner_lets_its_owner_go_without_waiting(qtbot: Any) -> None:
    owner = QObject()
    runner = TaskRunner(1, owner)
    release = threading.Event()
    started = threading.Event()
    ran: list[str] = []
    answers: list[object] = []

    def long_step() -> str:
        started.set()
        release.wait(60)
        ran.append("long")
        return "long"

    runner.submit(long_step, on_done=answers.append)
    runner.submit(lambda: ran.append("queued"), on_done=answers.append)
    assert started.wait(60)

    runner.retire()  # returns while long_step is still running
    assert retired_tasks_running() == 1
    del owner  # the owner (a dialog) may go; the runner lives on by itself
    runner.submit(lambda: ran.append("late"))  # refused
    release.set()
    # the retired runner is let go only once its last answer has arrived and been dropped
    qtbot.waitUntil(lambda: not tasks._retired, timeout=60_000)
    assert ran == ["long"]  # the queued step was skipped, the late one never accepted
    assert answers == []  # nobody is told: the owner is gone


def test_retiring_an_idle_runner_leaves_it_to_its_owner(qtbot: Any) -> None:
    owner = QObject()
    runner = TaskRunner(1, owner)
    runner.retire()
    assert retired_tasks_running() == 0 and runner.parent() is owner


def test_only_the_latest_answer_for_a_key_is_delivered(qtbot: Any) -> None:
    runner = TaskRunner(1)
    gate = threading.Event()
    started: list[str] = []
    answers: list[str] = []

    def step(name: str) -> str:
        started.append(name)
        if name == "first":
            gate.wait(60)
        return name

    runner.submit_latest("photo", step, "first", on_done=answers.append)
    qtbot.waitUntil(lambda: started == ["first"], timeout=60_000)
    runner.submit_latest("photo", step, "second", on_done=answers.append)  # queued, superseded
    runner.submit_latest("photo", step, "third", on_done=answers.append)
    runner.submit_latest("other", step, "elsewhere", on_done=answers.append)
    gate.set()
    qtbot.waitUntil(lambda: runner.pending() == 0, timeout=60_000)
    assert started == ["first", "third", "elsewhere"]  # the superseded one never ran
    assert answers == ["third", "elsewhere"]  # the running one finished but was not delivered
    assert runner.close()


def test_a_dropped_key_delivers_nothing(qtbot: Any) -> None:
    runner = TaskRunner(1)
    answers: list[object] = []
    gate = threading.Event()
    runner.submit_latest("diff", lambda: gate.wait(60), on_done=answers.append,
                         on_error=answers.append)
    runner.drop("diff")
    gate.set()
    qtbot.waitUntil(lambda: runner.pending() == 0, timeout=60_000)
    assert answers == []
    assert runner.close()


def test_unexpected_errors_are_logged_with_their_traceback(
        qtbot: Any, caplog: pytest.LogCaptureFixture) -> None:
    runner = TaskRunner(1)
    handled: list[BaseException] = []

    def broken() -> None:
        raise KeyError("bug")

    def refused() -> None:
        raise InputError("not a photo")

    with caplog.at_level(logging.WARNING, logger="desktop_app.jobs.tasks"):
        runner.submit(broken, on_error=handled.append)  # handled, and still logged
        runner.submit(refused, on_error=handled.append)  # an expected sentence: not logged
        qtbot.waitUntil(lambda: len(handled) == 2, timeout=60_000)
    tracebacks = [r for r in caplog.records if r.exc_info]
    assert len(tracebacks) == 1 and tracebacks[0].exc_info[0] is KeyError  # type: ignore[index]
    assert "broken" in caplog.text  # the traceback names the failing function
    assert "not a photo" not in caplog.text
    assert runner.close()


def _own_nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice is Linux's")
def test_background_work_runs_nicer_than_the_gui_thread(qtbot: Any) -> None:
    """On a busy machine the GUI thread gets the CPU before a decode does (a process already
    nearly as nice as can be, e.g. a suite run under ``nice 19``: as nice as a thread can be)."""
    runner = TaskRunner(1)
    seen: list[int] = []
    runner.submit(_own_nice, on_done=seen.append)
    qtbot.waitUntil(lambda: bool(seen))
    runner.submit(_own_nice, on_done=seen.append)  # the same thread again: not nicer still
    qtbot.waitUntil(lambda: len(seen) == 2)
    runner.close()
    assert seen == [min(19, _own_nice() + tasks.NICENESS)] * 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice is Linux's")
def test_a_worker_process_started_by_background_work_is_as_nice_as_any(qtbot: Any) -> None:
    """A local worker process started from a (nicer) background thread is nicer than the app
    by the workers' own margin, not by both added up."""
    from desktop_app.core.workers import NICENESS, Workers

    workers = Workers(1)
    runner = TaskRunner(1)
    seen: list[int] = []
    try:
        runner.submit(workers.run, os.nice, 0, on_done=seen.append)
        qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    finally:
        runner.close()
        workers.close()
    assert seen == [min(19, os.nice(0) + NICENESS)]  # 19 is as nice as a process can be
