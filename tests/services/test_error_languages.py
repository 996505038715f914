"""A refusal carries its line twice: English for the CLI (``str``), Danish for the
terminal UI (``danish``), written side by side where it is raised."""

from collections.abc import Callable
from typing import Any

import pytest

from tracker.errors import ParatError
from tracker.services import Parat

CASES: list[tuple[Callable[[Parat], Any], str, str]] = [
    (lambda p: p.add_hypothesis("H01", title="Igen"), "exists already", "findes allerede"),
    (lambda p: p.add_hypothesis("H 1", title="X"), "invalid code", "Ugyldig kode"),
    (lambda p: p.add_hypothesis("H02", title=" "), "title must not be empty", "Titel må ikke"),
    (lambda p: p.hypothesis("H99"), "unknown hypothesis", "Hypotesen 'H99' findes ikke"),
    (
        lambda p: p.update_hypothesis("H01", owner="Bo", expect_version=99),
        "has changed since version 99",
        "er ændret siden version 99",
    ),
    (lambda p: p.update_hypothesis("H01", bucket="nope"), "unknown bucket", "Puljen 'nope'"),
    (lambda p: p.set_figure("H01", 2030, potential=1), "outside the programme", "uden for"),
    (lambda p: p.set_figure("H01", 2018, investment=-1), "cannot be negative", "negativ"),
    (lambda p: p.set_stage("H01", "dropped"), "needs a note", "kræver en note"),
    (lambda p: p.resolve_moment("bogus"), "unknown snapshot or date", "Kender ikke"),
    (lambda p: p.resolve_moment("31.02.2018"), "not a valid date", "ikke en gyldig dato"),
    (
        lambda p: p.status(p.resolve_moment("01.01.2001")),
        "did not exist yet",
        "Programmet fandtes ikke endnu pr. 01.01.2001",
    ),
]


@pytest.mark.parametrize(("call", "english", "danish"), CASES)
def test_errors_carry_english_for_the_cli_and_danish_for_the_ui(
    parat: Parat, call: Callable[[Parat], Any], english: str, danish: str
) -> None:
    parat.create_programme()
    parat.add_hypothesis("H01", title="Digital post")
    with pytest.raises(ParatError) as caught:
        call(parat)
    assert english in str(caught.value)
    assert danish in caught.value.danish
