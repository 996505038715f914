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
from tracker.report.words import stage_name
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
    # the search fields' prompts of the command palette and the theme list
    N_("Search for commands…"),
    N_("Search for themes…"),
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
        _("Overview"),
        _("The dashboard: progress, buckets, stages"),
        partial(app.switch_mode, "overblik"),
    )
    yield SystemCommand(
        _("Hypotheses"), _("The table of every hypothesis"), partial(app.switch_mode, "hypoteser")
    )
    yield SystemCommand(
        _("Since last"),
        _("What has moved since a meeting or a date"),
        partial(app.switch_mode, "siden"),
    )
    yield SystemCommand(
        _("Budget"),
        _("Budget follow-up by frame and implementation by hypothesis"),
        partial(app.switch_mode, "budget"),
    )
    yield SystemCommand(
        _("Show the status as of …"),
        _("The programme as it stood at a meeting or on a day"),
        app.action_as_of,
    )
    if app.as_of is not None:
        yield SystemCommand(
            _("Back to now"),
            _("You are looking at the status as of {moment}").format(moment=app.past),
            app.action_now,
        )
    yield SystemCommand(_("New hypothesis"), _("Create a hypothesis"), app.action_new_hypothesis)
    yield SystemCommand(
        _("Export the status…"),
        _("The status report as md, html, pdf, xlsx, csv or json"),
        app.action_export,
    )
    yield SystemCommand(
        _("Reload"), _("Fetch the figures from the database again"), app.action_reload
    )
    yield SystemCommand(_("Help"), _("Keys and screens"), app.action_help)
    if app.empty and not app.read_only:
        yield SystemCommand(
            _("Create the programme"), _("The source document's frame"), app.offer_programme
        )
    if not isinstance(screen, HypothesisScreen) or screen.current_code is None:
        return
    row = app.row(screen.current_code)
    if row is not None:
        for stage in Stage:
            if stage is not row.stage:
                yield SystemCommand(
                    _("Change stage: {code} → {stage}").format(
                        code=row.code, stage=stage_name(stage)
                    ),
                    _("{title} is {stage}").format(
                        title=row.title, stage=stage_name(row.stage).lower()
                    ),
                    partial(screen.request_stage, stage),
                    discover=False,
                )


class HypothesisCommands(Provider):
    """``Gå til H04 – Fælles indkøbsaftaler …`` for every hypothesis that matches."""

    async def discover(self) -> Hits:
        ui = parat_ui(self.app)
        if ui.status is None:
            return
        no_owner = _("no owner")
        for h in ui.status.hypotheses[:8]:
            yield DiscoveryHit(
                _("Go to {code} – {title}").format(code=h.code, title=h.title),
                partial(ui.open_hypothesis, h.code),
                help=f"{stage_name(h.stage)} · {h.owner or no_owner}",
            )

    async def search(self, query: str) -> Hits:
        ui = parat_ui(self.app)
        if ui.status is None:
            return
        matcher = self.matcher(query)
        found = 0
        no_owner = _("no owner")
        for h in ui.status.hypotheses:
            text = _("Go to {code} – {title}").format(code=h.code, title=h.title)
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(ui.open_hypothesis, h.code),
                    text=text,
                    help=f"{stage_name(h.stage)} · {h.area} · {h.owner or no_owner}",
                )
                found += 1
                if found >= _MAX_HITS:
                    return
