"""``parat status``: the whole picture for the target year."""

from typing import Annotated

import typer

from tracker.cli.output import mio, print_json, table
from tracker.cli.state import state
from tracker.domain import labels as da
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
            (da.TARGET, mio(t.target_kr)),
            (da.REALISED, mio(t.realised_kr)),
            (da.DECIDED, mio(t.decided_kr)),
            (da.WEIGHTED, mio(t.weighted_kr)),
            (da.PIPELINE, mio(t.pipeline_kr)),
            (da.GAP_EXPLAINED, mio(t.gap_kr)),
            (da.INVESTMENT_TOTAL, mio(t.investment_kr)),
            (da.BASELINE_EXPLAINED, mio(t.baseline_kr)),
            (da.SLIPPAGE_EXPLAINED, mio(t.slippage_kr)),
        ],
        right=(1,),
    )
    mode = "vandfald" if p.allocation is Allocation.WATERFALL else "øremærket"
    typer.echo(f"\n{da.BUCKETS} ({mode})")
    rest_label, rest = (
        (da.SURPLUS, s.surplus)
        if p.allocation is Allocation.WATERFALL
        else (da.UNASSIGNED, s.unassigned)
    )
    table(
        [da.BUCKET, da.TARGET, da.WEIGHTED, da.DECIDED, da.REALISED, da.GAP],
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
    typer.echo(f"\n{da.STAGES}")
    table(
        [da.STAGE, da.COUNT, da.PIPELINE, da.WEIGHTED],
        [(st.label, st.count, mio(st.pipeline_kr), mio(st.weighted_kr)) for st in s.stages],
        right=(1, 2, 3),
    )
    typer.echo(f"\n{da.YEAR}")
    table(
        [da.YEAR, da.PIPELINE, da.WEIGHTED, da.REALISED, da.INVESTMENT, da.NET],
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
        typer.echo(f"\n{da.WARNINGS} ({len(s.warnings)})")
        for w in s.warnings:
            typer.echo(f"  [{w.code}] {w.message}")


def register(app: typer.Typer) -> None:
    app.command("status")(status)
