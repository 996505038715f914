"""Pydantic's refusals in Parat's words, in English and in Danish.

Pydantic explains a refused value in English only ("Input should be a valid
integer, unable to parse string as an integer"). Where Parat checks a shape with it
(a configuration file, a ``parat batch`` line), the reason is said again from the
error's stable ``type`` code, in both languages side by side, as every refusal of
Parat's is (:class:`tracker.errors.ParatError`): neither depends on the language
chosen, so a service can raise both. Our own validators' refusals
(:class:`tracker.domain.bilingual.BilingualError`) carry their Danish line already.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from tracker.domain.bilingual import danish_of

__all__ = ["Source", "reason", "reasons", "shown"]

#: What the refused text was written in: a TOML configuration file (or a variable
#: read as one) or a JSON line. It decides the name of a mapping and of a null.
Source = Literal["toml", "json"]

_LONGEST = 40

#: The kind a ``*_type``/``*_parsing`` error wants, in English and in Danish.
_KINDS: Mapping[str, tuple[str, str]] = {
    "int": ("a whole number", "et helt tal"),
    "float": ("a number", "et tal"),
    "decimal": ("a number", "et tal"),
    "string": ("text", "tekst"),
    "bool": ("true or false", "true eller false"),
    "list": ("a list", "en liste"),
}
_MAPPING: Mapping[Source, tuple[str, str]] = {
    "toml": ("a table", "en tabel"),
    "json": ("a JSON object", "et JSON-objekt"),
}
#: A union's member as pydantic names it in an error's location (``confidence.int``).
_UNION_TAGS = frozenset({"int", "float", "decimal", "str", "bool", "list", "dict"})


def shown(value: object, source: Source = "json") -> str:
    """A refused value as the reader wrote it (``'abc'``, ``true``, ``1.5``), cut short."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null" if source == "json" else "nothing"
    else:
        text = repr(value)
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _kind(code: str, source: Source) -> tuple[str, str] | None:
    """The kind of value a type error wants (``int_parsing`` → a whole number)."""
    for suffix in ("_type", "_parsing"):
        if code.endswith(suffix):
            name = code.removesuffix(suffix)
            if name in ("dict", "model"):
                return _MAPPING[source]
            return _KINDS.get(name)
    return None


def _either(kinds: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """``a whole number or text`` / ``et helt tal eller tekst``."""
    unique = list(dict.fromkeys(kinds))

    def joined(words: list[str], word: str) -> str:
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {word} {words[-1]}"

    return joined([en for en, _ in unique], "or"), joined([da for _, da in unique], "eller")


def _expected(expected: str) -> tuple[str, str]:
    """pydantic's list of the allowed literals (``'mio', 'tkr' or 'kr'``) in both."""
    head, _, last = expected.rpartition(" or ")
    return expected, (f"{head} eller {last}" if head else expected)


def reason(error: Mapping[str, Any], source: Source = "json") -> tuple[str, str]:
    """What is wrong with the value of one of pydantic's errors (``error.errors()``),
    to follow its field's name and a colon: ``("must be a whole number, not 'abc'",
    "skal være et helt tal, ikke 'abc'")``."""
    code = str(error.get("type", ""))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    value = shown(error.get("input"), source)
    if code == "missing":
        return "is missing", "mangler"
    if code == "extra_forbidden":
        if source == "toml":
            return "unknown key", "ukendt nøgle"
        return "unknown field", "ukendt felt"
    if code in ("value_error", "assertion_error"):  # our own validators name the value
        cause = ctx.get("error")
        english = str(cause) if cause is not None else str(error.get("msg", ""))
        english = english.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if cause is not None and getattr(cause, "danish", None):
            return english, danish_of(cause)
        return english, f"{value} kan ikke bruges"
    kind = _kind(code, source)
    if kind is not None:
        return f"must be {kind[0]}, not {value}", f"skal være {kind[1]}, ikke {value}"
    if code == "literal_error" and "expected" in ctx:
        en, da = _expected(str(ctx["expected"]))
        return f"must be {en}, not {value}", f"skal være {da}, ikke {value}"
    bounds = {
        "greater_than": ("gt", "must be above {}", "skal være over {}"),
        "greater_than_equal": ("ge", "must be at least {}", "skal være mindst {}"),
        "less_than": ("lt", "must be below {}", "skal være under {}"),
        "less_than_equal": ("le", "must be at most {}", "må højst være {}"),
    }
    if code in bounds and bounds[code][0] in ctx:
        key, en, da = bounds[code]
        limit = ctx[key]
        return f"{en.format(limit)}, not {value}", f"{da.format(limit)}, ikke {value}"
    if code == "string_too_short" and "min_length" in ctx:
        least = int(ctx["min_length"])
        if least == 1:
            return "must not be empty", "må ikke være tom"
        return (
            f"must have at least {least} characters, not {value}",
            f"skal have mindst {least} tegn, ikke {value}",
        )
    if code == "string_too_long" and "max_length" in ctx:
        most = int(ctx["max_length"])
        return f"may have at most {most} characters", f"må højst have {most} tegn"
    if code == "string_pattern_mismatch" and ctx.get("pattern") == r"\S":
        return "must not be blank", "må ikke kun bestå af mellemrum"
    # Any other refusal: pydantic's English reason, and no English in the Danish line.
    english = str(error.get("msg", "")).rstrip(".") or "cannot be used"
    return f"{english[:1].lower()}{english[1:]}, not {value}", f"{value} kan ikke bruges"


def reasons(
    errors: Iterable[Mapping[str, Any]], source: Source = "json"
) -> list[tuple[str, str, str, str]]:
    """``(where, type code, english, danish)`` for each refused field of
    ``error.errors()``.

    A value that fits no member of a union (``int | str``) is refused once for each;
    those are said as one: ``confidence: must be a whole number or text, not 1.5``.
    """
    said: list[tuple[str, str, str, str]] = []
    pending = list(errors)
    while pending:
        error = pending.pop(0)
        member = _union_member(error, source)
        if member is not None:
            kinds = [member[1]]
            while pending and (other := _union_member(pending[0], source)) is not None:
                if other[0] != member[0] or pending[0].get("input") != error.get("input"):
                    break
                kinds.append(other[1])
                pending.pop(0)
            if len(kinds) > 1:
                en, da = _either(kinds)
                value = shown(error.get("input"), source)
                said.append(
                    (
                        member[0],
                        str(error.get("type", "")),
                        f"must be {en}, not {value}",
                        f"skal være {da}, ikke {value}",
                    )
                )
                continue
        where = ".".join(str(part) for part in error.get("loc", ()))
        said.append((where, str(error.get("type", "")), *reason(error, source)))
    return said


def _union_member(error: Mapping[str, Any], source: Source) -> tuple[str, tuple[str, str]] | None:
    """(the field, the kind wanted) of a type error of one member of a union (its
    location ends in the member's name: ``("confidence", "int")``), else ``None``."""
    loc = tuple(error.get("loc", ()))
    kind = _kind(str(error.get("type", "")), source)
    if len(loc) < 2 or kind is None or loc[-1] not in _UNION_TAGS:
        return None
    return ".".join(str(part) for part in loc[:-1]), kind
