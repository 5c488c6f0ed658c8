"""Reading the times people type: '2026-12-01 14:00', 'tomorrow 10:00', '+3d', 'now', '-2h', '明天 10:00', '周五'."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from salestui.clock import EARLIEST, LATEST, in_range
from salestui.i18n import _

_RELATIVE = re.compile(r"^([+-])\s*(\d+)\s*(m|min|h|d|w)$")
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_DAY_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1, "今天": 0, "明天": 1, "昨天": -1, "后天": 2}
# 周五 / 星期五 (Friday): the next such day, today included, as dateutil reads "friday".
_WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_CHINESE_DAY = re.compile(r"^(今天|明天|昨天|后天|(?:周|星期)([一二三四五六日天]))\s*(.*)$")


class WhenError(ValueError):
    """The text is not a time we can read; the message says what is accepted."""


def out_of_range(moment: datetime) -> str | None:
    """What is wrong with an aware time a service was given, or None: it must fall in 1970-2100."""
    if in_range(moment):
        return None
    return _("must be between 1970-01-01 and 2100-12-31 (UTC)")


def parse_when(text: str, now: datetime, zone: tzinfo) -> datetime:
    """An aware UTC datetime for `text`, read in the user's `zone` relative to `now`.

    WhenError if the text is unreadable (or so large no calendar holds it), or names a time outside 1970-2100.
    """
    try:
        moment = _parse_when(text, now, zone)
    except WhenError:
        raise
    except (ValueError, OverflowError):  # "-99999999d", a year past 9999 in UTC, a 5000-digit amount
        raise WhenError(_cannot_read(text)) from None
    if not in_range(moment):
        raise WhenError(_("{text!r} is out of range: give a time between 1970-01-01 and 2100-12-31").format(text=text))
    return moment


def _cannot_read(text: str) -> str:
    return _("cannot read {text!r} as a time; try 2026-12-01 14:00, tomorrow 10:00, +3d or -2h").format(text=text)


def _parse_when(text: str, now: datetime, zone: tzinfo) -> datetime:
    cleaned = text.strip().lower()
    if not cleaned or cleaned in ("now", "现在"):
        return now
    match = _RELATIVE.match(cleaned)
    if match:
        sign, amount, unit = match.groups()
        delta = timedelta(**{_UNITS[unit]: int(amount)})
        return now + delta if sign == "+" else now - delta
    local_now = now.astimezone(zone)
    word, _sep, rest = cleaned.partition(" ")
    chinese = _CHINESE_DAY.match(cleaned)  # Chinese needs no space before the time: 明天9:00, 周五 10:00
    if chinese:
        word, weekday, rest = chinese.groups()
        if weekday:
            day = local_now.date() + timedelta(days=(_WEEKDAY_NUMBERS[weekday] - local_now.weekday()) % 7)
            return _at(day, rest, zone, now)
    if word in _DAY_WORDS:
        return _at(local_now.date() + timedelta(days=_DAY_WORDS[word]), rest, zone, now)
    from dateutil import parser as date_parser  # loaded only for a date to read (a command pays ~5 ms for it)

    try:
        default = local_now.replace(hour=9, minute=0, second=0, microsecond=0, tzinfo=None)
        parsed = date_parser.parse(text.strip(), default=default)
    except (ValueError, OverflowError):
        raise WhenError(_cannot_read(text)) from None
    if not EARLIEST.year - 1 <= parsed.year <= LATEST.year:  # e.g. 0001-01-01, which no zone can shift
        raise WhenError(_("{text!r} is out of range: give a time between 1970-01-01 and 2100-12-31").format(text=text))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed.astimezone(now.tzinfo)


def _at(day: date, clock_text: str, zone: tzinfo, now: datetime) -> datetime:
    """`day` at the typed time of day (09:00 when none), in `zone`, as the same zone as `now`."""
    clock_time = _parse_time(clock_text) if clock_text else time(9, 0)
    return datetime.combine(day, clock_time, tzinfo=zone).astimezone(now.tzinfo)


def _parse_time(text: str) -> time:
    from dateutil import parser as date_parser

    try:
        return date_parser.parse(text).time()
    except (ValueError, OverflowError):
        raise WhenError(_("cannot read {text!r} as a time of day; try 10:00 or 14:30").format(text=text)) from None
