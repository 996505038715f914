"""The detail screen's field rules, without a screen."""

from pathlib import Path

import pytest

import tracker
from tui.edits import NO_BUCKET, InvalidEdit, build_edit, field_label, field_values, shown_value
from tui.reload import compare, notice


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


def test_a_fresh_read_shows_other_fields_and_contests_only_the_edited_one() -> None:
    before = {"owner": "Lone Bech", "fig-potential-2017": "8,5", "fig-potential-2018": "11"}
    editing, started = ["fig-potential-2018"], {"fig-potential-2018": "11"}

    others = {**before, "owner": "Kim Holm", "fig-potential-2017": "9"}
    reloaded = compare(before, others, editing, started)
    assert reloaded.changed == ("owner", "fig-potential-2017")
    assert (reloaded.kept, reloaded.contested) == (("fig-potential-2018",), ())
    text, warning = notice("H04", reloaded, others)
    assert not warning
    assert text == (
        "H04 er ændret af en anden: Ansvarlig, 2017 Potentiale er vist. "
        "Din ændring af 2018 Potentiale er bevaret (ikke gemt endnu)."
    )

    same_field = {**others, "fig-potential-2018": "8"}
    reloaded = compare(others, same_field, editing, started)
    assert reloaded.contested == ("fig-potential-2018",)
    text, warning = notice("H04", reloaded, same_field)
    assert warning and "(nu 8,0 mio. kr.)" in text

    # Changed once more by the other, the edit still began at 11: still contested.
    again = {**same_field, "owner": "Anna"}
    assert compare(same_field, again, editing, started).contested == ("fig-potential-2018",)
