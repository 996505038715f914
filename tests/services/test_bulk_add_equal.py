"""New hypotheses in an import are added in bulk, yet they must be exactly what the
ordinary use case writes: the same rows, versions, moments and events, in the same
order (also with an existing hypothesis changed between them). Both engines."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from tests.conftest import FIXED_NOW, PgServer
from tests.storeutil import dump_store
from tracker.domain.stages import Stage
from tracker.services import hypotheses
from tracker.services.context import ChangeContext
from tracker.services.store import Store

CSV = (
    "code;title;area;owner;description;stage;bucket;confidence;note\n"
    "n01;Indkøb af biler;Teknik;Åse Ørum;Færre biler, flere cykler;quantified;demografi;"
    "75;fra møde\n"
    "N02;Energi;;;;;;;\n"
    "H00;Omdøbt;;;;;;;\n"
    "N03;Skoler;Børn;;;decided;none;;\n"
    'N04;"Citat ""ja""";;;;;politisk;0;\n'
)
# The same rows through the ordinary use cases, in the file's order.
ADDS: list[tuple[str, dict[str, object]]] = [
    (
        "N01",
        dict(
            title="Indkøb af biler",
            area="Teknik",
            owner="Åse Ørum",
            description="Færre biler, flere cykler",
            stage=Stage.QUANTIFIED,
            bucket="demografi",
            confidence_pct=75,
            note="fra møde",
        ),
    ),
    ("N02", dict(title="Energi")),
    ("H00", {}),
    ("N03", dict(title="Skoler", area="Børn", stage=Stage.DECIDED, bucket=None)),
    ("N04", dict(title='Citat "ja"', bucket="politisk", confidence_pct=0)),
]


@pytest.fixture
def other_url(store_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second empty store on the same engine as ``store_url``."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'ordinary.db'}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    with server.empty_database() as url:
        yield url


def _ordinary(session: Session, ctx: ChangeContext) -> None:
    for code, values in ADDS:
        if code == "H00":
            hypotheses.update_hypothesis(session, ctx, code, title="Omdøbt")
        else:
            hypotheses.add_hypothesis(session, ctx, code, **values)  # type: ignore[arg-type]


def test_bulk_adds_write_what_the_ordinary_use_case_writes(
    runner, store_url: str, other_url: str, tmp_path: Path
) -> None:
    from tracker.cli import app

    csv = tmp_path / "nye.csv"
    csv.write_text(CSV, encoding="utf-8")
    for url in (store_url, other_url):
        for command in (["init"], ["hypothesis", "add", "H00", "--title", "Gammel"]):
            result = runner.invoke(app, ["--db", url, *command])
            assert result.exit_code == 0, result.output

    result = runner.invoke(app, ["--db", store_url, "import", str(csv)])
    assert result.exit_code == 0, result.output
    ctx = ChangeContext(actor="tester", source="import:nye.csv", clock=lambda: FIXED_NOW)
    with Store.open(other_url) as store:
        store.write(lambda session: _ordinary(session, ctx))

    bulk, ordinary = dump_store(store_url), dump_store(other_url)
    assert len(bulk["hypothesis"]) == 5
    assert [e[5] for e in bulk["event"]][-5:] == ["hypothesis.add"] * 2 + [
        "hypothesis.set",
        "hypothesis.add",
        "hypothesis.add",
    ]
    assert bulk == ordinary
