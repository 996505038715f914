"""The real flows of the UI, driven by Pilot against a real SQLite file."""

import asyncio
from pathlib import Path

from textual import events
from textual.widgets import Input, Label, Select

import tracker
from tests.cli.conftest import dump
from tracker.domain.money import format_mio
from tracker.services import Parat
from tui.app import ParatApp, create_app
from tui.dialogs.conflict import ConflictDialog
from tui.dialogs.note import NoteDialog
from tui.screens.dashboard import DashboardScreen
from tui.screens.detail import DetailScreen
from tui.screens.hypotheses import HypothesesScreen
from tui.widgets.history import HistoryTable
from tui.widgets.hypothesis_table import HypothesisTable
from tui.widgets.keybar import KeyBar
from tui.widgets.progress import ProgressBars
from tui.widgets.topbar import TopBar

from .conftest import other_process, palette_offers, settle, until


def _plain(widget: object) -> str:
    return widget.render().plain  # type: ignore[attr-defined]


async def _type(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*list(text))


async def _open_h04(pilot) -> DetailScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("slash")
    await _type(pilot, "rehab")
    await pilot.press("enter")  # from the search field back to the table
    table = pilot.app.screen.query_one(HypothesisTable)
    assert [h.code for h in table.rows] == ["H04"]
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DetailScreen) and screen.code == "H04"
    return screen


