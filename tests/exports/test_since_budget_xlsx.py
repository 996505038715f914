"""The spreadsheet's "Siden sidst" lists what the md/html/pdf Siden sidst list about
the budget: changed budget figures, cuts made, changed and withdrawn (uncut), the
validations, and udmøntet among the totals, read back with openpyxl."""

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import tracker
from tests.exports.readback import xlsx_book
from tracker.domain.diff import BudgetChange, CutChange, Diff, ValidationChange
from tracker.exports import render

from .test_since import SINCE, UNTIL, diff

__all__ = ["diff"]

AT = datetime(2018, 3, 1, 10, 0, tzinfo=UTC)


def _rows_after(rows: list[tuple[object, ...]], heading: str) -> list[tuple[object, ...]]:
    """The rows of the section under ``heading`` (after its column header), to the
    next empty row."""
    start = [r[0] for r in rows].index(heading) + 2
    out = []
    for r in rows[start:]:
        if r[0] is None:
            break
        out.append(r)
    return out


def test_xlsx_since_lists_budget_changes_cuts_uncuts_and_validations(
    hard_db: Path, diff: Diff
) -> None:
    budget_diff = replace(
        diff,
        budget_changes=(
            BudgetChange("kd", "Kommunaldirektørens ramme", "original", 2018, 30_000_000,
                         46_600_000, AT, "økonomi"),
            BudgetChange("kd", "Kommunaldirektørens ramme", "actual", 2018, None, 18_660_000,
                         AT, "økonomi"),
        ),
        cut_changes=(
            CutChange("H01", "Rehabilitering", "kd", 2018, None, 2_000_000,
                      "Byrådet 08.10.2015, pkt. 12", AT, "tester"),
            CutChange("H02", "Vikarer", "kd", 2019, 1_500_000, 2_500_000,
                      "=Byrådet 10.10.2016", AT, "tester"),
            CutChange("H03", "Energi", "kd", 2017, 500_000, None, "Byrådet 08.10.2015", AT,
                      "anna"),
        ),
        validations=(
            ValidationChange("H01", "Rehabilitering", 2017, True, 1_800_000, "sag 18/1234",
                             "", AT, "jens", True),
        ),
    )  # fmt: skip
    with tracker.open(str(hard_db), actor="tester", clock=lambda: UNTIL) as p:
        report = p.report(diff=budget_diff)
    assert SINCE < AT < UNTIL
    sheet = xlsx_book(render(report, "xlsx"))["Siden sidst"]
    rows = list(sheet.iter_rows(values_only=True))
    assert _rows_after(rows, "Ændrede budgettal") == [
        ("Kommunaldirektørens ramme (kd)", "Oprindeligt budget", 2018, 30_000_000, 46_600_000,
         16_600_000, "økonomi", None, None),
        ("Kommunaldirektørens ramme (kd)", "Forbrug / regnskab", 2018, None, 18_660_000,
         18_660_000, "økonomi", None, None),
    ]  # fmt: skip
    assert _rows_after(rows, "Ændrede udmøntninger") == [
        ("H01", "Rehabilitering", "kd", 2018, None, 2_000_000, 2_000_000,
         "Byrådet 08.10.2015, pkt. 12", "tester"),
        ("H02", "Vikarer", "kd", 2019, 1_500_000, 2_500_000, 1_000_000,
         "=Byrådet 10.10.2016", "tester"),
        # withdrawn (uncut): nothing now, the change is the whole cut
        ("H03", "Energi", "kd", 2017, 500_000, None, -500_000, "Byrådet 08.10.2015", "anna"),
    ]  # fmt: skip
    decision = next(c for row in sheet.iter_rows() for c in row if c.value == "=Byrådet 10.10.2016")
    assert decision.data_type == "s"  # text, never a formula
    verdicts = _rows_after(rows, "Valideringer")
    assert verdicts[0][:4] == ("H01", "2017", "godkendt", 1_800_000)
    # udmøntet among the totals, between validated and decided
    labels = [r[0] for r in rows[3:10]]
    assert labels.index("Udmøntet") == labels.index("Valideret") + 1
    assert labels.index("Besluttet") == labels.index("Udmøntet") + 1
    budgeted = next(r for r in rows if r[0] == "Udmøntet")
    assert budgeted[1:4] == (
        diff.before.totals.budgeted_kr,
        diff.after.totals.budgeted_kr,
        diff.after.totals.budgeted_kr - diff.before.totals.budgeted_kr,
    )
