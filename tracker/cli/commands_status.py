"""``parat status``: the whole picture for the target year."""

from typing import Annotated

import typer

from tracker.cli.options import AsOfOption, RiskDrawsOption, RiskSeedOption, risk_draws
from tracker.cli.output import DecimalsOption, DisplayOption, print_json, shown_in, table
from tracker.cli.state import state
from tracker.domain.status import Allocation, Status
from tracker.i18n import _, danish
from tracker.report import words as w
from tracker.report.moments import show_time
from tracker.report.others import other_benefit_rows
from tracker.report.overlaps import measure_rows, overlap_rows
from tracker.report.words import allocation_name, benefit_name, stage_name

__all__ = ["print_status", "register"]


def status(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the status object as JSON.")
    ] = False,
    as_of: AsOfOption = None,
    display: DisplayOption = None,
    decimals: DecimalsOption = None,
    with_risk: Annotated[
        bool,
        typer.Option(
            "--risk", help="Add how sure we are (parat risk): the simulation runs only then."
        ),
    ] = False,
    draws: RiskDrawsOption = None,
    seed: RiskSeedOption = None,
) -> None:
    """Show progress toward the target: totals, buckets, stages, years (to the last
    overslagsår), warnings; with --risk, how sure we are of it. --json is integer
    kroner whatever --display says."""
    simulation = risk_draws(with_risk, draws, seed)
    risk = None
    with state(ctx).open() as parat:
        moment = parat.resolve_moment(as_of) if as_of else None
        if simulation is not None:
            result, risk = parat.status_and_risk(moment, draws=simulation[0], seed=simulation[1])
        else:
            result = parat.status(moment)
    if as_json:
        from tracker.report import status_to_dict

        document = status_to_dict(result)
        if risk is not None:
            from tracker.report.risk import risk_to_dict

            document["risk"] = risk_to_dict(risk)
        print_json(document)
        return
    shown = shown_in(result, *state(ctx).display(display, decimals))
    print_status(shown)
    if risk is not None:
        from tracker.cli.commands_risk import print_risk

        typer.echo("")
        print_risk(shown, risk)


