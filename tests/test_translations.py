"""The translations stay complete: a fresh extraction of the window's strings (pyside6-lupdate,
as packaging/translations.py runs it) finds every one finished in French, with its
placeholders, and the committed .qm files are what the .ts files compile to."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"


def _tools() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations",
                                                  ROOT / "packaging" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


translations = _tools()


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    plural: bool
    forms: tuple[str, ...]  # the translation (one form, or the plural forms)
    finished: bool


def read_ts(path: Path) -> dict[tuple[str, str], Message]:
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            plural = message.get("numerus") == "yes"
            forms = tuple(f.text or "" for f in translation.iter("numerusform")) if plural \
                else (translation.text or "",)
            finished = translation.get("type") is None and all(forms)
            messages[(name, source)] = Message(name, source, plural, forms, finished)
    return messages


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the code says today: lupdate over desktop_app/ into an empty file."""
    ts = tmp_path_factory.mktemp("ts") / "fresh_fr.ts"
    translations.extract(ts, "fr")
    return ts


@pytest.fixture(scope="module")
def fresh(fresh_ts: Path) -> dict[tuple[str, str], Message]:
    return read_ts(fresh_ts)


PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[^{}]*\}|&&|<[^>]+>")


def placeholders(text: str) -> Counter[str]:
    """%1, %n, {0}, {name}, literal && and HTML tags: what a translation must carry over.
    A link's address counts, its text not."""
    return Counter(PLACEHOLDER.findall(text))


def problems(fresh: dict[tuple[str, str], Message],
             done: dict[tuple[str, str], Message], forms: int) -> list[str]:
    found = []
    for key, message in sorted(fresh.items()):
        where = f"{key[0]}: {key[1]!r}"
        have = done.get(key)
        if have is None or not have.finished:
            found.append(f"not translated: {where}")
            continue
        if have.plural != message.plural:
            found.append(f"plural form changed: {where}")
            continue
        if message.plural and len(have.forms) != forms:
            found.append(f"{len(have.forms)} plural forms instead of {forms}: {where}")
        want = placeholders(message.source)
        want_n = want.pop("%n", 0)
        for form in have.forms:
            got = placeholders(form)
            got_n = got.pop("%n", 0)
            if got != want:
                found.append(f"placeholders {dict(got)} instead of {dict(want)}: {where}")
            if got_n > max(want_n, 1):
                found.append(f"%n repeated: {where}")
        if message.plural and not any("%n" in form for form in have.forms[1:]):
            found.append(f"the plural forms never say the number (%n): {where}")
    return found


def test_every_string_has_a_finished_french_translation(fresh):
    found = problems(fresh, read_ts(translations.ts_file("fr")), forms=2)
    assert not found, "run `python packaging/translations.py update`, translate, compile:\n" \
        + "\n".join(found)


def test_every_plural_has_its_english_forms(fresh):
    plurals = {key: m for key, m in fresh.items() if m.plural}
    assert plurals, "the window has counted sentences (%n)"
    found = problems(plurals, read_ts(translations.ts_file("en")), forms=2)
    assert not found, "\n".join(found)


NBSP_BEFORE = re.compile(r" [:;?!»]| %(?![\dnL])|«[^\u00a0]|[^\s\u00a0][:;?!»](?=\s|$)")


def test_french_typography_keeps_the_punctuation_on_its_line(fresh):
    """French puts a non-breaking space before : ; ? ! % » and after « (a placeholder such as
    %1 or %n is not a percent sign), where English puts none ("Export\u00a0: 3", not
    "Export: 3"; a file filter's ";;" and an address's "https://" are no punctuation)."""
    for wrong in ("Export : 3", "Export: 3", "«Ciel»", "« Ciel »", "prêt ?", "10 %"):
        assert NBSP_BEFORE.search(wrong), wrong
    assert not NBSP_BEFORE.search("Photos (*.jpg);;Tous (*) https://iacrea.com %1 %n")
    done = read_ts(translations.ts_file("fr"))
    found = [f"{key[0]}: {form!r}" for key in fresh if key in done
             for form in done[key].forms if NBSP_BEFORE.search(form)]
    assert not found, "\n".join(found)


def test_french_elides_with_the_typographic_apostrophe():
    """"l’original", "n’a pas", "jusqu’à": French typography writes ’ (U+2019), never the
    typewriter's '."""
    found = [f"{key[0]}: {form!r}" for key, m in read_ts(translations.ts_file("fr")).items()
             for form in m.forms if "'" in form]
    assert not found, "\n".join(found)


