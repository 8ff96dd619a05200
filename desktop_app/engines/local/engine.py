"""The local engine: Interior sky and Declutter on this computer's CPU, same lifecycle as the cloud.

Jobs run one at a time (the algorithms use both cores themselves) in a worker *process*
(``workers.Workers``): NumPy holds the interpreter lock through some long steps, which would make
the window stutter if the work ran on one of its threads. A thread per job waits for the process,
so ``poll`` knows exactly which job is queued (STARTING) and which is running (PROCESSING), then
SUCCEEDED or FAILED. The same workers serve the window's quick steps (``workers.run``, e.g. the
sky review's detection): one more process than jobs, so such a step never waits behind a job,
and an idle warm worker is reused.

An Interior sky generation with a mask treats the mask as the user's choice of regions (white =
"put sky here"): see ``sky_in_selection``. One with a ``dark_frame`` (a darker shot of the same
scene) lets that shot decide what is sky where the photo is blown out (``sky_bracket``), and
shows the blown-out view around the new sky from it (``sky_pull``).
"""

from __future__ import annotations

import logging
import shutil
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np

from desktop_app.core import imaging, masks, paths
from desktop_app.core.errors import (
    EngineError,
    ImageError,
    MaskError,
    NetworkError,
    NoSkyError,
    SkyClearError,
)
from desktop_app.core.messages import Msg
from desktop_app.core.models import (
    Credits,
    EngineName,
    Generation,
    PollResult,
    Service,
    Status,
    Submission,
)
from desktop_app.core.workers import Workers

log = logging.getLogger(__name__)

#: A sky selection is widened by this share of the photo's longer side, so the soft edges of the
#: sky it covers survive a selection made (and stored) at another resolution. Separate sky
#: regions are at least ``sky.REGION_JOIN`` (1 %) apart, so this never reaches a region the user
#: took out.
SELECTION_GROW = 0.004
#: Detected alpha above this counts as found sky when looking for selected areas it missed.
FOUND_ALPHA = 0.05


