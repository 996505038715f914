"""The natural order of hypothesis codes."""

from tracker.domain.codes import code_key


def test_digit_runs_compare_as_numbers() -> None:
    codes = ["B10", "B2", "b1", "A10", "B10a", "B9", "C", "A2"]
    assert sorted(codes, key=code_key) == ["A2", "A10", "b1", "B2", "B9", "B10", "B10a", "C"]


def test_leading_zeros_and_case_still_give_one_order() -> None:
    assert sorted(["H010", "H9", "h10", "H10"], key=code_key) == ["H9", "H010", "H10", "h10"]
