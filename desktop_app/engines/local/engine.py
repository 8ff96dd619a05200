"""The local engine: Interior sky and Declutter on this computer's CPU, same lifecycle as the cloud.

Jobs run one at a time on a worker thread (the algorithms use both cores themselves); ``poll``
reports STARTING while queued, PROCESSING while running, then SUCCEEDED or FAILED.
"""

from __future__ import annotations

import logging
import shutil
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import requests

from desktop_app.core import imaging, masks
from desktop_app.core.errors import EngineError, NetworkError, SkyClearError
from desktop_app.core.models import (
    Credits,
    EngineName,
    Generation,
    PollResult,
    Service,
    Status,
    Submission,
)

log = logging.getLogger(__name__)


class LocalEngine:
    name = EngineName.LOCAL
    needs_hosting = False
    resubmit_is_free = True

    def __init__(self, workdir: Path, *, workers: int = 1) -> None:
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._executor = ThreadPoolExecutor(max_workers=workers,
                                            thread_name_prefix="local-engine")
        self._jobs: dict[str, Future[Path]] = {}
        self._running: set[str] = set()
        self._lock = threading.Lock()

    def host(self, path: Path) -> str:
        return str(path)  # nothing to upload: the work happens here

    def submit(self, gen: Generation) -> Submission:
        if gen.service is Service.DECLUTTER and not gen.mask_path:
            raise EngineError("The local engine needs a mask to know what to remove.")
        remote_id = f"local-{uuid.uuid4().hex}"
        with self._lock:
            self._jobs[remote_id] = self._executor.submit(self._run, remote_id, gen)
        return Submission(remote_id=remote_id)

    def _run(self, remote_id: str, gen: Generation) -> Path:
        with self._lock:
            self._running.add(remote_id)
        from desktop_app.engines.local import declutter, sky  # heavy imports, off start-up

        assert gen.prepared_path
        source = Path(gen.prepared_path)
        rgb = imaging.load_rgb(source)
        seed = gen.seed or 0
        if gen.service is Service.SKY:
            regions = None
            if gen.mask_path:
                regions = masks.read_mask(Path(gen.mask_path)).astype(np.float32)
            result, _alpha = sky.run_sky(rgb, seed=seed, alpha=regions)
        else:
            assert gen.mask_path
            result = declutter.remove_objects(rgb, masks.read_mask(Path(gen.mask_path)),
                                              seed=seed)
        out = self.workdir / f"{remote_id}{'.png' if source.suffix == '.png' else '.jpg'}"
        imaging.save_rgb(result, out, quality=95)
        return out

    def poll(self, gen: Generation) -> PollResult:
        assert gen.remote_id
        with self._lock:
            job = self._jobs.get(gen.remote_id)
            running = gen.remote_id in self._running
        if job is None:
            return PollResult(Status.FAILED, message="the local job was interrupted")
        if not job.done():
            return PollResult(Status.PROCESSING if running else Status.STARTING)
        error = job.exception()
        if error is not None:
            if not isinstance(error, SkyClearError):
                log.error("local %s job failed", gen.service.value, exc_info=error)
            message = str(error) if isinstance(error, SkyClearError) else "an internal error"
            return PollResult(Status.FAILED, message=message.rstrip("."))
        return PollResult(Status.SUCCEEDED, results=(str(job.result()),))

    def fetch(self, ref: str, dest: Path) -> Path:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if ref.startswith(("http://", "https://")):  # a photo given as a URL
            try:
                with requests.get(ref, timeout=(5, 60), stream=True) as answer:
                    answer.raise_for_status()
                    with dest.open("wb") as out:
                        for chunk in answer.iter_content(1 << 16):
                            out.write(chunk)
            except requests.RequestException as err:
                raise NetworkError(f"The photo at {ref} could not be downloaded.") from err
            return dest
        shutil.copyfile(ref, dest)
        return dest

    def credits(self) -> Credits | None:
        return None

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
