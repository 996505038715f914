"""The Jinja2 environments: HTML with autoescape on, Markdown with its own escaping.

Every ``{{ … }}`` in a Markdown template passes through :func:`md_escape` (Jinja's
``finalize``), so user text cannot open a table cell, a link, an emphasis or raw
HTML; only values marked safe (``Markup``) pass unchanged.
"""

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

__all__ = ["html_env", "md_env", "md_escape"]

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\t\v\f\u2028\u2029]")
_BACKSLASHED = re.compile(r"([\\`*_\[\]|~#])")
_LIST_MARK = re.compile(r"^([-+])(?=\s|$)")
_ORDERED_MARK = re.compile(r"^(\d+)([.)])(?=\s|$)")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ANY_SPECIAL = re.compile(r"[\r\n\t\v\f\u2028\u2029&<>\\`*_\[\]|~#]|^[-+]|^\d+[.)]")


def md_escape(text: str) -> str:
    """Make user text inert in Markdown (GitHub flavour included).

    Line breaks become spaces (a table row is one line); ``& < >`` become entities
    (no raw HTML); Markdown punctuation is backslash-escaped (``\\|`` keeps a pipe
    inside its cell); a leading list or heading marker is escaped.
    """
    if not _ANY_SPECIAL.search(text):
        return text  # most cells (amounts, names) need nothing: skip the five passes
    text = _LINE_BREAKS.sub(" ", text)
    text = "".join(_HTML.get(ch, ch) for ch in text)
    text = _BACKSLASHED.sub(r"\\\1", text)
    text = _LIST_MARK.sub(r"\\\1", text)
    return _ORDERED_MARK.sub(r"\1\\\2", text)


def _md_finalize(value: Any) -> Any:
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    return md_escape(str(value))


@cache
def md_env() -> Environment:
    """Markdown templates: autoescape off (it is HTML's), Markdown escaping on."""
    return Environment(
        loader=PackageLoader("tracker.exports", "templates"),
        autoescape=False,
        finalize=_md_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def html_env() -> Environment:
    """HTML and SVG templates with autoescape on (``*.html.j2``)."""
    return Environment(
        loader=PackageLoader("tracker.exports", "templates"),
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2", "svg", "svg.j2"), default_for_string=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
