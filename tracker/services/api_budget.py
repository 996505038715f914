"""The Python API's use cases on the budget: rammer, budget figures, the follow-up
(budgetopfølgning) and udmøntning (cuts). Mixed into :class:`tracker.services.Parat`,
whose door (``_write``, ``_read``) every method goes through.

>>> p.add_ramme("kd", name="Kommunaldirektøren", udvalg="Økonomiudvalget")  # doctest: +SKIP
>>> p.set_budget("kd", 2014, original="30", actual="4,4")                   # doctest: +SKIP
>>> p.cut("H04", "kd", 2018, "2,5", decision="Byrådet 08.10.2015, pkt. 12")  # doctest: +SKIP
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from sqlmodel import Session

from tracker.services.context import ChangeContext
from tracker.services.validation import Amount

if TYPE_CHECKING:
    import os

    from tracker.domain.budget import BudgetFollowUp
    from tracker.report.budget import CutView, RammeView
    from tracker.services.budget_import import BudgetImportResult
    from tracker.services.progress import Progress
    from tracker.services.store import Store

__all__ = ["BudgetApi"]

T = TypeVar("T")


class BudgetApi:
    """The budget's use cases, one transaction per call (see :class:`Parat`)."""

    if TYPE_CHECKING:  # what Parat gives its mixin: the door and the clock
        store: Store
        context: ChangeContext

        def _write(self, work: Callable[[Session, ChangeContext], T], code: str = "") -> T: ...

        def _read(self, work: Callable[[Session], T]) -> T: ...

        def _moment(self, as_of: datetime | None) -> datetime: ...

    def add_ramme(
        self,
        key: str,
        *,
        name: str,
        udvalg: str = "",
        serviceramme: bool = True,
        note: str = "",
    ) -> "RammeView":
        """Add a ramme (bevillingsområde): a key, a name, an optional udvalg, and
        whether it is inside the serviceramme."""
        from tracker.services import rammer

        return self._write(
            lambda s, c: rammer.add_ramme(
                s, c, key, name=name, udvalg=udvalg, serviceramme=serviceramme, note=note
            ),
            key,
        )

    def set_ramme(
        self,
        key: str,
        *,
        name: str | None = None,
        udvalg: str | None = None,
        serviceramme: bool | None = None,
        note: str = "",
    ) -> "tuple[RammeView, int]":
        """Change a ramme's name, udvalg or serviceramme; returns it and the changes."""
        from tracker.services import rammer

        return self._write(
            lambda s, c: rammer.set_ramme(
                s, c, key, name=name, udvalg=udvalg, serviceramme=serviceramme, note=note
            ),
            key,
        )

    def rammer(self) -> "list[RammeView]":
        from tracker.services import rammer

        return self._read(rammer.list_rammer)

    def set_budget(
        self,
        ramme: str,
        year: int,
        *,
        original: Amount | None = None,
        supplementary: Amount | None = None,
        carried: Amount | None = None,
        actual: Amount | None = None,
        forecast: Amount | None = None,
        clear: "Sequence[str]" = (),
        note: str = "",
        unit: str = "mio",
    ) -> "tuple[RammeView, int]":
        """Record a ramme's budget figures for one year, with the budget's sign
        (+ udgift, − indtægt); ``clear`` names figures that are no longer given.
        Returns the ramme and the number of changes."""
        from tracker.services import budget

        amounts = {
            kind: value
            for kind, value in (
                ("original", original),
                ("supplementary", supplementary),
                ("carried", carried),
                ("actual", actual),
                ("forecast", forecast),
            )
            if value is not None
        }
        return self._write(
            lambda s, c: budget.set_budget(
                s, c, ramme, year, amounts, clear=clear, note=note, unit=unit
            ),
            ramme,
        )

    def budget_report(
        self, year: int | None = None, as_of: datetime | None = None
    ) -> "BudgetFollowUp":
        """The budget follow-up (budgetopfølgning) of ``year`` (default: the
        programme's target year at the moment), now or as it stood at ``as_of``."""
        from tracker.services import budget

        moment = self._moment(as_of)

        def work(s: Session) -> "BudgetFollowUp":
            if as_of is not None:
                from tracker.services.programme import require_existed

                require_existed(s, moment)
            return budget.follow_up_at(s, year or budget.report_year(s, moment), moment)

        return self._read(work)

    def cut(
        self,
        code: str,
        ramme: str,
        year: int,
        amount: Amount,
        *,
        decision: str,
        note: str = "",
        unit: str = "mio",
        expect_version: int | None = None,
    ) -> "tuple[CutView, bool]":
        """Udmønt a decided gain: reduce ``ramme``'s budget for ``year`` by ``amount``
        (positive), resting on ``decision``; replaces a standing cut of the same
        hypothesis, ramme and year. Returns the cut and whether anything changed."""
        from tracker.services import cuts

        return self._write(
            lambda s, c: cuts.cut(
                s, c, code, ramme, year, amount, decision,
                note=note, unit=unit, expect_version=expect_version,
            ),
            code,
        )  # fmt: skip

    def uncut(
        self,
        code: str,
        ramme: str,
        year: int,
        *,
        note: str = "",
        expect_version: int | None = None,
    ) -> "CutView":
        """Withdraw a standing cut (an event; the record stays in the history)."""
        from tracker.services import cuts

        return self._write(
            lambda s, c: cuts.uncut(
                s, c, code, ramme, year, note=note, expect_version=expect_version
            ),
            code,
        )

    def cuts(self, code: str | None = None, as_of: datetime | None = None) -> "list[CutView]":
        """The standing cuts (of one hypothesis, or all), now or at ``as_of``."""
        from tracker.services import cuts

        moment = None if as_of is None else self._moment(as_of)
        return self._read(lambda s: cuts.list_cuts(s, code=code, as_of=moment))

    def import_budget(
        self,
        path: "str | os.PathLike[str]",
        *,
        dry_run: bool = False,
        unit: str = "mio",
        progress: "Progress | None" = None,
    ) -> "BudgetImportResult":
        """Import a budget extract (CSV or XLSX: ramme, year and the five figures) in
        one transaction, all or nothing."""
        from tracker.services.budget_import import import_budget

        return import_budget(
            self.store, self.context, path, dry_run=dry_run, unit=unit, progress=progress
        )
