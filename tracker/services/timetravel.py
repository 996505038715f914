"""The programme exactly as it stood at a moment, rebuilt from the dated records.

Figures: the latest record per (hypothesis, kind, year) made at or before the moment.
Attributes (hypothesis title, stage, bucket, confidence, …; the programme's frame,
weights and buckets): the current row, corrected by the events after the moment (the
value before the first later change is that event's old value, which equals the value
of the latest event at or before the moment). Hypotheses created after the moment do
not exist then. Overlaps (dobbelttælling): the latest record per name made at or
before the moment, like a figure. Validations: the latest verdict per realised record
made at or before the moment, counted when that record still stood then. Nothing is
copied: a past status is computed, never stored.

The hypothesis ``version`` in a past status is the current one (the lock token a
caller needs to edit it), not a historical counter.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlmodel import Session

from db import history, queries, validations
from tracker.domain.benefits import BenefitType, parse_counting
from tracker.domain.labels import FIGURE_KINDS
from tracker.domain.money import Display
from tracker.domain.overlaps import Overlap
from tracker.domain.ranges import RANGE_KINDS
from tracker.domain.stages import DECIDED_STAGES, DEFAULT_WEIGHTS, Stage
from tracker.domain.status import (
    Allocation,
    BucketFacts,
    HypothesisFacts,
    ProgrammeFacts,
)
from tracker.errors import NotFound
from tracker.services.overlaps import overlap_facts

__all__ = ["Moment", "load_moment"]

_DECIDED = frozenset(s.value for s in DECIDED_STAGES)
_NO_FIGURES: Mapping[int, int] = MappingProxyType({})  # shared by the many without any
_STAGES = {s.value: s for s in Stage}
_BENEFITS = {t.value: t for t in BenefitType}  # a dict lookup: ``Stage(value)`` costs 10 µs


@dataclass(frozen=True, slots=True)
class Moment:
    """The programme's facts at one moment, ready for the status arithmetic."""

    as_of: datetime
    programme_id: int
    programme: ProgrammeFacts
    hypotheses: list[HypothesisFacts]
    """By code; figures for every year of the programme."""
    ids: dict[str, int] = field(default_factory=dict)
    """code → hypothesis id."""
    descriptions: dict[str, str] = field(default_factory=dict)
    """code → description at the moment."""
    overlaps: tuple[Overlap, ...] = ()
    """The overlaps (dobbelttællinger) that stood at the moment, by name."""


def _as_int(value: str | None) -> int | None:
    return None if value is None or value == "" else int(value)


def _first_old_values(events: list[Any]) -> dict[tuple[Any, ...], str | None]:
    """(action, owner, field) → old value of the first event after the moment.

    The owner is the hypothesis id, the programme id, or a bucket's key (which never
    changes); never a name, since a rename would split one owner's events in two.
    """
    first: dict[tuple[Any, ...], str | None] = {}
    for e in events:
        if e.action == "hypothesis.set":
            owner = e.hypothesis_id
        elif e.action == "programme.set":
            owner = e.programme_id
        else:
            owner = e.subject
        key = (e.action, owner, e.field)
        if key not in first:
            first[key] = e.old_value
    return first


