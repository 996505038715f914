"""A municipality's savings catalogue as Danish Excel saves it (cp1252, ``;``, CRLF):
kroner with thousands points, 1.000 kr., units in headings, bare year headings,
Danish headings and names, reductions written with a minus. Each reads to the
exact krone; each wrong reading is refused with its line, the database untouched."""

from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import no_traceback

SKIP_LATER = ("--skip-column", "2019", "--skip-column", "2020", "--skip-column", "2021")


def excel(tmp_path: Path, *lines: str, name: str = "katalog.csv") -> Path:
    """The bytes Danish Excel writes for "CSV (semikolonsepareret)"."""
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode("cp1252") + b"\r\n")
    return path


def potentials(ok_json: Any, code: str) -> dict[int, int]:
    shown = ok_json("hypothesis", "show", code, "--json")
    return {f["year"]: f["potential_kr"] for f in shown["figures"] if f["potential_kr"] is not None}


def test_kroner_with_thousands_points_and_danish_headings(
    programme: Path, tmp_path: Path, ok: Any, ok_json: Any
) -> None:
    path = excel(
        tmp_path,
        "Nr.;Forslag;Område;Pulje;Fase;2018;2019;2020;2021",
        "S01;Færre vikarer;Børne- og Skoleudvalget;Demografisk udvikling;Besluttet;"
        "1.080.000;1.080.000;1.080.000;1.080.000",
        "S02;Lukning af én daginstitution;Social- og Ældreudvalget;POLITISK;kvalificeret;"
        "300.000;450.000;450.000;450.000",
    )
    ok("import", str(path), "--unit", "kr", *SKIP_LATER)
    assert potentials(ok_json, "S01") == {2018: 1_080_000}
    assert potentials(ok_json, "S02") == {2018: 300_000}
    s02 = ok_json("hypothesis", "show", "S02", "--json")
    assert (s02["title"], s02["area"], s02["bucket"], s02["stage"]) == (
        "Lukning af én daginstitution",
        "Social- og Ældreudvalget",
        "politisk",
        "qualified",
    )
    status = ok_json("status", "--json")
    assert status["totals"]["pipeline_kr"] == 4_500_000 + 1_080_000 + 300_000


def test_thousands_of_kroner_by_option_and_by_heading(
    programme: Path, tmp_path: Path, ok: Any, ok_json: Any
) -> None:
    path = excel(
        tmp_path,
        "Kode;Titel;Potentiale 2018;Realiseret 2018 (kr);Investering 2017 [mio. kr.]",
        "S01;Energi;1.080;250.000;0,5",
        "S02;Porto;1.080,5;1;",
    )
    ok("import", str(path), "--unit", "tkr")
    assert potentials(ok_json, "S01") == {2018: 1_080_000}
    assert potentials(ok_json, "S02") == {2018: 1_080_500}
    figures = {f["year"]: f for f in ok_json("hypothesis", "show", "S01", "--json")["figures"]}
    assert figures[2018]["realised_kr"] == 250_000
    assert figures[2017]["investment_kr"] == 500_000


def test_plain_numbers_as_excel_writes_them_with_unit_kr(
    programme: Path, tmp_path: Path, ok: Any, ok_json: Any
) -> None:
    path = excel(tmp_path, "Nr.;Forslag;potential_2018;2017 (1.000 kr.)", "S01;Porto;300000;29")
    ok("import", str(path), "--unit", "kr")
    assert potentials(ok_json, "S01") == {2017: 29_000, 2018: 300_000}


def test_reductions_written_negative_are_flipped(
    programme: Path, tmp_path: Path, ok: Any, ok_json: Any
) -> None:
    path = excel(
        tmp_path,
        "Nr.;Forslag;2018;Investering 2018",
        "S01;Porto;-250.000;100.000",
        "S02;Energi;(1.500.000);",
    )
    ok("import", str(path), "--unit", "kr", "--reductions-negative")
    assert potentials(ok_json, "S01") == {2018: 250_000}
    assert potentials(ok_json, "S02") == {2018: 1_500_000}
    s01 = ok_json("hypothesis", "show", "S01", "--json")["figures"]
    assert [f["investment_kr"] for f in s01 if f["year"] == 2018] == [100_000]


