"""The root command: global options, sub-command groups and error handling.

Errors a user can cause end as one line on stderr and an exit code (see
:class:`tracker.errors.ExitCode`); the data stays as it was. This is the edge where
that is kept, whatever a command does:

- a :class:`ParatError` is its line; an :class:`OSError` (a path the system refused,
  a full disk) becomes one too, naming the file;
- every line is one line: control characters in it (a file name with a line break)
  are escaped;
- an argument that is not valid text (bytes that are not UTF-8) is a usage error;
- library warnings never reach the user's stderr (``-W``/``PYTHONWARNINGS`` still
  show them to a developer);
- a full or closed stdout (``> /dev/full``, ``| head -c0``) ends the run with exit 1,
  one line for a full disk and none for a closed pipe, and no traceback, then or when
  the interpreter exits (:func:`main`).
"""

import errno
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from typer import _click as typer_click

# Typer's own Click (see PITFALLS: not the installed one); Typer exports only BadParameter.
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from tracker.cli.lazy import LazyCommands, built_command
from tracker.cli.state import CliState
from tracker.cli.translate import prepare_tree, translated_usage_error
from tracker.errors import ExitCode, ParatError, file_error
from tracker.i18n import LANGUAGES, _, danish, set_language

__all__ = ["app", "main"]

