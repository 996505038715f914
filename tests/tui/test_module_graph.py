"""The UI's modules import one way: no cycle among them, counting every import (at the
top, inside functions and under ``TYPE_CHECKING``), and nothing but the package's
front door imports the app; screens and dialogs use it through ``tui.protocol``."""

import ast
from collections.abc import Iterator
from pathlib import Path

import tui

TUI = Path(tui.__file__).resolve().parent
ROOT = TUI.parent
MAX_LINES = 400


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in sorted(TUI.rglob("*.py"))}


def _imported(path: Path) -> Iterator[str]:
    """The tui modules ``path`` imports, wherever the import statement stands."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import"
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        else:
            continue
        yield from (name for name in names if name in MODULES)


GRAPH = {name: set(_imported(path)) - {name} for name, path in MODULES.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle met by a depth-first walk (each as the path that closes it)."""
    found: list[list[str]] = []
    state: dict[str, str] = {}  # "open" on the current path, "done" when finished

    def walk(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            walk(node, [node])
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_scan_sees_imports() -> None:
    """Guard against a test that passes because it reads nothing."""
    assert "tui.screens.dashboard" in GRAPH["tui.app"]
    assert "tui.screens.detail" in GRAPH["tui.app"]  # a lazy and a TYPE_CHECKING import
    assert "tui.protocol" in GRAPH["tui.screens.detail_form"]


def test_no_import_cycle_in_the_ui() -> None:
    assert cycles(GRAPH) == []


def test_only_the_front_door_imports_the_app() -> None:
    importers = sorted(name for name, imported in GRAPH.items() if "tui.app" in imported)
    assert importers == ["tui"]


def test_every_ui_module_is_small() -> None:
    sizes = {name: len(p.read_text(encoding="utf-8").splitlines()) for name, p in MODULES.items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
