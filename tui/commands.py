"""The command palette: the app's own commands, Textual's built-in ones in the reader's
language, and go to a hypothesis by code or title."""

from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from tracker.domain.stages import Stage
from tracker.i18n import N_, _
from tui.protocol import HypothesisScreen, PaletteApp, parat_ui

__all__ = ["SYSTEM_TEXTS", "HypothesisCommands", "app_commands", "translated_system_commands"]

_MAX_HITS = 30

#: The titles and help texts of Textual's own palette commands (``App.get_system_commands``),
#: as Textual writes them: the catalogue's keys for their translations.
SYSTEM_TEXTS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


def translated_system_commands(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's built-in commands, each as it is (what it does, when it is offered),
    with its title and help in the language chosen (Danish unless English is asked for)."""
    for command in commands:
        yield command._replace(title=_(command.title), help=_(command.help))


def app_commands(app: PaletteApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """The screens, the flows every screen offers, and the stage moves of the
    hypothesis ``screen`` shows or points at."""
    yield SystemCommand(
        "Overblik",
        "Dashboardet: fremdrift, puljer, faser",
        partial(app.switch_mode, "overblik"),
    )
    yield SystemCommand(
        "Hypoteser", "Tabellen over alle hypoteser", partial(app.switch_mode, "hypoteser")
    )
    yield SystemCommand(
        "Siden sidst",
        "Hvad er flyttet siden et møde eller en dato",
        partial(app.switch_mode, "siden"),
    )
    yield SystemCommand(
        "Budget",
        "Budgetopfølgning pr. ramme og udmøntning pr. hypotese",
        partial(app.switch_mode, "budget"),
    )
    yield SystemCommand(
        "Vis status pr. …",
        "Programmet, som det stod på et møde eller en dag",
        app.action_as_of,
    )
    if app.as_of is not None:
        yield SystemCommand("Tilbage til nu", f"Du ser status pr. {app.past}", app.action_now)
    yield SystemCommand("Ny hypotese", "Opret en hypotese", app.action_new_hypothesis)
    yield SystemCommand(
        "Eksportér status…",
        "Statusrapporten som md, html, pdf, xlsx, csv eller json",
        app.action_export,
    )
    yield SystemCommand("Genindlæs", "Hent tallene igen fra databasen", app.action_reload)
    yield SystemCommand("Hjælp", "Taster og skærme", app.action_help)
    if app.empty and not app.read_only:
        yield SystemCommand("Opret programmet", "Kildedokumentets ramme", app.offer_programme)
    if not isinstance(screen, HypothesisScreen) or screen.current_code is None:
        return
    row = app.row(screen.current_code)
    if row is not None:
        for stage in Stage:
            if stage is not row.stage:
                yield SystemCommand(
                    f"Skift fase: {row.code} → {stage.label}",
                    f"{row.title} er {row.stage.label.lower()}",
                    partial(screen.request_stage, stage),
                    discover=False,
                )


class HypothesisCommands(Provider):
    """``Gå til H04 – Fælles indkøbsaftaler …`` for every hypothesis that matches."""

    async def discover(self) -> Hits:
        ui = parat_ui(self.app)
        if ui.status is None:
            return
        for h in ui.status.hypotheses[:8]:
            yield DiscoveryHit(
                f"Gå til {h.code} – {h.title}",
                partial(ui.open_hypothesis, h.code),
                help=f"{h.stage.label} · {h.owner or 'ingen ansvarlig'}",
            )

    async def search(self, query: str) -> Hits:
        ui = parat_ui(self.app)
        if ui.status is None:
            return
        matcher = self.matcher(query)
        found = 0
        for h in ui.status.hypotheses:
            text = f"Gå til {h.code} – {h.title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(ui.open_hypothesis, h.code),
                    text=text,
                    help=f"{h.stage.label} · {h.area} · {h.owner or 'ingen ansvarlig'}",
                )
                found += 1
                if found >= _MAX_HITS:
                    return
