"""The window's language: SkyClear's own translation plus Qt's (standard buttons and dialogs),
chosen in Settings or, by default, from the system's language.

Translations are ``resources/translations/skyclear_<lang>.qm``, compiled from the ``.ts`` files
next to them (see README, "Translations"). English is the source language: it needs no file.
"""

from __future__ import annotations

import logging
import re
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

__all__ = ["LANGUAGES", "fill", "install_translators", "translations_dir", "ui_language"]

# The choices Settings offers: "" follows the system; each name is written in its own language.
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
SOURCE_LANGUAGE = "en"


_PLACE = re.compile(r"%(\d+)")


def fill(pattern: str, *values: str | int) -> str:
    """``pattern`` (a translated sentence) with its %1, %2… replaced by ``values`` in one pass,
    so a value that itself holds "%2" (a file name) stays as it is; numbers are written as the
    user's locale writes them. A place with no value is left as it is."""
    locale = QLocale()

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        if not 0 <= index < len(values):
            return match.group(0)
        v = values[index]
        return locale.toString(v) if isinstance(v, int) else v

    return _PLACE.sub(value, pattern)


def translations_dir() -> Path:
    return Path(str(resources.files("desktop_app.resources").joinpath("translations")))


def ui_language(choice: str, system: QLocale | None = None) -> str:
    """The language the window speaks: ``choice`` when it is one SkyClear has, else the first
    of the system's preferred languages that it has, else English."""
    if choice in LANGUAGES:
        return choice
    for name in (system or QLocale.system()).uiLanguages():  # e.g. "fr-FR", "fr", "en-GB"
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def _qt_translations_dirs() -> list[Path]:
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    import PySide6  # a frozen folder keeps Qt's files under PySide6/ without a qt.conf

    base = Path(PySide6.__file__).parent
    dirs += [base / "Qt" / "translations", base / "translations"]
    return dirs


def install_translators(app: QCoreApplication, choice: str = "") -> list[QTranslator]:
    """Install on ``app`` the translators for ``choice`` ("" = the system's language); returns
    them (``app.removeTranslator`` undoes it). Numbers and dates follow an explicit choice too
    (``QLocale``)."""
    language = ui_language(choice)
    if choice in LANGUAGES:
        system = QLocale.system()
        QLocale.setDefault(QLocale(QLocale.codeToLanguage(language), system.territory()))
    installed: list[QTranslator] = []
    ours = QTranslator(app)  # English has one too: the plural forms of "%n photo(s)"
    if not ours.load(f"skyclear_{language}", str(translations_dir())):
        log.warning("no translation skyclear_%s in %s", language, translations_dir())
        return installed
    app.installTranslator(ours)
    installed.append(ours)
    if language == SOURCE_LANGUAGE:
        return installed
    qt = QTranslator(app)
    if any(qt.load(f"qtbase_{language}", str(folder)) for folder in _qt_translations_dirs()):
        app.installTranslator(qt)
        installed.append(qt)
    else:
        log.warning("Qt's own translation qtbase_%s was not found", language)
    return installed
