"""Moments at the edges of the calendar and in the summer-time hours (issue 17).

Every moment a user gives passes one reader (:mod:`tracker.services.moments`): a
year outside 1900–2200 is refused in one line (it overflowed to a traceback), and a
Copenhagen wall time in the hour the clocks skip or repeat is refused with both
readings as explicit offsets (it was silently moved or silently read as the first).
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

import tracker
from tracker.errors import InvalidInput
from tracker.services.moments import parse_moment

EDGES = ("0001-01-01T00:00", "9999-12-31T23:59-05:00", "9999-12-31", "01.01.0001", "1899-12-31")


@pytest.mark.parametrize("moment", EDGES)
@pytest.mark.parametrize(
    "call",
    [
        ("status", "--as-of", "{m}"),
        ("status", "--json", "--as-of", "{m}"),
        ("history", "--since", "{m}"),
        ("diff", "--since", "{m}"),
        ("diff", "--since", "2018-03-01", "--until", "{m}"),
        ("export", "-f", "json", "--as-of", "{m}"),
        ("export", "-f", "md", "--since", "{m}"),
        ("snapshot", "add", "Kanten", "--at", "{m}"),
        ("import", "missing.csv", "--at", "{m}"),
    ],
)
def test_a_moment_outside_the_years_is_one_line(
    programme: Path,
    refuse,
    call: tuple[str, ...],
    moment: str,
) -> None:
    result = refuse(*(part.format(m=moment) for part in call))
    assert "outside the years 1900–2200" in result.stderr
    assert repr(moment) in result.stderr


@pytest.mark.parametrize("moment", EDGES)
def test_init_at_an_edge_creates_nothing(refuse, db_path: Path, moment: str) -> None:
    assert "outside the years 1900–2200" in refuse("init", "--at", moment).stderr
    assert not db_path.exists()


@pytest.mark.parametrize(
    "when",
    [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, tzinfo=UTC), datetime(2201, 1, 1)],
)
def test_the_api_refuses_the_same_moments(programme: Path, when: datetime) -> None:
    with tracker.open(str(programme), actor="tester") as p:
        with pytest.raises(InvalidInput, match="outside the years 1900–2200"):
            p.status(when)
        with pytest.raises(InvalidInput, match="outside the years 1900–2200"):
            p.history(since=when)
        with pytest.raises(InvalidInput, match="outside the years 1900–2200"):
            p.add_snapshot("Kanten", when)
    with pytest.raises(InvalidInput, match="outside the years 1900–2200"):
        tracker.open(str(programme), actor="tester", at=when).__enter__()


def test_a_fixed_clock_outside_the_years_is_one_line(
    programme: Path,
    refuse,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PARAT_NOW", "0001-01-01T00:00:00Z")
    assert "outside the years 1900–2200" in refuse("status").stderr


@pytest.mark.parametrize(
    ("text", "year"),
    [("1900-01-01T00:00", 1899), ("1900-01-01T01:00", 1900), ("31.12.2200", 2200)],
)
def test_the_years_themselves_are_accepted(text: str, year: int) -> None:
    # 1900-01-01 00:00 in Copenhagen is 23:00 UTC the day before: the bound is the
    # wall time a person typed, not its UTC.
    moment = parse_moment(text)
    assert moment is not None and moment.year == year


# -- summer time -------------------------------------------------------------------
#
# Copenhagen, 2018: the clocks went from 02:00 to 03:00 on 25 March and from 03:00
# back to 02:00 on 28 October. The tests run with the clock at 1 January 2019, so
# both nights lie between the programme's creation and now.

LATER = "2019-01-01T09:00:00+00:00"


@pytest.mark.parametrize(
    ("typed", "readings"),
    [
        ("2018-03-25T02:30", "2018-03-25T02:30+01:00 or 2018-03-25T02:30+02:00"),
        ("25.03.2018 02:30", "2018-03-25T02:30+01:00 or 2018-03-25T02:30+02:00"),
        ("2018-03-25 02:00", "2018-03-25T02:00+01:00 or 2018-03-25T02:00+02:00"),
        ("2018-10-28T02:30", "2018-10-28T02:30+02:00 or 2018-10-28T02:30+01:00"),
        ("28.10.2018 02:30:15", "2018-10-28T02:30:15+02:00 or 2018-10-28T02:30:15+01:00"),
    ],
)
@pytest.mark.parametrize(
    "call",
    [("snapshot", "add", "Natten", "--at"), ("status", "--as-of"), ("history", "--since")],
)
def test_a_wall_time_summer_time_makes_ambiguous_is_refused_with_both_readings(
    programme: Path,
    refuse,
    monkeypatch: pytest.MonkeyPatch,
    call: tuple[str, ...],
    typed: str,
    readings: str,
) -> None:
    monkeypatch.setenv("PARAT_NOW", LATER)
    line = refuse(*call, typed).stderr
    assert readings in line
    assert ("does not exist" if "03-25" in readings else "happens twice") in line


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        ("2018-03-25T02:30+01:00", datetime(2018, 3, 25, 1, 30, tzinfo=UTC)),
        ("2018-03-25T02:30+02:00", datetime(2018, 3, 25, 0, 30, tzinfo=UTC)),
        ("2018-10-28T02:30+02:00", datetime(2018, 10, 28, 0, 30, tzinfo=UTC)),
        ("2018-10-28T02:30+01:00", datetime(2018, 10, 28, 1, 30, tzinfo=UTC)),
        ("2018-10-28T01:30:00Z", datetime(2018, 10, 28, 1, 30, tzinfo=UTC)),
        # the hours around the change are plain
        ("2018-10-28T03:00", datetime(2018, 10, 28, 2, 0, tzinfo=UTC)),
        ("2018-03-25T03:00", datetime(2018, 3, 25, 1, 0, tzinfo=UTC)),
        ("25.03.2018", datetime(2018, 3, 25, 21, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_an_explicit_offset_is_accepted(
    programme: Path,
    ok,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    utc: datetime,
) -> None:
    assert parse_moment(typed) == utc
    monkeypatch.setenv("PARAT_NOW", LATER)
    ok("snapshot", "add", "Natten", "--at", typed)


def test_the_api_refuses_a_naive_ambiguous_moment(programme: Path) -> None:
    with tracker.open(
        str(programme), actor="tester", clock=lambda: datetime(2019, 1, 1, tzinfo=UTC)
    ) as p:
        with pytest.raises(
            InvalidInput, match=r"2018-10-28T02:30\+02:00 or 2018-10-28T02:30\+01:00"
        ):
            p.add_snapshot("Natten", datetime(2018, 10, 28, 2, 30))
        with pytest.raises(InvalidInput, match="does not exist in Copenhagen"):
            p.status(datetime(2018, 3, 25, 2, 30))
