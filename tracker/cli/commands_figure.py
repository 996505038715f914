"""``parat figure set|validate``: potential, realised and investment per year, and
the finance department's validation of a realised figure."""

from typing import Annotated

import typer

from tracker.cli.commands_import import UNIT_HELP, Unit
from tracker.cli.completion import complete_codes
from tracker.cli.numbers import VERSION, YEAR
from tracker.cli.output import done, mio
from tracker.cli.state import state
from tracker.errors import InvalidInput
from tracker.i18n import _, ngettext

__all__ = ["app"]

app = typer.Typer(
    help="Figures per hypothesis and year: potential, realised, investment; validation."
)


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


@app.command("validate")
def validate(
    ctx: typer.Context,
    code: Annotated[
        str, typer.Argument(help="Hypothesis code, e.g. H04.", autocompletion=complete_codes)
    ],
    year: Annotated[int, typer.Argument(help="The year of the realised figure.", parser=YEAR)],
    approve: Annotated[
        bool | None,
        typer.Option(
            "--approve/--reject",
            help="Approve the realised figure against the accounts, or reject it.",
            show_default=False,
        ),
    ] = None,
    ref: Annotated[
        str,
        typer.Option(
            "--ref", help='The case or document it rests on, e.g. "sag 18/1234".', metavar="REF"
        ),
    ] = "",
    note: Annotated[str, typer.Option(help="Why (kept in the history).")] = "",
) -> None:
    """Validate the realised figure of a hypothesis for a year (the finance
    department): approved or rejected, with a reference. The person who registered
    the figure may not validate it; a later change of the figure needs a new
    validation."""
    if approve is None:
        raise InvalidInput(
            "say --approve or --reject",
            danish="Angiv --approve (godkend) eller --reject (afvis).",
        )
    if not ref.strip():
        raise InvalidInput(
            '--ref is required: the case or document, e.g. --ref "sag 18/1234"',
            danish='Angiv --ref: sagen eller dokumentet, fx --ref "sag 18/1234".',
        )
    with state(ctx).open() as parat:
        v = parat.validate_figure(code, year, approved=approve, reference=ref, note=note)
    message = (
        _("{code} {year}: realised {amount} approved ({ref}).")
        if v.approved
        else _("{code} {year}: realised {amount} rejected ({ref}).")
    )
    done(message.format(code=v.code, year=v.year, amount=mio(v.amount_kr), ref=v.reference))
