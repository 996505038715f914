"""``parat import FILE``: a CSV or JSON file of attributes and figures, all or nothing."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.output import done
from tracker.cli.state import state
from tracker.domain.diff import ignored_earmarks
from tracker.domain.money import parse_unit
from tracker.domain.plausible import ReadOptions
from tracker.i18n import _

__all__ = ["Unit", "register"]


class Unit(StrEnum):
    """The unit of a bare number in an amount."""

    KR = "kr"
    TKR = "tkr"
    MIO = "mio"


UNIT_HELP = "Unit of bare numbers: kr, tkr (1.000 kr.) or mio (mio. kr.)."


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
    unit: Annotated[
        Unit, typer.Option(help=UNIT_HELP + " A unit in a column's heading wins.")
    ] = Unit.MIO,
    reductions_negative: Annotated[
        bool,
        typer.Option(
            "--reductions-negative",
            help="The file writes savings as reductions with a minus (budget style): "
            "flip the sign of potential and realised figures.",
        ),
    ] = False,
    allow_negative: Annotated[
        bool,
        typer.Option(
            "--allow-negative", help="Let a negative potential or realised figure (a loss) in."
        ),
    ] = False,
    accept_large: Annotated[
        bool,
        typer.Option(
            "--accept-large", help="Let a figure larger than the whole target in (it is meant)."
        ),
    ] = False,
    skip_column: Annotated[
        list[str] | None,
        typer.Option(
            "--skip-column", help="Leave this column of the file out (repeatable).", metavar="NAME"
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
    """Import hypotheses and figures: columns code (Nr., Kode), title (Forslag, Titel),
    area (Område, Udvalg), owner (Ansvarlig), stage (Fase), bucket (Pulje),
    confidence, description (Beskrivelse), note, potential_YYYY (Potentiale YYYY, or
    just YYYY), realised_YYYY (Realiseret YYYY), investment_YYYY (Investering YYYY),
    low_YYYY (Minimum YYYY) and high_YYYY (Maksimum YYYY), the potential's range, and
    udmøntet_YYYY (a cut of the row's ramme, with ramme and decision/Beslutning
    columns; 0 withdraws it), in any case; a heading may give its unit: "2019 (1.000
    kr.)". Any error: nothing is written."""
    options = ReadOptions(
        unit=parse_unit(unit.value),
        reductions_negative=reductions_negative,
        allow_negative=allow_negative,
        accept_large=accept_large,
        skip_columns=frozenset(name.strip().casefold() for name in skip_column or ()),
    )
    from tracker.cli.progress import progress_bar

    with (
        state(ctx).open(at=at) as parat,
        progress_bar(_("Import {file}").format(file=file.name)) as progress,
    ):
        result = parat.import_file(
            file, fmt=fmt, dry_run=dry_run, options=options, progress=progress
        )
    s = result.summary
    counts = _(
        "{rows} rows, {added} hypotheses added, {attributes} attribute changes, "
        "{figures} figure changes"
    ).format(
        rows=s.rows,
        added=len(s.added),
        attributes=s.attribute_changes,
        figures=s.figure_changes,
    )
    if s.cut_changes:
        counts += _(", {cuts} cut changes").format(cuts=s.cut_changes)
    if result.dry_run:
        from tracker.cli.commands_diff import print_diff

        if result.diff is not None:
            import dataclasses

            # The moments as the reader says them (the service names them in Danish).
            moved = dataclasses.replace(
                result.diff,
                since_label=_("before the import"),
                until_label=_("after importing {file}").format(file=result.filename),
            )
            print_diff(moved, moved.after.programme.display, exact_figures=True)
            earmarked = ignored_earmarks(result.diff)
            if earmarked:
                typer.echo(
                    _(
                        "Warning: the file earmarks {n} hypotheses to a bucket ({codes}), "
                        "but the waterfall rule ignores earmarks "
                        "(parat programme set --allocation earmarked uses them)."
                    ).format(n=len(earmarked), codes=", ".join(earmarked)),
                    err=True,
                )
        typer.echo(
            "\n"
            + _("Dry run of {file}: {counts}; nothing was written.").format(
                file=result.filename, counts=counts
            )
        )
    elif s.changes:
        done(_("Imported {file}: {counts}.").format(file=result.filename, counts=counts))
    else:
        done(
            _("Imported {file}: {rows} rows, nothing changed.").format(
                file=result.filename, rows=s.rows
            )
        )


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
