"""The validation state of a hypothesis's realised figures, as one Danish line per
year, shared by the detail screen (and any front end that shows one hypothesis)."""

from tracker.domain import labels as da
from tracker.domain.money import format_mio
from tracker.report.moments import show_moment
from tracker.report.views import HypothesisDetail, ValidationView

__all__ = ["validation_lines"]


def validation_lines(detail: HypothesisDetail) -> list[str]:
    """Per year with a realised figure: ``Realiseret 2018: 4,0 mio. kr. · godkendt af
    anna 12.03.2018 11:00 (sag 18/1234)``, or ``ikke valideret`` (with why, when the
    figure changed after a verdict). Empty when the hypothesis has no realised figure."""
    latest: dict[int, ValidationView] = {}
    for v in detail.validations:  # oldest first: the last one per year stands
        latest[v.year] = v
    lines = []
    for year, kinds in sorted(detail.figures.items()):
        amount = kinds.get("realised")
        if amount is None:
            continue
        head = f"{da.REALISED} {year}: {format_mio(amount)}"
        found = latest.get(year)
        if found is None:
            lines.append(f"{head} · ikke valideret")
            continue
        when = show_moment(found.at)
        if not found.standing:
            lines.append(f"{head} · ikke valideret (ændret efter valideringen {when})")
        else:
            verdict = da.VERDICT_LABELS["approved" if found.approved else "rejected"]
            lines.append(f"{head} · {verdict} af {found.actor} {when} ({found.reference})")
    return lines
