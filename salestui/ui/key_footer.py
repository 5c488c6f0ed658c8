"""Textual's Footer, minus two restyles of every key each time it is rebuilt (on start-up and every focus change),
and minus the rebuild itself when a change of focus leaves the same keys to show."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def shown_bindings(screen: Screen[Any]) -> tuple[tuple[object, ...], ...]:
    """What the footer shows for `screen`'s active bindings: each shown key with its text, state and group."""
    return tuple(
        (
            key,
            binding.action,
            binding.description,
            binding.key_display,
            binding.tooltip,
            enabled,
            tooltip,
            id(binding.group),
        )
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show
    )


class KeyFooter(Footer):
    """A FooterKey starts out compact and is then bound to the footer's `compact`; start it with that value instead.

    Moving between the customer list and its search box (`/`, then Enter) changes the focus twice; rebuilding the
    footer's keys each time costs ~10 ms before the typed text is handled, although the keys shown stay the same.
    """

    composed: tuple[tuple[object, ...], ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self.composed is not None and screen is self.screen and shown_bindings(screen) == self.composed:
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        shown = shown_bindings(self.screen)
        keys = 0
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
                keys += 1
            yield widget
        self.composed = shown if keys else None
