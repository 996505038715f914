"""Layering (tui → tracker → db; tracker.domain pure) and a lean start-up path."""

import ast
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import tracker

ROOT = Path(tracker.__file__).resolve().parent.parent
HEAVY = ("textual", "jinja2", "xlsxwriter", "fpdf", "alembic")

PROBE = """
import json, sys
from tracker.cli import app
try:
    app(sys.argv[1:])
except SystemExit as done:
    code = done.code
loaded = sorted({name.split(".")[0] for name in sys.modules} & set(json.loads(sys.stdin.read())))
sys.stderr.write("\\nPROBE " + json.dumps({"code": code, "loaded": loaded}) + "\\n")
"""


def _probe(*args: str) -> tuple[dict, str]:
    """Run the CLI in a fresh interpreter; return exit code, heavy modules loaded, stdout."""
    env = {**os.environ, "PARAT_ACTOR": "tester", "PARAT_NOW": "2018-03-12T09:00:00+00:00"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=json.dumps(HEAVY),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    line = [x for x in done.stderr.splitlines() if x.startswith("PROBE ")][-1]
    return json.loads(line.removeprefix("PROBE ")), done.stdout


@pytest.mark.slow
def test_status_json_loads_no_ui_exporter_or_alembic(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    # the first open of a new file upgrades it: Alembic is loaded then, and only then
    first, _ = _probe("--db", db, "demo", "--no-tui")
    assert first["code"] in (0, None)
    assert "alembic" in first["loaded"]
    result, stdout = _probe("--db", db, "status", "--json")
    assert result["code"] in (0, None)
    assert len(json.loads(stdout)["hypotheses"]) == 16
    assert result["loaded"] == []
    # the text status too, and a write
    result, stdout = _probe("--db", db, "status")
    assert result["loaded"] == []
    assert "Parat til fremtiden" in stdout
    result, stdout = _probe("--db", db, "figure", "set", "H01", "2018", "--potential", "1")
    assert (result["code"], result["loaded"]) == (0, [])
    assert "recorded" in stdout


@pytest.mark.slow
def test_domain_imports_no_storage() -> None:
    code = (
        "import sys, tracker.domain.status, tracker.domain.money, tracker.domain.diff, "
        "tracker.domain.rules; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'sqlmodel', 'db', 'typer', 'textual', 'alembic', 'babel'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    # babel is imported lazily, only when something is formatted
    assert done.stdout.strip() == "[]"


def _imports(package: str) -> Iterator[tuple[Path, str]]:
    """(file, imported module) for every import statement in a package's sources."""
    for path in sorted((ROOT / package.replace(".", "/")).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield path, node.module


def _offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)} imports {module}"
        for path, module in _imports(package)
        if module.split(".")[0] in forbidden or module in forbidden
    ]


def test_domain_is_pure() -> None:
    assert _offenders("tracker.domain", ("db", "tui", "sqlalchemy", "sqlmodel", "alembic",
                                         "typer", "textual")) == []  # fmt: skip
    # stdlib, babel (formatting) and the domain itself: nothing else
    allowed = set(sys.stdlib_module_names) | {"babel", "tracker"}
    others = [
        f"{p.relative_to(ROOT)}: {m}"
        for p, m in _imports("tracker.domain")
        if m.split(".")[0] not in allowed
        or (m.startswith("tracker") and not m.startswith("tracker.domain"))
    ]
    assert others == []


def test_db_imports_nothing_from_tracker_or_tui() -> None:
    assert _offenders("db", ("tracker", "tui")) == []


#: The one door from the core to the UI: the CLI's `parat` / `parat tui` command, which
#: imports the app inside the function that opens it (a front end starting another).
UI_DOOR = "tracker/cli/commands_tui.py"


def test_tracker_imports_nothing_from_tui() -> None:
    offenders = _offenders("tracker", ("tui",))
    assert [o for o in offenders if not o.startswith(UI_DOOR)] == []
    assert offenders, "the UI door should be seen by the scan"


def test_the_scan_sees_imports() -> None:
    """Guard against a scan that passes because it reads nothing."""
    modules = {m for _, m in _imports("tracker")}
    assert {"tracker.domain.money", "sqlmodel", "typer"} <= modules
    assert {m for _, m in _imports("db")} >= {"sqlalchemy", "sqlmodel"}
