"""The dashboard's layers and the detail screen's udmøntning: the progress panel shows
udmøntet (written into the budget) between realised and decided, and one hypothesis's
page lists its cuts (ramme, year, amount, decision) and its udmøntet beside its
decided gain, on the sample programme with rammer and cuts."""

import asyncio
import re
from collections.abc import Iterator

import pytest
from rich.text import Text

from tracker.domain.money import format_mio
from tracker.i18n import set_language
from tracker.services import Parat
from tui.app import create_app
from tui.widgets.progress import ProgressBars

from .conftest import open_detail, settle, static_text
from .test_budget_screen import budget_parat

__all__ = ["budget_parat"]


@pytest.fixture(autouse=True)
def _language_back() -> Iterator[None]:
    """A test that chooses a language leaves the choice to the next one again."""
    set_language(None)
    yield
    set_language(None)


def _bars(parat: Parat) -> list[str]:
    app = create_app(parat, poll_seconds=None)
    lines: list[str] = []

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            shown = app.screen.query_one(ProgressBars).render()
            assert isinstance(shown, Text)
            lines.extend(shown.plain.splitlines())

    asyncio.run(run())
    return lines


def test_the_progress_panel_shows_udmoentet_between_realised_and_decided(
    budget_parat: Parat,
) -> None:
    totals = budget_parat.status().totals
    # the fixture's cut for the target year 2018: 2 mio. kr. (the 2017 cut is not it)
    assert totals.budgeted_kr == 2_000_000
    lines = _bars(budget_parat)
    assert [line.split()[0] for line in lines[:5]] == [
        "Realiseret", "Udmøntet", "Besluttet", "Vægtet", "Pipeline",
    ]  # fmt: skip
    assert lines[1].split()[-5:] == [*format_mio(2_000_000).split(), "2", "%"]
    assert lines[5].startswith("Mål")


def test_validated_then_realised_once_the_programme_validates(budget_parat: Parat) -> None:
    import tracker

    budget_parat.set_programme(validators="jens")
    url = str(budget_parat.store.url.removeprefix("sqlite:///"))
    with tracker.open(url, actor="jens") as jens:
        jens.validate_figure("H02", 2018, approved=True, reference="sag 1")
    heads = [line.split()[0] for line in _bars(budget_parat)[:6]]
    assert heads == ["Valideret", "Realiseret", "Udmøntet", "Besluttet", "Vægtet", "Pipeline"]


def _udmoentning(parat: Parat, code: str) -> tuple[bool, str]:
    app = create_app(parat, poll_seconds=None)
    shown: list[tuple[bool, str]] = []

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, code)
            box = screen.query_one("#udmoentning")
            shown.append((bool(box.display), static_text(box)))

    asyncio.run(run())
    return shown[0]


def test_the_detail_screen_lists_the_cuts_and_udmoentet_against_decided(
    budget_parat: Parat,
) -> None:
    set_language("da")  # as a Danish finance officer reads it
    decided = [h for h in budget_parat.status().hypotheses if h.decided_kr > 0]
    first, second = decided[0], decided[1]
    display, text = _udmoentning(budget_parat, first.code)
    assert display
    assert text.splitlines() == [
        "Udmøntning",
        "2018 · kd (Kommunaldirektøren): 2,0 mio. kr. · Byrådet 08.10.2015, pkt. 12",
        f"Udmøntet i 2018: 2,0 mio. kr. af besluttet {format_mio(first.decided_kr)}",
    ]
    # a cut for 2017 only: nothing udmøntet for the target year
    assert _udmoentning(budget_parat, second.code)[1].splitlines() == [
        "Udmøntning",
        "2017 · bolig (Boligstøtte): 0,5 mio. kr. · Byrådet 08.10.2015, pkt. 12",
        f"Udmøntet i 2018: 0,0 mio. kr. af besluttet {format_mio(second.decided_kr)}",
    ]
    # an uncut is gone from the page; a decided hypothesis without cuts says so
    budget_parat.uncut(second.code, "bolig", 2017)
    assert _udmoentning(budget_parat, second.code)[1].splitlines()[1] == "Intet udmøntet endnu."
    set_language("en")
    assert _udmoentning(budget_parat, first.code)[1].splitlines()[0] == "Budget cuts"


def test_nothing_shown_for_a_hypothesis_neither_decided_nor_udmoentet(
    budget_parat: Parat,
) -> None:
    idle = next(h for h in budget_parat.status().hypotheses if h.decided_kr == 0)
    display, text = _udmoentning(budget_parat, idle.code)
    assert not display and not text.strip()


def test_the_budget_screen_opens_on_the_target_year_not_the_calendar_year(
    budget_parat: Parat, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two years after the sample's moment the calendar says 2020; the programme's
    target year is still 2018, and the screen shows that year's follow-up."""
    from tui.screens.budget import BudgetScreen

    monkeypatch.setenv("PARAT_NOW", "2020-01-06T09:00:00+00:00")
    app = create_app(budget_parat, poll_seconds=None)
    years: list[int] = []

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("4")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, BudgetScreen) and screen.loaded is not None
            assert screen.loaded.follow_up.totals.original_kr == 34_600_000
            years.append(screen.loaded.follow_up.year)

    asyncio.run(run())
    assert years == [2018]


def test_amounts_in_the_billions_keep_their_own_column(ui_parat: Parat) -> None:
    """A programme of thousands of millions: each amount and its share stay apart."""
    ui_parat.set_figure("H01", 2018, potential=12_345_600_000, accept_large=True)
    lines = _bars(ui_parat)
    pipeline = next(line for line in lines if line.startswith("Pipeline"))
    assert re.search(r" 12\.\d{3},\d mio\. kr\. +\d{4} %$", pipeline), pipeline
    for line in lines[:5]:
        assert re.search(r"\d mio\. kr\. +\d+ %$", line), line
