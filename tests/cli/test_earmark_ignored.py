"""Under the waterfall rule an earmark steers no money: the status warns once, the
hypothesis tables show it in brackets, and a dry-run import says so on stderr."""

import json
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def earmarked(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARAT_NOW", "2018-02-01T10:00:00Z")
    for args in (
        ("init",),
        ("programme", "set", "--allocation", "waterfall"),
        ("hypothesis", "add", "H1", "--title", "Indkøb", "--bucket", "demografi"),
        ("hypothesis", "add", "H2", "--title", "Leasing", "--bucket", "demografi"),
        ("hypothesis", "add", "H3", "--title", "Energi"),
    ):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)


def _warnings(cli: Any) -> list[dict[str, Any]]:
    result = cli("status", "--json")
    assert result.exit_code == 0, result.stderr
    return [w for w in json.loads(result.stdout)["warnings"] if w["code"] == "earmark-ignored"]


def test_waterfall_warns_once_with_the_count(cli: Any, earmarked: None) -> None:
    (warning,) = _warnings(cli)
    assert warning["hypothesis"] is None
    assert warning["message"].startswith("2 hypoteser har en øremærket pulje")
    assert "vandfaldsreglen" in warning["message"]


def test_earmarked_mode_does_not_warn(cli: Any, earmarked: None) -> None:
    assert cli("programme", "set", "--allocation", "earmarked").exit_code == 0
    assert _warnings(cli) == []


def test_exports_bracket_the_earmark_only_under_waterfall(cli: Any, earmarked: None) -> None:
    md = cli("export", "-f", "md").stdout
    h1 = next(line for line in md.splitlines() if line.startswith("| H1 "))
    assert "| (Demografisk udvikling) |" in h1
    assert cli("programme", "set", "--allocation", "earmarked").exit_code == 0
    md = cli("export", "-f", "md").stdout
    h1 = next(line for line in md.splitlines() if line.startswith("| H1 "))
    assert "| Demografisk udvikling |" in h1


def test_dry_run_warns_when_the_file_sets_earmarks(
    cli: Any, earmarked: None, tmp_path: Path
) -> None:
    path = tmp_path / "in.csv"
    path.write_text("code;bucket\nH3;demografi\n", encoding="utf-8")
    result = cli("import", "--dry-run", str(path))
    assert result.exit_code == 0, result.stderr
    (line,) = [x for x in result.stderr.splitlines() if "waterfall" in x]
    assert "1 hypotheses" in line and "H3" in line
    plain = tmp_path / "plain.csv"
    plain.write_text("code;title\nH3;Energi og lys\n", encoding="utf-8")
    assert "waterfall" not in cli("import", "--dry-run", str(plain)).stderr
