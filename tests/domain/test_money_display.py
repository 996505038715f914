"""Amounts shown in mio. kr.: the one rounding rule, changes with their sign, and the
exact form that reads back to the krone."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.money import (
    DECIMAL_MARK,
    GROUP_MARK,
    MAX_ABS_KR,
    format_mio_change,
    format_mio_change_number,
    format_mio_exact,
    format_mio_number,
    parse_amount,
    round_half_up,
)

kroner = st.integers(min_value=-MAX_ABS_KR, max_value=MAX_ABS_KR)


def test_the_marks_are_the_danish_locale_s() -> None:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    assert (get_decimal_symbol("da_DK"), get_group_symbol("da_DK")) == (DECIMAL_MARK, GROUP_MARK)


@given(kroner, st.integers(min_value=0, max_value=8))
def test_millions_are_rounded_by_the_one_rounding_rule(kr: int, decimals: int) -> None:
    text = format_mio_number(kr, decimals)
    units = round_half_up(Decimal(kr).scaleb(decimals - 6))
    assert text.startswith("-") is (units < 0)
    digits = text.lstrip("-").replace(GROUP_MARK, "").replace(DECIMAL_MARK, "")
    assert int(digits) == abs(units)
    assert len(text.partition(DECIMAL_MARK)[2]) == decimals


@pytest.mark.parametrize(
    ("kr", "number", "with_unit"),
    [(1_500_000, "+1,5", "+1,5 mio. kr."), (-300_000, "-0,3", "-0,3 mio. kr."),
     (0, "0,0", "0,0 mio. kr."), (49_999, "0,0", "0,0 mio. kr."), (-49_999, "0,0", "0,0 mio. kr."),
     (50_000, "+0,1", "+0,1 mio. kr."), (1_234_500_000, "+1.234,5", "+1.234,5 mio. kr.")],
)  # fmt: skip
def test_a_change_has_its_sign_unless_it_rounds_to_nothing(
    kr: int, number: str, with_unit: str
) -> None:
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
