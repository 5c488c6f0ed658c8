"""The keys of the deal screens, declared once like every other command (their ids can be remapped): opening deals
from the main screen, the deal screen, its lines editor, the memo preview and the deals list."""

from __future__ import annotations

from salestui.i18n import N_
from salestui.ui.command_types import Command, Pane, Scope, Target

_TIMELINE_AND_QUEUE = frozenset({Pane.TIMELINE, Pane.FOLLOW_UPS})  # deals due are in the queue


def _key(binding_id: str, keys: str, action: str, description: str, help_text: str, scope: Scope) -> Command:
    return Command(binding_id, keys, description, help_text, scope, action=action)


DEAL_COMMANDS: tuple[Command, ...] = (
    # The main screen.
    Command(
        "deal.new",
        "o",
        N_("New deal"),
        N_("Record a new deal with the highlighted customer"),
        Scope.MAIN,
        palette=N_("deal: new"),
        target=Target.CUSTOMER,
        reloads=_TIMELINE_AND_QUEUE,
    ),
    Command(
        "deal.list",
        "O",
        N_("Deals"),
        N_("List the highlighted customer's deals"),
        Scope.MAIN,
        palette=N_("deal: customer's deals"),
        target=Target.CUSTOMER,
        reloads=_TIMELINE_AND_QUEUE,
    ),
    Command(
        "deal.all",
        "",
        N_("All deals"),
        N_("List every customer's deals"),
        Scope.MAIN,
        palette=N_("deal: all deals"),
        reloads=_TIMELINE_AND_QUEUE,
    ),
    Command(
        "deal.open",
        "",
        N_("Open deal"),
        N_("Open the deal the highlighted timeline entry is about (enter on it too)"),
        Scope.MAIN,
        palette=N_("deal: open from the timeline"),
        target=Target.DEAL,
        reloads=_TIMELINE_AND_QUEUE,
    ),
    # The deal screen.
    _key("deal.save", "ctrl+s", "save", N_("Save"), N_("Save the lines and terms"), Scope.DEAL),
    _key("deal.add-line", "ctrl+n,insert", "add_line", N_("Add line"), N_("Add a line below this one"), Scope.DEAL),
    _key("deal.stage", "ctrl+t", "stage", N_("Stage"), N_("Move the deal to another stage, or reopen it"), Scope.DEAL),
    _key("deal.memo", "ctrl+o", "memo", N_("Memo"), N_("Preview, send and record replies to the memo"), Scope.DEAL),
    _key("deal.close", "escape", "close", N_("Close"), N_("Close the deal (asks first if unsaved)"), Scope.DEAL),
    # Its lines editor.
    Command(
        "deal.remove-line",
        "ctrl+d",
        N_("Remove line"),
        N_("Remove the line the cursor is on"),
        Scope.DEAL_LINES,
        action="remove_line",
        priority=True,  # before the input's own ctrl+d (delete right)
    ),
    _key("deal.line-up", "up", "line_up", N_("Line up"), N_("The same column one line up"), Scope.DEAL_LINES),
    _key("deal.line-down", "down", "line_down", N_("Line down"), N_("The same column one line down"), Scope.DEAL_LINES),
    # The memo preview.
    _key("memo.copy", "c", "copy", N_("Copy"), N_("Copy the memo to the clipboard (works over SSH)"), Scope.MEMO),
    _key("memo.write", "w", "write", N_("Save to file"), N_("Save the memo to a file"), Scope.MEMO),
    _key("memo.send", "s", "send", N_("Sent"), N_("Record that the memo was sent: when, how, to whom"), Scope.MEMO),
    _key("memo.language", "l", "language", N_("Language"), N_("Switch between English and Chinese"), Scope.MEMO),
    _key("memo.format", "f", "format", N_("Format"), N_("Switch between plain text and Markdown"), Scope.MEMO),
    _key("memo.acknowledge", "a", "acknowledge", N_("Acknowledged"), N_("Record their confirmation"), Scope.MEMO),
    _key("memo.object", "x", "object", N_("Objected"), N_("Record what the customer disputes"), Scope.MEMO),
    _key("memo.close", "escape,q", "close", N_("Close"), N_("Back to the deal"), Scope.MEMO),
    # A list of deals.
    Command(
        "deals.open", "enter", N_("Open"), N_("Open the highlighted deal"), Scope.DEALS, action="open", priority=True
    ),
    _key("deals.new", "n", "new", N_("New deal"), N_("A new deal with this customer"), Scope.DEALS),
    _key("deals.close", "escape,q", "close", N_("Close"), N_("Close the list"), Scope.DEALS),
)
