"""The Follow-ups pane: the current rep's open follow-ups under Overdue, Today and Upcoming."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList

from salestui.i18n import _
from salestui.services.app_views import FollowUpQueue, FollowUpView
from salestui.services.context import Context
from salestui.text import one_line
from salestui.ui import registry
from salestui.ui.messages import CustomerChosen
from salestui.ui.panes.marked_list import Item, MarkedList
from salestui.ui.panes.words import local_time, priority_word

QUEUE_LIMIT = 200  # read per group; a full group is counted as "200+"
SHOWN_PER_GROUP = 50  # listed per group; a line below says how many more there are


def count_text(count: int) -> str:
    return f"{count}+" if count >= QUEUE_LIMIT else str(count)


def follow_up_line(item: FollowUpView, context: Context, overdue: bool) -> Content:
    """'! 11-23 09:30  normal  张伟 — Confirm delivery date' (the ! marks an overdue one)."""
    due = local_time(item.queue_at, context.clock.now(), context.clock.local)
    priority = priority_word(item.priority)
    return Content.assemble(
        ("! " if overdue else "", "bold"),
        (due, "bold" if overdue else ""),
        "  ",
        (priority, "bold" if item.priority == "high" else "dim"),
        "  ",
        one_line(item.customer_name),
        " — ",
        one_line(item.title),
    )


def queue_items(queue: FollowUpQueue, context: Context) -> list[Item]:
    """A heading per group, its first SHOWN_PER_GROUP follow-ups, then a line counting the rest."""
    items: list[Item] = []
    groups = (
        (_("! Overdue"), _("… {count} more overdue"), queue.overdue, True),
        (_("Today"), _("… {count} more today"), queue.today, False),
        (_("Upcoming"), _("… {count} more upcoming"), queue.upcoming, False),
    )
    for title, more, group, overdue in groups:
        if not group:
            continue
        items.append(Item(Content.styled(f"{title} ({count_text(len(group))})", "bold")))
        shown = group[:SHOWN_PER_GROUP]
        items.extend(Item(follow_up_line(entry, context, overdue), entry, id=f"f-{entry.id}") for entry in shown)
        if len(group) > len(shown):
            rest = len(group) - len(shown)
            items.append(
                Item(Content.styled(more.format(count=f"{rest}+" if len(group) >= QUEUE_LIMIT else rest), "dim"))
            )
    if not items:
        items.append(Item(Content.styled(_("No open follow-ups. Press f to plan one."), "dim")))
    return items


class FollowUpsPane(MarkedList):
    """Pick a follow-up with the cursor; x marks it done, s snoozes it, enter shows its customer."""

    HIGHLIGHTS = frozenset({registry.Target.FOLLOW_UP, registry.Target.CUSTOMER})

    def __init__(self, context: Context, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.context = context
        self.border_title = Content(_("Follow-ups"))

    def show(self, queue: FollowUpQueue, stay_in_place: bool = False) -> None:
        """List `queue`; `stay_in_place` keeps the cursor's position (after done or snooze), else its item."""
        self.set_items(queue_items(queue, self.context), follow_item=not stay_in_place)
        overdue, today, upcoming = (count_text(len(group)) for group in (queue.overdue, queue.today, queue.upcoming))
        self.border_subtitle = Content(
            _("{overdue} overdue · {today} today · {upcoming} upcoming").format(
                overdue=overdue, today=today, upcoming=upcoming
            )
        )

    @property
    def selected(self) -> FollowUpView | None:
        return self.current

    def highlighted_item(self, target: registry.Target) -> FollowUpView | registry.CustomerRef:
        """The highlighted follow-up, or its customer."""
        item = self.current
        if item is None:
            if not self.queue_views():
                raise registry.NothingHighlighted(_("You have no open follow-ups."))
            raise registry.NothingHighlighted(_("Select a follow-up first (in the Follow-ups pane)."))
        if target is registry.Target.CUSTOMER:
            return registry.CustomerRef(item.customer_id, item.customer_name)
        return item

    def queue_views(self) -> list[FollowUpView]:
        """Every follow-up listed, in order."""
        return [option.value for option in self.options if isinstance(option, Item) and option.value is not None]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.current
        if item is not None:
            self.post_message(CustomerChosen(item.customer_id, item.customer_name))
