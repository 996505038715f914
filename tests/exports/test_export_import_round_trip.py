"""The round trip through the real CLI: ``parat export --format csv`` read back
by ``parat import`` changes nothing (ranges included); two cells edited with the csv module change
exactly those two values; Danish Excel's cp1252 save of the file imports the same."""

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the CLI's own lines in English (the documents' Danish is the
    other tests')."""
    monkeypatch.setenv("PARAT_LANG", "en")


DIALECTS = {"danish": (";", ","), "excel-us": (",", ".")}


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def event_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM event").fetchone()[0])


def hard_cases(cli: Any) -> None:
    """Danish letters, text a spreadsheet takes for a formula, exact kroner, negatives."""
    ok(cli("init"))
    ok(cli("hypothesis", "add", "H01", "--title", "Æbler, øl og ål", "--owner", "Søren Ærø"))
    ok(cli("hypothesis", "add", "H02", "--title", "=SUM(A1) på én linje", "--owner", "-Jens"))
    ok(cli("hypothesis", "add", "H03", "--title", "'citat' og @navn", "--area", "+45 område"))
    ok(cli("hypothesis", "set", "H03", "--description", 'a;b,"c"\nny linje'))
    ok(cli("hypothesis", "set", "H01", "--confidence", "35", "--stage", "qualified"))
    ok(
        cli(
            "figure", "set", "H01", "2018",
            "--potential", "1.234.000 kr", "--realised", "29.000 kr", "--investment", "1 kr",
        )
    )  # fmt: skip
    ok(cli("figure", "set", "H02", "2017", "--potential", "-500.000 kr", "--realised", "-1 kr",
           "--allow-negative"))  # fmt: skip
    ok(cli("figure", "set", "H03", "2016", "--potential", "1,234567", "--investment", "0"))
    # a range (minimum 0: the gain may come to nothing): low_/high_ columns round-trip
    ok(cli("figure", "set", "H01", "2018", "--low", "0", "--high", "1,5"))


def build(cli: Any, programme: str) -> None:
    if programme == "demo":
        ok(cli("demo", "--no-tui"))
    else:
        hard_cases(cli)


def export_csv(cli: Any, dialect: str) -> bytes:
    data: bytes = ok(cli("export", "--format", "csv", "--csv-dialect", dialect)).stdout_bytes
    assert data.startswith("\ufeff".encode())
    return data


def import_changes_nothing(cli: Any, db: Path, path: Path) -> None:
    status, events = ok(cli("status", "--json")).stdout, event_count(db)
    assert "nothing changed" in ok(cli("import", str(path), "--allow-negative")).stdout
    assert event_count(db) == events
    assert ok(cli("status", "--json")).stdout == status


@pytest.mark.parametrize("dialect", list(DIALECTS))
@pytest.mark.parametrize("programme", ["demo", "hard"])
def test_export_then_import_changes_nothing_and_two_edits_change_two_values(
    cli: Any, db_path: Path, tmp_path: Path, programme: str, dialect: str
) -> None:
    build(cli, programme)
    data = export_csv(cli, dialect)
    path = tmp_path / f"eksport-{dialect}.csv"
    path.write_bytes(data)
    import_changes_nothing(cli, db_path, path)

    # Edit a figure and a title as a spreadsheet user would, with the csv module.
    delimiter, decimal = DIALECTS[dialect]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))
    header = rows[0]
    code = "H04" if programme == "demo" else "H02"
    row = next(r for r in rows if r[0] == code)
    row[header.index("potential_2018")] = f"7{decimal}1255"
    row[header.index("title")] = "Ny titel – ændret"
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))
    before = json.loads(ok(cli("hypothesis", "show", code, "--json")).stdout)
    status_before = json.loads(ok(cli("status", "--json")).stdout)
    events = event_count(db_path)

    ok(cli("import", str(path), "--allow-negative"))
    assert event_count(db_path) == events + 2
    log = json.loads(ok(cli("history", "--json", "--limit", "2")).stdout)
    assert sorted((e["subject"], e["field"], e["old"], e["new"]) for e in log) == sorted(
        [
            (code, "potential.2018", _old_potential(before, 2018), "7125500"),
            (code, "title", before["title"], "Ny titel – ændret"),
        ]
    )
    assert {e["source"] for e in log} == {f"import:{path.name}"}
    after = json.loads(ok(cli("hypothesis", "show", code, "--json")).stdout)
    assert after["title"] == "Ny titel – ændret"
    assert _potentials(after)[2018] == 7_125_500
    assert {y: kr for y, kr in _potentials(after).items() if y != 2018} == {
        y: kr for y, kr in _potentials(before).items() if y != 2018
    }
    status = json.loads(ok(cli("status", "--json")).stdout)
    changed = {h["code"] for h in status["hypotheses"]} - {
        h["code"]
        for h in status["hypotheses"]
        if h in status_before["hypotheses"]  # identical entry
    }
    assert changed == {code}
    entry = next(h for h in status["hypotheses"] if h["code"] == code)
    assert entry["title"] == "Ny titel – ændret"
    # The file as it now stands is the store as it now stands.
    import_changes_nothing(cli, db_path, path)


@pytest.mark.parametrize("programme", ["demo", "hard"])
def test_the_danish_export_saved_as_cp1252_imports_the_same(
    cli: Any, db_path: Path, tmp_path: Path, programme: str
) -> None:
    build(cli, programme)
    text = export_csv(cli, "danish").decode("utf-8-sig")
    assert any(letter in text for letter in "æøåÆØÅ")
    path = tmp_path / "gemt-i-excel.csv"
    path.write_bytes(text.encode("cp1252"))  # as Danish Excel saves "CSV (semikolon)"
    import_changes_nothing(cli, db_path, path)


def _potentials(detail: dict[str, Any]) -> dict[int, int]:
    return {
        row["year"]: row["potential_kr"]
        for row in detail["figures"]
        if row["potential_kr"] is not None
    }


def _old_potential(detail: dict[str, Any], year: int) -> str | None:
    kr = _potentials(detail).get(year)
    return None if kr is None else str(kr)
