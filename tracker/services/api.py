"""The Python API: one object per open database, one transaction per call.

>>> import tracker
>>> with tracker.open("sqlite:///parat.db", actor="anna") as p:   # doctest: +SKIP
...     p.set_figure("H04", 2018, potential="4,5")
...     print(p.status().totals.weighted_kr)

Every method opens a short session, runs one use case in one transaction with its
audit events, and returns plain values; nothing of the database leaks out.
"""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from db.engine import database_url, make_engine, read_session, write_session
from db.schema import ensure_schema
from tracker.domain.stages import Stage
from tracker.domain.status import Allocation, Status
from tracker.errors import AlreadyExists, StaleVersion
from tracker.services import figures, hypotheses, programme
from tracker.services.context import ChangeContext, default_actor, utcnow
from tracker.services.status import load_status
from tracker.services.validation import Amount
from tracker.services.views import (
    BucketView,
    HypothesisDetail,
    HypothesisView,
    ProgrammeView,
)

__all__ = ["Parat", "open_parat"]

T = TypeVar("T")


class Parat:
    """Use cases over one database, stamped with one actor and source."""

    def __init__(
        self,
        engine: Engine,
        *,
        actor: str | None = None,
        source: str = "api",
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.context = ChangeContext(actor=default_actor(actor), source=source, clock=clock)

    # -- plumbing ---------------------------------------------------------------
    def _write(self, work: Callable[[Session, ChangeContext], T], code: str = "") -> T:
        try:
            with write_session(self.engine) as session:
                return work(session, self.context)
        except StaleDataError:
            # Another writer updated the same row between our read and our write
            # (PostgreSQL, READ COMMITTED): the version column caught it.
            raise StaleVersion(code or "the hypothesis", None, None) from None
        except IntegrityError as error:
            raise AlreadyExists(
                f"{code or 'the value'} exists already or conflicts: {error.orig}"
            ) from None

    def _read(self, work: Callable[[Session], T]) -> T:
        with read_session(self.engine) as session:
            return work(session)

    # -- programme --------------------------------------------------------------
    def create_programme(self, **kwargs: Any) -> ProgrammeView:
        """Create the programme (defaults: the source document's frame)."""
        return self._write(lambda s, c: programme.create_programme(s, c, **kwargs))

    def programme(self) -> ProgrammeView:
        return self._read(programme.programme_view)

    def set_programme(
        self,
        *,
        name: str | None = None,
        target: Amount | None = None,
        target_year: int | None = None,
        first_year: int | None = None,
        allocation: Allocation | str | None = None,
        weights: Mapping[Stage | str, int] | None = None,
        note: str = "",
    ) -> ProgrammeView:
        return self._write(
            lambda s, c: programme.set_programme(
                s,
                c,
                name=name,
                target=target,
                target_year=target_year,
                first_year=first_year,
                allocation=allocation,
                weights=weights,
                note=note,
            )
        )

    def buckets(self) -> tuple[BucketView, ...]:
        return self.programme().buckets

    def set_bucket(self, key: str, **kwargs: Any) -> BucketView:
        return self._write(lambda s, c: programme.set_bucket(s, c, key, **kwargs), key)

    # -- hypotheses -------------------------------------------------------------
    def add_hypothesis(self, code: str, *, title: str, **kwargs: Any) -> HypothesisView:
        return self._write(
            lambda s, c: hypotheses.add_hypothesis(s, c, code, title=title, **kwargs), code
        )

    def update_hypothesis(self, code: str, **kwargs: Any) -> tuple[HypothesisView, int]:
        """Change fields (title, area, owner, description, stage, bucket, confidence_pct).

        Returns the hypothesis and how many values changed.
        """
        return self._write(lambda s, c: hypotheses.update_hypothesis(s, c, code, **kwargs), code)

    def set_stage(
        self, code: str, stage: Stage | str, *, note: str = "", expect_version: int | None = None
    ) -> HypothesisView:
        view, _ = self.update_hypothesis(
            code, stage=stage, note=note, expect_version=expect_version
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
        note: str = "",
        expect_version: int | None = None,
    ) -> tuple[HypothesisView, int]:
        """Record amounts for one year: ``int`` kroner or text such as ``"4,5"`` (mio. kr.)."""
        amounts = {
            kind: value
            for kind, value in (
                ("potential", potential),
                ("realised", realised),
                ("investment", investment),
            )
            if value is not None
        }
        return self._write(
            lambda s, c: figures.set_figures(
                s, c, code, year, amounts, note=note, expect_version=expect_version
            ),
            code,
        )

    def hypotheses(
        self,
        *,
        stage: Stage | str | None = None,
        area: str | None = None,
        owner: str | None = None,
        bucket: str | None = None,
    ) -> list[HypothesisView]:
        return self._read(
            lambda s: hypotheses.list_hypotheses(
                s, stage=stage, area=area, owner=owner, bucket=bucket
            )
        )

    def hypothesis(self, code: str, *, events: int | None = None) -> HypothesisDetail:
        """One hypothesis with its current figures by year and its events, newest first."""

        def work(s: Session) -> HypothesisDetail:
            prog = programme.get_programme(s)
            assert prog.id is not None
            h = hypotheses.find_hypothesis(s, prog.id, code)
            assert h.id is not None
            return HypothesisDetail(
                hypothesis=hypotheses.hypothesis_view(s, h),
                figures=figures.figures_by_year(s, h, prog.first_year, prog.target_year),
                events=tuple(hypotheses.hypothesis_events(s, h.id, events)),
            )

        return self._read(work)

    # -- status -----------------------------------------------------------------
    def status(self, as_of: datetime | None = None) -> Status:
        """The whole picture for the target year, now or at a past moment."""
        moment = as_of or self.context.now()
        return self._read(lambda s: load_status(s, moment))

    def has_programme(self) -> bool:
        return self._read(lambda s: programme.find_programme(s) is not None)

    # -- change polling (terminal UI) -------------------------------------------
    def last_change(self) -> int:
        """The newest event's id: it moves whenever anything changes (a cheap poll)."""
        from tracker.services.changes import last_event_id

        return self._read(last_event_id)


@contextmanager
def open_parat(
    db: str | None = None,
    *,
    actor: str | None = None,
    source: str = "api",
    clock: Callable[[], datetime] = utcnow,
    upgrade: bool = True,
) -> Iterator[Parat]:
    """Open a database (path or URL; default: ``PARAT_DATABASE_URL`` or the user's file).

    The schema is brought up to date on open unless ``upgrade=False``.
    """
    engine = make_engine(database_url(db))
    try:
        if upgrade:
            ensure_schema(engine)
        yield Parat(engine, actor=actor, source=source, clock=clock)
    finally:
        engine.dispose()
