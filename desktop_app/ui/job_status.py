"""How the window words a photo's job: one phrase per state, the same in the library badge and
the side panel, and the elapsed time."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.engines.trouble import Action
from desktop_app.jobs.poller import JobUpdate
from desktop_app.ui.messages import job_error_text
from desktop_app.ui.wording import result_count

__all__ = ["JobPanelText", "badge_word", "describe_job", "format_elapsed", "job_panel_text",
           "service_name", "state_word"]


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


def _tr(text: str) -> str:
    """Translate a state word marked with ``QT_TRANSLATE_NOOP("JobStatus", ...)`` below."""
    return QCoreApplication.translate("JobStatus", text)


def service_name(service: Service) -> str:
    """The service's name as the window shows it (translated)."""
    if service is Service.SKY:
        return QCoreApplication.translate("JobStatus", "Interior sky")
    return QCoreApplication.translate("JobStatus", "Declutter")


# (cloud, local) wording of each state; the library badge and the panel both read it here
_STATE_WORDS: dict[Status, tuple[object, object]] = {
    Status.DRAFT: (QT_TRANSLATE_NOOP("JobStatus", "Waiting to start…"),
                   QT_TRANSLATE_NOOP("JobStatus", "Waiting to start…")),
    Status.PREPARING: (QT_TRANSLATE_NOOP("JobStatus", "Preparing the photo…"),
                       QT_TRANSLATE_NOOP("JobStatus", "Preparing the photo…")),
    Status.UPLOADING: (QT_TRANSLATE_NOOP("JobStatus", "Uploading the photo…"),
                       QT_TRANSLATE_NOOP("JobStatus", "Uploading the photo…")),
    Status.SUBMITTING: (QT_TRANSLATE_NOOP("JobStatus", "Sending to IACrea…"),
                        QT_TRANSLATE_NOOP("JobStatus", "Starting…")),
    Status.STARTING: (QT_TRANSLATE_NOOP("JobStatus", "Queued at IACrea…"),
                      QT_TRANSLATE_NOOP("JobStatus", "Queued on this computer…")),
    Status.PROCESSING: (QT_TRANSLATE_NOOP("JobStatus", "Processing at IACrea…"),
                        QT_TRANSLATE_NOOP("JobStatus", "Processing on this computer…")),
    Status.SUCCEEDED: (QT_TRANSLATE_NOOP("JobStatus", "Downloading the result…"),
                       QT_TRANSLATE_NOOP("JobStatus", "Saving the result…")),
    Status.DONE: (QT_TRANSLATE_NOOP("JobStatus", "Done"), QT_TRANSLATE_NOOP("JobStatus", "Done")),
    Status.FAILED: (QT_TRANSLATE_NOOP("JobStatus", "Failed"),
                    QT_TRANSLATE_NOOP("JobStatus", "Failed")),
    Status.ERROR: (QT_TRANSLATE_NOOP("JobStatus", "Stopped"),
                   QT_TRANSLATE_NOOP("JobStatus", "Stopped")),
    Status.CANCELLED: (QT_TRANSLATE_NOOP("JobStatus", "Cancelled"),
                       QT_TRANSLATE_NOOP("JobStatus", "Cancelled")),
}

