"""What the global options chose: the database, the actor, read-only or not."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import typer

from tracker.services import Parat, open_parat

__all__ = ["CliState", "state"]


@dataclass(slots=True)
class CliState:
    """Global options given before the command."""

    db: str | None = None
    actor: str | None = None
    read_only: bool = False

    @contextmanager
    def open(
        self, *, create: bool = False, at: str | None = None, source: str = "cli"
    ) -> Iterator[Parat]:
        """The API on the chosen database (its errors are all :class:`ParatError`).

        Only commands that create a programme (``init``, ``demo``) pass ``create``:
        any other command on a SQLite file that does not exist says so and creates
        nothing (it would find no programme in a new file anyway). ``at`` dates every
        write at that moment (``--at``); ``source`` is stamped on every event.
        """
        with open_parat(
            self.db,
            actor=self.actor,
            source=source,
            read_only=self.read_only,
            create=create,
            at=at,
        ) as parat:
            yield parat


def state(ctx: typer.Context) -> CliState:
    """The state of the root command, from any sub-command's context."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj
