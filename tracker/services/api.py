"""The Python API: one object per open database, one transaction per call.

>>> import tracker
>>> with tracker.open("sqlite:///parat.db", actor="anna") as p:   # doctest: +SKIP
...     p.set_figure("H04", 2018, potential="4,5")
...     print(p.status().totals.weighted_kr)

Every method opens a short session, runs one use case in one transaction with its
audit events, and returns plain values; nothing of the database leaks out.
"""

# Annotations stay unevaluated: the use cases a call does not make (figures,
# hypotheses, the programme's frame, imports) are imported inside the methods that
# make them, so that ``parat status`` does not load them all on every start.
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from tracker.domain.draws import DRAWS, SEED
from tracker.errors import InvalidInput
from tracker.services.api_budget import BudgetApi
from tracker.services.context import ChangeContext, default_actor, utcnow
from tracker.services.stamp import check_moment, explicit_moment
from tracker.services.store import Store, no_database

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from tracker.domain.diff import Diff
    from tracker.domain.money import Display
    from tracker.domain.plausible import ReadOptions
    from tracker.domain.risk import Risk, RiskFacts
    from tracker.domain.stages import Stage
    from tracker.domain.status import Allocation, Status
    from tracker.report import (
        BucketView,
        EventView,
        HypothesisDetail,
        HypothesisView,
        OverlapView,
        ProgrammeView,
        Report,
        ValidationView,
    )
    from tracker.services.imports import ImportResult
    from tracker.services.progress import Progress
    from tracker.services.risk import Draws
    from tracker.services.script import LineResult
    from tracker.services.snapshots import SnapshotView
    from tracker.services.validation import Amount

__all__ = ["Parat", "no_database"]

T = TypeVar("T")


class Parat(BudgetApi):
    """Use cases over one database, stamped with one actor and source.

    Every call goes through its :class:`Store`, the one door to the database. The
    rammer, budget figures and udmøntning are in :class:`BudgetApi`.
    """

    def __init__(
        self,
        store: Store,
        *,
        actor: str | None = None,
        source: str = "api",
        clock: Callable[[], datetime] = utcnow,
        at: datetime | str | None = None,
    ) -> None:
        self.store = store
        self.context = ChangeContext(
            actor=default_actor(actor), source=source, clock=clock, at=explicit_moment(at)
        )

    @property
    def read_only(self) -> bool:
        """Every write is refused with :class:`ReadOnlyError` before it begins."""
        return self.store.read_only

    @property
    def engine(self) -> Engine:
        """The engine behind the door, for tests and tools that reach past it."""
        return self.store.engine

    # -- plumbing ---------------------------------------------------------------
    def _write(self, work: Callable[[Session, ChangeContext], T], code: str = "") -> T:
        def checked(session: Session, ctx: ChangeContext) -> T:
            check_moment(session, ctx)
            return work(session, ctx)

        return self.store.change(checked, self.context, code=code)

    def _read(self, work: Callable[[Session], T]) -> T:
        return self.store.read(work)

    # -- programme --------------------------------------------------------------
    def create_programme(self, **kwargs: Any) -> ProgrammeView:
        """Create the programme (defaults: the source document's frame)."""
        from tracker.services import programme

        return self._write(lambda s, c: programme.create_programme(s, c, **kwargs))

    def write_demo(self) -> None:
        """Write the sample programme (16 invented hypotheses, their history ending
        now) in one transaction; an empty database only (a programme exists already:
        :class:`AlreadyExists`)."""
        from tracker.demo import fill_demo

        self._write(lambda s, c: fill_demo(s, c.now(), actor=c.actor))

    def programme(self) -> ProgrammeView:
        from tracker.services import programme

        return self._read(programme.programme_view)

    def set_programme(
        self,
        *,
        name: str | None = None,
        target: Amount | None = None,
        target_year: int | None = None,
        first_year: int | None = None,
        last_year: int | None = None,
        allocation: Allocation | str | None = None,
        weights: Mapping[Stage | str, int] | None = None,
        display_unit: str | None = None,
        display_decimals: int | None = None,
        counting_types: str | Sequence[str] | None = None,
        validators: str | Sequence[str] | None = None,
        note: str = "",
    ) -> ProgrammeView:
        from tracker.services import programme

        return self._write(
            lambda s, c: programme.set_programme(
                s,
                c,
                name=name,
                target=target,
                target_year=target_year,
                first_year=first_year,
                last_year=last_year,
                allocation=allocation,
                weights=weights,
                display_unit=display_unit,
                display_decimals=display_decimals,
                counting_types=counting_types,
                validators=validators,
                note=note,
            )
        )

    def buckets(self) -> tuple[BucketView, ...]:
        return self.programme().buckets

    def set_bucket(self, key: str, **kwargs: Any) -> BucketView:
        from tracker.services import programme

        return self._write(lambda s, c: programme.set_bucket(s, c, key, **kwargs), key)

    # -- hypotheses -------------------------------------------------------------
    def add_hypothesis(self, code: str, *, title: str, **kwargs: Any) -> HypothesisView:
        from tracker.services import hypotheses

        return self._write(
            lambda s, c: hypotheses.add_hypothesis(s, c, code, title=title, **kwargs), code
        )

    def update_hypothesis(self, code: str, **kwargs: Any) -> tuple[HypothesisView, int]:
        """Change fields (title, area, owner, description, stage, bucket, confidence_pct,
        benefit_type); ``note`` says why, ``decision`` names the decision a stage move
        rests on.

        Returns the hypothesis and how many values changed.
        """
        from tracker.services import hypotheses

        return self._write(lambda s, c: hypotheses.update_hypothesis(s, c, code, **kwargs), code)

    def set_stage(
        self,
        code: str,
        stage: Stage | str,
        *,
        note: str = "",
        decision: str = "",
        expect_version: int | None = None,
    ) -> HypothesisView:
        """Move to ``stage``, with the ``note`` (why) and the ``decision`` it rests on
        ("Chefgruppemøde 2, 12.03.2018"), both kept with the move."""
        view, _ = self.update_hypothesis(
            code, stage=stage, note=note, decision=decision, expect_version=expect_version
        )
        return view

    def set_figure(
        self,
        code: str,
        year: int,
        *,
        potential: Amount | None = None,
        realised: Amount | None = None,
        investment: Amount | None = None,
        low: Amount | None = None,
        high: Amount | None = None,
        note: str = "",
        expect_version: int | None = None,
        unit: str = "mio",
        accept_large: bool = False,
        allow_negative: bool = False,
    ) -> tuple[HypothesisView, int]:
        """Record amounts for one year: ``int`` kroner or text such as ``"4,5"`` (a bare
        number in ``unit``: ``mio``, ``tkr`` or ``kr``). A figure larger than the whole
        target is refused unless ``accept_large``; a negative potential or realised
        figure (a loss) unless ``allow_negative``."""
        amounts = {
            kind: value
            for kind, value in (
                ("potential", potential),
                ("realised", realised),
                ("investment", investment),
                ("low", low),
                ("high", high),
            )
            if value is not None
        }
        from tracker.services import figures

        return self._write(
            lambda s, c: figures.set_figures(
                s,
                c,
                code,
                year,
                amounts,
                note=note,
                expect_version=expect_version,
                unit=unit,
                accept_large=accept_large,
                allow_negative=allow_negative,
            ),
            code,
        )

    def set_ranges(
        self,
        code: str,
        ranges: Mapping[int, tuple[Amount, Amount]],
        *,
        note: str = "",
        expect_version: int | None = None,
        unit: str = "mio",
    ) -> tuple[HypothesisView, int]:
        """Record the minimum and maximum (year → (low, high)) of several years in one
        transaction: all stand, or none (each year checked low ≤ potential ≤ high).
        Returns the hypothesis and the number of changed amounts."""
        from tracker.services import figures

        if not ranges:
            raise InvalidInput("no range given", danish="Intet spænd angivet.")

        def run(s: Session, c: ChangeContext) -> tuple[HypothesisView, int]:
            changed, version = 0, expect_version
            for year, (low, high) in sorted(ranges.items()):
                view, n = figures.set_figures(
                    s, c, code, year, {"low": low, "high": high},
                    note=note, expect_version=version, unit=unit,
                )  # fmt: skip
                changed, version = changed + n, None  # the first year checks the version
            return view, changed

        return self._write(run, code)

    def hypotheses(
        self,
        *,
        stage: Stage | str | None = None,
        area: str | None = None,
        owner: str | None = None,
        bucket: str | None = None,
    ) -> list[HypothesisView]:
        from tracker.services import hypotheses

        return self._read(
            lambda s: hypotheses.list_hypotheses(
                s, stage=stage, area=area, owner=owner, bucket=bucket
            )
        )

    def hypothesis(self, code: str, *, events: int | None = None) -> HypothesisDetail:
        """One hypothesis with its current figures by year and its events, newest first."""
        from tracker.report import HypothesisDetail
        from tracker.services import figures, hypotheses, programme
        from tracker.services.cuts import list_cuts
        from tracker.services.validations import list_validations

        def work(s: Session) -> HypothesisDetail:
            prog = programme.get_programme(s)
            assert prog.id is not None
            h = hypotheses.find_hypothesis(s, prog.id, code)
            assert h.id is not None
            return HypothesisDetail(
                hypothesis=hypotheses.hypothesis_view(s, h),
                figures=figures.figures_by_year(s, h, prog.first_year, prog.last_year),
                events=tuple(hypotheses.hypothesis_events(s, h.id, events)),
                validations=tuple(list_validations(s, h.code)),
                cuts=tuple(list_cuts(s, code=h.code)),
            )

        return self._read(work)

    # -- validation of realised figures ------------------------------------------
    def validate_figure(
        self,
        code: str,
        year: int,
        *,
        approved: bool,
        reference: str,
        note: str = "",
    ) -> ValidationView:
        """Approve or reject the standing realised figure of ``code`` for ``year``
        against the accounts, naming the case or document (``reference``). Refused
        (:class:`NotPermitted`) for the figure's registrant and for anyone who is no
        validator (SQLite: the programme's list; PostgreSQL: the role
        ``parat_validator``, checked by the server)."""
        from tracker.services.validations import validate_figure

        return self._write(
            lambda s, c: validate_figure(
                s, c, code, year, approved=approved, reference=reference, note=note
            ),
            code,
        )

    def validations(
        self, code: str | None = None, as_of: datetime | None = None
    ) -> list[ValidationView]:
        """The verdicts (of one hypothesis), oldest first, up to ``as_of``."""
        from tracker.services.validations import list_validations

        return self._read(lambda s: list_validations(s, code, as_of))

    # -- overlaps (dobbelttælling) -----------------------------------------------
    def add_overlap(
        self, name: str, *, members: str | Sequence[str], amount: Amount, note: str = ""
    ) -> OverlapView:
        """Record that two or more hypotheses claim the same gain: ``amount`` (a bare
        number in text is mio. kr.) is counted twice in the target year."""
        from tracker.services.overlaps import add_overlap

        return self._write(
            lambda s, c: add_overlap(s, c, name, members=members, amount=amount, note=note)
        )

    def set_overlap(
        self,
        name: str,
        *,
        members: str | Sequence[str] | None = None,
        amount: Amount | None = None,
        note: str | None = None,
    ) -> tuple[OverlapView, int]:
        """Change an overlap's members, amount or note; returns it and how many changed."""
        from tracker.services.overlaps import set_overlap

        return self._write(
            lambda s, c: set_overlap(s, c, name, members=members, amount=amount, note=note)
        )

    def drop_overlap(self, name: str) -> OverlapView:
        """End an overlap (it stays in the history; undo brings it back)."""
        from tracker.services.overlaps import drop_overlap

        return self._write(lambda s, c: drop_overlap(s, c, name))

    def overlaps(self) -> list[OverlapView]:
        """The overlaps that stand now, by name."""
        from tracker.services.overlaps import list_overlaps

        return self._read(list_overlaps)

    # -- status -----------------------------------------------------------------
    def status(self, as_of: datetime | None = None) -> Status:
        """The whole picture for the target year, now or at a past moment."""
        from tracker.services.status import load_status

        moment = self._moment(as_of)

        def work(s: Session) -> Status:
            if as_of is not None:
                from tracker.services import programme

                programme.require_existed(s, moment)  # a clear line in both languages
            return load_status(s, moment)

        return self._read(work)

    def risk(self, as_of: datetime | None = None, *, draws: int = DRAWS, seed: int = SEED) -> Risk:
        """How sure are we (hvor sikre er vi), now or at a past moment: the expected
        value and the simulated chance of reaching the target, with ``draws`` draws
        from ``seed`` (the same data, draws and seed give the same figures)."""
        return self.status_and_risk(as_of, draws=draws, seed=seed)[1]

    def status_and_risk(
        self, as_of: datetime | None = None, *, draws: int = DRAWS, seed: int = SEED
    ) -> tuple[Status, Risk]:
        """The status and how sure it is, both of one moment, in one read (the
        simulation runs after the read transaction has ended)."""
        from tracker.domain.risk import compute_risk
        from tracker.services.risk import Draws, load_risk_facts

        moment = self._moment(as_of)
        asked = Draws(draws, seed)

        def work(s: Session) -> tuple[Status, RiskFacts]:
            from tracker.services import programme

            if as_of is not None:
                programme.require_existed(s, moment)
            return load_risk_facts(s, moment)

        status, facts = self._read(work)
        return status, compute_risk(facts, draws=asked.draws, seed=asked.seed)

    def _moment(self, as_of: datetime | None) -> datetime:
        """A caller's moment (checked: years 1900–2200, no ambiguous wall time), or now."""
        if as_of is None:
            return self.context.now()
        from tracker.services.moments import as_utc

        return as_utc(as_of)

    def has_programme(self) -> bool:
        from tracker.services import programme

        return self._read(lambda s: programme.find_programme(s) is not None)

    # -- exports ----------------------------------------------------------------
    def report(
        self,
        as_of: datetime | None = None,
        *,
        diff: Diff | None = None,
        history: bool = True,
        risk: Draws | None = None,
    ) -> Report:
        """What an export renders at ``as_of`` (default now), in one transaction; with
        ``risk`` (the draws and seed: ``Draws()`` for the defaults), how sure it is."""
        from tracker.services.reporting import read_report

        moment = self._moment(as_of)
        return self._read(
            lambda s: read_report(s, moment, self.context, diff=diff, history=history, risk=risk)
        )

    def export(
        self,
        fmt: str,
        *,
        as_of: datetime | None = None,
        diff: Diff | None = None,
        csv_dialect: str = "danish",
        display: Display | None = None,
        progress: Progress | None = None,
        risk: Draws | None = None,
    ) -> str | bytes:
        """The status summary in one format: what ``parat export`` and the UI write.

        ``display`` (default: the programme's) is how the summary (md, html, pdf)
        shows amounts; the spreadsheet's cells, the CSV and the JSON are exact.
        ``risk`` (the draws and seed) adds "Hvor sikre er vi?" (not to the CSV).

        ``progress`` is told each step: reading the report, rendering it."""
        import dataclasses

        from tracker.exports import HISTORY_FORMATS, RISK_FORMATS, render
        from tracker.services.progress import READ, RENDER
        from tracker.services.progress import report as tell

        tell(progress, READ, 0, 2)
        if risk is not None and fmt not in RISK_FORMATS:
            raise InvalidInput(
                f"the {fmt} export has no risk section (md, html, pdf, xlsx and json have)",
                danish=f"Eksporten {fmt} har intet afsnit om sikkerhed "
                "(det har md, html, pdf, xlsx og json).",
            )
        report = self.report(as_of, diff=diff, history=fmt in HISTORY_FORMATS, risk=risk)
        if display is not None:
            s = report.status
            shown = dataclasses.replace(
                s, programme=dataclasses.replace(s.programme, display=display)
            )
            report = dataclasses.replace(report, status=shown)
        tell(progress, RENDER, 1, 2)
        rendered = render(report, fmt, csv_dialect=csv_dialect)
        tell(progress, RENDER, 2, 2)
        return rendered

    # -- history, snapshots, time travel, import, undo ---------------------------
    def resolve_moment(self, text: str) -> datetime:
        """A snapshot name, else a date (the END of that day, Copenhagen time) or a
        date and time: ``Chefgruppemøde marts``, ``2018-03-12``, ``12.03.2018``,
        ``2018-03-12T10:00``. Unknown text raises NotFound, a bad date InvalidInput."""
        from tracker.services.snapshots import resolve_moment

        return self._read(lambda s: resolve_moment(s, text))

    def moment_label(self, text: str) -> str:
        """How a report names the moment typed as ``text``: the snapshot's name when
        it names one, else ``""`` (a date or time is shown as itself, in Danish)."""
        name = text.strip()
        return name if any(s.name == name for s in self.snapshots()) else ""

    def add_snapshot(self, name: str, at: datetime | str | None = None) -> SnapshotView:
        """Name a moment (default: now) to compare against later."""
        from tracker.services.moments import as_utc
        from tracker.services.snapshots import add_snapshot

        moment = as_utc(at) if isinstance(at, datetime) else at
        return self._write(lambda s, c: add_snapshot(s, c, name, moment))

    def rename_snapshot(self, old: str, new: str) -> SnapshotView:
        """Give a snapshot another name (an event; undo renames it back)."""
        from tracker.services.snapshots import rename_snapshot

        return self._write(lambda s, c: rename_snapshot(s, c, old, new))

    def delete_snapshot(self, name: str) -> None:
        """Forget a snapshot (an event; undo names the moment again)."""
        from tracker.services.snapshots import delete_snapshot

        self._write(lambda s, c: delete_snapshot(s, c, name))

    def snapshots(self) -> list[SnapshotView]:
        from tracker.services.snapshots import list_snapshots

        return self._read(list_snapshots)

    def history(
        self,
        code: str | None = None,
        *,
        since: datetime | str | None = None,
        actor: str | None = None,
        limit: int | None = None,
    ) -> list[EventView]:
        """The audit log newest first; ``since`` is a moment or a snapshot/date text."""
        from tracker.services.audit import audit_log
        from tracker.services.moments import as_utc
        from tracker.services.snapshots import resolve_moment

        def work(s: Session) -> list[EventView]:
            if isinstance(since, str):
                moment: datetime | None = resolve_moment(s, since)
            else:
                moment = None if since is None else as_utc(since)
            return audit_log(s, code=code, since=moment, actor=actor, limit=limit)

        return self._read(work)

    def diff(
        self,
        since: datetime,
        until: datetime | None = None,
        *,
        since_label: str = "",
        until_label: str = "",
    ) -> Diff:
        """What moved from ``since`` to ``until`` (default: now)."""
        from tracker.services.diff import diff_between
        from tracker.services.moments import as_utc

        start, end = as_utc(since), as_utc(until or self.context.now())
        return self._read(
            lambda s: diff_between(s, start, end, since_label=since_label, until_label=until_label)
        )

    def import_file(
        self,
        path: str | os.PathLike[str],
        *,
        fmt: str | None = None,
        dry_run: bool = False,
        options: ReadOptions | None = None,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Import a CSV or JSON file in one transaction (all or nothing).

        ``dry_run`` checks and applies it, computes what would move, and rolls back;
        ``options`` say how its amounts read (unit, signs, what to let through);
        ``progress`` is told how far it is (:mod:`tracker.services.progress`).
        """
        from tracker.domain.plausible import ReadOptions
        from tracker.services.imports import import_file

        return import_file(
            self.store,
            self.context,
            path,
            fmt=fmt,
            dry_run=dry_run,
            options=options or ReadOptions(),
            progress=progress,
        )

    def batch(self, lines: Iterable[str | bytes], *, atomic: bool = False) -> Iterator[LineResult]:
        """Run JSON Lines of write commands (``parat batch``), yielding each line's
        result as it is known: each line one transaction, or with ``atomic`` the
        whole input one (all or nothing). See :mod:`tracker.services.script`."""
        from tracker.services.script import run_lines

        return run_lines(self._write, lines, atomic=atomic)

    def undo(self, event_id: int | None = None) -> list[EventView]:
        """Revert an event (default: this actor's last change) by writing its inverse."""
        from tracker.services.audit import undo

        return self._write(lambda s, c: undo(s, c, event_id))

    # -- change polling (terminal UI) -------------------------------------------
    def last_change(self) -> int:
        """The newest event's id: it moves whenever anything changes (a cheap poll)."""
        from tracker.services.changes import last_event_id

        return self._read(last_event_id)
