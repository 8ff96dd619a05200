"""A local Interior sky job with a darker shot of the same scene (a bracket): the job store
keeps the library's copy of it, the engine's worker uses it, a variation keeps it, and every way
it cannot be used ends in a sentence."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop_app.core.errors import InputError
from desktop_app.core.messages import Msg
from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.core.poll import PollSchedule
from desktop_app.core.store import JobStore
from desktop_app.engines.local.engine import LocalEngine
from desktop_app.engines.pipeline import Pipeline

DATA = Path(__file__).parent / "data"
PHOTO = DATA / "dining-room-windows-blown-out-01.jpg"
DARK = DATA / "dining-room-windows-dark-bracket-01.jpg"
OTHER_SCENE = DATA / "bedroom-window-blinds-drapes-01.jpg"  # same shape, another room
#: (rows, columns) at 1024 px: the porch ceiling seen through the right window's upper sash
PORCH = (slice(125, 200), slice(725, 890))


def patient_schedule(started_at: float | None) -> PollSchedule:
    """Looks often, and never gives up while a busy machine works on the job."""
    return PollSchedule(initial=0.05, factor=1.5, cap=0.2, deadline=3600, started_at=started_at)


@dataclass
class Rig:
    store: JobStore
    engine: LocalEngine
    pipeline: Pipeline

    def run(self, gen: Generation) -> Generation:
        assert gen.id is not None
        return self.pipeline.run(gen.id)


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    store = JobStore(tmp_path / "jobs.sqlite3")
    engine = LocalEngine(tmp_path / "work")
    pipeline = Pipeline(store, lambda *_: engine, tmp_path / "library",
                        schedule_factory=patient_schedule)
    yield Rig(store, engine, pipeline)
    engine.close()
    store.close()


def _pixels(path: str) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"), np.int16)


def _no_sky_on_the_porch(result: np.ndarray) -> bool:
    """No blue sky painted on the porch ceiling: it shows as the darker shot has it, not
    blown out any more (``sky_pull``)."""
    porch = result[PORCH]
    return bool((porch[..., 2] - porch[..., 0]).mean() < 5.0 and porch.min(axis=2).mean() < 230)


def test_the_darker_shot_keeps_sky_off_the_porch_ceiling_and_a_variation_keeps_it(
        rig: Rig) -> None:
    gen = rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.LOCAL, seed=1,
                                      dark_frame=DARK)
    assert gen.dark_frame and Path(gen.dark_frame).is_file()
    assert Path(gen.dark_frame).parent != DARK.parent  # the library's own copy
    done = rig.run(gen)
    assert done.status is Status.DONE, done.error
    source = _pixels(str(PHOTO))
    result = _pixels(done.result_files[0])
    assert source[PORCH].min(axis=2).mean() > 240  # blown out in the photo
    assert _no_sky_on_the_porch(result)
    alone = rig.run(rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.LOCAL, seed=1))
    assert alone.status is Status.DONE
    assert np.abs(_pixels(alone.result_files[0]) - source)[PORCH].mean() > 20.0  # sky painted

    assert done.id is not None
    variation = rig.pipeline.new_variation(done.id)
    assert variation.dark_frame == gen.dark_frame
    again = rig.run(variation)
    assert again.status is Status.DONE, again.error
    assert _no_sky_on_the_porch(_pixels(again.result_files[0]))


def test_the_store_keeps_the_darker_shot_for_a_resumed_job(rig: Rig, tmp_path: Path) -> None:
    gen = rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.LOCAL, dark_frame=DARK)
    rig.store.close()
    with sqlite3.connect(tmp_path / "jobs.sqlite3") as db:
        [(kept,)] = db.execute("SELECT dark_frame FROM generations").fetchall()
    assert kept == gen.dark_frame
    reopened = JobStore(tmp_path / "jobs.sqlite3")
    try:
        assert gen.id is not None
        assert reopened.get(gen.id).dark_frame == gen.dark_frame
    finally:
        reopened.close()


def test_a_darker_shot_of_another_scene_fails_the_job_with_the_sentence(rig: Rig) -> None:
    gen = rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.LOCAL,
                                      dark_frame=OTHER_SCENE)
    failed = rig.run(gen)
    assert failed.status is Status.FAILED
    assert failed.error_message is not None
    assert failed.error_message.code is Msg.DARK_FRAME_MISMATCH
    assert failed.error and failed.error.startswith("This darker shot does not match the photo")


def test_a_darker_shot_gone_before_the_job_runs_is_said(rig: Rig) -> None:
    gen = rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.LOCAL, dark_frame=DARK)
    assert gen.dark_frame
    Path(gen.dark_frame).unlink()  # the library's copy lost (a cleaned-up disk, say)
    failed = rig.run(gen)
    assert failed.status is Status.FAILED
    assert failed.error_message is not None
    assert failed.error_message.code is Msg.DARK_FRAME_UNREADABLE


def test_a_darker_shot_that_cannot_be_used_is_refused_before_anything_is_recorded(
        rig: Rig, tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        rig.pipeline.new_generation(PHOTO, Service.DECLUTTER, EngineName.LOCAL,
                                    mask=np.ones((4, 4), bool), dark_frame=DARK)
    assert err.value.message.code is Msg.DARK_FRAME_SKY_ONLY
    with pytest.raises(InputError) as err:
        rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.CLOUD, dark_frame=DARK)
    assert err.value.message.code is Msg.DARK_FRAME_LOCAL_ONLY
    with pytest.raises(InputError) as err:
        rig.pipeline.new_generation(PHOTO, Service.SKY, EngineName.LOCAL,
                                    dark_frame=tmp_path / "nowhere.jpg")
    assert "nowhere.jpg" in str(err.value)
    assert rig.store.all() == []
