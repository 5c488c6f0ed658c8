"""One direction of travel: db/ imports neither services nor the UI, services/ never the UI or Textual."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "salestui"
FORBIDDEN = {
    "db": ("salestui.services", "salestui.ui", "salestui.cli", "textual"),
    "services": ("salestui.ui", "salestui.cli", "textual"),
}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer: str) -> None:
    wrong = {
        f"{path.relative_to(PACKAGE.parent)}: {module}"
        for path in (PACKAGE / layer).rglob("*.py")
        for module in imported_modules(path)
        if module.startswith(FORBIDDEN[layer])
    }
    assert not wrong, sorted(wrong)
