"""Options several commands share, defined once so their names, help and checks
agree: the moment (``--as-of``) and the simulation's ``--draws``/``--seed``."""

from typing import Annotated

import typer

from tracker.cli.completion import complete_snapshots
from tracker.cli.numbers import DRAW_COUNT, SEED_NUMBER
from tracker.domain.draws import DRAWS, SEED
from tracker.errors import InvalidInput

__all__ = [
    "AsOfOption",
    "DrawsOption",
    "RiskDrawsOption",
    "RiskSeedOption",
    "SeedOption",
    "risk_draws",
]

AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="As it stood then: a snapshot name or a date (2018-03-12 = the end of that day).",
        metavar="SNAPSHOT|DATE",
        autocompletion=complete_snapshots,
    ),
]

# `parat risk` always simulates: its draws and seed have defaults.
DrawsOption = Annotated[
    int,
    typer.Option(
        "--draws", parser=DRAW_COUNT, help="Number of draws of the simulation.", metavar="N"
    ),
]
SeedOption = Annotated[
    int,
    typer.Option(
        "--seed",
        parser=SEED_NUMBER,
        help="Seed of the simulation (the same seed gives the same figures).",
        metavar="S",
    ),
]

# Commands that simulate only with --risk: unset means "not asked for".
RiskDrawsOption = Annotated[
    int | None,
    typer.Option("--draws", parser=DRAW_COUNT, help="Draws of the --risk simulation.", metavar="N"),
]
RiskSeedOption = Annotated[
    int | None,
    typer.Option("--seed", parser=SEED_NUMBER, help="Seed of the --risk simulation.", metavar="S"),
]


def risk_draws(with_risk: bool, draws: int | None, seed: int | None) -> tuple[int, int] | None:
    """The simulation's (draws, seed) when ``--risk`` asks for it, else ``None``;
    ``--draws`` or ``--seed`` without ``--risk`` is a mistake, said so."""
    if not with_risk:
        if draws is not None or seed is not None:
            raise InvalidInput(
                "--draws and --seed apply only with --risk",
                danish="--draws og --seed gælder kun sammen med --risk.",
            )
        return None
    return (DRAWS if draws is None else draws, SEED if seed is None else seed)