def _programme_at(
    conn: Any, row: Any, as_of: datetime, later: list[Any], *, has_rammer: bool = False
) -> ProgrammeFacts:
    old = _first_old_values(later)
    frame: dict[str, Any] = {
        "name": row.name,
        "target_kr": row.target_kr,
        "target_year": row.target_year,
        "first_year": row.first_year,
        "last_year": row.last_year,
        "allocation": row.allocation,
        "counting_types": row.counting_types,
    }
    weights = dict(DEFAULT_WEIGHTS)
    for stage, pct in queries.stage_weights(conn, row.id).items():
        weights[Stage(stage)] = pct
    for (action, _owner, fld), value in old.items():
        if action != "programme.set" or value is None:
            continue
        if fld.startswith("weight."):
            weights[Stage(fld.removeprefix("weight."))] = int(value)
        elif fld in ("target_kr", "target_year", "first_year", "last_year"):
            frame[fld] = int(value)
        elif fld in frame:
            frame[fld] = value
    added_later = {e.subject for e in later if e.action == "bucket.add"}
    buckets = []
    for b in queries.bucket_rows(conn, row.id):
        if b.key in added_later:
            continue
        values = {"name": b.name, "target_kr": b.target_kr, "priority": b.priority}
        for fld in values:
            value = old.get(("bucket.set", b.key, fld), _MISSING)
            if value is not _MISSING and value is not None:
                values[fld] = value if fld == "name" else int(value)  # type: ignore[arg-type]
        buckets.append(BucketFacts(b.key, **values))  # type: ignore[arg-type]
    return ProgrammeFacts(
        name=frame["name"],
        target_kr=frame["target_kr"],
        target_year=frame["target_year"],
        first_year=frame["first_year"],
        allocation=Allocation(frame["allocation"]),
        weights=weights,
        buckets=tuple(buckets),
        last_year=frame["last_year"],
        counting_types=parse_counting(frame["counting_types"]),
        # How amounts are shown is today's choice, also for a past moment.
        display=Display(row.display_unit, row.display_decimals),
        has_rammer=has_rammer,
    )


_MISSING: Any = object()


def _baselines(
    conn: Any, rows: list[Any], stages_at: dict[int, str], target_year: int, as_of: datetime
) -> dict[int, int]:
    """hypothesis id → target-year potential when it first reached decided or later.

    The potential standing at that moment (records of the same moment included);
    when none was recorded yet, the first one recorded after it (up to ``as_of``).
    """
    initial = history.initial_stages(conn, as_of)
    initially_decided = [h.id for h in rows if initial.get(h.id, stages_at[h.id]) in _DECIDED]
    ever_decided = any(s in _DECIDED for s in stages_at.values()) or initial
    if not initially_decided and not ever_decided:
        return {}
    return history.baseline_amounts(conn, sorted(_DECIDED), initially_decided, target_year, as_of)


def _attributes_at(
    h: Any,
    old: dict[tuple[Any, ...], str | None],
    last_set: datetime | None,
    figure_at: Any,
    cut_at: datetime | None = None,
) -> dict[str, Any]:
    """A hypothesis's attributes at the moment, from its row and the later events."""
    values: dict[str, Any] = {
        "title": h.title,
        "area": h.area,
        "owner": h.owner,
        "description": h.description,
        "stage": h.stage,
        "bucket": h.bucket,
        "confidence_pct": h.confidence_pct,
        "benefit_type": h.benefit_type,
    }
    for fld in values:
        value = old.get(("hypothesis.set", h.id, fld), _MISSING)
        if value is _MISSING:
            continue
        if fld == "confidence_pct":
            values[fld] = _as_int(value)
        elif fld == "bucket":
            values[fld] = value
        else:
            values[fld] = "" if value is None else value
    moments = [
        h.created_at,
        last_set,
        None if figure_at is None else history.as_moment(figure_at),
        cut_at,
    ]
    values["updated_at"] = max(m for m in moments if m is not None)
    return values


