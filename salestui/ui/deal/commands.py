"""The keys of the deal screens, declared once like every other command (their ids can be remapped)."""

from __future__ import annotations

from salestui.i18n import N_
from salestui.ui.command_types import Command, Scope

DEAL_COMMANDS: tuple[Command, ...] = (
    Command(
        "deals.open", "enter", N_("Open"), N_("Open the highlighted deal"), Scope.DEALS, action="open", priority=True
    ),
    Command("deals.new", "n", N_("New deal"), N_("A new deal with this customer"), Scope.DEALS, action="new"),
    Command("deals.close", "escape,q", N_("Back"), N_("Close the deals"), Scope.DEALS, action="close"),
    Command("deal.lines", "i", N_("Lines"), N_("Edit the deal's lines"), Scope.DEAL, action="lines"),
    Command("deal.terms", "e", N_("Terms"), N_("Edit the deal's terms"), Scope.DEAL, action="terms"),
    Command(
        "deal.stage", "g", N_("Stage"), N_("Move the deal on, mark it lost or reopen it"), Scope.DEAL, action="stage"
    ),
    Command(
        "deal.memo",
        "m",
        N_("Memo"),
        N_("The written confirmation: preview, copy, save, send"),
        Scope.DEAL,
        action="memo",
    ),
    Command(
        "deal.ack", "k", N_("Acknowledged"), N_("Record that the customer confirmed the memo"), Scope.DEAL, action="ack"
    ),
    Command(
        "deal.object",
        "x",
        N_("Objection"),
        N_("Record what the customer disputes in the memo"),
        Scope.DEAL,
        action="object",
    ),
    Command("deal.close", "escape,q", N_("Back"), N_("Close the deal"), Scope.DEAL, action="close"),
    Command(
        "deal-lines.add",
        "ctrl+n",
        N_("Add a line"),
        N_("Add a line below the others"),
        Scope.DEAL_LINES,
        action="add_line",
    ),
    Command(
        "deal-lines.remove",
        "ctrl+d",
        N_("Remove line"),
        N_("Remove the line being edited"),
        Scope.DEAL_LINES,
        action="remove_line",
    ),
    Command(
        "memo.copy", "c", N_("Copy"), N_("Copy the memo to the clipboard (works over SSH)"), Scope.MEMO, action="copy"
    ),
    Command("memo.save", "w", N_("Save"), N_("Save the memo to a file"), Scope.MEMO, action="save"),
    Command("memo.send", "s", N_("Sent"), N_("Record that the memo was sent"), Scope.MEMO, action="send"),
    Command(
        "memo.language",
        "l",
        N_("Language"),
        N_("Switch the memo between English and Chinese"),
        Scope.MEMO,
        action="language",
    ),
    Command(
        "memo.format", "f", N_("Format"), N_("Switch between plain text and Markdown"), Scope.MEMO, action="format"
    ),
    Command("memo.close", "escape,q", N_("Back"), N_("Close the memo"), Scope.MEMO, action="close"),
)
