"""Recurring follow-ups: a series keeps its first start, and its rule is read in local wall-clock time.

The stored rule carries the series' start as an RFC 5545 `DTSTART` line in floating local time
(`DTSTART:20261026T090000` then `RRULE:FREQ=WEEKLY;COUNT=3`), so every follow-up of the series counts
from the same start (COUNT and UNTIL end it) and a weekly 09:00 stays 09:00 across a DST change. The zone is
the rep's (the clock's); a rule stored without a start (SalesTUI 0.1) counts from each follow-up's due time.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from dateutil.rrule import rrule, rrulestr

from salestui.i18n import _

_START = "DTSTART:"
_RULE = "RRULE:"
_STAMP = "%Y%m%dT%H%M%S"


def rule_text(stored: str) -> str:
    """The rule as the user gave it ('FREQ=WEEKLY;COUNT=3'), without the series' start."""
    lines = stored.split("\n")
    return lines[-1].removeprefix(_RULE) if lines[0].startswith(_START) else stored


def series_start(stored: str, zone: tzinfo) -> datetime | None:
    """The first occurrence of the series as an aware local time, or None if the rule does not record it."""
    first = stored.split("\n")[0]
    if not first.startswith(_START):
        return None
    return datetime.strptime(first.removeprefix(_START), _STAMP).replace(tzinfo=zone)


def problem(rule: str, start: datetime, zone: tzinfo) -> str | None:
    """Why `rule` (one RRULE, no DTSTART) cannot repeat a follow-up first due at `start`, or None."""
    if "\n" in rule or _START in rule.upper():
        return _("not a recurrence rule ({error})").format(error=_("give one RRULE without DTSTART"))
    try:
        _build(rule, start.astimezone(zone))
    except (ValueError, TypeError) as error:
        return _("not a recurrence rule ({error})").format(error=error)
    return None


def stored_rule(rule: str, start: datetime, zone: tzinfo) -> str:
    """What a new series stores: its start in local wall-clock time and the rule ('' for no repeat)."""
    if not rule:
        return ""
    local = start.astimezone(zone).replace(microsecond=0)
    return f"{_START}{local.strftime(_STAMP)}\n{_RULE}{rule.removeprefix(_RULE)}"


def next_due(stored: str, due: datetime, after: datetime, zone: tzinfo) -> datetime | None:
    """The series' first occurrence after `after`, counted from its start; None when the series has ended."""
    start = series_start(stored, zone) or due.astimezone(zone)
    following: datetime | None = _build(rule_text(stored), start).after(after)
    return following


def _build(rule: str, start: datetime) -> rrule:
    built = rrulestr(rule.removeprefix(_RULE), dtstart=start)
    assert isinstance(built, rrule)  # one RRULE line never makes a set
    return built
