"""Benchmark data: the sample programme plus thousands of generated hypotheses.

The sample is written through the services; the extra hypotheses and their figures
are bulk-inserted with SQLAlchemy Core in one transaction (10,000 hypotheses take
about a second, where the services would take minutes), with one creation event each.
"""

import random
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

import tracker
from db.engine import write_session
from db.models import Bucket, Event, Figure, Hypothesis, Programme
from tracker.demo import write_demo
from tracker.domain.stages import Stage

__all__ = ["write_programme"]

_AREAS = (
    "Indkøb",
    "Digitalisering",
    "Ældre og sundhed",
    "Administration",
    "Ejendomme",
    "Teknik og miljø",
    "Børn og unge",
    "Beskæftigelse",
    "Skole",
    "HR",
    "Økonomi",
    "Kultur og fritid",
    "Socialområdet",
    "Handicap",
    "Psykiatri",
    "Trafik",
)
_FIRST = ("Anne", "Bo", "Camilla", "Dorte", "Erik", "Frida", "Gustav", "Hanne", "Ib", "Jonas")
_LAST = ("Hansen", "Jensen", "Nielsen", "Pedersen", "Larsen", "Sørensen", "Rasmussen", "Holm")
_WORDS = (
    "Fælles",
    "digital",
    "indkøb",
    "rehabilitering",
    "kørsel",
    "energi",
    "bygninger",
    "vikarer",
    "licenser",
    "sygefravær",
    "forebyggelse",
    "velfærdsteknologi",
    "tilsyn",
    "kapacitet",
    "arealer",
    "leasing",
    "forsikring",
    "konsulenter",
    "visitation",
    "print",
)


def write_programme(path: Path, hypotheses: int, now: datetime, seed: int = 7) -> Path:
    """A SQLite file with the sample programme and ``hypotheses`` hypotheses in all."""
    rng = random.Random(seed)
    with tracker.open(str(path), actor="bench") as parat:
        write_demo(parat.engine, now, actor="bench")
        extra = max(0, hypotheses - 16)
        if not extra:
            return path
        with write_session(parat.engine) as session:
            conn = session.connection()
            programme = conn.execute(sa.select(Programme.__table__.c)).first()
            assert programme is not None
            buckets = [
                row.id
                for row in conn.execute(
                    sa.select(Bucket.__table__.c.id).where(
                        Bucket.__table__.c.programme_id == programme.id
                    )
                )
            ]
            stages = [s.value for s in Stage]
            rows = []
            for i in range(17, 17 + extra):
                when = now - timedelta(days=rng.randint(0, 200))
                rows.append(
                    {
                        "programme_id": programme.id,
                        "code": f"H{i:05d}",
                        "title": " ".join(rng.sample(_WORDS, 3)).capitalize(),
                        "area": rng.choice(_AREAS),
                        "owner": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                        "description": "",
                        "stage": rng.choice(stages),
                        "bucket_id": rng.choice([None, *buckets]),
                        "confidence_pct": None,
                        "version": 1,
                        "created_at": when,
                        "updated_at": when,
                    }
                )
            conn.execute(sa.insert(Hypothesis.__table__), rows)
            table = Hypothesis.__table__
            ids = conn.execute(
                sa.select(table.c.id, table.c.code, table.c.updated_at).where(
                    table.c.code.like("H0%"), sa.func.length(table.c.code) == 6
                )
            ).all()
            figures, events = [], []
            for hid, code, when in ids:
                final = rng.randint(1, 400) * 25_000
                for year in range(programme.first_year, programme.target_year + 1):
                    share = (year - programme.first_year + 1) / (
                        programme.target_year - programme.first_year + 1
                    )
                    figures.append(
                        {
                            "hypothesis_id": hid,
                            "year": year,
                            "kind": "potential",
                            "amount_kr": int(final * share),
                            "recorded_at": when,
                            "actor": "bench",
                            "source": "bench",
                            "note": "",
                        }
                    )
                events.append(
                    {
                        "programme_id": programme.id,
                        "at": when,
                        "recorded_at": when,
                        "actor": "bench",
                        "source": "bench",
                        "action": "hypothesis.add",
                        "hypothesis_id": hid,
                        "subject": code,
                        "field": "",
                        "old_value": None,
                        "new_value": "{}",
                        "note": "",
                    }
                )
            conn.execute(sa.insert(Figure.__table__), figures)
            conn.execute(sa.insert(Event.__table__), events)
    return path
