"""Words for queue items, the same in the app and on the command line: what kind of thing to do, when it is due
(absolute and relative, in local time) and the last real contact in a few words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from salestui.i18n import _
from salestui.services.queue_views import CADENCE, DEAL, PROMISE, LastContact, QueueItem
from salestui.text import one_line

Local = Callable[[datetime], datetime]


def kind_word(item: QueueItem) -> str:
    """'Call', 'E-mail', 'To do' (a follow-up); 'Our promise' / 'Their promise'; 'Delivery' / 'Payment'; 'Get in
    touch' (a suggestion)."""
    if item.source == PROMISE:
        return _("Our promise") if item.kind == "us" else _("Their promise")
    if item.source == DEAL:
        return _("Delivery") if item.kind == "delivery" else _("Payment")
    if item.source == CADENCE:
        return _("Get in touch")
    return contact_word(item.kind) if item.kind else _("To do")


def contact_word(kind: str) -> str:
    words = {"call": _("Call"), "email": _("E-mail"), "meeting": _("Meeting"), "visit": _("Visit"), "im": _("IM")}
    return words.get(kind, one_line(kind))


def whole_day(item: QueueItem) -> bool:
    """A deal's delivery or payment date is a day, due all of it: it is shown without a time."""
    return item.source == DEAL


def relative(due: datetime, now: datetime, whole_day_due: bool = False, local: Local | None = None) -> str:
    """'in 25 min', 'in 5 h', 'in 3 d', 'now', '2 h overdue', '3 d overdue'; a whole-day item 'today',
    'tomorrow', 'in 3 d', '2 d overdue' by calendar days."""
    if whole_day_due and local is not None:
        days = (local(due).date() - local(now).date()).days
        if days == 0:
            return _("today")
        if days == 1:
            return _("tomorrow")
        return _("in {days} d").format(days=days) if days > 0 else _("{days} d overdue").format(days=-days)
    delta = due - now
    ahead = delta >= timedelta(0)
    span = abs(delta)
    if span < timedelta(minutes=1):
        return _("now")
    if span < timedelta(hours=1):
        amount = span.seconds // 60
        return (
            _("in {minutes} min").format(minutes=amount) if ahead else _("{minutes} min overdue").format(minutes=amount)
        )
    if span < timedelta(days=1):
        amount = span.seconds // 3600
        return _("in {hours} h").format(hours=amount) if ahead else _("{hours} h overdue").format(hours=amount)
    return _("in {days} d").format(days=span.days) if ahead else _("{days} d overdue").format(days=span.days)


def due_text(item: QueueItem, now: datetime, local: Local) -> str:
    """'2026-11-26 15:00 · in 5 h' ('2026-11-28 · in 2 d' for a whole-day item), in local time."""
    day = whole_day(item)
    shown = local(item.due).strftime("%Y-%m-%d" if day else "%Y-%m-%d %H:%M")
    return f"{shown} · {relative(item.due, now, day, local)}"


def last_contact_text(contact: LastContact | None, local: Local) -> str:
    """'Call 2026-11-20: Asked for samples', or 'never contacted'."""
    if contact is None:
        return _("never contacted")
    when = local(contact.at).strftime("%Y-%m-%d")
    return _("{kind} {date}: {summary}").format(
        kind=contact_word(contact.kind), date=when, summary=one_line(contact.summary)
    )
