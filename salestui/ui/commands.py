"""The command palette provider: every registry command with a palette entry, as "noun: action"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from salestui.i18n import _
from salestui.ui import registry


def palette_commands(screen: Screen[object]) -> list[tuple[str, str, Callable[[], object]]]:
    """(command, help, callback) for the screen the palette was opened from; only quitting away from the main one."""
    from salestui.ui.main_screen import MainScreen

    app = screen.app
    found: list[tuple[str, str, Callable[[], object]]] = []
    for entry in registry.palette_commands():
        assert entry.palette is not None
        keys = registry.key_texts(app, entry)
        help_text = _(entry.help) + (f"  ({' '.join(keys)})" if keys else "")
        if isinstance(screen, MainScreen):
            found.append((_(entry.palette), help_text, partial(screen.run_command, entry.id)))
        elif entry.id == "app.quit":
            found.append((_(entry.palette), help_text, app.action_quit))
    return found


class SalesCommands(Provider):
    """Commands named "noun: action", matched fuzzily."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in palette_commands(self.screen):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)

    async def discover(self) -> Hits:
        for name, help_text, callback in palette_commands(self.screen):
            yield DiscoveryHit(name, callback, text=name, help=help_text)
