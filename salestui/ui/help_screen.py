"""The help screen: every command of the registry with the keys in effect (after any keymap)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from salestui.i18n import _
from salestui.ui import registry
from salestui.ui.registry import Command, Scope


def help_tables(key_texts: Callable[[Command], list[str]]) -> Group:
    """A table of keys per part of the registry; `key_texts` gives the keys in effect for a command."""
    tables: list[Table] = []
    for title, commands in registry.help_sections():
        lines = [(" ".join(key_texts(entry)), _(entry.description), _(entry.help)) for entry in commands]
        lines = [line for line in lines if line[0]]
        if not lines:
            continue
        table = Table(
            title=Text(title, style="bold"),
            title_justify="left",
            box=None,
            show_header=False,
            padding=(0, 2, 0, 0),
            expand=True,
        )
        table.add_column(no_wrap=True, style="bold")
        table.add_column(no_wrap=True)
        table.add_column(style="dim", ratio=1)
        for keys, description, help_text in lines:
            table.add_row(Text(keys), Text(description), Text(help_text))
        tables.append(table)
    return Group(*(part for table in tables for part in (table, Text(""))))


class HelpScreen(ModalScreen[None]):
    """Lists every key in effect; escape, q or ? closes it."""

    BINDINGS = registry.bindings(Scope.HELP)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = Content(_("Keys"))
            close_key = registry.key_text(self.app, registry.command("help.close"))
            body.border_subtitle = Content(_("{key}: close").format(key=close_key))
            yield Static(help_tables(partial(registry.key_texts, self.app)), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
