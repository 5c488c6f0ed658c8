"""The keys of the screens over the main one: a customer's contact persons and field history, an entry's history
and the promise list (declared like every other command, so their ids can be remapped)."""

from __future__ import annotations

from salestui.i18n import N_
from salestui.ui.command_types import Command, Scope

SCREEN_COMMANDS: tuple[Command, ...] = (
    # A customer's contact persons and field history.
    Command("contacts.add", "n", N_("Add"), N_("Add a contact person"), Scope.CONTACTS, action="add"),
    Command(
        "contacts.edit",
        "e,enter",
        N_("Edit"),
        N_("Edit the highlighted contact person"),
        Scope.CONTACTS,
        action="edit",
        priority=True,  # enter edits, rather than the list's own enter
    ),
    Command(
        "contacts.primary",
        "asterisk",
        N_("Make primary"),
        N_("Make the highlighted contact person the primary one"),
        Scope.CONTACTS,
        action="make_primary",
    ),
    Command("contacts.close", "escape", N_("Back"), N_("Close the contact persons"), Scope.CONTACTS, action="close"),
    Command("history.close", "escape,q", N_("Back"), N_("Close the field history"), Scope.HISTORY, action="close"),
    # The history of an entry and the promise list.
    Command("view.close", "escape,q", N_("Close"), N_("Back to the main screen"), Scope.VIEW, action="close"),
    Command(
        "promise.kept",
        "k",
        N_("Kept"),
        N_("Mark the highlighted promise kept"),
        Scope.PROMISES,
        action="settle('kept')",
        priority=True,  # the screen's letters win over the list's own k (up)
    ),
    Command(
        "promise.broken",
        "b",
        N_("Broken"),
        N_("Mark the highlighted promise broken"),
        Scope.PROMISES,
        action="settle('broken')",
        priority=True,
    ),
    Command(
        "promise.cancel",
        "c",
        N_("Cancel"),
        N_("Cancel the highlighted promise (asks why)"),
        Scope.PROMISES,
        action="settle('cancelled')",
        priority=True,
    ),
    Command(
        "promise.amend",
        "A",
        N_("Amend"),
        N_("Correct the highlighted promise: a new version is appended, the original stays"),
        Scope.PROMISES,
        action="amend",
        priority=True,
    ),
)
