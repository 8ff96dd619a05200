"""The window's actions as data: an id for each, one table of how it looks (text, shortcut,
icon, tip), and one pure function from the selection to what is enabled.

Texts are translation sources (context ``"Actions"``); ``build_actions`` translates them when
it makes the ``QAction``s. ``enabled_actions`` and ``action_hint`` import no widget and are
tested as plain functions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop_app.ui import style

__all__ = [
    "SPECS",
    "ActionId",
    "ActionSpec",
    "SelectionState",
    "action_hint",
    "build_actions",
    "enabled_actions",
]


class ActionId(StrEnum):
    OPEN = "open"
    GENERATE = "generate"
    VARIATION = "variation"
    RETRY = "retry"
    RETRY_ALL = "retry_all"
    STOP = "stop"
    SAVE = "save"
    EXPORT = "export"
    COPY = "copy"
    REVEAL = "reveal"
    REMOVE = "remove"
    SETTINGS = "settings"
    QUIT = "quit"
    PREVIOUS = "previous"
    NEXT = "next"
    FIT = "fit"
    ACTUAL = "actual"
    SPLIT = "split"
    SIDE = "side"
    DIFF = "diff"
    ABOUT = "about"
    WELCOME = "welcome"
    HOLD_ORIGINAL = "hold_original"
    DIVIDER_LEFT = "divider_left"
    DIVIDER_RIGHT = "divider_right"
    KEEP = "keep"
    EXPORT_LISTING = "export_listing"
    NEW_LISTING = "new_listing"
    RENAME_LISTING = "rename_listing"
    ARCHIVE_LISTING = "archive_listing"
    MOVE_UP = "move_up"
    MOVE_DOWN = "move_down"


Key = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    text: object  # translation source (QT_TRANSLATE_NOOP, context "Actions")
    keys: tuple[Key, ...] = ()  # the first one is shown in menus
    icon: str | None = None
    tip: object = None  # translation source too


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.OPEN: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Add photos…"),
        ("Ctrl+O",),
        "add",
        QT_TRANSLATE_NOOP("Actions", "Add photos to the library (Ctrl+O)"),
    ),
    ActionId.GENERATE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Generate"),
        ("Ctrl+G",),
        "generate",
        QT_TRANSLATE_NOOP("Actions", "Send the selected photos (Ctrl+G)"),
    ),
    ActionId.VARIATION: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "New variation"),
        ("Ctrl+Shift+V",),
        "variation",
        QT_TRANSLATE_NOOP("Actions", "Ask for another version of this photo (Ctrl+Shift+V)"),
    ),
    ActionId.RETRY: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Retry"),
        ("Ctrl+R",),
        "retry",
        QT_TRANSLATE_NOOP("Actions", "Try the selected failed photos again (Ctrl+R)"),
    ),
    ActionId.RETRY_ALL: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Retry all stopped"),
        ("Ctrl+Shift+T",),
        tip=QT_TRANSLATE_NOOP("Actions", "Try every photo that stopped again (Ctrl+Shift+T)"),
    ),
    ActionId.STOP: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Stop"),
        ("Ctrl+.",),
        "stop",
        QT_TRANSLATE_NOOP("Actions", "Stop following this photo (Ctrl+.)"),
    ),
    ActionId.SAVE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Save as…"),
        ("Ctrl+S",),
        "save",
        QT_TRANSLATE_NOOP("Actions", "Save the result shown on the right (Ctrl+S)"),
    ),
    ActionId.EXPORT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Export all…"),
        ("Ctrl+E",),
        "export",
        QT_TRANSLATE_NOOP("Actions", "Save every result of this photo to a folder (Ctrl+E)"),
    ),
    ActionId.COPY: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Copy"),
        (QKeySequence.StandardKey.Copy,),
        "copy",
        QT_TRANSLATE_NOOP("Actions", "Copy the result to the clipboard (Ctrl+C)"),
    ),
    ActionId.REVEAL: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Show in folder"),
        ("Ctrl+Shift+R",),
        "folder",
        QT_TRANSLATE_NOOP("Actions", "Show the result in the file manager (Ctrl+Shift+R)"),
    ),
    ActionId.REMOVE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Remove from library"),
        (QKeySequence.StandardKey.Delete,),
        "remove",
        QT_TRANSLATE_NOOP("Actions", "Remove the selected photos from the library (Del)"),
    ),
    ActionId.SETTINGS: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Settings…"),
        ("Ctrl+,",),
        "settings",
        QT_TRANSLATE_NOOP("Actions", "Account, image host and library (Ctrl+,)"),
    ),
    ActionId.QUIT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Quit"), (QKeySequence.StandardKey.Quit,)
    ),
    ActionId.PREVIOUS: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Previous photo"),
        ("PgUp", "K"),
        tip=QT_TRANSLATE_NOOP("Actions", "Show the previous photo of the library (PgUp or K)"),
    ),
    ActionId.NEXT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Next photo"),
        ("PgDown", "J"),
        tip=QT_TRANSLATE_NOOP("Actions", "Show the next photo of the library (PgDn or J)"),
    ),
    ActionId.FIT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Fit"),
        ("F",),
        tip=QT_TRANSLATE_NOOP("Actions", "Fit the photo in the window (F)"),
    ),
    ActionId.ACTUAL: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "100 %"),
        ("1",),
        tip=QT_TRANSLATE_NOOP("Actions", "Show at 100 % (1)"),
    ),
    ActionId.SPLIT: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Split"), ("Ctrl+1",)),
    ActionId.SIDE: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Side by side"), ("Ctrl+2",)),
    ActionId.DIFF: ActionSpec(QT_TRANSLATE_NOOP("Actions", "What changed"), ("Ctrl+3",)),
    ActionId.HOLD_ORIGINAL: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Hold to see the original"),
        ("Space",),
        tip=QT_TRANSLATE_NOOP("Actions", "Hold Space to see the original photo"),
    ),
    ActionId.DIVIDER_LEFT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Divider left"), ("Left", "Shift+Left")
    ),
    ActionId.DIVIDER_RIGHT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Divider right"), ("Right", "Shift+Right")
    ),
    ActionId.ABOUT: ActionSpec(QT_TRANSLATE_NOOP("Actions", "About SkyClear")),
    ActionId.WELCOME: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Getting an IACrea API key…")),
    ActionId.KEEP: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Keep this version"),
        ("P",),
        "star",
        QT_TRANSLATE_NOOP("Actions", "Keep the version shown on the right for the listing, or "
                          "keep none if it is kept already (P)"),
    ),
    ActionId.EXPORT_LISTING: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Export listing…"),
        ("Ctrl+Shift+E",),
        "export",
        QT_TRANSLATE_NOOP("Actions", "Deliver the kept version of every photo, in order, sized "
                          "for a listing site (Ctrl+Shift+E)"),
    ),
    ActionId.NEW_LISTING: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "New listing…"), ("Ctrl+Shift+N",)),
    ActionId.RENAME_LISTING: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Rename listing…")),
    ActionId.ARCHIVE_LISTING: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Archive listing"),
        tip=QT_TRANSLATE_NOOP("Actions", "Put this listing away; its photos and results stay"),
    ),
    ActionId.MOVE_UP: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Move up"),
        ("Ctrl+Up",),
        tip=QT_TRANSLATE_NOOP("Actions", "Move the selected photos up in the listing (Ctrl+Up)"),
    ),
    ActionId.MOVE_DOWN: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Move down"),
        ("Ctrl+Down",),
        tip=QT_TRANSLATE_NOOP("Actions", "Move the selected photos down in the listing "
                              "(Ctrl+Down)"),
    ),
}


@dataclass(frozen=True)
class SelectionState:
    """What the enabled actions depend on, as plain values."""

    rows: int = 0  # photos in the library
    selected: int = 0  # rows selected
    sendable: int = 0  # selected rows that can be sent (not unreadable)
    current: bool = False  # a current row exists
    current_draft: bool = False
    has_result: bool = False  # the current photo has at least one result
    busy: bool = False  # the current photo is being processed
    failed: bool = False  # a selected photo's latest job failed or was stopped (and is idle)
    in_progress: int = 0  # selected rows already being sent or processed (not sendable)
    stopped: int = 0  # photos of the whole library whose job stopped on our side
    viewing: bool = False  # the viewer shows a photo


_ALWAYS = frozenset(
    {
        ActionId.OPEN,
        ActionId.SETTINGS,
        ActionId.QUIT,
        ActionId.FIT,
        ActionId.ACTUAL,
        ActionId.SPLIT,
        ActionId.SIDE,
        ActionId.DIFF,
        ActionId.ABOUT,
        ActionId.WELCOME,
        ActionId.NEW_LISTING,
        ActionId.RENAME_LISTING,
        ActionId.ARCHIVE_LISTING,
    }
)


def enabled_actions(state: SelectionState) -> frozenset[ActionId]:
    """The actions that make sense for ``state`` (pure)."""
    on = set(_ALWAYS)
    if state.sendable:
        on.add(ActionId.GENERATE)
    if state.has_result:
        on |= {ActionId.SAVE, ActionId.EXPORT, ActionId.COPY, ActionId.REVEAL, ActionId.KEEP}
        if not state.busy:
            on.add(ActionId.VARIATION)
    if state.failed and not state.busy:
        on.add(ActionId.RETRY)
    if state.stopped:
        on.add(ActionId.RETRY_ALL)
    if state.busy:
        on.add(ActionId.STOP)
    if state.selected:
        on.add(ActionId.REMOVE)
    if state.rows:
        on.add(ActionId.EXPORT_LISTING)
    if state.rows > 1:
        on |= {ActionId.PREVIOUS, ActionId.NEXT}
        if state.selected:
            on |= {ActionId.MOVE_UP, ActionId.MOVE_DOWN}
    if state.viewing:
        on |= {ActionId.HOLD_ORIGINAL, ActionId.DIVIDER_LEFT, ActionId.DIVIDER_RIGHT}
    return frozenset(on)


def action_hint(state: SelectionState) -> str:
    """The line under the Generate button (translated; empty when nothing needs saying)."""
    if not state.sendable and state.in_progress:
        return QCoreApplication.translate(
            "MainWindow", "Already being sent or processed: Generate waits until it is finished.")
    if not state.sendable and state.rows:
        return QCoreApplication.translate("MainWindow",
                                          "Select one or more photos in the library.")
    if state.busy:
        return QCoreApplication.translate(
            "MainWindow", "This photo is being processed. You can generate others meanwhile.")
    if state.current_draft and state.sendable == 1:
        return QCoreApplication.translate(
            "MainWindow", "Not sent yet: choose a service and press Generate.")
    return ""


def build_actions(
    parent: QObject, handlers: Mapping[ActionId, Callable[[], object]]
) -> dict[ActionId, QAction]:
    """A ``QAction`` for every spec, triggering its handler; shortcuts work window-wide."""
    actions: dict[ActionId, QAction] = {}
    for action_id, spec in SPECS.items():
        action = QAction(QCoreApplication.translate("Actions", str(spec.text)), parent)
        if spec.icon:
            action.setIcon(style.icon(spec.icon))
        if spec.keys:
            action.setShortcuts([QKeySequence(key) for key in spec.keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.tip:
            tip = QCoreApplication.translate("Actions", str(spec.tip))
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.setAutoRepeat(action_id is not ActionId.HOLD_ORIGINAL)
        handler = handlers[action_id]
        action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[action_id] = action
    return actions
