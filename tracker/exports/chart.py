"""The trajectory chart's geometry, shared by the HTML (inline SVG) and the PDF.

Computed once in abstract units (y grows downward, as in SVG); each renderer scales
it. Bars per year for pipeline, decided, weighted and realised, and a dashed line at
the target.
"""

import math
from dataclasses import dataclass

from tracker.domain import labels as da
from tracker.domain.status import Status
from tracker.exports.danish import mio
from tracker.report.words import word

__all__ = ["SERIES", "Bar", "Chart", "layout_chart"]

#: (attribute, Danish label, colour): the series in drawing order.
SERIES: tuple[tuple[str, str, str], ...] = (
    ("pipeline_kr", da.PIPELINE, "#b9c7d8"),
    ("decided_kr", da.DECIDED, "#6f8fb3"),
    ("weighted_kr", da.WEIGHTED, "#1f4e79"),
    ("realised_kr", da.REALISED, "#2e8b57"),
)
TARGET_COLOUR = "#c0392b"


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    colour: str
    label: str
    """Series label and year with the amount, for a tooltip or alt text."""


@dataclass(frozen=True, slots=True)
class Chart:
    width: float
    height: float
    left: float
    top: float
    plot_w: float
    plot_h: float
    zero_y: float
    bars: tuple[Bar, ...]
    y_ticks: tuple[tuple[float, str], ...]
    """(y, label in mio. kr.) for the gridlines."""
    x_labels: tuple[tuple[float, str], ...]
    target_y: float | None
    target_label: str
    legend: tuple[tuple[str, str], ...]
    """(label, colour)."""


def _step(span: float) -> float:
    """A round gridline step (1, 2, 2.5 or 5 × 10^k) giving about five lines."""
    raw = span / 5 if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power  # pragma: no cover


def layout_chart(status: Status, width: float = 720, height: float = 300) -> Chart:
    """Lay out the chart for the status's years in a ``width`` × ``height`` box."""
    left, right, top, bottom = 56.0, 12.0, 14.0, 48.0
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [getattr(y, attr) for y in status.years for attr, _, _ in SERIES]
    target = status.programme.target_kr
    shown = status.programme.display  # the gridlines stay in mio. kr.: a picture
    top_kr = max([0, target, *values])
    low_kr = min([0, *values])
    step_mio = _step((top_kr - low_kr) / 1_000_000)
    hi = math.ceil(top_kr / 1_000_000 / step_mio) * step_mio or step_mio
    lo = math.floor(low_kr / 1_000_000 / step_mio) * step_mio
    span = hi - lo

    def y_of(kr: float) -> float:
        return top + plot_h * (hi - kr / 1_000_000) / span

    zero_y = y_of(0)
    ticks = []
    n = round(span / step_mio)
    for i in range(n + 1):
        v = lo + i * step_mio
        ticks.append((y_of(v * 1_000_000), mio(round(v * 1_000_000), 0)))
    bars: list[Bar] = []
    x_labels: list[tuple[float, str]] = []
    years = status.years
    group_w = plot_w / max(1, len(years))
    bar_w = group_w * 0.8 / len(SERIES)
    for i, y in enumerate(years):
        gx = left + i * group_w + group_w * 0.1
        x_labels.append((left + (i + 0.5) * group_w, str(y.year)))
        for j, (attr, label, colour) in enumerate(SERIES):
            kr = getattr(y, attr)
            y_kr = y_of(kr)
            bars.append(
                Bar(
                    x=gx + j * bar_w,
                    y=min(y_kr, zero_y),
                    w=bar_w * 0.9,
                    h=abs(zero_y - y_kr),
                    colour=colour,
                    label=f"{word(label)} {y.year}: {shown.amount(kr)}",
                )
            )
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_w=plot_w,
        plot_h=plot_h,
        zero_y=zero_y,
        bars=tuple(bars),
        y_ticks=tuple(ticks),
        x_labels=tuple(x_labels),
        target_y=y_of(target) if target else None,
        target_label=f"{word(da.TARGET)} {shown.amount(target)}",
        legend=tuple((word(label), colour) for _, label, colour in SERIES),
    )
