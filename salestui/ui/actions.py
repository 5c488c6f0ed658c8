"""What each main-screen command does, given the item it acts on; `MainScreen.run_command` dispatches here.

A handler gets the screen (`ActionHost`: open a form, move between panes, show a customer) and the subject the
registry's target names (a `CustomerRef` or a `FollowUpView`, or None for a global command). Reloading the panes
the registry lists after a saved form is the host's job, so handlers only say what to open.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from textual.screen import Screen

from salestui.services import customers, follow_up_changes, promises, timeline
from salestui.services.app_views import CustomerDetail, FollowUpView
from salestui.services.context import Context
from salestui.services.merge import MergeDone
from salestui.services.views import InteractionView
from salestui.ui.contacts_screen import ContactPersonsScreen
from salestui.ui.entry_history import EntryHistoryScreen
from salestui.ui.forms import (
    CompleteForm,
    CustomerForm,
    EditFollowUpForm,
    FollowUpForm,
    InteractionForm,
    PromiseForm,
    ReassignForm,
    SnoozeForm,
)
from salestui.ui.forms.merge import MergePickScreen
from salestui.ui.history_screen import HistoryScreen
from salestui.ui.promise_list import PromiseListScreen
from salestui.ui.quick_capture import QuickCaptureScreen
from salestui.ui.registry import Command, CustomerRef, Pane


class ActionHost(Protocol):
    """What handlers may ask of the main screen."""

    context: Context
    search_delay: float  # how long typing pauses before what was typed is looked up

    def open_form(self, command: Command, form: Screen[Any], then: Callable[[Any], None] | None = None) -> None: ...

    def in_background(self, read: Callable[[], Any], then: Callable[[Any], None]) -> None: ...

    def show_pane(self, index: int, focus: bool = True) -> None: ...

    def step_pane(self, step: int) -> None: ...

    def focus_search(self) -> None: ...

    def show_customer(self, customer_id: str, name: str, keep_scroll: bool) -> None: ...

    def shown_customer_name(self) -> str: ...

    def highlight_entry(self, entry_id: str) -> None: ...

    def reload(self, panes: frozenset[Pane], stay_in_place: bool = False) -> None: ...

    def open_help(self) -> None: ...

    def quit(self) -> None: ...


Handler = Callable[[ActionHost, Command, Any], None]
HANDLERS: dict[str, Handler] = {}


def handles(command_id: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as what `command_id` does."""

    def register(handler: Handler) -> Handler:
        HANDLERS[command_id] = handler
        return handler

    return register


# Customers ---------------------------------------------------------------------------------------------


def show_saved_customer(host: ActionHost) -> Callable[[Any], None]:
    def show(customer: CustomerDetail) -> None:
        host.show_customer(customer.id, customer.name, keep_scroll=True)

    return show


@handles("customer.new")
def new_customer(host: ActionHost, command: Command, _subject: None) -> None:
    """The new customer goes to the Timeline, which takes the focus: the next `l`, `f` or `e` acts on them, not on
    whatever the list (where the new row may be far away) still highlights."""

    def show(customer: CustomerDetail) -> None:
        host.show_customer(customer.id, customer.name, keep_scroll=False)
        host.show_pane(list(Pane).index(Pane.TIMELINE))

    host.open_form(command, CustomerForm(host.context, None), show)


@handles("customer.edit")
def edit_customer(host: ActionHost, command: Command, customer: CustomerRef) -> None:
    """Read the whole record off the UI thread, then open the form on it."""

    def edit(detail: CustomerDetail) -> None:
        host.open_form(command, CustomerForm(host.context, detail), show_saved_customer(host))

    host.in_background(partial(customers.detail, customer.customer_id), edit)


@handles("customer.merge")
def merge_customer(host: ActionHost, command: Command, customer: CustomerRef) -> None:
    """Pick a duplicate, preview and merge it into the highlighted customer; then show the survivor."""

    def show(done: MergeDone) -> None:
        host.show_customer(done.survivor_id, done.survivor_name, keep_scroll=False)

    host.open_form(command, MergePickScreen(host.context, customer), show)


@handles("contact.list")
def list_contact_persons(host: ActionHost, command: Command, customer: CustomerRef) -> None:
    """The screen closes with True if it changed anything, and the panes that show contact persons read again."""
    host.open_form(command, ContactPersonsScreen(host.context, customer.customer_id, customer.name))


@handles("customer.history")
def show_field_history(host: ActionHost, command: Command, customer: CustomerRef) -> None:
    host.open_form(command, HistoryScreen(host.context, customer.customer_id, customer.name))


@handles("interaction.log")
def log_interaction(host: ActionHost, command: Command, customer: CustomerRef) -> None:
    def show(interaction: InteractionView) -> None:
        host.show_customer(interaction.customer_id, customer.name, keep_scroll=False)

    host.open_form(command, InteractionForm(host.context, customer.customer_id, customer.name), show)


# Deals ---------------------------------------------------------------------------------------------------


