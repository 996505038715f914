"""`parat hypothesis add|set|drop|list|show`, optimistic locking and stage rules."""

from pathlib import Path

import pytest

HYPOTHESIS_KEYS = {
    "code",
    "title",
    "area",
    "owner",
    "description",
    "stage",
    "bucket",
    "confidence_pct",
    "benefit_type",
    "version",
    "created_at",
    "updated_at",
}


def test_add_with_every_option(ok, ok_json, db_path: Path) -> None:
    ok("init")
    result = ok(
        "hypothesis", "add", "h07",
        "--title", "Rehabilitering før hjemmehjælp",
        "--area", "Ældre og sundhed",
        "--owner", "Lone Bech",
        "--stage", "Kvantificeret",
        "--bucket", "demografi",
        "--confidence", "40%",
        "--description", "Hverdagsrehabilitering",
        "--note", "Fra workshop",
    )  # fmt: skip
    assert result.stdout.strip() == (
        "Added H07 'Rehabilitering før hjemmehjælp' (Kvantificeret), version 1."
    )
    h = ok_json("hypothesis", "show", "H07", "--json")
    assert set(h) == HYPOTHESIS_KEYS | {"figures", "events"}
    assert {k: h[k] for k in HYPOTHESIS_KEYS} == {
        "code": "H07",
        "title": "Rehabilitering før hjemmehjælp",
        "area": "Ældre og sundhed",
        "owner": "Lone Bech",
        "description": "Hverdagsrehabilitering",
        "stage": "quantified",
        "bucket": "demografi",
        "confidence_pct": 40,
        "benefit_type": "kontant",
        "version": 1,
        "created_at": "2018-03-12T09:00:00Z",
        "updated_at": "2018-03-12T09:00:00Z",
    }
    assert h["figures"] == []
    [event] = h["events"]
    assert (event["action"], event["actor"], event["source"], event["note"]) == (
        "hypothesis.add",
        "tester",
        "cli",
        "Fra workshop",
    )


def test_add_defaults(ok, ok_json) -> None:
    ok("init")
    ok("hypothesis", "add", "H01", "--title", "Kort")
    h = ok_json("hypothesis", "show", "h01", "--json")
    assert (h["stage"], h["bucket"], h["confidence_pct"], h["owner"], h["area"]) == (
        "identified",
        None,
        None,
        "",
        "",
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["H01", "--title", "igen"], "hypothesis H01 exists already"),
        (["h01", "--title", "igen"], "hypothesis H01 exists already"),
        (["H09", "--title", "x", "--stage", "nope"], "unknown stage 'nope'"),
        (["H09", "--title", "x", "--bucket", "nope"], "unknown bucket 'nope'"),
        (["H09", "--title", "   "], "title must not be empty"),
        (["H09", "--title", "x", "--confidence", "101"], "confidence must be a whole percent"),
        (["H09", "--title", "x", "--confidence", "høj"], "--confidence 'høj'"),
        (["bad code!", "--title", "x"], "invalid code 'bad code!'"),
        (["H09", "--title", "x" * 201], "title is longer than 200 characters"),
        (["H09", "--title", "a\x07b"], "title contains control characters"),
    ],
)
def test_add_refused(programme, refuse, args: list[str], fragment: str) -> None:
    result = refuse("hypothesis", "add", *args)
    assert fragment in result.stderr


def test_set_fields_bumps_version_and_writes_events(programme, ok, ok_json) -> None:
    result = ok("hypothesis", "set", "H02", "--title", "Færre vikarer i skolen", "--owner", "Cai",
                "--area", "Børn", "--description", "Mere", "--bucket", "politisk",
                "--confidence", "35", "--note", "Møde", "--expect-version", "1")  # fmt: skip
    assert result.stdout.strip() == "Updated H02: 6 change(s), now version 2."
    h = ok_json("hypothesis", "show", "H02", "--json")
    assert (h["title"], h["owner"], h["area"], h["bucket"], h["confidence_pct"], h["version"]) == (
        "Færre vikarer i skolen",
        "Cai",
        "Børn",
        "politisk",
        35,
        2,
    )
    changes = {
        e["field"]: (e["old"], e["new"], e["note"])
        for e in h["events"]
        if e["action"] == "hypothesis.set"
    }
    assert changes == {
        "title": ("Færre vikarer", "Færre vikarer i skolen", "Møde"),
        "owner": ("Bo", "Cai", "Møde"),
        "area": ("Skole", "Børn", "Møde"),
        "description": ("", "Mere", "Møde"),
        "bucket": (None, "politisk", "Møde"),
        "confidence_pct": (None, "35", "Møde"),
    }
    # clear the earmark and the override again
    ok("hypothesis", "set", "H02", "--bucket", "none", "--confidence", "none")
    h = ok_json("hypothesis", "show", "H02", "--json")
    assert (h["bucket"], h["confidence_pct"], h["version"]) == (None, None, 3)


