"""``parat budget set|report|cut|cuts|uncut|import``: the rammer's budget figures, the
follow-up per ramme (budgetopfølgning), and udmøntning."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.commands_import import UNIT_HELP, Unit
from tracker.cli.completion import complete_codes, complete_rammer
from tracker.cli.numbers import VERSION, YEAR
from tracker.cli.options import AsOfOption
from tracker.cli.output import DecimalsOption, DisplayOption, chosen_display, done, print_json
from tracker.cli.state import state
from tracker.domain.money import Display
from tracker.i18n import _, ngettext
from tracker.report import words as w

if TYPE_CHECKING:  # a status call loads nothing of the budget's
    from tracker.domain.budget import BudgetFollowUp

__all__ = ["app", "print_follow_up"]

app = typer.Typer(
    help="Budget figures per ramme and year, the follow-up (budgetopfølgning), and "
    "udmøntning: decided gains written into the budget."
)

SIGNED = " Signed as in the budget: + expense, − income (mio. kr. unless a unit)."
RammeArgument = Annotated[
    str, typer.Argument(help="Ramme key (see parat ramme list).", autocompletion=complete_rammer)
]
RammeOption = Annotated[
    str,
    typer.Option("--ramme", help="The ramme it reduces (its key).", autocompletion=complete_rammer),
]
CodeArgument = Annotated[
    str, typer.Argument(help="Hypothesis code, e.g. H04.", autocompletion=complete_codes)
]
NoteOption = Annotated[str, typer.Option(help="Why (kept in the history).")]
ExpectVersion = Annotated[
    int | None,
    typer.Option(help="Refuse (exit 3) if the hypothesis is no longer at this version.",
                 parser=VERSION),
]  # fmt: skip


@app.command("set")
def set_(
    ctx: typer.Context,
    ramme: RammeArgument,
    year: Annotated[int, typer.Argument(help="The budget year.", parser=YEAR)],
    original: Annotated[str | None, typer.Option(help="Original budget." + SIGNED)] = None,
    supplementary: Annotated[
        str | None, typer.Option(help="Supplementary appropriations and reallocations (net).")
    ] = None,
    carried: Annotated[str | None, typer.Option(help="Carried over from last year.")] = None,
    actual: Annotated[str | None, typer.Option(help="Actual spending (the accounts).")] = None,
    forecast: Annotated[str | None, typer.Option(help="Forecast of the year's accounts.")] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear",
            help="A figure that is no longer given: original, supplementary, carried, "
            "actual or forecast (repeatable).",
            metavar="KIND",
        ),
    ] = None,
    note: NoteOption = "",
    unit: Annotated[Unit, typer.Option(help=UNIT_HELP)] = Unit.MIO,
) -> None:
    """Record a ramme's budget figures for one year (each change is kept with when and
    who)."""
    with state(ctx).open() as parat:
        r, changed = parat.set_budget(
            ramme,
            year,
            original=original,
            supplementary=supplementary,
            carried=carried,
            actual=actual,
            forecast=forecast,
            clear=[kind.strip().lower() for kind in clear or ()],
            note=note,
            unit=unit.value,
        )
    if changed:
        done(
            ngettext(
                "{key} {year}: {n} budget figure recorded.",
                "{key} {year}: {n} budget figures recorded.",
                changed,
            ).format(key=r.key, year=year, n=changed)
        )
    else:
        done(
            _("{key} {year}: the figures were already so; nothing changed.").format(
                key=r.key, year=year
            )
        )


@app.command("report")
def report(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        typer.Argument(
            help="The budget year (default: the programme's target year at the moment).",
            parser=YEAR,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the follow-up as JSON.")] = False,
    as_of: AsOfOption = None,
    display: DisplayOption = None,
    decimals: DecimalsOption = None,
) -> None:
    """The budget follow-up per ramme, grouped by udvalg, inside the serviceramme and
    outside it: korrigeret = original + supplementary + carried; afvigelse = (actual,
    else forecast) − korrigeret; the programme's cuts on each ramme. Totals are the
    sums of the lines."""
    with state(ctx).open() as parat:
        moment = parat.resolve_moment(as_of) if as_of else None
        follow_up = parat.budget_report(year, moment)
        default = None if as_json else parat.programme().display
    if as_json:
        from tracker.report.budget import budget_to_dict

        print_json(budget_to_dict(follow_up))
        return
    assert default is not None
    shown = chosen_display(default, *state(ctx).display(display, decimals))
    print_follow_up(follow_up, shown, as_of=as_of)


def print_follow_up(f: "BudgetFollowUp", shown: Display, *, as_of: str | None = None) -> None:
    """The follow-up for people (Danish), every amount exact up to 3 decimals."""
    from tracker.cli.output import table
    from tracker.report.budget import (
        BUDGET_FOLLOW_UP,
        COLUMNS,
        CUTS_NOTE,
        SHORT_COLUMNS,
        SIGN_NOTE,
        budget_rows,
        table_decimals,
    )

    when = f" {_(w.AS_OF)} {as_of}" if as_of else ""
    typer.echo(f"{_(BUDGET_FOLLOW_UP)} {f.year}{when}")
    if not f.lines:
        typer.echo(_("No rammer yet: add one with `parat ramme add KEY --name …`."))
        return
    decimals = table_decimals(f, shown)
    typer.echo(_(w.AMOUNTS_IN).format(unit=shown.suffix) + "\n")
    indent = {"section": "", "group": "  ", "line": "    ", "subtotal": "  ", "total": ""}
    blank = ("",) * len(COLUMNS)
    rows = [
        (indent[r.kind] + r.label, *(r.cells or blank)) for r in budget_rows(f, shown, decimals)
    ]
    table(
        [_(w.RAMME), *(_(SHORT_COLUMNS[key]) for key, _signed in COLUMNS)],
        rows,
        right=range(1, len(COLUMNS) + 1),
    )
    typer.echo(_(SIGN_NOTE))
    if f.totals.cuts_kr:
        typer.echo(_(CUTS_NOTE))


@app.command("cut")
def cut(
    ctx: typer.Context,
    code: CodeArgument,
    ramme: RammeOption,
    year: Annotated[
        int, typer.Option("--year", help="The budget year or overslagsår.", parser=YEAR)
    ],
    amount: Annotated[
        str,
        typer.Option(
            "--amount", help="The reduction, positive: the gain (mio. kr. unless a unit)."
        ),
    ],
    decision: Annotated[
        str,
        typer.Option("--decision", help='The decision it rests on: "Byrådet 08.10.2015, pkt. 12".'),
    ],
    note: NoteOption = "",
    unit: Annotated[Unit, typer.Option(help=UNIT_HELP)] = Unit.MIO,
    expect_version: ExpectVersion = None,
) -> None:
    """Udmønt a decided gain: reduce a ramme's budget for a year (replaces the
    hypothesis's standing cut of that ramme and year)."""
    with state(ctx).open() as parat:
        c, changed = parat.cut(
            code,
            ramme,
            year,
            amount,
            decision=decision,
            note=note,
            unit=unit.value,
            expect_version=expect_version,
        )
        shown = parat.programme().display
    if changed:
        done(
            _("{code}: {amount} cut from ramme {ramme} for {year} ({decision}).").format(
                code=c.code,
                amount=shown.amount(c.amount_kr, shown.change_decimals(None, c.amount_kr)),
                ramme=c.ramme,
                year=c.year,
                decision=c.decision,
            )
        )
    else:
        done(
            _("{code}: the cut on {ramme} in {year} was already so; nothing changed.").format(
                code=c.code, ramme=c.ramme, year=c.year
            )
        )


