"""The Parat app: the main screens as modes, the detail screen pushed on top, dialogs
as modal screens; ``create_app`` is shared by the CLI, the tests and the benchmarks.

The app holds what every screen shows (the status, the moment shown); screens and
dialogs use it through :mod:`tui.protocol` and report changes with a ``DataChanged``.
Start-up is in :mod:`tui.startup`, the palette in :mod:`tui.commands`, each user flow
with its dialog or screen. Database calls run in thread workers through
:class:`tracker.Parat` (a short session per call); widgets change on the UI thread.
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.reactive import var
from textual.screen import Screen

import tracker
from tracker.config import Settings
from tracker.domain.status import HypothesisContribution, Status
from tracker.errors import NotFound, ParatError
from tracker.i18n import N_, _
from tracker.services import Parat
from tracker.services.status import gc_paused
from tui.access import error_text, past_detail_message, write_block
from tui.binding_words import speak_bindings, speak_node
from tui.commands import HypothesisCommands, app_commands, translated_system_commands
from tui.dialogs.confirm import ask_create_programme, ask_quit
from tui.dialogs.new_hypothesis import ask_new_hypothesis
from tui.keymap import checked_keymap, checked_theme
from tui.messages import DataChanged, StatusLoaded
from tui.screens import budget_screen, hypotheses_screen, since_screen
from tui.screens.dashboard import DashboardScreen
from tui.startup import (
    BREAKPOINTS,
    FIRST_PAINT_WAIT_S,
    FirstRead,
    FirstStatus,
    freeze_long_lived_objects,
    watch_terminal,
)
from tui.textual_words import textual_notice

if TYPE_CHECKING:
    from tui.screens.detail import DetailScreen

__all__ = ["ParatApp", "create_app", "run"]

T = TypeVar("T")


class ParatApp(App[None]):
    """Parat's terminal UI over one database."""

    CSS_PATH = "app.tcss"
    TITLE = "Parat"
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    # Overblik is the default screen, not one of MODES, and joins them once mounted:
    # Textual re-parses every stylesheet from scratch when it starts in a mode (a
    # third of the dashboard's start-up), but not when it starts on its default screen.
    MODES: ClassVar[dict[str, Any]] = {
        "hypoteser": hypotheses_screen,
        "siden": since_screen,
        "budget": budget_screen,
    }
    DEFAULT_MODE = "overblik"
    COMMANDS = App.COMMANDS | {HypothesisCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "switch_mode('overblik')", N_("Overview"), id="app.overblik", show=False),
        Binding("2", "switch_mode('hypoteser')", N_("Hypotheses"), id="app.hypoteser", show=False),
        Binding("3", "switch_mode('siden')", N_("Since last"), id="app.siden", show=False),
        Binding("4", "switch_mode('budget')", N_("Budget"), id="app.budget", show=False),
        Binding("a", "as_of", N_("As of"), id="app.as_of", show=False),
        Binding("escape", "now", N_("Back to now"), id="app.now"),
        Binding("n", "new_hypothesis", N_("New"), id="app.new"),
        Binding("r", "reload", N_("Reload"), id="app.reload"),
        Binding("question_mark,f1", "help", N_("Help"), id="app.help"),
        Binding("q", "quit", N_("Quit"), id="app.quit"),
    ]

    status: var[Status | None] = var(None)
    """The latest status; screens watch it ("attributes down")."""
    empty: var[bool] = var(False)
    """True when the database holds no programme yet."""
    past: var[str | None] = var(None)
    """How the moment shown is named ("01.03.2018", a snapshot) while the UI shows the
    past; ``None`` while it shows now. Set together with ``status``."""

    def __init__(
        self,
        parat: Parat,
        *,
        poll_seconds: float | None = 5.0,
        keymap: Mapping[str, str] | None = None,
        theme: str | None = None,
    ) -> None:
        freeze_long_lived_objects()  # first: before Textual builds anything
        speak_bindings()  # before any node copies its class's bindings
        super().__init__()
        self.keymap_in_force: dict[str, str] = dict(keymap or {})
        """The configured keys by binding id (the help screen shows them)."""
        if self.keymap_in_force:
            self.set_keymap(self.keymap_in_force)
        if theme is not None:
            self.theme = theme
        self.parat = parat
        self.read_only = bool(getattr(parat, "read_only", False))
        """Opened read-only: every edit is refused with a clear message."""
        self.as_of: datetime | None = None
        """The past moment the UI shows (``None``: now); see :attr:`past`."""
        self._past_label: str | None = None
        self.poll_seconds = poll_seconds
        self._seen = -1
        self._first = FirstStatus(parat)  # read while Textual starts

    def notify(self, message: str, *, title: str = "", **kwargs: Any) -> None:
        # Textual's own notices (the screenshot, Ctrl+C) in the reader's language
        message, title = textual_notice(message, title)
        super().notify(message, title=title, **kwargs)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        # A dialog's module is imported when it is first opened, after the app start
        # translated the bindings: its classes are translated now, before the screen
        # composes its widgets, and the screen's own copy of its class's bindings too
        # (the Keys panel reads them as they stand).
        speak_bindings()
        if isinstance(screen, Screen):
            speak_node(screen)
        if isinstance(screen, CommandPalette):
            # Textual's palettes (commands, themes) write their search field's prompt
            # in English; it is a catalogue entry (tui.commands.SYSTEM_TEXTS)
            screen._placeholder = _(screen._placeholder)
        return super().push_screen(screen, *args, **kwargs)

    # -- loading -------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        # The first screen waits a while for the first status, so that it is laid out
        # and painted once, with the figures, not "Indlæser …" first and every panel
        # again. A slower read (a large programme, a far server) is drawn as a reload.
        first = self._first.status_within(FIRST_PAINT_WAIT_S)
        if first is not None:
            self._first_status(first)
        return DashboardScreen()

    def on_mount(self) -> None:
        self.add_mode(self.DEFAULT_MODE, DashboardScreen)
        if self._first.done:
            self._first_status(self._first.outcome())
        else:
            self._await_first()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self._poll)
        watch_terminal(self)

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
        if message.latest is not None:  # another's change: the hypothesis shown too
            self._seen = message.latest
            self.action_reload()
        else:
            self.load_status()

    @work(thread=True, group="status")
    def _await_first(self) -> None:
        self.call_from_thread(self._first_status, self._first.outcome())

    def _first_status(self, first: FirstRead | Exception | None) -> None:
        if isinstance(first, tuple):
            self.on_status_loaded(StatusLoaded(first[1], first[0]))
        elif first is not None:  # (None: shown already, by the first screen)
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
                self.call_from_thread(self.offer_programme)
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

    def offer_programme(self) -> None:
        """The database has no programme: say so, and offer to create it."""
        self.empty = True
        if not self.read_only:  # else the dashboard says who can create it
            ask_create_programme(self)

    def action_reload(self) -> None:
        self.load_status()
        if (detail := self._detail()) is not None:
            detail.load()

    # -- the moment shown ------------------------------------------------------------
    def view_moment(self, label: str, moment: datetime | None) -> None:
        """Show the status at ``moment`` (named ``label``), or now when it is ``None``."""
        if self._detail() is not None:
            self.pop_screen()  # a hypothesis's fields are always shown as they are now
        self.as_of, self._past_label = moment, (label if moment is not None else None)
        self.load_status()

    def action_now(self) -> None:
        if self.as_of is not None:
            self.view_moment("", None)
            self.notify(_("Showing the status now again."))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.as_of is not None if action == "now" else True  # Esc: only in the past

    def watch_past(self) -> None:
        self.refresh_bindings()

    # -- what the screens share (see tui.protocol) -----------------------------------
    @work(thread=True, group="write")
    def call_service(
        self, call: Callable[[Parat], T], then: Callable[[T], None] | None = None
    ) -> None:
        """Run ``call`` in a worker; ``then`` gets its result on the UI thread; a user's
        error becomes a notification."""
        try:
            result = call(self.parat)
        except ParatError as error:
            self.call_from_thread(
                self.notify, error_text(error), title=_("Not saved"), severity="error"
            )
            return
        if then is not None:
            self.call_from_thread(then, result)

    def write_block(self) -> str | None:
        """Why edits are refused now (read-only, or looking at the past), or ``None``."""
        return write_block(read_only=self.read_only, past=self.past)

    def refuse_write(self) -> bool:
        """Show why an edit cannot be made, and say so (``True``) — else ``False``."""
        reason = self.write_block()
        if reason is not None:
            self.notify(reason, title=_("Cannot change"), severity="warning")
        return reason is not None

    def row(self, code: str) -> HypothesisContribution | None:
        rows = self.status.hypotheses if self.status is not None else ()
        return next((h for h in rows if h.code == code), None)

    def unsaved_fields(self) -> list[str]:
        """The fields with unsaved edits on the hypothesis shown (none elsewhere)."""
        detail = self._detail()
        return detail.dirty_fields() if detail is not None else []

    def open_hypothesis(self, code: str) -> None:
        from tui.screens.detail import DetailScreen

        if self.past is not None:
            self.notify(past_detail_message(self.past), title=_("The past"), severity="warning")
            return
        if self.current_mode != "hypoteser":
            self.switch_mode("hypoteser")
        if self._detail() is not None:
            self.pop_screen()
        self.push_screen(DetailScreen(code))

    def _detail(self) -> "DetailScreen | None":  # the detail screen, if it is shown
        from tui.screens.detail import DetailScreen

        return self.screen if isinstance(self.screen, DetailScreen) else None

    # -- the app's keys: each flow lives with its dialog ------------------------------
    async def action_quit(self) -> None:
        """Quit; with unsaved edits on a hypothesis, ask first (nothing is lost silently)."""
        if self.unsaved_fields():
            ask_quit(self)
        else:
            self.exit()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_new_hypothesis(self) -> None:
        ask_new_hypothesis(self)

    def action_as_of(self) -> None:
        from tui.dialogs.as_of import ask_moment

        ask_moment(self)

    def action_export(self) -> None:
        from tui.dialogs.export import ask_export

        ask_export(self)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from app_commands(self, screen)
        # Textual's own (theme, quit, keys, maximize, screenshot) in the reader's language.
        yield from translated_system_commands(super().get_system_commands(screen))


def create_app(
    parat: Parat,
    *,
    poll_seconds: float | None = 5.0,
    keymap: Mapping[str, str] | None = None,
    theme: str | None = None,
) -> ParatApp:
    """The app over an open :class:`tracker.Parat` (its source should be ``tui``).
    Every ``poll_seconds`` it checks whether anything changed and reloads (``None``:
    only on ``r`` and after its own edits). ``keymap`` maps binding ids to keys
    (``{"app.quit": "ctrl+q"}``); ``theme`` is a Textual theme's name."""
    return ParatApp(parat, poll_seconds=poll_seconds, keymap=keymap, theme=theme)


def run(
    db: str | None = None,
    actor: str | None = None,
    *,
    read_only: bool = False,
    settings: Settings | None = None,
) -> None:
    """Open the database (upgrading its schema when needed, unless ``read_only``) and
    run the app; read-only, every edit is refused with a clear message. ``settings``
    gives the keymap and the theme; both are checked before the database is opened."""
    keymap = checked_keymap(settings) if settings is not None else {}
    theme = checked_theme(settings) if settings is not None else None
    with tracker.open(db, actor=actor, source="tui", read_only=read_only) as parat:
        create_app(parat, keymap=keymap, theme=theme).run()