def test_set_same_values_changes_nothing(programme, ok, ok_json) -> None:
    result = ok("hypothesis", "set", "H02", "--owner", "Bo")
    assert result.stdout.strip() == "H02 already had these values; nothing changed (version 1)."
    assert ok_json("hypothesis", "show", "H02", "--json")["version"] == 1


def test_stage_forward_needs_no_note_backward_does(programme, ok, refuse, ok_json) -> None:
    ok("hypothesis", "set", "H02", "--stage", "BESLUTTET")
    result = refuse("hypothesis", "set", "H02", "--stage", "qualified")
    assert result.stderr.strip() == (
        "parat: moving H02 from decided to qualified needs a note (--note)"
    )
    ok("hypothesis", "set", "H02", "--stage", "qualified", "--note", "Beslutning udskudt")
    h = ok_json("hypothesis", "show", "H02", "--json")
    assert h["stage"] == "qualified"
    assert h["events"][0]["note"] == "Beslutning udskudt"
    assert (h["events"][0]["old"], h["events"][0]["new"]) == ("decided", "qualified")


def test_stale_expect_version_exit_3(programme, ok, refuse) -> None:
    ok("hypothesis", "set", "H02", "--owner", "Cai")  # now version 2
    result = refuse("hypothesis", "set", "H02", "--owner", "Dorte", "--expect-version", "1",
                    code=3)  # fmt: skip
    assert result.stderr.strip() == (
        "parat: H02 has changed since version 1 (now version 2); reload it and try again"
    )
    refuse("hypothesis", "drop", "H02", "--note", "x", "--expect-version", "1", code=3)
    refuse("figure", "set", "H02", "2018", "--potential", "1", "--expect-version", "1", code=3)
    ok("hypothesis", "set", "H02", "--owner", "Dorte", "--expect-version", "2")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["H99", "--owner", "x"], "unknown hypothesis 'H99'"),
        (["H02", "--stage", "nope"], "unknown stage 'nope'"),
        (["H02", "--stage", ""], "unknown stage ''"),
        (["H02", "--bucket", "nope"], "unknown bucket 'nope'"),
        (["H02", "--confidence", "-1"], "--confidence '-1'"),
        (["H02", "--confidence", "150"], "confidence must be a whole percent from 0 to 100"),
        (["H02", "--title", ""], "title must not be empty"),
        (["H02"], "nothing to change"),
        (["H01", "--stage", "identified"], "needs a note"),
        (["H01", "--stage", "dropped"], "needs a note"),
        # a good change and a bad one: neither is kept
        (["H02", "--owner", "Cai", "--bucket", "nope"], "unknown bucket"),
    ],
)
def test_set_refused(programme, refuse, args: list[str], fragment: str) -> None:
    result = refuse("hypothesis", "set", *args)
    assert fragment in result.stderr


def test_drop(programme, ok, ok_json, refuse) -> None:
    result = ok("hypothesis", "drop", "H01", "--note", "Gevinsten er budgetlagt")
    assert result.stdout.strip() == "Dropped H01, version 3."  # v2 came with its figures
    h = ok_json("hypothesis", "show", "H01", "--json")
    assert h["stage"] == "dropped"
    status = ok_json("status", "--json")
    row = next(x for x in status["hypotheses"] if x["code"] == "H01")
    assert (row["pipeline_kr"], row["weighted_kr"]) == (0, 0)
    dropped = next(s for s in status["stages"] if s["stage"] == "dropped")
    assert dropped["count"] == 1
    refuse("hypothesis", "drop", "H99", "--note", "x")
    # back from dropped: no note needed
    ok("hypothesis", "set", "H01", "--stage", "qualified")


def test_drop_without_note_is_a_usage_error(programme, refuse) -> None:
    result = refuse("hypothesis", "drop", "H01", code=2)
    assert "--note" in result.stderr


def test_drop_with_empty_note_is_refused(programme, refuse) -> None:
    assert "needs a note" in refuse("hypothesis", "drop", "H01", "--note", "").stderr


