"""A hypothesis's ranges (trepunktsestimat) edited from its detail screen.

The potential stays the most likely amount in the figure grid; this dialog holds the
minimum and maximum per year beside it (read-only there), and stores a changed year
as ``parat figure set CODE YEAR --low … --high …`` does, both in one call, so that a
range moved as a whole is never refused half-way. The services check minimum ≤
potential ≤ maximum; a refusal keeps the dialog open with the reason.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label

from tracker.domain.money import MoneyError, parse_amount
from tracker.i18n import N_, _
from tui.dialogs.form import FormDialog
from tui.edits import money_error
from tui.fmt import mio_exact
from tui.widgets.amount_input import AmountInput

__all__ = ["RangeChange", "RangeDialog"]

#: One year's new range: (year, minimum kr, maximum kr).
RangeChange = tuple[int, int, int]


class RangeDialog(FormDialog[int | None]):
    """Dismisses with the number of years stored, or ``None`` (cancelled).

    ``figures`` is the hypothesis's figures (year → kind → kroner); ``store`` writes
    the changed years (in a thread worker) and raises ``ParatError`` with the reason.
    """

    DEFAULT_CSS = """
    RangeDialog #range-grid { grid-size: 4; grid-columns: 6 14 14 14; height: auto; }
    RangeDialog .range-potential { padding: 0 1; text-align: right; width: 100%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="range.cancel"),
    ]

    def __init__(
        self,
        code: str,
        years: Sequence[int],
        figures: Mapping[int, Mapping[str, int]],
        store: Callable[[list[RangeChange]], None],
    ) -> None:
        super().__init__()
        self.code = code
        self.years = list(years)
        self.figures = figures
        self.store = store

    def _shown(self, year: int, kind: str) -> str:
        kr = self.figures.get(year, {}).get(kind)
        return "" if kr is None else mio_exact(kr)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Range of {code} in mio. kr.").format(code=self.code)
            with Grid(id="range-grid"):
                for heading in (_("Year"), _("Minimum"), _("Potential"), _("Maximum")):
                    yield Label(heading, classes="grid-head")
                for year in self.years:
                    yield Label(str(year), classes="grid-year")
                    yield AmountInput(
                        self._shown(year, "low"), id=f"range-low-{year}", compact=True
                    )
                    yield Label(self._shown(year, "potential") or "–", classes="range-potential")
                    yield AmountInput(
                        self._shown(year, "high"), id=f"range-high-{year}", compact=True
                    )
            yield Label(
                _("The potential is the most likely amount; minimum ≤ potential ≤ maximum."),
                classes="hint",
            )
            yield Label("", id="range-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        year = self.years[-1] if self.years else None
        target = self.query(f"#range-low-{year}") if year is not None else None
        if target:
            target.first(Input).focus()

    def _show_error(self, text: str) -> None:
        self.query_one("#range-error", Label).update(text)

    def _changes(self) -> list[RangeChange] | None:
        """The years whose range the user changed; ``None`` (the reason shown) when a
        value cannot be read or a range is half given."""
        changes: list[RangeChange] = []
        for year in self.years:
            texts = {
                kind: self.query_one(f"#range-{kind}-{year}", Input).value.strip()
                for kind in ("low", "high")
            }
            if texts == {kind: self._shown(year, kind) for kind in ("low", "high")}:
                continue
            if not texts["low"] or not texts["high"]:
                self._show_error(
                    _("{year}: give both minimum and maximum (no range: both = the potential).")
                    .format(year=year)
                )  # fmt: skip
                return None
            amounts: dict[str, int] = {}
            for kind, text in texts.items():
                try:
                    amounts[kind] = parse_amount(text)
                except MoneyError as error:
                    self._show_error(f"{year}: {money_error(error)}")
                    return None
            changes.append((year, amounts["low"], amounts["high"]))
        return changes

    def _submit(self) -> None:
        changes = self._changes()
        if changes is None:
            return
        if not changes:
            self.dismiss(0)
            return

        def store() -> int:
            self.store(changes)
            return len(changes)

        self._store_once(store)
