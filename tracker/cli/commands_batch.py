"""``parat batch [FILE]``: many write commands in one process, JSON Lines in and out.

Scripts and finance systems pay one start-up for a thousand changes instead of a
thousand. The forms of the lines and what each does are the services' (see
:mod:`tracker.services.script`); here the lines are read and the results printed,
one JSON object a line, as soon as each is known.
"""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.state import state
from tracker.errors import InvalidInput
from tracker.io.files import check_input_file

__all__ = ["register"]


def batch(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(help="JSON Lines file (default: standard input).", show_default=False),
    ] = None,
    atomic: Annotated[
        bool,
        typer.Option(
            "--atomic", help="The whole input is one transaction: all lines are written, or none."
        ),
    ] = False,
) -> None:
    """Run write commands given as JSON Lines, one a line, e.g.
    {"cmd": "figure.set", "code": "H04", "year": 2018, "potential": "4,5"}.
    Each line is one transaction (source "batch") and gets one JSON result line on
    stdout. Commands: hypothesis.add, hypothesis.set, hypothesis.drop, figure.set,
    bucket.set, programme.set, ramme.add, ramme.set, budget.set, budget.cut,
    budget.uncut, snapshot.add, snapshot.rename, snapshot.delete, undo;
    their fields are the options of the same CLI command. Exit code: 0 when every line
    succeeded, else the highest exit code of a line."""
    if file is None:
        stream = typer.get_binary_stream("stdin")
    else:
        # A named pipe or a device is refused before it is opened (it could wait
        # for a writer for ever, or never end); standard input streams as it comes.
        check_input_file(file, label="batch")
        try:
            stream = file.open("rb")
        except OSError as error:
            raise InvalidInput(
                f"cannot read {file}: {error.strerror}",
                danish=f"{file} kan ikke læses: {error.strerror}.",
            ) from None
    worst = 0
    out = sys.stdout
    with stream, state(ctx).open(source="batch") as parat:
        for result in parat.batch(stream, atomic=atomic):
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            out.flush()  # a script that waits for a line's result gets it now
            worst = max(worst, result.exit)
    raise typer.Exit(worst)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
