"""The root command: global options, sub-command groups and error handling.

Errors a user can cause end as one line on stderr and an exit code (see
:class:`tracker.errors.ExitCode`); the data stays as it was.
"""

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tracker.cli import (
    commands_backup,
    commands_batch,
    commands_bucket,
    commands_diff,
    commands_export,
    commands_figure,
    commands_history,
    commands_hypothesis,
    commands_import,
    commands_programme,
    commands_setup,
    commands_snapshot,
    commands_status,
    commands_tui,
    commands_undo,
)
from tracker.cli.state import CliState
from tracker.errors import ParatError

__all__ = ["app", "main"]


def _fail(message: str, code: int) -> None:
    typer.echo(f"parat: {message}", err=True)
    raise typer.Exit(code)


class ParatGroup(TyperGroup):
    """Turns user errors raised anywhere below into one line and an exit code.

    The services translate every database error a user can meet into a
    :class:`ParatError`; anything else is a bug and keeps its traceback.
    """

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ParatError as error:
            _fail(str(error), error.exit_code)
        return None


app = typer.Typer(
    cls=ParatGroup,
    name="parat",
    help="Parat: track the savings programme 'Parat til fremtiden' toward its target.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(shown: bool) -> None:
    if shown:
        from tracker.version import __version__

        typer.echo(f"parat {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database file or URL (sqlite:///…, postgresql+psycopg://…). "
            "Default: $PARAT_DATABASE_URL, else parat.db in your data folder.",
            metavar="PATH|URL",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor", help="Name stamped on changes (default: $PARAT_ACTOR, else your user)."
        ),
    ] = None,
    read_only: Annotated[
        bool,
        typer.Option(
            "--read-only",
            envvar="PARAT_READ_ONLY",
            help="Only read: every write is refused (for viewers).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print Parat's version and stop."
        ),
    ] = False,
) -> None:
    """Global options come before the command: parat [--db …] [--actor …] COMMAND …"""
    ctx.obj = CliState(db=db, actor=actor, read_only=read_only)
    if ctx.invoked_subcommand is None:
        commands_tui.open_tui(ctx)


commands_setup.register(app)
commands_status.register(app)
commands_export.register(app)
commands_tui.register(app)
app.add_typer(commands_programme.app, name="programme")
app.add_typer(commands_bucket.app, name="bucket")
app.add_typer(commands_hypothesis.app, name="hypothesis")
app.add_typer(commands_figure.app, name="figure")
app.add_typer(commands_setup.db_app, name="db")
commands_history.register(app)
app.add_typer(commands_snapshot.app, name="snapshot")
commands_diff.register(app)
commands_import.register(app)
commands_undo.register(app)
commands_batch.register(app)
commands_backup.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
