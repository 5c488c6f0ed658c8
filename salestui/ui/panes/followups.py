"""The Follow-ups pane: the daily queue (follow-ups, promises and deals due, suggestions to get in touch) of the
current rep, or, for a manager, of the team or of one rep."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList

from salestui.i18n import _
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.daily_queue import HORIZON_DAYS
from salestui.services.queue_views import DEAL, FOLLOW_UP, PROMISE, DailyQueue, QueueItem
from salestui.text import one_line
from salestui.ui import registry
from salestui.ui.command_types import ActsInstead, DealRef, QueueRef
from salestui.ui.messages import CustomerChosen
from salestui.ui.panes.marked_list import Item, MarkedList
from salestui.ui.panes.queue_lines import counts_text, queue_items, whose_title


class FollowUpsPane(MarkedList):
    """Pick an item with the cursor; x marks a follow-up done, s snoozes it, enter shows its customer."""

    HIGHLIGHTS = frozenset({registry.Target.FOLLOW_UP, registry.Target.CUSTOMER, registry.Target.QUEUE})

    def __init__(self, context: Context, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.context = context
        self.logins: tuple[str, ...] | None = None  # whose queue to read: None mine, () the team's, (login,) a rep's
        self.border_title = Content(_("Follow-ups"))

    def show(self, queue: DailyQueue, stay_in_place: bool = False) -> None:
        """List `queue`; `stay_in_place` keeps the cursor's position (after done or snooze), else its item."""
        team = len(queue.rep_logins) != 1  # the whole team's: each line says whose it is
        self.set_items(queue_items(queue, self.context, show_rep=team), follow_item=not stay_in_place)
        self.border_title = Content(whose_title(queue, self.context))
        self.border_subtitle = Content(counts_text(queue))

    @property
    def current_item(self) -> QueueItem | None:
        return self.current

    @property
    def selected(self) -> FollowUpView | None:
        """The highlighted follow-up (None on a promise, a deal or a suggestion)."""
        item = self.current_item
        return item.follow_up if item is not None else None

    def highlighted_item(self, target: registry.Target) -> object:
        """Whose queue this is; the highlighted item's customer; or its follow-up. A promise or deal is acted on
        by the promise list or the deal screen instead; a suggestion has nothing to mark done yet."""
        if target is registry.Target.QUEUE:
            return QueueRef(self.logins)
        item = self.current_item
        if item is None:
            if not self.queue_items():
                nothing = _("Nothing is due in this queue in the next {days} days.")
                raise registry.NothingHighlighted(nothing.format(days=HORIZON_DAYS))
            raise registry.NothingHighlighted(_("Select a follow-up first (in the Follow-ups pane)."))
        customer = registry.CustomerRef(item.customer_id, item.customer_name)
        if target is registry.Target.CUSTOMER:
            return customer
        if item.follow_up is not None:
            return item.follow_up
        if item.source == PROMISE:
            raise ActsInstead("promise.list", customer)
        if item.source == DEAL:
            raise ActsInstead("deal.open", DealRef(item.id))
        log, plan = (registry.key_text(self.app, registry.command(key)) for key in ("interaction.log", "follow-up.new"))
        raise registry.NothingHighlighted(
            _("Nothing is planned with {customer} yet: log a contact ({log}) or plan a follow-up ({plan}).").format(
                customer=one_line(item.customer_name), log=log, plan=plan
            )
        )

    def queue_items(self) -> list[QueueItem]:
        """Every item listed, in order."""
        return [option.value for option in self.options if isinstance(option, Item) and option.value is not None]

    def queue_views(self) -> list[FollowUpView]:
        """Every follow-up listed, in order."""
        return [item.follow_up for item in self.queue_items() if item.source == FOLLOW_UP and item.follow_up]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.current_item
        if item is not None:
            self.post_message(CustomerChosen(item.customer_id, item.customer_name))
