"""The contract every engine keeps, so the CLI, the window and resume treat them alike.

The pipeline (``engines/pipeline.py``) drives a generation through the store one step at a time:
prepare the image → ``host`` it (when ``needs_hosting``) → ``submit`` → ``poll`` until SUCCEEDED or
FAILED → ``fetch`` each result into the library. Each step is recorded before and after it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from desktop_app.core.models import Credits, EngineName, Generation, PollResult, Submission


class Engine(Protocol):
    name: EngineName
    #: The service must fetch the photo and mask by URL, so they are hosted first.
    needs_hosting: bool
    #: Re-sending an interrupted submission costs nothing (local): resume may simply start again.
    resubmit_is_free: bool
    #: The account a generation is sent with (IACrea user ID), None where there is none (local).
    account: str | None

    def host(self, path: Path) -> str:
        """Put a prepared file where the service can fetch it; the URL it will fetch."""
        ...

    def submit(self, gen: Generation) -> Submission:
        """Start the generation (a root, or a variation of ``gen.parent_remote_id``).

        May cost a credit: a cloud engine never retries it once the request may have arrived.
        """
        ...

    def poll(self, gen: Generation) -> PollResult:
        """One look at a submitted generation. Raises ApiError subclasses on errors."""
        ...

    def fetch(self, ref: str, dest: Path) -> Path:
        """Copy one result (URL or path from ``PollResult.results``) to ``dest``; return it."""
        ...

    def credits(self) -> Credits | None:
        """The account balance, or None where the engine has no account (local)."""
        ...

    def close(self) -> None: ...
