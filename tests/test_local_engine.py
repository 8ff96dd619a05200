"""The local engine's job lifecycle around its worker process: results, errors that cross the
process boundary as sentences, a worker that dies in the middle of a job, and a failed job
that is retried."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from job_gate import JobGate
from PIL import Image
from test_bracket_jobs import patient_schedule

from desktop_app.core.errors import NoSkyError
from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.core.store import JobStore
from desktop_app.core.workers import NICENESS, Workers, wait_closed
from desktop_app.engines.base import PollResult
from desktop_app.engines.local.engine import LocalEngine
from desktop_app.engines.pipeline import Pipeline

DATA = Path(__file__).parent / "data"
PHOTO = DATA / "dining-room-windows-blown-out-01.jpg"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[LocalEngine]:
    local = LocalEngine(tmp_path / "work")
    yield local
    local.close()


@pytest.fixture
def gate(engine: LocalEngine, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[JobGate]:
    """Jobs of ``engine`` wait inside the worker until the test opens the gate."""
    held = JobGate(tmp_path)
    for name, value in held.environ().items():
        monkeypatch.setenv(name, value)  # the worker, started with the first job, inherits them
    yield held
    held.release()


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, f"{what} did not happen within {timeout} s"
        time.sleep(0.01)


def _generation(tmp_path: Path, service: Service = Service.SKY, *,
                photo: Path = PHOTO, mask: Path | None = None) -> Generation:
    prepared = tmp_path / f"prepared-{time.monotonic_ns()}{photo.suffix}"
    shutil.copyfile(photo, prepared)
    return Generation(service=service, source=str(photo), engine=EngineName.LOCAL, seed=3,
                      prepared_path=str(prepared), mask_path=str(mask) if mask else None)


def _until(engine: LocalEngine, gen: Generation, done: Callable[[PollResult], bool],
           timeout: float = 120) -> PollResult:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        result = engine.poll(gen)
        if done(result):
            return result
        time.sleep(0.02)
    raise AssertionError(f"no such state within {timeout} s; last: {result}")


def _submit(engine: LocalEngine, gen: Generation) -> Generation:
    return gen.with_(remote_id=engine.submit(gen).remote_id)


def _finished(result: PollResult) -> bool:
    return result.status in (Status.SUCCEEDED, Status.FAILED)


def test_a_job_runs_in_a_worker_process_and_leaves_the_photo_alone(
        engine: LocalEngine, gate: JobGate, tmp_path: Path) -> None:
    gen = _submit(engine, _generation(tmp_path))
    before = Path(gen.prepared_path or "").read_bytes()
    _wait_for(gate.held, "the job reaching its worker")
    assert engine.poll(gen).status is Status.PROCESSING
    # the work happens in a worker process, started with the first job and kept for the next
    workers = {child.pid for child in multiprocessing.active_children()}
    assert workers
    gate.release()
    result = _until(engine, gen, _finished)
    assert result.status is Status.SUCCEEDED, result.message
    with Image.open(result.results[0]) as out, Image.open(PHOTO) as src:
        assert out.size == src.size
    assert Path(gen.prepared_path or "").read_bytes() == before
    assert {child.pid for child in multiprocessing.active_children()} == workers


def test_an_error_inside_the_worker_comes_back_as_its_sentence(
        engine: LocalEngine, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(PHOTO.read_bytes()[:2000])  # cut off: the worker cannot decode it
    gen = _submit(engine, _generation(tmp_path, photo=broken))
    result = _until(engine, gen, _finished)
    assert result.status is Status.FAILED
    # the worker's ImageError, pickled across, not "an internal error"
    assert result.message and "is incomplete (the file is cut short)" in result.message


def test_a_declutter_mask_of_another_photo_fails_with_a_clear_sentence(
        engine: LocalEngine, tmp_path: Path) -> None:
    mask = tmp_path / "mask.png"
    Image.fromarray(np.full((50, 300), 255, np.uint8)).save(mask)  # another shape entirely
    gen = _submit(engine, _generation(tmp_path, Service.DECLUTTER, mask=mask))
    result = _until(engine, gen, _finished)
    assert result.status is Status.FAILED
    assert result.message and "mask" in result.message.lower(), result.message


def test_a_photo_without_sky_ends_with_the_sentence_not_an_unchanged_photo(
        engine: LocalEngine, tmp_path: Path) -> None:
    gen = _submit(engine, _generation(tmp_path, photo=DATA / "kitchen-white-island-01.jpg"))
    result = _until(engine, gen, _finished)
    assert result.status is Status.FAILED
    assert result.message == NoSkyError.MESSAGE
    assert not result.results


def _running_job(engine: LocalEngine, gate: JobGate,
                 tmp_path: Path) -> tuple[Generation, list[int]]:
    """A sky job held inside the engine's worker, and the pids of its worker process(es)."""
    gen = _submit(engine, _generation(tmp_path))
    _wait_for(gate.held, "the job reaching its worker")
    return gen, [child.pid for child in multiprocessing.active_children()
                 if child.pid is not None]


