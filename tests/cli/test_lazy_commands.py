"""The root's commands are imported when used: the table that names them must hold
every command module, and name exactly the commands each one registers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

import tracker.cli
from tracker.cli.lazy import COMMANDS, built_command
from tracker.cli.main import app

CLI = Path(tracker.cli.__file__).parent


def test_every_command_module_is_in_the_table() -> None:
    modules = {path.stem for path in CLI.glob("commands_*.py")}
    assert modules == {module for module, _ in COMMANDS.values()}


@pytest.mark.parametrize("module_name", sorted({m for m, sub in COMMANDS.values() if sub is None}))
def test_a_module_registers_exactly_the_commands_the_table_names(module_name: str) -> None:
    import importlib

    holder = typer.Typer()
    importlib.import_module(f"tracker.cli.{module_name}").register(holder)
    registered = {info.name for info in holder.registered_commands}
    named = {name for name, entry in COMMANDS.items() if entry == (module_name, None)}
    assert registered == named


def test_each_built_command_is_the_one_named() -> None:
    for name in COMMANDS:
        assert built_command(app, name).name == name


PROBE = """
import json, sys
from tracker.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.startswith("tracker.cli.commands_"))
sys.stderr.write("\\nPROBE " + json.dumps(loaded) + "\\n")
"""


def _loaded(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PARAT_LANG": "en"},
        timeout=120,
    )
    line = [x for x in done.stderr.splitlines() if x.startswith("PROBE ")][-1]
    return list(json.loads(line.removeprefix("PROBE ")))


@pytest.mark.slow
def test_a_command_loads_only_its_own_module(tmp_path: Path) -> None:
    db = str(tmp_path / "none.db")
    assert _loaded("--db", db, "status", "--json") == ["tracker.cli.commands_status"]
    assert _loaded("--db", db, "hypothesis", "list") == ["tracker.cli.commands_hypothesis"]
    # the root's help lists every command with its summary: all of them are loaded
    assert len(_loaded("--help")) == len({module for module, _ in COMMANDS.values()})
