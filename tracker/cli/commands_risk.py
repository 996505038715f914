"""``parat risk``: how sure are we (hvor sikre er vi) of reaching the target.

The expected value is exact; the probabilities and the amounts reached come from a
seeded simulation, so the same data, draws and seed give the same figures here, in
``status --json --risk``, the API and the exports. numpy is loaded only here (and
where those others are asked for the figures).
"""

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.options import AsOfOption, DrawsOption, SeedOption
from tracker.cli.output import DecimalsOption, DisplayOption, print_json, shown_in, table
from tracker.cli.state import state
from tracker.domain.draws import DRAWS, PERCENTS, SEED
from tracker.domain.money import Display
from tracker.domain.status import Allocation, Status
from tracker.i18n import _, danish
from tracker.report.moments import show_time

if TYPE_CHECKING:
    from tracker.domain.risk import Risk

__all__ = ["print_risk", "register"]


def risk(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the risk object as JSON.")] = False,
    draws: DrawsOption = DRAWS,
    seed: SeedOption = SEED,
    as_of: AsOfOption = None,
    display: DisplayOption = None,
    decimals: DecimalsOption = None,
) -> None:
    """How sure are we: the expected value, the chance of reaching the target and the
    amounts reached with 50, 80 and 95 % probability, for the hypotheses independent
    and moving together, per bucket too. --json is integer kroner and probabilities
    from 0 to 1."""
    with state(ctx).open() as parat:
        moment = parat.resolve_moment(as_of) if as_of else None
        status, result = parat.status_and_risk(moment, draws=draws, seed=seed)
    if as_json:
        from tracker.report.risk import risk_to_dict

        print_json(risk_to_dict(result))
    else:
        print_risk(shown_in(status, *state(ctx).display(display, decimals)), result)


def whole(n: int) -> str:
    """A count for people: ``20.000`` in Danish, ``20,000`` in English."""
    grouped = f"{n:,}"
    return grouped.replace(",", ".") if danish() else grouped


def print_risk(s: Status, r: "Risk") -> None:
    """The risk picture for people, in ``s.programme.display``."""
    from tracker.report.risk import percent

    p = s.programme
    shown = p.display
    typer.echo(
        _("{name}: how sure are we? (target {target} with annual effect in {year})").format(
            name=p.name, target=shown.amount(r.target_kr), year=p.target_year
        )
    )
    typer.echo(_("As of {moment}").format(moment=show_time(s.as_of)) + "\n")
    typer.echo(_("Expected value: {amount}").format(amount=shown.amount(r.expected_kr)))
    typer.echo(
        _("Probability of reaching {target}: {p} (moving together: {together})").format(
            target=shown.amount(r.target_kr),
            p=percent(r.independent.p_target),
            together=percent(r.together.p_target),
        )
    )
    for pct in PERCENTS:
        typer.echo(
            _("Amount reached with {pct} % probability: {amount}").format(
                pct=pct, amount=shown.amount(getattr(r.independent, f"p{pct}_kr"))
            )
        )
    typer.echo(
        _("Moving together, reached with {pcts} % probability: {amounts} {unit}").format(
            pcts=" / ".join(str(pct) for pct in PERCENTS),
            amounts=" / ".join(shown.number(getattr(r.together, f"p{pct}_kr")) for pct in PERCENTS),
            unit=shown.suffix,
        )
    )
    if r.buckets:
        _print_buckets(s, r, shown)
    typer.echo(
        "\n"
        + _(
            "From {draws} draws, seed {seed}. Independent: each hypothesis comes true on "
            "its own, with its weight as the chance; moving together: they come true and "
            "fall short together (the widest spread)."
        ).format(draws=whole(r.draws), seed=r.seed)
    )


def _print_buckets(s: Status, r: "Risk", shown: Display) -> None:
    from tracker.report.risk import percent

    names = {b.key: b.name for b in s.buckets}
    waterfall = s.programme.allocation is Allocation.WATERFALL
    mode = _("waterfall") if waterfall else _("earmarked")
    heading = _("Buckets")
    typer.echo(f"\n{heading} ({mode})")
    table(
        [
            _("Bucket"),
            _("Target"),
            _("Expected"),
            _("Filled"),
            _("Moving together"),
            _("Reached with 80 %"),
        ],
        [
            (
                names.get(b.key, b.key),
                shown.amount(b.target_kr),
                shown.amount(b.outlook.expected_kr),
                percent(b.p_full),
                percent(b.p_full_together),
                shown.amount(b.outlook.independent.p80_kr),
            )
            for b in r.buckets
        ],
        right=(1, 2, 3, 4, 5),
    )


def register(app: typer.Typer) -> None:
    app.command("risk")(risk)
