"""The app's screens, one per file."""

from typing import Any

from textual.screen import Screen


def fit_breakpoints(screen: Screen[Any]) -> None:
    """Give ``screen`` the breakpoint class (``-narrow``, ``-wide``) of the terminal now.

    Textual sets it on the first resize event, which comes after the first layout and
    paint: on a wide terminal every panel was laid out and drawn twice, narrow first.
    Called at the start of ``compose``.
    """
    own = screen.HORIZONTAL_BREAKPOINTS  # as Textual reads them: the screen's, unless None
    breakpoints = (screen.app.HORIZONTAL_BREAKPOINTS if own is None else own) or []
    width = screen.app.size.width
    fitting = [name for least, name in sorted(breakpoints) if width >= least]
    screen.update_classes(
        {name: name == fitting[-1] if fitting else False for _, name in breakpoints},
        animate=False,
    )
