"""Layering (tui → tracker → db; tracker.domain pure) and a lean start-up path.

The contracts in pyproject.toml (``lint-imports``) hold the whole layering; the scan
here also sees what import-linter does not: ``importlib.import_module`` and
``__import__`` of literal names.
"""

import ast
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tracker

ROOT = Path(tracker.__file__).resolve().parent.parent
HEAVY = ("textual", "jinja2", "xlsxwriter", "fpdf", "alembic", "rich", "numpy", "openpyxl")

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
def test_only_what_shows_the_risk_loads_numpy(tmp_path: Path) -> None:
    """The simulation's numpy is loaded by ``parat risk`` and ``--risk``, and by
    nothing else: not by ``status`` (above), not by an export without ``--risk``."""
    db = str(tmp_path / "demo.db")
    _probe("--db", db, "demo", "--no-tui")
    result, stdout = _probe("--db", db, "risk", "--json", "--draws", "100")
    assert (result["code"], result["loaded"]) == (0, ["numpy"]), stdout
    assert json.loads(stdout)["draws"] == 100
    result, stdout = _probe("--db", db, "status", "--json", "--risk", "--draws", "100")
    assert (result["code"], result["loaded"]) == (0, ["numpy"])
    assert "risk" in json.loads(stdout)
    result, stdout = _probe("--db", db, "export", "-f", "md")
    assert (result["code"], result["loaded"]) == (0, ["jinja2"])
    result, _ = _probe("--db", db, "export", "-f", "json")
    assert (result["code"], result["loaded"]) == (0, [])
    result, stdout = _probe(
        "--db", db, "--lang", "da", "export", "-f", "md", "--risk", "--draws", "100"
    )
    assert (result["code"], result["loaded"]) == (0, ["jinja2", "numpy"])
    assert "## Hvor sikre er vi?" in stdout


