"""Every key action of SalesTUI, declared once.

Each `Command` names its binding id, default keys, texts (short, long, palette), where its binding lives (`Scope`),
what it acts on (`Target`: the item the focused pane highlights) and which panes read again after it. The widgets'
BINDINGS, the help screen, the command palette and the footer are all made from `COMMANDS`. Keys change in one place
only: `SalesApp.apply_keymap`, which hands Textual the keymap (binding id to keys) and keeps it for the help screen.
The vocabulary (`Scope`, `Target`, `Pane`, `Command`, …) is declared in `command_types` and re-exported here.

Texts are stored untranslated (marked with `N_`) and translated with `_` when shown, so they follow the language
chosen at start-up, not at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.binding import Binding, BindingType

from salestui.i18n import N_, _
from salestui.ui.command_types import (
    EVERY_PANE,
    LISTS_AND_QUEUE,
    Command,
    CustomerRef,
    HighlightingPane,
    NothingHighlighted,
    Pane,
    Scope,
    Target,
)
from salestui.ui.conflict_commands import CONFLICT_COMMANDS
from salestui.ui.deal.commands import DEAL_COMMANDS
from salestui.ui.follow_up_commands import DAILY_LOOP_COMMANDS
from salestui.ui.screen_commands import SCREEN_COMMANDS

__all__ = [
    "EVERY_PANE",
    "LISTS_AND_QUEUE",
    "Command",
    "CustomerRef",
    "HighlightingPane",
    "NothingHighlighted",
    "Pane",
    "Scope",
    "Target",
]


def _movement(key: str, action: str, binding_id: str, description: str, help_text: str) -> Command:
    return Command(binding_id, key, description, help_text, Scope.LIST, action=action)


COMMANDS: tuple[Command, ...] = (
    # Anywhere.
    Command(
        "app.palette",
        "ctrl+p",
        N_("Commands"),
        N_("Open the command palette"),
        Scope.APP,
        action="command_palette",
        footer=9,
        priority=True,
    ),
    # The main screen; each acts on what the focused pane highlights.
    Command(
        "app.help", "question_mark", N_("Help"), N_("Show every key"), Scope.MAIN, palette=N_("app: help"), footer=99
    ),
    Command(
        "customer.search",
        "slash",
        N_("Search"),
        N_("Search customers by name, company, phone or pinyin"),
        Scope.MAIN,
        palette=N_("customer: search"),
        footer=1,
    ),
    Command(
        "customer.new",
        "n",
        N_("New"),
        N_("Add a new customer"),
        Scope.MAIN,
        palette=N_("customer: new"),
        reloads=LISTS_AND_QUEUE,
        footer=2,
    ),
    Command(
        "customer.edit",
        "e",
        N_("Edit"),
        N_("Edit the highlighted customer"),
        Scope.MAIN,
        palette=N_("customer: edit"),
        target=Target.CUSTOMER,
        reloads=LISTS_AND_QUEUE,
        footer=3,
    ),
    Command(
        "customer.merge",
        "M",
        N_("Merge"),
        N_("Merge a duplicate customer into the highlighted one"),
        Scope.MAIN,
        palette=N_("customer: merge"),
        target=Target.CUSTOMER,
        reloads=EVERY_PANE,
    ),
    Command(
        "contact.list",
        "c",
        N_("Contacts"),
        N_("List the highlighted customer's contact persons, to add, edit or make one primary"),
        Scope.MAIN,
        palette=N_("contact: list"),
        target=Target.CUSTOMER,
        reloads=frozenset({Pane.CUSTOMERS, Pane.TIMELINE}),
        footer=11,
    ),
    Command(
        "customer.history",
        "h",
        N_("History"),
        N_("Show every change to the highlighted customer's profile and contact persons, from the ledger"),
        Scope.MAIN,
        palette=N_("customer: history"),
        target=Target.CUSTOMER,
        footer=12,
    ),
    Command(
        "interaction.log",
        "l",
        N_("Log"),
        N_("Log a call, visit or message with the highlighted customer"),
        Scope.MAIN,
        palette=N_("interaction: log"),
        target=Target.CUSTOMER,
        reloads=LISTS_AND_QUEUE,
        footer=4,
    ),
    Command(
        "follow-up.new",
        "f",
        N_("Follow-up"),
        N_("Plan a follow-up with the highlighted customer"),
        Scope.MAIN,
        palette=N_("follow-up: new"),
        target=Target.CUSTOMER,
        reloads=EVERY_PANE,
        footer=5,
    ),
    Command(
        "follow-up.done",
        "x",
        N_("Done"),
        N_("Mark the highlighted follow-up done"),
        Scope.MAIN,
        palette=N_("follow-up: done"),
        target=Target.FOLLOW_UP,
        reloads=EVERY_PANE,
        footer=6,
    ),
    Command(
        "follow-up.snooze",
        "s",
        N_("Snooze"),
        N_("Put the highlighted follow-up off"),
        Scope.MAIN,
        palette=N_("follow-up: snooze"),
        target=Target.FOLLOW_UP,
        reloads=EVERY_PANE,
        footer=7,
    ),
    Command(
        "pane.next",
        "tab",
        N_("Next pane"),
        N_("Move to the next pane"),
        Scope.MAIN,
        palette=N_("pane: next"),
        footer=8,
    ),
    Command(
        "pane.previous",
        "shift+tab",
        N_("Previous pane"),
        N_("Move to the previous pane"),
        Scope.MAIN,
        palette=N_("pane: previous"),
    ),
    Command(
        "pane.customers", "", N_("Customers"), N_("Go to the customer list"), Scope.MAIN, palette=N_("pane: customers")
    ),
    Command("pane.timeline", "", N_("Timeline"), N_("Go to the timeline"), Scope.MAIN, palette=N_("pane: timeline")),
    Command(
        "pane.follow-ups",
        "",
        N_("Follow-ups"),
        N_("Go to the follow-up queue"),
        Scope.MAIN,
        palette=N_("pane: follow-ups"),
    ),
    Command("pane.alerts", "", N_("Alerts"), N_("Go to the alerts"), Scope.MAIN, palette=N_("pane: alerts")),
    Command(
        "app.reload",
        "",
        N_("Reload"),
        N_("Read everything again from the database"),
        Scope.MAIN,
        palette=N_("app: reload"),
        reloads=EVERY_PANE,
    ),
    Command("app.quit", "q", N_("Quit"), N_("Leave SalesTUI"), Scope.MAIN, palette=N_("app: quit"), footer=10),
    # Amendments and promises (the timeline's highlighted entry; the customer the focused pane highlights).
    Command(
        "interaction.amend",
        "A",
        N_("Amend"),
        N_("Correct the highlighted contact: a new version is appended, the original stays"),
        Scope.MAIN,
        palette=N_("interaction: amend"),
        target=Target.INTERACTION,
        reloads=EVERY_PANE,
    ),
    Command(
        "interaction.history",
        "y",
        N_("History"),
        N_("Show every version of the highlighted contact (enter on the timeline too)"),
        Scope.MAIN,
        palette=N_("interaction: history"),
        target=Target.INTERACTION,
    ),
    Command(
        "promise.new",
        "p",
        N_("Promise"),
        N_("Record a promise made by us or by the highlighted customer"),
        Scope.MAIN,
        palette=N_("promise: new"),
        target=Target.CUSTOMER,
        reloads=frozenset({Pane.TIMELINE, Pane.FOLLOW_UPS}),  # promises due are in the queue
    ),
    Command(
        "promise.list",
        "P",
        N_("Promises"),
        N_("List the highlighted customer's promises, to mark them kept, broken or cancelled"),
        Scope.MAIN,
        palette=N_("promise: list"),
        target=Target.CUSTOMER,
        reloads=frozenset({Pane.TIMELINE, Pane.FOLLOW_UPS}),  # promises due are in the queue
    ),
    # Lists and the timeline.
    _movement("up,k", "cursor_up", "cursor.up", N_("Up"), N_("Move up one line")),
    _movement("down,j", "cursor_down", "cursor.down", N_("Down"), N_("Move down one line")),
    _movement("pageup", "page_up", "cursor.page-up", N_("Page up"), N_("Move up one screen")),
    _movement("pagedown", "page_down", "cursor.page-down", N_("Page down"), N_("Move down one screen")),
    _movement("home", "first", "cursor.first", N_("First"), N_("Go to the first line")),
    _movement("end", "last", "cursor.last", N_("Last"), N_("Go to the last line")),
    _movement("enter", "open", "cursor.open", N_("Open"), N_("Show the customer of this line in the timeline")),
    # The search box.
    Command(
        "search.leave",
        "escape,down",
        N_("To list"),
        N_("Go back to the customer list"),
        Scope.SEARCH,
        action="leave",
        footer=1,  # shown only while the search box has focus, where "/" is typed, not bound
    ),
    # Forms and questions.
    Command("form.save", "ctrl+s", N_("Save"), N_("Save what the form holds"), Scope.FORM, action="submit"),
    Command(
        "form.cancel",
        "escape",
        N_("Cancel"),
        N_("Close the form (asks first if you changed it)"),
        Scope.FORM,
        action="cancel",
    ),
    Command("merge.switch", "space", N_("Switch"), N_("Keep this field's other value"), Scope.MERGE, action="switch"),
    Command("merge.survivor", "left", N_("Survivor's"), N_("Keep the survivor's value"), Scope.MERGE, action="keep(0)"),
    Command(
        "merge.merged", "right", N_("Duplicate's"), N_("Keep the duplicate's value"), Scope.MERGE, action="keep(1)"
    ),
    Command("confirm.yes", "y", N_("Yes"), N_("Answer yes"), Scope.CONFIRM, action="answer(True)"),
    Command("confirm.no", "n,escape", N_("No"), N_("Answer no"), Scope.CONFIRM, action="answer(False)"),
    Command("help.close", "escape,q,question_mark", N_("Close"), N_("Close the help"), Scope.HELP, action="close"),
)

COMMANDS = (*COMMANDS, *DAILY_LOOP_COMMANDS, *SCREEN_COMMANDS, *DEAL_COMMANDS, *CONFLICT_COMMANDS)
BY_ID: dict[str, Command] = {command.id: command for command in COMMANDS}


def command(command_id: str) -> Command:
    return BY_ID[command_id]


def bindings(scope: Scope, without: frozenset[str] = frozenset()) -> list[BindingType]:
    """The BINDINGS of the widget or screen where `scope`'s commands live (less the ids in `without`)."""
    return [entry.binding() for entry in COMMANDS if entry.scope is scope and entry.keys and entry.id not in without]


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """Binding ids in `keymap` that no command has (a typo in a config would silently do nothing)."""
    return [binding_id for binding_id in keymap if binding_id not in BY_ID or not BY_ID[binding_id].keys]


