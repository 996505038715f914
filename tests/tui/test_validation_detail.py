"""The detail screen shows each realised figure's validation state once the programme
validates: approved with who, when and the reference; not validated; not validated
because the figure changed after its verdict. Before any validation it shows nothing.
The dashboard's first progress bar is the measure the progress reads."""

import asyncio

import tracker
from tracker.domain.money import format_mio
from tracker.services import Parat
from tui.app import create_app
from tui.widgets.progress import ProgressBars

from .conftest import open_detail, settle, static_text


def _validation_text(ui_parat: Parat, code: str) -> tuple[bool, str]:
    app = create_app(ui_parat, poll_seconds=None)
    shown: list[tuple[bool, str]] = []

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            screen = await open_detail(pilot, code)
            box = screen.query_one("#validation")
            shown.append((bool(box.display), static_text(box)))

    asyncio.run(run())
    return shown[0]


def test_nothing_before_the_programme_validates(ui_parat: Parat) -> None:
    assert _validation_text(ui_parat, "H01") == (False, "\n")


def test_each_realised_figure_with_its_state(ui_parat: Parat) -> None:
    """The demo's H01 has realised 2015 (1,8 mio.) and 2016 (5,2 mio.), registered by
    tester: jens approves 2015 with a reference that looks like markup, then 2016,
    whose figure tester changes afterwards."""
    ui_parat.set_programme(validators="jens")
    # at the tests' moment, as the UI's status is (a later verdict would not exist yet)
    with tracker.open(str(ui_parat.store.url.removeprefix("sqlite:///")), actor="jens") as jens:
        jens.validate_figure("H01", 2015, approved=True, reference="sag [b]18/1234[/b]")
        jens.validate_figure("H01", 2016, approved=True, reference="sag 18/99")
    ui_parat.set_figure("H01", 2016, realised="5,3")
    display, text = _validation_text(ui_parat, "H01")
    assert display
    assert text.splitlines() == [
        "Valideringer",
        "Realiseret 2015: 1,8 mio. kr. · godkendt af jens 12.03.2018 10:00 (sag [b]18/1234[/b])",
        "Realiseret 2016: 5,3 mio. kr. · ikke valideret (ændret efter valideringen "
        "12.03.2018 10:00)",
    ]
    # another hypothesis with realised figures and no verdict
    assert _validation_text(ui_parat, "H02")[1].splitlines()[1:] == [
        f"Realiseret {year}: {amount} mio. kr. · ikke valideret"
        for year, amount in ((2015, "2,9"), (2016, "6,1"), (2017, "7,4"), (2018, "4,0"))
    ]


def test_the_dashboards_first_bar_reads_validated_once_the_programme_validates(
    ui_parat: Parat,
) -> None:
    def first_bar() -> str:
        app = create_app(ui_parat, poll_seconds=None)
        lines: list[str] = []

        async def run() -> None:
            async with app.run_test(size=(160, 50)) as pilot:
                await settle(pilot)
                lines.extend(app.screen.query_one(ProgressBars).render().plain.splitlines())

        asyncio.run(run())
        return lines[0]

    realised = ui_parat.status().totals.realised_kr
    assert first_bar().startswith("Realiseret") and format_mio(realised) in first_bar()
    ui_parat.set_programme(validators="jens")
    with tracker.open(str(ui_parat.store.url.removeprefix("sqlite:///")), actor="jens") as jens:
        jens.validate_figure("H02", 2018, approved=True, reference="sag 1")
    line = first_bar()
    assert line.startswith("Valideret") and " ".join(line.split()[-5:]) == "4,0 mio. kr. 3 %"
