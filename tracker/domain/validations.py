"""Validation of realised figures (validering), the pure rules: who may validate,
and how a verdict reads in the audit log.

The finance department (Økonomi) validates a registered realised figure against the
accounts: approved or rejected, with a reference (sag/dokument). The validator may
never be the person who registered the figure. A verdict belongs to the figure record
it was given for: a changed figure is a new record and stands unvalidated.
"""

import json
from collections.abc import Iterable

from tracker.domain.labels import VERDICT_LABELS
from tracker.domain.money import format_mio

__all__ = [
    "describe_verdict",
    "is_registrant",
    "may_validate",
    "parse_validators",
    "validators_text",
    "verdict_state",
]


def _same_person(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def is_registrant(actor: str, registrant: str) -> bool:
    """Whether ``actor`` is the person who registered the figure (case and surrounding
    blanks aside: "Anna" and "anna " are one person in the log)."""
    return _same_person(actor, registrant)


def parse_validators(text: str | Iterable[str]) -> tuple[str, ...]:
    """``"anna, bo"`` → ``("anna", "bo")``: names in the order given, blanks and
    repeats (in any case) dropped; an empty text is nobody."""
    items = text.split(",") if isinstance(text, str) else list(text)
    names: list[str] = []
    for item in items:
        name = item.strip()
        if name and not any(_same_person(name, n) for n in names):
            names.append(name)
    return tuple(names)


def validators_text(names: Iterable[str]) -> str:
    """The stored form of the validators: comma-separated."""
    return ",".join(names)


def may_validate(actor: str, validators: Iterable[str]) -> bool:
    """Whether ``actor`` is one of the programme's ``validators``."""
    return any(_same_person(actor, name) for name in validators)


def verdict_state(approved: bool, amount_kr: int, reference: str) -> str:
    """A verdict as the audit log keeps it (the event's new value)."""
    verdict = "approved" if approved else "rejected"
    return json.dumps(
        {"verdict": verdict, "amount_kr": amount_kr, "reference": reference},
        ensure_ascii=False,
    )


def _exact(kr: int) -> str:
    """Mio. kr. with the decimals the amount needs (at least one): the log is where
    figures are checked, so 29.000 kr. reads 0,029, never 0,03."""
    decimals = next(d for d in range(1, 7) if kr % 10 ** (6 - d) == 0)
    return format_mio(kr, decimals)


def describe_verdict(text: str | None, *, in_danish: bool = True) -> str:
    """A verdict from the log in one line: ``godkendt · 4,0 mio. kr. · sag 18/1234``
    (``approved · …`` in English); text that is no verdict is returned as it is."""
    try:
        state = json.loads(text or "")
        verdict = str(state["verdict"])
        parts = [
            VERDICT_LABELS.get(verdict, verdict) if in_danish else verdict,
            _exact(int(state["amount_kr"])),
            str(state.get("reference") or ""),
        ]
    except (ValueError, TypeError, KeyError, AttributeError):
        return text or ""
    return " · ".join(part for part in parts if part)
