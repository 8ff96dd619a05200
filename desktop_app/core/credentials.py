"""The API key and other secrets: environment first, then the OS keyring.

Where no keyring backend exists, a secret is kept in memory for this run only (and the caller is
told so). Nothing here logs, prints or writes a secret anywhere else.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from desktop_app.core.errors import ConfigError
from desktop_app.core.messages import Msg
from desktop_app.core.settings import DEFAULT_BASE_URL, Settings

if TYPE_CHECKING:
    from keyring.errors import KeyringError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "SkyClear"
API_KEY = "iacrea_api_key"
S3_SECRET = "s3_secret_access_key"
_session_only: dict[str, str] = {}
_unreadable: set[str] = set()  # secrets the keyring failed to give on its last read


def _keyring() -> ModuleType:
    """keyring, loaded when a secret is first needed: it brings 66 modules (35 ms of a start
    with bytecode, 90 ms without), which a window without an IACrea account need not wait for."""
    import keyring

    return keyring


def _keyring_error() -> type[KeyringError]:
    from keyring.errors import KeyringError

    return KeyringError


def keyring_available() -> bool:
    """False when keyring has no real backend (no Secret Service, Keychain or Credential Locker)."""
    backend = _keyring().get_keyring()
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    if module.startswith("keyring.backends.chainer"):
        return bool(getattr(backend, "backends", ()))
    return True


def get_secret(name: str) -> str | None:
    _unreadable.discard(name)
    if name in _session_only:
        return _session_only[name]
    if not keyring_available():
        return None
    try:
        return _keyring().get_password(KEYRING_SERVICE, name)
    except _keyring_error() as err:
        log.warning("the system keyring could not be read: %s", type(err).__name__)
        _unreadable.add(name)  # resolve() then says so instead of "no key is set"
        return None


def set_secret(name: str, value: str) -> bool:
    """Store a secret. True: in the OS keyring; False: for this run only (no keyring)."""
    _session_only.pop(name, None)
    if keyring_available():
        try:
            _keyring().set_password(KEYRING_SERVICE, name, value)
            return True
        except _keyring_error() as err:
            log.warning("the system keyring refused the secret: %s", type(err).__name__)
    _session_only[name] = value
    return False


def kept_for_session_only(name: str) -> bool:
    """The secret is held in memory for this run (no keyring, or the keyring refused it)."""
    return name in _session_only


def delete_secret(name: str) -> bool:
    """Forget a secret. False: the keyring refused to delete it and still holds it."""
    _session_only.pop(name, None)
    if not keyring_available():
        return True
    try:
        _keyring().delete_password(KEYRING_SERVICE, name)
    except _keyring_error() as err:  # also raised when nothing was stored: look again
        log.warning("the system keyring could not delete the secret: %s", type(err).__name__)
        return get_secret(name) is None
    return True


def get_api_key() -> str | None:
    return os.environ.get("IACREA_API_KEY") or get_secret(API_KEY)


def set_api_key(key: str) -> bool:
    return set_secret(API_KEY, key.strip())


def delete_api_key() -> bool:
    """False: the keyring could not delete the stored key (it is still there)."""
    return delete_secret(API_KEY)


# A generation is looked at with the account it was sent with. When the user switches account
# while some are still on their way, the old key is kept in the keyring under the old user ID
# until the last of them has arrived (engines/factory.py keeps it, engines/pipeline.py drops it).
def _account_secret(user_id: str) -> str:
    return f"{API_KEY}@{user_id}"


def keep_account_key(user_id: str, key: str) -> None:
    set_secret(_account_secret(user_id), key)


def account_key(user_id: str) -> str | None:
    return get_secret(_account_secret(user_id))


def forget_account_key(user_id: str) -> None:
    delete_secret(_account_secret(user_id))


def current_account(settings: Settings) -> str:
    """The IACrea user ID new generations are sent with ("" when none is set)."""
    return os.environ.get("IACREA_USER_ID") or settings.user_id


@dataclass(frozen=True)
class Credentials:
    api_key: str
    user_id: str
    base_url: str

    def __repr__(self) -> str:  # never show the key, even in a debugger or a crash report
        return f"Credentials(user_id={self.user_id!r}, base_url={self.base_url!r})"


def resolve(settings: Settings) -> Credentials:
    """The cloud credentials in force: env ``IACREA_*`` over settings, the key from the keyring."""
    key = get_api_key()
    user_id = current_account(settings)
    base_url = resolve_base_url(settings)
    if not key and API_KEY in _unreadable:  # there may be one, in a locked keyring
        raise ConfigError(Msg.KEYRING_UNREADABLE())
    if not key or not user_id:
        if keyring_available():
            codes = (Msg.CREDENTIALS_MISSING_BOTH, Msg.CREDENTIALS_MISSING_KEY,
                     Msg.CREDENTIALS_MISSING_ID)
        else:  # the command line then needs the key in its environment
            codes = (Msg.CREDENTIALS_MISSING_BOTH_NO_KEYRING,
                     Msg.CREDENTIALS_MISSING_KEY_NO_KEYRING, Msg.CREDENTIALS_MISSING_ID_NO_KEYRING)
        code = codes[0] if not key and not user_id else codes[1] if not key else codes[2]
        raise ConfigError(code())
    return Credentials(api_key=key, user_id=user_id, base_url=base_url)


def resolve_base_url(settings: Settings) -> str:
    return (os.environ.get("IACREA_BASE_URL") or settings.base_url or DEFAULT_BASE_URL).rstrip("/")


def has_cloud_credentials(settings: Settings) -> bool:
    if not current_account(settings):
        return False  # without a user ID the keyring need not be asked (it takes 0.1 s to load)
    try:
        resolve(settings)
    except ConfigError:
        return False
    return True
