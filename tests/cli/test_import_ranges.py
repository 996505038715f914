"""Ranges in an import file (``low_YYYY``/``high_YYYY``, ``Minimum 2018``/``Maksimum
2018``), through the real CLI on SQLite and PostgreSQL: recorded like every figure,
checked across the columns of a row and against the figures recorded before, and
kept by the CSV export's round trip into an empty database."""

from pathlib import Path
from typing import Any

from tests.cli.conftest import no_traceback
from tests.cli.test_later_years import as_json, ok
from tests.storeutil import dump_store

MIO = 1_000_000


def _write(tmp_path: Path, *lines: str, name: str = "spaend.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _figures(cli: Any, code: str) -> dict[int, tuple[Any, Any, Any]]:
    shown = as_json(cli("hypothesis", "show", code, "--json"))
    return {f["year"]: (f["low_kr"], f["potential_kr"], f["high_kr"]) for f in shown["figures"]}


def _refused(cli: Any, url: str, path: Path) -> list[str]:
    """The lines of an import refused with one problem: nothing was written."""
    before = dump_store(url)
    result = cli("import", str(path))
    assert result.exit_code == 1, (result.stdout, result.stderr)
    no_traceback(result)
    assert result.stdout == ""
    assert dump_store(url) == before
    lines: list[str] = result.stderr.splitlines()
    assert lines[0] == f"parat: {path.name}: 1 error, nothing was imported", lines
    return lines[1:]


def _programme(cli: Any) -> None:
    ok(cli("init"))
    ok(cli("hypothesis", "add", "H01", "--title", "Indkøb", "--stage", "decided"))
    ok(cli("figure", "set", "H01", "2018", "--potential", "4,5", "--low", "3", "--high", "6"))


def test_range_columns_in_english_and_danish_are_recorded(store_cli: Any, tmp_path: Path) -> None:
    ok(store_cli("init"))
    english = _write(
        tmp_path,
        "code;title;potential_2018;low_2018;high_2018;potential_2017;low_2017",
        "H01;Indkøb;4,5;3;6;1;0",
        "H02;Energi;2;;2,5;;",
    )
    ok(store_cli("import", str(english)))
    assert _figures(store_cli, "H01") == {
        2017: (0, MIO, None),  # a minimum of 0 is a value: the gain may come to nothing
        2018: (3 * MIO, 4_500_000, 6 * MIO),
    }
    assert _figures(store_cli, "H02") == {2018: (None, 2 * MIO, 2_500_000)}
    danish = _write(
        tmp_path,
        "Nr.;Potentiale 2018;Minimum 2018;Maksimum 2018 (tkr)",
        "H02;2,2;1,5;3.000",
        name="katalog.csv",
    )
    ok(store_cli("import", str(danish)))
    assert _figures(store_cli, "H02") == {2018: (1_500_000, 2_200_000, 3 * MIO)}
    events = as_json(store_cli("hypothesis", "show", "H02", "--json"))["events"]
    assert {e["source"] for e in events if e["field"] == "low.2018"} == {"import:katalog.csv"}


def test_a_range_out_of_order_within_the_row_is_refused(
    store_cli: Any, store_url: str, tmp_path: Path
) -> None:
    _programme(store_cli)
    path = _write(tmp_path, "code;potential_2018;low_2018", "H01;4;5")
    assert _refused(store_cli, store_url, path) == [
        "  row 2, column low_2018: H01 2018: the low figure 5,0 mio. kr. is above the "
        "potential 4,0 mio. kr."
    ]


def test_a_new_potential_outside_the_recorded_range_is_refused(
    store_cli: Any, store_url: str, tmp_path: Path
) -> None:
    _programme(store_cli)
    path = _write(tmp_path, "code;potential_2018", "H01;7")
    assert _refused(store_cli, store_url, path) == [
        "  row 2, column potential_2018: H01 2018: the high figure 6,0 mio. kr. is below "
        "the potential 7,0 mio. kr."
    ]
    # a potential of 0 over a recorded one is a change, and below the recorded minimum
    path = _write(tmp_path, "code;potential_2018", "H01;0")
    assert _refused(store_cli, store_url, path) == [
        "  row 2, column potential_2018: H01 2018: the low figure 3,0 mio. kr. is above "
        "the potential 0,0 mio. kr."
    ]
    # a new range side against the recorded potential
    path = _write(tmp_path, "code;Minimum 2018", "H01;4,6")
    assert _refused(store_cli, store_url, path) == [
        "  row 2, column minimum 2018: H01 2018: the low figure 4,6 mio. kr. is above the "
        "potential 4,5 mio. kr."
    ]
    # both moved together, in order: accepted
    ok(store_cli("import", str(_write(tmp_path, "code;potential_2018;high_2018", "H01;7;8"))))
    assert _figures(store_cli, "H01")[2018] == (3 * MIO, 7 * MIO, 8 * MIO)


def test_a_range_without_a_potential_is_refused(
    store_cli: Any, store_url: str, tmp_path: Path
) -> None:
    _programme(store_cli)
    path = _write(tmp_path, "code;title;potential_2018;high_2017", "H01;;;", "H02;Ny;1;2")
    assert _refused(store_cli, store_url, path) == [
        "  row 3, column high_2017: H02 2017: a range needs a potential for the same year "
        "(a column potential_2017, or one recorded already)"
    ]
    # a 0 potential where none is recorded records nothing: still no potential
    path = _write(tmp_path, "code;potential_2017;low_2017", "H01;0;0")
    assert _refused(store_cli, store_url, path) == [
        "  row 2, column low_2017: H01 2017: a range needs a potential for the same year "
        "(a column potential_2017, or one recorded already)"
    ]


def test_the_csv_export_keeps_ranges_into_an_empty_database(cli: Any, tmp_path: Path) -> None:
    source, target = tmp_path / "kilde.db", tmp_path / "ny.db"
    ok(cli("init", db=source))
    ok(cli("hypothesis", "add", "H01", "--title", "Indkøb", "--stage", "decided", db=source))
    ok(cli("hypothesis", "add", "H02", "--title", "Porto", db=source))
    ok(cli("figure", "set", "H01", "2018", "--potential", "4,5", "--low", "0", "--high",
           "6,000001", db=source))  # fmt: skip
    ok(cli("figure", "set", "H01", "2017", "--potential", "1", "--high", "1,5", db=source))
    ok(cli("figure", "set", "H02", "2018", "--potential", "2", db=source))
    data = ok(cli("export", "--format", "csv", db=source)).stdout_bytes
    header = data.decode("utf-8-sig").splitlines()[0].split(";")
    assert header[-5:] == [
        f"{k}_2018" for k in ("potential", "realised", "investment", "low", "high")
    ]
    path = tmp_path / "eksport.csv"
    path.write_bytes(data)
    ok(cli("init", db=target))
    ok(cli("import", str(path), db=target))
    for code in ("H01", "H02"):
        shown = [
            as_json(cli("hypothesis", "show", code, "--json", db=db))["figures"]
            for db in (source, target)
        ]
        assert shown[0] == shown[1]
    assert _figures(lambda *a: cli(*a, db=target), "H01") == {
        2017: (None, MIO, 1_500_000),
        2018: (0, 4_500_000, 6_000_001),
    }
