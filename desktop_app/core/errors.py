"""Every error a user may see is a SkyClearError whose ``str()`` is one plain sentence.

Lower layers raise these with a ``Message`` (a code and its parameters, see core/messages.py);
the CLI prints ``str(err)``, the English sentence, and the window words the code in the user's
language. An error raised with plain text carries it as ``Msg.OTHER``.
"""

from __future__ import annotations

from desktop_app.core.messages import Message, Msg


class SkyClearError(Exception):
    """Base class: the message is written for a person, not a programmer."""

    #: True when trying the same thing again later may succeed (network, 503, 429).
    transient: bool = False
    #: The code of a sentence given as plain text (it says whether Settings fix it).
    plain: Msg = Msg.OTHER

    def __init__(self, message: str | Message = "") -> None:
        super().__init__(message)  # the only argument, so the error crosses process boundaries
        #: what to tell the user, as a code and its parameters
        self.message: Message = message if isinstance(message, Message) else \
            self.plain(str(message))

    def __str__(self) -> str:
        return self.message.text

    @property
    def fix_in_settings(self) -> bool:
        """The user fixes it in Settings (a key, an address, an image host): the window then
        offers to open them. The message's code says so (``messages.FIX_IN_SETTINGS``)."""
        return self.message.fix_in_settings


class InputError(SkyClearError):
    """A file or argument the user gave cannot be used (missing, not an image, too large...)."""


class ImageError(InputError):
    """The image cannot be read or prepared."""


class MaskError(InputError):
    """The mask cannot be used (empty, wrong size, not an image...)."""


class ConfigError(SkyClearError):
    """Settings or credentials are missing or unusable."""

    plain = Msg.OTHER_IN_SETTINGS


class DiskFullError(SkyClearError):
    """A file could not be written for lack of disk space (or over the allowed file size);
    whatever the file replaces is left as it was."""

    transient = True  # once space is freed, the same step works


class HostingError(SkyClearError):
    """The prepared photo could not be put online for the service to fetch."""

    transient = True

    def __init__(self, message: str | Message, *, reason: str = "",
                 transient: bool | None = None) -> None:
        super().__init__(message)
        #: what went wrong, for code that reacts to it: "keys", "bucket", "denied", "region",
        #: "clock", "address", "network", "server" or "" (never parse the message)
        self.reason = reason
        if transient is not None:
            self.transient = transient


class EngineError(SkyClearError):
    """The engine could not do the job (e.g. the local engine cannot auto-declutter)."""


class NoSkyError(EngineError):
    """Interior sky found no window showing sky, so there is nothing to paint."""

    #: The sentence as a finished job reports it (the CLI gives it its own exit code).
    MESSAGE = Msg.NO_SKY.english

    def __init__(self, message: str | Message | None = None) -> None:
        # the argument lets the error cross a process boundary
        super().__init__(message or Msg.NO_SKY())


class ApiError(SkyClearError):
    """An error answer (or no answer) from the IACrea service."""

    status: int | None = None

    def __init__(self, message: str | Message, *, status: int | None = None,
                 detail: str | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status if status is not None else type(self).status
        self.detail = detail  # the service's own message, if any
        self.retry_after = retry_after


class BadRequestError(ApiError):
    status = 400


class AuthError(ApiError):
    """401: the API key or user ID was refused."""

    status = 401
    plain = Msg.OTHER_IN_SETTINGS


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
