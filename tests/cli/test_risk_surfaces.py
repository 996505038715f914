"""How sure are we, across the surfaces and over random programmes stored in a real
database: the same seed gives the same figures in ``parat risk``, ``status --json
--risk``, the API and the JSON and Markdown exports; without ranges and with weights
of 0 or 100 % every amount reached is the status's deterministic total; and the
simulation's mean converges on the CLI's exact expected value."""

import json
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import tracker
from tests.conftest import FIXED_NOW
from tracker.cli import app
from tracker.domain.risk import simulate
from tracker.errors import InvalidInput
from tracker.report.risk import risk_to_dict
from tracker.services.risk import Draws, load_risk_facts

MIO = 1_000_000
SAME = ("--seed", "7", "--draws", "4000")


def _ok_json(cli: Any, *args: str) -> Any:
    result = cli(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def test_the_same_seed_gives_the_same_figures_everywhere(
    cli: Any, db_path: Path, tmp_path: Path
) -> None:
    assert cli("demo", "--no-tui").exit_code == 0
    for code, low, high in (("H04", "2", "9"), ("H09", "0", "4"), ("H12", "1", "3")):
        potential = _ok_json(cli, "hypothesis", "show", code, "--json")["figures"]
        y2018 = next(f for f in potential if f["year"] == 2018)["potential_kr"]
        low_kr, high_kr = min(int(low) * MIO, y2018), max(int(high) * MIO, y2018)
        set_range = ("--low", str(low_kr), "--high", str(high_kr), "--unit", "kr")
        assert cli("figure", "set", code, "2018", *set_range).exit_code == 0
    risk = _ok_json(cli, "risk", "--json", *SAME)
    assert _ok_json(cli, "status", "--json", "--risk", *SAME)["risk"] == risk
    assert _ok_json(cli, "export", "-f", "json", "--risk", *SAME)["risk"] == risk
    with tracker.open(str(db_path), clock=lambda: FIXED_NOW) as p:
        assert risk_to_dict(p.risk(seed=7, draws=4000)) == risk
        reported = p.report(risk=Draws(draws=4000, seed=7)).risk
        assert reported is not None and risk_to_dict(reported) == risk
    other = _ok_json(cli, "risk", "--json", "--seed", "8", "--draws", "4000")
    assert other["expected_kr"] == risk["expected_kr"]
    assert other["independent"] != risk["independent"]  # the seed is what holds them equal
    # The words: the Markdown export says what `parat risk` says, in either language.
    for lang, heading, note in (
        ("da", "Hvor sikre er vi?", "Beregnet med 4.000 simulationer, seed 7."),
        ("en", "How sure are we?", "From 4.000 draws, seed 7."),
    ):
        markdown = cli("--lang", lang, "export", "-f", "md", "--risk", *SAME).stdout
        spoken = cli("--lang", lang, "risk", *SAME).stdout.splitlines()
        section = markdown.split(f"## {heading}\n\n", 1)[1].split("\n\n", 1)[0]
        sentences = [line.removeprefix("- ") for line in section.splitlines()]
        assert len(sentences) == 6 and all(s in spoken for s in sentences), (sentences, spoken)
        assert note in markdown
        assert heading not in cli("--lang", lang, "export", "-f", "md").stdout  # only when asked


# -- random programmes in a real database ------------------------------------------


@pytest.fixture(scope="module")
def empty_programme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the default programme and nothing else (migrated once)."""
    path = tmp_path_factory.mktemp("risk") / "empty.db"
    with tracker.open(str(path), actor="setup", clock=lambda: FIXED_NOW) as p:
        p.create_programme()
    return path


@pytest.fixture
def fresh(empty_programme: Path) -> Iterator[Any]:
    """A factory of copies of the empty programme (one per generated example)."""
    folder = Path(tempfile.mkdtemp())

    def make() -> Path:
        path = folder / f"p{len(list(folder.iterdir()))}.db"
        shutil.copyfile(empty_programme, path)
        return path

    yield make
    shutil.rmtree(folder)


def _cli(path: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--db", str(path), *args])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


certain = st.lists(
    st.tuples(
        st.sampled_from([0, 100]),  # the confidence: it never, or surely, comes true
        st.booleans(),  # dropped
        st.sampled_from(["kontant", "frigjort_tid"]),
        st.integers(0, 60 * MIO),
        st.sampled_from([None, "driftsbalance", "demografi", "politisk"]),
    ),
    max_size=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(certain, st.sampled_from(["waterfall", "earmarked"]))
def test_without_uncertainty_every_amount_is_the_deterministic_total(
    fresh: Any, hypotheses: list[tuple[int, bool, str, int, str | None]], allocation: str
) -> None:
    path = fresh()
    with tracker.open(str(path), actor="t", clock=lambda: FIXED_NOW) as p:
        p.set_programme(allocation=allocation)
        for i, (pct, dropped, kind, kr, bucket) in enumerate(hypotheses):
            code = f"H{i}"
            p.add_hypothesis(code, title=code, confidence_pct=pct, benefit_type=kind,
                             bucket=bucket, stage="dropped" if dropped else "quantified",
                             note="x" if dropped else "")  # fmt: skip
            p.set_figure(code, 2018, potential=kr)
    status = _cli(path, "status", "--json")
    risk = _cli(path, "risk", "--json", "--draws", "200")
    total = status["totals"]["weighted_kr"]
    assert risk["expected_kr"] == total
    for way in ("independent", "together"):
        c = risk[way]
        assert [c["p50_kr"], c["p80_kr"], c["p95_kr"]] == [total] * 3
        assert c["p_target"] == (1.0 if total >= status["programme"]["target_kr"] else 0.0)
    for shown, b in zip(risk["buckets"], status["buckets"], strict=True):
        assert shown["key"] == b["key"]
        held = b["weighted_kr"]  # waterfall: what the total fills; earmarked: its own
        assert shown["expected_kr"] == held
        for way in ("independent", "together"):
            c = shown[way]
            if allocation == "waterfall":
                held = min(max(held, 0), b["target_kr"])
            assert [c["p50_kr"], c["p80_kr"], c["p95_kr"]] == [held] * 3
            assert c["p_target"] == (1.0 if held >= b["target_kr"] else 0.0)


@pytest.mark.parametrize("seed", range(4))
def test_the_simulated_mean_converges_on_the_expected_value(fresh: Any, seed: int) -> None:
    """Within three standard errors (plus half a krone per rounded term), both ways of
    drawing, for a random programme with ranges written through the API."""
    rnd = random.Random(seed)
    path = fresh()
    n = 12
    with tracker.open(str(path), actor="t", clock=lambda: FIXED_NOW) as p:
        for i in range(n):
            code = f"H{i:02d}"
            likely = rnd.randint(0, 8 * MIO) + rnd.randint(0, 999)
            low = likely - rnd.choice([0, rnd.randint(0, likely)])
            high = likely + rnd.choice([0, rnd.randint(1, 2 * likely + 1)])
            weight = rnd.choice([10, 25, 50, 75, 90, 100, rnd.randint(0, 100)])
            bucket = rnd.choice([None, "politisk"])
            p.add_hypothesis(code, title=code, confidence_pct=weight, bucket=bucket)
            p.set_figure(code, 2018, potential=likely, low=low, high=high, unit="kr")
        _status, facts = p.store.read(lambda s: load_risk_facts(s, FIXED_NOW))
    assert sum(h.has_range for h in facts.hypotheses) >= 3, "too few ranges to prove anything"
    expected = _cli(path, "risk", "--json", "--draws", "10")["expected_kr"]
    independent, together = simulate(facts).programme()
    for totals in (independent, together):
        mean = float(totals.sorted_kr.mean())
        error = float(totals.sorted_kr.std()) / totals.draws**0.5
        assert error > 0
        assert abs(mean - expected) <= 3 * error + 0.5 * n, (mean, expected, error)


@pytest.mark.parametrize(
    ("draws", "seed", "says"),
    [
        (0, 1, "draws must be a whole number from 1 to 2000000, got 0"),
        (True, 1, "draws must be a whole number from 1 to 2000000, got True"),
        (10, -1, "seed must be a whole number from 0 to 4294967295, got -1"),
        (10, 2**32, "seed must be a whole number from 0 to 4294967295, got 4294967296"),
    ],
)
def test_the_api_refuses_bad_draws_and_seeds(
    empty_programme: Path, draws: Any, seed: Any, says: str
) -> None:
    opened = tracker.open(str(empty_programme), clock=lambda: FIXED_NOW, read_only=True)
    with opened as p, pytest.raises(InvalidInput) as refused:
        p.risk(draws=draws, seed=seed)
    assert str(refused.value) == says
