"""The exports render what the report layer holds and nothing else: they import
``tracker.report`` and ``tracker.domain`` (and their rendering libraries), never the
services, the database or the UI; the report layer itself is stdlib and domain only."""

import ast
import sys
from pathlib import Path

import tracker

ROOT = Path(tracker.__file__).resolve().parent

#: Besides the stdlib: the libraries a renderer may import, and the one shared leaf of
#: user errors (a path that cannot be written is the user's mistake).
RENDERING = {"jinja2", "markupsafe", "xlsxwriter", "fpdf", "pydantic"}
SHARED = {"tracker.errors"}


def _imports(folder: Path) -> list[tuple[str, str]]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path.name, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{path.name}: relative import"
                found.append((path.name, node.module or ""))
    return found


def _outside(found: list[tuple[str, str]], allowed: set[str]) -> list[str]:
    def ok(module: str) -> bool:
        top = module.split(".")[0]
        if top == "tracker":
            return module == "tracker" or any(
                module == a or module.startswith(a + ".") for a in allowed
            )
        return top in sys.stdlib_module_names or top in allowed

    return [f"{name} imports {module}" for name, module in found if not ok(module)]


def test_exports_import_only_the_report_the_domain_the_language_and_renderers() -> None:
    found = _imports(ROOT / "exports")
    assert any(m.startswith("tracker.report") for _, m in found)  # the scan reads imports
    allowed = {
        "tracker.report",
        "tracker.domain",
        "tracker.exports",
        "tracker.i18n",
        *SHARED,
        *RENDERING,
    }
    assert _outside(found, allowed) == []


def test_report_layer_imports_only_the_stdlib_the_domain_and_the_language() -> None:
    """(The language: a table's fixed words are read in the reader's.)"""
    found = _imports(ROOT / "report")
    assert any(m.startswith("tracker.domain") for _, m in found)
    assert _outside(found, {"tracker.report", "tracker.domain", "tracker.i18n"}) == []
