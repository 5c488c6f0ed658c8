"""`salestui today`: a rep's queue — overdue, today, the next 7 days and the customers due a contact — as a table
for a morning cron e-mail, or as JSON. It only reads: nothing is signed, and the file is not changed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from salestui.cli_database import open_existing
from salestui.cli_output import iso_utc, positive, print_table, safe_json
from salestui.i18n import _
from salestui.text import one_line

if TYPE_CHECKING:
    from salestui.services.context import Context
    from salestui.services.queue_views import DailyQueue, QueueItem

EXIT_OK = 0
TODAY_COLUMNS = {"due": 32, "customer": 20, "kind": 14, "title": 48, "last": 40}

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_commands(
    command: Command, options: Callable[[], argparse.ArgumentParser], wanted: Callable[[str], bool]
) -> None:
    """Declare `today` on the main parser (its options only if `wanted`)."""
    today = command("today", run_today, _("the follow-up queue of a rep (--user; default: you), or the team's"))
    if wanted("today"):
        today.add_argument(
            "--team", action="store_true", help=_("every rep's queue (for a manager or admin: --user says who you are)")
        )
        today.add_argument("--limit", type=positive, metavar="N", help=_("at most N items per group (default: all)"))
        today.add_argument("--json", action="store_true", help=_("print a JSON array instead of a table"))


def run_today(args: argparse.Namespace) -> int:
    from salestui.services import daily_queue

    path = open_existing(args, read_only=True)
    context = daily_queue.reading_as(path, args.user)
    queue = daily_queue.queue(context, logins=[] if args.team else None, limit=args.limit)
    if args.json:
        print(safe_json([item_record(group, item) for group, item in grouped(queue)]))
        return EXIT_OK
    _print_queue(queue, context)
    return EXIT_OK


def grouped(queue: DailyQueue) -> list[tuple[str, QueueItem]]:
    """Every item with the name of its group, in the queue's order."""
    groups = (
        ("overdue", queue.overdue),
        ("today", queue.today),
        ("upcoming", queue.upcoming),
        ("suggested", queue.suggested),
    )
    return [(name, item) for name, items in groups for item in items]


def item_record(group: str, item: QueueItem) -> dict[str, Any]:
    """A queue item as the JSON `today --json` prints."""
    contact = item.last_contact
    return {
        "id": item.id,
        "source": item.source,
        "group": group,
        "customer_id": item.customer_id,
        "customer": item.customer_name,
        "due": iso_utc(item.due),
        "kind": item.kind,
        "title": item.title,
        "priority": item.priority,
        "overdue": item.overdue,
        "rep": item.rep_login,
        "last_contact": None
        if contact is None
        else {"kind": contact.kind, "at": iso_utc(contact.at), "summary": contact.summary},
    }


def _print_queue(queue: DailyQueue, context: Context) -> None:
    from salestui.services import queue_words

    headers = {
        "due": _("due"),
        "customer": _("customer"),
        "kind": _("kind"),
        "title": _("what"),
        "last": _("last contact"),
    }
    if not queue.rep_logins:
        headers = {"rep": _("rep"), **headers}
    titles = {
        "overdue": _("Overdue"),
        "today": _("Today"),
        "upcoming": _("Upcoming (7 days)"),
        "suggested": _("Get in touch (suggested)"),
    }
    printed, now = 0, context.clock.now()
    for group, title in titles.items():
        items = getattr(queue, group)
        if not items:
            continue
        print(f"{'' if printed == 0 else chr(10)}{title} ({len(items)})")
        cells = (
            {
                "rep": one_line(item.rep_login),
                "due": queue_words.due_text(item, now, context.clock.local),
                "customer": one_line(item.customer_name),
                "kind": queue_words.kind_word(item),
                "title": one_line(item.title),
                "last": one_line(queue_words.last_contact_text(item.last_contact, context.clock.local)),
            }
            for item in items
        )
        printed += print_table(sys.stdout, headers, cells, TODAY_COLUMNS)
    if not printed:
        print(_("Nothing due: no follow-ups, promises or deliveries in the next 7 days."), file=sys.stderr)