def keys_in_effect(entry: Command, keymap: Mapping[str, str]) -> list[str]:
    """The Textual key names that run `entry` now: the keymap's, else the defaults."""
    keys = keymap.get(entry.id, entry.keys)
    return [key.strip() for key in keys.split(",") if key.strip()]


@runtime_checkable
class RemappableApp(Protocol):
    """An app that keeps the keymap it gave Textual (binding id to keys), so the keys in effect can be shown."""

    keymap: dict[str, str]


def key_texts(app: App[Any], entry: Command) -> list[str]:
    """How the keys that run `entry` in `app` now are shown ('?', '^p', '↑')."""
    keymap = app.keymap if isinstance(app, RemappableApp) else {}
    return [app.get_key_display(Binding(key, "")) for key in keys_in_effect(entry, keymap)]


def key_text(app: App[Any], entry: Command) -> str:
    """The first key that runs `entry` in `app` now, as shown ('' if none)."""
    texts = key_texts(app, entry)
    return texts[0] if texts else ""


def palette_commands() -> list[Command]:
    return [entry for entry in COMMANDS if entry.palette is not None]


def footer_commands() -> list[Command]:
    """The commands the main screen's footer may show, most important first (help last)."""
    return sorted((entry for entry in COMMANDS if entry.footer), key=lambda entry: entry.footer)