async def _set_input(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.click(selector)
    await pilot.press("home", "ctrl+k")
    await _type(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


def test_walk_dashboard_table_detail_stage_figure_history(app: ParatApp, ui_parat: Parat) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            before = ui_parat.status().totals
            assert format_mio(before.weighted_kr) in _plain(app.screen.query_one(ProgressBars))

            screen = await _open_h04(pilot)
            assert screen.query_one("#fig-potential-2018", Input).value == "11"

            # Besluttet -> Kvantificeret is a move backward: the UI asks for the note.
            await pilot.click("#stage")
            await pilot.press("up", "enter")
            await pilot.pause()
            assert isinstance(app.screen, NoteDialog)
            await _type(pilot, "Mangler budgetaftale")
            await pilot.press("enter")
            await settle(pilot)
            h = ui_parat.hypothesis("H04", events=1)
            assert h.hypothesis.stage.value == "quantified"
            assert (h.events[0].field, h.events[0].note) == ("stage", "Mangler budgetaftale")
            assert h.events[0].source == "tui"

            # Danish input: "4,5" is 4.500.000 kr. for 2018.
            await _set_input(pilot, "#fig-potential-2018", "4,5")
            detail = ui_parat.hypothesis("H04")
            assert detail.figures[2018]["potential"] == 4_500_000
            after = ui_parat.status().totals
            assert after.weighted_kr == before.weighted_kr - 8_250_000 + 2_250_000

            history = app.screen.query_one(HistoryTable)
            first = [str(c) for c in history.get_row_at(0)]
            assert first[3:6] == ["Potentiale 2018", "11,0 mio. kr.", "4,5 mio. kr."]

            await pilot.press("escape", "escape")  # leave the field, then the screen
            assert isinstance(app.screen, HypothesesScreen)
            await pilot.press("1")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            shown = _plain(app.screen.query_one(ProgressBars))
            assert format_mio(after.weighted_kr) in shown
            assert format_mio(before.weighted_kr) not in shown

    asyncio.run(run())


def test_invalid_money_shows_error_and_changes_nothing(app: ParatApp, ui_parat: Parat) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            screen = await _open_h04(pilot)
            before = ui_parat.hypothesis("H04")
            for bad in ("abc", "4,5,6", "1e9"):
                await _set_input(pilot, "#fig-potential-2018", bad)
                error = str(screen.query_one("#figures-error", Label).render())
                assert "2018 Potentiale" in error and repr(bad) in error and "Skriv fx" in error
                assert screen.query_one("#fig-potential-2018", Input).has_class("-invalid")
            after = ui_parat.hypothesis("H04")
            assert after == before  # same figures, same version, no new event

            # The invalid text is still there, unsaved: quitting asks first.
            await pilot.press("escape", "q")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmDialog"
            await pilot.press("n")
            assert app.is_running and app.screen is screen

    asyncio.run(run())


def test_an_implausible_figure_is_refused_next_to_the_field(
    app: ParatApp, ui_parat: Parat, demo_db: Path
) -> None:
    """300000 typed as mio. kr. (kroner meant) is 2.400 times the whole target: the
    grid refuses it through the services' plausibility check, says so next to the
    field, and writes nothing."""

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            screen = await _open_h04(pilot)
            before = dump(demo_db)
            await _set_input(pilot, "#fig-potential-2018", "300000")
            error = str(screen.query_one("#figures-error", Label).render())
            assert error.startswith("✖ 2018 Potentiale: 300.000,0 mio. kr. er mere end hele ")
            assert "målet (125,0 mio. kr.): mente du kroner?" in error
            assert screen.query_one("#fig-potential-2018", Input).has_class("-invalid")
            assert dump(demo_db) == before  # no figure, no event, same version
            assert ui_parat.hypothesis("H04").figures[2018]["potential"] == 11_000_000

    asyncio.run(run())


def test_keys_typed_in_one_burst_keep_their_order(app: ParatApp, ui_parat: Parat) -> None:
    """Keys that reach the app together (a quick typist, a busy machine) are edited in
    the order typed. Textual ran an input's own keys (End, Backspace, Enter) only after
    later letters: this burst used to save 4 mio. kr. instead of refusing "4,5x".

    The keys are posted the way the terminal driver posts them, without waiting in
    between; the pilot's ``press`` waits after every key and could never show this."""

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            screen = await _open_h04(pilot)
            before = ui_parat.hypothesis("H04")
            await pilot.press("t")  # to the target year's potential: "11", all selected
            await pilot.pause()
            burst = ["end", "backspace", "backspace", "4", ",", "5", "x", "enter"]
            for key in burst:
                character = {"enter": "\r", "backspace": "\x7f", "end": None}.get(key, key)
                name = "comma" if key == "," else key
                app.post_message(events.Key(name, character))
            await settle(pilot)
            assert screen.query_one("#fig-potential-2018", Input).value == "4,5x"
            error = str(screen.query_one("#figures-error", Label).render())
            assert "2018 Potentiale" in error and "'4,5x'" in error
            assert ui_parat.hypothesis("H04") == before  # nothing saved

    asyncio.run(run())


def test_stale_version_from_another_process_loses_nothing(
    app: ParatApp, ui_parat: Parat, demo_db: Path
) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            screen = await _open_h04(pilot)
            loaded = screen.version
            other_process(demo_db, "figure", "set", "H04", "2018", "--potential", "6")

            # Our edit meets the newer version: the dialog shows both values.
            await _set_input(pilot, "#fig-potential-2018", "4,5")
            dialog = app.screen
            assert isinstance(dialog, ConflictDialog)
            assert (dialog.mine, dialog.theirs) == ("4,5 mio. kr.", "6,0 mio. kr.")
            assert (dialog.expected, dialog.actual, dialog.who) == (loaded, loaded + 1, "kollega")
            assert ui_parat.hypothesis("H04").figures[2018]["potential"] == 6_000_000

            # Reload: the other writer's value stays and is shown.
            await pilot.press("g")
            await settle(pilot)
            assert app.screen is screen
            assert screen.query_one("#fig-potential-2018", Input).value == "6"
            assert ui_parat.hypothesis("H04").figures[2018]["potential"] == 6_000_000

            # A second conflict, this time overwritten deliberately.
            other_process(demo_db, "figure", "set", "H04", "2018", "--potential", "7")
            await _set_input(pilot, "#fig-potential-2018", "4,5")
            assert isinstance(app.screen, ConflictDialog)
            await pilot.press("o")
            await settle(pilot)
            detail = ui_parat.hypothesis("H04")
            assert detail.figures[2018]["potential"] == 4_500_000
            trail = [(e.actor, e.new_value) for e in detail.events if e.field == "potential.2018"]
            assert trail[:3] == [
                ("tester", "4500000"),
                ("kollega", "7000000"),
                ("kollega", "6000000"),
            ]

    asyncio.run(run())


def test_filter_sort_and_search_the_table(app: ParatApp) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            assert isinstance(app.screen, HypothesesScreen)
            table = app.screen.query_one(HypothesisTable)
            assert len(table.rows) == 16
            app.screen.query_one("#filter-stage", Select).value = "decided"
            await pilot.pause()
            status = app.status
            assert status is not None
            decided = sorted(h.code for h in status.hypotheses if h.stage.value == "decided")
            assert [h.code for h in table.rows] == decided
            app.screen.query_one("#filter-stage", Select).clear()
            await pilot.pause()
            # A click on the header "Vægtet" sorts by it; a second click reverses.
            await pilot.click(HypothesisTable, offset=(table.size.width - 26, 0))
            await pilot.click(HypothesisTable, offset=(table.size.width - 26, 0))
            weights = [h.weighted_kr for h in table.rows]
            assert table.sort_key == "weighted" and weights == sorted(weights, reverse=True)
            await pilot.pause()
            info = str(app.screen.query_one("#table-info").render())
            assert "sorteret efter Vægtet (faldende)" in info
            await pilot.press("escape")
            await pilot.press("slash")
            await _type(pilot, "peter")
            assert {h.owner for h in table.rows} == {"Peter Dahl"}
            assert "Viser 2 af 16" in str(app.screen.query_one("#table-info").render())

    asyncio.run(run())


def test_add_and_drop_a_hypothesis(app: ParatApp, ui_parat: Parat) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("tab")  # keep the code proposed (H17)
            await _type(pilot, "Nyt indkøbssystem")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, DetailScreen) and app.screen.code == "H17"
            assert ui_parat.hypothesis("H17").hypothesis.title == "Nyt indkøbssystem"
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, NoteDialog)
            await _type(pilot, "Dubletter H01")
            await pilot.press("enter")
            await settle(pilot)
            h = ui_parat.hypothesis("H17", events=1)
            assert h.hypothesis.stage.value == "dropped"
            assert h.events[0].note == "Dubletter H01"

    asyncio.run(run())


