"""``parat undo [EVENT_ID]``: revert a change by writing its inverse."""

from typing import Annotated

import typer

from tracker.cli.numbers import DATABASE_ID
from tracker.cli.output import done
from tracker.cli.state import state

__all__ = ["register"]


def undo(
    ctx: typer.Context,
    event_id: Annotated[
        int | None,
        typer.Argument(help="The event to revert (see `parat history`).", parser=DATABASE_ID),
    ] = None,
) -> None:
    """Revert an event, or by default your own last change (all that one command
    wrote). The history keeps both: the undo is new events. Refused (exit 3) when the
    value has changed since."""
    from tracker.cli.commands_history import describe_event

    with state(ctx).open() as parat:
        new_events = parat.undo(event_id)
    if not new_events:
        done("Nothing to undo: the values were already so.")
        return
    for e in new_events:
        done(f"Undone: {describe_event(e)} (event #{e.id}, {e.note})")


def register(app: typer.Typer) -> None:
    app.command("undo")(undo)
