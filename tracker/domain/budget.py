"""The budget follow-up (budgetopfølgning) per ramme, as pure functions over plain values.

Budget figures carry the budget's sign: plus is an expense (udgift), minus an income
(indtægt). Per ramme and year:

- korrigeret budget = original + supplementary + carried (the figures given; none
  given: none);
- afvigelse (til korrigeret) = (actual, else forecast) − korrigeret;
- afvigelse til oprindeligt = (actual, else forecast) − original.

Plus is merforbrug, minus mindreforbrug. A figure that was not given stays ``None``
in its line (a reader sees what Parat was given) and counts 0 in the totals, which
are always the sums of the lines, never stored: the totals of a printed table, whose
lines are rounded, need not equal them.

A cut (udmøntning) is a positive amount: the gain a decided hypothesis writes into
the budget, which shows as a minus on the ramme.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tracker.domain.groups import danish_key
from tracker.domain.money import MAX_DECIMALS, Display

__all__ = [
    "AMOUNT_KEYS",
    "BUDGET_KINDS",
    "BudgetAmounts",
    "BudgetFollowUp",
    "BudgetGroup",
    "BudgetLine",
    "BudgetSection",
    "RammeFacts",
    "budget_line",
    "exact_decimals",
    "follow_up",
    "line_totals",
]

#: The budget figures of a ramme and year, in the order every table shows them.
BUDGET_KINDS: tuple[str, ...] = ("original", "supplementary", "carried", "actual", "forecast")
#: The amounts of a line and of the totals (``*_kr`` in JSON), in display order.
AMOUNT_KEYS: tuple[str, ...] = (
    "original_kr",
    "supplementary_kr",
    "carried_kr",
    "corrected_kr",
    "actual_kr",
    "forecast_kr",
    "deviation_kr",
    "deviation_original_kr",
    "cuts_kr",
)


@dataclass(frozen=True, slots=True)
class RammeFacts:
    """A ramme (bevillingsområde) as it stood at the moment."""

    key: str
    """Stable key, e.g. ``kd``."""
    name: str
    """The ramme's name (Kommunaldirektørens ramme)."""
    udvalg: str = ""
    """The committee (udvalg); empty when none is named."""
    serviceramme: bool = True
    """Inside the serviceramme (or outside it)."""


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One ramme's follow-up for the year; ``None`` where no figure was given."""

    key: str
    name: str
    udvalg: str
    serviceramme: bool
    original_kr: int | None
    """Oprindeligt budget."""
    supplementary_kr: int | None
    """Tillægsbevillinger og omplaceringer (net)."""
    carried_kr: int | None
    """Overførsler fra forrige år."""
    corrected_kr: int | None
    """Korrigeret budget: the three above, those given."""
    actual_kr: int | None
    """Forbrug / regnskab."""
    forecast_kr: int | None
    """Forventet regnskab."""
    deviation_kr: int | None
    """(actual, else forecast) − korrigeret; plus is merforbrug."""
    deviation_original_kr: int | None
    """(actual, else forecast) − original."""
    cuts_kr: int
    """The programme's reductions (udmøntning) of the ramme for the year, positive."""

    @property
    def outcome_kind(self) -> str | None:
        """Which figure the deviations compare with: ``actual``, else ``forecast``."""
        if self.actual_kr is not None:
            return "actual"
        return "forecast" if self.forecast_kr is not None else None


@dataclass(frozen=True, slots=True)
class BudgetAmounts:
    """The sums of lines (a figure not given counts 0), key for key as a line."""

    original_kr: int = 0
    supplementary_kr: int = 0
    carried_kr: int = 0
    corrected_kr: int = 0
    actual_kr: int = 0
    forecast_kr: int = 0
    deviation_kr: int = 0
    deviation_original_kr: int = 0
    cuts_kr: int = 0


@dataclass(frozen=True, slots=True)
class BudgetGroup:
    """The rammer of one udvalg on one side of the serviceramme, with their sums."""

    serviceramme: bool
    udvalg: str
    """As written; empty for the rammer without one."""
    lines: tuple[BudgetLine, ...]
    totals: BudgetAmounts


@dataclass(frozen=True, slots=True)
class BudgetSection:
    """Inside the serviceramme, or outside it: its udvalg groups and their sums."""

    serviceramme: bool
    groups: tuple[BudgetGroup, ...]
    totals: BudgetAmounts


