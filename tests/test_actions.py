"""The action table and what is enabled, as plain data (no window)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence

from desktop_app.ui.actions import (
    SPECS,
    ActionId,
    SelectionState,
    action_hint,
    build_actions,
    enabled_actions,
)

ALWAYS = {ActionId.OPEN, ActionId.SETTINGS, ActionId.QUIT, ActionId.FIT, ActionId.ACTUAL,
          ActionId.SPLIT, ActionId.SIDE, ActionId.DIFF, ActionId.ABOUT, ActionId.WELCOME,
          ActionId.NEW_LISTING, ActionId.RENAME_LISTING, ActionId.ARCHIVE_LISTING}
RESULT = {ActionId.SAVE, ActionId.EXPORT, ActionId.COPY, ActionId.REVEAL, ActionId.KEEP}
LISTING = {ActionId.EXPORT_LISTING, ActionId.PREVIOUS, ActionId.NEXT, ActionId.MOVE_UP,
           ActionId.MOVE_DOWN}  # several photos, some selected


def test_every_action_has_a_spec_and_no_shortcut_is_bound_twice(qapp: Any) -> None:
    assert set(SPECS) == set(ActionId)
    keys = [QKeySequence(k).toString() for spec in SPECS.values() for k in spec.keys]
    assert len(keys) == len(set(keys)), "a key bound twice is an ambiguous shortcut"
    assert {"PgUp", "K"} <= set(keys) and {"PgDown", "J"} <= set(keys)


def test_an_empty_library_offers_only_what_needs_no_photo() -> None:
    assert enabled_actions(SelectionState()) == ALWAYS
    assert action_hint(SelectionState()) == ""


def test_a_selected_draft_can_be_sent_and_removed() -> None:
    state = SelectionState(rows=3, selected=1, sendable=1, current=True, current_draft=True)
    assert enabled_actions(state) == ALWAYS | LISTING | {ActionId.GENERATE, ActionId.REMOVE}
    assert "press Generate" in action_hint(state)


def test_an_unreadable_photo_cannot_be_sent() -> None:
    state = SelectionState(rows=1, selected=1, sendable=0, current=True, current_draft=True)
    assert ActionId.GENERATE not in enabled_actions(state)
    assert ActionId.REMOVE in enabled_actions(state)
    assert action_hint(state) == "Select one or more photos in the library."


def test_a_result_being_varied_can_be_saved_and_stopped_but_not_varied_again() -> None:
    state = SelectionState(rows=1, selected=1, sendable=1, current=True, has_result=True,
                           busy=True)
    on = enabled_actions(state)
    assert on >= RESULT and ActionId.STOP in on
    assert ActionId.VARIATION not in on and ActionId.RETRY not in on
    assert "being processed" in action_hint(state)
    idle = enabled_actions(SelectionState(rows=1, selected=1, sendable=1, current=True,
                                          has_result=True))
    assert ActionId.VARIATION in idle and ActionId.STOP not in idle


def test_retry_only_for_a_failed_photo_at_rest() -> None:
    failed = SelectionState(rows=1, selected=1, sendable=1, current=True, failed=True)
    assert ActionId.RETRY in enabled_actions(failed)
    assert not RESULT & enabled_actions(failed)
    assert ActionId.RETRY not in enabled_actions(SelectionState(
        rows=1, selected=1, sendable=1, current=True, failed=True, busy=True))


def test_built_actions_carry_the_spec_and_call_their_handler(qtbot: Any) -> None:
    from PySide6.QtCore import QObject

    calls: list[ActionId] = []
    owner = QObject()
    acts = build_actions(owner, {a: (lambda a=a: calls.append(a)) for a in ActionId})
    assert acts[ActionId.NEXT].shortcuts() == [QKeySequence("PgDown"), QKeySequence("J")]
    assert acts[ActionId.SAVE].text() == "Save as…" and "Ctrl+S" in acts[ActionId.SAVE].toolTip()
    acts[ActionId.EXPORT].trigger()
    assert calls == [ActionId.EXPORT]


def test_a_listing_is_exported_and_reordered_only_with_photos() -> None:
    one = enabled_actions(SelectionState(rows=1, selected=1, sendable=1, current=True))
    assert ActionId.EXPORT_LISTING in one and not {ActionId.MOVE_UP, ActionId.MOVE_DOWN} & one
    nothing_selected = enabled_actions(SelectionState(rows=3))
    assert ActionId.EXPORT_LISTING in nothing_selected
    assert ActionId.MOVE_UP not in nothing_selected
    assert ActionId.KEEP not in one, "nothing to keep before a result"


def test_photos_on_their_way_cannot_be_sent_again_and_the_hint_says_why() -> None:
    state = SelectionState(rows=2, selected=2, sendable=0, current=True, in_progress=2)
    assert ActionId.GENERATE not in enabled_actions(state)
    assert "Already being sent" in action_hint(state)


def test_retry_all_stopped_when_any_photo_stopped() -> None:
    assert ActionId.RETRY_ALL in enabled_actions(SelectionState(rows=3, stopped=1))
    assert ActionId.RETRY_ALL not in enabled_actions(SelectionState(rows=3))