def print_status(s: Status) -> None:
    """The status for people, in ``s.programme.display``."""
    p, t = s.programme, s.totals
    amount = p.display.amount
    typer.echo(
        _("{name}: target {target} with annual effect in {year}").format(
            name=p.name, target=amount(p.target_kr), year=p.target_year
        )
    )
    typer.echo(_("Status as of {moment}").format(moment=show_time(s.as_of)) + "\n")
    table(
        ["", p.display.suffix],
        [
            (_(w.TARGET), amount(t.target_kr)),
            (_(w.REALISED), amount(t.realised_kr)),
            (_(w.VALIDATED), amount(t.validated_kr)),
            *([(_(w.BUDGETED), amount(t.budgeted_kr))] if p.has_rammer else []),
            (_(w.DECIDED), amount(t.decided_kr)),
            (_(w.WEIGHTED), amount(t.weighted_kr)),
            (_(w.PIPELINE), amount(t.pipeline_kr)),
            (_(w.GAP_EXPLAINED), amount(t.gap_kr)),
            (_(w.INVESTMENT_TOTAL), amount(t.investment_kr)),
            (_(w.BASELINE_EXPLAINED), amount(t.baseline_kr)),
            (_(w.SLIPPAGE_EXPLAINED), amount(t.slippage_kr)),
        ],
        right=(1,),
    )
    measure = w.VALIDATED if s.progress_measure.value == "validated" else w.REALISED
    typer.echo(f"{_(w.PROGRESS_MEASURE)}: {_(measure).lower()}")
    print_overlaps(s)
    typer.echo(f"\n{_(w.BUCKETS)} ({allocation_name(p.allocation.value)})")
    rest_label, rest = (
        (_(w.SURPLUS), s.surplus)
        if p.allocation is Allocation.WATERFALL
        else (_(w.UNASSIGNED), s.unassigned)
    )
    # Udmøntet is a layer, between decided and realised, once there are rammer.
    names = ("weighted_kr", "decided_kr", *(("budgeted_kr",) if p.has_rammer else ()),
             "realised_kr", "validated_kr")  # fmt: skip
    headers = [_(w.BUCKET), _(w.TARGET), _(w.WEIGHTED), _(w.DECIDED),
               *([_(w.BUDGETED)] if p.has_rammer else []), _(w.REALISED), _(w.VALIDATED),
               _(w.GAP)]  # fmt: skip
    table(
        headers,
        [
            *[
                (
                    b.name,
                    amount(b.target_kr),
                    *(amount(getattr(b, n)) for n in names),
                    amount(b.gap_kr),
                )
                for b in s.buckets
            ],
            (rest_label, "", *(amount(getattr(rest, n)) for n in names), ""),
        ],
        right=range(1, len(headers)),
    )
    typer.echo(f"\n{_(w.STAGES)}")
    table(
        [_(w.STAGE), _(w.COUNT), _(w.PIPELINE), _(w.WEIGHTED)],
        [
            (stage_name(st.stage), st.count, amount(st.pipeline_kr), amount(st.weighted_kr))
            for st in s.stages
        ],
        right=(1, 2, 3),
    )
    typer.echo("\n" + _("Years"))
    table(
        [
            _(w.YEAR),
            _(w.PIPELINE),
            _(w.WEIGHTED),
            _(w.REALISED),
            _(w.VALIDATED),
            _(w.INVESTMENT),
            _(w.NET),
        ],
        [
            (
                y.year,
                amount(y.pipeline_kr),
                amount(y.weighted_kr),
                amount(y.realised_kr),
                amount(y.validated_kr),
                amount(y.investment_kr),
                amount(y.net_kr),
            )
            for y in s.years
        ],
        right=(1, 2, 3, 4, 5, 6),
    )
    print_other_benefits(s)
    if s.warnings:
        typer.echo(f"\n{_(w.WARNINGS)} ({len(s.warnings)})")
        for warning in s.warnings:
            # The stable code is for programs (it stays in --json); Danish readers
            # get the sentence alone.
            if danish():
                typer.echo(f"  {warning.message}")
            else:
                typer.echo(f"  [{warning.code}] {warning.english}")


def print_other_benefits(s: Status) -> None:
    """The non-counting benefit types beside the measures, when any hypothesis has one."""
    rows = other_benefit_rows(s, name=benefit_name)
    if not rows:
        return
    typer.echo(f"\n{_(w.OTHER_BENEFITS)}")
    table(
        [_(w.BENEFIT_TYPE), _(w.COUNT), _(w.PIPELINE), _(w.WEIGHTED), _(w.HYPOTHESES)],
        rows,
        right=(1, 2, 3),
    )


def print_overlaps(s: Status) -> None:
    """Brutto, the overlaps and netto side by side, then each overlap; nothing when
    the programme has none."""
    # the documents' rows, with the measures named in the reader's language
    labels = (w.PIPELINE, w.WEIGHTED, w.DECIDED, w.REALISED, w.VALIDATED)
    rows = [(_(label), *row[1:]) for label, row in zip(labels, measure_rows(s), strict=False)]
    if not rows:
        return
    typer.echo("\n" + _("{gross}, {overlap} and {net}").format(
        gross=_(w.GROSS), overlap=_(w.OVERLAP).lower(), net=_(w.NETTO).lower()
    ))  # fmt: skip
    table(["", _(w.GROSS), _(w.OVERLAP), _(w.NETTO)], rows, right=(1, 2, 3))
    typer.echo(f"\n{_(w.OVERLAPS)} ({len(s.overlaps)})")
    table(
        [_(w.NAME), _(w.HYPOTHESES), _(w.AMOUNT), _(w.WEIGHTED), _(w.NOTE)],
        overlap_rows(s),
        right=(2, 3),
    )


def register(app: typer.Typer) -> None:
    app.command("status")(status)
