"""Amounts shown to people: the one rounding rule, changes with their sign, a display
unit and decimals that never hide a change, and the exact form that reads back to the
krone."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.money import (
    DECIMAL_MARK,
    DEFAULT_DISPLAY,
    DISPLAY_UNITS,
    GROUP_MARK,
    MAX_ABS_KR,
    Display,
    MoneyError,
    format_mio_change,
    format_mio_change_number,
    format_mio_exact,
    format_mio_number,
    parse_amount,
    parse_display,
    round_half_up,
)

kroner = st.integers(min_value=-MAX_ABS_KR, max_value=MAX_ABS_KR)


def test_the_marks_are_the_danish_locale_s() -> None:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    assert (get_decimal_symbol("da_DK"), get_group_symbol("da_DK")) == (DECIMAL_MARK, GROUP_MARK)


@given(kroner, st.integers(min_value=0, max_value=8))
def test_millions_are_rounded_by_the_one_rounding_rule(kr: int, decimals: int) -> None:
    text = format_mio_number(kr, decimals)
    # a non-zero amount gets the decimals it needs not to round to nothing
    while decimals < 6 and kr and not round_half_up(Decimal(kr).scaleb(decimals - 6)):
        decimals += 1
    units = round_half_up(Decimal(kr).scaleb(decimals - 6))
    assert text.startswith("-") is (units < 0)
    digits = text.lstrip("-").replace(GROUP_MARK, "").replace(DECIMAL_MARK, "")
    assert int(digits) == abs(units)
    assert len(text.partition(DECIMAL_MARK)[2]) == decimals
    assert (units == 0) is (kr == 0)


@given(kroner, st.sampled_from(sorted(DISPLAY_UNITS)), st.integers(min_value=0, max_value=3))
def test_no_display_shows_a_non_zero_amount_as_nothing(kr: int, unit: str, decimals: int) -> None:
    shown = Display(unit, decimals)
    zero = shown.number(0)
    assert (shown.number(kr) == zero) is (kr == 0)
    assert (shown.change_number(kr) == zero) is (kr == 0)


@given(kroner, kroner, st.sampled_from(sorted(DISPLAY_UNITS)), st.integers(0, 3))
def test_different_amounts_are_told_apart(old: int, new: int, unit: str, decimals: int) -> None:
    shown = Display(unit, decimals)
    apart = shown.change_decimals(old, new)
    assert (shown.number(old, apart) == shown.number(new, apart)) is (old == new)
    assert (shown.change_number(new - old, apart) == shown.number(0, apart)) is (old == new)


@pytest.mark.parametrize(
    ("unit", "decimals", "kr", "text"),
    [("mio", 1, 174_000, "0,2 mio. kr."), ("mio", 3, 174_000, "0,174 mio. kr."),
     ("tkr", 0, 174_000, "174 t.kr."), ("tkr", 1, 1_080_550, "1.080,6 t.kr."),
     ("tkr", 0, 400, "0,4 t.kr."), ("kr", 3, 174_000, "174.000 kr."),
     ("kr", 0, -1_250_000, "-1.250.000 kr."), ("mio", 0, 12_500_000, "13 mio. kr."),
     ("mio", 2, 9_549_000, "9,55 mio. kr.")],
)  # fmt: skip
def test_a_display_unit_and_its_decimals(unit: str, decimals: int, kr: int, text: str) -> None:
    assert parse_display(unit, decimals).amount(kr) == text


def test_the_change_that_one_decimal_hid() -> None:
    # "Vægtet 9,5 → 9,6, Ændring 0,0": before, after and change get the decimals
    # that show the change.
    old, new = 9_549_000, 9_551_000
    d = DEFAULT_DISPLAY.change_decimals(old, new)
    shown = [DEFAULT_DISPLAY.number(old, d), DEFAULT_DISPLAY.number(new, d)]
    assert (*shown, DEFAULT_DISPLAY.change_number(new - old, d)) == ("9,549", "9,551", "+0,002")
    assert DEFAULT_DISPLAY.change_decimals(9_000_000, 9_500_000) == 1


@pytest.mark.parametrize(("unit", "decimals"), [("usd", 1), ("mio", 4), ("mio", -1), ("kr", 9)])
def test_a_display_outside_the_choices_is_refused(unit: str, decimals: int) -> None:
    with pytest.raises(MoneyError):
        parse_display(unit, decimals)


@pytest.mark.parametrize(
    ("kr", "number", "with_unit"),
    [(1_500_000, "+1,5", "+1,5 mio. kr."), (-300_000, "-0,3", "-0,3 mio. kr."),
     (0, "0,0", "0,0 mio. kr."), (49_999, "+0,05", "+0,05 mio. kr."),
     (-49_999, "-0,05", "-0,05 mio. kr."), (2_000, "+0,002", "+0,002 mio. kr."),
     (50_000, "+0,1", "+0,1 mio. kr."), (1_234_500_000, "+1.234,5", "+1.234,5 mio. kr.")],
)  # fmt: skip
def test_a_change_has_its_sign_unless_it_is_nothing(kr: int, number: str, with_unit: str) -> None:
    assert format_mio_change_number(kr) == number
    assert format_mio_change(kr) == with_unit


@pytest.mark.parametrize(
    ("kr", "grouped", "plain_comma", "plain_point"),
    [(4_567_000, "4,567", "4,567", "4.5670"), (1, "0,000001", "0,000001", "0.000001"),
     (12_000_000, "12", "12", "12"), (-1_200_000, "-1,2", "-1,2", "-1.2"), (0, "0", "0", "0"),
     (1_234_500_000, "1.234,5", "1234,5", "1234.5"), (3_125_000_000, "3.125,0", "3125", "3125"),
     (-3_125_000_000, "-3.125,0", "-3125", "-3125"),
     (1_000_000_000_000, "1.000.000", "1000000", "1000000")],
)  # fmt: skip
def test_the_exact_form(kr: int, grouped: str, plain_comma: str, plain_point: str) -> None:
    assert format_mio_exact(kr) == grouped
    assert format_mio_exact(kr, ",", grouped=False) == plain_comma
    assert format_mio_exact(kr, ".", grouped=False) == plain_point


@given(kroner)
def test_the_exact_form_reads_back_to_the_krone(kr: int) -> None:
    assert parse_amount(format_mio_exact(kr)) == kr
    assert parse_amount(format_mio_exact(kr, ",", grouped=False)) == kr
    assert parse_amount(format_mio_exact(kr, ".", grouped=False)) == kr
