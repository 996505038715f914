"""What a fresh read of a hypothesis means for a form with edits open.

The detail screen reads the hypothesis again whenever someone else changed it. Every
field the user is not editing then shows the stored value; a field being edited keeps
the user's text, and when its stored value changed too (someone else edited the same
field) that edit is *contested*: saving it shows both values. No widgets here: plain
values in and out, so it reads and tests on its own.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tracker.i18n import _
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
        return (
            ", ".join(labels[:limit])
            + " "
            + _("and {count} more").format(count=len(labels) - limit)
        )
    return ", ".join(labels)


def notice(code: str, reloaded: Reloaded, after: Mapping[str, str]) -> tuple[str, bool]:
    """What the user is told about another's change to hypothesis ``code``: the text,
    and whether it is a warning (an edit of the user's is contested)."""
    others = [f for f in reloaded.changed if f not in reloaded.kept]
    if reloaded.contested:
        field = reloaded.contested[0]
        theirs = shown_value(field, after[field])
        also = (
            " " + _("The other changes ({fields}) are shown.").format(fields=_names(others))
            if others
            else ""
        )
        return (
            _(
                "Someone else has also changed {fields}, which you are editing "
                "(now {theirs}). When you save, you see both values.{also}"
            ).format(fields=_names(reloaded.contested), theirs=theirs, also=also),
            True,
        )
    if not others:  # the history, or a field changed back to where the edit began
        return _("{code} is updated with someone else's change (see the history).").format(
            code=code
        ), False
    if reloaded.kept:
        return (
            _(
                "{code} was changed by someone else: {fields} are shown. Your change of "
                "{kept} is kept (not saved yet)."
            ).format(code=code, fields=_names(others), kept=_names(reloaded.kept)),
            False,
        )
    return _("{code} is updated with someone else's change: {fields}.").format(
        code=code, fields=_names(others)
    ), False
