"""The CSV export read by ``parat import`` into a new database gives back every
hypothesis's benefit type and every range (not merely "nothing changed" on the same
file, which an importer that skipped the columns would pass too); a type edited in
the file changes that one value."""

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def _facts(cli: Any, db: Path) -> dict[str, Any]:
    """Per hypothesis: its type, and each year's potential with its range."""
    listed = json.loads(_ok(cli("hypothesis", "list", "--json", db=db)).stdout)
    facts: dict[str, Any] = {}
    for h in listed:
        shown = json.loads(_ok(cli("hypothesis", "show", h["code"], "--json", db=db)).stdout)
        facts[h["code"]] = (shown["benefit_type"], shown["figures"])
    return facts


@pytest.mark.parametrize("dialect", ["danish", "excel-us"])
def test_types_and_ranges_survive_export_and_import(
    cli: Any, db_path: Path, tmp_path: Path, dialect: str
) -> None:
    _ok(cli("demo", "--no-tui"))
    _ok(cli("hypothesis", "set", "H02", "--type", "undgaaet"))
    _ok(cli("hypothesis", "set", "H03", "--type", "Frigjort tid"))
    _ok(cli("hypothesis", "set", "H05", "--type", "kvalitativ"))
    _ok(cli("figure", "set", "H04", "2018", "--low", "7", "--high", "12,5"))
    _ok(cli("figure", "set", "H01", "2017", "--low", "0,000001"))  # one krone
    path = tmp_path / "h.csv"
    path.write_bytes(_ok(cli("export", "-f", "csv", "--csv-dialect", dialect)).stdout_bytes)

    fresh = tmp_path / "fresh.db"
    _ok(cli("init", db=fresh))
    _ok(cli("import", str(path), "--allow-negative", db=fresh))
    before, after = _facts(cli, db_path), _facts(cli, fresh)
    assert after == before
    h04_2018 = next(f for f in after["H04"][1] if f["year"] == 2018)
    assert (h04_2018["low_kr"], h04_2018["high_kr"]) == (7_000_000, 12_500_000)
    h01_2017 = next(f for f in after["H01"][1] if f["year"] == 2017)
    assert h01_2017["low_kr"] == 1
    assert {code: t for code, (t, _) in after.items() if t != "kontant"} == {
        "H02": "undgaaet",
        "H03": "frigjort_tid",
        "H05": "kvalitativ",
    }
    status = json.loads(_ok(cli("status", "--json", db=fresh)).stdout)
    assert (
        status["other_benefits"]
        == json.loads(_ok(cli("status", "--json")).stdout)["other_benefits"]
    )

    # one type edited in the file, as a spreadsheet user would: that one value changes
    delimiter = ";" if dialect == "danish" else ","
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    row = next(r for r in rows if r[0] == "H04")
    row[rows[0].index("benefit_type")] = "undgaaet"
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))
    events = len(json.loads(_ok(cli("history", "--json", db=fresh)).stdout))
    _ok(cli("import", str(path), "--allow-negative", db=fresh))
    log = json.loads(_ok(cli("history", "--json", db=fresh)).stdout)
    assert len(log) == events + 1
    assert (log[0]["subject"], log[0]["field"], log[0]["old"], log[0]["new"]) == (
        "H04",
        "benefit_type",
        "kontant",
        "undgaaet",
    )
    assert _facts(cli, fresh)["H04"][0] == "undgaaet"
