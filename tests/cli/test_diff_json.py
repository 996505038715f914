"""``parat diff --json`` and the ``diff`` of ``parat export --format json --since``
are one object: the same moments give the same JSON, through the real CLI."""

import json
from typing import Any

import pytest

from tracker.exports.schema import DiffSection


@pytest.fixture
def moved(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A programme where everything a diff reports moves between February and March:
    a stage, figures, the programme's and a bucket's target, a new and a dropped
    hypothesis."""

    def run(now: str, *args: str) -> None:
        monkeypatch.setenv("PARAT_NOW", now)
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)

    feb, mar = "2018-02-01T10:00:00Z", "2018-03-01T10:00:00Z"
    run(feb, "init")
    run(feb, "hypothesis", "add", "H01", "--title", "Indkøb", "--bucket", "demografi")
    run(feb, "figure", "set", "H01", "2018", "--potential", "10")
    run(feb, "hypothesis", "add", "H02", "--title", "Leasing", "--stage", "qualified")
    run(feb, "figure", "set", "H02", "2018", "--potential", "2")
    run(feb, "snapshot", "add", "Chefgruppemøde februar")
    run(mar, "--actor", "bo", "hypothesis", "set", "H01", "--stage", "decided")
    run(mar, "--actor", "bo", "figure", "set", "H01", "2018", "--potential", "12,5")
    run(mar, "hypothesis", "drop", "H02", "--note", "Budgetlagt")
    run(mar, "hypothesis", "add", "H03", "--title", "Energi")
    run(mar, "figure", "set", "H03", "2017", "--realised", "29 tkr")
    run(mar, "programme", "set", "--target", "130")
    run(mar, "bucket", "set", "demografi", "--target", "30")


def _json(cli: Any, *args: str) -> Any:
    result = cli(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return json.loads(result.stdout)


def test_diff_json_is_the_export_diff(cli: Any, moved: None) -> None:
    since = ("--since", "Chefgruppemøde februar")
    diff = _json(cli, "diff", *since, "--until", "2018-03-02", "--json")
    export = _json(cli, "export", "-f", "json", *since, "--as-of", "2018-03-02")
    assert export["diff"] == diff
    DiffSection.model_validate(diff)

    # The object says what moved, so the equality above is not between two empties.
    assert diff["totals"]["change"]["target_kr"] == 5_000_000
    assert diff["totals"]["target_kr"] == diff["totals"]["after"]["target_kr"] == 130_000_000
    assert diff["totals"]["change"]["pipeline_kr"] == 500_000  # 10 + 2 -> 12,5 + 0 (dropped)
    demografi = next(b for b in diff["buckets"] if b["key"] == "demografi")
    assert demografi["change"]["target_kr"] == 5_000_000
    assert demografi["priority"] == 2
    changes = {(f["code"], f["kind"], f["year"]): f for f in diff["figure_changes"]}
    assert changes["H01", "potential", 2018]["change_kr"] == 2_500_000
    assert changes["H01", "potential", 2018]["actor"] == "bo"
    assert changes["H03", "realised", 2017]["old_kr"] is None
    assert changes["H03", "realised", 2017]["change_kr"] == 29_000
    assert diff["added"] == ["H03"] and diff["dropped"] == ["H02"]
    assert {m["code"] for m in diff["stage_moves"]} == {"H01", "H02", "H03"}


def test_without_an_end_only_the_name_of_now_differs(cli: Any, moved: None) -> None:
    """Up to now: both call the end "nu" (the meeting pack's heading says "til nu")."""
    diff = _json(cli, "diff", "--since", "2018-02-01", "--json")
    export = _json(cli, "export", "-f", "json", "--since", "2018-02-01")["diff"]
    assert diff["until_label"] == export["until_label"] == "nu"
    assert export == diff
