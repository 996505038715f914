"""One undo is one command: one moment, one version step per hypothesis, and an undo
of an undo puts back exactly the state before the first undo.

The clock ticks by a microsecond at every reading, as a real clock may between the
statements of one command; on both engines.
"""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import tracker
from tests.storeutil import rows
from tracker.report import status_to_dict
from tracker.services import Parat

START = datetime(2018, 3, 1, 9, 0, tzinfo=UTC)
HEADER = "code;potential_2018;realised_2018;investment_2018"


def ticking() -> Callable[[], datetime]:
    now = [START]

    def clock() -> datetime:
        now[0] += timedelta(microseconds=1)
        return now[0]

    return clock


@pytest.fixture
def p(store_url: str) -> Iterator[Parat]:
    with tracker.open(store_url, actor="anna", clock=ticking()) as parat:
        parat.create_programme()
        parat.add_hypothesis("H01", title="Indkøb", stage="quantified")
        yield parat


def figures(p: Parat, code: str = "H01") -> tuple[int | None, ...]:
    year = p.hypothesis(code).figures.get(2018, {})
    return year.get("potential"), year.get("realised"), year.get("investment")


def version(p: Parat, code: str = "H01") -> int:
    return p.hypothesis(code).hypothesis.version


def comparable(p: Parat) -> dict[str, Any]:
    """The status without what every change moves (lock version, last change)."""
    data = status_to_dict(p.status())
    data.pop("as_of", None)
    for h in data["hypotheses"]:
        h.pop("version")
        h.pop("updated_at", None)
    return data


def csv(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "tal.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def test_undo_of_an_undo_restores_every_cell_of_an_import(
    p: Parat, tmp_path: Path, store_url: str
) -> None:
    p.import_file(csv(tmp_path, "H01;5;1;2"))
    assert figures(p) == (5_000_000, 1_000_000, 2_000_000)
    imported = version(p)

    first = p.undo()
    assert len(first) == 3 and len({e.at for e in first}) == 1  # one moment
    assert figures(p) == (0, 0, 0)
    assert version(p) == imported + 1  # one version step, not one per cell

    second = p.undo()
    assert len(second) == 3 and len({e.at for e in second}) == 1
    assert figures(p) == (5_000_000, 1_000_000, 2_000_000)
    assert version(p) == imported + 2
    assert sorted(e.note for e in second) == sorted(f"undo of event #{e.id}" for e in first)

    p.undo()
    assert figures(p) == (0, 0, 0)
    # The log only grew: 3 imported cells, then three undos of 3 events each.
    assert rows(store_url, "SELECT count(*) FROM event WHERE action = 'figure.set'") == [(12,)]


def test_undo_of_an_undo_restores_attributes_figures_and_added_hypotheses(
    p: Parat, tmp_path: Path
) -> None:
    p.set_figure("H01", 2017, potential="3")
    path = csv(
        tmp_path,
        "H01;Nyt indkøb;decided;7;4,5",
        "H02;Digital post;qualified;2;",
        header="code;title;stage;potential_2017;potential_2018",
    )
    p.import_file(path)
    before_undo, imported = comparable(p), version(p)

    p.undo()
    assert version(p) == imported + 1
    h = p.hypothesis("H01")
    assert (h.hypothesis.title, h.hypothesis.stage.value) == ("Indkøb", "quantified")
    assert h.figures[2017]["potential"] == 3_000_000
    assert p.hypothesis("H02").hypothesis.stage.value == "dropped"

    undone = p.undo()
    assert len({e.at for e in undone}) == 1
    assert version(p) == imported + 2
    assert comparable(p) == before_undo
    notes = {(e.subject, e.field): e.note for e in undone}
    assert all(note.startswith("undo of event #") for note in notes.values())
    assert len(set(notes.values())) == len(undone)  # each names its own event
