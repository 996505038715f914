"""Every figure on screen is the status of ``parat status --json``: one computation."""

import asyncio
import json

from tracker.domain.money import format_mio, format_mio_number
from tracker.domain.stages import Stage
from tracker.report import status_to_dict
from tui.app import ParatApp
from tui.widgets.buckets import BucketBars
from tui.widgets.funnel import StageFunnel
from tui.widgets.hypothesis_table import COLUMNS, HypothesisTable
from tui.widgets.progress import ProgressBars
from tui.widgets.warnings import WarningList

from .conftest import settle


def test_dashboard_table_and_detail_show_the_status_json(app: ParatApp, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("status", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)

    async def run() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            assert app.status is not None
            assert status_to_dict(app.status) == data

            screen = app.screen
            progress = screen.query_one(ProgressBars).render().plain.splitlines()
            totals = data["totals"]
            for line, key in zip(
                progress, ("realised", "budgeted", "decided", "weighted", "pipeline"), strict=False
            ):
                assert format_mio(totals[f"{key}_kr"]) in line
            assert format_mio(totals["gap_kr"]) in progress[-1]

            buckets = screen.query_one(BucketBars).render().plain.splitlines()
            for line, b in zip(buckets, data["buckets"], strict=False):
                assert line.startswith(b["name"])
                assert (
                    f"{format_mio_number(b['weighted_kr'])} af {format_mio_number(b['target_kr'])}"
                    in line
                )
                if b["gap_kr"] > 0:
                    assert f"mangler {format_mio_number(b['gap_kr'])}" in " ".join(line.split())
            assert format_mio(data["surplus"]["weighted_kr"]) in buckets[-1]

            funnel = screen.query_one(StageFunnel).render().plain.splitlines()[1:]
            for line, s in zip(funnel, data["stages"], strict=False):
                assert line.split()[:4] == [
                    Stage(s["stage"]).label,
                    str(s["count"]),
                    format_mio_number(s["pipeline_kr"]),
                    format_mio_number(s["weighted_kr"]),
                ]

            warnings = screen.query_one(WarningList).render_text().plain
            for w in data["warnings"]:
                assert w["message"] in warnings

            await pilot.press("2")
            await settle(pilot)
            table = app.screen.query_one(HypothesisTable)
            columns = {c.key: c for c in COLUMNS}
            assert [h.code for h in table.rows] == [h["code"] for h in data["hypotheses"]]
            for row, h in zip(table.rows, data["hypotheses"], strict=True):
                for key in ("pipeline", "weighted", "realised"):
                    assert columns[key].value(row) == format_mio_number(h[f"{key}_kr"])
                assert columns["stage"].value(row) == Stage(h["stage"]).label

            table.select_code("H04")
            await pilot.press("enter")
            await settle(pilot)
            h04 = next(h for h in data["hypotheses"] if h["code"] == "H04")
            line = str(app.screen.query_one("#contribution").render())
            for key in ("pipeline", "weighted", "decided", "realised", "investment"):
                assert format_mio(h04[f"{key}_kr"]) in line
            assert f"vægt {h04['weight_pct']} %" in line

    asyncio.run(run())