def test_budget_commands_load_no_ui_exporter_or_alembic(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    _probe("--db", db, "demo", "--no-tui")
    for args in (
        ("ramme", "add", "kd", "--name", "Kommunaldirektøren"),
        ("budget", "set", "kd", "2018", "--original", "30"),
        ("budget", "cut", "H01", "--ramme", "kd", "--year", "2018", "--amount", "1",
         "--decision", "BR"),
        ("budget", "report", "2018", "--json"),
        ("budget", "report", "2018"),
        ("status", "--json"),
    ):  # fmt: skip
        result, stdout = _probe("--db", db, *args)
        assert (result["code"], result["loaded"]) == (0, []), (args, stdout)


@pytest.mark.slow
def test_long_work_in_a_pipe_loads_no_progress_bar(tmp_path: Path) -> None:
    """Import and backup draw a bar only on a terminal: in a pipe (as here)
    Rich is not even imported."""
    db = str(tmp_path / "demo.db")
    _probe("--db", db, "demo", "--no-tui")
    table = tmp_path / "tal.csv"
    table.write_text("code;potential_2018\nH01;2\n", encoding="utf-8")
    result, stdout = _probe("--db", db, "import", str(table))
    assert (result["code"], result["loaded"]) == (0, []), stdout
    result, stdout = _probe("--db", db, "backup", str(tmp_path / "kopi.db"))
    assert (result["code"], result["loaded"]) == (0, []), stdout


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


def _module_name(path: Path, root: Path) -> str:
    """``tracker/exports/danish.py`` → ``tracker.exports.danish``; a package's
    ``__init__.py`` is the package itself."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(name: str, level: int, package: str) -> str:
    """A relative import's absolute name: ``level`` dots counted from ``package``."""
    base = package.split(".")
    if level > len(base):
        raise ValueError(f"relative import beyond the top of {package}")
    base = base[: len(base) - level + 1]
    return ".".join([*base, name] if name else base)


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _dynamic_import(node: ast.Call, package: str) -> str | None:
    """The module of ``importlib.import_module("…")``, ``import_module("…")`` or
    ``__import__("…")`` when its name is a literal; ``None`` for any other call."""
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if called not in ("import_module", "__import__") or not node.args:
        return None
    name = _literal(node.args[0])
    if name is None:
        return None
    if called == "import_module" and name.startswith("."):
        # import_module(".x", __package__) or (".x", "some.package")
        anchor = node.args[1] if len(node.args) > 1 else None
        anchor = anchor or next((k.value for k in node.keywords if k.arg == "package"), None)
        given = _literal(anchor)
        dots = len(name) - len(name.lstrip("."))
        return _absolute(name[dots:], dots, given or package)
    return name


def _file_imports(path: Path, root: Path) -> Iterator[str]:
    """Every module one source file imports, by absolute name: import statements
    anywhere (inside functions too), relative ones resolved, and dynamic imports of
    literal names. ``from a import b`` yields ``a`` and ``a.b`` (``b`` may be a
    submodule)."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = _absolute(base, node.level, package)
            yield base
            for alias in node.names:
                if alias.name != "*":
                    yield f"{base}.{alias.name}"
        elif isinstance(node, ast.Call):
            dynamic = _dynamic_import(node, package)
            if dynamic is not None:
                yield dynamic


def _imports(package: str, root: Path = ROOT) -> Iterator[tuple[Path, str]]:
    """(file, imported module) for every import in a package's sources."""
    for path in sorted((root / package.replace(".", "/")).rglob("*.py")):
        for module in _file_imports(path, root):
            yield path, module


def _within(module: str, names: tuple[str, ...]) -> bool:
    """True when ``module`` is one of ``names`` or inside one of them."""
    return any(module == name or module.startswith(name + ".") for name in names)


def _offenders(package: str, forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    return sorted(
        {
            f"{path.relative_to(root)} imports {module}"
            for path, module in _imports(package, root)
            if _within(module, forbidden)
        }
    )


def test_domain_is_pure() -> None:
    assert _offenders("tracker.domain", ("db", "tui", "sqlalchemy", "sqlmodel", "alembic",
                                         "typer", "textual")) == []  # fmt: skip
    # stdlib, babel (formatting), numpy (the risk simulation, imported when it runs)
    # and the domain itself: nothing else
    allowed = set(sys.stdlib_module_names) | {"babel", "numpy", "tracker"}
    others = [
        f"{p.relative_to(ROOT)}: {m}"
        for p, m in _imports("tracker.domain")
        if m.split(".")[0] not in allowed
        or (_within(m, ("tracker",)) and not _within(m, ("tracker.domain",)))
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


def test_the_scan_resolves_relative_and_dynamic_imports(tmp_path: Path) -> None:
    """The forms a plain scan of ``import``/``from`` statements misses, on a package
    written here: each is seen under its absolute name, and counts as an offence."""
    sub = tmp_path / "pkg" / "sub"
    sub.mkdir(parents=True)
    (tmp_path / "pkg" / "__init__.py").write_text("from .sub import mod\n", encoding="utf-8")
    (sub / "__init__.py").write_text("", encoding="utf-8")
    (sub / "mod.py").write_text(
        "from ..report import iso\n"
        "from . import sibling\n"
        "\n"
        "def later():\n"
        "    import importlib\n"
        "    from importlib import import_module\n"
        "\n"
        "    importlib.import_module('textual.app')\n"
        "    import_module('.lazy', __package__)\n"
        "    return __import__('sqlalchemy')\n",
        encoding="utf-8",
    )
    seen = {(path.name, module) for path, module in _imports("pkg", root=tmp_path)}
    assert seen == {
        ("__init__.py", "pkg.sub"),
        ("__init__.py", "pkg.sub.mod"),
        ("mod.py", "pkg.report"),
        ("mod.py", "pkg.report.iso"),
        ("mod.py", "pkg.sub"),
        ("mod.py", "pkg.sub.sibling"),
        ("mod.py", "importlib"),
        ("mod.py", "importlib.import_module"),
        ("mod.py", "textual.app"),
        ("mod.py", "pkg.sub.lazy"),
        ("mod.py", "sqlalchemy"),
    }
    assert _offenders("pkg", ("pkg.report", "textual", "sqlalchemy"), root=tmp_path) == [
        "pkg/sub/mod.py imports pkg.report",
        "pkg/sub/mod.py imports pkg.report.iso",
        "pkg/sub/mod.py imports sqlalchemy",
        "pkg/sub/mod.py imports textual.app",
    ]


def _cycles(graph: Any) -> list[list[str]]:
    """Strongly connected groups of modules (Tarjan), each of more than one module."""
    found: list[list[str]] = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_in_any_package() -> None:
    """Every import counts: top level, inside functions, under TYPE_CHECKING."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("tracker", "db", "tui")
    assert _cycles(graph) == []
    # the check sees a cycle when there is one
    graph.add_import(importer="db.engine", imported="db.models")
    graph.add_import(importer="db.models", imported="db.engine")
    assert ["db.engine", "db.models"] in _cycles(graph)
