"""Every error a user may see is a SkyClearError whose ``str()`` is one plain sentence.

Lower layers raise these; the CLI prints ``str(err)`` and the window shows it in a banner.
"""

from __future__ import annotations


class SkyClearError(Exception):
    """Base class: the message is written for a person, not a programmer."""

    #: True when trying the same thing again later may succeed (network, 503, 429).
    transient: bool = False
    #: True when the user fixes it in Settings (a key, an address, an image host): the window
    #: then offers to open them.
    fix_in_settings: bool = False


class InputError(SkyClearError):
    """A file or argument the user gave cannot be used (missing, not an image, too large...)."""


class ImageError(InputError):
    """The image cannot be read or prepared."""


class MaskError(InputError):
    """The mask cannot be used (empty, wrong size, not an image...)."""


class ConfigError(SkyClearError):
    """Settings or credentials are missing or unusable."""

    fix_in_settings = True


class DiskFullError(SkyClearError):
    """A file could not be written for lack of disk space (or over the allowed file size);
    whatever the file replaces is left as it was."""

    transient = True  # once space is freed, the same step works


class HostingError(SkyClearError):
    """The prepared photo could not be put online for the service to fetch."""

    transient = True

    def __init__(self, message: str, *, reason: str = "", transient: bool | None = None) -> None:
        super().__init__(message)
        #: what went wrong, for code that reacts to it: "keys", "bucket", "denied", "region",
        #: "clock", "address", "network", "server" or "" (never parse the message)
        self.reason = reason
        if transient is not None:
            self.transient = transient
        # wrong keys, a bucket or region that does not exist, an address that refuses: Settings
        self.fix_in_settings = reason in ("keys", "bucket", "denied", "region", "address")


class EngineError(SkyClearError):
    """The engine could not do the job (e.g. the local engine cannot auto-declutter)."""


class NoSkyError(EngineError):
    """Interior sky found no window showing sky, so there is nothing to paint."""

    #: The sentence as a finished job reports it (the CLI gives it its own exit code).
    MESSAGE = "No sky found in this photo"

    def __init__(self, message: str = MESSAGE + ".") -> None:
        super().__init__(message)  # the argument lets the error cross a process boundary


class ApiError(SkyClearError):
    """An error answer (or no answer) from the IACrea service."""

    status: int | None = None

    def __init__(self, message: str, *, status: int | None = None, detail: str | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status if status is not None else type(self).status
        self.detail = detail  # the service's own message, if any
        self.retry_after = retry_after


class BadRequestError(ApiError):
    status = 400


class AuthError(ApiError):
    """401: the API key or user ID was refused."""

    status = 401
    fix_in_settings = True


class CreditsError(ApiError):
    """402/403: the account has no credits left or is not allowed to use the service."""

    status = 402


class NotFoundError(ApiError):
    status = 404


class RateLimitError(ApiError):
    status = 429
    transient = True


class ServiceUnavailableError(ApiError):
    status = 503
    transient = True


class ServerError(ApiError):
    status = 500
    transient = True


class NetworkError(ApiError):
    """No answer at all: offline, DNS, refused or dropped connection, timeout."""

    transient = True


class UncertainSubmitError(ApiError):
    """A paid request may or may not have reached the service; it is not re-sent automatically."""
