"""Plain dataclasses shared by every layer (no Qt, no I/O)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from enum import StrEnum

from desktop_app.core.messages import Message


class Service(StrEnum):
    SKY = "sky"
    DECLUTTER = "declutter"

    @property
    def label(self) -> str:
        return "Interior sky" if self is Service.SKY else "Declutter"

    @property
    def api_path(self) -> str:
        """The IACrea URL segment of this service."""
        return "sky_interior" if self is Service.SKY else "declutter_total"


class EngineName(StrEnum):
    CLOUD = "cloud"
    LOCAL = "local"


class Status(StrEnum):
    """A generation's state as the store records it.

    DRAFT → PREPARING → UPLOADING → SUBMITTING → STARTING → PROCESSING → SUCCEEDED → DONE,
    or FAILED (the service failed it; refunded), ERROR (our side: bad input, network, refused key;
    may be retried) or CANCELLED. SUCCEEDED means the results exist but are not all downloaded yet.
    """

    DRAFT = "DRAFT"
    PREPARING = "PREPARING"
    UPLOADING = "UPLOADING"
    SUBMITTING = "SUBMITTING"
    STARTING = "STARTING"
    PROCESSING = "PROCESSING"
    SUCCEEDED = "SUCCEEDED"
    DONE = "DONE"
    FAILED = "FAILED"
    ERROR = "ERROR"
    CANCELLED = "CANCELLED"

    @property
    def finished(self) -> bool:
        return self in (Status.DONE, Status.FAILED, Status.ERROR, Status.CANCELLED)

    @property
    def remote(self) -> bool:
        """The service has the job: it is polled, not re-sent."""
        return self in (Status.STARTING, Status.PROCESSING, Status.SUCCEEDED)


class Problem(StrEnum):
    """Why a generation is waiting or stopped, as data (the sentence is in ``error``).

    A generation the service has (``remote_id`` set) only ever *waits* on these: it is tried
    again on the poll schedule. Only ``FORGOTTEN`` and ``MAYBE_SENT`` stop for the user's word,
    because the way on costs a credit.
    """

    UNREACHABLE = "unreachable"  # no answer, or 429 / 5xx: the service is busy or down
    UNREADABLE = "unreadable"  # an answer that is not the documented JSON (HTML, redirect...)
    NO_RESULT = "no_result"  # SUCCEEDED without any result link
    UNKNOWN_STATUS = "unknown_status"  # a status the client does not know (``remote_status``)
    DOWNLOAD = "download"  # a result link failed: ask the service again for fresh links
    REFUSED = "refused"  # the key or account was refused; needs the user, then resumes
    SETTINGS = "settings"  # no API key (or host) on this computer yet; resumes once set
    SLOW = "slow"  # no result after the usual deadline; still checked, more rarely
    LOCAL = "local"  # this computer could not save a result (disk full, no permission...)
    FORGOTTEN = "forgotten"  # the service no longer knows the generation (404 on get)
    MAYBE_SENT = "maybe_sent"  # cut off while sending: it may or may not have been charged


@dataclass
class Generation:
    """One row of the job store: a request to an engine and everything learnt about it."""

    service: Service
    source: str  # the user's file path or http(s) URL; never modified
    engine: EngineName = EngineName.CLOUD
    status: Status = Status.DRAFT
    id: int | None = None  # the store's row id
    root_id: int | None = None  # the first generation of this photo's project (itself for a root)
    parent_id: int | None = None  # the generation this one is a variation of
    parent_remote_id: str | None = None
    auto: bool = True  # declutter: let the service find the objects
    webhook: str | None = None
    seed: int | None = None  # local engine: which sky / which fill
    prepared_path: str | None = None  # the exact pixels sent (oriented, sRGB, stripped, capped)
    image_url: str | None = None  # hosted URL of prepared_path (or the source URL itself)
    mask_path: str | None = None  # 8-bit PNG, 255 = remove, same size as prepared_path
    mask_url: str | None = None
    #: local Interior sky: the library's copy of a darker shot of the same scene (a bracket),
    #: which decides what is sky where the photo is blown out
    dark_frame: str | None = None
    remote_id: str | None = None  # the engine's generation_id
    account: str | None = None  # the IACrea user ID it was sent with (None: local, or older rows)
    project_id: str | None = None
    variation_number: int | None = None
    result_urls: list[str] = field(default_factory=list)
    result_files: list[str] = field(default_factory=list)
    remaining_credits: int | None = None
    error: str | None = None  # the English sentence (CLI, log, older versions)
    #: the same as a code and its parameters, which the window words in the user's language;
    #: None for rows written before codes were stored (the window then shows ``error``)
    error_message: Message | None = None
    problem: Problem | None = None  # what the error is about, for code (see Problem)
    retry_at: float | None = None  # when a waiting generation is tried again (epoch seconds)
    trouble_since: float | None = None  # first of the failures in a row, for "for 6 min"
    remote_status: str | None = None  # a status name the client does not know, as sent
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)
    submitted_at: float | None = None
    finished_at: float | None = None

    @property
    def is_variation(self) -> bool:
        return self.parent_id is not None

    @property
    def waiting(self) -> bool:
        """Not finished, but held up by a problem that is tried again on its own."""
        return not self.status.finished and self.problem is not None

    @property
    def source_is_url(self) -> bool:
        return self.source.startswith(("http://", "https://"))

    def with_(self, **changes: object) -> Generation:
        """A copy with some fields changed (the store decides when it is written)."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Credits:
    total: int
    subscription: int = 0
    extra: int = 0


@dataclass(frozen=True)
class Submission:
    """What an engine answers when it accepts a generation."""

    remote_id: str
    project_id: str | None = None
    remaining_credits: int | None = None
    #: where it stands once accepted: a local job that a free worker starts at once is PROCESSING
    status: Status = Status.STARTING


@dataclass(frozen=True)
class PollResult:
    """One look at a generation: its status and, once SUCCEEDED, where the results are."""

    status: Status  # STARTING, PROCESSING, SUCCEEDED or FAILED
    results: tuple[str, ...] = ()  # URLs (cloud) or file paths (local)
    variation_number: int | None = None
    message: str | None = None  # why it FAILED, when the engine knows
    said: Message | None = None  # the same as a code (the local engine's own errors)
    unknown_status: str | None = None  # the service's word when it is none of the above
