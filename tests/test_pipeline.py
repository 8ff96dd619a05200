"""The pipeline against the contract server over real HTTP: every step recorded, paid once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from iacrea_server import IACreaServer
from PIL import Image
from put_server import PutServer

from desktop_app.core.api import IACreaClient
from desktop_app.core.errors import ImageError, InputError, MaskError
from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.core.poll import PollSchedule
from desktop_app.core.store import JobStore
from desktop_app.core.workers import Workers
from desktop_app.engines.cloud import NO_HOST, CloudEngine
from desktop_app.engines.hosting import PutHost
from desktop_app.engines.pipeline import INTERRUPTED_SUBMIT, Pipeline, RetryKind
from desktop_app.engines.trouble import Action

DATA = Path(__file__).parent / "data"
PHOTO = DATA / "dining-room-windows-blown-out-01.jpg"


def fast_schedule(started_at: float | None) -> PollSchedule:
    return PollSchedule(initial=0.05, factor=1.5, cap=0.2, deadline=30, started_at=started_at)


@dataclass
class Rig:
    server: IACreaServer
    uploads: PutServer
    store: JobStore
    engine: CloudEngine
    pipeline: Pipeline
    library: Path

    def restart(self) -> Rig:
        """What a new process sees: a new store connection, engine and pipeline."""
        self.engine.close()
        self.store.close()
        store = JobStore(self.store.path)
        engine = make_engine(self.server, self.uploads)
        pipeline = Pipeline(store, lambda *_: engine, self.library,
                            schedule_factory=fast_schedule)
        return Rig(self.server, self.uploads, store, engine, pipeline, self.library)


def make_engine(server: IACreaServer, uploads: PutServer | None, key: str | None = None,
                ) -> CloudEngine:
    return CloudEngine(
        lambda: IACreaClient(key or server.api_key, server.user_id, server.url,
                             timeout=(2, 5), sleep=lambda s: None),
        lambda: PutHost(uploads.upload_prefix) if uploads else None)


@pytest.fixture
def rig(iacrea_server: IACreaServer, put_server: PutServer, tmp_path: Path) -> Iterator[Rig]:
    store = JobStore(tmp_path / "jobs.sqlite3")
    engine = make_engine(iacrea_server, put_server)
    library = tmp_path / "library"
    pipeline = Pipeline(store, lambda *_: engine, library, schedule_factory=fast_schedule)
    rig = Rig(iacrea_server, put_server, store, engine, pipeline, library)
    yield rig
    rig.engine.close()
    rig.store.close()


def generate_calls(server: IACreaServer, service: str = "sky_interior") -> int:
    return len(server.calls_to(f"{service}/generate"))


def run(rig: Rig, gen: Generation) -> Generation:
    assert gen.id is not None
    return rig.pipeline.run(gen.id)


def test_sky_photo_goes_through_every_step_and_is_charged_once(rig: Rig) -> None:
    original = PHOTO.read_bytes()
    gen = rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD)
    assert gen.status is Status.DRAFT
    seen: list[Status] = []
    done = rig.pipeline.run(gen.id, on_update=lambda g: seen.append(g.status))  # type: ignore[arg-type]
    assert done.status is Status.DONE, done.error
    assert seen[0] is Status.PREPARING and Status.UPLOADING in seen and Status.STARTING in seen
    assert seen[-1] is Status.DONE
    assert generate_calls(rig.server) == 1 and rig.server.credits == 9
    assert done.remaining_credits == 9 and done.remote_id and done.project_id
    # the photo sent is the prepared copy; the user's file is untouched
    assert len(rig.uploads.puts()) == 1 and PHOTO.read_bytes() == original
    result = Path(done.result_files[0])
    assert result.is_file() and result.is_relative_to(rig.library / "results")
    with Image.open(result) as im:
        assert im.size == Image.open(done.prepared_path).size  # type: ignore[arg-type]


def test_sky_variation_needs_no_upload_and_names_its_parent(rig: Rig) -> None:
    root = run(rig, rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD))
    variation = rig.pipeline.new_variation(root.id)  # type: ignore[arg-type]
    assert rig.pipeline.next_action(variation) is Action.SUBMIT
    done = run(rig, variation)
    assert done.status is Status.DONE and done.variation_number == 1
    calls = rig.server.calls_to("sky_interior/generate-variation")
    assert [c.body["generation_id"] for c in calls] == [root.remote_id]
    assert len(rig.uploads.puts()) == 1  # only the original, once
    assert done.root_id == root.id and [g.id for g in rig.store.family(root.id)] == [
        root.id, done.id]


def test_declutter_variation_uploads_original_and_mask(rig: Rig) -> None:
    root = run(rig, rig.pipeline.new_generation(PHOTO, Service.DECLUTTER, EngineName.CLOUD))
    assert rig.server.calls_to("declutter_total/generate")[0].body["auto"] is True
    with pytest.raises(MaskError):
        rig.pipeline.new_variation(root.id)  # type: ignore[arg-type]
    w, h = Image.open(root.prepared_path).size  # type: ignore[arg-type]
    mask = np.zeros((h // 2, w // 2), bool)  # half size: scaled to the photo's size
    mask[100:200, 150:300] = True
    done = run(rig, rig.pipeline.new_variation(root.id, mask=mask))  # type: ignore[arg-type]
    assert done.status is Status.DONE, done.error
    with Image.open(done.mask_path) as im:  # type: ignore[arg-type]
        assert im.mode == "L" and im.size == (w, h)
        assert set(np.unique(np.asarray(im))) == {0, 255}
    body = rig.server.calls_to("declutter_total/generate-variation")[0].body
    assert body["generation_id"] == root.remote_id
    assert body["original_url"] == done.image_url and body["mask_url"] == done.mask_url
    assert len(rig.uploads.puts()) == 3  # original; then original again (URLs expire) + mask


def test_url_input_is_passed_through_without_upload(rig: Rig) -> None:
    url = rig.server.serve_file(PHOTO)
    done = run(rig, rig.pipeline.new_generation(url, Service.SKY, EngineName.CLOUD))
    assert done.status is Status.DONE and done.image_url == url and done.prepared_path is None
    assert rig.uploads.puts() == []


def test_failed_generation_is_refunded_and_retry_sends_again(rig: Rig) -> None:
    rig.server.fail_next_generation()
    failed = run(rig, rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD))
    assert failed.status is Status.FAILED and "refunded" in (failed.error or "")
    assert rig.server.credits == 10
    done = rig.pipeline.run(rig.pipeline.retry(failed.id).id)  # type: ignore[arg-type]
    assert done.status is Status.DONE and generate_calls(rig.server) == 2
    assert rig.server.credits == 9


@pytest.mark.parametrize("status", [429, 503])
def test_a_generate_turned_away_is_sent_again_with_backoff(rig: Rig, status: int) -> None:
    # 429 and 503 mean the service did nothing and charged nothing: try again after a pause
    rig.server.fail_with(status, path="/api/sky_interior/generate", times=3, retry_after=0)
    gen = run(rig, rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD))
    assert gen.status is Status.DONE, gen.error
    calls = rig.server.calls_to("sky_interior/generate")
    assert [c.status for c in calls] == [status] * 3 + [200]
    assert rig.server.credits == 9


def test_generate_turned_away_for_good_stops_without_a_charge(rig: Rig) -> None:
    rig.server.fail_with(503, path="/api/sky_interior/generate", times=20)
    gen = run(rig, rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD))
    assert gen.status is Status.ERROR and "unavailable" in (gen.error or "")
    assert gen.remote_id is None and rig.server.credits == 10
    assert rig.pipeline.retry_kind(gen) is RetryKind.SEND  # nothing was charged


def test_a_swallowed_generate_is_never_resent_automatically(rig: Rig) -> None:
    rig.server.swallow(path="/api/sky_interior/generate")
    gen = run(rig, rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD))
    assert gen.status is Status.ERROR and "not charged twice" in (gen.error or "")
    assert generate_calls(rig.server) == 1 and rig.server.credits == 9
    # resume after a restart does not send it either
    fresh = rig.restart()
    assert [g.id for g in fresh.pipeline.resume()] == []
    assert generate_calls(fresh.server) == 1


def test_crash_during_submit_is_not_resent_on_resume(rig: Rig) -> None:
    gen = rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD)
    for _ in range(2):  # prepare, upload
        rig.pipeline.step(gen.id)  # type: ignore[arg-type]
    # the process died right after recording SUBMITTING, before the answer came back
    rig.store.update(gen.id, status=Status.SUBMITTING)  # type: ignore[arg-type]
    fresh = rig.restart()
    pending = fresh.pipeline.resume()
    assert [g.id for g in pending] == [gen.id]
    stopped = fresh.pipeline.run(gen.id)  # type: ignore[arg-type]
    assert stopped.status is Status.ERROR and stopped.error == INTERRUPTED_SUBMIT
    assert generate_calls(fresh.server) == 0


def test_resume_after_restart_polls_and_downloads_without_paying_again(rig: Rig) -> None:
    rig.server.processing_for = 60  # long enough for the "crash"
    gen = rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD)
    while rig.store.get(gen.id).remote_id is None:  # type: ignore[arg-type]
        rig.pipeline.step(gen.id)  # type: ignore[arg-type]
    fresh = rig.restart()  # the first process is gone
    rig.server.finish_all()
    pending = fresh.pipeline.resume()
    assert [g.id for g in pending] == [gen.id]
    done = fresh.pipeline.run(gen.id)  # type: ignore[arg-type]
    assert done.status is Status.DONE and Path(done.result_files[0]).is_file()
    assert generate_calls(fresh.server) == 1 and fresh.server.credits == 9


def test_polling_survives_transient_errors(rig: Rig) -> None:
    gen = rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD)
    while rig.store.get(gen.id).remote_id is None:  # type: ignore[arg-type]
        rig.pipeline.step(gen.id)  # type: ignore[arg-type]
    # more failures than the client retries by itself: the schedule carries on
    rig.server.fail_with(503, path="/api/sky_interior/get", times=12)
    done = rig.pipeline.run(gen.id)  # type: ignore[arg-type]
    assert done.status is Status.DONE, done.error
    assert len([c for c in rig.server.calls_to("sky_interior/get") if c.status == 503]) == 12


def test_refused_key_stops_with_a_sentence_and_the_key_is_nowhere(
        iacrea_server: IACreaServer, put_server: PutServer, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    bad_key = "sk-wrong-0123456789abcdef"
    store = JobStore(tmp_path / "jobs.sqlite3")
    engine = make_engine(iacrea_server, put_server, key=bad_key)
    pipeline = Pipeline(store, lambda *_: engine, tmp_path / "lib", schedule_factory=fast_schedule)
    try:
        gen = pipeline.run(pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD).id)  # type: ignore[arg-type]
    finally:
        engine.close()
        store.close()
    assert gen.status is Status.ERROR and "API key was refused" in (gen.error or "")
    assert bad_key not in caplog.text
    for file in tmp_path.rglob("*"):
        if file.is_file():
            assert bad_key.encode() not in file.read_bytes(), file


def test_no_image_host_is_a_clear_error(iacrea_server: IACreaServer, tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.sqlite3")
    engine = make_engine(iacrea_server, None)
    pipeline = Pipeline(store, lambda *_: engine, tmp_path / "lib")
    try:
        gen = pipeline.run(pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD).id)  # type: ignore[arg-type]
    finally:
        engine.close()
        store.close()
    assert gen.status is Status.ERROR and gen.error == NO_HOST
    assert iacrea_server.calls == []


@pytest.mark.parametrize("name, content, error", [
    ("missing.jpg", None, InputError),
    ("notes.jpg", b"these are not pixels", ImageError),
])
def test_bad_input_is_refused_before_anything_is_recorded(
        rig: Rig, tmp_path: Path, name: str, content: bytes | None,
        error: type[Exception]) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(error, match=name):
        rig.pipeline.new_generation(path, Service.SKY, EngineName.CLOUD)
    assert rig.store.all() == [] and rig.server.calls == []


def test_a_truncated_photo_stops_at_preparation_before_anything_is_sent(
        rig: Rig, tmp_path: Path) -> None:
    path = tmp_path / "cut.jpg"
    path.write_bytes(PHOTO.read_bytes()[:5000])  # the header is fine, the pixels are not
    gen = run(rig, rig.pipeline.new_generation(path, Service.SKY, EngineName.CLOUD))
    assert gen.status is Status.ERROR and "cut short" in (gen.error or "")
    assert rig.server.calls == [] and rig.uploads.puts() == []


def test_a_photo_prepared_in_a_worker_process_goes_on_and_a_bad_one_says_why(
        rig: Rig, tmp_path: Path) -> None:
    workers = Workers(1)
    rig.pipeline.image_steps = workers.run
    try:
        done = run(rig, rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD))
        assert done.status is Status.DONE, done.error
        assert workers.pids(), "the photo was prepared in the worker"
        with Image.open(PHOTO) as original, Image.open(done.prepared_path) as prepared:  # type: ignore[arg-type]
            assert prepared.size == original.size
        cut = tmp_path / "cut.jpg"
        cut.write_bytes(PHOTO.read_bytes()[:5000])
        gen = run(rig, rig.pipeline.new_generation(cut, Service.SKY, EngineName.CLOUD))
        # the worker's error crossed back with its sentence
        assert gen.status is Status.ERROR and "cut short" in (gen.error or "")
        assert generate_calls(rig.server) == 1
    finally:
        workers.close(wait=True)


def test_cancel_stops_following_a_generation(rig: Rig) -> None:
    rig.server.processing_for = 60
    gen = rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD)
    while rig.store.get(gen.id).remote_id is None:  # type: ignore[arg-type]
        rig.pipeline.step(gen.id)  # type: ignore[arg-type]
    cancelled = rig.pipeline.cancel(gen.id)  # type: ignore[arg-type]
    assert cancelled.status is Status.CANCELLED and "credit stays spent" in (cancelled.error or "")
    assert rig.pipeline.step(gen.id).delay is None  # type: ignore[arg-type]
    rig.server.finish_all()
    resumed = rig.pipeline.retry(gen.id)  # type: ignore[arg-type]
    assert resumed.status is Status.PROCESSING  # the service still has it: polled, not resent
    assert rig.pipeline.run(gen.id).status is Status.DONE  # type: ignore[arg-type]
    assert generate_calls(rig.server) == 1