def test_key_bar_is_clickable(app: ParatApp) -> None:
    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            bar = app.screen.query_one(KeyBar)
            start = next(s for s, _, key in bar._spans if "question_mark" in key)
            await pilot.click(KeyBar, offset=(start + 1, 0))
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            await pilot.click(TopBar, offset=(25, 0))  # the tab "2 Hypoteser"
            await settle(pilot)
            assert isinstance(app.screen, HypothesesScreen)

    asyncio.run(run())


def test_empty_database_offers_the_programme(db_path: Path) -> None:
    async def run() -> None:
        with tracker.open(str(db_path), actor="tester", source="tui") as parat:
            app = create_app(parat, poll_seconds=None)
            async with app.run_test(size=(80, 24)) as pilot:
                await settle(pilot)
                assert app.empty
                await pilot.press("n")  # "Ikke nu": a notice instead of empty panels
                await pilot.pause()
                assert app.screen.query_one("#empty-notice").display
                assert not app.screen.query_one("#panels").display
                await pilot.press("ctrl+p")
                await _type(pilot, "Opret programmet")
                await until(pilot, lambda: palette_offers(app, "Opret programmet"))
                await pilot.press("enter")  # the confirm dialog again
                await pilot.pause()
                await pilot.press("enter")  # "Opret programmet"
                await settle(pilot)
                assert app.status is not None and app.status.totals.target_kr == 125_000_000
                assert app.screen.query_one("#panels").display
                assert [b.key for b in app.status.buckets] == [
                    "driftsbalance",
                    "demografi",
                    "politisk",
                ]

    asyncio.run(run())


def test_changes_by_others_appear_without_a_key_and_never_overwrite_edits(
    ui_parat: Parat, demo_db: Path
) -> None:
    """The app polls for changes: a clean screen follows them; an open edit is kept
    against the version it was made on, so saving it shows the conflict."""

    async def run() -> None:
        app = create_app(ui_parat, poll_seconds=0.1)
        async with app.run_test(size=(160, 50)) as pilot:
            screen = await _open_h04(pilot)
            other_process(demo_db, "figure", "set", "H04", "2018", "--potential", "7")

            def followed() -> bool:  # the form and the status reload independently
                row = app.row("H04")
                field = screen.query_one("#fig-potential-2018", Input).value
                return field == "7" and row is not None and row.pipeline_kr == 7_000_000

            for _ in range(50):
                await pilot.pause(0.1)
                if followed():
                    break
            assert screen.query_one("#fig-potential-2018", Input).value == "7"
            row = app.row("H04")
            assert row is not None and row.pipeline_kr == 7_000_000

            # An edit in progress; meanwhile someone else changes the same figure.
            await pilot.click("#fig-potential-2018")
            await pilot.press("home", "ctrl+k", *"4,5")
            version = screen.version
            other_process(demo_db, "figure", "set", "H04", "2018", "--potential", "8")
            for _ in range(50):
                await pilot.pause(0.1)
                if app.row("H04") and app.row("H04").pipeline_kr == 8_000_000:  # type: ignore[union-attr]
                    break
            await settle(pilot)
            assert screen.version == version + 1  # read; the edit keeps where it began
            assert screen.query_one("#fig-potential-2018", Input).value == "4,5"
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ConflictDialog)
            assert (app.screen.mine, app.screen.theirs) == ("4,5 mio. kr.", "8,0 mio. kr.")

    asyncio.run(run())


def test_command_palette_goes_to_a_hypothesis_and_changes_its_stage(
    app: ParatApp, ui_parat: Parat
) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            await _type(pilot, "H03 velf")
            await until(pilot, lambda: palette_offers(app, "H03"))
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, DetailScreen) and app.screen.code == "H03"

            await pilot.press("ctrl+p")
            await _type(pilot, "skift fase besluttet")
            await until(pilot, lambda: palette_offers(app, "Besluttet"))
            await pilot.press("enter")
            await settle(pilot)
            # Every stage move asks for its note and decision; both may be left out.
            assert isinstance(app.screen, NoteDialog)
            await pilot.press("enter")
            await settle(pilot)
            h = ui_parat.hypothesis("H03", events=1).hypothesis
            assert h.stage.value == "decided"
            assert app.screen.query_one("#stage", Select).value == "decided"

    asyncio.run(run())


def test_mouse_selects_and_opens_a_row(app: ParatApp) -> None:
    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            table = app.screen.query_one(HypothesisTable)
            await pilot.click(HypothesisTable, offset=(10, 5))  # header + 4 rows down
            assert table.current_code == "H05"
            assert isinstance(app.screen, HypothesesScreen)
            await pilot.click(HypothesisTable, offset=(10, 5))  # a click on the chosen row
            await settle(pilot)
            assert isinstance(app.screen, DetailScreen) and app.screen.code == "H05"

    asyncio.run(run())