#: What a write to stdout fails with when it cannot go on: a full disk, a closed pipe.
_STDOUT_GONE = frozenset({errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def one_line(message: str) -> str:
    """``message`` with every character that could break or hide its line escaped
    (C0/C1 controls, DEL, line and paragraph separators, lone surrogates)."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if ord(ch) < 32
        or 0x7F <= ord(ch) <= 0x9F
        or ch in "\u2028\u2029"
        or 0xD800 <= ord(ch) <= 0xDFFF
        else ch
        for ch in message
    )


def _fail(message: str, code: int, details: Sequence[str] = ()) -> None:
    """The error's line on stderr (and its detail lines, each one line), then exit."""
    typer.echo("\n".join((f"parat: {one_line(message)}", *map(one_line, details))), err=True)
    raise typer.Exit(code)


def _usage_failed(error: UsageError) -> None:
    """A usage error (exit 2) as one line, like every other refusal, with the command's
    help to turn to; Click's own text is four lines (usage, hint, blank, error).
    ``parat figure`` without its sub-command, asked for help, shows the help."""
    if isinstance(error, NoArgsIsHelpError):
        raise error
    from tracker.cli.translate import usage_message

    where = error.ctx.command_path if error.ctx is not None else "parat"
    message = usage_message(error.format_message()).rstrip(".")
    _fail(_("{message} (see: {command} --help)").format(message=message, command=where),
          error.exit_code)  # fmt: skip


@contextmanager
def _no_library_warnings() -> Iterator[None]:
    """Library warnings (SQLAlchemy's about a URL, a deprecation) are for developers:
    shown only when they asked with ``-W`` or ``PYTHONWARNINGS``."""
    if sys.warnoptions:
        yield
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _stdout_failed(error: OSError) -> bool:
    """Whether ``error`` is stdout refusing the output (no file of the user's)."""
    return error.filename is None and error.errno in _STDOUT_GONE


def _output_lost(error: OSError) -> int:
    """stdout cannot take the output: a closed pipe ends quietly (the reader has what
    it wanted), a full disk says so; exit 1 either way, and nothing more is written."""
    _silence_stdout()
    if error.errno != errno.EPIPE:
        why = error.strerror or error
        typer.echo(_("parat: cannot write the output: {why}").format(why=why), err=True)
    return ExitCode.INVALID


def _silence_stdout() -> None:
    """Point stdout at the null device: what is still buffered for it (and the flush
    when the interpreter exits) then goes nowhere instead of failing again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test runner's buffer)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


class ParatGroup(TyperGroup):
    """Turns user errors raised anywhere below into one line and an exit code.

    The services translate every database error a user can meet into a
    :class:`ParatError`, and what the file system refuses on a user's path surfaces
    as an :class:`OSError` naming it; anything else is a bug and keeps its traceback.
    """

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:  # Typer's own Click Context (typer.Context is its subclass)
        """The root's own options are parsed here (``parat --nope``, a bad ``--db``)."""
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as error:
            _usage_failed(error)
            raise  # not reached: _usage_failed exits

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prepare_tree(self)
        # The sub-commands: each module is imported when its command is looked up
        # (see tracker.cli.lazy), so a call loads only the command it runs.
        self.commands = LazyCommands(lambda name: built_command(app, name), prepare_tree)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # Each run starts from $PARAT_LANG (else Danish): `--lang` is read while the
        # arguments are parsed, and `parat --help` may be shown before it is.
        set_language(None)
        return super().main(*args, **kwargs)

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        for arg in args:
            if any(0xD800 <= ord(ch) <= 0xDFFF for ch in arg):
                # Python keeps bytes that are not UTF-8 as lone surrogates, which no
                # database, file or terminal can take.
                raise typer.BadParameter(
                    _("{text} is not valid UTF-8 text").format(text=one_line(arg))
                )
        try:
            return super().parse_args(ctx, args)
        except typer_click.exceptions.UsageError as error:
            raise translated_usage_error(error) from None

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            with _no_library_warnings():
                return super().invoke(ctx)
        except UsageError as error:  # a sub-command's arguments, parsed in there
            _usage_failed(error)
        except ParatError as error:
            if danish():
                _fail(error.danish, error.exit_code, error.danish_details)
            _fail(error.headline, error.exit_code, error.details)
        except OSError as error:
            if _stdout_failed(error):
                raise typer.Exit(_output_lost(error)) from None
            problem = file_error(error)
            _fail(problem.danish if danish() else str(problem), ExitCode.INVALID)
        return None


app = typer.Typer(
    cls=ParatGroup,
    name="parat",
    help="Parat: track the savings programme 'Parat til fremtiden' toward its target.",
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(shown: bool) -> None:
    if shown:
        from tracker.version import __version__

        typer.echo(f"parat {__version__}")
        raise typer.Exit()


def _language(value: str | None) -> str | None:
    """Speak the language asked for from here on (eager: before help is shown)."""
    if value is not None:
        value = value.strip().lower()
        if value not in LANGUAGES:
            raise typer.BadParameter(
                _("{value!r} is not a language Parat speaks (use da or en)").format(value=value)
            )
    set_language(value)
    return value


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database file or URL (sqlite:///…, postgresql+psycopg://…). "
            "Default: $PARAT_DATABASE_URL, else the configuration file's, else parat.db "
            "in your data folder.",
            metavar="PATH|URL",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help="Name stamped on changes (default: $PARAT_ACTOR, else the configuration "
            "file's, else your user).",
        ),
    ] = None,
    read_only: Annotated[
        bool,
        typer.Option(
            "--read-only",
            envvar="PARAT_READ_ONLY",
            help="Only read: every write is refused (for viewers).",
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of the messages and help: da or en (default: $PARAT_LANG, else da).",
            metavar="da|en",
            callback=_language,
            is_eager=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print Parat's version and stop."
        ),
    ] = False,
) -> None:
    """Global options come before the command: parat [--db …] [--actor …] COMMAND …"""
    flags: dict[str, object] = {} if lang is None else {"language": lang}
    ctx.obj = CliState(db_flag=db, actor_flag=actor, read_only=read_only, flags=flags)
    if lang is None:
        # --lang and $PARAT_LANG were applied as they were read; else the
        # configuration file's language (default Danish) from here on.
        set_language(ctx.obj.settings["language"])
    if ctx.invoked_subcommand is None:
        from tracker.cli.commands_tui import open_tui

        open_tui(ctx)


def main() -> None:
    """Console-script entry point.

    Output is buffered: what a command printed last may only be written when the run
    ends. It is flushed here, inside the error handling, so that a full stdout is
    reported (exit 1) instead of being lost or failing at interpreter exit.
    """
    code: int | str | None = ExitCode.OK
    with _no_library_warnings():
        try:
            app()
        except SystemExit as done:
            code = done.code
        except OSError as error:
            # Help and usage text are printed before any command runs.
            if not _stdout_failed(error):
                raise
            code = _output_lost(error)
        try:
            sys.stdout.flush()
        except OSError as error:
            if not _stdout_failed(error):
                raise
            code = _output_lost(error)
        except ValueError:
            pass  # stdout is closed already
    sys.exit(code)