# the library badge: the first word of the panel's phrase, so both say the same thing
_BADGE_WORDS: dict[Status, tuple[object, object]] = {
    Status.DRAFT: (QT_TRANSLATE_NOOP("JobStatus", "Waiting"),
                   QT_TRANSLATE_NOOP("JobStatus", "Waiting")),
    Status.PREPARING: (QT_TRANSLATE_NOOP("JobStatus", "Preparing"),
                       QT_TRANSLATE_NOOP("JobStatus", "Preparing")),
    Status.UPLOADING: (QT_TRANSLATE_NOOP("JobStatus", "Uploading"),
                       QT_TRANSLATE_NOOP("JobStatus", "Uploading")),
    Status.SUBMITTING: (QT_TRANSLATE_NOOP("JobStatus", "Sending"),
                        QT_TRANSLATE_NOOP("JobStatus", "Starting")),
    Status.STARTING: (QT_TRANSLATE_NOOP("JobStatus", "Queued"),
                      QT_TRANSLATE_NOOP("JobStatus", "Queued")),
    Status.PROCESSING: (QT_TRANSLATE_NOOP("JobStatus", "Processing"),
                        QT_TRANSLATE_NOOP("JobStatus", "Processing")),
    Status.SUCCEEDED: (QT_TRANSLATE_NOOP("JobStatus", "Downloading"),
                       QT_TRANSLATE_NOOP("JobStatus", "Saving")),
    Status.DONE: (QT_TRANSLATE_NOOP("JobStatus", "Done"), QT_TRANSLATE_NOOP("JobStatus", "Done")),
    Status.FAILED: (QT_TRANSLATE_NOOP("JobStatus", "Failed"),
                    QT_TRANSLATE_NOOP("JobStatus", "Failed")),
    Status.ERROR: (QT_TRANSLATE_NOOP("JobStatus", "Stopped"),
                   QT_TRANSLATE_NOOP("JobStatus", "Stopped")),
    Status.CANCELLED: (QT_TRANSLATE_NOOP("JobStatus", "Cancelled"),
                       QT_TRANSLATE_NOOP("JobStatus", "Cancelled")),
}


def badge_word(status: Status, engine: EngineName) -> str:
    """The library badge's word for ``status`` (translated)."""
    cloud, local = _BADGE_WORDS[status]
    return _tr(str(cloud if engine is EngineName.CLOUD else local))


# what a running step means, as the state it works towards
_STEP_STATE = {
    Action.PREPARE: Status.PREPARING,
    Action.UPLOAD: Status.UPLOADING,
    Action.SUBMIT: Status.SUBMITTING,
    Action.DOWNLOAD: Status.SUCCEEDED,
}


def state_word(status: Status, engine: EngineName) -> str:
    """The one phrase for ``status`` (translated), e.g. for the library badge."""
    cloud, local = _STATE_WORDS[status]
    return _tr(str(cloud if engine is EngineName.CLOUD else local))


def describe_job(gen: Generation, update: JobUpdate | None) -> str:
    """What a generation is doing, in a few words (translated)."""
    status = gen.status
    if update is not None and update.running and update.action is not None:
        status = _STEP_STATE.get(update.action, status)
        if update.action is Action.POLL and status not in (Status.STARTING, Status.PROCESSING):
            status = Status.STARTING
    return state_word(status, gen.engine)


@dataclass(frozen=True)
class JobPanelText:
    text: str
    elapsed: str
    busy: bool
    error: str | None


def job_panel_text(gen: Generation, update: JobUpdate | None, busy: bool, results: int,
                   now: float | None = None) -> JobPanelText:
    """What the side panel says about ``gen``; ``results``: how many results the photo has."""
    now = time.time() if now is None else now
    text = describe_job(gen, update)
    said = job_error_text(gen)
    error = said if gen.status in (Status.FAILED, Status.ERROR, Status.CANCELLED) else None
    elapsed = ""
    # a retried job counts from its new submission, not from the first attempt
    started = gen.submitted_at or gen.created_at
    if busy and gen.waiting and said:  # held up: say why and when, not "queued"
        text = QCoreApplication.translate("JobStatus", "Waiting — {0}").format(said)
        elapsed = QCoreApplication.translate("JobStatus", "Elapsed {0}").format(
            format_elapsed(now - started))
        if gen.retry_at:
            next_try = time.strftime("%H:%M:%S", time.localtime(gen.retry_at))
            elapsed = QCoreApplication.translate("JobStatus", "Elapsed {0} · next try at {1}"
                                                 ).format(format_elapsed(now - started), next_try)
    elif busy:
        elapsed = QCoreApplication.translate("JobStatus", "Elapsed {0}").format(
            format_elapsed(now - started))
        if said:  # a transient problem being retried
            elapsed = QCoreApplication.translate(
                "JobStatus", "Elapsed {0} · trying again: {1}").format(
                format_elapsed(now - started), said)
    elif gen.status is Status.DONE:
        text = QCoreApplication.translate("JobStatus", "Done — {0}").format(
            result_count(results))
        if gen.finished_at and gen.submitted_at:
            elapsed = QCoreApplication.translate("JobStatus", "Took {0}").format(
                format_elapsed(gen.finished_at - gen.submitted_at))
    return JobPanelText(text, elapsed, busy, error)
