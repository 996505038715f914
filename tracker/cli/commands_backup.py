"""``parat backup FILE`` and ``parat restore FILE`` (SQLite; PostgreSQL uses pg_dump)."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.output import done
from tracker.cli.state import state
from tracker.i18n import _

__all__ = ["register"]


def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The backup file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Copy the SQLite database to FILE while it is in use (online backup)."""
    from tracker.cli.progress import progress_bar
    from tracker.services.admin import backup_database

    title = _("Backup {file}").format(file=file.name)
    with progress_bar(title) as progress:
        info = backup_database(state(ctx).db, file, force=force, progress=progress)
    done(
        _(
            "Backed up '{programme}' to {path}: {hypotheses} hypotheses, {events} events, "
            "schema {revision}; integrity ok."
        ).format(
            programme=info.programme,
            path=info.path,
            hypotheses=info.hypotheses,
            events=info.events,
            revision=info.revision,
        )
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
    from tracker.services.dberrors import READ_ONLY, READ_ONLY_DA

    cli = state(ctx)
    if cli.read_only:
        raise ReadOnlyError(
            f"{READ_ONLY} (--read-only); nothing was restored",
            danish=f"{READ_ONLY_DA} (--read-only). Intet er genskabt.",
        )
    info = restore_database(cli.db, file, force=force)
    if info.replaced is not None:
        done(_("Kept a copy of the replaced database in {path}.").format(path=info.replaced))
    done(
        _(
            "Restored '{programme}' from {file} into {path}: {hypotheses} hypotheses, "
            "{events} events."
        ).format(
            programme=info.programme,
            file=file,
            path=info.path,
            hypotheses=info.hypotheses,
            events=info.events,
        )
    )


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
