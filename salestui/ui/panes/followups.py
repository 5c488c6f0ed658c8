"""The Follow-ups pane: the current rep's open follow-ups under Overdue, Today and Upcoming."""

from __future__ import annotations

from textual import work
from textual.content import Content
from textual.widgets import OptionList
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import followups
from salestui.services.context import Context
from salestui.services.views import FollowUpQueue, FollowUpView
from salestui.text import one_line
from salestui.ui.messages import CustomerChosen, FollowUpsLoaded
from salestui.ui.panes.marked_list import Item, MarkedList
from salestui.ui.panes.words import local_time, priority_word

QUEUE_LIMIT = 200  # per group; a full group is shown as "200+"


def count_text(count: int) -> str:
    return f"{count}+" if count >= QUEUE_LIMIT else str(count)


def follow_up_line(item: FollowUpView, context: Context, overdue: bool) -> Content:
    """'! 11-23 09:30  normal  张伟 — Confirm delivery date' (the ! marks an overdue one)."""
    due = local_time(item.queue_at, context.clock.now(), context.clock.local)
    priority = priority_word(item.priority)
    return Content.assemble(
        ("! " if overdue else "", "bold"), (due, "bold" if overdue else ""), "  ",
        (priority, "bold" if item.priority == "high" else "dim"), "  ",
        one_line(item.customer_name), " — ", one_line(item.title),
    )


def queue_items(queue: FollowUpQueue, context: Context) -> list[Item]:
    items: list[Item] = []
    groups = ((_("! Overdue"), queue.overdue, True), (_("Today"), queue.today, False),
              (_("Upcoming"), queue.upcoming, False))
    for title, group, overdue in groups:
        if not group:
            continue
        items.append(Item(Content.styled(f"{title} ({count_text(len(group))})", "bold")))
        items.extend(Item(follow_up_line(entry, context, overdue), entry, id=f"f-{entry.id}") for entry in group)
    if not items:
        items.append(Item(Content.styled(_("No open follow-ups. Press f to plan one."), "dim")))
    return items


class FollowUpsPane(MarkedList):
    """Pick a follow-up with the cursor; x marks it done, s snoozes it, enter shows its customer."""

    def __init__(self, context: Context, id: str | None = None) -> None:
        super().__init__(id=id)
        self.add_class("pane")
        self.context = context
        self.border_title = Content(_("Follow-ups"))

    def on_mount(self) -> None:
        self.load()

    def load(self, stay_in_place: bool = False) -> None:
        """Read the queue again; `stay_in_place` keeps the cursor's position (after done or snooze), else its item."""
        self._load(stay_in_place)

    @work(thread=True, exit_on_error=False, group="follow-ups", exclusive=True)
    def _load(self, stay_in_place: bool) -> None:
        self.post_message(FollowUpsLoaded(followups.queue(self.context, limit=QUEUE_LIMIT), stay_in_place))

    def on_follow_ups_loaded(self, message: FollowUpsLoaded) -> None:
        message.stop()
        queue = message.queue
        self.set_items(queue_items(queue, self.context), follow_item=not message.stay_in_place)
        overdue, today, upcoming = (count_text(len(group)) for group in (queue.overdue, queue.today, queue.upcoming))
        self.border_subtitle = Content(_("{overdue} overdue · {today} today · {upcoming} later").format(
            overdue=overdue, today=today, upcoming=upcoming))

    @property
    def selected(self) -> FollowUpView | None:
        return self.current

    def queue_views(self) -> list[FollowUpView]:
        """Every follow-up listed, in order."""
        return [option.value for option in self.options if isinstance(option, Item) and option.value is not None]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.current
        if item is not None:
            self.post_message(CustomerChosen(item.customer_id, item.customer_name))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.notify(_("Could not load follow-ups: {error}").format(error=event.worker.error),
                        severity="error", markup=False)
