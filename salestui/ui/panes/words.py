"""Words and short formats the panes show for coded values, times and cell-width-limited text."""

from __future__ import annotations

from datetime import datetime

from rich.cells import cell_len, set_cell_size

from salestui.i18n import _
from salestui.services.queue_words import contact_word as contact_word
from salestui.services.queue_words import relative
from salestui.text import one_line


def tier_word(tier: str) -> str:
    return {"vip": _("VIP"), "regular": _("Regular"), "potential": _("Potential")}.get(tier, one_line(tier))


def status_word(status: str) -> str:
    words = {"lead": _("Lead"), "active": _("Active"), "dormant": _("Dormant"), "lost": _("Lost")}
    return words.get(status, one_line(status))


def kind_word(kind: str) -> str:
    words = {
        "call": _("Call"),
        "email": _("E-mail"),
        "meeting": _("Meeting"),
        "visit": _("Visit"),
        "im": _("IM"),
        "note": _("Note"),
        "complaint": _("Complaint"),
        "feedback": _("Feedback"),
    }
    return words.get(kind, one_line(kind))


def direction_word(direction: str, kind: str) -> str:
    """Which way a contact went: a call is incoming or outgoing (呼入/呼出), a message received or sent (收到/发出),
    a meeting, visit or anything else arranged by them or by us (对方发起/我方发起)."""
    if kind == "call":
        words = {"in": _("incoming"), "out": _("outgoing")}
    elif kind in ("email", "im"):
        words = {"in": _("received"), "out": _("sent")}
    else:
        words = {"in": _("by them"), "out": _("by us")}
    return "" if direction == "none" else words.get(direction, one_line(direction))


def priority_word(priority: str) -> str:
    return {"high": _("high"), "normal": _("normal"), "low": _("low")}.get(priority, one_line(priority))


def severity_label(severity: str) -> str:
    """A severity that reads without colour: a symbol and a word."""
    labels = {"high": _("!! high"), "medium": _("! medium"), "low": _("· low")}
    return labels.get(severity, one_line(severity))


DAYS_SHOWN = 999  # from a thousand days on, whole years ('2y'): the Seen column stays narrow


def days_ago(moment: datetime | None, now: datetime) -> str:
    """'today', '3d', '426d', '3y': how long ago, in whole days (years past 999 days); '—' for never."""
    if moment is None:
        return "—"
    days = (now - moment).days
    if days <= 0:
        return _("today")
    if days > DAYS_SHOWN:
        return _("{years}y").format(years=days // 365)
    return _("{days}d").format(days=days)


def days_ago_width() -> int:
    """Cells the widest `days_ago` text takes in the current language."""
    longest = (_("today"), _("{days}d").format(days=DAYS_SHOWN), _("{years}y").format(years=99), "—")
    return max(cell_len(text) for text in longest)


def short_date(moment: datetime, now: datetime, clock_local) -> str:
    """A local date: '11-23' this year, else '2025-11-23'."""
    local, local_now = clock_local(moment), clock_local(now)
    return local.strftime("%m-%d" if local.year == local_now.year else "%Y-%m-%d")


def due_words(due: datetime, now: datetime, clock_local, whole_day: bool = False) -> str:
    """When something is due, relative and absolute, local: 'in 2 h · 11:30', '3 d overdue · 11-23 09:30';
    a `whole_day` item shows its date only ('tomorrow · 11-27')."""
    when = short_date(due, now, clock_local) if whole_day else local_time(due, now, clock_local)
    return f"{relative(due, now, clock_local, whole_day)} · {when}"


def local_time(moment: datetime, now: datetime, clock_local) -> str:
    """A short local time: '14:30' today, '11-23 14:30' this year, else '2025-11-23 14:30'."""
    local, local_now = clock_local(moment), clock_local(now)
    if local.date() == local_now.date():
        return local.strftime("%H:%M")
    if local.year == local_now.year:
        return local.strftime("%m-%d %H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def fit(text: str, width: int) -> str:
    """`text` on one line, cut with '…' or padded to exactly `width` cells (wide characters count two)."""
    if width <= 0:
        return ""
    text = one_line(text)
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
