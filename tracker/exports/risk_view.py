"""The summary's "Hvor sikre er vi?" section as display text: the sentences, the two
ways of drawing side by side, the buckets, and the draws and seed it comes from.

Built once from the report's :class:`~tracker.domain.risk.Risk` and shared by the
Markdown, HTML, PDF and XLSX renderers; the CLI (``parat risk``) says the same
sentences through its catalogue.
"""

from dataclasses import dataclass

from tracker.domain import labels as da
from tracker.domain.money import Display
from tracker.domain.risk import PERCENTS, Risk
from tracker.domain.status import Status
from tracker.exports.table import Table
from tracker.i18n import _
from tracker.report.risk import percent
from tracker.report.words import allocation_name, word

__all__ = ["RiskView", "bucket_headers", "risk_sentences", "risk_view", "whole_number"]


@dataclass(frozen=True, slots=True)
class RiskView:
    """Every part of the risk section, ready to render."""

    heading: str
    sentences: tuple[str, ...]
    """Expected value, the chance of reaching the target, the amounts reached."""
    table: Table
    """Independent and moving together, side by side."""
    buckets: Table | None
    """Per bucket; ``None`` when the programme has none."""
    note: str
    """The draws and the seed, and what the two ways of drawing mean."""
    draws: int
    seed: int


def whole_number(n: int) -> str:
    """A count in Danish: ``20000`` → ``20.000``."""
    return f"{n:,}".replace(",", ".")


def risk_sentences(r: Risk, shown: Display) -> tuple[str, ...]:
    """The figures in words, in the reader's language: what ``parat risk`` prints."""
    reached = tuple(
        word(da.RISK_REACHED).format(
            pct=pct, amount=shown.amount(getattr(r.independent, f"p{pct}_kr"))
        )
        for pct in PERCENTS
    )
    together = word(da.RISK_TOGETHER_REACHED).format(
        pcts=" / ".join(str(pct) for pct in PERCENTS),
        amounts=" / ".join(shown.number(getattr(r.together, f"p{pct}_kr")) for pct in PERCENTS),
        unit=shown.suffix,
    )
    return (
        word(da.RISK_EXPECTED).format(amount=shown.amount(r.expected_kr)),
        word(da.RISK_P_TARGET).format(
            target=shown.amount(r.target_kr),
            p=percent(r.independent.p_target),
            together=percent(r.together.p_target),
        ),
        *reached,
        together,
    )


def _both(r: Risk, shown: Display) -> Table:
    rows = [(word(da.RISK_P_LABEL), percent(r.independent.p_target), percent(r.together.p_target))]
    rows.extend(
        (
            word(da.RISK_REACHED_LABEL).format(pct=pct),
            shown.number(getattr(r.independent, f"p{pct}_kr")),
            shown.number(getattr(r.together, f"p{pct}_kr")),
        )
        for pct in PERCENTS
    )
    return Table(("", word(da.INDEPENDENT), word(da.TOGETHER)), tuple(rows), frozenset({1, 2}))


def bucket_headers() -> tuple[str, ...]:
    """The headings of the per-bucket table (the documents and the spreadsheet)."""
    return (
        word(da.BUCKET),
        word(da.TARGET),
        _("Expected"),
        word(da.RISK_P_FULL),
        word(da.TOGETHER),
        word(da.RISK_REACHED_SHORT).format(pct=80),
    )


def _buckets(s: Status, r: Risk, shown: Display) -> Table | None:
    if not r.buckets:
        return None
    names = {b.key: b.name for b in s.buckets}
    return Table(
        bucket_headers(),
        tuple(
            (
                names.get(b.key, b.key),
                shown.number(b.target_kr),
                shown.number(b.outlook.expected_kr),
                percent(b.p_full),
                percent(b.p_full_together),
                shown.number(b.outlook.independent.p80_kr),
            )
            for b in r.buckets
        ),
        frozenset(range(1, 6)),
    )


def risk_view(s: Status, r: Risk, shown: Display) -> RiskView:
    """The section for the status ``s`` and its risk ``r``, amounts in ``shown``."""
    mode = allocation_name(s.programme.allocation.value)
    return RiskView(
        heading=word(da.RISK),
        sentences=risk_sentences(r, shown),
        table=_both(r, shown),
        buckets=_buckets(s, r, shown),
        note=word(da.RISK_NOTE).format(draws=whole_number(r.draws), seed=r.seed)
        + " "
        + _("Buckets: {mode}; amounts in {unit}").format(mode=mode, unit=shown.suffix),
        draws=r.draws,
        seed=r.seed,
    )
