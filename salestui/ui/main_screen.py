"""The main screen: Customers, Timeline, Follow-ups and Alerts; one pane at a time on small terminals."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Container
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import alerts, customers, followups
from salestui.services.context import Context
from salestui.services.views import CustomerDetail, FollowUpView, InteractionView
from salestui.text import visible
from salestui.ui.forms import CompleteForm, CustomerForm, FollowUpForm, InteractionForm, SnoozeForm
from salestui.ui.help_screen import HelpScreen
from salestui.ui.key_footer import KeyFooter
from salestui.ui.keys import bind, retranslate
from salestui.ui.messages import (
    AlertsLoaded,
    CustomerChosen,
    CustomerHighlighted,
    DetailLoaded,
    FollowUpsLoaded,
    ListShown,
)
from salestui.ui.panes.alerts import ALERT_LIMIT, AlertsPane
from salestui.ui.panes.customer_list import CustomerList
from salestui.ui.panes.customers import CustomersPane, SearchInput
from salestui.ui.panes.followups import QUEUE_LIMIT, FollowUpsPane
from salestui.ui.panes.timeline import TimelinePane

NARROW_WIDTH = 100
SHORT_HEIGHT = 30


@dataclass(frozen=True)
class Selected:
    """The customer the timeline shows, which e, l and f act on."""

    customer_id: str
    name: str


def pane_titles() -> list[str]:
    return [_("Customers"), _("Timeline"), _("Follow-ups"), _("Alerts")]


class MainScreen(Screen):
    """Four panes side by side, or one at a time with an indicator when the terminal is small."""

    BINDINGS = [
        bind("question_mark", "help", "app.help", show=True, key_display="?"),
        bind("slash", "search", "customer.search", show=True, key_display="/"),
        bind("n", "new_customer", "customer.new", show=True),
        bind("e", "edit_customer", "customer.edit", show=True),
        bind("l", "log_interaction", "interaction.log", show=True),
        bind("f", "new_follow_up", "follow-up.new", show=True),
        bind("x", "complete_follow_up", "follow-up.done", show=True),
        bind("s", "snooze_follow_up", "follow-up.snooze", show=True),
        bind("tab", "next_pane", "pane.next"),
        bind("shift+tab", "previous_pane", "pane.previous"),
        bind("q", "quit", "app.quit", show=True),
    ]
    AUTO_FOCUS = "#customer-list"  # not the first focusable widget (the search box): focusing twice costs a restyle

    def __init__(self, context: Context, search_delay: float = 0.15, highlight_delay: float = 0.1) -> None:
        super().__init__(id="main")
        retranslate(self)
        self.context = context
        self.search_delay = search_delay
        self.highlight_delay = highlight_delay
        self.selected: Selected | None = None
        self.list_shown = False  # the other panes load once the customer list is on screen
        self.current_pane = 0
        self.narrow: bool | None = None  # None until laid out
        self.indicator_shown: tuple[object, ...] = ()  # what the pane indicator was last given to show

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Static("", id="pane-indicator")
        with Container(id="panes"):
            yield CustomersPane(self.context, self.search_delay, self.highlight_delay, id="customers-pane")
            yield TimelinePane(self.context, id="timeline-pane")
            yield FollowUpsPane(self.context, id="follow-ups-pane")
            yield AlertsPane(self.context, id="alerts-pane")
        yield KeyFooter(show_command_palette=False)

    # The panes -----------------------------------------------------------------------------------------

    @property
    def panes(self) -> list[Widget]:
        return list(self.query_one("#panes").children)

    @property
    def customer_list(self) -> CustomerList:
        return self.query_one(CustomerList)

    @property
    def timeline(self) -> TimelinePane:
        return self.query_one(TimelinePane)

    @property
    def follow_ups(self) -> FollowUpsPane:
        return self.query_one(FollowUpsPane)

    @property
    def alerts(self) -> AlertsPane:
        return self.query_one(AlertsPane)

    def focus_target(self, index: int) -> Widget:
        pane = self.panes[index]
        return self.customer_list if isinstance(pane, CustomersPane) else pane

    def on_mount(self) -> None:
        self._apply_layout(self.app.size)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_layout(event.size)

    def _apply_layout(self, size: Size) -> None:
        narrow = size.width < NARROW_WIDTH or size.height < SHORT_HEIGHT
        if narrow == self.narrow:
            return  # start-up sends several resizes; each re-layout restyles the panes
        self.narrow = narrow
        self.set_class(self.narrow, "-narrow")
        self.query_one(Footer).compact = self.narrow
        for index, pane in enumerate(self.panes):
            pane.display = not self.narrow or index == self.current_pane
        self._update_indicator()

    def _update_indicator(self) -> None:
        titles = pane_titles()
        shown = (self.current_pane, *titles, _("tab: next pane · shift+tab: previous"))
        if shown == self.indicator_shown:  # unchanged: an update would lay out the whole screen again (`/`)
            return
        self.indicator_shown = shown
        self.query_one("#pane-indicator", Static).update(
            Content.assemble(
                ("◀ ", "bold"),
                (titles[self.current_pane], "bold reverse"),
                f" {self.current_pane + 1}/{len(titles)} ",
                ("▶", "bold"),
                ("   " + _("tab: next pane · shift+tab: previous"), "dim"),
            )
        )
        for index, pane in enumerate(self.panes):
            pane.set_class(index == self.current_pane, "-current")

    def show_pane(self, index: int, focus: bool = True) -> None:
        """Make pane `index` the current one (the only one shown when narrow) and focus it."""
        self.current_pane = index % len(self.panes)
        if self.narrow:
            for number, pane in enumerate(self.panes):
                pane.display = number == self.current_pane
        self._update_indicator()
        if focus:
            self.focus_target(self.current_pane).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        node = event.widget
        panes = self.panes
        while node is not None and node not in panes:
            node = node.parent
        if node is not None and panes.index(node) != self.current_pane:
            self.show_pane(panes.index(node), focus=False)

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "pane-indicator":
            self.show_pane(self.current_pane + (-1 if event.x <= 2 else 1))

    def action_next_pane(self) -> None:
        self.show_pane(self.current_pane + 1)

    def action_previous_pane(self) -> None:
        self.show_pane(self.current_pane - 1)

    def action_search(self) -> None:
        self.show_pane(0, focus=False)
        self.query_one(SearchInput).focus()

    def action_help(self) -> None:
        sections = [
            (_("Everywhere"), [self.app, self]),
            (_("In lists and the timeline"), [self.customer_list, self.timeline, self.follow_ups, self.alerts]),
            (_("In the search box"), [self.query_one(SearchInput)]),
        ]
        self.open_screen(HelpScreen(sections))

    def action_quit(self) -> None:
        self.app.action_quit()

    def open_screen(self, screen: Screen, callback=None) -> None:
        """Push a form or the help, unless the app is already on its way out (keys typed after q)."""
        if not self.app.quitting:
            self.app.push_screen(screen, callback)

    # Selection -------------------------------------------------------------------------------------------

    def select(self, customer_id: str, name: str) -> None:
        """Show `customer_id` in the timeline (once the list is on screen); e, l and f now act on it."""
        self.selected = Selected(customer_id, name)
        if self.list_shown and self.timeline.customer_id != customer_id:
            self.timeline.show(customer_id)

    def on_customer_highlighted(self, message: CustomerHighlighted) -> None:
        self.select(message.customer_id, message.name)

    def on_customer_chosen(self, message: CustomerChosen) -> None:
        self.select(message.customer_id, message.name)
        if self.narrow:
            self.show_pane(1)

    def current_customer(self) -> Selected | None:
        """The selected customer, taking the list's cursor at once if it moved within the debounce."""
        customer_list = self.customer_list
        waiting = customer_list.highlight_pending and customer_list.total != 0
        if waiting and (self.selected is None or self.current_pane == 0):
            row = customer_list.post_highlight_now()
            if row is None:
                self.notify(_("The customer under the cursor is still loading; try again in a moment."))
                return None
            self.select(row.id, row.name)
        if self.selected is None:
            self.notify(_("Select a customer first (in the Customers pane)."), severity="warning")
        return self.selected

    def current_follow_up(self) -> FollowUpView | None:
        follow_up = self.follow_ups.selected
        if follow_up is None:
            self.notify(_("Select a follow-up first (in the Follow-ups pane)."), severity="warning")
        return follow_up

    # Forms -----------------------------------------------------------------------------------------------

    def action_new_customer(self) -> None:
        self.open_screen(CustomerForm(self.context, None), self._customer_saved)

    def action_edit_customer(self) -> None:
        selected = self.current_customer()
        if selected is not None:
            self._load_detail(selected.customer_id)

    @work(thread=True, exit_on_error=False, group="detail", exclusive=True)
    def _load_detail(self, customer_id: str) -> None:
        self.post_message(DetailLoaded(customers.detail(customer_id)))

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        self.open_screen(CustomerForm(self.context, message.customer), self._customer_saved)

    def _customer_saved(self, customer: CustomerDetail | None) -> None:
        if customer is None:
            return
        self.selected = Selected(customer.id, customer.name)
        self.timeline.show(customer.id, keep_scroll=True)
        self.reload_all(timeline=False)

    def action_log_interaction(self) -> None:
        selected = self.current_customer()
        if selected is not None:
            form = InteractionForm(self.context, selected.customer_id, selected.name)
            self.open_screen(form, self._interaction_saved)

    def _interaction_saved(self, interaction: InteractionView | None) -> None:
        if interaction is not None:
            self.timeline.show(interaction.customer_id)
            self.reload_all(timeline=False)

    def action_new_follow_up(self) -> None:
        selected = self.current_customer()
        if selected is not None:
            form = FollowUpForm(self.context, selected.customer_id, selected.name)
            self.open_screen(form, self._follow_up_changed)

    def action_complete_follow_up(self) -> None:
        follow_up = self.current_follow_up()
        if follow_up is not None:
            self.open_screen(CompleteForm(self.context, follow_up), self._follow_up_handled)

    def action_snooze_follow_up(self) -> None:
        follow_up = self.current_follow_up()
        if follow_up is not None:
            self.open_screen(SnoozeForm(self.context, follow_up), self._follow_up_handled)

    def _follow_up_changed(self, result: object) -> None:
        if result is not None:
            self.reload_all()

    def _follow_up_handled(self, result: object) -> None:
        """Done or snoozed: the cursor stays where it was, on the next follow-up to work through."""
        if result is not None:
            self.reload_all(follow_ups_in_place=True)

    def reload_all(self, timeline: bool = True, follow_ups_in_place: bool = False) -> None:
        """Read every pane again, keeping cursors and scroll positions."""
        self.customer_list.load(self.customer_list.filter_text, keep_cursor=True)
        if timeline:
            self.timeline.reload()
        self.load_follow_ups_and_alerts(stay_in_place=follow_ups_in_place)

    # Follow-ups and alerts ---------------------------------------------------------------------------------

    def on_list_shown(self, message: ListShown) -> None:
        """The customers are on screen: only now load the timeline, queue and alerts, so they do not hold it up."""
        self.list_shown = True
        if self.selected is not None:
            self.select(self.selected.customer_id, self.selected.name)
        self.load_follow_ups_and_alerts()

    @work(thread=True, exit_on_error=False, group="follow-ups-and-alerts", exclusive=True)
    def load_follow_ups_and_alerts(self, stay_in_place: bool = False) -> None:
        """Read the follow-up queue, then the alerts; `stay_in_place` keeps the queue's cursor position."""
        queue = followups.queue(self.context, limit=QUEUE_LIMIT)
        self.post_message(FollowUpsLoaded(queue, stay_in_place))
        self.post_message(AlertsLoaded(alerts.alerts(self.context, queue=queue, limit=ALERT_LIMIT)))

    def on_follow_ups_loaded(self, message: FollowUpsLoaded) -> None:
        self.follow_ups.show(message.queue, message.stay_in_place)

    def on_alerts_loaded(self, message: AlertsLoaded) -> None:
        self.alerts.show(message.alerts)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        if event.worker.group == "follow-ups-and-alerts":
            text = _("Could not load follow-ups and alerts: {error}")
        else:
            text = _("Could not open the customer: {error}")
        self.notify(visible(text.format(error=event.worker.error)), severity="error", markup=False)
