"""``parat import`` through the real CLI.

What reaches the store (bulk writes, one transaction for a whole file, the dry run's
diff, the round trip) runs on both engines (``store_cli``/``store_url``); reading
files in their encodings and layouts runs on a SQLite file only.
"""

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.storeutil import counts as store_counts
from tests.storeutil import dump_store, rows


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def counts(url: str) -> tuple[int, ...]:
    return store_counts(url, "event", "figure", "hypothesis")


def figures(cli: Any, code: str) -> dict[tuple[str, int], int]:
    detail = json.loads(ok(cli("hypothesis", "show", code, "--json")).stdout)
    return {
        (kind, row["year"]): row[f"{kind}_kr"]
        for row in detail["figures"]
        for kind in ("potential", "realised", "investment")
        if row[f"{kind}_kr"] is not None
    }


def _base(cli: Any) -> None:
    ok(cli("init"))
    ok(cli("hypothesis", "add", "H01", "--title", "Indkøb", "--owner", "Mette"))
    ok(cli("hypothesis", "add", "H02", "--title", "Digital post", "--stage", "quantified"))
    ok(cli("figure", "set", "H02", "2018", "--potential", "3"))


@pytest.fixture
def base(cli: Any) -> None:
    """Two hypotheses in a SQLite file (``cli``)."""
    _base(cli)


@pytest.fixture
def store_base(store_cli: Any) -> None:
    """The same, once per engine (``store_cli``)."""
    _base(store_cli)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_semicolon_decimal_comma(
    store_cli: Any, store_base: None, tmp_path: Path, store_url: str
) -> None:
    path = write(
        tmp_path,
        "omraader.csv",
        "code;stage;potential_2017;potential_2018;realised_2018;investment_2016;note\n"
        "H01;kvalificeret;1,25;4,5;0,029;2;fra området\n"
        'H02;;;"3";;;\n',
    )
    out = ok(store_cli("import", str(path))).stdout
    assert "Imported omraader.csv" in out and "1 attribute changes, 4 figure changes" in out
    assert figures(store_cli, "H01") == {
        ("potential", 2017): 1_250_000,
        ("potential", 2018): 4_500_000,
        ("realised", 2018): 29_000,
        ("investment", 2016): 2_000_000,
    }
    assert figures(store_cli, "H02") == {("potential", 2018): 3_000_000}  # unchanged: no event
    log = json.loads(ok(store_cli("history", "--json")).stdout)
    imported = [e for e in log if e["source"] == "import:omraader.csv"]
    assert len(imported) == 5
    assert {e["note"] for e in imported} == {"fra området"}
    stage = next(e for e in imported if e["field"] == "stage")
    assert (stage["old"], stage["new"]) == ("identified", "qualified")
    # Bulk-written moments are stored exactly as the ORM stores them (naive UTC; on
    # SQLite as text).
    stored = {r[0] for r in rows(store_url, "SELECT DISTINCT recorded_at FROM figure")}
    stored |= {r[0] for r in rows(store_url, "SELECT DISTINCT at FROM event")}
    if store_url.startswith("sqlite"):
        assert stored == {"2018-03-12 09:00:00.000000"}
    else:
        assert stored == {datetime(2018, 3, 12, 9, 0)}
    # The same file again changes nothing and writes no event.
    before = counts(store_url)
    assert "nothing changed" in ok(store_cli("import", str(path))).stdout
    assert counts(store_url) == before


def test_comma_decimal_point_with_bom(cli: Any, base: None, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "excel.csv",
        "\ufeffCode,Title,Potential_2018,Confidence\n"
        "H01,,4.5,60 %\n"
        "H03,Ny hypotese,0.75,\n"
        'H02,"Digital post, fase 2",29 tkr,none\n',
    )
    ok(cli("import", str(path)))
    assert figures(cli, "H01") == {("potential", 2018): 4_500_000}
    assert figures(cli, "H03") == {("potential", 2018): 750_000}
    assert figures(cli, "H02") == {("potential", 2018): 29_000}
    status = json.loads(ok(cli("status", "--json")).stdout)
    h = {x["code"]: x for x in status["hypotheses"]}
    assert h["H01"]["weight_pct"] == 60
    assert h["H02"]["title"] == "Digital post, fase 2"
    assert h["H03"]["stage"] == "identified"


