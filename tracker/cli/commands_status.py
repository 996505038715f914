"""``parat status``: the whole picture for the target year."""

from typing import Annotated

import typer

from tracker.cli.output import mio, print_json, table
from tracker.cli.state import state
from tracker.domain.money import format_mio
from tracker.domain.status import Allocation, Status
from tracker.report.moments import show_time

__all__ = ["print_status", "register"]


def status(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the status object as JSON.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The programme as it stood then: a snapshot name or a date "
            "(2018-03-12 = the end of that day).",
            metavar="SNAPSHOT|DATE",
        ),
    ] = None,
) -> None:
    """Show progress toward the target: totals, buckets, stages, years, warnings."""
    with state(ctx).open() as parat:
        result = parat.status(parat.resolve_moment(as_of) if as_of else None)
    if as_json:
        from tracker.report import status_to_dict

        print_json(status_to_dict(result))
    else:
        print_status(result)


def print_status(s: Status) -> None:
    p, t = s.programme, s.totals
    typer.echo(f"{p.name}: mål {format_mio(p.target_kr)} med årsvirkning i {p.target_year}")
    typer.echo(f"Status pr. {show_time(s.as_of)}\n")
    table(
        ["", "mio. kr."],
        [
            ("Mål", mio(t.target_kr)),
            ("Realiseret", mio(t.realised_kr)),
            ("Besluttet", mio(t.decided_kr)),
            ("Vægtet", mio(t.weighted_kr)),
            ("Pipeline", mio(t.pipeline_kr)),
            ("Mangler (mål − vægtet)", mio(t.gap_kr)),
            ("Investering i alt", mio(t.investment_kr)),
            ("Basislinje (besluttet)", mio(t.baseline_kr)),
            ("Skred (pipeline − basislinje)", mio(t.slippage_kr)),
        ],
        right=(1,),
    )
    typer.echo(f"\nPuljer ({'vandfald' if p.allocation is Allocation.WATERFALL else 'øremærket'})")
    rest_label, rest = (
        ("Overskud", s.surplus)
        if p.allocation is Allocation.WATERFALL
        else ("Ikke fordelt", s.unassigned)
    )
    table(
        ["Pulje", "Mål", "Vægtet", "Besluttet", "Realiseret", "Mangler"],
        [
            *[
                (
                    b.name,
                    mio(b.target_kr),
                    mio(b.weighted_kr),
                    mio(b.decided_kr),
                    mio(b.realised_kr),
                    mio(b.gap_kr),
                )
                for b in s.buckets
            ],
            (
                rest_label,
                "",
                mio(rest.weighted_kr),
                mio(rest.decided_kr),
                mio(rest.realised_kr),
                "",
            ),
        ],
        right=(1, 2, 3, 4, 5),
    )
    typer.echo("\nFaser")
    table(
        ["Fase", "Antal", "Pipeline", "Vægtet"],
        [(st.label, st.count, mio(st.pipeline_kr), mio(st.weighted_kr)) for st in s.stages],
        right=(1, 2, 3),
    )
    typer.echo("\nÅr")
    table(
        ["År", "Pipeline", "Vægtet", "Realiseret", "Investering", "Netto"],
        [
            (
                y.year,
                mio(y.pipeline_kr),
                mio(y.weighted_kr),
                mio(y.realised_kr),
                mio(y.investment_kr),
                mio(y.net_kr),
            )
            for y in s.years
        ],
        right=(1, 2, 3, 4, 5),
    )
    if s.warnings:
        typer.echo(f"\nAdvarsler ({len(s.warnings)})")
        for w in s.warnings:
            typer.echo(f"  [{w.code}] {w.message}")


def register(app: typer.Typer) -> None:
    app.command("status")(status)
