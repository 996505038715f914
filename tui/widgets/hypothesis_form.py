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
from tui.edits import KINDS, TEXT_FIELDS
from tui.fmt import KIND_LABELS, mio, pct
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
        self.border_title = "Felter (Tab: næste felt · Enter gemmer)"

    def compose(self) -> ComposeResult:
        for key, label in TEXT_FIELDS:
            with Horizontal(classes="field"):
                yield Label(label, classes="field-label")
                yield OrderedInput(id=key, compact=True)
        with Horizontal(classes="field"):
            yield Label("Fase", classes="field-label")
            yield Select[str](
                [(s.label, s.value) for s in Stage], id="stage", allow_blank=False, compact=True
            )
        with Horizontal(classes="field"):
            yield Label("Pulje", classes="field-label")
            yield Select[str](self.buckets, id="bucket", allow_blank=False, compact=True)
        with Horizontal(classes="field"):
            yield Label(_("Benefit type"), classes="field-label")
            yield Select[str](
                [(t.label, t.value) for t in BenefitType],
                id="benefit_type",
                allow_blank=False,
                compact=True,
            )
        with Horizontal(classes="field"):
            yield Label("Sikkerhed %", classes="field-label")
            yield OrderedInput(
                id="confidence",
                placeholder="tom = fasens vægt",
                compact=True,
                restrict=r"[0-9 %]*",
            )
        with Horizontal(classes="field field-tall"):
            yield Label("Beskrivelse", classes="field-label")
            yield TextArea(id="description", compact=True, soft_wrap=True)
        yield Label("", id="fields-error", classes="error")


class FiguresPanel(Vertical):
    """Potential, realised and investment per year, typed in mio. kr., and a note
    that goes with the figures saved (as ``parat figure set --note``)."""

    def __init__(self, years: Sequence[int], *, id: str | None = None) -> None:
        super().__init__(classes="panel", id=id)
        self.years = list(years)
        self.border_title = "Tal i mio. kr. (fx 4,5 eller 29 tkr)"

    def compose(self) -> ComposeResult:
        with Grid(id="figure-grid"):
            yield Label("År", classes="grid-head")
            for kind in KINDS:
                yield Label(KIND_LABELS[kind], classes="grid-head grid-money")
            for year in self.years:
                yield Label(str(year), classes="grid-year")
                for kind in KINDS:
                    yield AmountInput(id=f"fig-{kind}-{year}", compact=True)
        with Horizontal(classes="field figure-note"):
            yield Label("Note", classes="field-label")
            yield OrderedInput(
                id=FIGURE_NOTE,
                placeholder="gemmes med de tal, du gemmer (Enter her gemmer dem)",
                compact=True,
            )
        yield Label("", id="figures-error", classes="error")
        yield Static("", id="contribution")
        yield Static("", id="range")
        yield Static("", id="validation")
        yield Static("", id="udmoentning")


def contribution(row: HypothesisContribution, year: int) -> str:
    """The hypothesis's contribution in the target ``year``, shown under the figures."""
    return (
        f"[b]Bidrag i {year}[/b] (som på Overblik): vægt {row.weight_pct} % · "
        f"pipeline {mio(row.pipeline_kr)} · vægtet {mio(row.weighted_kr)} · "
        f"besluttet {mio(row.decided_kr)} · realiseret {mio(row.realised_kr)} "
        f"({pct(row.realised_kr, row.pipeline_kr)} af pipeline) · "
        f"investering i alt {mio(row.investment_kr)}"
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
        lines.append(_("Nothing udmøntet yet."))
    lines.append(
        _("Udmøntet in {year}: {budgeted} of decided {decided}").format(
            year=year, budgeted=mio(row.budgeted_kr), decided=mio(row.decided_kr)
        )
    )
    return lines
