"""How quick capture shows what it understood: a customer on one line, and a time both as a date and from now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.content import Content

from salestui.i18n import N_, _
from salestui.services import queue_words
from salestui.services.app_views import FollowUpView
from salestui.services.views import CustomerRow
from salestui.text import one_line

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
WEEK = 7


def customer_line(row: CustomerRow) -> Content:
    """'张伟 · 华信贸易有限公司 · 138 0013 8000' (the name bold; user text is never read as markup)."""
    parts: list[str | tuple[str, str]] = [(one_line(row.name), "bold")]
    for part in (row.company_shown(), row.phone):
        if part:
            parts.append(" · " + one_line(part))
    return Content.assemble(*parts)


def _day_word(day: datetime, today: datetime) -> str:
    """'today', 'tomorrow', 'yesterday', a weekday in the coming week ('Mon'); '' further off."""
    days = (day.date() - today.date()).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days == -1:
        return _("yesterday")
    if 1 < days < WEEK:
        return _(WEEKDAYS[day.weekday()])
    return ""


def when_text(moment: datetime, has_time: bool, now: datetime, local: Callable[[datetime], datetime]) -> str:
    """'Fri 2026-11-27 15:00 · tomorrow 15:00' ('… · in 98 d' beyond a week); says so when no time was
    given or the time has passed."""
    at, local_now = local(moment), local(now)
    clock = at.strftime("%H:%M")
    absolute = "{weekday} {date} {clock}".format(
        weekday=_(WEEKDAYS[at.weekday()]), date=at.strftime("%Y-%m-%d"), clock=clock
    )
    day, distance = _day_word(at, local_now), queue_words.relative(moment, now, local)
    if not day:
        said = distance
    elif distance == day:  # 'tomorrow': the day word says it all
        said = f"{day} {clock}"
    else:
        said = _("{day} {clock} ({distance})").format(day=day, clock=clock, distance=distance)
    text = f"{absolute} · {said}"
    if not has_time:
        text += " · " + _("no time given, so {clock}").format(clock=clock)
    if moment < now:
        text += " · " + _("in the past: it will be overdue at once")
    return text


def planned_text(view: FollowUpView, local: Callable[[datetime], datetime]) -> str:
    """'Planned: The quote · 张伟 · 2026-11-27 15:00', said once a capture is saved."""
    due = local(view.due_at).strftime("%Y-%m-%d %H:%M")
    return _("Planned: {title} · {customer} · {due}").format(
        title=one_line(view.title), customer=one_line(view.customer_name), due=due
    )
