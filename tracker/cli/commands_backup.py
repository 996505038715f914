"""``parat backup FILE`` and ``parat restore FILE`` (SQLite; PostgreSQL uses pg_dump)."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.output import done
from tracker.cli.state import state

__all__ = ["register"]


def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The backup file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Copy the SQLite database to FILE while it is in use (online backup)."""
    from tracker.cli.progress import progress_bar
    from tracker.services.admin import backup_database

    with progress_bar(f"Backup {file.name}") as progress:
        info = backup_database(state(ctx).db, file, force=force, progress=progress)
    done(
        f"Backed up '{info.programme}' to {info.path}: {info.hypotheses} hypotheses, "
        f"{info.events} events, schema {info.revision}; integrity ok."
    )


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made with `parat backup`.")],
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a database that holds data (a copy is kept)."),
    ] = False,
) -> None:
    """Check the backup FILE and put it in place of the database."""
    from tracker.errors import ReadOnlyError
    from tracker.services.admin import restore_database
    from tracker.services.dberrors import READ_ONLY

    cli = state(ctx)
    if cli.read_only:
        raise ReadOnlyError(f"{READ_ONLY} (--read-only); nothing was restored")
    info = restore_database(cli.db, file, force=force)
    if info.replaced is not None:
        done(f"Kept a copy of the replaced database in {info.replaced}.")
    done(
        f"Restored '{info.programme}' from {file} into {info.path}: "
        f"{info.hypotheses} hypotheses, {info.events} events."
    )


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
