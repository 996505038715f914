"""Horizontal bars drawn with eighth blocks, shared by the dashboard's panels."""

from rich.text import Text

__all__ = ["COLOURS", "bar"]

_EIGHTHS = " ▏▎▍▌▋▊▉"

#: One colour per measure, the same in every panel and in the chart's legend.
COLOURS: dict[str, str] = {
    "realised": "#5fd75f",
    "validated": "#5fd75f",  # what the progress reads then: the colour of realised
    "budgeted": "#00afaf",
    "decided": "#5f87ff",
    "weighted": "#ffaf00",
    "pipeline": "#8a8a8a",
    "target": "#d7d7d7",
    "empty": "#3a3a3a",
}


def bar(value: int, scale: int, width: int, colour: str, *, marker: int | None = None) -> Text:
    """``value`` of ``scale`` as a bar ``width`` cells wide, with an optional marker
    (the target) drawn at the position of ``marker``."""
    width = max(1, width)
    eighths = 0
    if scale > 0:
        eighths = max(0, min(width * 8, round(width * 8 * max(0, value) / scale)))
    full, part = divmod(eighths, 8)
    cells = ["█"] * full
    if part and full < width:
        cells.append(_EIGHTHS[part])
    filled = len(cells)
    cells += ["░"] * (width - filled)
    marker_at = None
    if marker is not None and scale > 0:
        marker_at = min(width - 1, max(0, round(width * marker / scale) - 1))
    # Runs of one style become one span: rendering cost grows with spans, not cells.
    text = Text()
    run, run_style = "", ""
    for i, cell in enumerate(cells):
        if i == marker_at and i >= full:
            cell, style = ("▕" if cell == "░" else cell), COLOURS["target"]
        else:
            style = colour if i < filled else COLOURS["empty"]
        if style != run_style and run:
            text.append(run, style=run_style)
            run = ""
        run, run_style = run + cell, style
    if run:
        text.append(run, style=run_style)
    return text
