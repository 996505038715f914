"""Stages: keys, Danish labels, default weights, and which moves need a note."""

import itertools

import pytest

from tracker.domain.rules import stage_move_needs_note
from tracker.domain.stages import DECIDED_STAGES, DEFAULT_WEIGHTS, Stage, parse_stage

TABLE = [
    # key, Danish label, default weight
    ("identified", "Identificeret", 10),
    ("qualified", "Kvalificeret", 25),
    ("quantified", "Kvantificeret", 50),
    ("decided", "Besluttet", 75),
    ("implemented", "Implementeret", 90),
    ("realised", "Realiseret", 100),
    ("dropped", "Forkastet", 0),
]


def test_lifecycle_order_labels_and_weights() -> None:
    assert [(s.value, s.label, DEFAULT_WEIGHTS[s]) for s in Stage] == TABLE
    assert [s.rank for s in Stage] == list(range(7))
    assert {Stage.DECIDED, Stage.IMPLEMENTED, Stage.REALISED} == DECIDED_STAGES


@pytest.mark.parametrize(("key", "label", "_w"), TABLE)
def test_parse_stage_by_key_and_label_in_any_case(key: str, label: str, _w: int) -> None:
    stage = Stage(key)
    for text in (key, key.upper(), key.title(), label, label.upper(), label.lower(), f"  {label} "):
        assert parse_stage(text) is stage


@pytest.mark.parametrize("text", ["", "nope", "besluttede", "decide", "5", "identified x"])
def test_parse_stage_unknown(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_stage(text)
    message = str(caught.value)
    assert message.startswith(f"unknown stage {text!r}")
    for stage in Stage:
        assert stage.value in message
    assert "Danish label" in message


def test_stage_is_its_key_as_text() -> None:
    assert Stage.DECIDED == "decided"
    assert f"{Stage.DECIDED}" == "decided"


FORWARD = list(Stage)[:-1]  # dropped is not part of the forward lifecycle


@pytest.mark.parametrize(("old", "new"), list(itertools.product(Stage, Stage)))
def test_stage_move_needs_note(old: Stage, new: Stage) -> None:
    if old is new:
        expected = False
    elif new is Stage.DROPPED:
        expected = True  # dropping must be explained
    elif old is Stage.DROPPED:
        expected = False  # revived: any stage, no note needed
    else:
        expected = FORWARD.index(new) < FORWARD.index(old)  # backward only
    assert stage_move_needs_note(old, new) is expected


def test_stage_move_examples() -> None:
    assert not stage_move_needs_note(Stage.IDENTIFIED, Stage.REALISED)  # a jump forward
    assert stage_move_needs_note(Stage.DECIDED, Stage.QUALIFIED)
    assert stage_move_needs_note(Stage.REALISED, Stage.IMPLEMENTED)
    assert stage_move_needs_note(Stage.IDENTIFIED, Stage.DROPPED)
    assert not stage_move_needs_note(Stage.DROPPED, Stage.IDENTIFIED)
