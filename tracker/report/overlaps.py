"""Double counting (dobbelttælling) as rows of display text, shared by ``parat
status``, the exports and the dashboard, so all of them show the same thing: each
measure brutto, what the overlaps take off it, and netto; then the overlaps."""

from collections.abc import Callable

from tracker.domain import labels as da
from tracker.domain.status import Status
from tracker.report.words import word

__all__ = ["measure_rows", "overlap_rows"]


def measure_rows(
    s: Status, amount: Callable[[int], str] | None = None
) -> list[tuple[str, str, str, str]]:
    """(measure, brutto, dobbelttælling, netto) for pipeline, weighted, decided,
    realised and validated, the measures named in the reader's language; empty when
    the programme has no overlaps.

    ``amount`` formats kroner (default: the programme's display, with its unit)."""
    if not s.overlaps:
        return []
    shown = amount or s.programme.display.amount
    t = s.totals
    return [
        (word(label), shown(gross), shown(overlap), shown(net))
        for label, gross, overlap, net in (
            (da.PIPELINE, t.gross_pipeline_kr, t.overlap_kr, t.pipeline_kr),
            (da.WEIGHTED, t.gross_weighted_kr, t.overlap_weighted_kr, t.weighted_kr),
            (da.DECIDED, t.gross_decided_kr, t.overlap_decided_kr, t.decided_kr),
            (da.REALISED, t.gross_realised_kr, t.overlap_realised_kr, t.realised_kr),
            (da.VALIDATED, t.gross_validated_kr, t.overlap_validated_kr, t.validated_kr),
        )
    ]


def overlap_rows(
    s: Status, amount: Callable[[int], str] | None = None
) -> list[tuple[str, str, str, str, str]]:
    """Per overlap: (name, members, amount counted twice, taken off weighted, note).
    Members that do not count are marked, and an overlap that deducts nothing says so
    in place of its weighted amount."""
    shown = amount or s.programme.display.amount
    not_counted = word(da.OVERLAP_NOT_COUNTED)
    rows = []
    for o in s.overlaps:
        members = ", ".join(
            code if code in o.counted else f"{code} ({not_counted})" for code in o.members
        )
        weighted = shown(o.weighted_kr) if o.counts else f"({not_counted})"
        rows.append((o.name, members, shown(o.amount_kr), weighted, o.note))
    return rows
