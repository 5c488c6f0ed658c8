"""The key line under each deal screen, with the keys in effect (a keymap may have moved them)."""

from __future__ import annotations

from typing import Any

from salestui.i18n import _
from salestui.ui import registry


def keys_line(app: Any, ids: tuple[str, ...]) -> str:
    return " · ".join(
        f"{registry.key_text(app, registry.command(i))} {_(registry.command(i).description)}" for i in ids
    )