def test_the_check_sees_a_missing_translation_and_a_lost_placeholder(fresh):
    done = read_ts(translations.ts_file("fr"))
    key, message = next((k, m) for k, m in sorted(done.items()) if "{0}" in m.source
                        and not m.plural)
    broken = dict(done)
    broken[key] = Message(message.context, message.source, False,
                          (message.forms[0].replace("{0}", ""),), True)
    extra = Message("MainWindow", "A sentence nobody translated", False, ("",), False)
    found = problems({**fresh, ("MainWindow", extra.source): extra}, broken, forms=2)
    assert any("placeholders" in p and message.source in p for p in found)
    assert any("not translated" in p and extra.source in p for p in found)


def test_committed_qm_files_match_the_ts_files(tmp_path):
    for language in ("fr", "en"):
        built = tmp_path / f"skyclear_{language}.qm"
        translations.compile_qm(translations.ts_file(language), built)
        committed = translations.qm_file(language)
        assert committed.read_bytes() == built.read_bytes(), \
            f"{committed.name} is stale: run `python packaging/translations.py compile`"


# -- what lupdate cannot see ---------------------------------------------------------------------
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def unseen_strings(path: Path) -> list[str]:
    """Calls whose text the extraction misses: computed text, a translating helper lupdate
    does not know, or a count lupdate does not record as a plural."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    marked = any(isinstance(n, ast.Call) and _name(n) == "QT_TRANSLATE_NOOP"
                 for n in ast.walk(tree))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name, args, where = _name(node), node.args, f"{path.name}:{node.lineno}"
        if name in ("tr", "translate") and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "painter":
            continue  # QPainter.translate
        if name == "tr" and args and not _literal(args[0]) and not marked:
            found.append(f"{where}: tr() of computed text")
        elif name == "translate" and len(args) >= 2 and not (
                _literal(args[0]) and (_literal(args[1]) or marked)):
            found.append(f"{where}: translate() of a computed context or text")
        elif name == "translate" and len(args) >= 4:
            found.append(f"{where}: a count in translate() is not seen as a plural by "
                         "lupdate; use self.tr(text, '', n) in a QObject (see ui/wording.py)")
        elif name not in TRANSLATING and name.endswith("tr") and args and _literal(args[0]):
            found.append(f"{where}: {name}() is a helper lupdate does not see")
    return found


def test_lupdate_sees_every_string_of_the_window(fresh):
    found = [p for path in sorted((ROOT / "desktop_app").rglob("*.py"))
             for p in unseen_strings(path)]
    assert not found, "\n".join(found)


def translator_notes(path: Path) -> tuple[list[str], list[str]]:
    """The ``#:`` comments of a file lupdate reads: the notes right above a translating call
    (its text explained to translators), and the stray ones. lupdate hands every ``#:`` comment
    to the next string it meets, however far, so in a file with translatable strings a
    comment about a constant must be a plain ``#``."""
    source = path.read_text(encoding="utf-8")
    calls = {node.lineno for node in ast.walk(ast.parse(source))
             if isinstance(node, ast.Call) and _name(node) in TRANSLATING}
    lines = source.splitlines()
    notes, stray = [], []
    block: list[str] = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text.startswith("#:"):
            block.append(text[2:].strip())
        elif block and not text.startswith("#"):
            if number in calls:
                notes.append(" ".join(block))
            elif calls:
                stray.append(f"{path.name}:{number - len(block)}: #: {block[0]}")
            block = []
    return notes, stray


def test_only_translator_notes_reach_the_translators(fresh_ts):
    """A comment about a constant is no note on the next string (it became one on "Open a
    photo to see it here", "Opening the photo…" and "Photo %1 of %2")."""
    sources = sorted((ROOT / "desktop_app").rglob("*.py"))
    stray = [s for path in sources for s in translator_notes(path)[1]]
    assert not stray, "make these plain # comments:\n" + "\n".join(stray)
    notes = {" ".join(n.split()) for path in sources for n in translator_notes(path)[0]}
    given = {" ".join((c.text or "").split())
             for c in ET.parse(fresh_ts).getroot().iter("extracomment")}
    assert given <= notes, given - notes


