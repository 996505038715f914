"""The CLI's own text in the chosen language: help pages, usage lines, usage errors.

Help texts are English where they are declared (``help=…``, the docstrings); they are
translated when a help page or a usage line is shown, never at start-up, so a command
that only prints JSON never reads the catalogue (:mod:`tracker.cli.help_catalogue`
puts every help text of the tree into the catalogue).

Typer's vendored Click writes its usage errors as fixed English sentences; they are
recognised here and said again in Danish (:func:`translated_usage_error`).
"""

import re
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

from typer import _click
from typer.core import TyperGroup

from tracker.i18n import N_, _, current_language

__all__ = [
    "ParatContext",
    "prepare_tree",
    "translated_usage_error",
    "walk",
]

#: What Click and Typer write themselves, for the catalogue.
OWN_TEXT = (
    N_("Usage: "),
    N_("Options"),
    N_("Commands"),
    N_("Arguments"),
    N_("Show this message and exit."),
    N_("Try '{command} {option}' for help."),
    N_("Error: {message}"),
)

#: Click's usage errors (as they are formatted) → the catalogue's sentence for them.
USAGE_ERRORS: tuple[tuple[str, str], ...] = (
        (r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)",
            N_("No such option: {name} (did you mean {options}?)")),
        (r"No such option: (?P<name>.+)", N_("No such option: {name}")),
        (r"No such command '(?P<name>.*)'\. Did you mean (?P<options>.+)\?",
            N_("No such command '{name}'. Did you mean {options}?")),
        (r"No such command '(?P<name>.*)'\.", N_("No such command '{name}'.")),
        (r"Missing command\.", N_("Missing command.")),
        (r"Missing argument '(?P<name>.+)'\.", N_("Missing argument '{name}'.")),
        (r"Missing option '(?P<name>.+)'\.", N_("Missing option '{name}'.")),
        (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)",
            N_("Got unexpected extra argument(s) ({args})")),
        (r"Option '(?P<name>.+)' requires an argument\.",
            N_("Option '{name}' requires an argument.")),
        (r"Option '(?P<name>.+)' requires (?P<n>\d+) arguments\.",
            N_("Option '{name}' requires {n} arguments.")),
        (r"Option '(?P<name>.+)' does not take a value\.",
            N_("Option '{name}' does not take a value.")),
        (r"Invalid value for (?P<name>'[^']+'(?: / '[^']+')*): (?P<why>.*)",
            N_("Invalid value for {name}: {why}")),
        (r"Invalid value: (?P<why>.*)", N_("Invalid value: {why}")),
)  # fmt: skip

#: The reasons inside "Invalid value for …: <reason>" that Click/Typer write.
VALUE_REASONS: tuple[tuple[str, str], ...] = (
        (r"(?P<value>'.*') is not one of (?P<choices>.+)\.",
            N_("{value} is not one of {choices}.")),
        (r"(?P<value>'.*') is not a valid integer\.", N_("{value} is not a whole number.")),
        (r"Value (?P<value>'.*') is not a valid (?P<what>\w+)\.",
            N_("{value} is not a valid value.")),
)  # fmt: skip

#: Typer's notes in brackets after an option's help.
_EXTRA = r"\[(?P<items>[^\[\]]*)\]$"
N_("default: {default}")
N_("required")
N_("env var: {var}")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """Patterns are compiled when a usage error or help page needs them, not at start-up."""
    return re.compile(pattern, re.DOTALL)


def _say(template: str, match: re.Match[str]) -> str:
    return _(template).format(**match.groupdict())


def _reason(text: str) -> str:
    for pattern, template in VALUE_REASONS:
        if match := _compiled(pattern).fullmatch(text):
            return _say(template, match)
    return text  # Parat's own parsers write theirs in the chosen language already


def usage_message(message: str) -> str:
    """A usage error's sentence in the chosen language (as it was when unknown)."""
    for pattern, template in USAGE_ERRORS:
        if match := _compiled(pattern).fullmatch(message):
            parts = match.groupdict()
            if "why" in parts:
                parts["why"] = _reason(parts["why"])
            return _(template).format(**parts)
    return message


