"""``parat export``: the status summary as md, html, pdf, xlsx, csv or json.

Text formats go to stdout unless ``--output`` is given; PDF and XLSX need
``--output``. ``Parat.export`` builds the report and renders it; the renderers (and
Jinja2, fpdf2, XlsxWriter, pydantic) are imported only when it runs, so no other
command pays for them.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.options import AsOfOption, RiskDrawsOption, RiskSeedOption, risk_draws
from tracker.cli.output import DecimalsOption, DisplayOption, chosen_display, done
from tracker.cli.state import state
from tracker.errors import InvalidInput
from tracker.i18n import _

__all__ = ["register"]


class ExportFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"
    csv = "csv"
    json = "json"


class CsvDialect(StrEnum):
    danish = "danish"
    excel_us = "excel-us"


BINARY = {ExportFormat.pdf, ExportFormat.xlsx}


def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", "-f", help="md, html, pdf, xlsx, csv or json.", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write (required for pdf and xlsx).", metavar="FILE"
        ),
    ] = None,
    as_of: AsOfOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help='Add "Siden sidst": what moved since then.', metavar="SNAPSHOT|DATE"
        ),
    ] = None,
    csv_dialect: Annotated[
        CsvDialect | None,
        typer.Option(
            "--csv-dialect",
            help="danish (; and decimal comma, the default) or excel-us (, and point).",
        ),
    ] = None,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the JSON Schema of the json format.")
    ] = False,
    display: DisplayOption = None,
    decimals: DecimalsOption = None,
    with_risk: Annotated[
        bool,
        typer.Option(
            "--risk",
            help='Add "How sure are we?" (md, html, pdf, xlsx, json): the simulation, '
            "with its draws and seed.",
        ),
    ] = False,
    draws: RiskDrawsOption = None,
    seed: RiskSeedOption = None,
) -> None:
    """Export the status summary for the chief group (text formats to stdout).

    --display/--decimals set how md, html and pdf show amounts; the xlsx cells, the
    csv and the json hold exact amounts whatever they say."""
    if schema:
        import json

        from tracker.exports import json_schema

        text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
        _emit(text.encode(), output, _("the JSON Schema"))
        return
    if fmt is None:
        raise InvalidInput(
            "give --format md|html|pdf|xlsx|csv|json (or --schema)",
            danish="Angiv --format md|html|pdf|xlsx|csv|json (eller --schema).",
        )
    if csv_dialect is not None and fmt is not ExportFormat.csv:
        raise InvalidInput(
            "--csv-dialect applies only to --format csv",
            danish="--csv-dialect gælder kun for --format csv.",
        )
    simulation = risk_draws(with_risk, draws, seed)
    if with_risk and fmt is ExportFormat.csv:
        raise InvalidInput(
            "--risk applies to md, html, pdf, xlsx and json (the csv holds the hypotheses)",
            danish="--risk gælder for md, html, pdf, xlsx og json (csv rummer hypoteserne).",
        )
    if fmt in BINARY and output is None:
        raise InvalidInput(
            f"--format {fmt.value} writes a binary file: give --output FILE",
            danish=f"--format {fmt.value} skriver en binær fil: angiv --output FIL.",
        )

    from tracker.cli.progress import progress_bar

    risk = None
    if simulation is not None:
        from tracker.services.risk import Draws

        risk = Draws(*simulation)

    with (
        state(ctx).open() as parat,
        progress_bar(_("Export {format}").format(format=fmt.value)) as progress,
    ):
        moment = parat.resolve_moment(as_of) if as_of else None
        diff = None
        if since:
            diff = parat.diff(
                parat.resolve_moment(since),
                moment,
                # a snapshot by its name (the heading adds its time), a date as itself
                since_label=parat.moment_label(since),
                until_label=parat.moment_label(as_of) if as_of else "nu",
            )
        shown = None
        unit, places = state(ctx).display(display, decimals)
        if unit is not None or places is not None:
            shown = chosen_display(parat.programme().display, unit, places)
        data = parat.export(
            fmt.value,
            as_of=moment,
            diff=diff,
            csv_dialect=(csv_dialect or CsvDialect.danish).value,
            display=shown,
            progress=progress,
            risk=risk,
        )
    payload = data if isinstance(data, bytes) else data.encode("utf-8")
    _emit(payload, output, _("the {format} summary").format(format=fmt.value))


def _emit(payload: bytes, output: Path | None, what: str) -> None:
    if output is None:
        stream = sys.stdout.buffer
        stream.write(payload)
        stream.flush()
        return
    from tracker.io.files import write_atomic

    write_atomic(output, payload)
    done(_("Wrote {what} to {output}").format(what=what, output=output))


def register(app: typer.Typer) -> None:
    app.command("export")(export)
