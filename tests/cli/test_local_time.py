"""What the CLI prints for people is in Copenhagen time on a machine in UTC (CI);
JSON keeps UTC."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW


def _parat(db: Path, *args: str, now: str = FIXED_NOW.isoformat()) -> str:
    env = {**os.environ, "TZ": "UTC", "PARAT_NOW": now, "PARAT_ACTOR": "tester"}
    done = subprocess.run(
        [sys.executable, "-c", "from tracker.cli import main; main()", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_times_are_copenhagen_time_on_a_machine_in_utc(programme: Path) -> None:
    # The programme was built at 12.03.2018 09:00 UTC (winter): 10:00 in Copenhagen.
    assert "Status as of 12.03.2018 10:00" in _parat(programme, "status")
    shown = _parat(programme, "hypothesis", "show", "H01")
    history = shown.split("History", 1)[1].splitlines()[1:]
    assert history and all(line.lstrip().startswith("12.03.2018 10:00") for line in history)
    # A summer evening in UTC is the next day in Copenhagen (UTC+2).
    _parat(programme, "figure", "set", "H02", "2017", "--potential", "1", now="2018-06-30T22:30Z")
    shown = _parat(programme, "hypothesis", "show", "H02", now="2018-07-01T08:00Z")
    assert "01.07.2018 00:30  tester [cli]" in shown
    # JSON is for programs: UTC, as before.
    data = json.loads(_parat(programme, "hypothesis", "show", "H02", "--json"))
    assert any(e["at"].startswith("2018-06-30T22:30") for e in data["events"])