@dataclass(frozen=True, slots=True)
class BudgetFollowUp:
    """The budget follow-up of one year: computed once, shown by every surface."""

    year: int
    lines: tuple[BudgetLine, ...]
    """Every ramme, in the order of :attr:`sections` (inside the serviceramme first,
    then by udvalg, then by key)."""
    sections: tuple[BudgetSection, ...]
    """Only the sides that have rammer."""
    totals: BudgetAmounts


def _sum(values: Iterable[int | None]) -> int | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _minus(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a - b


def budget_line(
    ramme: RammeFacts, figures: Mapping[str, int | None], cuts_kr: int = 0
) -> BudgetLine:
    """A ramme's line from its figures for the year (kind → kroner; absent or ``None``:
    not given) and the cuts on it."""
    original = figures.get("original")
    supplementary = figures.get("supplementary")
    carried = figures.get("carried")
    actual = figures.get("actual")
    forecast = figures.get("forecast")
    corrected = _sum((original, supplementary, carried))
    outcome = actual if actual is not None else forecast
    return BudgetLine(
        key=ramme.key,
        name=ramme.name,
        udvalg=ramme.udvalg,
        serviceramme=ramme.serviceramme,
        original_kr=original,
        supplementary_kr=supplementary,
        carried_kr=carried,
        corrected_kr=corrected,
        actual_kr=actual,
        forecast_kr=forecast,
        deviation_kr=_minus(outcome, corrected),
        deviation_original_kr=_minus(outcome, original),
        cuts_kr=cuts_kr,
    )


def line_totals(lines: Iterable[BudgetLine]) -> BudgetAmounts:
    """The sums of ``lines``, key for key; a figure not given counts 0."""
    sums = dict.fromkeys(AMOUNT_KEYS, 0)
    for line in lines:
        for key in AMOUNT_KEYS:
            sums[key] += getattr(line, key) or 0
    return BudgetAmounts(**sums)


def follow_up(
    year: int,
    rammer: Sequence[RammeFacts],
    figures: Mapping[str, Mapping[str, int | None]],
    cuts: Mapping[str, int] | None = None,
) -> BudgetFollowUp:
    """The follow-up for ``year``: a line per ramme (``figures``: ramme key → kind →
    kroner; ``cuts``: ramme key → the year's reductions), grouped inside the
    serviceramme, then outside it, each by udvalg (Danish order, those without one
    last), with the sums of each group, each side and the whole."""
    cuts = cuts or {}
    sections: list[BudgetSection] = []
    ordered: list[BudgetLine] = []
    for inside in (True, False):
        side = [r for r in rammer if r.serviceramme is inside]
        if not side:
            continue
        by_udvalg: dict[str, list[RammeFacts]] = {}
        for r in side:
            by_udvalg.setdefault(r.udvalg.strip(), []).append(r)
        groups = []
        for udvalg in sorted(by_udvalg, key=lambda u: (u == "", danish_key(u))):
            members = sorted(by_udvalg[udvalg], key=lambda r: danish_key(r.key))
            lines = tuple(
                budget_line(r, figures.get(r.key, {}), cuts.get(r.key, 0)) for r in members
            )
            ordered.extend(lines)
            groups.append(BudgetGroup(inside, udvalg, lines, line_totals(lines)))
        section_lines = [line for g in groups for line in g.lines]
        sections.append(BudgetSection(inside, tuple(groups), line_totals(section_lines)))
    return BudgetFollowUp(year, tuple(ordered), tuple(sections), line_totals(ordered))


def exact_decimals(display: Display, amounts: Iterable[int | None]) -> int:
    """The fewest decimals (at least the display's, at most 3) at which every amount
    shows exactly, so that a table shows the figures it was given, not rounded ones
    (0,029 mio. kr. stays 0,029; a krone finer than 3 decimals is rounded)."""
    if display.unit == "kr":
        return 0
    decimals = display.decimals
    values = [abs(a) for a in amounts if a]
    while decimals < MAX_DECIMALS:
        step = display.factor // 10**decimals
        if step <= 1 or all(v % step == 0 for v in values):
            break
        decimals += 1
    return decimals
