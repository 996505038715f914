"""The detail screen's two editing panels: the fields, and the figures as a grid of
years × kinds. The inputs' ids are the field names of :mod:`tui.edits`."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Label, Select, Static, TextArea

from tracker.domain.benefits import BenefitType
from tracker.domain.stages import Stage
from tracker.domain.status import HypothesisContribution
from tracker.i18n import _
from tracker.report.words import benefit_name, stage_name
from tui.edits import KINDS, TEXT_FIELDS
from tui.fmt import KIND_LABELS, mio, pct, word
from tui.widgets.amount_input import AmountInput
from tui.widgets.inputs import OrderedInput

if TYPE_CHECKING:
    from tracker.report.budget import CutView

__all__ = ["FIGURE_NOTE", "FieldsPanel", "FiguresPanel", "contribution", "udmoentning_lines"]

#: The id of the figures' note: kept in the history with the figures saved next.
FIGURE_NOTE = "figure-note"


class FieldsPanel(Vertical):
    """Title, area, owner, stage, bucket, benefit type, confidence and description."""

    def __init__(self, buckets: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(classes="panel", id=id)
        self.buckets = list(buckets)
        self.border_title = _("Fields (Tab: next field · Enter saves)")

    def compose(self) -> ComposeResult:
        for key, label in TEXT_FIELDS:
            with Horizontal(classes="field"):
                yield Label(word(label), classes="field-label")
                yield OrderedInput(id=key, compact=True)
        with Horizontal(classes="field"):
            yield Label(_("Stage"), classes="field-label")
            yield Select[str](
                [(stage_name(s), s.value) for s in Stage],
                id="stage",
                allow_blank=False,
                compact=True,
            )
        with Horizontal(classes="field"):
            yield Label(_("Bucket"), classes="field-label")
            yield Select[str](self.buckets, id="bucket", allow_blank=False, compact=True)
        with Horizontal(classes="field"):
            yield Label(_("Benefit type"), classes="field-label")
            yield Select[str](
                [(benefit_name(t), t.value) for t in BenefitType],
                id="benefit_type",
                allow_blank=False,
                compact=True,
            )
        with Horizontal(classes="field"):
            yield Label(_("Confidence %"), classes="field-label")
            yield OrderedInput(
                id="confidence",
                placeholder=_("empty = the stage's weight"),
                compact=True,
                restrict=r"[0-9 %]*",
            )
        with Horizontal(classes="field field-tall"):
            yield Label(_("Description"), classes="field-label")
            yield TextArea(id="description", compact=True, soft_wrap=True)
        yield Label("", id="fields-error", classes="error")


class FiguresPanel(Vertical):
    """Potential, realised and investment per year, typed in mio. kr., and a note
    that goes with the figures saved (as ``parat figure set --note``)."""

    def __init__(self, years: Sequence[int], *, id: str | None = None) -> None:
        super().__init__(classes="panel", id=id)
        self.years = list(years)
        self.border_title = _("Figures in mio. kr. (e.g. 4,5 or 29 tkr)")

    def compose(self) -> ComposeResult:
        with Grid(id="figure-grid"):
            yield Label(_("Year"), classes="grid-head")
            for kind in KINDS:
                yield Label(word(KIND_LABELS[kind]), classes="grid-head grid-money")
            for year in self.years:
                yield Label(str(year), classes="grid-year")
                for kind in KINDS:
                    yield AmountInput(id=f"fig-{kind}-{year}", compact=True)
        with Horizontal(classes="field figure-note"):
            yield Label(_("Note"), classes="field-label")
            yield OrderedInput(
                id=FIGURE_NOTE,
                placeholder=_("saved with the figures you save (Enter here saves them)"),
                compact=True,
            )
        yield Label("", id="figures-error", classes="error")
        yield Static("", id="contribution")
        yield Static("", id="range")
        yield Static("", id="validation")
        yield Static("", id="udmoentning")


def contribution(row: HypothesisContribution, year: int) -> str:
    """The hypothesis's contribution in the target ``year``, shown under the figures."""
    return _(
        "[b]Contribution in {year}[/b] (as on Overview): weight {weight} % · "
        "pipeline {pipeline} · weighted {weighted} · "
        "decided {decided} · realised {realised} "
        "({share} of pipeline) · "
        "investment in total {investment}"
    ).format(
        year=year,
        weight=row.weight_pct,
        pipeline=mio(row.pipeline_kr),
        weighted=mio(row.weighted_kr),
        decided=mio(row.decided_kr),
        realised=mio(row.realised_kr),
        share=pct(row.realised_kr, row.pipeline_kr),
        investment=mio(row.investment_kr),
    )


def udmoentning_lines(
    cuts: "Sequence[CutView]", row: HypothesisContribution, year: int
) -> list[str]:
    """The hypothesis's cuts (ramme, year, amount, decision) and the target ``year``'s
    udmøntet beside its decided gain; empty while nothing is decided or udmøntet.
    Plain text (the ramme's name and the decision are user text: escape them)."""
    if not cuts and row.decided_kr == 0:
        return []
    lines = [
        _("{year} · {ramme} ({name}): {amount} · {decision}").format(
            year=c.year,
            ramme=c.ramme,
            name=c.ramme_name,
            amount=mio(c.amount_kr),
            decision=c.decision,
        )
        for c in cuts
    ]
    if not cuts:
        lines.append(_("Nothing cut yet."))
    lines.append(
        _("Cut in {year}: {budgeted} of decided {decided}").format(
            year=year, budgeted=mio(row.budgeted_kr), decided=mio(row.decided_kr)
        )
    )
    return lines