class _TranslatedUsageError(_click.exceptions.UsageError):
    """A usage error shown in Danish: the usage line, the hint and the sentence."""

    def __init__(self, original: _click.exceptions.UsageError) -> None:
        super().__init__(usage_message(original.format_message()), original.ctx)
        self.exit_code = original.exit_code

    def format_message(self) -> str:
        return self.message

    def show(self, file: IO[Any] | None = None) -> None:
        hint = ""
        if self.ctx is not None and self.ctx.command.get_help_option(self.ctx) is not None:
            hint = _("Try '{command} {option}' for help.").format(
                command=self.ctx.command_path, option=self.ctx.help_option_names[0]
            )
            hint += "\n"
        if self.ctx is not None:
            _click.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, err=file is None)
        message = _("Error: {message}").format(message=self.message)
        _click.echo(message, file=file, err=file is None)


def translated_usage_error(error: _click.exceptions.UsageError) -> Exception:
    """``error`` in the chosen language (itself in English, or when it shows help)."""
    if current_language() == "en" or type(error).__name__ == "NoArgsIsHelpError":
        return error
    return _TranslatedUsageError(error)


class ParatFormatter(_click.HelpFormatter):
    """Click's help formatter with its headings and Typer's notes translated."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    def section(self, name: str) -> Any:
        return super().section(_(name))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _notes(text)) for term, text in rows], col_max, col_spacing)


_NOTES = (
    (r"default: (?P<default>.*)", "default: {default}"),
    (r"env var: (?P<var>.*)", "env var: {var}"),
    (r"required", "required"),
)


def _notes(text: str) -> str:
    """Typer's ``[default: …; required]`` after an option's help, translated."""
    match = _compiled(_EXTRA).search(text)
    if match is None or current_language() == "en":
        return text
    items = []
    for item in match["items"].split("; "):
        for pattern, template in _NOTES:
            if found := _compiled(pattern).fullmatch(item):
                item = _say(template, found)
                break
        items.append(item)
    return text[: match.start()] + "[" + "; ".join(items) + "]"


class ParatContext(_click.Context):
    """A context whose help pages and usage lines are in the chosen language."""

    formatter_class = ParatFormatter

    def get_help(self) -> str:
        translate_tree(self.find_root().command)
        option = self.command.get_help_option(self)
        if option is not None:
            _translate_param(option)
        return super().get_help()

    def get_usage(self) -> str:
        translate_tree(self.find_root().command)
        return super().get_usage()


def walk(command: _click.Command) -> Iterator[_click.Command]:
    """``command`` and every command below it."""
    yield command
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            yield from walk(sub)


def prepare_tree(root: _click.Command) -> None:
    """Every command of the tree makes :class:`ParatContext` contexts (cheap: no text
    is translated until help or usage is shown)."""
    for command in walk(root):
        command.context_class = ParatContext


#: The English help of each translated command or parameter, kept on it.
_ENGLISH = "_parat_english"


def _translate_param(param: Any) -> None:
    english = param.__dict__.setdefault(_ENGLISH, getattr(param, "help", None))
    if english:
        param.help = _(english)


def translate_tree(root: _click.Command) -> None:
    """Every help text of the tree in the chosen language (English kept to go back)."""
    language = current_language()
    if getattr(root, "_parat_language", "en") == language:
        return
    for command in walk(root):
        english = command.__dict__.setdefault(_ENGLISH, (command.help, command.short_help))
        command.help, command.short_help = (_(text) if text else text for text in english)
        for param in command.params:
            _translate_param(param)
    root._parat_language = language  # type: ignore[attr-defined]


def help_texts(root: _click.Command) -> Iterator[str]:
    """Every help text of the tree (commands' help and short help, parameters' help)."""
    for command in walk(root):
        for text in (command.help, command.short_help):
            if text:
                yield text
        for param in command.params:
            if getattr(param, "help", None):
                yield param.help  # type: ignore[attr-defined]