def load_moment(session: Session, as_of: datetime) -> Moment:
    """The programme's facts at ``as_of`` (see the module docstring)."""
    conn = session.connection()
    row = queries.programme_row(conn)
    if row is None:
        raise NotFound(
            "no programme in this database yet: run `parat init` or `parat demo`",
            danish="Databasen har endnu intet program. Kør `parat init` eller `parat demo`.",
        )
    if row.created_at > as_of:
        from tracker.report.moments import show_moment

        raise NotFound(
            f"the programme did not exist yet at {show_moment(as_of)} "
            f"(it was created {show_moment(row.created_at)})",
            danish=f"Programmet fandtes ikke endnu pr. {show_moment(as_of)} "
            f"(det blev oprettet {show_moment(row.created_at)}).",
        )
    later = history.attribute_events_after(conn, as_of)
    # Cuts need a ramme: a programme without one (most) reads no cut at all.
    has_rammer = queries.has_rammer(conn, row.id, as_of)
    programme = _programme_at(conn, row, as_of, later, has_rammer=has_rammer)
    validated: dict[int, dict[int, int]] = {}
    if validations.has_validations(conn, row.id, as_of):
        programme = replace(programme, has_validations=True)
        validated = validations.validated_amounts(conn, row.id, as_of)
    old = _first_old_values(later)
    rows = queries.hypothesis_rows(conn, row.id, created_until=as_of)

    # Only hypotheses changed after the moment need their last change before it.
    changed_later = any(h.updated_at > as_of for h in rows)
    figures: dict[int, dict[str, dict[int, int]]] = {}
    last_figure: dict[int, Any] = {}
    if changed_later:
        for hid, kind, year, amount, at in history.figures_at(
            conn,
            first_year=programme.first_year,
            last_year=programme.end_year,
            as_of=as_of,
            with_moment=True,
        ):
            figures.setdefault(hid, {}).setdefault(kind, {})[year] = amount
            if hid not in last_figure or at > last_figure[hid]:
                last_figure[hid] = at
    else:
        # Nothing changed since: the figures pivoted per hypothesis in SQL (fastest).
        figures = queries.figure_matrix(
            conn,
            first_year=programme.first_year,
            last_year=programme.end_year,
            kinds=(*FIGURE_KINDS, *RANGE_KINDS),
            as_of=as_of,
        )
    last_set = history.last_attribute_change(conn, as_of) if changed_later else {}
    cuts: dict[int, dict[int, int]] = {}
    last_cut: dict[int, datetime] = {}
    if has_rammer:
        from db.budget import cut_sums

        cuts, last_cut = cut_sums(
            conn, first_year=programme.first_year, last_year=programme.end_year, as_of=as_of
        )

    # Only hypotheses changed after the moment need their attributes rebuilt; the
    # others are read straight off their rows (10,000 of them at start-up).
    past: dict[int, dict[str, Any]] = {}
    for h in rows:
        if h.updated_at > as_of:
            past[h.id] = _attributes_at(
                h, old, last_set.get(h.id), last_figure.get(h.id), last_cut.get(h.id)
            )
    stages_at = {h.id: past[h.id]["stage"] if h.id in past else h.stage for h in rows}
    baselines = _baselines(conn, rows, stages_at, programme.target_year, as_of)
    empty: dict[str, Mapping[int, int]] = {}
    facts = []
    for h in rows:
        kinds = figures.get(h.id, empty)
        a = past.get(h.id)
        facts.append(
            HypothesisFacts(
                h.code,
                h.title if a is None else a["title"],
                _STAGES[h.stage if a is None else a["stage"]],
                h.area if a is None else a["area"],
                h.owner if a is None else a["owner"],
                h.bucket if a is None else a["bucket"],
                h.confidence_pct if a is None else a["confidence_pct"],
                h.version,
                h.updated_at if a is None else a["updated_at"],
                kinds.get("potential", _NO_FIGURES),
                kinds.get("realised", _NO_FIGURES),
                kinds.get("investment", _NO_FIGURES),
                baselines.get(h.id),
                _BENEFITS[h.benefit_type if a is None else a["benefit_type"]],
                kinds.get("low", _NO_FIGURES),
                kinds.get("high", _NO_FIGURES),
                cuts.get(h.id, _NO_FIGURES),
                validated.get(h.id, _NO_FIGURES),
            )
        )
    return Moment(
        as_of=as_of,
        programme_id=row.id,
        programme=programme,
        hypotheses=facts,
        ids={h.code: h.id for h in rows},
        descriptions={
            h.code: h.description if h.id not in past else past[h.id]["description"] for h in rows
        },
        overlaps=overlap_facts(conn, row.id, as_of),
    )
