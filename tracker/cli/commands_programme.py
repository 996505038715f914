"""``parat programme show|set``: the programme's frame."""

from typing import Annotated

import typer

from tracker.cli.commands_bucket import print_buckets
from tracker.cli.numbers import DECIMALS, INT32_MAX, YEAR, read_whole
from tracker.cli.output import DisplayUnit, done, fields, mio, print_json
from tracker.cli.state import state
from tracker.domain.benefits import BenefitType
from tracker.errors import InvalidInput
from tracker.i18n import _, ngettext
from tracker.report import ProgrammeView
from tracker.report import words as w
from tracker.report.words import allocation_name, benefit_name, stage_name

__all__ = ["app", "programme_to_dict"]

app = typer.Typer(help="The programme: target, years, allocation mode and stage weights.")


def programme_to_dict(view: ProgrammeView) -> dict[str, object]:
    from tracker.report import iso

    return {
        "name": view.name,
        "target_kr": view.target_kr,
        "target_year": view.target_year,
        "first_year": view.first_year,
        "last_year": view.last_year,
        "allocation": view.allocation,
        "display": {"unit": view.display.unit, "decimals": view.display.decimals},
        "counting_types": [t.value for t in BenefitType if t in view.counting_types],
        "validators": list(view.validators),
        "weights": {stage.value: pct for stage, pct in view.weights.items()},
        "buckets": [
            {"key": b.key, "name": b.name, "target_kr": b.target_kr, "priority": b.priority}
            for b in view.buckets
        ],
        "created_at": iso(view.created_at),
        "updated_at": iso(view.updated_at),
    }


@app.command("show")
def show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Show the programme's frame."""
    with state(ctx).open() as parat:
        view = parat.programme()
    if as_json:
        print_json(programme_to_dict(view))
        return
    counting = ", ".join(benefit_name(t) for t in BenefitType if t in view.counting_types)
    weights = ", ".join(f"{stage_name(s)} {p} %" for s, p in view.weights.items())
    decimals = view.display.decimals
    shown = ngettext("{suffix}, {decimals} decimal", "{suffix}, {decimals} decimals", decimals)
    shown = shown.format(suffix=view.display.suffix, decimals=decimals)
    target = _("{target} with annual effect in {year}").format(
        target=mio(view.target_kr), year=view.target_year
    )
    typer.echo(f"{view.name}")
    fields(
        [
            (_(w.TARGET), target),
            (_("Years"), f"{view.first_year}–{view.last_year}"),
            (_("Display"), shown),
            (_("Allocation"), allocation_name(view.allocation)),
            (_("Counting"), counting),
            (_("Validators"), ", ".join(view.validators) or _("(none)")),
            (_("Weights"), weights),
        ]
    )
    typer.echo("")
    print_buckets(view.buckets)


def _weights(values: list[str]) -> dict[str, int]:
    weights: dict[str, int] = {}
    for item in values:
        stage, sep, pct = item.partition("=")
        pct = pct.strip().rstrip("%").strip()
        try:
            if not sep:
                raise ValueError(item)
            # The range is the services' rule (one message for every front end).
            weights[stage.strip()] = read_whole(pct, 0, INT32_MAX)
        except ValueError:
            raise InvalidInput(
                f"--weight {item!r}: write STAGE=PCT, for example decided=80",
                danish=f"--weight {item!r}: skriv FASE=PCT, fx decided=80.",
            ) from None
    return weights


@app.command("set")
def set_(
    ctx: typer.Context,
    target: Annotated[str | None, typer.Option(help="New target (mio. kr. unless a unit).")] = None,
    allocation: Annotated[
        str | None, typer.Option(help="waterfall (fill buckets by priority) or earmarked.")
    ] = None,
    weight: Annotated[
        list[str] | None,
        typer.Option(
            "--weight", help="Stage weight, e.g. decided=80 (repeatable).", metavar="STAGE=PCT"
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="New programme name.")] = None,
    target_year: Annotated[int | None, typer.Option(help="New target year.", parser=YEAR)] = None,
    first_year: Annotated[int | None, typer.Option(help="New first year.", parser=YEAR)] = None,
    last_year: Annotated[
        int | None,
        typer.Option(
            help="New last year: keeps the overslagsår after the target year.", parser=YEAR
        ),
    ] = None,
    display: Annotated[
        DisplayUnit | None,
        typer.Option("--display", help="Show amounts in mio, tkr or kr by default."),
    ] = None,
    decimals: Annotated[
        int | None,
        typer.Option("--decimals", help="Decimals shown by default (0–3).", parser=DECIMALS),
    ] = None,
    counts: Annotated[
        str | None,
        typer.Option(
            "--counts",
            help="Benefit types that count toward the target, e.g. kontant,undgaaet.",
            metavar="TYPE[,TYPE…]",
        ),
    ] = None,
    validators: Annotated[
        str | None,
        typer.Option(
            "--validators",
            help="Who may validate realised figures on SQLite, e.g. anna,bo (empty: "
            "nobody). On PostgreSQL the role parat_validator decides.",
            metavar="NAME[,NAME…]",
        ),
    ] = None,
    note: Annotated[str, typer.Option(help="Why (kept in the history).")] = "",
) -> None:
    """Change the target, the years, the allocation mode, stage weights, the benefit
    types that count, who validates or how amounts are shown."""
    weights = _weights(weight or [])
    from tracker.services.validation import require_change

    require_change(
        {
            "target": target,
            "allocation": allocation,
            "name": name,
            "target_year": target_year,
            "first_year": first_year,
            "last_year": last_year,
            "display": display,
            "decimals": decimals,
            "weights": weights or None,
            "counts": counts,
            "validators": validators,
        }
    )
    with state(ctx).open() as parat:
        parat.set_programme(
            name=name,
            target=target,
            target_year=target_year,
            first_year=first_year,
            last_year=last_year,
            allocation=allocation,
            weights=weights,
            display_unit=None if display is None else display.value,
            display_decimals=decimals,
            counting_types=counts,
            validators=validators,
            note=note,
        )
    done(_("Programme updated."))