@handles("deal.new")
def new_deal(host: ActionHost, command: Command, customer: CustomerRef) -> None:
    """A new deal's title and currency, then the deal screen for its lines and terms."""
    from salestui.ui.deal.forms import NewDealForm
    from salestui.ui.deal.screen import DealScreen

    def open_deal(deal: Any) -> None:
        host.open_form(command, DealScreen(host.context, deal.id))

    host.open_form(command, NewDealForm(host.context, customer.customer_id, customer.name), open_deal)


@handles("deal.list")
def list_deals(host: ActionHost, command: Command, customer: CustomerRef) -> None:
    from salestui.ui.deal.list_screen import DealListScreen

    host.open_form(command, DealListScreen(host.context, customer.customer_id, customer.name))


@handles("deal.open")
def open_deal_of_entry(host: ActionHost, command: Command, entry: Any) -> None:
    from salestui.ui.deal.screen import DealScreen

    host.open_form(command, DealScreen(host.context, entry.deal_id))


@handles("deal.all")
def all_deals(host: ActionHost, command: Command, _subject: None) -> None:
    from salestui.ui.deal.list_screen import DealListScreen

    host.open_form(command, DealListScreen(host.context, None, ""))


@handles("interaction.amend")
def amend_interaction(host: ActionHost, command: Command, entry: InteractionView) -> None:
    """The form opens filled with the entry; saving appends an amendment, which the timeline then highlights."""

    def highlight(amendment: InteractionView) -> None:
        host.highlight_entry(amendment.id)

    form = InteractionForm(host.context, entry.customer_id, host.shown_customer_name(), amending=entry)
    host.open_form(command, form, highlight)


@handles("interaction.history")
def interaction_history(host: ActionHost, command: Command, entry: InteractionView) -> None:
    def show(versions: tuple[InteractionView, ...]) -> None:
        host.open_form(command, EntryHistoryScreen(host.context, versions))

    host.in_background(partial(timeline.history, entry.id), show)


# Promises ----------------------------------------------------------------------------------------------


@handles("promise.new")
def new_promise(host: ActionHost, command: Command, customer: CustomerRef) -> None:
    """The customer's deals are read first (off the UI thread), for the form's deal field."""

    def open_form(deals: tuple[tuple[str, str], ...]) -> None:
        host.open_form(command, PromiseForm(host.context, customer.customer_id, customer.name, deals))

    host.in_background(partial(promises.deal_choices, customer.customer_id), open_form)


@handles("promise.list")
def list_promises(host: ActionHost, command: Command, customer: CustomerRef) -> None:
    host.open_form(command, PromiseListScreen(host.context, customer))


# Follow-ups --------------------------------------------------------------------------------------------


@handles("follow-up.new")
def new_follow_up(host: ActionHost, command: Command, customer: CustomerRef) -> None:
    host.open_form(command, FollowUpForm(host.context, customer.customer_id, customer.name))


@handles("follow-up.capture")
def capture_follow_up(host: ActionHost, command: Command, _subject: None) -> None:
    """One typed line names the customer, kind, time and title; the queue reads again once it is saved."""
    host.open_form(command, QuickCaptureScreen(host.context, host.search_delay))


@handles("follow-up.done")
def complete_follow_up(host: ActionHost, command: Command, follow_up: FollowUpView) -> None:
    host.open_form(command, CompleteForm(host.context, follow_up))


@handles("follow-up.snooze")
def snooze_follow_up(host: ActionHost, command: Command, follow_up: FollowUpView) -> None:
    host.open_form(command, SnoozeForm(host.context, follow_up))


@handles("follow-up.edit")
def edit_follow_up(host: ActionHost, command: Command, follow_up: FollowUpView) -> None:
    host.open_form(command, EditFollowUpForm(host.context, follow_up))


@handles("follow-up.reassign")
def reassign_follow_up(host: ActionHost, command: Command, follow_up: FollowUpView) -> None:
    """The reps are read first (off the UI thread), for the pick list."""

    def open_form(reps: list[tuple[str, str]]) -> None:
        host.open_form(command, ReassignForm(host.context, follow_up, reps))

    host.in_background(partial(follow_up_changes.rep_choices, host.context), open_form)


# Moving around and the app -------------------------------------------------------------------------------


@handles("customer.search")
def search(host: ActionHost, _command: Command, _subject: None) -> None:
    host.focus_search()


@handles("pane.next")
def next_pane(host: ActionHost, _command: Command, _subject: None) -> None:
    host.step_pane(1)


@handles("pane.previous")
def previous_pane(host: ActionHost, _command: Command, _subject: None) -> None:
    host.step_pane(-1)


def go_to(pane: Pane) -> Handler:
    def handler(host: ActionHost, _command: Command, _subject: None) -> None:
        host.show_pane(list(Pane).index(pane))

    return handler


for _pane in Pane:
    handles(f"pane.{_pane.value}")(go_to(_pane))


@handles("app.reload")
def reload_everything(host: ActionHost, command: Command, _subject: None) -> None:
    host.reload(command.reloads)


@handles("app.help")
def show_help(host: ActionHost, _command: Command, _subject: None) -> None:
    host.open_help()


@handles("app.quit")
def quit_app(host: ActionHost, _command: Command, _subject: None) -> None:
    host.quit()
