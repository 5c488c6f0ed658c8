"""The main screen's footer: the keys that work in the focused pane, most important first, as many as fit, then help.

Made from the registry and the screen's active bindings, so it shows the keys in effect (after a keymap) and never
runs past the terminal's edge: at 80 columns the least important keys drop out and `? Help` stays.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from salestui.i18n import _
from salestui.ui import registry
from salestui.ui.registry import Command

SEPARATOR = "  "
KEY_STYLE = "bold $footer-key-foreground"


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
        active: dict[str, str] = {}
        for key, binding in self.screen.active_bindings.items():
            if binding.binding.id and binding.binding.id not in active:
                active[binding.binding.id] = self.app.get_key_display(binding.binding.with_key(key))
        shown: list[tuple[str, str]] = []
        last = None
        for entry in registry.footer_commands():
            if entry.id not in active or not self.can_run(entry):
                continue
            if entry.id == "app.help":
                last = (active[entry.id], _(entry.description))
            else:
                shown.append((active[entry.id], _(entry.description)))
        return shown, last

    def render(self) -> Content:
        shown, last = self.entries()
        return footer_content(fit_entries(shown, last, self.size.width))
