"""The Parat app: two main screens (Overblik, Hypoteser) as modes, the detail screen
pushed on top, dialogs as modal screens. ``create_app`` is shared by the CLI, the
tests and the benchmarks.

Every database call goes through :class:`tracker.Parat` (one short session per
call) inside a thread worker; results come back to the UI thread, and widgets are
only touched there.
"""

import errno
import gc
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen

from tracker.domain.rules import stage_move_needs_note
from tracker.domain.stages import Stage
from tracker.domain.status import HypothesisContribution, Status
from tracker.errors import NotFound, ParatError, ReadOnlyError
from tracker.report import HypothesisView
from tracker.services import Parat
from tracker.services.status import gc_paused
from tui.access import READ_ONLY, error_text, past_message
from tui.commands import HypothesisCommands
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.new_hypothesis import NewHypothesis, NewHypothesisDialog
from tui.dialogs.note import NoteDialog, why_question
from tui.messages import DataChanged, StatusLoaded
from tui.screens.dashboard import DashboardScreen

__all__ = ["ParatApp", "create_app", "run"]

T = TypeVar("T")


# Screens other than the dashboard are imported when first shown: the help screen's
# Markdown alone costs 80 ms at start-up.
def _hypotheses_screen() -> Screen[None]:
    from tui.screens.hypotheses import HypothesesScreen

    return HypothesesScreen()


def _since_screen() -> Screen[None]:
    from tui.screens.since import SinceScreen

    return SinceScreen()


_frozen = False


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