def test_list_filters_and_json(programme, ok, ok_json) -> None:
    listed = ok_json("hypothesis", "list", "--json")
    assert [h["code"] for h in listed] == ["H01", "H02", "H03"]
    assert all(set(h) == HYPOTHESIS_KEYS for h in listed)
    assert [
        h["code"] for h in ok_json("hypothesis", "list", "--stage", "Kvantificeret", "--json")
    ] == ["H01"]
    assert [h["code"] for h in ok_json("hypothesis", "list", "--owner", "bo", "--json")] == ["H02"]
    assert [h["code"] for h in ok_json("hypothesis", "list", "--area", "ejendomme", "--json")] == [
        "H03"
    ]
    assert [
        h["code"] for h in ok_json("hypothesis", "list", "--bucket", "driftsbalance", "--json")
    ] == ["H01"]
    assert ok_json("hypothesis", "list", "--owner", "nobody", "--json") == []
    text = ok("hypothesis", "list").stdout
    assert "Digital post" in text
    assert "4,5 mio. kr." in text  # H01's pipeline
    assert "2,3 mio. kr." in text  # 4,5 × 50 % = 2,25 → 2,3 (half up)


def test_list_refused(programme, refuse) -> None:
    assert "unknown stage 'nope'" in refuse("hypothesis", "list", "--stage", "nope").stderr
    assert "unknown bucket 'nope'" in refuse("hypothesis", "list", "--bucket", "nope").stderr


def test_show_text_and_json(programme, ok, ok_json) -> None:
    ok("figure", "set", "H01", "2017", "--potential", "2", "--realised", "1,5")
    text = ok("hypothesis", "show", "H01").stdout
    assert text.startswith("H01  Digital post")
    assert "Stage:      quantified" in text
    assert "driftsbalance" in text
    assert "History" in text
    assert "Kvantificeret (quantified)" in ok("--lang", "da", "hypothesis", "show", "H01").stdout
    assert "tester [cli]" in text
    h = ok_json("hypothesis", "show", "H01", "--json")
    assert h["figures"] == [
        {"year": 2017, "potential_kr": 2_000_000, "realised_kr": 1_500_000,
         "investment_kr": None, "low_kr": None, "high_kr": None},
        {"year": 2018, "potential_kr": 4_500_000, "realised_kr": None,
         "investment_kr": 500_000, "low_kr": None, "high_kr": None},
    ]  # fmt: skip
    # newest first
    assert [e["id"] for e in h["events"]] == sorted((e["id"] for e in h["events"]), reverse=True)
    assert set(h["events"][0]) == {
        "id", "at", "actor", "source", "action", "subject", "field", "old", "new", "note",
        "decision",
    }  # fmt: skip


def test_show_unknown(programme, refuse) -> None:
    assert refuse("hypothesis", "show", "H99").stderr.strip() == ("parat: unknown hypothesis 'H99'")


def test_list_filters_fold_danish_letters_and_take_no_wildcards(programme, ok, ok_json) -> None:
    ok("hypothesis", "add", "H04", "--title", "Rehabilitering", "--area", "Ældre og sundhed",
       "--owner", "Søren Ørsted")  # fmt: skip
    codes = lambda *a: [h["code"] for h in ok_json("hypothesis", "list", *a, "--json")]  # noqa: E731
    assert codes("--area", "ældre og sundhed") == ["H04"]
    assert codes("--area", "  ÆLDRE OG SUNDHED ") == ["H04"]
    assert codes("--owner", "søren ørsted") == ["H04"]
    assert codes("--owner", "%") == []
    assert codes("--owner", "_o") == []
    assert codes("--area", "ældre") == []  # the whole name, not a part of it


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["add", "H09", "--title", "to\nlinjer"], "title must be one line"),
        (["add", "H09", "--title", "x", "--owner", "a\r\nb"], "owner must be one line"),
        (["add", "H09", "--title", "x", "--area", "a\u2028b"], "area contains control"),
        (["set", "H02", "--title", "to\nlinjer"], "title must be one line"),
    ],
)
def test_short_fields_are_one_line(programme, refuse, args: list[str], fragment: str) -> None:
    assert fragment in refuse("hypothesis", *args).stderr


def test_descriptions_and_notes_may_span_lines(programme, ok, ok_json) -> None:
    ok("hypothesis", "set", "H02", "--description", "Første linje\r\nAnden linje\tslut",
       "--note", "Hvorfor:\nfordi")  # fmt: skip
    h = ok_json("hypothesis", "show", "H02", "--json")
    assert h["description"] == "Første linje\r\nAnden linje\tslut"
    assert h["events"][0]["note"] == "Hvorfor:\nfordi"
