"""The detail screen's field rules, without a screen."""

from pathlib import Path

import pytest

import tracker
from tui.edits import NO_BUCKET, InvalidEdit, build_edit, field_label, field_values, shown_value


def test_money_is_parsed_danish_and_bad_money_never_reaches_the_services() -> None:
    edit = build_edit("H04", "fig-potential-2018", "4,5")
    assert (edit.label, edit.shown) == ("2018 Potentiale", "4,5 mio. kr.")
    for bad in ("abc", "4,5,6", "1e9", "nan", "", "0,0000001", "4 mia"):
        with pytest.raises(InvalidEdit, match="2018 Potentiale") as caught:
            build_edit("H04", "fig-potential-2018", bad)
        assert "Skriv fx 4,5" in str(caught.value)
    with pytest.raises(InvalidEdit, match="'4,5,6' har mere end ét decimalkomma"):
        build_edit("H04", "fig-potential-2018", "4,5,6")


def test_confidence_is_a_whole_percent_or_empty() -> None:
    assert build_edit("H04", "confidence", "80 %").shown == "80 %"
    assert build_edit("H04", "confidence", "").shown == "fasens vægt"
    for bad in ("101", "-5", "8.5"):
        with pytest.raises(InvalidEdit):
            build_edit("H04", "confidence", bad)


def test_an_edit_stores_through_the_services_with_the_expected_version(demo_db: Path) -> None:
    with tracker.open(str(demo_db), actor="tester", source="tui") as parat:
        before = parat.hypothesis("H04")
        view, changed = build_edit("H04", "fig-potential-2018", "4,5").call(
            parat, before.hypothesis.version
        )
        after = parat.hypothesis("H04", events=1)
    assert changed == 1 and view.version == before.hypothesis.version + 1
    assert after.figures[2018]["potential"] == 4_500_000
    assert (after.events[0].source, after.events[0].field) == ("tui", "potential.2018")
    values = field_values(after, range(2015, 2019))
    assert values["fig-potential-2018"] == "4,5"
    assert shown_value("fig-potential-2018", values["fig-potential-2018"]) == "4,5 mio. kr."
    assert shown_value("bucket", NO_BUCKET) == "(ingen pulje)"
    assert field_label("fig-investment-2016") == "2016 Investering"
