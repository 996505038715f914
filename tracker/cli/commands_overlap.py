"""``parat overlap add|list|set|drop``: gains that two or more hypotheses both claim
(dobbelttælling), taken off the totals so that nothing counts twice."""

from typing import Annotated

import typer

from tracker.cli.output import done, mio, print_json, table
from tracker.cli.state import state
from tracker.i18n import _
from tracker.report import words as w

__all__ = ["app"]

app = typer.Typer(
    help="Double counting: a gain two or more hypotheses claim, counted once in the totals."
)

_MEMBERS_HELP = "The hypotheses that claim the gain, comma-separated: H03,H04 (two or more)."
_AMOUNT_HELP = "The amount counted twice in the target year (mio. kr. unless a unit: 2,0)."


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name for it, e.g. 'Hjemmeplejens timer'.")],
    members: Annotated[str, typer.Option("--members", help=_MEMBERS_HELP)],
    amount: Annotated[str, typer.Option("--amount", help=_AMOUNT_HELP)],
    note: Annotated[str, typer.Option(help="Why: which gain both claim.")] = "",
) -> None:
    """Record an overlap: the totals count its amount once instead of twice."""
    with state(ctx).open() as parat:
        o = parat.add_overlap(name, members=members, amount=amount, note=note)
    done(
        _("Overlap '{name}': {members}, {amount} counted twice.").format(
            name=o.name, members=", ".join(o.members), amount=mio(o.amount_kr)
        )
    )


@app.command("set")
def set_(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The overlap's name.")],
    members: Annotated[str | None, typer.Option("--members", help=_MEMBERS_HELP)] = None,
    amount: Annotated[str | None, typer.Option("--amount", help=_AMOUNT_HELP)] = None,
    note: Annotated[str | None, typer.Option(help="Its note (replaces the old one).")] = None,
) -> None:
    """Change an overlap's members, amount or note."""
    from tracker.services.validation import require_change

    require_change(
        {"members": members, "amount": amount, "note": note}, "--members, --amount or --note"
    )
    with state(ctx).open() as parat:
        o, changed = parat.set_overlap(name, members=members, amount=amount, note=note)
    if not changed:
        done(_("Overlap '{name}' is unchanged.").format(name=o.name))
        return
    done(
        _("Overlap '{name}': {members}, {amount} counted twice.").format(
            name=o.name, members=", ".join(o.members), amount=mio(o.amount_kr)
        )
    )


@app.command("drop")
def drop(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The overlap's name.")],
) -> None:
    """Remove an overlap from the totals (it stays in the history; undo brings it back)."""
    with state(ctx).open() as parat:
        o = parat.drop_overlap(name)
    done(_("Dropped overlap '{name}'.").format(name=o.name))


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List the overlaps by name: members, amount counted twice, note."""
    with state(ctx).open() as parat:
        overlaps = parat.overlaps()
    if as_json:
        from tracker.report import iso

        print_json(
            [
                {
                    "name": o.name,
                    "members": list(o.members),
                    "amount_kr": o.amount_kr,
                    "note": o.note,
                    "updated_at": iso(o.updated_at),
                    "actor": o.actor,
                }
                for o in overlaps
            ]
        )
        return
    if not overlaps:
        typer.echo(_("No overlaps."))
        return
    table(
        [_(w.NAME), _(w.HYPOTHESES), _(w.AMOUNT), _(w.NOTE)],
        [(o.name, ", ".join(o.members), mio(o.amount_kr), o.note) for o in overlaps],
        right=(2,),
    )