@app.command("uncut")
def uncut(
    ctx: typer.Context,
    code: CodeArgument,
    ramme: RammeOption,
    year: Annotated[int, typer.Option("--year", help="The year of the cut.", parser=YEAR)],
    note: NoteOption = "",
    expect_version: ExpectVersion = None,
) -> None:
    """Withdraw a cut (an event: the cut stays in the history and in past status)."""
    with state(ctx).open() as parat:
        c = parat.uncut(code, ramme, year, note=note, expect_version=expect_version)
    done(
        _("{code}: the cut from ramme {ramme} for {year} is withdrawn.").format(
            code=c.code, ramme=c.ramme, year=c.year
        )
    )


@app.command("cuts")
def cuts(
    ctx: typer.Context,
    code: Annotated[
        str | None,
        typer.Argument(help="Only this hypothesis's cuts.", autocompletion=complete_codes),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    as_of: AsOfOption = None,
) -> None:
    """List the standing cuts (udmøntninger): hypothesis, ramme, year, amount, decision."""
    with state(ctx).open() as parat:
        moment = parat.resolve_moment(as_of) if as_of else None
        rows = parat.cuts(code, moment)
        shown = parat.programme().display
    if as_json:
        from tracker.report.budget import cut_to_dict

        print_json([cut_to_dict(c) for c in rows])
        return
    if not rows:
        typer.echo(_(w.NO_CUTS))
        return
    from tracker.cli.output import table
    from tracker.report.moments import show_date

    decimals = max(shown.change_decimals(None, c.amount_kr) for c in rows)
    table(
        [
            _(w.CODE),
            _(w.RAMME),
            _(w.YEAR),
            f"{_(w.AMOUNT)} ({shown.suffix})",
            _(w.DECISION),
            _(w.WHO),
            _(w.DATE),
        ],
        [
            (
                c.code,
                c.ramme,
                c.year,
                shown.number(c.amount_kr, decimals),
                c.decision,
                c.actor,
                show_date(c.recorded_at),
            )
            for c in rows
        ],
        right=(2, 3),
    )


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV (; or ,) or XLSX file.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and count the changes; write nothing.")
    ] = False,
    unit: Annotated[
        Unit, typer.Option(help=UNIT_HELP + " A unit in a column's heading wins.")
    ] = Unit.MIO,
) -> None:
    """Import a budget extract: columns ramme, year (År) and any of original
    (Oprindeligt budget), supplementary (Tillæg…), carried (Overførsler), actual
    (Forbrug, Regnskab) and forecast (Forventet regnskab); amounts signed as in the
    budget. Any error: nothing is written."""
    from tracker.cli.progress import progress_bar

    with (
        state(ctx).open() as parat,
        progress_bar(_("Import {file}").format(file=file.name)) as progress,
    ):
        result = parat.import_budget(file, dry_run=dry_run, unit=unit.value, progress=progress)
    counts = _("{rows} rows, {changes} budget figure changes").format(
        rows=result.rows, changes=result.changes
    )
    if dry_run:
        done(
            _("Dry run of {file}: {counts}; nothing was written.").format(
                file=result.filename, counts=counts
            )
        )
    else:
        done(_("Imported {file}: {counts}.").format(file=result.filename, counts=counts))
