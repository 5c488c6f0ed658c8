"""One direction of travel, and no import cycles.

db/ imports neither services nor the UI; services/ never the UI or Textual; the CLI and the UI reach db/ only
through services/; demo/ writes through services/ and is used by the CLI alone.

Every `import` counts, at module level or inside a function (a function-local import that closes a cycle is
still a cycle, only a deferred one), and so do imports under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "salestui"

# Each layer (a package or a module, relative to salestui/) and the imports it must not make.
FORBIDDEN = {
    "db": ("salestui.services", "salestui.demo", "salestui.ui", "salestui.cli", "textual"),
    "services": ("salestui.demo", "salestui.ui", "salestui.cli", "textual"),
    "demo": ("salestui.ui", "salestui.cli", "textual"),
    "ui": ("salestui.db", "salestui.demo", "salestui.cli", "peewee"),
    "cli.py": ("salestui.db",),
    "cli_app.py": ("salestui.db",),  # opens the TUI and makes demo data
    # every other cli_*.py module (a new one is covered without being listed here)
    "cli_*.py": ("salestui.db", "salestui.ui", "salestui.demo"),
    "cli_output.py": ("salestui.db", "salestui.services", "salestui.ui", "salestui.demo"),
}
MODULE_LINE_LIMIT = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_names(path: Path) -> set[str]:
    """Every module `path` imports: `from a.b import c` gives `a.b.c` if that is a salestui module, else `a.b`."""
    names = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:  # `from package import module` needs the module, not the package's own code
                names.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return names


def own_module(name: str) -> str | None:
    """The salestui module that defines `name` (the longest module prefix), or None outside the package."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        targets = {own_module(imported) for imported in imported_names(path)}
        graph[name] = {target for target in targets if target is not None and target != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return [_cycle_within(graph, group) for group in groups]


def _cycle_within(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest path from the group's first module back to itself, inside the group: the cycle to name."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph[node] & group):
                if child == start:
                    return [*paths[node], start]
                if child not in paths:
                    paths[child] = [*paths[node], child]
                    following.append(child)
        frontier = following
    raise AssertionError(f"{sorted(group)} is not strongly connected")


def test_no_import_cycles() -> None:
    found = [" -> ".join(cycle) for cycle in cycles(import_graph())]
    assert not found, found


def test_the_cycle_finder_names_a_cycle_and_ignores_a_chain() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"d"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_function_local_and_relative_imports_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "salestui"
    (package / "inner").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "inner" / "__init__.py").write_text("from . import low\n")
    (package / "inner" / "low.py").write_text("def later():\n    from salestui.top import thing\n")
    (package / "top.py").write_text("from salestui.inner.low import later\n")
    monkeypatch.setitem(globals(), "PACKAGE", package)
    monkeypatch.setitem(globals(), "MODULES", {module_name(path): path for path in sorted(package.rglob("*.py"))})
    assert cycles(import_graph()) == [["salestui.inner.low", "salestui.top", "salestui.inner.low"]]


def _layer_files(layer: str) -> list[Path]:
    if "*" in layer:
        return [path for path in sorted(PACKAGE.glob(layer)) if path.name not in FORBIDDEN]
    target = PACKAGE / layer
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer: str) -> None:
    assert _layer_files(layer)[0].exists(), layer
    wrong = {
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in _layer_files(layer)
        for name in imported_names(path)
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer])
    }
    assert not wrong, sorted(wrong)


def test_no_module_is_over_the_line_limit() -> None:
    """Small modules: one that grows past the limit is split by what its parts do."""
    long = {
        str(path.relative_to(PACKAGE.parent)): count
        for path in MODULES.values()
        if (count := len(path.read_text("utf-8").splitlines())) > MODULE_LINE_LIMIT
    }
    assert not long, long
