"""``parat`` (no command) and ``parat tui``: open the terminal UI.

Textual is imported inside :func:`open_tui`, so other commands never load it.
"""

import sys

import typer

from tracker.cli.state import state
from tracker.i18n import _

__all__ = ["open_tui", "register"]


def open_tui(ctx: typer.Context, *, help_without_terminal: bool = True) -> None:
    """Open the terminal UI on the chosen database (``--db``, ``PARAT_DATABASE_URL``, …).

    Without a terminal (a pipe, a script) the UI cannot run: the root help is shown
    instead, or (``help_without_terminal=False``) a hint on stderr.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        if help_without_terminal:
            typer.echo(ctx.find_root().get_help())
        else:
            typer.echo(_("Not a terminal: run `parat` in a terminal to open the UI."), err=True)
        return
    from tui.app import run

    chosen = state(ctx)
    run(chosen.db, chosen.actor, read_only=chosen.read_only, settings=chosen.settings)


def tui(ctx: typer.Context) -> None:
    """Open the terminal UI (the same as `parat` with no command)."""
    open_tui(ctx)


def register(app: typer.Typer) -> None:
    app.command("tui")(tui)
