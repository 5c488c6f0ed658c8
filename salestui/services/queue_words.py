"""Words for queue items, the same in the app and on the command line: what kind of thing to do, when it is due
(absolute and relative, in local time) and the last real contact in a few words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from salestui.i18n import _
from salestui.services.queue_views import CADENCE, DEAL, PROMISE, LastContact, QueueItem
from salestui.text import one_line

Local = Callable[[datetime], datetime]


def kind_word(item: QueueItem) -> str:
    """'call', 'e-mail', 'to do' (a follow-up); 'our promise' / 'their promise'; 'delivery' / 'payment'; 'get in
    touch' (a suggestion): words inside a line."""
    if item.source == PROMISE:
        return _("our promise") if item.kind == "us" else _("their promise")
    if item.source == DEAL:
        return _("delivery") if item.kind == "delivery" else _("payment")
    if item.source == CADENCE:
        return _("get in touch")
    return contact_word(item.kind) if item.kind else _("to do")


def contact_word(kind: str) -> str:
    """A kind of contact inside a sentence: 'call', 'e-mail', 'visit'."""
    words = {"call": _("call"), "email": _("e-mail"), "meeting": _("meeting"), "visit": _("visit"), "im": _("IM")}
    return words.get(kind, one_line(kind))


def whole_day(item: QueueItem) -> bool:
    """A deal's delivery or payment date is a day, due all of it: it is shown without a time."""
    return item.source == DEAL


def relative(due: datetime, now: datetime, local: Local, whole_day_due: bool = False) -> str:
    """How far off `due` is: 'in 2 h', 'tomorrow', 'in 4 d', '40 min overdue', 'yesterday', '3 d overdue'.

    Days count by the local calendar; a whole-day item is due all that day ('today', never hours)."""
    days = (local(due).date() - local(now).date()).days
    if days == 0 and whole_day_due:
        return _("today")
    if days == 0:
        seconds = int((due - now).total_seconds())
        if seconds == 0:
            return _("now")
        minutes = max(1, abs(seconds) // 60)
        if seconds > 0:
            if minutes < 60:
                return _("in {minutes} min").format(minutes=minutes)
            return _("in {hours} h").format(hours=minutes // 60)
        if minutes < 60:
            return _("{minutes} min overdue").format(minutes=minutes)
        return _("{hours} h overdue").format(hours=minutes // 60)
    if days == 1:
        return _("tomorrow")
    if days == -1:
        return _("yesterday")
    if days > 0:
        return _("in {days} d").format(days=days)
    return _("{days} d overdue").format(days=-days)


def due_text(item: QueueItem, now: datetime, local: Local) -> str:
    """'2026-11-26 15:00 · in 5 h' ('2026-11-28 · in 2 d' for a whole-day item), in local time."""
    day = whole_day(item)
    shown = local(item.due).strftime("%Y-%m-%d" if day else "%Y-%m-%d %H:%M")
    return f"{shown} · {relative(item.due, now, local, day)}"


def last_contact_text(contact: LastContact | None, local: Local) -> str:
    """'call 2026-11-20: Asked for samples', or 'never contacted'."""
    if contact is None:
        return _("never contacted")
    when = local(contact.at).strftime("%Y-%m-%d")
    return _("{kind} {date}: {summary}").format(
        kind=contact_word(contact.kind), date=when, summary=one_line(contact.summary)
    )
