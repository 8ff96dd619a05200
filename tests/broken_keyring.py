"""Keyring backends that fail the way real ones do (a locked or refusing Secret Service): real
``keyring.backend.KeyringBackend`` subclasses, set with ``keyring.set_keyring`` in a test or
named in ``PYTHON_KEYRING_BACKEND`` for a command-line run (``broken_keyring.LockedKeyring``)."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError, PasswordSetError


class BrokenKeyring(KeyringBackend):
    """Keeps secrets in memory; the operations named at creation raise as a keyring does."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, *, read: bool = False, write: bool = False,
                 delete: bool = False) -> None:
        super().__init__()
        self.fails = {"read": read, "write": write, "delete": delete}
        self.secrets: dict[tuple[str, str], str] = {}
        self.attempts: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.attempts.append("read")
        if self.fails["read"]:
            raise KeyringLocked("the keyring is locked")
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.attempts.append("write")
        if self.fails["write"]:
            raise PasswordSetError("the keyring refused the secret")
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.attempts.append("delete")
        if self.fails["delete"]:
            raise PasswordDeleteError("the keyring could not delete the secret")
        self.secrets.pop((service, username), None)


class LockedKeyring(BrokenKeyring):
    """Every read, write and delete raises (for ``PYTHON_KEYRING_BACKEND``)."""

    def __init__(self) -> None:
        super().__init__(read=True, write=True, delete=True)
