"""A library row's data: a photo of the listing with every version made of it, and the words
its row shows (the badge of its latest job, a summary of each service). Plain data, fed from
the store and the poll thread; ``library.py`` models and paints it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.ui.job_status import badge_word

__all__ = ["LibraryEntry", "status_badge"]

# the badge colour family of each state (its word comes from job_status, as the panel's does)
_BADGE_FAMILIES: dict[Status, str] = {
    Status.DRAFT: "draft", Status.PREPARING: "working", Status.UPLOADING: "working",
    Status.SUBMITTING: "working", Status.STARTING: "working", Status.PROCESSING: "working",
    Status.SUCCEEDED: "working", Status.DONE: "done", Status.FAILED: "failed",
    Status.ERROR: "failed", Status.CANCELLED: "stopped",
}


def status_badge(status: Status, engine: EngineName) -> tuple[str, str]:
    """(badge text, colour family) for a generation's status."""
    return badge_word(status, engine), _BADGE_FAMILIES[status]


# What the row says was done to a photo, per service (translated when painted).
_SERVICE_STATES: dict[tuple[Service, str], object] = {
    (Service.SKY, "done"): QT_TRANSLATE_NOOP("Library", "Sky ✓"),
    (Service.SKY, "running"): QT_TRANSLATE_NOOP("Library", "Sky running"),
    (Service.SKY, "failed"): QT_TRANSLATE_NOOP("Library", "Sky failed"),
    (Service.SKY, "stopped"): QT_TRANSLATE_NOOP("Library", "Sky stopped"),
    (Service.DECLUTTER, "done"): QT_TRANSLATE_NOOP("Library", "Declutter ✓"),
    (Service.DECLUTTER, "running"): QT_TRANSLATE_NOOP("Library", "Declutter running"),
    (Service.DECLUTTER, "failed"): QT_TRANSLATE_NOOP("Library", "Declutter failed"),
    (Service.DECLUTTER, "stopped"): QT_TRANSLATE_NOOP("Library", "Declutter stopped"),
}


@dataclass
class LibraryEntry:
    """One row: a photo of the listing, with every version made of it (none yet: a draft)."""

    source: str
    family: list[Generation] = field(default_factory=list)  # oldest first; empty for a draft
    error: str | None = None  # a draft that cannot be read
    added_at: float = field(default_factory=time.time)
    photo_id: int | None = None  # the listing's photo this row shows
    kept_id: int | None = None  # the generation whose result is kept for the listing
    kept_index: int = 0

    @property
    def key(self) -> str:
        if self.photo_id is not None:
            return f"photo:{self.photo_id}"
        return f"project:{self.root_id}" if self.family else f"draft:{self.source}"

    def has_root(self, root_id: int | None) -> bool:
        """One of this photo's jobs is ``root_id``."""
        return root_id is not None and any((g.root_id or g.id) == root_id for g in self.family)

    @property
    def kept(self) -> Generation | None:
        """The kept generation, while it is finished and still has that result."""
        gen = self.generation(self.kept_id) if self.kept_id is not None else None
        ok = gen is not None and gen.status is Status.DONE and \
            self.kept_index < len(gen.result_files)
        return gen if ok else None

    @property
    def kept_file(self) -> str | None:
        gen = self.kept
        return gen.result_files[self.kept_index] if gen is not None else None

    @property
    def is_draft(self) -> bool:
        return not self.family

    @property
    def root(self) -> Generation | None:
        return self.family[0] if self.family else None

    @property
    def root_id(self) -> int | None:
        return self.family[0].id if self.family else None

    @property
    def name(self) -> str:
        if self.source.startswith(("http://", "https://")):
            return self.source.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or self.source
        return Path(self.source).name

    @property
    def service(self) -> Service | None:
        return self.family[0].service if self.family else None

    @property
    def latest(self) -> Generation | None:
        return self.family[-1] if self.family else None

    @property
    def in_flight(self) -> list[Generation]:
        return [g for g in self.family if not g.status.finished and g.status is not Status.DRAFT]

    @property
    def busy(self) -> bool:
        return bool(self.in_flight)

    @property
    def current(self) -> Generation | None:
        """The generation whose state the row shows: a running one, else the latest."""
        running = self.in_flight
        return running[-1] if running else self.latest

    @property
    def done(self) -> list[Generation]:
        return [g for g in self.family if g.status is Status.DONE and g.result_files]

    @property
    def variation_count(self) -> int:
        return sum(1 for g in self.family if g.is_variation)

    @property
    def badge(self) -> tuple[str, str]:
        if self.error:
            return QCoreApplication.translate("LibraryView", "Unreadable"), "failed"
        gen = self.current
        if gen is None:
            return QCoreApplication.translate("LibraryView", "Draft"), "draft"
        return status_badge(gen.status, gen.engine)

    @property
    def summary(self) -> str:
        """What was done to the photo, per service: ``Sky ✓ · Declutter running``."""
        if self.error:
            return self.error
        if not self.family:
            return QCoreApplication.translate("Library", "Not sent yet")
        parts = []
        for service in Service:
            gens = [g for g in self.family if g.service is service]
            if not gens:
                continue
            if any(not g.status.finished and g.status is not Status.DRAFT for g in gens):
                state = "running"
            elif any(g.status is Status.DONE for g in gens):
                state = "done"
            elif gens[-1].status is Status.FAILED:  # the service said so
                state = "failed"
            elif gens[-1].status is Status.ERROR:  # stopped on this side: Retry goes on
                state = "stopped"
            else:
                continue
            words = str(_SERVICE_STATES[service, state])
            parts.append(QCoreApplication.translate("Library", words))
        return " · ".join(parts) or QCoreApplication.translate("Library", "Not sent yet")

    def generation(self, gen_id: int) -> Generation | None:
        return next((g for g in self.family if g.id == gen_id), None)
