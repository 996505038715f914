"""A table of display text, as every summary section hands it to the renderers."""

from dataclasses import dataclass

__all__ = ["Table"]


@dataclass(frozen=True, slots=True)
class Table:
    """A table of display text; columns listed in ``numeric`` are right-aligned."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    footer: tuple[str, ...] | None = None
    """A totals row, shown emphasised."""
    subtotals: frozenset[int] = frozenset()
    """Indices of the rows that are a group's subtotal (shown emphasised)."""
