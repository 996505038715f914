"""What a fresh read of a hypothesis means for a form with edits open.

The detail screen reads the hypothesis again whenever someone else changed it. Every
field the user is not editing then shows the stored value; a field being edited keeps
the user's text, and when its stored value changed too (someone else edited the same
field) that edit is *contested*: saving it shows both values. No widgets here: plain
values in and out, so it reads and tests on its own.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tui.edits import field_label, shown_value

__all__ = ["Reloaded", "compare", "notice"]


@dataclass(frozen=True, slots=True)
class Reloaded:
    """How the stored hypothesis differs from the one the form showed."""

    changed: tuple[str, ...]
    """The fields whose stored value changed (in the form's order)."""
    kept: tuple[str, ...]
    """The fields being edited: their text is left as the user typed it."""
    contested: tuple[str, ...]
    """The fields being edited whose stored value changed since the edit began."""


def compare(
    before: Mapping[str, str],
    after: Mapping[str, str],
    editing: Iterable[str],
    started_from: Mapping[str, str],
) -> Reloaded:
    """``before`` and ``after`` are the stored values as the form shows them; ``editing``
    the fields with unsaved text; ``started_from`` the stored value each edit began at."""
    kept = tuple(f for f in after if f in set(editing))
    changed = tuple(f for f in after if before.get(f) != after[f])
    contested = tuple(f for f in kept if started_from.get(f, before.get(f)) != after[f])
    return Reloaded(changed, kept, contested)


def _names(fields: Iterable[str], limit: int = 3) -> str:
    labels = [field_label(f) for f in fields]
    if len(labels) > limit:
        return ", ".join(labels[:limit]) + f" og {len(labels) - limit} mere"
    return ", ".join(labels)


def notice(code: str, reloaded: Reloaded, after: Mapping[str, str]) -> tuple[str, bool]:
    """What the user is told about another's change to hypothesis ``code``: the text,
    and whether it is a warning (an edit of the user's is contested)."""
    others = [f for f in reloaded.changed if f not in reloaded.kept]
    if reloaded.contested:
        field = reloaded.contested[0]
        theirs = shown_value(field, after[field])
        also = f" De øvrige ændringer ({_names(others)}) er vist." if others else ""
        return (
            f"En anden har også ændret {_names(reloaded.contested)}, som du redigerer "
            f"(nu {theirs}). Når du gemmer, ser du begge værdier.{also}",
            True,
        )
    if not others:  # the history, or a field changed back to where the edit began
        return f"{code} er opdateret med en andens ændring (se historikken).", False
    if reloaded.kept:
        return (
            f"{code} er ændret af en anden: {_names(others)} er vist. Din ændring af "
            f"{_names(reloaded.kept)} er bevaret (ikke gemt endnu).",
            False,
        )
    return f"{code} er opdateret med en andens ændring: {_names(others)}.", False
