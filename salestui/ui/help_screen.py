"""The help screen: every key binding of the main screen, generated from the bindings themselves."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from salestui.i18n import _
from salestui.ui.keys import bind, help_lines, retranslate


def help_tables(sections: list[tuple[str, list[DOMNode]]], key_display) -> Group:
    """A table of keys per section; each binding id shows once, in the first section that has it."""
    shown: set[str] = set()
    tables: list[Table] = []
    for title, nodes in sections:
        lines = [line for line in help_lines(nodes, key_display) if line[0] not in shown]
        if not lines:
            continue
        shown.update(line[0] for line in lines)
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
        for _id, keys, description, tooltip in lines:
            table.add_row(Text(keys), Text(description), Text(tooltip))
        tables.append(table)
    return Group(*(part for table in tables for part in (table, Text(""))))


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q or ? closes it."""

    BINDINGS = [bind("escape,q,question_mark", "close", "help.close")]

    def __init__(self, sections: list[tuple[str, list[DOMNode]]]) -> None:
        super().__init__()
        retranslate(self)
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = Content(_("Keys"))
            body.border_subtitle = Content(_("escape: close"))
            yield Static(help_tables(self.sections, self.app.get_key_display), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
