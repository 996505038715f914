"""The sample programme: the real frame of "Parat til fremtiden" with 16 invented
hypotheses, so that a new user sees a living programme at once.

Every title is marked "(eksempel)": the areas, owners and amounts are made up. The
history is spread over the last four months so that time travel, the stale warning
and "what moved" have something to show.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.engine import Engine
from sqlmodel import Session

from db.engine import write_session
from tracker.domain.money import parse_amount, round_half_up
from tracker.domain.stages import Stage
from tracker.services import figures, hypotheses, programme
from tracker.services.context import ChangeContext
from tracker.services.validation import Amount

__all__ = ["SAMPLE", "SampleHypothesis", "fill_demo", "write_demo"]

MARK = " (eksempel)"


@dataclass(frozen=True, slots=True)
class SampleHypothesis:
    code: str
    title: str
    area: str
    owner: str
    stage: Stage
    potential: dict[int, str]
    realised: dict[int, str]
    investment: dict[int, str]
    bucket: str | None = None
    confidence_pct: int | None = None
    note: str = ""
    ranges: dict[int, tuple[str, str]] | None = None
    """Per year the potential's range (minimum, maksimum), where it is uncertain."""


def _h(
    code: str,
    title: str,
    area: str,
    owner: str,
    stage: Stage,
    potential: dict[int, str] | None = None,
    realised: dict[int, str] | None = None,
    investment: dict[int, str] | None = None,
    **kw: object,
) -> SampleHypothesis:
    return SampleHypothesis(
        code,
        title + MARK,
        area,
        owner,
        stage,
        potential or {},
        realised or {},
        investment or {},
        **kw,  # type: ignore[arg-type]
    )


ID, Q, N, D, M, R, X = (
    Stage.IDENTIFIED,
    Stage.QUALIFIED,
    Stage.QUANTIFIED,
    Stage.DECIDED,
    Stage.IMPLEMENTED,
    Stage.REALISED,
    Stage.DROPPED,
)

SAMPLE: tuple[SampleHypothesis, ...] = (
    _h(
        "H01",
        "Fælles indkøbsaftaler og e-handel",
        "Indkøb",
        "Mette Holm",
        D,
        {2015: "2", 2016: "6", 2017: "10", 2018: "12"},
        {2015: "1,8", 2016: "5,2"},
        {2015: "1,5"},
        bucket="driftsbalance",
    ),
    _h(
        "H02",
        "Digital post og selvbetjening",
        "Digitalisering",
        "Jens Kjær",
        M,
        {2015: "3", 2016: "6,5", 2017: "8", 2018: "9,5"},
        {2015: "2,9", 2016: "6,1", 2017: "7,4", 2018: "4"},
        {2015: "4", 2016: "1,2"},
        bucket="driftsbalance",
    ),
    _h(
        "H03",
        "Velfærdsteknologi i hjemmeplejen",
        "Ældre og sundhed",
        "Lone Bech",
        N,
        {2016: "3", 2017: "9", 2018: "15"},
        None,
        {2016: "6", 2017: "3"},
        bucket="demografi",
    ),
    _h(
        "H04",
        "Rehabilitering før hjemmehjælp",
        "Ældre og sundhed",
        "Lone Bech",
        D,
        {2015: "2", 2016: "5", 2017: "8,5", 2018: "11"},
        {2015: "1,5", 2016: "4,2"},
        bucket="demografi",
    ),
    _h(
        "H05",
        "Samling af administrative funktioner",
        "Administration",
        "Peter Dahl",
        Q,
        {2017: "4", 2018: "8"},
        bucket="politisk",
    ),
    _h(
        "H06",
        "Energirenovering af kommunale bygninger",
        "Ejendomme",
        "Anders Friis",
        M,
        {2016: "2", 2017: "4,5", 2018: "6,5"},
        {2016: "1,9"},
        {2015: "12", 2016: "8"},
        bucket="driftsbalance",
    ),
    _h(
        "H07",
        "Optimeret kørselsordning",
        "Teknik og miljø",
        "Susanne Lund",
        D,
        {2016: "1,5", 2017: "3", 2018: "4,2"},
        {2016: "1,1"},
        bucket="politisk",
    ),
    _h(
        "H08",
        "Tidlig indsats for børn og unge",
        "Børn og unge",
        "Karin Møller",
        N,
        {2017: "4", 2018: "10"},
        None,
        {2016: "2,5"},
        bucket="politisk",
        confidence_pct=40,
        ranges={2018: ("2", "13")},
    ),
    _h(
        "H09",
        "Færre eksterne konsulenter",
        "Administration",
        "Peter Dahl",
        R,
        {2015: "1,5", 2016: "2,5", 2017: "3", 2018: "3"},
        {2015: "1,5", 2016: "2,4", 2017: "3,2", 2018: "2,8"},
        bucket="driftsbalance",
    ),
    _h(
        "H10",
        "Bedre kapacitetsudnyttelse i dagtilbud",
        "Børn og unge",
        "Karin Møller",
        Q,
        {2017: "3", 2018: "7"},
        bucket="politisk",
        ranges={2018: ("1", "9")},
    ),
    _h(
        "H11",
        "Hurtigere afklaring i jobcentret",
        "Beskæftigelse",
        "Ole Vestergaard",
        N,
        {2016: "4", 2017: "9", 2018: "14"},
        None,
        {2016: "1,5"},
        bucket="politisk",
        ranges={2018: ("2", "16")},
    ),
    _h(
        "H12",
        "Færre kvadratmeter med ny arbejdskultur",
        "Ejendomme",
        "Anders Friis",
        D,
        {2016: "1", 2017: "3,5", 2018: "5"},
        {2016: "0,9"},
        bucket="driftsbalance",
    ),
    _h("H13", "Inklusion i folkeskolen", "Skole", "Henrik Thomsen", ID, bucket="demografi"),
    _h(
        "H14",
        "Lavere sygefravær",
        "HR",
        "Birgitte Nielsen",
        N,
        {2016: "1", 2017: "2,5"},
        bucket="politisk",
    ),
    _h("H15", "Fælles vagtcentral", "Sundhed og omsorg", "", ID, {2018: "3"}),
    _h(
        "H16",
        "Genforhandling af leasing og forsikring",
        "Økonomi",
        "Mette Holm",
        X,
        {2017: "1", 2018: "2,5"},
        note="Gevinsten er allerede budgetlagt i 2016",
    ),
)


