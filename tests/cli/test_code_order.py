"""Codes in natural order (B2 before B10) on every surface the CLI prints."""

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

ORDER = ["B1", "B2", "B9", "B10", "B11"]


@pytest.fixture
def programme(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*args: str) -> None:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)

    monkeypatch.setenv("PARAT_NOW", "2018-02-01T10:00:00Z")
    run("init")
    for code in ("B10", "B2", "B11", "B1", "B9"):
        run("hypothesis", "add", code, "--title", f"Tiltag {code}")
    run("snapshot", "add", "før")
    monkeypatch.setenv("PARAT_NOW", "2018-03-01T10:00:00Z")
    for code in ("B10", "B2", "B11", "B1", "B9"):
        run("figure", "set", code, "2018", "--potential", "1")


def _out(cli: Any, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return str(result.stdout)


def test_status_list_and_diff_json_in_natural_order(cli: Any, programme: None) -> None:
    status = json.loads(_out(cli, "status", "--json"))
    assert [h["code"] for h in status["hypotheses"]] == ORDER
    listed = json.loads(_out(cli, "hypothesis", "list", "--json"))
    assert [h["code"] for h in listed] == ORDER
    diff = json.loads(_out(cli, "diff", "--since", "før", "--json"))
    assert [c["code"] for c in diff["figure_changes"]] == ORDER


def test_text_list_and_exports_in_natural_order(cli: Any, programme: None, tmp_path: Path) -> None:
    lines = _out(cli, "hypothesis", "list").splitlines()
    assert [w[0] for w in map(str.split, lines) if w and w[0] in ORDER] == ORDER
    target = tmp_path / "status.csv"
    _out(cli, "export", "-f", "csv", "-o", str(target))
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [r[0] for r in rows if r and r[0] in ORDER] == ORDER
    md = _out(cli, "export", "-f", "md")
    places = [md.index(f"| {c} ") for c in ORDER]
    assert places == sorted(places)
