"""Use cases on figures: record potential, realised and investment per year."""

from collections.abc import Mapping

import sqlalchemy as sa
from sqlmodel import Session

from db.models import Figure, Hypothesis
from db.queries import current_figures
from tracker.domain.labels import FIGURE_KINDS
from tracker.domain.money import MoneyError, has_unit, parse_unit
from tracker.domain.plausible import ReadOptions, judge_amount
from tracker.domain.ranges import RANGE_KINDS, check_range
from tracker.domain.rules import RuleError, figure_changed
from tracker.errors import InvalidInput, StaleVersion
from tracker.report import HypothesisView
from tracker.services.context import ChangeContext
from tracker.services.events import event_values, record_events
from tracker.services.hypotheses import find_hypothesis, hypothesis_view, touch
from tracker.services.programme import get_programme
from tracker.services.validation import Amount, check_text, check_year, to_kroner

__all__ = ["figures_by_year", "set_figures", "unit_factor"]

#: Every kind a figure may be recorded as: the three of every table, then a range.
_KINDS = (*FIGURE_KINDS, *RANGE_KINDS)


def unit_factor(unit: str) -> int:
    """Kroner per bare number in ``unit`` (``mio``, ``tkr``, ``kr``), or InvalidInput."""
    try:
        return parse_unit(unit)
    except MoneyError as error:
        raise InvalidInput(
            str(error), danish=f"Ukendt enhed {unit!r}: brug kr, tkr eller mio."
        ) from None


def figures_by_year(
    session: Session, h: Hypothesis, first_year: int, last_year: int
) -> dict[int, dict[str, int]]:
    """year → kind → current kroner for one hypothesis."""
    assert h.id is not None
    result: dict[int, dict[str, int]] = {}
    rows = current_figures(
        session.connection(), first_year=first_year, last_year=last_year, hypothesis_id=h.id
    )
    for _hid, kind, year, amount in rows:
        result.setdefault(year, {})[kind] = amount
    return dict(sorted(result.items()))


def set_figures(
    session: Session,
    ctx: ChangeContext,
    code: str,
    year: int,
    amounts: Mapping[str, Amount],
    *,
    note: str = "",
    expect_version: int | None = None,
    unit: str = "mio",
    accept_large: bool = False,
    allow_negative: bool = False,
) -> tuple[HypothesisView, int]:
    """Record new amounts (kind → amount) for one hypothesis and year.

    A bare number in text is in ``unit`` (``mio``, ``tkr``, ``kr``). A figure larger
    than the programme's whole target is refused unless ``accept_large`` (it is far
    likelier kroner read as millions than a real figure); a negative potential or
    realised figure unless ``allow_negative`` (a gain is positive; a negative one
    is a loss). Each changed amount is a new figure record and an event; an amount
    equal to the current one writes nothing. Returns the hypothesis and the number
    of changes.
    """
    if not amounts:
        raise InvalidInput(
            "give at least one of --potential, --realised, --investment, --low, --high",
            danish="Angiv mindst ét tal: potentiale, realiseret eller investering.",
        )
    factor = unit_factor(unit)
    programme = get_programme(session)
    assert programme.id is not None
    options = ReadOptions(
        unit=factor,
        allow_negative=allow_negative,
        accept_large=accept_large,
        target_kr=programme.target_kr,
    )
    check_year(year, programme.first_year, programme.last_year)
    h = find_hypothesis(session, programme.id, code, for_update=True)
    assert h.id is not None
    if expect_version is not None and h.version != expect_version:
        raise StaleVersion(h.code, expect_version, h.version)
    note = check_text(note, "note", max_len=2000)
    parsed: dict[str, int] = {}
    for kind, amount in amounts.items():
        if kind not in _KINDS:
            raise InvalidInput(
                f"unknown figure kind {kind!r} (use {', '.join(_KINDS)})",
                danish=f"Ukendt slags tal {kind!r}: potentiale, realiseret eller investering.",
            )
        kr = to_kroner(amount, kind, factor)
        text = amount if isinstance(amount, str) else None
        try:
            parsed[kind] = judge_amount(
                kind,
                kr,
                text,
                factor,
                options,
                in_file=False,
                own_unit=text is not None and has_unit(text),
            )
        except RuleError as error:
            raise InvalidInput(f"--{kind}: {error}", danish=error.danish) from None
    current = figures_by_year(session, h, year, year).get(year, {})
    after = {**current, **parsed}
    if any(kind in parsed for kind in ("potential", *RANGE_KINDS)):
        try:
            check_range(after.get("potential"), after.get("low"), after.get("high"))
        except RuleError as error:
            raise InvalidInput(f"{h.code} {year}: {error}", danish=error.danish) from None
    now = ctx.now()
    records: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    for kind in _KINDS:
        if kind not in parsed or not figure_changed(current.get(kind), parsed[kind], kind):
            continue
        records.append(
            {
                "hypothesis_id": h.id,
                "year": year,
                "kind": kind,
                "amount_kr": parsed[kind],
                "recorded_at": now,
                "actor": ctx.actor,
                "source": ctx.source,
                "note": note,
            }
        )
        events.append(
            event_values(
                ctx,
                now,
                programme_id=programme.id,
                action="figure.set",
                subject=h.code,
                hypothesis_id=h.id,
                field=f"{kind}.{year}",
                old=current.get(kind),
                new=parsed[kind],
                note=note,
            )
        )
    changed = len(records)
    if changed:
        # Plain inserts, no ORM object per row: append-only rows that nothing in
        # this transaction reads back as objects.
        session.execute(sa.insert(Figure.__table__), records)  # type: ignore[attr-defined]
        record_events(session, events)
        touch(h, now)  # bumps the version: a figure change is a change of the hypothesis
        session.add(h)
        session.flush()
    return hypothesis_view(session, h), changed