def test_the_note_check_tells_a_note_from_a_stray_comment(tmp_path):
    code = tmp_path / "code.py"
    code.write_text("#: how far a press may move\nSLOP = 4\n\n"
                    "def f(self):\n    #: the photo's file name\n    return self.tr('Open %1')\n")
    notes, stray = translator_notes(code)
    assert notes == ["the photo's file name"]
    assert stray == ["code.py:1: #: how far a press may move"]


def test_the_unseen_check_catches_a_computed_string(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f(self, words):\n    return self.tr(words)\n"
                   "def g(n):\n    return QCoreApplication.translate('X', '%n a', '', n)\n"
                   "def h():\n    return _tr('hidden')\n")
    assert len(unseen_strings(bad)) == 3


def test_compiling_replaces_a_qm_file_a_running_app_has_open(tmp_path):
    """The app maps its .qm into memory: compiling while it runs gives it a new file and leaves
    the mapped one as it was (rewritten in place, a running test suite crashed in tr())."""
    from PySide6.QtCore import QTranslator

    qm = tmp_path / "skyclear_fr.qm"
    shutil.copyfile(translations.qm_file("fr"), qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    mapped = qm.stat().st_ino
    translations.compile_qm(translations.ts_file("fr"), qm)
    assert qm.stat().st_ino != mapped, "a new file, not the open one rewritten"
    assert qm.read_bytes() == translations.qm_file("fr").read_bytes()
    assert translator.translate("ListingController", "Export stopped.") == "Export arrêté."
    assert [p.name for p in tmp_path.iterdir()] == ["skyclear_fr.qm"]


def test_the_tools_are_installed_with_pyside6():
    assert Path(translations.tool("pyside6-lupdate")).exists()
    assert shutil.which(translations.tool("pyside6-lrelease"))


def test_a_count_picks_the_french_plural_of_its_own_noun():
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(ROOT / "resources" / "translations" / "skyclear_fr.qm"))

    def progress(total: int) -> str:
        return translator.translate("ListingController", "Exporting: %1 of %n file(s) written…",
                                    "", total)

    assert progress(1) == "Export\u00a0: %1 sur %n fichier écrit…"
    assert progress(25) == "Export\u00a0: %1 sur %n fichiers écrits…"  # never "1 fichiers"


# -- French agreement ------------------------------------------------------------------------
def _french_translator():
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(translations.qm_file("fr")))
    return translator


PLURAL_AFTER_COUNT = re.compile(r"%n \w+s\b")  # "%n photos", "%n crédits photo"


def test_french_counts_zero_and_one_in_the_singular():
    """"0 photo ajoutée", "1 photo ajoutée", "2 photos ajoutées": every counted sentence."""
    translator = _french_translator()
    counted = [m for m in read_ts(translations.ts_file("fr")).values() if m.plural]
    assert counted
    for m in counted:
        one, many = m.forms
        assert not PLURAL_AFTER_COUNT.search(one), (m.source, one)
        for n, form in ((0, one), (1, one), (2, many), (25, many)):
            assert translator.translate(m.context, m.source, "", n) == form, (m.source, n)


SHARE_WITH_PARTICIPLE = re.compile(r"%\s+de la photo \w+é")


def test_a_share_of_the_photo_is_not_followed_by_a_participle():
    """"1,7 % de la photo marqués" agrees with nothing for sure: the share comes after a label
    ("Zone marquée : 1,7 % de la photo")."""
    assert SHARE_WITH_PARTICIPLE.search("1,7\u00a0% de la photo marqués")
    found = [f"{key[0]}: {form!r}" for key, m in read_ts(translations.ts_file("fr")).items()
             for form in m.forms if SHARE_WITH_PARTICIPLE.search(form)]
    assert not found, "\n".join(found)


def test_a_versions_state_agrees_with_its_masculine_name():
    """A version is "Ciel · en local · 1" or "Désencombrement · …", and under it the library
    badge's word: "Terminé", not "Terminée" (which read as "1 terminée")."""
    translator = _french_translator()
    for name in ("Sky", "Declutter"):
        assert translator.translate("VersionStrip", name) in {"Ciel", "Désencombrement"}
    states = [("JobStatus", word) for word in ("Waiting", "Done", "Stopped", "Cancelled")]
    for context, state in [*states, ("VersionStrip", "★ Kept")]:
        said = translator.translate(context, state)
        assert said and not said.endswith(("ée", "ées", "es")), (state, said)
