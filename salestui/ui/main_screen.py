"""The main screen: Customers, Timeline, Follow-ups and Alerts; one pane at a time on small terminals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Container
from textual.content import Content
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import alerts
from salestui.services.context import Context
from salestui.text import visible
from salestui.ui import actions, registry, team_view
from salestui.ui.command_types import ActsInstead
from salestui.ui.help_screen import HelpScreen
from salestui.ui.key_footer import KeyFooter
from salestui.ui.live_refresh import LiveRefresh
from salestui.ui.messages import AlertsLoaded, CustomerChosen, CustomerHighlighted, FollowUpsLoaded, ListShown
from salestui.ui.panes.alerts import ALERT_LIMIT, AlertsPane
from salestui.ui.panes.customer_list import CustomerList
from salestui.ui.panes.customers import CustomersPane, SearchInput
from salestui.ui.panes.followups import FollowUpsPane
from salestui.ui.panes.timeline import TimelinePane
from salestui.ui.registry import Command, HighlightingPane, NothingHighlighted, Pane, Scope, Target

NARROW_WIDTH = 100
SHORT_HEIGHT = 30


@dataclass(frozen=True)
class Selected:
    """The customer the timeline shows."""

    customer_id: str
    name: str


def pane_titles() -> list[str]:
    return [registry.pane_title(pane) for pane in Pane]


class MainScreen(Screen):
    """Four panes side by side, or one at a time with an indicator when the terminal is small."""

    BINDINGS = registry.bindings(Scope.MAIN)
    AUTO_FOCUS = "#customer-list"  # not the first focusable widget (the search box): focusing twice costs a restyle

    def __init__(self, context: Context, search_delay: float = 0.15, highlight_delay: float = 0.1) -> None:
        super().__init__(id="main")
        self.context = context
        self.search_delay = search_delay
        self.highlight_delay = highlight_delay
        self.selected: Selected | None = None
        self.list_shown = False  # the other panes load once the customer list is on screen
        self.current_pane = 0
        self.narrow: bool | None = None  # None until laid out
        self.indicator_shown: tuple[object, ...] = ()  # what the pane indicator was last given to show
        self.live = LiveRefresh(self, self.reload, lambda: self.timeline.customer_id)  # other reps' writes

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Static("", id="pane-indicator")
        with Container(id="panes"):
            yield CustomersPane(self.context, self.search_delay, self.highlight_delay, id="customers-pane")
            yield TimelinePane(self.context, id="timeline-pane")
            yield FollowUpsPane(self.context, id="follow-ups-pane")
            yield AlertsPane(self.context, id="alerts-pane")
        yield KeyFooter(self.can_run_here)

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
        self.live.start()

    def on_resize(self, event: events.Resize) -> None:
        self._apply_layout(event.size)

    def _apply_layout(self, size: Size) -> None:
        narrow = size.width < NARROW_WIDTH or size.height < SHORT_HEIGHT
        if narrow == self.narrow:
            return  # start-up sends several resizes; each re-layout restyles the panes
        self.narrow = narrow
        self.set_class(self.narrow, "-narrow")
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
        node: DOMNode | None = event.widget
        panes = self.panes
        while node is not None and node not in panes:
            node = node.parent
        if node is not None and panes.index(node) != self.current_pane:
            self.show_pane(panes.index(node), focus=False)

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "pane-indicator":
            self.show_pane(self.current_pane + (-1 if event.x <= 2 else 1))

    def step_pane(self, step: int) -> None:
        self.show_pane(self.current_pane + step)

    def focus_search(self) -> None:
        self.show_pane(0, focus=False)
        self.query_one(SearchInput).focus()

    def open_help(self) -> None:
        self.open_screen(HelpScreen())

    def quit(self) -> None:
        self.app.exit(return_code=0)

    def open_screen(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> None:
        """Push a form or the help, unless the app is already on its way out (keys typed after q)."""
        if self.app.return_code is None:  # exit() sets it at once
            self.app.push_screen(screen, callback)

    # Commands: each acts on what the focused pane highlights ------------------------------------------------

    def action_run_command(self, command_id: str) -> None:
        self.run_command(command_id)

    def run_command(self, command_id: str) -> None:
        """Run a registry command on the item the focused pane highlights (or the command that acts on that item
        instead: done on a promise due opens the promise list), or say why it cannot run here."""
        command = registry.command(command_id)
        subject = None
        if command.target is not Target.GLOBAL:
            try:
                subject = self.highlighted(command)
            except ActsInstead as instead:
                command, subject = registry.command(instead.command_id), instead.subject
            if subject is None:
                return
        actions.HANDLERS[command.id](self, command, subject)

    def highlighted(self, command: Command) -> Any:
        """What the focused pane highlights of the kind `command` acts on; None (after saying so) if nothing."""
        pane = self.panes[self.current_pane]
        assert isinstance(pane, HighlightingPane)
        if command.target not in pane.HIGHLIGHTS:
            next_key = " / ".join(
                registry.key_text(self.app, registry.command(step)) for step in ("pane.next", "pane.previous")
            )
            text = registry.not_here_text(command, list(Pane)[self.current_pane], next_key)
            self.notify(text, severity="warning", markup=False)
            return None
        try:
            return pane.highlighted_item(command.target)
        except NothingHighlighted as reason:
            self.notify(str(reason), severity="warning", markup=False)
            return None

    def can_run_here(self, command: Command) -> bool:
        """Whether the focused pane highlights the kind of item `command` acts on (the footer shows only those)."""
        pane = self.panes[self.current_pane]
        return command.target is Target.GLOBAL or (
            isinstance(pane, HighlightingPane) and command.target in pane.HIGHLIGHTS
        )

    def open_form(self, command: Command, form: Screen[Any], then: Callable[[Any], None] | None = None) -> None:
        """Open `form`; once it saves, run `then` on what it returned and read again the panes `command` names."""

        def finish(result: Any) -> None:
            if result is None:
                return
            if then is not None:
                then(result)
            self.reload(command.reloads, stay_in_place=command.target is Target.FOLLOW_UP)

        self.open_screen(form, finish)

    def in_background(self, read: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Run `read` in a thread worker, then `then` on its result on the UI thread."""
        self._read_in_background(read, then)

    @work(thread=True, exit_on_error=False, group="detail", exclusive=True)
    def _read_in_background(self, read: Callable[[], Any], then: Callable[[Any], None]) -> None:
        result = read()
        self.app.call_from_thread(then, result)

    def show_customer(self, customer_id: str, name: str, keep_scroll: bool) -> None:
        """Show `customer_id` in the timeline now (after a save)."""
        self.selected = Selected(customer_id, name)
        self.timeline.show(customer_id, keep_scroll=keep_scroll)

    def shown_customer_name(self) -> str:
        """The name of the customer the timeline shows ('' before one is chosen)."""
        return self.timeline.customer.name if self.timeline.customer is not None else ""

    def highlight_entry(self, entry_id: str) -> None:
        """Highlight `entry_id` on the timeline once it is read again (an amendment, say)."""
        self.timeline.follow_id = entry_id

    def reload(self, panes: frozenset[Pane], stay_in_place: bool = False) -> None:
        """Read `panes` again, keeping cursors and scroll positions; `stay_in_place` keeps the queue's position."""
        if Pane.CUSTOMERS in panes:
            self.customer_list.load(self.customer_list.filter_text, keep_cursor=True)
        if Pane.TIMELINE in panes:
            self.timeline.reload()
        if panes & {Pane.FOLLOW_UPS, Pane.ALERTS}:
            self.load_follow_ups_and_alerts(stay_in_place=stay_in_place)

    # Selection -------------------------------------------------------------------------------------------

    def select(self, customer_id: str, name: str) -> None:
        """Show `customer_id` in the timeline (once the list is on screen)."""
        self.selected = Selected(customer_id, name)
        if self.list_shown and self.timeline.customer_id != customer_id:
            self.timeline.show(customer_id)

    def on_customer_highlighted(self, message: CustomerHighlighted) -> None:
        self.select(message.customer_id, message.name)

    def on_customer_chosen(self, message: CustomerChosen) -> None:
        self.select(message.customer_id, message.name)
        if self.narrow:
            self.show_pane(1)

    # Follow-ups and alerts ---------------------------------------------------------------------------------

    def on_list_shown(self, message: ListShown) -> None:
        """The customers are on screen: only now load the timeline, queue and alerts, so they do not hold it up."""
        self.list_shown = True
        if self.selected is not None:
            self.select(self.selected.customer_id, self.selected.name)
        self.load_follow_ups_and_alerts()

    def show_queue_of(self, logins: team_view.Logins) -> None:
        """Show the queue of `logins` (None: mine; (): the team's) in the Follow-ups pane."""
        self.follow_ups.logins = logins
        self.load_follow_ups_and_alerts()

    @work(thread=True, exit_on_error=False, group="follow-ups-and-alerts", exclusive=True)
    def load_follow_ups_and_alerts(self, stay_in_place: bool = False) -> None:
        """Read the daily queue the pane asks for, then the rep's alerts; `stay_in_place` keeps the queue's cursor."""
        read = team_view.read_queue(self.context, self.follow_ups.logins)
        self.post_message(FollowUpsLoaded(read.queue, stay_in_place, read.refused))
        own = read.own_follow_ups(self.context)  # else the alerts read the rep's own
        self.post_message(AlertsLoaded(alerts.alerts(self.context, queue=own, limit=ALERT_LIMIT)))

    def on_follow_ups_loaded(self, message: FollowUpsLoaded) -> None:
        if message.refused:
            self.follow_ups.logins = None
            self.notify(visible(message.refused), severity="warning", markup=False)
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
