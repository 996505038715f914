"""``parat ramme add|set|list``: the rammer (bevillingsområder) gains are written into."""

from typing import Annotated

import typer

from tracker.cli.completion import complete_rammer
from tracker.cli.output import done, print_json, table
from tracker.cli.state import state
from tracker.i18n import _
from tracker.report import words as w

__all__ = ["app"]

app = typer.Typer(help="The rammer (bevillingsområder) a decided gain is written into.")

KeyArgument = Annotated[
    str,
    typer.Argument(
        help="Ramme key, e.g. kd (a-z, æøå, digits, '.', '-', '_').",
        autocompletion=complete_rammer,
    ),
]
NoteOption = Annotated[str, typer.Option(help="Why (kept in the history).")]


def _inside(serviceramme: bool) -> str:
    return _("inside the serviceramme") if serviceramme else _("outside the serviceramme")


@app.command("add")
def add(
    ctx: typer.Context,
    key: KeyArgument,
    name: Annotated[str, typer.Option(help="The ramme's name.")],
    udvalg: Annotated[str, typer.Option(help="The udvalg (committee) it belongs to.")] = "",
    serviceramme: Annotated[
        bool,
        typer.Option(
            "--serviceramme/--ikke-serviceramme",
            help="Inside the serviceramme (default) or outside it.",
        ),
    ] = True,
    note: NoteOption = "",
) -> None:
    """Add a ramme: a key, a name, an optional udvalg, inside the serviceramme or not."""
    with state(ctx).open() as parat:
        r = parat.add_ramme(key, name=name, udvalg=udvalg, serviceramme=serviceramme, note=note)
    done(
        _("Ramme {key}: {name}, {inside}.").format(
            key=r.key, name=r.name, inside=_inside(r.serviceramme)
        )
    )


@app.command("set")
def set_(
    ctx: typer.Context,
    key: KeyArgument,
    name: Annotated[str | None, typer.Option(help="A new name.")] = None,
    udvalg: Annotated[str | None, typer.Option(help="The udvalg (an empty text: none).")] = None,
    serviceramme: Annotated[
        bool | None,
        typer.Option(
            "--serviceramme/--ikke-serviceramme",
            help="Move it inside or outside the serviceramme.",
        ),
    ] = None,
    note: NoteOption = "",
) -> None:
    """Change a ramme's name, udvalg or serviceramme (each change is kept)."""
    with state(ctx).open() as parat:
        r, changed = parat.set_ramme(
            key, name=name, udvalg=udvalg, serviceramme=serviceramme, note=note
        )
    if changed:
        done(
            _("Ramme {key}: {name}, {inside}.").format(
                key=r.key, name=r.name, inside=_inside(r.serviceramme)
            )
        )
    else:
        done(_("Ramme {key}: it was already so; nothing changed.").format(key=r.key))


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List the rammer by key."""
    from tracker.report.budget import ramme_to_dict

    with state(ctx).open() as parat:
        rammer = parat.rammer()
    if as_json:
        print_json([ramme_to_dict(r) for r in rammer])
        return
    if not rammer:
        typer.echo(_("No rammer yet: add one with `parat ramme add KEY --name …`."))
        return
    table(
        [_(w.KEY), _(w.RAMME), _(w.UDVALG), _(w.SERVICERAMME)],
        [(r.key, r.name, r.udvalg, _("yes") if r.serviceramme else _("no")) for r in rammer],
    )
