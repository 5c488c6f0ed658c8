"""Open follow-ups as an iCalendar file (RFC 5545) that a phone or desktop calendar imports.

Each open follow-up is a VEVENT, not a VTODO: Google Calendar ignores VTODO on import and iOS files to-dos in
Reminders, if at all, so an event is what every calendar shows at the time the call is due. It lasts 30 minutes
(the call), and carries:

- UID "<follow-up id>@salestui", the same on every export, so importing again updates the event instead of
  adding a second one; DTSTAMP the export's time;
- DTSTART/DTEND in UTC ("…Z"), at the time it is due (a snoozed one: the time it was put off to);
- SUMMARY "Call 张伟 — Confirm delivery date" (the customer's name first, as a phone shows it);
- DESCRIPTION the customer's phone and the last real contact (when, which kind, its summary);
- PRIORITY 1 / 5 / 9 for high / normal / low (RFC 5545's scale);
- for a series, its RRULE from this occurrence on (COUNT rewritten as the UNTIL of the last occurrence left). A
  series repeats in the rep's wall-clock time (a weekly 09:00 stays 09:00 across a DST change), so its times are
  given in the rep's zone with TZID and a VTIMEZONE (the system's zone is named from $TZ or /etc/localtime); in a
  zone with no name to find they stay in UTC, and after a DST change a repeat may show an hour off until SalesTUI
  schedules the real next occurrence (re-export then);
- a VALARM 10 minutes before (a display reminder).

The icalendar library escapes commas, semicolons and backslashes, folds lines at 75 octets without splitting a
UTF-8 character, and ends lines with CRLF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from dateutil.rrule import rrulestr
from icalendar import Alarm, Calendar, Event, vRecur
from icalendar.timezone import tzid_from_tzinfo

from salestui.clock import from_utc_text
from salestui.db.connection import database
from salestui.db.models import Rep
from salestui.i18n import _
from salestui.services import recurrence
from salestui.services.errors import ValidationError
from salestui.services.specs import INTERACTION

PRODUCT_ID = "-//SalesTUI//Follow-ups//EN"
DURATION = timedelta(minutes=30)
REMINDER = timedelta(minutes=10)
PRIORITIES = {"high": 1, "normal": 5, "low": 9}
REAL_CONTACTS = ("call", "visit", "meeting", "im", "email")  # what counts as a contact (notes do not)
_UTC_NAMES = ("UTC", "Etc/UTC", "GMT", "Etc/GMT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu")
_SEARCH_LIMIT = 10_000  # occurrences read to find where a COUNTed series ends

_NAMES = tuple(
    "id title due_at queue_at snoozed priority rrule customer_name customer_phone last_contact_at last_contact_kind "
    "last_contact_summary rep_login".split()
)
_SELECT = (
    "SELECT f.id, f.title, f.due_at, f.queue_at, f.snoozed_until, f.priority, f.rrule, c.name, c.phone, "
    "(SELECT i.occurred_at FROM interaction i WHERE i.customer_id = c.id AND i.kind IN ({kinds}) "
    "ORDER BY i.occurred_at DESC, i.created_at DESC LIMIT 1), "
    "(SELECT i.kind FROM interaction i WHERE i.customer_id = c.id AND i.kind IN ({kinds}) "
    "ORDER BY i.occurred_at DESC, i.created_at DESC LIMIT 1), "
    "(SELECT i.summary FROM interaction i WHERE i.customer_id = c.id AND i.kind IN ({kinds}) "
    "ORDER BY i.occurred_at DESC, i.created_at DESC LIMIT 1), r.login "
    "FROM follow_up f JOIN customer c ON c.id = f.customer_id JOIN rep r ON r.id = f.rep_id "
    "WHERE f.status = 'open' AND c.merged_into_id IS NULL"
).format(kinds=", ".join(f"'{kind}'" for kind in REAL_CONTACTS))


@dataclass(frozen=True)
class CalendarItem:
    """One open follow-up as the calendar shows it."""

    id: str
    title: str
    due_at: datetime
    queue_at: datetime  # when it is due now: the snoozed time, else due_at
    snoozed: bool
    priority: str
    rrule: str  # as stored: the series' start and its rule, or ''
    customer_name: str
    customer_phone: str
    last_contact_at: datetime | None
    last_contact_kind: str
    last_contact_summary: str
    rep_login: str


def open_follow_ups(login: str | None) -> list[CalendarItem]:
    """The open follow-ups of the rep with `login` (None: every rep's), in the order they are due."""
    params: tuple[Any, ...] = ()
    tail = ""
    if login is not None:
        rep = Rep.get_or_none(Rep.login == login)
        if rep is None:
            logins = ", ".join(row.login for row in Rep.select(Rep.login).order_by(Rep.login))
            raise ValidationError(
                {"user": _("no rep has the login {login} (reps: {logins})").format(login=login, logins=logins or "-")}
            )
        tail, params = " AND f.rep_id = ?", (rep.id,)
    rows = database.execute_sql(f"{_SELECT}{tail} ORDER BY f.queue_at, f.id", params)
    items = []
    for row in rows:
        values = dict(zip(_NAMES, row, strict=True))
        for name in ("due_at", "queue_at", "last_contact_at"):
            values[name] = from_utc_text(values[name]) if values[name] else None
        values["snoozed"] = values["snoozed"] is not None
        for name in ("last_contact_kind", "last_contact_summary"):
            values[name] = values[name] or ""
        items.append(CalendarItem(**values))
    return items


def summary(item: CalendarItem) -> str:
    return _("Call {customer} — {title}").format(customer=item.customer_name, title=item.title)


def description(item: CalendarItem, zone: tzinfo) -> str:
    """The customer's phone and the last real contact, a line each."""
    lines = []
    if item.customer_phone:
        lines.append(_("Phone: {phone}").format(phone=item.customer_phone))
    if item.last_contact_at is None:
        lines.append(_("Last contact: none yet"))
    else:
        kinds = INTERACTION.choice("kind").values
        when = item.last_contact_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        lines.append(
            _("Last contact: {when} ({kind}) {summary}")
            .format(
                when=when,
                kind=_(kinds.get(item.last_contact_kind, item.last_contact_kind)),
                summary=item.last_contact_summary,
            )
            .rstrip()
        )
    if item.snoozed:
        due = item.due_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        lines.append(_("Snoozed; first due {due}").format(due=due))
    return "\n".join(lines)


def remaining_rule(item: CalendarItem, zone: tzinfo) -> str:
    """The series' RRULE from this occurrence on ('' if it does not repeat, or this is its last occurrence)."""
    if not item.rrule or item.snoozed:  # a snoozed occurrence is off its series' beat: it is exported alone
        return ""
    rule = recurrence.rule_text(item.rrule)
    parts = dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)
    if "COUNT" not in parts and "UNTIL" not in parts:
        return rule
    start = recurrence.series_start(item.rrule, zone) or item.due_at.astimezone(zone)
    last = None
    for count, occurrence in enumerate(rrulestr(rule, dtstart=start)):
        if count >= _SEARCH_LIMIT:
            return rule.split(";COUNT=")[0] if "COUNT" in parts else rule
        last = occurrence
    if last is None or last <= item.due_at:
        return ""
    kept = [f"{key}={value}" for key, value in parts.items() if key not in ("COUNT", "UNTIL")]
    return ";".join([*kept, "UNTIL=" + last.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")])


def named_zone(zone: tzinfo, now: datetime) -> tzinfo:
    """`zone`, or the same zone by its name ('Asia/Shanghai') if it has none (the system's zone as tzlocal reads it):
    $TZ or /etc/localtime's link, if that zone has the same offset now. A series needs the name to repeat in it."""
    if tzid_from_tzinfo(zone) is not None:
        return zone
    import os

    from dateutil import tz

    name = os.environ.get("TZ", "").removeprefix(":")
    if not name:
        link = os.path.realpath("/etc/localtime")
        name = link.partition("/zoneinfo/")[2]
    found = tz.gettz(name) if name else None
    if (
        found is None
        or tzid_from_tzinfo(found) is None
        or now.astimezone(found).utcoffset() != now.astimezone(zone).utcoffset()
    ):
        return zone
    return found


def calendar_text(items: list[CalendarItem], now: datetime, zone: tzinfo) -> str:
    """The iCalendar text (CRLF line ends) with one VEVENT per item; `zone` is the rep's (descriptions, series)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("SalesTUI follow-ups"))
    zone = named_zone(zone, now)
    has_name = tzid_from_tzinfo(zone) not in (None, *_UTC_NAMES)
    stamp = now.astimezone(UTC)
    for item in items:
        event = Event()
        event.add("uid", f"{item.id}@salestui")
        event.add("dtstamp", stamp)
        rule = remaining_rule(item, zone)
        start = item.queue_at.astimezone(zone if rule and has_name else UTC)
        event.add("dtstart", start)
        event.add("dtend", start + DURATION)
        event.add("summary", summary(item))
        event.add("description", description(item, zone))
        event.add("priority", PRIORITIES.get(item.priority, 5))
        if rule:
            event.add("rrule", vRecur.from_ical(rule))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary(item))
        alarm.add("trigger", -REMINDER)
        event.add_component(alarm)
        calendar.add_component(event)
    if has_name:
        calendar.add_missing_timezones()
    text: str = calendar.to_ical().decode("utf-8")
    return text
