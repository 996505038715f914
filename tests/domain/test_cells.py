"""Reading an import file's cells: amounts, headings, codes, stages, buckets,
confidence, and every problem with its row and column."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.cells import (
    ParsedRow,
    Problem,
    check_columns,
    check_known,
    figure_column,
    parse_cell_amount,
    parse_rows,
)
from tracker.domain.money import MAX_ABS_KR, MoneyError, format_mio_exact, parse_amount
from tracker.domain.stages import Stage

FIGURES = {"potential_2018": ("potential", 2018), "investment_2017": ("investment", 2017)}


def _parse(
    *rows: dict[str, str], buckets: tuple[str, ...] = ("demografi",)
) -> tuple[list[ParsedRow], list[str]]:
    problems: list[Problem] = []
    parsed = parse_rows(enumerate(rows, start=2), FIGURES, buckets, problems)
    return parsed, [str(p) for p in problems]


@pytest.mark.parametrize(
    ("text", "kr"),
    [("4,5", 4_500_000), ("4.5", 4_500_000), ("0,029", 29_000), ("-1,2", -1_200_000),
     ("12", 12_000_000), ("0,000001", 1), ("29 tkr", 29_000), ("4.500.000 kr", 4_500_000),
     ("1000000", 10**12)],
)  # fmt: skip
def test_amount_cells(text: str, kr: int) -> None:
    assert parse_cell_amount(text) == kr


@pytest.mark.parametrize("text", ["abc", "4,5,6", "1e9", "nan", "0,0000001", "1.000", "١٢"])
def test_bad_amount_cells_say_why(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_cell_amount(text)


@given(st.integers(min_value=0, max_value=6), st.sampled_from([",", "."]), st.data())
def test_a_plain_number_in_mio_reads_to_the_krone(
    decimals: int, sep: str, data: st.DataObject
) -> None:
    """What a spreadsheet holds (mio. kr. with up to six decimals) reads exactly as the
    general parser reads it, and that is the amount to the krone."""
    step = 10 ** (6 - decimals)
    kr = step * data.draw(st.integers(-MAX_ABS_KR // step, MAX_ABS_KR // step))
    text = f"{Decimal(kr).scaleb(-6):.{decimals}f}".replace(".", sep)
    try:
        expected: int | type[Exception] = parse_amount(text)
    except MoneyError:
        expected = MoneyError  # "1.000" is ambiguous, to both
    try:
        got: int | type[Exception] = parse_cell_amount(text)
    except MoneyError:
        got = MoneyError
    assert got == expected
    assert got in (kr, MoneyError)


@given(st.integers(min_value=-MAX_ABS_KR, max_value=MAX_ABS_KR), st.sampled_from([",", "."]))
def test_what_the_csv_export_writes_reads_back_to_the_krone(kr: int, sep: str) -> None:
    assert parse_cell_amount(format_mio_exact(kr, sep, grouped=False)) == kr


def test_figure_headings() -> None:
    assert figure_column("potential_2018") == ("potential", 2018)
    assert figure_column("investment_2015") == ("investment", 2015)
    for name in ("potential", "potential_18", "potentail_2018", "title", "realised_２０１８"):
        assert figure_column(name) is None


def test_the_header_is_checked_column_by_column() -> None:
    problems: list[Problem] = []
    columns = ("title", "potential_2018", "potential_2019", "potentail_2018", "title", "")
    found = check_columns(columns, 2015, 2018, problems)
    assert found == {"potential_2018": ("potential", 2018)}
    assert [str(p) for p in problems] == [
        "row 1, column potential_2019: 2019 is outside the programme's years 2015–2018 "
        "(widen them with `parat programme set --last-year 2019`, "
        "or leave it out with --skip-column potential_2019)",
        "row 1, column potentail_2018: unknown column (use code, title, area, owner, stage, "
        "bucket, confidence, benefit_type, description, note, decision, potential_YYYY, "
        "realised_YYYY, investment_YYYY, low_YYYY, high_YYYY, udmøntet_YYYY with ramme)",
        "row 1, column title: the column appears twice",
        "row 1, column code: the column code is missing",
    ]


def test_a_good_row_reads_into_values() -> None:
    parsed, problems = _parse(
        {"code": "h01", "title": " Ældrepleje ", "stage": "Besluttet", "bucket": "Demografi",
         "confidence": "60 %", "potential_2018": "4,5", "investment_2017": "0", "note": "ok"},
    )  # fmt: skip
    assert problems == []
    (row,) = parsed
    assert (row.number, row.code, row.note) == (2, "H01", "ok")
    assert row.attributes == {
        "title": "Ældrepleje",
        "stage": Stage.DECIDED,
        "bucket": "demografi",
        "confidence_pct": 60,
    }
    assert row.figures == {("potential", 2018): 4_500_000, ("investment", 2017): 0}


def test_none_clears_a_bucket_and_a_confidence() -> None:
    parsed, problems = _parse({"code": "H01", "bucket": "ingen", "confidence": "none"})
    assert problems == []
    assert parsed[0].attributes == {"bucket": None, "confidence_pct": None}


def test_every_bad_cell_is_a_problem_with_its_row_and_column() -> None:
    _, problems = _parse(
        {"code": "H01", "potential_2018": "4,5,6", "investment_2017": "-1", "stage": "done",
         "bucket": "x", "confidence": "120", "title": "a\nb"},
        {"title": "no code"},
        {"code": "H 1"},
        {"code": "h01"},
        {"code": "H03", "": "stray"},
    )  # fmt: skip
    assert problems == [
        "row 2, column potential_2018: '4,5,6' has more than one decimal comma",
        "row 2, column investment_2017: an investment cannot be negative",
        "row 2, column stage: unknown stage 'done' (use one of identified, qualified, "
        "quantified, decided, implemented, realised, dropped, or the Danish label)",
        "row 2, column bucket: unknown bucket 'x' (known: demografi, or none)",
        "row 2, column confidence: '120' is not a whole percent from 0 to 100 (or none)",
        "row 2, column title: title must be one line",
        "row 3, column code: the code is missing",
        "row 4, column code: invalid code 'H 1': use letters, digits, '-', '_' or '.' (at most 32)",
        "row 5, column code: H01 appears already in row 2",
        "row 6, column (unnamed): 'stray' is in a column without a name",
    ]


def test_rows_are_checked_against_the_stored_hypotheses() -> None:
    parsed, _ = _parse(
        {"code": "H01", "stage": "dropped"},
        {"code": "H02", "stage": "dropped", "note": "no gain"},
        {"code": "H03", "stage": "qualified"},
        {"code": "H09", "potential_2018": "1"},
        {"code": "H10", "title": "New"},
    )
    problems: list[Problem] = []
    stages = {"H01": Stage.DECIDED, "H02": Stage.DECIDED, "H03": Stage.IDENTIFIED}
    check_known(parsed, stages, problems)
    assert [str(p) for p in problems] == [
        "row 2, column stage: moving H01 from decided to dropped needs a note (a note column)",
        "row 5, column code: unknown hypothesis H09 (give a title to add it)",
    ]
