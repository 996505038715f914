"""The rules on values and changes that every surface shares."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.rules import (
    RuleError,
    check_figure_amount,
    figure_changed,
    is_whole_percent,
    normal_code,
    normal_text,
    parse_confidence,
)

amounts = st.integers(min_value=-(10**12), max_value=10**12)


def test_a_figure_changes_when_its_amount_differs_and_a_first_zero_is_no_change() -> None:
    assert [
        figure_changed(None, 0),
        figure_changed(None, 1),
        figure_changed(None, -1),
        figure_changed(0, 0),
        figure_changed(5, 5),
        figure_changed(5, 0),
        figure_changed(0, 5),
    ] == [False, True, True, False, False, True, True]


def test_a_first_zero_of_a_range_is_a_value() -> None:
    """A minimum of 0 says the gain may come to nothing; no record says the range is
    the potential itself."""
    assert [figure_changed(None, 0, kind) for kind in ("low", "high", "realised")] == [
        True,
        True,
        False,
    ]
    assert figure_changed(0, 0, "low") is False


@given(amounts, amounts)
def test_a_figure_changed_exactly_when_the_amounts_differ(old: int, new: int) -> None:
    assert figure_changed(old, new) is (old != new)


def test_an_investment_is_never_negative_other_kinds_may_be() -> None:
    assert check_figure_amount("investment", 0) == 0
    assert check_figure_amount("potential", -1_200_000) == -1_200_000
    assert check_figure_amount("realised", -1) == -1
    with pytest.raises(RuleError, match="an investment cannot be negative") as caught:
        check_figure_amount("investment", -1)
    assert caught.value.danish == "En investering kan ikke være negativ."


def test_a_whole_percent_is_an_int_from_0_to_100() -> None:
    assert [is_whole_percent(v) for v in (0, 100, 50)] == [True, True, True]
    assert [is_whole_percent(v) for v in (-1, 101, True, 50.0, "50", None)] == [False] * 6


@pytest.mark.parametrize(
    ("text", "pct"),
    [("75", 75), ("75 %", 75), ("75%", 75), (" 0 ", 0), ("100", 100), ("", None),
     ("none", None), ("Ingen", None), ("%", None)],
)  # fmt: skip
def test_confidence_text(text: str, pct: int | None) -> None:
    assert parse_confidence(text) == pct


@pytest.mark.parametrize("text", ["101", "-5", "8.5", "8,5", "abc", "٣", "1 00"])
def test_confidence_outside_the_range_or_not_whole_is_refused(text: str) -> None:
    with pytest.raises(RuleError, match="is not a whole percent from 0 to 100") as caught:
        parse_confidence(text)
    assert caught.value.danish == "Sikkerhed: et helt tal fra 0 til 100, eller tomt"


@given(st.integers(min_value=-1000, max_value=1000))
def test_confidence_accepts_what_is_a_whole_percent(n: int) -> None:
    if is_whole_percent(n):
        assert parse_confidence(f"{n} %") == n
    else:
        with pytest.raises(RuleError):
            parse_confidence(str(n))


def test_codes_are_upper_cased_and_checked() -> None:
    assert normal_code(" h01 ") == "H01"
    assert normal_code("a.b-c_1") == "A.B-C_1"
    for bad in ("", "-H1", "H 1", "H" * 33, "Hæ"):
        with pytest.raises(RuleError, match="invalid code"):
            normal_code(bad)


def test_texts_are_stripped_and_short_ones_are_one_line() -> None:
    assert normal_text("  Digital post ", "title") == "Digital post"
    assert normal_text("a\nb", "description", max_len=10_000) == "a\nb"
    with pytest.raises(RuleError, match="title must be one line") as caught:
        normal_text("a\nb", "title")
    assert caught.value.danish == "Titel skal stå på én linje."
    with pytest.raises(RuleError, match="title must not be empty"):
        normal_text(" ", "title", required=True)
    with pytest.raises(RuleError, match="note is longer than 5 characters"):
        normal_text("123456", "note", max_len=5)
    with pytest.raises(RuleError, match="contains control characters"):
        normal_text("a\x00b", "owner")
