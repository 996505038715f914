"""Search and filters above the hypothesis table: text, stage, area, owner, bucket."""

from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Select

from tracker.domain.stages import Stage
from tracker.domain.status import HypothesisContribution, Status
from tracker.i18n import _
from tracker.report import words
from tracker.report.words import stage_name
from tui.widgets.inputs import OrderedInput

__all__ = ["NONE", "FilterBar", "Filters"]

#: The option value meaning "no owner" / "no bucket".
NONE = "\x00none"


@dataclass(frozen=True, slots=True)
class Filters:
    """What the user filters on; ``None`` means "any"."""

    text: str = ""
    stage: str | None = None
    area: str | None = None
    owner: str | None = None
    bucket: str | None = None

    def predicate(self, haystack: dict[str, str]) -> Any:
        """A function that keeps the rows that match (``None`` when nothing is filtered)."""
        words = self.text.casefold().split()
        stage, area, owner, bucket = self.stage, self.area, self.owner, self.bucket
        if not words and stage is area is owner is bucket is None:
            return None
        want_owner = "" if owner == NONE else owner
        want_bucket = None if bucket == NONE else bucket

        def keep(h: HypothesisContribution) -> bool:
            if stage is not None and h.stage.value != stage:
                return False
            if area is not None and h.area != area:
                return False
            if owner is not None and h.owner != want_owner:
                return False
            if bucket is not None and h.bucket != want_bucket:
                return False
            if words:
                text = haystack.get(h.code, "")
                return all(w in text for w in words)
            return True

        return keep


class FilterBar(Horizontal):
    """Incremental search plus four drop-downs; posts :class:`FilterBar.Changed`."""

    DEFAULT_CSS = """
    FilterBar { height: 1; }
    FilterBar > Input { width: 2fr; min-width: 16; }
    FilterBar > Select { width: 1fr; margin-left: 1; }
    """

    @dataclass
    class Changed(Message):
        filters: Filters

    _OPTIONS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("stage", words.STAGE),
        ("area", words.AREA),
        ("owner", words.OWNER),
        ("bucket", words.BUCKET),
    )

    def compose(self) -> ComposeResult:
        yield OrderedInput(
            placeholder=_("/ Search (code, title, area, owner)"), id="search", compact=True
        )
        for name, prompt in self._OPTIONS:
            yield Select[str]([], prompt=_(prompt), id=f"filter-{name}", compact=True)

    def update_options(self, status: Status) -> None:
        """Offer the values present in the status; keep choices that still exist."""
        areas = sorted({h.area for h in status.hypotheses if h.area}, key=str.casefold)
        owners = sorted({h.owner for h in status.hypotheses if h.owner}, key=str.casefold)
        options: dict[str, list[tuple[str, str]]] = {
            "stage": [(stage_name(s), s.value) for s in Stage],
            "area": [(a, a) for a in areas],
            "owner": [(o, o) for o in owners] + [(_("(no owner)"), NONE)],
            "bucket": [(b.name, b.key) for b in status.programme.buckets]
            + [(_("(no bucket)"), NONE)],
        }
        for name, values in options.items():
            select = self.query_one(f"#filter-{name}", Select)
            previous = select.value
            with select.prevent(Select.Changed):
                select.set_options(values)
                if previous in {v for _, v in values}:
                    select.value = previous

    @property
    def filters(self) -> Filters:
        def value(name: str) -> str | None:
            v = self.query_one(f"#filter-{name}", Select).value
            return v if isinstance(v, str) else None

        return Filters(
            text=self.query_one("#search", Input).value,
            stage=value("stage"),
            area=value("area"),
            owner=value("owner"),
            bucket=value("bucket"),
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.filters))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.filters))

    def clear(self) -> None:
        self.query_one("#search", Input).value = ""
        for name, _prompt in self._OPTIONS:
            self.query_one(f"#filter-{name}", Select).clear()