@pytest.mark.parametrize(
    ("lines", "args", "line"),
    [
        # kroner read as millions: a million times too large
        (
            ("Nr.;Forslag;2018", "S01;Porto;4,5", "S02;Energi;300000"),
            (),
            "row 3, column 2018: 300.000,0 mio. kr. is more than the whole target "
            "(125,0 mio. kr.): kroner? use --unit kr",
        ),
        (
            ("Nr.;Forslag;2018", "S01;Porto;500000"),
            ("--unit", "tkr"),
            "row 2, column 2018: 500,0 mio. kr. is more than the whole target "
            "(125,0 mio. kr.): kroner? use --unit kr",
        ),
        (
            ("Nr.;Forslag;2018 (mio. kr.)", "S01;Porto;300000"),
            ("--unit", "kr"),
            "row 2, column 2018 (mio. kr.): 300.000,0 mio. kr. is more than the whole target "
            "(125,0 mio. kr.): kroner? check the unit in the column's heading",
        ),
        # in mio. kr. a thousands point is ambiguous, and the hint names both readings
        (
            ("Nr.;Forslag;2018", "S01;Porto;300.000"),
            (),
            "row 2, column 2018: '300.000' is ambiguous in mio. kr.: write 300 for "
            "300.000.000 kr. or 300000 for 300.000.000.000 kr. (or give the unit, "
            "e.g. 300.000 kr)",
        ),
        # a reduction written with a minus
        (
            ("Nr.;Forslag;2018", "S01;Porto;-250.000"),
            ("--unit", "kr"),
            "row 2, column 2018: -250.000 kr. is negative, and a gain is positive in Parat: "
            "reductions written with a minus? use --reductions-negative",
        ),
        (
            ("Nr.;Forslag;2018", "S01;Porto;(250.000)"),
            ("--unit", "kr"),
            "row 2, column 2018: -250.000 kr. is negative, and a gain is positive in Parat: "
            "reductions written with a minus? use --reductions-negative",
        ),
        (
            ("Nr.;Forslag;2018", "S01;Porto;250.000"),
            ("--unit", "kr", "--reductions-negative"),
            "row 2, column 2018: '250.000' is an increase (a loss) in a file read with "
            "--reductions-negative: a gain is positive in Parat (--allow-negative records "
            "it as a loss)",
        ),
        (
            ("Nr.;Forslag;Investering 2018", "S01;Porto;-1"),
            ("--unit", "kr", "--reductions-negative"),
            "row 2, column investering 2018: an investment cannot be negative",
        ),
        # a year after the target year
        (
            ("Nr.;Forslag;2018;2019", "S01;Porto;1;1"),
            (),
            "row 1, column 2019: 2019 is outside the programme's years 2015–2018 "
            "(widen them with `parat programme set --last-year 2019`, "
            "or leave it out with --skip-column 2019)",
        ),
        (
            ("Nr.;Forslag;2018 (euro)", "S01;Porto;1"),
            (),
            "row 1, column 2018 (euro): unknown unit 'euro' in the heading "
            "(use kr, tkr, 1.000 kr. or mio. kr.)",
        ),
        (
            ("Nr.;Forslag;Pulje;2018", "S01;Porto;Ældre;1"),
            (),
            "row 2, column pulje: unknown bucket 'Ældre' (known: demografi, driftsbalance, "
            "politisk, or none)",
        ),
    ],
)
def test_each_wrong_reading_is_refused_and_nothing_changes(
    programme: Path, tmp_path: Path, cli: Any, lines: tuple[str, ...], args: tuple[str, ...],
    line: str,
) -> None:  # fmt: skip
    path = excel(tmp_path, *lines)
    before = programme.read_bytes()
    result = cli("import", str(path), *args)
    assert result.exit_code == 1
    no_traceback(result)
    assert result.stderr == (f"parat: {path.name}: 1 error, nothing was imported\n  {line}\n"), (
        result.stderr
    )
    assert programme.read_bytes() == before


def test_accept_large_lets_a_deliberate_figure_in(
    programme: Path, tmp_path: Path, ok: Any, ok_json: Any
) -> None:
    path = excel(tmp_path, "Nr.;Forslag;2018", "S01;Anlægsprogram;130")
    ok("import", str(path), "--accept-large")
    assert potentials(ok_json, "S01") == {2018: 130_000_000}


def test_figure_set_reads_the_unit_and_refuses_a_figure_above_the_target(
    programme: Path, ok: Any, ok_json: Any, refuse: Any
) -> None:
    before = programme.read_bytes()
    result = refuse("figure", "set", "H02", "2018", "--potential", "300000")
    assert result.stderr == (
        "parat: --potential: 300.000,0 mio. kr. is more than the whole target "
        "(125,0 mio. kr.): kroner? use --unit kr\n"
    )
    assert programme.read_bytes() == before
    ok("figure", "set", "H02", "2018", "--potential", "300.000", "--unit", "kr")
    ok("figure", "set", "H03", "2018", "--potential", "1.080", "--unit", "tkr")
    assert potentials(ok_json, "H02") == {2018: 300_000}
    assert potentials(ok_json, "H03") == {2018: 1_080_000}


def test_a_bucket_by_its_danish_name_in_the_cli(programme: Path, ok: Any, ok_json: Any) -> None:
    ok("hypothesis", "set", "H02", "--bucket", "demografisk UDVIKLING")
    assert ok_json("hypothesis", "show", "H02", "--json")["bucket"] == "demografi"
