"""The root's sub-commands, each imported when it is first needed.

``parat status --json`` needs one command module; importing the sixteen others (and
what they import) on every start cost a tenth of the whole call, and Typer converting
all of them into Click commands cost as much again. :class:`LazyCommands` is the root
group's ``commands`` mapping: it knows every name from :data:`COMMANDS` at once (help,
suggestions and completion list them in this order), and builds a command from its
module only when it is looked up. A help page that lists them all builds them all.
"""

import importlib
from collections.abc import Callable, Iterator, MutableMapping

import typer
from typer import _click

__all__ = ["COMMANDS", "LazyCommands"]

#: Each command of the root, in the order help lists it: its module in
#: ``tracker.cli`` and the Typer sub-app it is (``None``: the module's ``register``
#: adds it to the root as a plain command).
COMMANDS: dict[str, tuple[str, str | None]] = {
    "init": ("commands_setup", None),
    "demo": ("commands_setup", None),
    "status": ("commands_status", None),
    "risk": ("commands_risk", None),
    "export": ("commands_export", None),
    "tui": ("commands_tui", None),
    "history": ("commands_history", None),
    "diff": ("commands_diff", None),
    "import": ("commands_import", None),
    "undo": ("commands_undo", None),
    "batch": ("commands_batch", None),
    "backup": ("commands_backup", None),
    "restore": ("commands_backup", None),
    "programme": ("commands_programme", "app"),
    "bucket": ("commands_bucket", "app"),
    "hypothesis": ("commands_hypothesis", "app"),
    "figure": ("commands_figure", "app"),
    "overlap": ("commands_overlap", "app"),
    "ramme": ("commands_ramme", "app"),
    "budget": ("commands_budget", "app"),
    "db": ("commands_setup", "db_app"),
    "config": ("commands_config", "app"),
    "snapshot": ("commands_snapshot", "app"),
}


def built_command(root: typer.Typer, name: str) -> _click.Command:
    """The Click command ``name`` exactly as Typer builds it under ``root``.

    A fresh Typer with the root's conversion settings holds just that command (or
    sub-app); converting it gives what converting the whole root would have given.
    """
    module_name, sub_app = COMMANDS[name]
    module = importlib.import_module(f"tracker.cli.{module_name}")
    holder = typer.Typer(
        rich_markup_mode=root.rich_markup_mode,
        pretty_exceptions_short=root.pretty_exceptions_short,
        suggest_commands=root.suggest_commands,
    )
    if sub_app is None:
        module.register(holder)
    else:
        holder.add_typer(getattr(module, sub_app), name=name)
    return typer.main.get_group(holder).commands[name]


class LazyCommands(MutableMapping[str, _click.Command]):
    """A group's commands by name, each built on first lookup and kept.

    ``loaded`` is called on each command as it is built (the root marks its tree for
    translated help there).
    """

    def __init__(
        self, build: Callable[[str], _click.Command], loaded: Callable[[_click.Command], None]
    ) -> None:
        self._build = build
        self._loaded = loaded
        self._names: list[str] = list(COMMANDS)
        self._built: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._built:
            if name not in self._names:
                raise KeyError(name)
            command = self._build(name)
            self._loaded(command)
            self._built[name] = command
        return self._built[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names