def help_sections() -> list[tuple[str, list[Command]]]:
    """(title, commands) per part of the help screen."""
    titles = [
        (_("Everywhere"), (Scope.APP, Scope.MAIN)),
        (_("In lists and the timeline"), (Scope.LIST,)),
        (_("In the search box"), (Scope.SEARCH,)),
        (_("In forms"), (Scope.FORM, Scope.CONFIRM, Scope.MERGE, Scope.CONFLICT)),
        (_("In a customer's contact persons"), (Scope.CONTACTS,)),
        (_("In a customer's field history"), (Scope.HISTORY,)),
        (_("In the promise list and an entry's history"), (Scope.PROMISES, Scope.VIEW)),
        (_("In deals"), (Scope.DEALS, Scope.DEAL, Scope.DEAL_LINES, Scope.MEMO)),
        (_("In quick capture"), (Scope.CAPTURE,)),
    ]
    return [(title, [entry for entry in COMMANDS if entry.scope in scopes]) for title, scopes in titles]


def pane_title(pane: Pane) -> str:
    titles = {
        Pane.CUSTOMERS: _("Customers"),
        Pane.TIMELINE: _("Timeline"),
        Pane.FOLLOW_UPS: _("Follow-ups"),
        Pane.ALERTS: _("Alerts"),
    }
    return titles[pane]


# Where each kind of item is highlighted, and its name in "acts on a follow-up".
HOME_PANES = {
    Target.CUSTOMER: Pane.CUSTOMERS,
    Target.INTERACTION: Pane.TIMELINE,
    Target.FOLLOW_UP: Pane.FOLLOW_UPS,
    Target.ALERT: Pane.ALERTS,
    Target.QUEUE: Pane.FOLLOW_UPS,
}
TARGET_NOUNS = {
    Target.CUSTOMER: N_("a customer"),
    Target.INTERACTION: N_("an interaction"),
    Target.FOLLOW_UP: N_("a follow-up"),
    Target.ALERT: N_("an alert"),
    Target.QUEUE: N_("the follow-up queue"),
}


def not_here_text(entry: Command, pane: Pane, key_display: str) -> str:
    """Why `entry` does nothing in `pane`, and where to go instead (`key_display`: the next-pane key)."""
    return _(
        "{command} acts on {thing}, which the {pane} pane does not show: go to {home} ({key}) and pick one."
    ).format(
        command=_(entry.description),
        thing=_(TARGET_NOUNS[entry.target]),
        pane=pane_title(pane),
        home=pane_title(HOME_PANES[entry.target]),
        key=key_display,
    )
