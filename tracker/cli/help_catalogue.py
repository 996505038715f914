"""Babel extractors (``babel.cfg``, ``make i18n``): the help texts of the real command
tree, so the catalogue cannot miss one (a help text is English where it is declared:
``help=…`` or the command's docstring)."""

from collections.abc import Iterator
from typing import IO, Any

import typer

from tracker.cli.translate import help_texts

__all__ = ["extract_help", "extract_help_and_code"]


def extract_help(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extractor (``babel.cfg``): the help texts of the real command tree."""
    from tracker.cli.main import app  # the tree as `parat` builds it

    root = typer.main.get_command(app)
    seen = set()
    for text in help_texts(root):
        if text not in seen:
            seen.add(text)
            yield 0, None, text, ["help text of the CLI"]


def extract_help_and_code(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[Any]:
    """Babel extractor for ``main.py``: its marked strings, then the tree's help texts."""
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)
    yield from extract_help(fileobj, keywords, comment_tags, options)
