"""Start-up machinery: what makes the dashboard's first paint its only one, and what
makes the process leave with its terminal.

- :class:`FirstStatus` reads the first status on a thread of its own while Textual
  starts (SQLite's work runs outside the GIL);
- :func:`freeze_long_lived_objects` takes what the imports built out of the garbage
  collector's sight, once per process;
- :func:`fit_breakpoints` gives a screen the terminal's breakpoint class before its
  first layout;
- :func:`watch_terminal` quits the app once its terminal has gone away.
"""

import errno
import gc
import os
import signal
import sys
import threading
from functools import partial
from typing import Any

from textual.app import App
from textual.screen import Screen

from tracker.domain.status import Status
from tracker.services import Parat
from tracker.services.status import gc_paused

__all__ = [
    "BREAKPOINTS",
    "FIRST_PAINT_WAIT_S",
    "FirstRead",
    "FirstStatus",
    "fit_breakpoints",
    "freeze_long_lived_objects",
    "terminal_alive",
    "watch_terminal",
]

#: How long the first screen waits for the first status before it is drawn without.
FIRST_PAINT_WAIT_S = 1.0

#: The app's horizontal breakpoints (the classes ``app.tcss`` styles).
BREAKPOINTS: list[tuple[int, str]] = [(0, "-narrow"), (120, "-wide")]

#: The first read: the newest event's id when it was read, and the status.
FirstRead = tuple[int, Status]

_frozen = False


def freeze_long_lived_objects() -> None:
    """Move what the imports built (modules, classes, Textual's and SQLAlchemy's
    tables: a few hundred thousand objects) out of the garbage collector's sight.

    They live as long as the process, and every full collection walks them: two or
    three of those during start-up cost more than drawing the dashboard. Done once
    per process, by the first app, before Textual builds anything.
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


class FirstStatus:
    """The first status, read on its own thread from the moment it is made.

    When it is ready before the first screen, that screen is painted once, with the
    figures, instead of "Indlæser …" and then again.
    """

    def __init__(self, parat: Parat) -> None:
        self._parat = parat
        self._result: list[FirstRead | Exception] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        # Every row SQLite steps through lets go of the GIL; getting it back from a
        # busy UI thread waits out the switch interval (5 ms), which made a small read
        # take twenty times as long beside Textual's start-up: a short interval hands
        # the GIL back at once, for the length of this read only.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, 0.0002))
        try:
            # Kept out of the collector's sight, as it stays on screen: walking it
            # would slow the first paint. Only here, once: a freeze also keeps what is
            # garbage at that moment, so freezing at every reload grows the process.
            with gc_paused(keep=True):
                self._result.append((self._parat.last_change(), self._parat.status()))
        except Exception as error:  # handled on the UI thread, like any load
            self._result.append(error)
        finally:
            sys.setswitchinterval(interval)

    @property
    def done(self) -> bool:
        """The read has finished (with a status or an error)."""
        return not self._reader.is_alive()

    def status_within(self, seconds: float) -> FirstRead | None:
        """Wait up to ``seconds``; the status if it was read by then, handed out once
        (an error is left for :meth:`outcome`).

        Waiting also leaves the reader the GIL: beside Textual's start-up a small
        read took two or three times as long.
        """
        self._reader.join(seconds)
        first = self._result[0] if self.done and self._result else None
        if isinstance(first, tuple):
            self._result.clear()
            return first
        return None

    def outcome(self) -> FirstRead | Exception | None:
        """Wait for the read; its status or error (``None``: the status was handed
        out already)."""
        self._reader.join()
        return self._result[0] if self._result else None


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


def terminal_alive(fd: int | None = None) -> bool:
    """Whether the terminal is still there: after a hang-up, asking it for its
    foreground process group fails with EIO. Anything else (no controlling terminal,
    no stdin) cannot tell, and counts as alive."""
    try:
        if fd is None:
            if sys.__stdin__ is None:
                return True
            fd = sys.__stdin__.fileno()
        os.tcgetpgrp(fd)
    except OSError as error:
        return error.errno != errno.EIO
    except ValueError:  # stdin closed
        return True
    return True


def watch_terminal(app: App[Any]) -> None:
    """Check every second whether ``app``'s terminal is still there (not headless)."""
    if not app.is_headless:
        app.set_interval(1.0, partial(_exit_without_terminal, app))


def _exit_without_terminal(app: App[Any]) -> None:
    """Quit once the terminal is gone (ssh dropped, tmux killed).

    The hang-up signal reaches only the terminal's session leader: under ``make run``
    that is make, which waits for us, while Textual's input thread reads end-of-file
    in a loop (a core at 30 to 70 %), holding the database open. Textual's own
    shutdown then blocks writing to the vanished terminal, so the process leaves by
    itself if it is still here three seconds later (every save is a finished
    transaction by then; there is nobody left to show a form to).
    """
    if terminal_alive():
        return
    hang_up = threading.Timer(3.0, os._exit, args=(128 + signal.SIGHUP,))
    hang_up.daemon = True
    hang_up.start()
    app.exit()
