"""What the global options chose, with the configuration under them: the database,
the actor, read-only or not, and the display (see :mod:`tracker.config`)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import typer

from tracker.config import Settings, load_settings
from tracker.services import Parat, open_parat

__all__ = ["CliState", "state"]


@dataclass(slots=True)
class CliState:
    """Global options given before the command, and the settings they override."""

    db_flag: str | None = None
    """``--db`` as given."""
    actor_flag: str | None = None
    """``--actor`` as given."""
    read_only: bool = False
    flags: dict[str, object] = field(default_factory=dict)
    """Further root flags by setting key (``language`` once ``--lang`` exists)."""
    _settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        """The effective settings, read on first use (a bad file: :class:`ConfigError`,
        raised inside the command, so it ends as one line and exit 1)."""
        if self._settings is None:
            given = {"database": self.db_flag, "actor": self.actor_flag, **self.flags}
            self._settings = load_settings(given)
        return self._settings

    @property
    def db(self) -> str | None:
        """The database in force (``None``: the default file)."""
        value: str | None = self.settings["database"]
        return value

    @property
    def actor(self) -> str | None:
        """The actor in force (``None``: the system user)."""
        value: str | None = self.settings["actor"]
        return value

    def display(self, unit: str | None, decimals: int | None) -> tuple[str | None, int | None]:
        """``--display``/``--decimals`` as given, else the configured ones (``None``:
        the programme's own)."""
        return (
            unit if unit is not None else self.settings["display.unit"],
            decimals if decimals is not None else self.settings["display.decimals"],
        )

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
