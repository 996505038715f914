"""The real command tree of ``parat``, read from the Typer app: every command and its
parameters, classified by what kind of value they take.

The fuzz test generates its calls from this, so a new command or option is fuzzed
the day it is added, with no list to keep up to date.
"""

import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer.main

from tracker.cli import app

__all__ = ["COMMAND", "CommandSpec", "ParamSpec", "commands", "root_params"]

#: The click command ``parat`` runs, built once (Typer builds it anew on every
#: ``CliRunner.invoke``, which costs a third of a fast call).
COMMAND: Any = typer.main.get_command(app)


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """One parameter: an argument, an option taking a value, or a flag."""

    name: str
    opt: str | None
    """The option's first spelling (``--potential``); None for an argument."""
    kind: str
    """``flag``, ``choice``, ``int``, ``path`` or ``text``."""
    choices: tuple[str, ...]
    multiple: bool
    required: bool


@dataclass(frozen=True, slots=True)
class CommandSpec:
    path: tuple[str, ...]
    params: tuple[ParamSpec, ...]

    @property
    def label(self) -> str:
        return " ".join(self.path) or "(root)"


def _base(annotation: Any) -> Any:
    """``int | None`` -> ``int``; ``list[str] | None`` -> ``str``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base(args[0]) if len(args) == 1 else annotation
    if origin is list:
        return _base(typing.get_args(annotation)[0])
    return annotation


def _spec(param: Any) -> ParamSpec:
    descriptor = param.type_descriptor
    base = _base(descriptor.annotation)
    is_option = param.param_type_name == "option"
    if is_option and getattr(param, "is_flag", False):
        kind = "flag"
    elif descriptor.is_choice:
        kind = "choice"
    elif descriptor.is_path or base is Path:
        kind = "path"
    elif base is int:
        kind = "int"
    else:
        kind = "text"
    choices = tuple(str(getattr(c, "value", c)) for c in descriptor.choices or ())
    return ParamSpec(
        name=param.name,
        opt=param.opts[0] if is_option else None,
        kind=kind,
        choices=choices,
        multiple=bool(param.multiple),
        required=bool(param.required),
    )


def _walk(command: Any, path: tuple[str, ...]) -> list[CommandSpec]:
    subcommands = getattr(command, "commands", None)
    if subcommands:
        found: list[CommandSpec] = []
        for name, sub in sorted(subcommands.items()):
            found.extend(_walk(sub, (*path, name)))
        if path:  # a group called without its sub-command
            found.append(CommandSpec(path, ()))
        return found
    params = tuple(_spec(p) for p in command.params if p.name not in ("help",))
    return [CommandSpec(path, params)]


def commands() -> list[CommandSpec]:
    """Every command under the root (and each group on its own), sorted by path."""
    return _walk(COMMAND, ())


def root_params() -> tuple[ParamSpec, ...]:
    """The global options (``--db``, ``--actor``, ``--read-only``)."""
    return tuple(_spec(p) for p in COMMAND.params if p.name not in ("help",))
