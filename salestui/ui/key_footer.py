"""The main screen's footer: the keys that work in the focused pane, most important first, as many as fit, then help.

Made from the registry and the screen's active bindings, so it shows the keys in effect (after a keymap) and never
runs past the terminal's edge: at 80 columns the least important keys drop out and `? Help` stays.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.keys import REPLACED_KEYS, key_to_character
from textual.widget import Widget

from salestui.i18n import _
from salestui.ui import registry
from salestui.ui.registry import Command

SEPARATOR = "  "
KEY_STYLE = "bold $footer-key-foreground"


def typed_character(key: str) -> str | None:
    """The character a key types, if any ('slash' types '/', which Textual's key_to_character does not say)."""
    character = key_to_character(key)
    if character is None and "+" not in key:
        try:
            character = unicodedata.lookup(REPLACED_KEYS.get(key, key).replace("_", " "))
        except KeyError:
            return None
    return character


def fit_entries(entries: list[tuple[str, str]], last: tuple[str, str] | None, width: int) -> list[tuple[str, str]]:
    """The (key, description) pairs from the start of `entries` that fit in `width` cells with `last` after them."""

    def cells(entry: tuple[str, str]) -> int:
        return cell_len(entry[0]) + 1 + cell_len(entry[1])

    room = width - 1 - (cells(last) + len(SEPARATOR) if last is not None else 0)
    shown: list[tuple[str, str]] = []
    used = 0
    for entry in entries:
        needed = cells(entry) + (len(SEPARATOR) if shown else 0)
        if used + needed > room:
            break
        shown.append(entry)
        used += needed
    return [*shown, last] if last is not None else shown


def footer_content(entries: list[tuple[str, str]]) -> Content:
    parts: list[Content] = []
    for key, description in entries:
        parts.append(Content.assemble((key, KEY_STYLE), " ", description))
    return Content(" ") + Content(SEPARATOR).join(parts)


class KeyFooter(Widget):
    """One line of keys; `can_run` says whether a command acts on something the focused pane shows."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, can_run: Callable[[Command], bool]) -> None:
        super().__init__()
        self.can_run = can_run

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def entries(self) -> tuple[list[tuple[str, str]], tuple[str, str] | None]:
        """(key, description) of each footer command active here, in order; and the help entry, shown last."""
        active: dict[str, list[str]] = {}  # binding id to its keys that work here
        focused = self.screen.focused
        for key, binding in self.screen.active_bindings.items():
            if focused is not None and focused.check_consume_key(key, typed_character(key)):
                continue  # typed into the focused box, not a command there
            if binding.binding.id:
                active.setdefault(binding.binding.id, []).append(key)
        shown: list[tuple[str, str]] = []
        last = None
        keymap = self.app.keymap if isinstance(self.app, registry.RemappableApp) else {}
        for entry in registry.footer_commands():
            if entry.id not in active or not self.can_run(entry):
                continue
            here = active[entry.id]
            key = next((key for key in registry.keys_in_effect(entry, keymap) if key in here), here[0])
            pair = (self.app.get_key_display(Binding(key, "")), _(entry.description))
            if entry.id == "app.help":
                last = pair
            else:
                shown.append(pair)
        return shown, last

    def render(self) -> Content:
        shown, last = self.entries()
        return footer_content(fit_entries(shown, last, self.size.width))
