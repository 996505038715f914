"""``parat import FILE``: a CSV or JSON file of attributes and figures, all or nothing."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.output import done
from tracker.cli.state import state

__all__ = ["register"]


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV (; or ,) or JSON file.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="csv or json (default: from the file name).", metavar="csv|json"
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="Date the changes at this moment (load an earlier meeting's state; "
            "not before the newest change).",
            metavar="MOMENT",
        ),
    ] = None,
) -> None:
    """Import hypotheses and figures: columns code, title, area, owner, stage, bucket,
    confidence, description, note, potential_YYYY, realised_YYYY, investment_YYYY
    (amounts in mio. kr. unless a unit). Any error: nothing is written."""
    with state(ctx).open(at=at) as parat:
        result = parat.import_file(file, fmt=fmt, dry_run=dry_run)
    s = result.summary
    counts = (
        f"{s.rows} rows, {len(s.added)} hypotheses added, "
        f"{s.attribute_changes} attribute changes, {s.figure_changes} figure changes"
    )
    if result.dry_run:
        from tracker.cli.commands_diff import print_diff

        if result.diff is not None:
            print_diff(result.diff)
        typer.echo(f"\nDry run of {result.filename}: {counts}; nothing was written.")
    elif s.changes:
        done(f"Imported {result.filename}: {counts}.")
    else:
        done(f"Imported {result.filename}: {s.rows} rows, nothing changed.")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