def sky_in_selection(rgb: np.ndarray, selection: np.ndarray,
                     dark: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The sky alpha of ``rgb`` limited to the regions the user selected, and the detected
    regions the user left out: ``(alpha, left_out)``.

    ``selection`` is a bool array of the photo's size (True = the user wants sky there), as made
    by the sky review in the window or painted by hand. Inside it (widened by
    ``SELECTION_GROW``) the detected alpha is kept with its soft edges; selected areas where
    nothing was detected (a window the user added) get the same kind of soft alpha, refined from
    the selection itself. Every pixel farther from the selection has alpha 0. ``left_out`` (bool)
    covers the detected regions that do not meet the selection: the caller keeps their pixels
    as they are, so a window the user took out is not even touched by the enhancement of the
    view around the new sky. ``dark``: a darker shot of the same scene (see ``sky.detect_sky``).
    """
    import cv2

    from desktop_app.engines.local import sky, sky_candidates, sky_matte
    from desktop_app.engines.local.sky_util import resize, scaled_size

    h, w = rgb.shape[:2]
    chosen = np.asarray(selection, dtype=bool)
    if chosen.shape != (h, w):
        raise MaskError(Msg.SKY_MASK_SIZE())
    detected = sky.detect_sky(rgb, dark)
    # a square widening: separable, so quick on a 12 MP photo
    side = 2 * max(2, round(SELECTION_GROW * max(h, w))) + 1
    grow = np.ones((side, side), np.uint8)
    reach = cv2.dilate(chosen.astype(np.uint8), grow) > 0
    alpha = np.where(reach, detected, np.float32(0.0)).astype(np.float32)
    labels, count = sky.sky_regions(detected)
    met = np.zeros(count + 1, bool)
    met[labels[reach & (alpha > 0)]] = True
    left_out = ~met[labels]  # label 0 is never met: no sky there, nothing to keep either
    left_out &= labels > 0
    # what the user selected but the detector did not find: added windows
    found = cv2.dilate((detected > FOUND_ALPHA).astype(np.uint8), grow) > 0
    missing = chosen & ~found
    if missing.any():
        small_hw = scaled_size(h, w, sky_candidates.WORK_LONG)
        support = resize(missing.astype(np.float32), small_hw, area=True) > 0.5
        support = cv2.morphologyEx(support.astype(np.uint8), cv2.MORPH_OPEN,
                                   np.ones((3, 3), np.uint8)) > 0  # no slivers of an edge
        if support.any():
            added = sky_matte.refine(rgb, support, fade=False)
            np.maximum(alpha, np.where(reach & ~left_out, added, np.float32(0.0)), out=alpha)
    return alpha, left_out


def load_dark_frame(path: str) -> np.ndarray:
    """The darker shot of a sky job (no larger than the copy it is used at), or the sentence
    saying it can no longer be read."""
    from desktop_app.engines.local.sky_bracket import WEIGHT_LONG

    try:
        return imaging.load_rgb(Path(path), max_side=WEIGHT_LONG)
    except (SkyClearError, OSError):
        raise ImageError(Msg.DARK_FRAME_UNREADABLE()) from None


def process_photo(service: Service, source: Path, mask_path: str | None, seed: int,
                  out: Path, dark_path: str | None = None) -> tuple[Path, bool]:
    """One local job, run in the engine's worker process: the result is written to ``out``.
    ``dark_path``: a darker shot of the same scene (Interior sky). Returns ``out`` and whether
    a darker shot would have helped: an automatic sky, found in the photo alone, that is
    mostly blown out to white (where a white ceiling behind the glass looks just the same)."""
    from desktop_app.engines.local import declutter, sky  # heavy imports, off start-up

    if service is Service.SKY and dark_path:
        # the darker shot is decoded on a thread of its own while the photo is: the decoder
        # lets go of the interpreter, so on two cores the two reads overlap
        with ThreadPoolExecutor(max_workers=1) as reader:
            dark_read = reader.submit(load_dark_frame, dark_path)
            rgb = imaging.load_rgb(source)
            dark: np.ndarray | None = dark_read.result()
    else:
        rgb = imaging.load_rgb(source)
        dark = None
    darker_would_help = False
    if service is Service.SKY:
        if mask_path:  # the regions the user chose
            alpha, left_out = sky_in_selection(rgb, masks.read_mask(Path(mask_path)), dark)
            result, _alpha = sky.run_sky(rgb, seed=seed, alpha=alpha, dark=dark)
            result[left_out] = rgb[left_out]
        else:
            # in one call: the view from a darker shot uses what the detection judged
            result, alpha = sky.run_sky(rgb, seed=seed, dark=dark)
            if not (alpha > 0).any():
                raise NoSkyError()  # said, rather than a photo handed back unchanged
            darker_would_help = dark is None and \
                sky.blown_out_share(rgb, alpha) >= sky.BLOWN_HINT
    else:
        assert mask_path
        result = declutter.remove_objects(rgb, masks.read_mask(Path(mask_path)), seed=seed)
    imaging.save_rgb(result, out, quality=95)
    return out, darker_would_help


class LocalEngine:
    name = EngineName.LOCAL
    needs_hosting = False
    resubmit_is_free = True
    account: str | None = None

    def __init__(self, workdir: Path, *, workers: int = 1) -> None:
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._at_once = workers  # jobs run side by side
        self._executor = ThreadPoolExecutor(max_workers=workers,
                                            thread_name_prefix="local-engine")
        self.workers = Workers(workers + 1)  # one more for the window's quick steps
        self._jobs: dict[str, Future[Path]] = {}
        self._running: set[str] = set()
        self._blown: set[str] = set()  # jobs whose sky was mostly blown out (see process_photo)
        self._closed = False
        self._lock = threading.Lock()

    def host(self, path: Path) -> str:
        return str(path)  # nothing to upload: the work happens here

    def submit(self, gen: Generation) -> Submission:
        if gen.service is Service.DECLUTTER and not gen.mask_path:
            raise EngineError(Msg.LOCAL_NEEDS_MASK())
        remote_id = f"local-{uuid.uuid4().hex}"
        with self._lock:
            ahead = sum(not job.done() for job in self._jobs.values())
            self._jobs[remote_id] = self._executor.submit(self._run, remote_id, gen)
        # with a worker free it starts now; else it waits its turn, as ``poll`` will say
        status = Status.PROCESSING if ahead < self._at_once else Status.STARTING
        return Submission(remote_id=remote_id, status=status)

    def _run(self, remote_id: str, gen: Generation) -> Path:
        assert gen.prepared_path
        source = Path(gen.prepared_path)
        out = self.workdir / f"{remote_id}{'.png' if source.suffix == '.png' else '.jpg'}"
        with self._lock:
            if self._closed:  # a job that was queued when the engine closed
                raise EngineError(Msg.LOCAL_CLOSED())
            self._running.add(remote_id)
        done, blown = self.workers.run(process_photo, gen.service, source, gen.mask_path,
                                       gen.seed or 0, out, gen.dark_frame)
        if blown:
            with self._lock:
                self._blown.add(remote_id)
        return paths.private_file(done)

    def darker_shot_would_help(self, remote_id: str) -> bool:
        """Whether the finished job ``remote_id`` (run by this engine, since it started) found
        an automatic sky mostly blown out to white: a darker shot of the scene would help."""
        with self._lock:
            return remote_id in self._blown

    def poll(self, gen: Generation) -> PollResult:
        assert gen.remote_id
        with self._lock:
            job = self._jobs.get(gen.remote_id)
            running = gen.remote_id in self._running
        if job is None or job.cancelled():  # lost with a restart, or dropped by close()
            said = Msg.LOCAL_INTERRUPTED()
            return PollResult(Status.FAILED, message=said.text, said=said)
        if not job.done() and self._closed:  # stopped by close(), which does not wait for it
            said = Msg.LOCAL_STOPPED()
            return PollResult(Status.FAILED, message=said.text.rstrip("."), said=said)
        if not job.done():
            return PollResult(Status.PROCESSING if running else Status.STARTING)
        error = job.exception()
        if error is not None:
            if not isinstance(error, SkyClearError):
                log.error("local %s job failed", gen.service.value, exc_info=error)
            said = error.message if isinstance(error, SkyClearError) else Msg.LOCAL_INTERNAL()
            return PollResult(Status.FAILED, message=said.text.rstrip("."), said=said)
        return PollResult(Status.SUCCEEDED, results=(str(job.result()),))

    def fetch(self, ref: str, dest: Path) -> Path:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if ref.startswith(("http://", "https://")):  # a photo given as a URL
            import requests  # here: loading it took a tenth of the window's start

            try:
                with requests.get(ref, timeout=(5, 60), stream=True) as answer:
                    answer.raise_for_status()
                    with dest.open("wb") as out:
                        for chunk in answer.iter_content(1 << 16):
                            out.write(chunk)
            except requests.RequestException as err:
                raise NetworkError(Msg.PHOTO_URL_DOWNLOAD_FAILED(ref)) from err
            return dest
        shutil.copyfile(ref, dest)
        return dest

    def credits(self) -> Credits | None:
        return None

    def close(self) -> None:
        """Stop at once, without waiting: a running job is stopped and queued ones are dropped.
        Local jobs cost nothing to redo, and resume starts an interrupted one again, so quitting
        need not sit through them; the job threads end as their worker stops."""
        with self._lock:
            self._closed = True
        self._executor.shutdown(wait=False, cancel_futures=True)  # drop the queued jobs
        self.workers.close()
