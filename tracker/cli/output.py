"""Printing for people (aligned tables, Danish amounts) and for programs (JSON)."""

import json
import sys
from collections.abc import Sequence
from typing import Any

import typer

from tracker.domain.money import format_mio

__all__ = ["done", "mio", "print_json", "table"]


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


def done(message: str) -> None:
    """A one-line confirmation of a change."""
    typer.echo(message)
