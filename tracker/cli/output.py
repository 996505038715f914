"""Printing for people (aligned tables, Danish amounts) and for programs (JSON)."""

import dataclasses
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer

from tracker.cli.numbers import DECIMALS
from tracker.domain.money import Display, format_mio
from tracker.domain.status import Status

__all__ = [
    "DecimalsOption",
    "DisplayOption",
    "DisplayUnit",
    "chosen_display",
    "done",
    "fields",
    "mio",
    "print_json",
    "shown_in",
    "table",
]


class DisplayUnit(StrEnum):
    """The unit people see amounts in (``--display``)."""

    MIO = "mio"
    TKR = "tkr"
    KR = "kr"


DisplayOption = Annotated[
    DisplayUnit | None,
    typer.Option(
        "--display",
        help="Show amounts in mio (mio. kr.), tkr (t.kr.) or kr "
        "(default: the configuration's, else the programme's: programme set --display).",
    ),
]
DecimalsOption = Annotated[
    int | None,
    typer.Option(
        "--decimals",
        parser=DECIMALS,
        help="Decimals in that unit, 0-3 (default: the configuration's, else the "
        "programme's); an amount that "
        "would round to 0 shows the decimals it needs.",
    ),
]


def chosen_display(default: Display, unit: str | None, decimals: int | None) -> Display:
    """The display a command asked for (``--display``, else the configured one: see
    ``CliState.display``), else the programme's ``default``."""
    return Display(
        default.unit if unit is None else str(unit),
        default.decimals if decimals is None else decimals,
    )


def shown_in(status: Status, unit: str | None, decimals: int | None) -> Status:
    """``status`` to be shown in the display a command asked for (the renderers and
    printers read ``status.programme.display``)."""
    if unit is None and decimals is None:
        return status
    display = chosen_display(status.programme.display, unit, decimals)
    return dataclasses.replace(
        status, programme=dataclasses.replace(status.programme, display=display)
    )


def print_json(data: Any) -> None:
    """JSON on stdout, nothing else: ``--json`` output is for programs."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def mio(kr: int | None) -> str:
    """An amount for a table cell; empty when there is none."""
    return "" if kr is None else format_mio(kr)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], right: Sequence[int] = ()) -> None:
    """An aligned plain-text table; columns whose index is in ``right`` align right."""
    cells = [[str(h) for h in headers], *[["" if c is None else str(c) for c in r] for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "  ".join(parts).rstrip()

    typer.echo(line(cells[0]))
    typer.echo("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        typer.echo(line(row))


def fields(rows: Sequence[tuple[str, object]], indent: str = "  ") -> None:
    """Label and value per line, the values aligned (``Område:   Skole``)."""
    width = max((len(label) for label, _ in rows), default=0) + 1
    for label, value in rows:
        typer.echo(f"{indent}{label + ':':<{width}} {value}".rstrip())


def done(message: str) -> None:
    """A one-line confirmation of a change."""
    typer.echo(message)
