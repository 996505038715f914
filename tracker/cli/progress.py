"""A progress bar on stderr for long work, only when stderr is a terminal.

Scripts and pipes see only the data: when stderr is not a terminal no bar is drawn
and Rich is not even imported (start-up time is a feature for scripts). The
services tell how far they are through a plain callback
(:mod:`tracker.services.progress`); this turns it into Rich's bar.
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tracker.i18n import N_, _
from tracker.services.progress import CHECK, COPY, READ, RENDER, WRITE, Progress

__all__ = ["progress_bar"]

#: What each phase of the services is called on the bar.
LABELS = {
    READ: N_("Reading"),
    CHECK: N_("Checking rows"),
    WRITE: N_("Writing"),
    RENDER: N_("Rendering"),
    COPY: N_("Copying pages"),
}


@contextmanager
def progress_bar(title: str) -> Iterator[Progress | None]:
    """A callback that draws a bar titled ``title`` on a terminal, else ``None``.

    The bar is transient: it is gone when the work is done, so the terminal shows
    only the command's own lines.
    """
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    console = Console(file=sys.stderr)
    columns = (
        TextColumn(f"{title}: {{task.description}}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Bar(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=None)
        current = [""]  # the phase drawn last

        def show(phase: str, done: int, total: int) -> None:
            # a new phase is drawn at once: a short one would else fall between two of
            # Rich's refreshes, and the reader never learns what the wait was
            new, current[0] = phase != current[0], phase
            label = _(LABELS.get(phase, phase))
            bar.update(task, description=label, completed=done, total=total, refresh=new)

        yield show
