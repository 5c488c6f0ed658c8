"""Every `_("...")` and `N_("...")` literal (a message marked where it is declared) has a Simplified Chinese
translation with the same placeholders."""

from __future__ import annotations

import ast
import json
import string
import sys
from pathlib import Path

from salestui import i18n

PACKAGE = Path(__file__).resolve().parents[1] / "salestui"


def literal_messages() -> dict[str, str]:
    """Each message passed to `_()` or `N_()` (translated later) as a literal, with the first place it is used."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


def placeholders(message: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(message) if name is not None}


def test_every_message_has_a_chinese_translation() -> None:
    catalog = i18n._catalog("zh_CN")
    missing = {message: where for message, where in literal_messages().items() if message not in catalog}
    missing.update({code: "i18n.EXTRA_MESSAGES" for code in i18n.EXTRA_MESSAGES if code not in catalog})
    assert not missing, f"untranslated: {missing}"


def test_translations_keep_their_placeholders() -> None:
    catalog = i18n._catalog("zh_CN")
    wrong = {key: value for key, value in catalog.items() if placeholders(key) != placeholders(value)}
    assert not wrong, f"placeholders differ: {wrong}"


def test_catalog_has_no_stale_entries() -> None:
    used = set(literal_messages())
    stale = sorted(set(i18n._catalog("zh_CN")) - used - set(i18n.EXTRA_MESSAGES))
    assert not stale, f"no longer used: {stale}"


def test_language_switch_translates() -> None:
    i18n.set_language("zh_CN")
    assert i18n._("required") == "必填"
    i18n.set_language("en")
    assert i18n._("required") == "required"


if __name__ == "__main__":
    # `python tests/test_i18n.py` prints the untranslated messages as a JSON object to fill in.
    catalog = i18n._catalog("zh_CN")
    todo = {message: "" for message in literal_messages() if message not in catalog}
    json.dump(todo, sys.stdout, ensure_ascii=False, indent=1)
    print()
