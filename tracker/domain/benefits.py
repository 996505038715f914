"""Benefit types (gevinsttyper): what kind of gain a hypothesis brings, and which kinds
count toward the programme's target.

Only a cash gain (kontant: the budget is reduced) frees money by default; avoided
costs, freed time and qualitative gains are shown beside the target, never in it,
unless the programme says they count. Pure: text in, values out.
"""

from collections.abc import Iterable
from enum import StrEnum

from tracker.domain.bilingual import BilingualError

__all__ = [
    "DEFAULT_COUNTING",
    "BenefitType",
    "counting_text",
    "parse_counting",
    "to_benefit_type",
]


class BenefitType(StrEnum):
    """The kind of gain (gevinsttype)."""

    KONTANT = "kontant"
    UNDGAAET = "undgaaet"
    FRIGJORT_TID = "frigjort_tid"
    KVALITATIV = "kvalitativ"

    @property
    def label(self) -> str:
        """The Danish label a user sees."""
        return _LABELS[self]


_LABELS = {
    BenefitType.KONTANT: "Kontant gevinst (budgettet reduceres)",
    BenefitType.UNDGAAET: "Undgåede udgifter",
    BenefitType.FRIGJORT_TID: "Frigjort tid / kapacitet",
    BenefitType.KVALITATIV: "Kvalitativ (ikke-økonomisk) gevinst",
}

#: The types that count toward the target unless the programme says otherwise.
DEFAULT_COUNTING: frozenset[BenefitType] = frozenset({BenefitType.KONTANT})

# The key, the label, and the label's short forms ("Kontant gevinst", "Frigjort tid"),
# case-folded; "undgået" with the å a user types as well as the key's "aa".
_NAMES: dict[str, BenefitType] = {}
for _t in BenefitType:
    for _name in (_t.value, _t.label, _t.label.split(" (")[0], _t.label.split(" /")[0]):
        _NAMES[_name.casefold()] = _t
_NAMES["undgået"] = BenefitType.UNDGAAET
_NAMES["frigjort tid"] = BenefitType.FRIGJORT_TID


def to_benefit_type(text: str | BenefitType) -> BenefitType:
    """A benefit type from its key or Danish label, in any case.

    Raises :class:`ValueError` with a line that names the known keys.
    """
    if isinstance(text, BenefitType):
        return text
    found = _NAMES.get(" ".join(str(text).split()).casefold())
    if found is None:
        known = ", ".join(t.value for t in BenefitType)
        raise BilingualError(
            f"unknown benefit type {str(text).strip()!r} (use {known})",
            f"ukendt gevinsttype {str(text).strip()!r} (brug {known})",
        )
    return found


def parse_counting(text: str | Iterable[str | BenefitType]) -> frozenset[BenefitType]:
    """The counting types from ``kontant,undgaaet`` (or a list); at least one."""
    items = text.split(",") if isinstance(text, str) else list(text)
    types = frozenset(to_benefit_type(t) for t in items if str(t).strip())
    if not types:
        raise BilingualError(
            "name at least one benefit type that counts toward the target",
            "angiv mindst én gevinsttype, der tæller med i målet",
        )
    return types


def counting_text(types: Iterable[BenefitType]) -> str:
    """The stored and logged form: keys in the table's order, comma-separated."""
    chosen = set(types)
    return ",".join(t.value for t in BenefitType if t in chosen)
