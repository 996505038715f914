"""Suggestions for the free-text fields that should repeat earlier values: an area
(område/udvalg) and an owner (ansvarlig) typed once are offered again, so that
"Ældre og sundhed" does not drift into "Ældreområdet".

The values are the programme's own, read from the status on show (every hypothesis,
dropped ones too); the most used comes first when two start alike.
"""

from collections import Counter
from collections.abc import Iterable

from textual.suggester import SuggestFromList

from tracker.domain.groups import danish_key
from tracker.domain.status import Status

__all__ = ["area_suggester", "known", "owner_suggester"]


def known(values: Iterable[str]) -> list[str]:
    """The distinct non-blank ``values``, the most used first, then in Danish order."""
    counts = Counter(v.strip() for v in values if v.strip())
    return sorted(counts, key=lambda v: (-counts[v], danish_key(v)))


def area_suggester(status: Status | None) -> SuggestFromList:
    """Completes an area from those the programme uses (case-blind)."""
    rows = status.hypotheses if status is not None else ()
    return SuggestFromList(known(h.area for h in rows), case_sensitive=False)


def owner_suggester(status: Status | None) -> SuggestFromList:
    """Completes an owner from those the programme names (case-blind)."""
    rows = status.hypotheses if status is not None else ()
    return SuggestFromList(known(h.owner for h in rows), case_sensitive=False)