def _freeze_long_lived_objects() -> None:
    """Move what the imports built (modules, classes, Textual's and SQLAlchemy's
    tables: a few hundred thousand objects) out of the garbage collector's sight.

    They live as long as the process, and every full collection walks them: two or
    three of those during start-up cost more than drawing the dashboard. Done once
    per process, by the first app.
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


#: How long the first screen waits for the first status before it is drawn without.
FIRST_PAINT_WAIT_S = 1.0


def _is_detail(screen: Screen[Any], code: str | None = None) -> bool:
    from tui.screens.detail import DetailScreen

    return isinstance(screen, DetailScreen) and (code is None or screen.code == code)


class ParatApp(App[None]):
    """Parat's terminal UI over one database."""

    CSS_PATH = "app.tcss"
    TITLE = "Parat"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    # Overblik is the default screen, not one of MODES, and joins them once mounted:
    # Textual re-parses every stylesheet from scratch when it starts in a mode (a
    # third of the dashboard's start-up), but not when it starts on its default screen.
    MODES: ClassVar[dict[str, Any]] = {
        "hypoteser": _hypotheses_screen,
        "siden": _since_screen,
    }
    DEFAULT_MODE = "overblik"
    COMMANDS = App.COMMANDS | {HypothesisCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "switch_mode('overblik')", "Overblik", id="app.overblik", show=False),
        Binding("2", "switch_mode('hypoteser')", "Hypoteser", id="app.hypoteser", show=False),
        Binding("3", "switch_mode('siden')", "Siden sidst", id="app.siden", show=False),
        Binding("a", "as_of", "Pr. dato", id="app.as_of", show=False),
        Binding("escape", "now", "Tilbage til nu", id="app.now"),
        Binding("n", "new_hypothesis", "Ny", id="app.new"),
        Binding("r", "reload", "Genindlæs", id="app.reload"),
        Binding("question_mark,f1", "help", "Hjælp", id="app.help"),
        Binding("q", "quit", "Afslut", id="app.quit"),
    ]

    status: var[Status | None] = var(None)
    """The latest status; screens watch it ("attributes down")."""
    empty: var[bool] = var(False)
    """True when the database holds no programme yet."""
    past: var[str | None] = var(None)
    """How the moment shown is named ("01.03.2018", a snapshot) while the UI shows the
    past; ``None`` while it shows now. Set together with ``status``."""

    def __init__(self, parat: Parat, *, poll_seconds: float | None = 5.0) -> None:
        _freeze_long_lived_objects()
        super().__init__()
        self.parat = parat
        self.read_only = bool(getattr(parat, "read_only", False))
        """Opened read-only: every edit is refused with a clear message."""
        self.as_of: datetime | None = None
        """The past moment the UI shows (``None``: now); see :attr:`past`."""
        self._past_label: str | None = None
        self.poll_seconds = poll_seconds
        self._seen = -1
        # The first status is read while Textual starts (SQLite's work runs outside
        # the GIL): when it is ready before the first screen, that screen is painted
        # once, with the figures, instead of "Indlæser …" and then again.
        self._early: list[Any] = []
        self._early_reader = threading.Thread(target=self._read_early, daemon=True)
        self._early_reader.start()

    def _read_early(self) -> None:
        # Every row SQLite steps through lets go of the GIL; getting it back from a
        # busy UI thread waits out the switch interval (5 ms). While Textual starts,
        # that made a 16-hypothesis read take 300 ms instead of 15: a short interval
        # hands the GIL back at once, for the length of this read only.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, 0.0002))
        try:
            # Kept out of the collector's sight: walking it would cost the first paint
            # up to 170 ms. Only here, once: a freeze also keeps what is garbage at
            # that moment, and freezing at every reload grew the process by about
            # 50 KB a reload (300 reloads: +15 MB; reloads without it: +0).
            with gc_paused(keep=True):
                self._early.append((self.parat.last_change(), self.parat.status()))
        except Exception as error:  # handled on the UI thread, like any load
            self._early.append(error)
        finally:
            sys.setswitchinterval(interval)

    # -- loading -------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        # The first screen waits a while for the first status, so that it is laid out
        # and painted once, with the figures, instead of "Indlæser …" first and every
        # panel again. Waiting also leaves the reader the GIL: beside Textual's start-up
        # a 16-hypothesis read took 50 to 100 ms instead of 30. A slower read (a large
        # programme, a distant server) is drawn when it comes, as any reload.
        self._early_reader.join(FIRST_PAINT_WAIT_S)
        if not self._early_reader.is_alive() and self._early and isinstance(self._early[0], tuple):
            self._first_status(self._early.pop())
        return DashboardScreen()

    def on_mount(self) -> None:
        self.add_mode(self.DEFAULT_MODE, DashboardScreen)
        if not self._early_reader.is_alive():
            if self._early:
                self._first_status(self._early[0])
        else:
            self._await_early()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self._poll)
        if not self.is_headless:
            self.set_interval(1.0, self._exit_without_terminal)

    def _exit_without_terminal(self) -> None:
        """Quit once the terminal is gone (ssh dropped, tmux killed).

        The hang-up signal reaches only the terminal's session leader: under
        ``make run`` that is make, which waits for us, while Textual's input thread
        reads end-of-file in a loop (a core at 30 to 70 %), holding the database open.
        Textual's own shutdown then blocks writing to the vanished terminal, so the
        process leaves by itself if it is still here three seconds later (every save
        is a finished transaction by then; there is nobody left to show a form to).
        """
        if terminal_alive():
            return
        hang_up = threading.Timer(3.0, os._exit, args=(128 + signal.SIGHUP,))
        hang_up.daemon = True
        hang_up.start()
        self.exit()

    @work(thread=True, exclusive=True, group="poll")
    def _poll(self) -> None:
        """Notice changes by others (a cheap query) and show them without a key press."""
        if self._seen < 0:
            return
        try:
            latest = self.parat.last_change()
        except Exception:  # a busy or vanished database: try again at the next tick
            return
        if latest != self._seen:
            self.post_message(DataChanged(latest))

    def on_data_changed(self, message: DataChanged) -> None:
        self._seen = message.latest
        self.load_status()
        screen = self.screen
        if _is_detail(screen):
            screen.load()  # type: ignore[attr-defined]

    @work(thread=True, group="status")
    def _await_early(self) -> None:
        self._early_reader.join()
        self.call_from_thread(self._first_status, self._early[0] if self._early else None)

    def _first_status(self, early: Any) -> None:
        if isinstance(early, tuple):
            self.on_status_loaded(StatusLoaded(early[1], early[0]))
        else:
            self.load_status()  # reports the error (or offers to create the programme)

    @work(thread=True, exclusive=True, group="status")
    def load_status(self) -> None:
        as_of, past = self.as_of, self._past_label
        try:
            seen = self.parat.last_change()
            with gc_paused():
                status = self.parat.status(as_of)
        except NotFound as error:
            if as_of is None:
                self.call_from_thread(self._offer_programme)
            else:  # the programme did not exist yet then: nothing to create
                self.call_from_thread(self.notify, error_text(error), severity="error")
            return
        except ParatError as error:
            self.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.post_message(StatusLoaded(status, seen, as_of, past))

    def on_status_loaded(self, message: StatusLoaded) -> None:
        if message.as_of != self.as_of:
            return  # read for a moment the user has left since
        self.empty = False
        self._seen = max(self._seen, message.seen)
        self.past = message.past
        self.status = message.status

    # -- time travel: the status at a past moment ----------------------------------
    def action_as_of(self) -> None:
        """Ask for a snapshot or a date, then show the programme as it stood then."""
        from tui.dialogs.as_of import AsOfDialog, Moment

        screen = self.screen
        if _is_detail(screen) and screen.dirty_fields():  # type: ignore[attr-defined]
            self.notify(
                "Gem (ctrl+s) eller kassér dine ændringer, før du ser status pr. en anden dato.",
                title="Ikke gemt",
                severity="warning",
            )
            return

        def chosen(moment: Moment | None) -> None:
            if moment is not None:
                self.view_moment(*moment)

        self.push_screen(
            AsOfDialog(
                self.parat.snapshots, self.parat.resolve_moment, showing_past=self.as_of is not None
            ),
            chosen,
        )

    def view_moment(self, label: str, moment: datetime | None) -> None:
        """Show the status at ``moment`` (named ``label``), or now when it is ``None``."""
        if _is_detail(self.screen):
            self.pop_screen()  # a hypothesis's fields are always shown as they are now
        self.as_of, self._past_label = moment, (label if moment is not None else None)
        self.load_status()

    def action_now(self) -> None:
        if self.as_of is not None:
            self.view_moment("", None)
            self.notify("Viser status nu igen.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "now":
            return self.as_of is not None  # Esc means "back to now" only in the past
        return True

    def watch_past(self) -> None:
        self.refresh_bindings()

    def _offer_programme(self) -> None:
        self.empty = True
        if self.read_only:
            return  # a viewer cannot create it; the dashboard says the database is empty

        def answer(yes: bool | None) -> None:
            if yes:
                self.call_service(lambda p: p.create_programme(), lambda _: self.load_status())

        self.push_screen(
            ConfirmDialog(
                "Tom database",
                "Databasen har intet program endnu. Opret 'Parat til fremtiden' med "
                "kildedokumentets ramme (125 mio. kr. i 2018, tre puljer)?",
                yes="Opret programmet",
                no="Ikke nu",
            ),
            answer,
        )

    def action_reload(self) -> None:
        self.load_status()
        screen = self.screen
        if _is_detail(screen):
            screen.load()  # type: ignore[attr-defined]

    # -- service calls -------------------------------------------------------------
    @work(thread=True, group="write")
    def call_service(
        self, call: Callable[[Parat], T], then: Callable[[T], None] | None = None
    ) -> None:
        """Run ``call`` off the UI thread; ``then`` gets the result on the UI thread,
        a user's error becomes a notification."""
        try:
            result = call(self.parat)
        except ParatError as error:
            self.call_from_thread(
                self.notify, error_text(error), title="Ikke gemt", severity="error"
            )
            return
        if then is not None:
            self.call_from_thread(then, result)

    # -- may the UI write? -----------------------------------------------------------
    def write_block(self) -> str | None:
        """Why edits are refused now (read-only, or looking at the past), or ``None``."""
        if self.read_only:
            return READ_ONLY
        if self.past is not None:
            return past_message(self.past)
        return None

    def refuse_write(self) -> bool:
        """Show why an edit cannot be made, and say so (``True``) — else ``False``."""
        reason = self.write_block()
        if reason is not None:
            self.notify(reason, title="Kan ikke ændre", severity="warning")
        return reason is not None

    def row(self, code: str) -> HypothesisContribution | None:
        if self.status is None:
            return None
        return next((h for h in self.status.hypotheses if h.code == code), None)

    # -- flows shared by the screens and the command palette -----------------------
    def open_hypothesis(self, code: str) -> None:
        from tui.screens.detail import DetailScreen

        if self.past is not None:
            self.notify(
                f"Du ser status pr. {self.past}; en hypoteses felter og tal vises kun, som de "
                "er nu. Tryk Esc på Overblik (Tilbage til nu) for at åbne den.",
                title="Fortiden",
                severity="warning",
            )
            return
        if self.current_mode != "hypoteser":
            self.switch_mode("hypoteser")
        if _is_detail(self.screen):
            self.pop_screen()
        self.push_screen(DetailScreen(code))

    async def action_quit(self) -> None:
        """Quit; with unsaved edits on a hypothesis, ask first (nothing is lost silently)."""
        screen = self.screen
        dirty = screen.dirty_fields() if _is_detail(screen) else []  # type: ignore[attr-defined]
        if not dirty:
            self.exit()
            return
        from tui.edits import field_label

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit()

        names = ", ".join(field_label(f) for f in dirty)
        self.push_screen(
            ConfirmDialog(
                "Ikke gemt",
                f"Du har ændringer, der ikke er gemt: {names}. Afslut alligevel?",
                yes="Afslut",
                no="Bliv her",
            ),
            answer,
        )

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_new_hypothesis(self, error: str = "", values: NewHypothesis | None = None) -> None:
        if self.refuse_write():
            return
        values = values or {"code": self._next_code()}

        def created(values: NewHypothesis | None) -> None:
            if not values:
                return
            self._add(values)

        self.push_screen(NewHypothesisDialog(error=error, **values), created)

    @work(thread=True, group="write")
    def _add(self, values: NewHypothesis) -> None:
        try:
            view = self.parat.add_hypothesis(
                values["code"], title=values["title"], area=values["area"], owner=values["owner"]
            )
        except ReadOnlyError as error:
            self.call_from_thread(self.notify, error_text(error), severity="error")
            return
        except ParatError as error:
            self.call_from_thread(self.action_new_hypothesis, error_text(error), values)
            return
        self.call_from_thread(self.notify, f"{view.code} er oprettet.")
        self.load_status()
        self.call_from_thread(self.open_hypothesis, view.code)

    def _next_code(self) -> str:
        numbers = [
            int(m[1])
            for h in (self.status.hypotheses if self.status else ())
            if (m := re.fullmatch(r"H(\d+)", h.code))
        ]
        return f"H{max(numbers, default=0) + 1:02d}"

    def change_stage(self, code: str, stage: Stage) -> None:
        """Move a hypothesis to ``stage`` from a list (asks for the note when needed)."""
        row = self.row(code)
        if row is None or self.refuse_write():
            return
        if _is_detail(self.screen, code):
            self.screen.request_stage(stage)  # type: ignore[attr-defined]
            return

        def saved(view: HypothesisView) -> None:
            self.notify(f"{view.code} er nu {view.stage.label.lower()}.")
            self.load_status()

        def save(note: str | None = "") -> None:
            if note is None:
                return
            self.call_service(
                lambda p: p.set_stage(code, stage, note=note, expect_version=row.version),
                saved,
            )

        if stage_move_needs_note(row.stage, stage):
            self.push_screen(NoteDialog(f"{code}: {stage.label}", why_question(code, stage)), save)
        else:
            save()

    # -- exports -------------------------------------------------------------------
    def action_export(self) -> None:
        """Ask for format and file, write the status summary, say where it went."""
        from tracker.report.moments import LOCAL
        from tui.dialogs.export import ExportDialog

        moment = self.status.as_of if self.status is not None else self.parat.context.now()
        what = (
            f"Statusrapporten pr. {self.past} (som Overblik viser nu)."
            if self.past is not None
            else ""
        )

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Eksporteret til {path}", title="Eksport")

        self.push_screen(
            ExportDialog(self.export_file, moment.astimezone(LOCAL).date(), what=what), written
        )

    def export_file(self, fmt: str, path: Path) -> None:
        """Write the status (at the moment shown) as ``fmt`` to ``path``, whole or not
        at all. Blocking: call it from a worker."""
        from tracker.exports.files import write_atomic

        data = self.parat.export(fmt, as_of=self.as_of)
        write_atomic(path, data if isinstance(data, bytes) else data.encode("utf-8"), label="Fil")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Overblik", "Dashboardet: fremdrift, puljer, faser", self._go("overblik")
        )
        yield SystemCommand("Hypoteser", "Tabellen over alle hypoteser", self._go("hypoteser"))
        yield SystemCommand(
            "Siden sidst", "Hvad er flyttet siden et møde eller en dato", self._go("siden")
        )
        yield SystemCommand(
            "Vis status pr. …",
            "Programmet, som det stod på et møde eller en dag",
            self.action_as_of,
        )
        if self.as_of is not None:
            yield SystemCommand("Tilbage til nu", f"Du ser status pr. {self.past}", self.action_now)
        yield SystemCommand("Ny hypotese", "Opret en hypotese", self.action_new_hypothesis)
        yield SystemCommand(
            "Eksportér status…",
            "Statusrapporten som md, html, pdf, xlsx, csv eller json",
            self.action_export,
        )
        yield SystemCommand("Genindlæs", "Hent tallene igen fra databasen", self.action_reload)
        yield SystemCommand("Hjælp", "Taster og skærme", self.action_help)
        if self.empty and not self.read_only:
            yield SystemCommand("Opret programmet", "Kildedokumentets ramme", self._offer_programme)
        code = getattr(screen, "current_code", None)
        row = self.row(code) if code else None
        if row is not None:
            for stage in Stage:
                if stage is not row.stage:
                    yield SystemCommand(
                        f"Skift fase: {row.code} → {stage.label}",
                        f"{row.title} er {row.stage.label.lower()}",
                        partial(self.change_stage, row.code, stage),
                        discover=False,
                    )
        yield from super().get_system_commands(screen)

    def _go(self, mode: str) -> Callable[[], None]:
        return lambda: self.switch_mode(mode)  # type: ignore[return-value]


def create_app(parat: Parat, *, poll_seconds: float | None = 5.0) -> ParatApp:
    """The app over an open :class:`tracker.Parat` (its source should be ``tui``).

    Every ``poll_seconds`` it checks whether anything changed and reloads (``None``:
    only on ``r`` and after its own edits).
    """
    return ParatApp(parat, poll_seconds=poll_seconds)


def run(db: str | None = None, actor: str | None = None, *, read_only: bool = False) -> None:
    """Open the database (upgrading its schema when needed, unless ``read_only``) and
    run the app; read-only, every edit is refused with a clear message."""
    import tracker

    with tracker.open(db, actor=actor, source="tui", read_only=read_only) as parat:
        create_app(parat).run()
