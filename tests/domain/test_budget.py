"""The budget follow-up arithmetic, by hand: korrigeret, afvigelse, the totals as the
sums of the lines, a figure not given, the grouping, and the decimals that show every
amount exactly."""

from tracker.domain.budget import (
    BudgetAmounts,
    RammeFacts,
    budget_line,
    exact_decimals,
    follow_up,
    line_totals,
)
from tracker.domain.budget_cells import parse_budget_rows, read_budget_header
from tracker.domain.cells import Problem
from tracker.domain.money import Display

KD = RammeFacts("kd", "Kommunaldirektøren", "Økonomiudvalget")


def test_a_line_derives_corrected_and_both_deviations() -> None:
    line = budget_line(
        KD,
        {"original": 30_000_000, "supplementary": -29_700_000, "carried": 500_000,
         "actual": 4_400_000},
        cuts_kr=2_000_000,
    )  # fmt: skip
    assert line.corrected_kr == 800_000  # 30 − 29,7 + 0,5
    assert line.deviation_kr == 3_600_000  # merforbrug to korrigeret
    assert line.deviation_original_kr == -25_600_000  # mindreforbrug to oprindeligt
    assert (line.forecast_kr, line.cuts_kr, line.outcome_kind) == (None, 2_000_000, "actual")


def test_forecast_stands_in_for_a_missing_actual() -> None:
    line = budget_line(KD, {"original": 10_000_000, "forecast": 10_500_000})
    assert (line.corrected_kr, line.deviation_kr, line.deviation_original_kr) == (
        10_000_000,
        500_000,
        500_000,
    )
    assert line.outcome_kind == "forecast"
    with_actual = budget_line(KD, {"original": 10_000_000, "forecast": 1, "actual": 9_000_000})
    assert with_actual.deviation_kr == -1_000_000  # actual wins over the forecast


def test_a_figure_not_given_is_none_in_the_line_and_zero_in_the_totals() -> None:
    bare = budget_line(KD, {})
    assert (bare.original_kr, bare.corrected_kr, bare.deviation_kr) == (None, None, None)
    budget_only = budget_line(RammeFacts("b", "B"), {"original": 5_000_000})
    assert (budget_only.deviation_kr, budget_only.deviation_original_kr) == (None, None)
    assert line_totals([bare, budget_only]) == BudgetAmounts(
        original_kr=5_000_000, corrected_kr=5_000_000
    )


#: The source document's 2014 follow-up of Direktion og Sekretariater, in kroner: six
#: rammer whose deviations to the original budget are the printed −25,6; +0,2; +0,4;
#: −3,1; +0,029; +0,1 mio. kr.
RAMMER_2014 = {
    "kd": ("Kommunaldirektøren", 30_000_000, -29_700_000, 500_000, 4_400_000),
    "udv": ("Udviklingssekretariatet", 3_000_000, 200_000, None, 3_200_000),
    "sdir": ("SDIR – Sekretariatet og ledere", 5_000_000, 600_000, None, 5_400_000),
    "dig": ("Digitalisering og effektiviseringsteam", 3_100_000, -3_100_000, None, 0),
    "tdir": ("TDIR Centerchefer med videre", 2_000_000, 229_000, None, 2_029_000),
    "cbs": ("Direktør for CBS, JOB med videre", 3_531_000, 200_000, None, 3_631_000),
}


def test_the_2014_worked_case_totals_are_the_sums_of_the_lines() -> None:
    rammer = [RammeFacts(k, v[0], "Økonomiudvalget") for k, v in RAMMER_2014.items()]
    figures = {
        k: {"original": o, "supplementary": s, "carried": c, "actual": a}
        for k, (_, o, s, c, a) in RAMMER_2014.items()
    }
    f = follow_up(2014, rammer, figures)
    deviations = {line.key: line.deviation_original_kr for line in f.lines}
    assert deviations == {
        "kd": -25_600_000, "udv": 200_000, "sdir": 400_000, "dig": -3_100_000,
        "tdir": 29_000, "cbs": 100_000,
    }  # fmt: skip
    t = f.totals
    assert t.deviation_original_kr == -27_971_000 == sum(deviations.values())
    assert (t.original_kr, t.actual_kr, t.corrected_kr) == (46_631_000, 18_660_000, 15_560_000)
    assert t.deviation_kr == 3_100_000  # merforbrug to korrigeret, as the text says
    # The printed figures are rounded: 46,6 − 18,7 is 27,9, the text says 27,8; the
    # lines add up to 27,971.
    assert round(t.original_kr / 1e6, 1) == 46.6 and round(t.actual_kr / 1e6, 1) == 18.7
    assert -t.deviation_original_kr not in (27_900_000, 27_800_000)


