"""Add a hypothesis: code, title, area, owner, benefit type (the rest is edited on its
page).

:func:`ask_new_hypothesis` is the whole flow: the dialog stores the hypothesis in a
worker and stays open with the reason when the services refuse it; once stored, the
hypothesis is opened on its own screen.

The dialog opens in the code field with the next free code selected: typing a code
replaces it, Tab keeps it. Area and owner offer the values the programme already uses
(→ at the end of the text takes the suggestion).
"""

import re
from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Select

from tracker.domain.benefits import BenefitType
from tracker.domain.status import Status
from tracker.i18n import N_, _
from tracker.report.words import benefit_name
from tui.dialogs.form import FormDialog
from tui.messages import DataChanged
from tui.protocol import parat_ui
from tui.suggest import area_suggester, owner_suggester
from tui.widgets.inputs import OrderedInput

__all__ = ["NewHypothesis", "NewHypothesisDialog", "ask_new_hypothesis", "next_code"]

NewHypothesis = dict[str, str]


def next_code(status: Status | None) -> str:
    """``H17`` after ``H16``: one more than the highest code of the form H<number>."""
    numbers = [
        int(m[1])
        for h in (status.hypotheses if status else ())
        if (m := re.fullmatch(r"H(\d+)", h.code))
    ]
    return f"H{max(numbers, default=0) + 1:02d}"


def ask_new_hypothesis(app: App[Any]) -> None:
    """Ask for a new hypothesis (unless edits are refused now) and open it once stored."""
    ui = parat_ui(app)
    if ui.refuse_write():
        return

    def create(values: NewHypothesis) -> str:
        view = ui.parat.add_hypothesis(
            values["code"],
            title=values["title"],
            area=values["area"],
            owner=values["owner"],
            benefit_type=values.get("benefit_type", BenefitType.KONTANT.value),
        )
        return view.code

    def created(code: str | None) -> None:
        if code:
            app.notify(_("{code} is created.").format(code=code))
            app.post_message(DataChanged())
            ui.open_hypothesis(code)

    dialog = NewHypothesisDialog(
        create,
        code=next_code(ui.status),
        suggesters={"area": area_suggester(ui.status), "owner": owner_suggester(ui.status)},
    )
    app.push_screen(dialog, created)


class NewHypothesisDialog(FormDialog[str | None]):
    """Dismisses with the code of the hypothesis stored, or ``None``.

    ``create(values)`` is the service call (run in a thread worker); it returns the
    new code, or raises ``ParatError`` with the reason shown in the dialog.
    ``suggesters`` complete fields by key (``area``, ``owner``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="new.cancel"),
    ]

    FIELDS: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("code", N_("Code"), N_("e.g. H17")),
        ("title", N_("Title"), N_("short title (required)")),
        ("area", N_("Area"), N_("e.g. Elderly and health")),
        ("owner", N_("Owner"), N_("name")),
    )

    def __init__(
        self,
        create: Callable[[NewHypothesis], str],
        *,
        code: str = "",
        suggesters: dict[str, Suggester] | None = None,
    ) -> None:
        super().__init__()
        self.create = create
        self.values = {"code": code}
        self.suggesters = dict(suggesters or {})

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("New hypothesis")
            for key, label, placeholder in self.FIELDS:
                with Horizontal(classes="field"):
                    yield Label(_(label), classes="field-label")
                    yield OrderedInput(
                        self.values.get(key, ""),
                        placeholder=_(placeholder),
                        id=f"new-{key}",
                        compact=True,
                        suggester=self.suggesters.get(key),
                    )
            with Horizontal(classes="field"):
                yield Label(_("Benefit type"), classes="field-label")
                yield Select[str](
                    [(benefit_name(t), t.value) for t in BenefitType],
                    value=BenefitType.KONTANT.value,
                    id="new-benefit_type",
                    allow_blank=False,
                    compact=True,
                )
            yield Label("", id="new-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Create"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self._focus_first()

    def _focus_first(self) -> None:
        # The code first, its text selected (an Input selects all when focused): typed
        # before anything else, a code replaces the proposal and never lands in Titel.
        self.query_one("#new-code", Input).focus()

    def _submit(self) -> None:
        values = {key: self.query_one(f"#new-{key}", Input).value for key, *_rest in self.FIELDS}
        benefit = self.query_one("#new-benefit_type", Select).value
        values["benefit_type"] = benefit if isinstance(benefit, str) else BenefitType.KONTANT
        if not values["code"].strip() or not values["title"].strip():
            self.query_one("#new-error", Label).update(_("Code and title must be filled in."))
            return
        self._store_once(lambda: self.create(values))

    def _show_error(self, text: str) -> None:
        self.query_one("#new-error", Label).update(text)
        self._focus_first()
