"""The lines of the Follow-ups pane: the daily queue's groups, each item in two lines that read without colour.

'! 3 d overdue · 11-23 09:30  normal  张伟 · call · Confirm delivery date', and below it, dim, whose it is (in the
team's queue) and the last real contact: 'last: IM 11-23 “WeChat: confirmed delivery address”'. Promises and deals
due are marked ◆, suggestions to get in touch ○, so they read differently from a planned follow-up.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from salestui.i18n import _
from salestui.services import queue_words
from salestui.services.context import Context
from salestui.services.daily_queue import HORIZON_DAYS
from salestui.services.queue_views import CADENCE, DEAL, PROMISE, DailyQueue, QueueItem
from salestui.text import one_line
from salestui.ui.panes.marked_list import Item
from salestui.ui.panes.words import contact_word, due_words, priority_word, short_date

QUEUE_LIMIT = 200  # read per group; a full group is counted as "200+"
SHOWN_PER_GROUP = 50  # listed per group; a line below says how many more there are
INDENT = "    "  # the second line of an item, under its text (past the ▶ marker and the ! mark)
SOURCE_MARKS = {PROMISE: "◆ ", DEAL: "◆ ", CADENCE: "○ "}


def count_text(count: int) -> str:
    return f"{count}+" if count >= QUEUE_LIMIT else str(count)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def what_text(item: QueueItem) -> str:
    """'call · Confirm delivery date'; '◆ our promise · …' for a promise or a deal, '○ get in touch · no contact…'."""
    title = one_line(item.title)
    if item.source in SOURCE_MARKS:
        return f"{SOURCE_MARKS[item.source]}{queue_words.kind_word(item)} · {title}"
    return f"{contact_word(item.kind)} · {title}" if item.kind else title


def contact_text(item: QueueItem, context: Context) -> str:
    """'last: call 11-20 “Asked for samples”', or 'never contacted'."""
    contact = item.last_contact
    if contact is None:
        return _("never contacted")
    when = short_date(contact.at, context.clock.now(), context.clock.local)
    summary = f" \u201c{one_line(contact.summary)}\u201d" if contact.summary else ""
    return _("last: {kind} {date}").format(kind=contact_word(contact.kind), date=when) + summary


def item_line(item: QueueItem, context: Context, due_width: int = 0, show_rep: bool = False) -> Content:
    """An item's two lines (the due time padded to `due_width` cells so the customers line up)."""
    now = context.clock.now()
    due = due_words(item.due, now, context.clock.local, whole_day=item.source == DEAL)
    priority = priority_word(item.priority)
    rep = f"{one_line(item.rep_login)} · " if show_rep and item.rep_login else ""
    return Content.assemble(
        ("! " if item.overdue else "  ", "bold"),
        (pad(due, due_width), "bold" if item.overdue else ""),
        "  ",
        (pad(priority, priority_width()), "bold" if item.priority == "high" else "dim"),
        "  ",
        (one_line(item.customer_name), "bold"),
        " · ",
        what_text(item),
        "\n" + INDENT,
        (rep + contact_text(item, context), "dim"),
    )


def priority_width() -> int:
    return max(cell_len(priority_word(word)) for word in ("high", "normal", "low"))


def groups(queue: DailyQueue) -> list[tuple[str, str, tuple[QueueItem, ...]]]:
    """(heading, 'N more' text, items) of each group, in the order shown."""
    return [
        (_("! Overdue"), _("… {count} more overdue"), queue.overdue),
        (_("Today"), _("… {count} more today"), queue.today),
        (_("Upcoming"), _("… {count} more upcoming"), queue.upcoming),
        (_("Get in touch, suggested"), _("… {count} more to get in touch with"), queue.suggested),
    ]


def queue_items(queue: DailyQueue, context: Context, show_rep: bool = False) -> list[Item]:
    """A heading per group, its first SHOWN_PER_GROUP items (due times padded alike), then a line counting the rest."""
    now, local = context.clock.now(), context.clock.local
    shown = [(title, more, group, group[:SHOWN_PER_GROUP]) for title, more, group in groups(queue) if group]
    items: list[Item] = []
    for title, more, group, first in shown:
        due_width = max(cell_len(due_words(item.due, now, local, item.source == DEAL)) for item in first)
        heading = Content.styled(f"{title} ({count_text(len(group))})", "bold")
        if group is queue.upcoming:
            heading += Content.styled(" " + _("— the next {days} days").format(days=HORIZON_DAYS), "dim")
        items.append(Item(heading))
        items.extend(
            Item(item_line(item, context, due_width, show_rep), item, id=f"{item.source}-{item.id}") for item in first
        )
        if len(group) > len(first):
            rest = len(group) - len(first)
            rest_text = f"{rest}+" if len(group) >= QUEUE_LIMIT else str(rest)
            items.append(Item(Content.styled(more.format(count=rest_text), "dim")))
    if not items:
        nothing = _("Nothing due: no follow-ups, promises or deals. Press f to plan one.")
        items.append(Item(Content.styled(nothing, "dim")))
    return items


def counts_text(queue: DailyQueue) -> str:
    """'1 overdue · 1 today · 1 upcoming · 2 to get in touch' (the border's subtitle)."""
    return _("{overdue} overdue · {today} today · {upcoming} upcoming · {suggested} suggested").format(
        overdue=count_text(len(queue.overdue)),
        today=count_text(len(queue.today)),
        upcoming=count_text(len(queue.upcoming)),
        suggested=count_text(len(queue.suggested)),
    )


def whose_title(queue: DailyQueue, context: Context) -> str:
    """'Follow-ups' (mine), 'Follow-ups — team', 'Follow-ups — bob'."""
    if queue.rep_logins == (context.rep_login,):
        return _("Follow-ups")
    if not queue.rep_logins:
        return _("Follow-ups — team")
    return _("Follow-ups — {logins}").format(logins=", ".join(one_line(login) for login in queue.rep_logins))