def test_ctrl_c_in_the_terminal_does_not_reach_into_the_worker(
        terminal_ctrl_c: None, engine: LocalEngine, gate: JobGate, tmp_path: Path,
        capfd: pytest.CaptureFixture[str]) -> None:
    gen = _submit(engine, _generation(tmp_path))

    def ctrl_c() -> None:
        for child in multiprocessing.active_children():
            if child.pid is not None:
                os.kill(child.pid, signal.SIGINT)

    # Ctrl+C over and over, from the worker's first moments (its start-up) until the job
    # certainly runs in it, and a few more while it does
    deadline = time.monotonic() + 120
    while not gate.held():
        assert time.monotonic() < deadline, "the job never reached its worker"
        ctrl_c()
        time.sleep(0.005)
    for _ in range(5):
        ctrl_c()
    assert engine.poll(gen).status is Status.PROCESSING
    gate.release()
    result = _until(engine, gen, _finished)
    assert result.status is Status.SUCCEEDED, result.message
    assert "KeyboardInterrupt" not in capfd.readouterr().err


def test_a_worker_that_dies_fails_its_job_and_the_next_job_gets_a_new_one(
        engine: LocalEngine, gate: JobGate, tmp_path: Path) -> None:
    gen, pids = _running_job(engine, gate, tmp_path)
    for pid in pids:
        os.kill(pid, signal.SIGKILL)  # as the system does when memory runs out
    result = _until(engine, gen, _finished)
    assert result.status is Status.FAILED
    assert result.message and "stopped unexpectedly" in result.message

    gate.release()
    again = _submit(engine, _generation(tmp_path))
    assert _until(engine, again, _finished).status is Status.SUCCEEDED
    assert not set(pids) & {child.pid for child in multiprocessing.active_children()}


def test_a_job_is_processing_from_its_submission_when_no_other_job_runs(
        engine: LocalEngine, gate: JobGate, tmp_path: Path) -> None:
    """The window then says "Processing on this computer…" at once, and "Queued on this
    computer…" only for a job that waits behind another (jobs run one at a time)."""
    first = _generation(tmp_path)
    assert engine.submit(first).status is Status.PROCESSING
    second = _generation(tmp_path)
    assert engine.submit(second).status is Status.STARTING


def test_closing_does_not_wait_for_a_running_job(engine: LocalEngine, gate: JobGate,
                                                 tmp_path: Path) -> None:
    gen, _pids = _running_job(engine, gate, tmp_path)
    queued = _submit(engine, _generation(tmp_path))
    assert engine.poll(queued).status is Status.STARTING
    engine.close()  # returns although the job is held in the worker
    # stopped, not finished, and the job waiting for its turn never started a worker of its own
    assert engine.poll(gen).status is Status.FAILED
    assert engine.poll(queued).status is Status.FAILED
    # the worker is stopped and reaped by the pool's own thread, not by close()
    _wait_for(lambda: not multiprocessing.active_children(), "the worker's end")


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads the system's process table")
def test_the_workers_closed_without_waiting_are_reaped_before_the_program_ends(
        engine: LocalEngine, gate: JobGate, tmp_path: Path) -> None:
    """``wait_closed`` (called last by the window and the command line) returns once the pool's
    thread has reaped the stopped workers: that thread left running at exit can race Python's own
    exit hook for process pools, which then prints a traceback after the app's last sentence."""
    _gen, pids = _running_job(engine, gate, tmp_path)
    engine.close()
    wait_closed()
    assert [pid for pid in pids if Path(f"/proc/{pid}").exists()] == []  # not even as zombies


def test_workers_run_nicer_than_the_window(tmp_path: Path) -> None:
    """A worker busy on both cores must not take turns with the window's GUI thread."""
    workers = Workers(1)
    try:
        assert workers.run(os.nice, 0) == min(19, os.nice(0) + NICENESS)
    finally:
        workers.close()


def test_retrying_a_failed_local_job_runs_it_again_rather_than_reading_its_failure_back(
        engine: LocalEngine, tmp_path: Path) -> None:
    """In the window the failed job is still in this process: Retry after "the local engine
    stopped … press Retry" must run the photo again, not report the same failure."""
    store = JobStore(tmp_path / "jobs.sqlite3")
    try:
        pipeline = Pipeline(store, lambda *_: engine, tmp_path / "library",
                            schedule_factory=patient_schedule)
        tiny = tmp_path / "tiny.png"
        Image.new("RGB", (8, 8), "white").save(tiny)  # below the local engine's smallest
        gen = pipeline.new_generation(tiny, Service.SKY, EngineName.LOCAL)
        assert gen.id is not None
        failed = pipeline.run(gen.id)
        assert failed.status is Status.FAILED
        assert str(failed.error) == "The photo is too small to work on."  # not "The service…"
        again = pipeline.retry(gen.id)
        assert again.status is Status.DRAFT and again.remote_id is None
        rerun = pipeline.run(gen.id)
        assert rerun.status is Status.FAILED and rerun.remote_id not in (None, failed.remote_id)
    finally:
        store.close()