def test_cp1252_file_with_danish_letters(cli: Any, base: None, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dansk.csv",
        "code;title;area;owner;potential_2018\n"
        "H10;Ældrepleje på øerne;Sundhed og ældre;Søren Ærø;1,5\n"
        "H01;;Indkøb og økonomi;;\n",
        encoding="cp1252",
    )
    ok(cli("import", str(path)))
    detail = json.loads(ok(cli("hypothesis", "show", "H10", "--json")).stdout)
    assert detail["title"] == "Ældrepleje på øerne"
    assert detail["owner"] == "Søren Ærø"
    assert json.loads(ok(cli("hypothesis", "show", "H01", "--json")).stdout)["area"] == (
        "Indkøb og økonomi"
    )


def test_json_import(cli: Any, base: None, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "data.json",
        json.dumps(
            {
                "hypotheses": [
                    {"code": "H01", "potential_2018": 2.5, "bucket": "demografi"},
                    {"code": "H04", "title": "Rehabilitering", "stage": "Besluttet", "note": None},
                ]
            }
        ),
    )
    ok(cli("import", str(path)))
    assert figures(cli, "H01") == {("potential", 2018): 2_500_000}
    status = json.loads(ok(cli("status", "--json")).stdout)
    h = {x["code"]: x for x in status["hypotheses"]}
    assert h["H01"]["bucket"] == "demografi" and h["H04"]["stage"] == "decided"


def test_one_bad_row_among_many_imports_nothing(
    store_cli: Any, store_base: None, tmp_path: Path, store_url: str
) -> None:
    lines = ["code;title;potential_2018;realised_2018"]
    lines += [f"N{i:03d};Hypotese {i};{i},5;0,{i % 10}" for i in range(1, 301)]
    lines[137] = "N137;Hypotese 137;4,5,6;0,1"  # row 138 of the file (header = row 1)
    path = write(tmp_path, "mange.csv", "\n".join(lines) + "\n")
    before = dump_store(store_url)
    status_before = ok(store_cli("status", "--json")).stdout
    result = store_cli("import", str(path), "--accept-large")
    assert result.exit_code == 1
    assert "mange.csv: 1 error, nothing was imported" in result.stderr
    assert "row 138, column potential_2018: '4,5,6' has more than one decimal comma" in (
        result.stderr
    )
    assert "Traceback" not in result.output
    assert dump_store(store_url) == before
    assert ok(store_cli("status", "--json")).stdout == status_before