def write_demo(engine: Engine, now: datetime, actor: str = "sekretariatet") -> None:
    """Write the programme and its sample history in one transaction, ending at ``now``."""
    with write_session(engine) as s:
        fill_demo(s, now, actor)


def fill_demo(s: Session, now: datetime, actor: str = "sekretariatet") -> None:
    """Write the programme and its sample history in the transaction of ``s``."""
    start, middle, recent = (
        now - timedelta(days=120),
        now - timedelta(days=75),
        now - timedelta(days=20),
    )

    def ctx(at: datetime, who: str = actor) -> ChangeContext:
        return ChangeContext(actor=who, source="demo", clock=lambda: at)

    programme.create_programme(s, ctx(start))
    for h in SAMPLE:
        hypotheses.add_hypothesis(
            s,
            ctx(start),
            h.code,
            title=h.title,
            area=h.area,
            owner=h.owner,
            stage=Stage.IDENTIFIED,
            bucket=h.bucket,
        )
    for h in SAMPLE:
        when = ctx(middle, h.owner or actor) if h.code != "H13" else None
        if when is None:
            continue
        if h.stage.rank >= Stage.QUALIFIED.rank and h.stage is not Stage.DROPPED:
            hypotheses.update_hypothesis(s, when, h.code, stage=Stage.QUALIFIED)
        # first estimates: 80 % of the final potential, to show movement later
        for year, amount in h.potential.items():
            figures.set_figures(s, when, h.code, year, {"potential": _scaled(amount, 80)})
    for h in SAMPLE:
        if h.code == "H13":
            continue
        when = ctx(recent, h.owner or actor)
        note = h.note or ""
        if h.stage is not Stage.QUALIFIED and h.stage is not Stage.IDENTIFIED:
            hypotheses.update_hypothesis(
                s,
                when,
                h.code,
                stage=h.stage,
                note=note,
                confidence_pct=h.confidence_pct,
            )
        ranges = h.ranges or {}
        for year in sorted(set(h.potential) | set(h.realised) | set(h.investment)):
            amounts: dict[str, Amount] = {
                kind: values[year]
                for kind, values in (
                    ("potential", h.potential),
                    ("realised", h.realised),
                    ("investment", h.investment),
                )
                if year in values
            }
            if year in ranges:
                amounts["low"], amounts["high"] = ranges[year]
            figures.set_figures(s, when, h.code, year, amounts)


def _scaled(amount: str, pct: int) -> int:

    return round_half_up(Decimal(parse_amount(amount)) * pct / 100 / 1000) * 1000
