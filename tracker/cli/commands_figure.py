"""``parat figure set``: potential, realised and investment per year."""

from typing import Annotated

import typer

from tracker.cli.commands_import import UNIT_HELP, Unit
from tracker.cli.completion import complete_codes
from tracker.cli.numbers import VERSION, YEAR
from tracker.cli.output import done
from tracker.cli.state import state
from tracker.i18n import _, ngettext

__all__ = ["app"]

app = typer.Typer(help="Figures per hypothesis and year: potential, realised, investment.")


@app.command("set")
def set_(
    ctx: typer.Context,
    code: Annotated[
        str, typer.Argument(help="Hypothesis code, e.g. H04.", autocompletion=complete_codes)
    ],
    year: Annotated[int, typer.Argument(help="The year the amounts belong to.", parser=YEAR)],
    potential: Annotated[
        str | None,
        typer.Option(help="Gain potential, positive (mio. kr. unless a unit: 4,5 / 29 tkr)."),
    ] = None,
    realised: Annotated[str | None, typer.Option(help="Realised gain.")] = None,
    investment: Annotated[str | None, typer.Option(help="One-off investment.")] = None,
    low: Annotated[
        str | None, typer.Option(help="Minimum of the potential's range (needs a potential).")
    ] = None,
    high: Annotated[
        str | None, typer.Option(help="Maksimum of the potential's range (needs a potential).")
    ] = None,
    note: Annotated[str, typer.Option(help="Why (kept in the history).")] = "",
    expect_version: Annotated[
        int | None,
        typer.Option(
            help="Refuse (exit 3) if the hypothesis is no longer at this version.",
            parser=VERSION,
        ),
    ] = None,
    unit: Annotated[Unit, typer.Option(help=UNIT_HELP)] = Unit.MIO,
    accept_large: Annotated[
        bool,
        typer.Option(
            "--accept-large", help="Let a figure larger than the whole target in (it is meant)."
        ),
    ] = False,
    allow_negative: Annotated[
        bool,
        typer.Option(
            "--allow-negative", help="Let a negative potential or realised figure (a loss) in."
        ),
    ] = False,
) -> None:
    """Record amounts for one hypothesis and year (each change is kept with when and who)."""
    amounts = {
        f"--{kind}": value
        for kind, value in (
            ("potential", potential),
            ("realised", realised),
            ("investment", investment),
            ("low", low),
            ("high", high),
        )
        if value is not None
    }
    with state(ctx).open() as parat:
        h, changed = parat.set_figure(
            code,
            year,
            potential=potential,
            realised=realised,
            investment=investment,
            low=low,
            high=high,
            note=note,
            expect_version=expect_version,
            unit=unit.value,
            accept_large=accept_large,
            allow_negative=allow_negative,
        )
    if changed:
        done(
            ngettext(
                "{code} {year}: {n} figure(s) recorded, now version {version}.",
                "{code} {year}: {n} figure(s) recorded, now version {version}.",
                changed,
            ).format(code=h.code, year=year, n=changed, version=h.version)
        )
    elif amounts:
        done(
            _("{code} {year}: the figures were already so; nothing changed.").format(
                code=h.code, year=year
            )
        )
