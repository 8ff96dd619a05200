"""The undo store over a float32 soft alpha, used as the sky review uses it: each change makes a
new array, the step between the two is packed apart from the history, and undo/redo rebuild the
states bit for bit."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from desktop_app.core.mask_ops import Box
from desktop_app.core.undo import History, diff_step


def soft_alpha_states(count: int) -> list[np.ndarray]:
    """Soft alphas as the review sees them: regions appear, vanish and change their edges."""
    rng = np.random.default_rng(5)
    alpha = np.zeros((240, 320), np.float32)
    states = [alpha]
    for _ in range(count):
        alpha = alpha.copy()
        x, y = (int(v) for v in rng.integers(0, 280, 2))
        y %= 200
        patch = alpha[y:y + 40, x:x + 40]
        patch[...] = 0.0 if patch.any() else rng.random(patch.shape, np.float32)
        states.append(alpha)
    return states


def test_float_steps_undo_and_redo_bit_exact() -> None:
    states = soft_alpha_states(30)
    history = History(max_steps=100)
    for before, after in itertools.pairwise(states):
        step = diff_step(before, after, label="click")
        assert step is not None and not step.bits
        history.push(step)
    assert len(history) == 30 and history.undo_label() == "click"

    alpha = states[-1].copy()
    for expected in reversed(states[:-1]):
        step = history.take_undo()
        assert step is not None
        step.apply(alpha)
        assert alpha.tobytes() == expected.tobytes()
    assert not history.can_undo() and history.take_undo() is None
    for expected in states[1:]:
        step = history.take_redo()
        assert step is not None
        step.apply(alpha)
        assert alpha.tobytes() == expected.tobytes()


def test_float_step_covers_only_what_changed_and_restores_signed_zero() -> None:
    before = np.full((100, 100), 0.25, np.float32)
    after = before.copy()
    after[10:20, 30:35] = 0.75
    after[50, 60] = -0.0
    before[50, 60] = 0.0
    step = diff_step(before, after, label="add")
    assert step is not None and step.box == Box(30, 10, 61, 51)
    assert diff_step(before, before.copy()) is None
    back = after.copy()
    step.apply(back)
    assert back.tobytes() == before.tobytes()  # 0.0 and -0.0 differ in their bits


def test_float_history_keeps_the_step_limit_and_budget() -> None:
    states = soft_alpha_states(12)
    history = History(max_steps=5)
    for before, after in itertools.pairwise(states):
        step = diff_step(before, after)
        assert step is not None
        history.push(step)
    assert len(history) == 5 and history.dropped == 7
    assert 0 < history.history_bytes == history.nbytes < 5 * states[0].nbytes


def test_steps_refuse_arrays_of_another_kind() -> None:
    alpha = np.zeros((8, 8), np.float32)
    with pytest.raises(ValueError):
        diff_step(alpha, np.zeros((8, 8), np.uint8))
    changed = alpha.copy()
    changed[2, 2] = 1.0
    step = diff_step(alpha, changed)
    assert step is not None
    with pytest.raises(TypeError):
        step.apply(np.zeros((8, 8), np.uint8))


def test_a_step_carries_what_its_owner_changed_beside_the_array() -> None:
    alpha = np.zeros((8, 8), np.float32)
    changed = alpha.copy()
    changed[2:4, 2:4] = 0.5
    step = diff_step(alpha, changed, label="dark", context=(None, "shot.jpg"))
    assert step is not None and step.context == (None, "shot.jpg")
    undone = changed.copy()
    step.apply(undone)
    assert np.array_equal(undone, alpha)
    # the array the same: still a step, when something beside it changed
    assert diff_step(alpha, alpha.copy()) is None
    same = diff_step(alpha, alpha.copy(), label="dark", context=("a.jpg", "b.jpg"))
    assert same is not None and same.box.empty and same.context == ("a.jpg", "b.jpg")
    kept = alpha.copy()
    same.apply(kept)
    assert np.array_equal(kept, alpha)
    history = History()
    history.push(same)
    assert history.can_undo() and history.take_undo() is same
