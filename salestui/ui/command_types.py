"""What a key action is: where its binding lives, what it acts on, and the `Command` that declares it.

`registry` lists every command of SalesTUI with these; this module only says what one is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, Protocol, runtime_checkable

from textual.binding import Binding


class Scope(Enum):
    """Where a command's binding lives, so the key works only there."""

    APP = "app"  # anywhere
    MAIN = "main"  # the main screen, whichever pane has focus
    LIST = "list"  # a list or the timeline with focus
    SEARCH = "search"  # the search box
    FORM = "form"  # an open form
    MERGE = "merge"  # the field list of a merge preview
    CONFLICT = "conflict"  # the field list of a save that met another rep's changes
    CONFIRM = "confirm"  # a yes/no question
    HELP = "help"  # the help screen
    CONTACTS = "contacts"  # a customer's contact persons
    HISTORY = "history"  # a customer's field history
    VIEW = "view"  # a read-only view over the main screen (an entry's history) and the promise list
    PROMISES = "promises"  # the promise list
    DEALS = "deals"  # a list of deals
    DEAL = "deal"  # one deal
    DEAL_LINES = "deal-lines"  # a deal's lines being edited
    MEMO = "memo"  # a deal's written confirmation
    CAPTURE = "capture"  # the quick-capture line


class Target(Enum):
    """What a command acts on: the item the focused pane highlights, or nothing in particular."""

    GLOBAL = "global"
    CUSTOMER = "customer"
    INTERACTION = "interaction"
    DEAL = "deal"  # a deal event on the timeline: its deal
    FOLLOW_UP = "follow-up"
    ALERT = "alert"
    QUEUE = "queue"  # the follow-up queue itself: whose it is (mine, the team's, one rep's)


class Pane(Enum):
    """The main screen's panes, in tab order."""

    CUSTOMERS = "customers"
    TIMELINE = "timeline"
    FOLLOW_UPS = "follow-ups"
    ALERTS = "alerts"


@dataclass(frozen=True)
class CustomerRef:
    """The customer a command acts on: the one the focused pane highlights."""

    customer_id: str
    name: str


@dataclass(frozen=True)
class DealRef:
    """The deal a command acts on (a deal due in the queue)."""

    deal_id: str


@dataclass(frozen=True)
class QueueRef:
    """The follow-up queue a command acts on: whose it is (None mine, () the whole team's, (login,) one rep's)."""

    logins: tuple[str, ...] | None


class ActsInstead(Exception):
    """The highlighted item is acted on by another command: done on a promise due opens the customer's promises."""

    def __init__(self, command_id: str, subject: Any) -> None:
        super().__init__(command_id)
        self.command_id = command_id
        self.subject = subject


class NothingHighlighted(Exception):
    """The focused pane can hold what a command acts on, but highlights none now; the message says what to do."""


@runtime_checkable
class HighlightingPane(Protocol):
    """A pane that says what it highlights, so commands act on what the user sees."""

    HIGHLIGHTS: ClassVar[frozenset[Target]]

    def highlighted_item(self, target: Target) -> Any:
        """The highlighted item of kind `target` (one of HIGHLIGHTS); raises NothingHighlighted if there is none."""
        ...


EVERY_PANE = frozenset(Pane)
LISTS_AND_QUEUE = frozenset({Pane.CUSTOMERS, Pane.FOLLOW_UPS, Pane.ALERTS})


@dataclass(frozen=True)
class Command:
    """One action: its binding id, default keys (comma-separated Textual key names) and everything shown about it."""

    id: str
    keys: str
    description: str  # short, untranslated: the footer and the help
    help: str  # one line, untranslated: the help and the palette
    scope: Scope
    action: str = ""  # the Textual action of the binding; main-screen commands run through the registry instead
    palette: str | None = None  # "customer: new", untranslated; None keeps it out of the palette
    target: Target = Target.GLOBAL
    reloads: frozenset[Pane] = frozenset()
    footer: int = 0  # place in the main screen's footer (1 comes first); 0 keeps it out
    priority: bool = False

    @property
    def binding_action(self) -> str:
        return self.action or f"run_command('{self.id}')"

    def binding(self) -> Binding:
        """The Textual binding (its description stays untranslated: what is shown comes from the registry)."""
        return Binding(
            self.keys,
            self.binding_action,
            self.description,
            show=False,
            priority=self.priority,
            tooltip=self.help,
            id=self.id,
        )
