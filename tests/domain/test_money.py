"""Money in and out: every input form the README's "Amounts" lists, and the edges
around it."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.money import (
    MAX_ABS_KR,
    MoneyError,
    format_kr,
    format_mio,
    format_mio_number,
    parse_amount,
    parse_unit,
    round_half_up,
)

# -- parsing: accepted ---------------------------------------------------------------

ACCEPTED = [
    # mio. kr. unless a unit says otherwise
    ("4,5", 4_500_000),
    ("4.5", 4_500_000),
    ("0,029", 29_000),
    ("29 tkr", 29_000),
    ("29t", 29_000),
    ("4.500.000 kr", 4_500_000),
    ("4500000 kr", 4_500_000),
    ("-1,2", -1_200_000),
    # more units and spellings
    ("29 t.kr.", 29_000),
    ("29 t. kr.", 29_000),
    ("29 T", 29_000),
    ("29 Tkr.", 29_000),
    ("29tkr", 29_000),
    ("4 500 000 kr", 4_500_000),
    ("4\u00a0500\u00a0000 kr", 4_500_000),
    ("4.500 kr", 4_500),
    ("4.500,00 kr", 4_500),
    ("12,5 mio. kr.", 12_500_000),
    ("12,5 mio kr", 12_500_000),
    ("12,5 mio.", 12_500_000),
    ("5 mio", 5_000_000),
    ("3 m", 3_000_000),
    ("2 mkr", 2_000_000),
    ("4,5 tkr", 4_500),
    # in thousands a point groups thousands, as in kroner
    ("12.345 tkr", 12_345_000),
    ("1.080 t.kr.", 1_080_000),
    # an accountant's minus
    ("(1,5)", -1_500_000),
    ("(250.000 kr)", -250_000),
    # Danish grouping with a decimal comma: 1.234,5 mio. kr.
    ("1.234,5", 1_234_500_000),
    ("1 234,5", 1_234_500_000),
    ("1.234.567 kr", 1_234_567),
    # decimals and signs
    ("0.029", 29_000),
    ("0,5", 500_000),
    ("4.50", 4_500_000),
    ("4.5000", 4_500_000),
    ("0,000001", 1),
    ("+3", 3_000_000),
    ("\u22122", -2_000_000),
    ("- 3", -3_000_000),
    ("-29 tkr", -29_000),
    ("0", 0),
    ("-0", 0),
    ("  4,5  ", 4_500_000),
    # the limit itself
    ("1000000", MAX_ABS_KR),
    ("-1.000.000.000.000 kr", -MAX_ABS_KR),
]


@pytest.mark.parametrize(("text", "kroner"), ACCEPTED)
def test_parse_amount_accepts(text: str, kroner: int) -> None:
    result = parse_amount(text)
    assert result == kroner
    assert type(result) is int


# -- parsing: refused ----------------------------------------------------------------

REFUSED = [
    # not a number
    "abc",
    "4,5,6",
    "1e9",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    # finer than one krone
    "0,0000001",
    "4,5 kr",
    "4,50 kr",
    "0,5 kr",
    "0,0001 tkr",
    "4.5 kr",
    "0.500 kr",
    # 30 decimals: the default Decimal precision would round this to 1 mio. silently
    "1,000000000000000000000000000001",
    # unknown units
    "4 xx",
    "4,5 euro",
    "4 mia",
    "1_000",
    "0x10",
    # bad grouping and separators
    "4..5",
    "4.5.6",
    "1.234.5",
    "12 3",
    "1,",
    "4.",
    ",5",
    ".5",
    "1.23,4",
    "1,2.3",
    "--3",
    "+-3",
    "3-",
    # a single dot before exactly three digits: 4,5 or 4500? refused, not guessed
    "4.500",
    "1.234",
    # too large
    "1000001",
    "99999999999",
    "1.000.000.000.001 kr",
    "-1000001",
    "1" * 70,
    # not digits we read
    "\u0661",
    "٤,٥",
    "four",
]


@pytest.mark.parametrize("text", REFUSED)
def test_parse_amount_refuses_and_names_the_input(text: str) -> None:
    with pytest.raises(MoneyError) as caught:
        parse_amount(text)
    message = str(caught.value)
    assert repr(text) in message
    assert "\n" not in message


@pytest.mark.parametrize("text", ["", "  ", "\t", "\u00a0"])
def test_parse_amount_refuses_blank(text: str) -> None:
    with pytest.raises(MoneyError, match="an amount is required"):
        parse_amount(text)


@pytest.mark.parametrize("value", [None, 4.5, 4, Decimal("4.5"), b"4,5"])
def test_parse_amount_refuses_non_text(value: object) -> None:
    with pytest.raises(MoneyError, match="is not an amount"):
        parse_amount(value)  # type: ignore[arg-type]


def test_money_error_is_a_value_error() -> None:
    assert issubclass(MoneyError, ValueError)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("4 xx", "unknown unit 'xx'"),
        ("4,5,6", "more than one decimal comma"),
        ("4,5 kr", "finer than one krone"),
        ("1000001", "too large"),
        ("4.500", "ambiguous"),
        ("12 3", "grouped in threes"),
    ],
)
def test_parse_amount_says_why(text: str, fragment: str) -> None:
    with pytest.raises(MoneyError, match=fragment):
        parse_amount(text)


# -- formatting ----------------------------------------------------------------------

FORMAT_MIO = [
    (12_500_000, "12,5 mio. kr."),
    (125_000_000, "125,0 mio. kr."),
    (-1_200_000, "-1,2 mio. kr."),
    (0, "0,0 mio. kr."),
    # ROUND_HALF_UP on the first decimal: halves go away from zero
    (12_450_000, "12,5 mio. kr."),
    (12_449_999, "12,4 mio. kr."),
    (12_550_000, "12,6 mio. kr."),  # half-even would give 12,6 too; next row tells apart
    (12_250_000, "12,3 mio. kr."),  # half-even would give 12,2
    (-12_250_000, "-12,3 mio. kr."),
    (50_000, "0,1 mio. kr."),
    # an amount that would round to nothing shows its first digit (never "-0,0")
    (49_999, "0,05 mio. kr."),
    (-49_999, "-0,05 mio. kr."),
    (4_000, "0,004 mio. kr."),
    (1, "0,000001 mio. kr."),
    (-50_000, "-0,1 mio. kr."),
    (1_234_567_890, "1.234,6 mio. kr."),
    (999_950_000, "1.000,0 mio. kr."),
    (MAX_ABS_KR, "1.000.000,0 mio. kr."),
]


@pytest.mark.parametrize(("kr", "text"), FORMAT_MIO)
def test_format_mio(kr: int, text: str) -> None:
    assert format_mio(kr) == text


def test_format_mio_uses_ordinary_spaces() -> None:
    assert "\u00a0" not in format_mio(12_500_000)
    assert "\u00a0" not in format_kr(12_500_000)


@pytest.mark.parametrize(
    ("kr", "decimals", "text"),
    [
        (12_345_678, 0, "12"),
        (12_500_000, 0, "13"),
        (12_345_678, 2, "12,35"),
        (12_345_000, 2, "12,35"),
        (12_344_999, 2, "12,34"),
        (1_000_000_000, 1, "1.000,0"),
    ],
)
def test_format_mio_number_decimals(kr: int, decimals: int, text: str) -> None:
    assert format_mio_number(kr, decimals) == text


@pytest.mark.parametrize(
    ("kr", "text"),
    [
        (4_500_000, "4.500.000 kr."),
        (0, "0 kr."),
        (999, "999 kr."),
        (1_000, "1.000 kr."),
        (-1_200_000, "-1.200.000 kr."),
        (MAX_ABS_KR, "1.000.000.000.000 kr."),
    ],
)
def test_format_kr(kr: int, text: str) -> None:
    assert format_kr(kr) == text


@pytest.mark.parametrize(
    ("value", "kr"),
    [
        (Decimal("0.5"), 1),
        (Decimal("1.5"), 2),
        (Decimal("2.5"), 3),
        (Decimal("-0.5"), -1),
        (Decimal("-2.5"), -3),
        (Decimal("2.4999"), 2),
        (Decimal("-2.4999"), -2),
        (Decimal("250001.25"), 250_001),
    ],
)
def test_round_half_up(value: Decimal, kr: int) -> None:
    assert round_half_up(value) == kr


# -- round trips ---------------------------------------------------------------------

kroner = st.integers(min_value=-MAX_ABS_KR, max_value=MAX_ABS_KR)


@settings(max_examples=200)
@given(kroner)
def test_plain_kroner_round_trip(k: int) -> None:
    assert parse_amount(f"{k} kr") == k


@settings(max_examples=200)
@given(kroner)
def test_format_kr_round_trips(k: int) -> None:
    shown = format_kr(k)
    assert shown.endswith(" kr.")
    assert parse_amount(shown.removesuffix(".")) == k
    assert parse_amount(shown) == k  # "kr." is a unit too


@settings(max_examples=200)
@given(st.integers(min_value=-1_000_000, max_value=1_000_000))
def test_whole_thousands_round_trip_in_tkr(t: int) -> None:
    assert parse_amount(f"{t} tkr") == t * 1_000


@settings(max_examples=200)
@given(st.integers(min_value=-MAX_ABS_KR // 1000, max_value=MAX_ABS_KR // 1000))
def test_format_mio_with_three_decimals_reads_back(t: int) -> None:
    """A whole number of thousands shown with three decimals reads back exactly."""
    k = t * 1000
    assert parse_amount(format_mio_number(k, 3)) == k


# -- the unit in force -----------------------------------------------------------------

IN_UNIT = [
    ("300000", 1, 300_000),
    ("300.000", 1, 300_000),
    ("1.080.000", 1, 1_080_000),
    ("(250.000)", 1, -250_000),
    ("1.080", 1_000, 1_080_000),
    ("1.080,5", 1_000, 1_080_500),
    ("29", 1_000, 29_000),
    ("29.5", 1_000, 29_500),
    ("4,5", 1_000_000, 4_500_000),
    ("2 mio", 1, 2_000_000),  # a unit in the text wins over the one in force
    ("29 tkr", 1, 29_000),
]


@pytest.mark.parametrize(("text", "unit", "kroner"), IN_UNIT)
def test_a_bare_number_is_in_the_unit_in_force(text: str, unit: int, kroner: int) -> None:
    assert parse_amount(text, unit) == kroner


@pytest.mark.parametrize("text", ["1.080,55", "0,5", "(-5)", "(4,5"])
def test_kroner_refuse_what_is_finer_or_malformed(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_amount(text, 1)


def test_the_ambiguity_hint_names_both_readings_in_kroner() -> None:
    with pytest.raises(MoneyError) as caught:
        parse_amount("4.500")
    assert str(caught.value) == (
        "'4.500' is ambiguous in mio. kr.: write 4,5 for 4.500.000 kr. "
        "or 4500 for 4.500.000.000 kr. (or give the unit, e.g. 4.500 kr)"
    )
    # each suggested reading reads back to the amount it promises
    assert parse_amount("4,5") == 4_500_000
    assert parse_amount("4500") == 4_500_000_000
    assert parse_amount("4.500 kr") == 4_500


@pytest.mark.parametrize(
    ("name", "factor"),
    [("kr", 1), ("Kr.", 1), ("tkr", 1_000), ("t.kr.", 1_000), ("1.000 kr.", 1_000),
     ("mio. kr.", 1_000_000), ("mio", 1_000_000)],
)  # fmt: skip
def test_unit_names(name: str, factor: int) -> None:
    assert parse_unit(name) == factor


def test_an_unknown_unit_is_refused() -> None:
    with pytest.raises(MoneyError, match="unknown unit 'euro'"):
        parse_unit("euro")
