"""An import file in JSON: a list of objects, or ``{"hypotheses": [...]}``.

Values are text, numbers or null (null = an empty cell); the objects count from 1
as rows. What JSON lets through but an import cannot mean is refused, never
guessed: a key given twice in one object, or two keys that differ only in case or
surrounding spaces (``"title"`` and ``"Title"`` name one column: which one wins?);
nesting deeper than :data:`MAX_DEPTH` (an import is two or three levels deep, and
Python's parser would otherwise stop in a ``RecursionError``); and a ``\\ud800``
escape with no partner, which is no character and cannot be stored.
"""

import json
import re
from collections.abc import Callable
from typing import Any

from tracker.domain.cells import Problem
from tracker.errors import InvalidInput

__all__ = ["MAX_DEPTH", "JsonRows", "column_name", "read_json"]

#: The deepest nesting of lists and objects read (``{"hypotheses": [{...}]}`` is 3).
MAX_DEPTH = 32

#: A ``\uD800``–``\uDFFF`` escape: the only way a surrogate gets into decoded JSON
#: text (a UTF-8 or UTF-16 decoder refuses them), so the cells are searched for one
#: only when the text holds such an escape.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")

JsonRows = tuple[list[tuple[int, dict[str, str]]], tuple[str, ...], list[Problem]]
"""(rows, columns, problems), as :class:`tracker.io.table_reader.Table` holds them."""


def column_name(key: str) -> str:
    """The column a key names (the CSV header's rule: stripped, lower case)."""
    return key.strip().lower()


class _Object(dict[str, Any]):
    """A JSON object, with the first key that repeats another one's column."""

    __slots__ = ("duplicate",)
    duplicate: tuple[str, str] | None


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    obj.duplicate = None
    seen: dict[str, str] = {}
    for key, _value in pairs:
        name = column_name(key)
        if name in seen:
            obj.duplicate = (seen[name], key)
            break
        seen[name] = key
    return obj


def _too_deep() -> InvalidInput:
    return InvalidInput(
        f"the JSON is nested more than {MAX_DEPTH} levels deep (an import file is a list "
        "of objects of text and numbers)",
        danish=f"JSON-filen er indlejret mere end {MAX_DEPTH} niveauer (en importfil er en "
        "liste af objekter med tekst og tal).",
    )


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH in text that parsed as JSON."""
    depth = 0
    # Strings blanked first: a bracket inside one is text. Runs in C but for the
    # brackets, which an import file has two per row.
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match[0] in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep()
        else:
            depth -= 1


def _duplicate(where: str, duplicate: tuple[str, str]) -> tuple[str, str]:
    first, again = duplicate
    if first == again:
        return (
            f"{where}the key {again!r} appears twice",
            f"{where}nøglen {again!r} står der to gange",
        )
    return (
        f"{where}the keys {first!r} and {again!r} name the same column",
        f"{where}nøglerne {first!r} og {again!r} er samme kolonne",
    )


def _parse(text: str) -> object:
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except RecursionError:
        raise _too_deep() from None
    except ValueError as error:
        raise InvalidInput(
            f"not valid JSON: {error}", danish=f"ikke gyldig JSON: {error}"
        ) from None
    _check_depth(text)
    return data


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (bool, dict, list)):
        raise ValueError("must be text or a number")
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _surrogate_free(number: int, key: str, cell: str | None, problems: list[Problem]) -> bool:
    """Whether ``key`` and ``cell`` are whole characters; else the row's problem."""
    what = (
        "the key"
        if _SURROGATE.search(key)
        else "the value"
        if cell and _SURROGATE.search(cell)
        else ""
    )
    if not what:
        return True
    column = column_name(key) if what == "the value" else ""
    message = f"{what} holds a lone surrogate escape (\\ud800–\\udfff), which is no character"
    hvad = "nøglen" if what == "the key" else "værdien"
    danish = f"{hvad} indeholder en enlig surrogat-escape (\\ud800–\\udfff), som ikke er et tegn"
    problems.append(Problem(number, column, message, danish))
    return False


def read_json(text: str, unescape: Callable[[str], str]) -> JsonRows:
    """The rows, columns and problems of JSON ``text``; each text cell passed through
    ``unescape`` (the exporter's formula guard undone).

    :class:`InvalidInput` for a file that is not an import file at all."""
    data = _parse(text)
    if isinstance(data, _Object) and "hypotheses" in data:
        if data.duplicate is not None:
            english, danish = _duplicate("the top-level object: ", data.duplicate)
            raise InvalidInput(english, danish=danish)
        data = data["hypotheses"]
    if not isinstance(data, list):
        raise InvalidInput(
            'JSON must be a list of objects (or {"hypotheses": [...]})',
            danish='JSON skal være en liste af objekter (eller {"hypotheses": [...]}).',
        )
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    problems: list[Problem] = []
    rows: list[tuple[int, dict[str, str]]] = []
    columns: dict[str, None] = {}
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(number, "", "is not an object", "er ikke et objekt"))
            continue
        if isinstance(item, _Object) and item.duplicate is not None:
            problems.append(Problem(number, "", *_duplicate("", item.duplicate)))
            whole = (k for k in item if not (surrogates and _SURROGATE.search(k)))
            columns.update(dict.fromkeys(map(column_name, whole)))
            continue
        cells: dict[str, str] = {}
        for key, value in item.items():
            try:
                cell = _cell(value)
            except ValueError:
                cell, problem = None, "must be text or a number"
            else:
                problem = ""
            # Before the key becomes a column: no line may carry half a character.
            if surrogates and not _surrogate_free(number, key, cell, problems):
                continue
            name = column_name(key)
            columns.setdefault(name)
            if problem:
                problems.append(Problem(number, name, problem, "skal være tekst eller et tal"))
                continue
            if cell is not None and cell.strip():
                cells[name] = unescape(cell)
        if cells:
            rows.append((number, cells))
    return rows, tuple(columns), problems
