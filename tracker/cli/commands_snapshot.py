"""``parat snapshot add|list|rename|delete``: named moments such as a chief group meeting."""

from typing import Annotated

import typer

from tracker.cli.completion import complete_snapshots
from tracker.cli.output import done, print_json, table
from tracker.cli.state import state
from tracker.i18n import _
from tracker.report import words as w

__all__ = ["app"]

app = typer.Typer(help="Named moments, such as a chief group meeting, to compare against.")


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, e.g. 'Chefgruppemøde marts'.")],
    at: Annotated[
        str | None,
        typer.Option(help="The moment (default: now): 2018-03-12T10:00, 12.03.2018, …"),
    ] = None,
) -> None:
    """Name a moment (now, or --at a past one)."""
    from tracker.report.moments import show_moment

    with state(ctx).open() as parat:
        snap = parat.add_snapshot(name, at)
    done(_("Snapshot '{name}' at {at}.").format(name=snap.name, at=show_moment(snap.at)))


@app.command("rename")
def rename(
    ctx: typer.Context,
    old: Annotated[
        str,
        typer.Argument(help="The snapshot's name now.", autocompletion=complete_snapshots),
    ],
    new: Annotated[str, typer.Argument(help="Its new name.")],
) -> None:
    """Rename a snapshot (undo renames it back)."""
    with state(ctx).open() as parat:
        snap = parat.rename_snapshot(old, new)
    done(_("Snapshot '{old}' is now '{new}'.").format(old=old.strip(), new=snap.name))


@app.command("delete")
def delete(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="The snapshot to delete.", autocompletion=complete_snapshots),
    ],
) -> None:
    """Delete a snapshot; no change is lost (undo names the moment again)."""
    with state(ctx).open() as parat:
        parat.delete_snapshot(name)
    done(_("Deleted snapshot '{name}'.").format(name=name.strip()))


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List the snapshots, oldest first."""
    from tracker.report import iso
    from tracker.report.moments import show_moment

    with state(ctx).open() as parat:
        snaps = parat.snapshots()
    if as_json:
        print_json(
            [
                {"name": s.name, "at": iso(s.at), "actor": s.actor, "created_at": iso(s.created_at)}
                for s in snaps
            ]
        )
        return
    table(
        [_(w.NAME), _(w.MOMENT), _(w.CREATED_BY)],
        [(s.name, show_moment(s.at), s.actor) for s in snaps],
    )