def test_rammer_group_inside_the_serviceramme_first_then_by_udvalg() -> None:
    rammer = [
        RammeFacts("z", "Z", "Økonomiudvalget"),
        RammeFacts("a", "A", "Teknik"),
        RammeFacts("b", "B", ""),
        RammeFacts("x", "X", "Social", serviceramme=False),
    ]
    figures = {
        "z": {"original": 1},
        "a": {"original": 2},
        "b": {"original": 4},
        "x": {"original": 8, "forecast": 9},
    }
    f = follow_up(2018, rammer, figures, {"a": 5})
    assert [line.key for line in f.lines] == ["a", "z", "b", "x"]
    inside, outside = f.sections
    assert [g.udvalg for g in inside.groups] == ["Teknik", "Økonomiudvalget", ""]
    assert inside.totals.original_kr == 7 and inside.totals.cuts_kr == 5
    assert (outside.serviceramme, outside.totals.deviation_kr) == (False, 1)
    assert f.totals.original_kr == 15 == inside.totals.original_kr + outside.totals.original_kr


def test_decimals_show_every_amount_exactly() -> None:
    mio = Display("mio", 1)
    assert exact_decimals(mio, [46_600_000, None, -3_100_000]) == 1
    assert exact_decimals(mio, [29_000, 46_631_000]) == 3
    assert exact_decimals(mio, [1]) == 3  # never more than 3: a krone is rounded then
    assert exact_decimals(Display("tkr", 0), [29_500]) == 1
    assert exact_decimals(Display("kr", 0), [1]) == 0


def test_an_extract_reads_danish_headings_units_and_signs() -> None:
    problems: list[Problem] = []
    headings = ["Ramme", "År", "Oprindeligt budget", "Tillægsbevillinger og omplaceringer (net)",
                "Overførsler", "Forbrug (1.000 kr.)", "Forventet regnskab"]  # fmt: skip
    # as the table reader hands them over: lower-cased
    header = read_budget_header([h.lower() for h in headings], problems)
    assert problems == []
    rows = parse_budget_rows(
        [(2, {"ramme": "KD", "år": "2014", "oprindeligt budget": "46,6",
              "tillægsbevillinger og omplaceringer (net)": "-31,571",
              "forbrug (1.000 kr.)": "18660"})],
        header,
        problems,
    )  # fmt: skip
    assert problems == []
    assert (rows[0].ramme, rows[0].year) == ("kd", 2014)
    assert rows[0].amounts == {
        "original": 46_600_000,
        "supplementary": -31_571_000,
        "actual": 18_660_000,
    }


def test_an_extract_lists_every_problem_with_row_and_column() -> None:
    problems: list[Problem] = []
    header = read_budget_header(["ramme", "forbrug", "forbrug", "navn"], problems)
    rows = parse_budget_rows(
        [(2, {"ramme": "kd", "forbrug": "abc"}), (3, {"forbrug": "1"})], header, problems
    )
    assert rows == []
    assert [str(p) for p in problems] == [
        "row 1, column forbrug: same as column forbrug",
        "row 1, column navn: unknown column (use ramme, year, original, supplementary, "
        "carried, actual, forecast, note, or their Danish headings: Oprindeligt budget, "
        "Tillæg…, Overførsler, Forbrug/Regnskab, Forventet regnskab)",
        "row 1, column year: the column year is missing",
        "row 2, column year: the year is missing",
        "row 3, column ramme: the ramme is missing",
    ]