def test_every_error_is_listed(
    store_cli: Any, store_base: None, tmp_path: Path, store_url: str
) -> None:
    path = write(
        tmp_path,
        "fejl.csv",
        "code;title;stage;bucket;confidence;potential_2019;potentail_2018\n"
        "H01;;dropped;;;;\n"
        "H99;;;;;;\n"
        "H02;;;ingenting;120;;\n"
        "H02;;;;;;\n",
    )
    before = dump_store(store_url)
    result = store_cli("import", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "parat: fejl.csv: 7 errors, nothing was imported"
    assert (
        "  row 1, column potential_2019: 2019 is outside the programme's years 2015–2018 "
        "(widen them with `parat programme set --last-year 2019`, "
        "or leave it out with --skip-column potential_2019)"
    ) in lines
    assert any(line.startswith("  row 1, column potentail_2018: unknown column") for line in lines)
    assert "  row 2, column stage: moving H01 from identified to dropped needs a note " in (
        result.stderr
    )
    assert "  row 3, column code: unknown hypothesis H99 (give a title to add it)" in lines
    assert any(
        line.startswith("  row 4, column bucket: unknown bucket 'ingenting'") for line in lines
    )
    assert any(line.startswith("  row 4, column confidence: '120'") for line in lines)
    assert "  row 5, column code: H02 appears already in row 4" in lines
    assert dump_store(store_url) == before


def test_dry_run_shows_the_diff_and_writes_nothing(
    store_cli: Any, store_base: None, tmp_path: Path, store_url: str
) -> None:
    path = write(
        tmp_path, "plan.csv", "code;title;stage;potential_2018\nH02;;decided;3,5\nH05;Ny;;1\n"
    )
    before = counts(store_url)
    out = ok(store_cli("import", str(path), "--dry-run")).stdout
    assert counts(store_url) == before
    assert "Since last time: before the import → after importing plan.csv" in out
    assert "H02 Digital post: quantified → decided" in out
    # each changed cell exactly, in kroner: the dry run checks the units
    assert "H02 potential 2018: 3.000.000 kr. → 3.500.000 kr. (+500.000 kr.)" in out
    assert "New hypotheses: H05" in out
    danish = ok(store_cli("--lang", "da", "import", str(path), "--dry-run")).stdout
    assert "Siden sidst: før import → efter import af plan.csv" in danish
    assert "H02 Digital post: Kvantificeret → Besluttet" in danish
    assert "nothing was written" in out
    ok(store_cli("import", str(path)))
    assert counts(store_url) != before


def test_format_option_and_unreadable_files(cli: Any, base: None, tmp_path: Path) -> None:
    path = write(tmp_path, "data.txt", '[{"code": "H01", "potential_2018": "1,5"}]')
    ok(cli("import", str(path), "--format", "json"))
    assert figures(cli, "H01") == {("potential", 2018): 1_500_000}
    missing = cli("import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1 and "cannot read" in missing.stderr
    broken = write(tmp_path, "broken.json", "[{")
    result = cli("import", str(broken))
    assert result.exit_code == 1 and "broken.json: not valid JSON" in result.stderr


def _mio(kr: int, comma: bool) -> str:
    text = format(Decimal(kr) / 1_000_000, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_layout(cli: Any, delimiter: str) -> str:
    """The export engineer's CSV layout, written here from ``hypothesis show --json``."""
    import csv
    import io

    years = range(2015, 2019)
    kinds = ("potential", "realised", "investment")
    header = ["code", "title", "area", "owner", "stage", "bucket", "confidence", "description"]
    header += [f"{k}_{y}" for k in kinds for y in years]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for h in json.loads(ok(cli("hypothesis", "list", "--json")).stdout):
        detail = json.loads(ok(cli("hypothesis", "show", h["code"], "--json")).stdout)
        by_year = {row["year"]: row for row in detail["figures"]}
        row = [
            h["code"],
            _cell(h["title"]),
            _cell(h["area"]),
            _cell(h["owner"]),
            h["stage"],
            h["bucket"] or "",
            "" if h["confidence_pct"] is None else str(h["confidence_pct"]),
            _cell(h["description"]),
        ]
        for kind in kinds:
            for year in years:
                kr = by_year.get(year, {}).get(f"{kind}_kr")
                row.append("" if kr is None else _mio(kr, delimiter == ";"))
        writer.writerow(row)
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [";", ","])
def test_round_trip(store_cli: Any, tmp_path: Path, store_url: str, delimiter: str) -> None:
    ok(store_cli("demo", "--no-tui"))
    ok(store_cli("hypothesis", "set", "H01", "--title", "=SUM(A1) (eksempel)", "--owner", "-Jens"))
    ok(
        store_cli(
            "figure", "set", "H03", "2018", "--potential", "1234567 kr", "--investment", "1 kr"
        )
    )
    ok(store_cli("hypothesis", "set", "H05", "--confidence", "35", "--description", 'a;b,"c"\nd'))
    text = export_layout(store_cli, delimiter)
    assert "'=SUM(A1)" in text
    path = write(tmp_path, "eksport.csv", text, encoding="utf-8-sig")
    before = counts(store_url)
    out = ok(store_cli("import", str(path))).stdout
    assert "nothing changed" in out
    assert counts(store_url) == before

    # Edit exactly two cells as in a spreadsheet: exactly those change.
    lines = text.split("\r\n")
    header = lines[0].split(delimiter)
    col = header.index("potential_2018")
    row = next(i for i, line in enumerate(lines) if line.startswith("H04" + delimiter))
    cells = lines[row].split(delimiter)
    cells[col] = "12,25" if delimiter == ";" else "12.25"
    cells[header.index("owner")] = "Ny Ejer"
    lines[row] = delimiter.join(cells)
    path = write(tmp_path, "eksport.csv", "\r\n".join(lines), encoding="utf-8-sig")
    ok(store_cli("import", str(path)))
    new = json.loads(
        ok(store_cli("history", "--since", "2000-01-01", "--json", "--limit", "2")).stdout
    )
    assert sorted((e["subject"], e["field"], e["new"]) for e in new) == [
        ("H04", "owner", "Ny Ejer"),
        ("H04", "potential.2018", "12250000"),
    ]
    assert counts(store_url)[0] == before[0] + 2


def test_stray_empty_columns_of_a_spreadsheet(cli: Any, base: None, tmp_path: Path) -> None:
    path = write(tmp_path, "excel.csv", "code;potential_2018;;\nH01;2,5;;\n;;;\n")
    ok(cli("import", str(path)))
    assert figures(cli, "H01") == {("potential", 2018): 2_500_000}
    path = write(tmp_path, "excel2.csv", "code;potential_2018;;\nH01;3;x;\n")
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "row 2, column (unnamed): 'x' is in a column without a name" in result.stderr
