"""The sample programme end to end through the CLI."""

import json


def test_demo_then_status_json(store_cli) -> None:
    """On a SQLite file and on PostgreSQL (``--db URL``)."""
    result = store_cli("demo", "--no-tui")
    assert result.exit_code == 0, result.output
    result = store_cli("status", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["programme"]["target_kr"] == 125_000_000
    assert len(data["hypotheses"]) == 16
    assert all("(eksempel)" in h["title"] for h in data["hypotheses"])
    assert sum(h["weighted_kr"] for h in data["hypotheses"]) == data["totals"]["weighted_kr"]
