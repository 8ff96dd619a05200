"""Counted nouns the window says in several places ("1 photo", "3 photos"), translated with
the plural forms of the language.

They are ``self.tr`` calls on a small ``QObject``: that is the form in which ``pyside6-lupdate``
records a plural (``QCoreApplication.translate`` with a count is not recognised as one).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject

__all__ = ["credit_count", "file_count", "kept_count", "photo_count", "result_count"]


class Counts(QObject):
    def photos(self, n: int) -> str:
        return self.tr("%n photo(s)", "", n)

    def credits(self, n: int) -> str:
        return self.tr("%n photo credit(s)", "", n)

    def results(self, n: int) -> str:
        return self.tr("%n result(s)", "", n)

    def files(self, n: int) -> str:
        return self.tr("%n file(s)", "", n)

    def kept(self, n: int) -> str:
        return self.tr("%n kept version(s)", "", n)


@cache
def _counts() -> Counts:
    return Counts()


def photo_count(n: int) -> str:
    return _counts().photos(n)


def credit_count(n: int) -> str:
    return _counts().credits(n)


def result_count(n: int) -> str:
    return _counts().results(n)


def file_count(n: int) -> str:
    return _counts().files(n)


def kept_count(n: int) -> str:
    return _counts().kept(n)
