"""Textual's Footer, minus two restyles of every key each time it is rebuilt (on start-up and every focus change)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """A FooterKey starts out compact and is then bound to the footer's `compact`; start it with that value instead."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget
