"""Recurrence rules in words, in English and Chinese, and the simple rules a form offers as presets.

`describe` reads one RRULE as the user gave it ('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', no DTSTART) and says it:
"every 2 weeks on Monday" / "每 2 周的周一", "monthly on the last Friday" / "每月最后一个周五", "every weekday" /
"每个工作日", with "until 2027-03-01" / "直到 2027-03-01" or "5 times" / "共 5 次" after it. A rule with parts it
cannot put into words (BYHOUR, BYWEEKNO…) is shown as written, never described wrongly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from salestui.i18n import N_, current_language, translate

WEEKDAYS = {
    "MO": N_("Monday"),
    "TU": N_("Tuesday"),
    "WE": N_("Wednesday"),
    "TH": N_("Thursday"),
    "FR": N_("Friday"),
    "SA": N_("Saturday"),
    "SU": N_("Sunday"),
}
WORKDAYS = ("MO", "TU", "WE", "TH", "FR")
ON_NTH = {
    1: N_("{every} on the first {day}"),
    2: N_("{every} on the second {day}"),
    3: N_("{every} on the third {day}"),
    4: N_("{every} on the fourth {day}"),
    -1: N_("{every} on the last {day}"),
}
_KNOWN = frozenset({"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYSETPOS", "COUNT", "UNTIL", "WKST"})
_POSITIONED_DAY = re.compile(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL = re.compile(r"(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?")

# How often, with and without a count ({count} > 1).
_EVERY = {
    "DAILY": (N_("every day"), N_("every {count} days")),
    "WEEKLY": (N_("every week"), N_("every {count} weeks")),
    "MONTHLY": (N_("monthly"), N_("every {count} months")),
    "YEARLY": (N_("every year"), N_("every {count} years")),
}


@dataclass(frozen=True)
class Preset:
    """A simple rule a form offers: its code, its label and what it is built from (a number, a weekday)."""

    code: str
    label: str  # untranslated
    asks: tuple[str, ...]  # what the form asks for beside it: "count", "weekday", "day" (of the month)


PRESETS = (
    Preset("none", N_("Does not repeat"), ()),
    Preset("days", N_("Every N days"), ("count",)),
    Preset("weeks", N_("Every N weeks on a weekday"), ("count", "weekday")),
    Preset("weekdays", N_("Every weekday (Monday to Friday)"), ()),
    Preset("month_day", N_("Monthly on a day of the month"), ("day",)),
    Preset("month_last", N_("Monthly on the last weekday of a kind"), ("weekday",)),
)


def preset_rule(code: str, count: int = 1, weekday: str = "MO", day: int = 1) -> str:
    """The RRULE a preset makes ('' for none); ValueError for a number out of range or an unknown code."""
    if weekday not in WEEKDAYS:
        raise ValueError(weekday)
    if code == "none":
        return ""
    if code == "weekdays":
        return "FREQ=WEEKLY;BYDAY=" + ",".join(WORKDAYS)
    if code == "month_last":
        return f"FREQ=MONTHLY;BYDAY=-1{weekday}"
    if code == "month_day":
        if not 1 <= day <= 31:
            raise ValueError(day)
        return f"FREQ=MONTHLY;BYMONTHDAY={day}"
    if not 1 <= count <= 999:
        raise ValueError(count)
    interval = f";INTERVAL={count}" if count > 1 else ""
    if code == "days":
        return f"FREQ=DAILY{interval}"
    if code == "weeks":
        return f"FREQ=WEEKLY{interval};BYDAY={weekday}"
    raise ValueError(code)


def describe(rule: str, language: str | None = None) -> str:
    """`rule` in words in `language` (the interface's when None); '' for no rule, the rule itself if unreadable."""
    language = language or current_language()
    text = rule.strip().removeprefix("RRULE:")
    if not text:
        return ""
    parts = _parts(text)
    if parts is None:
        return rule
    words = _how_often(parts, language)
    if words is None:
        return rule
    end = _end(parts, language)
    if end is None:
        return rule
    return _say(N_("{rule}, {end}"), language).format(rule=words, end=end) if end else words


def _say(message: str, language: str) -> str:
    return translate(message, language)


def _parts(text: str) -> dict[str, str] | None:
    parts: dict[str, str] = {}
    for piece in text.upper().split(";"):
        name, equals, value = piece.partition("=")
        if not equals or name not in _KNOWN or name in parts or not value:
            return None
        parts[name] = value
    return parts if parts.get("FREQ") in _EVERY else None


def _how_often(parts: dict[str, str], language: str) -> str | None:
    frequency = parts["FREQ"]
    interval_text = parts.get("INTERVAL", "1")
    if not interval_text.isdigit() or int(interval_text) < 1:
        return None
    interval = int(interval_text)
    days = parts.get("BYDAY", "")
    if "BYSETPOS" in parts:  # BYDAY=FR;BYSETPOS=-1 is the same as BYDAY=-1FR
        if "," in days or not days or not parts["BYSETPOS"].lstrip("+-").isdigit():
            return None
        days = f"{int(parts['BYSETPOS'])}{days}"
    one, many = _EVERY[frequency]
    every = _say(one, language) if interval == 1 else _say(many, language).format(count=interval)
    if frequency in ("DAILY", "WEEKLY") and interval == 1 and days == ",".join(WORKDAYS):
        return _say(N_("every weekday"), language)
    if "BYMONTHDAY" in parts:
        if frequency != "MONTHLY" or days:
            return None
        return _month_day(every, parts["BYMONTHDAY"], language)
    if not days:
        return every
    named = [_POSITIONED_DAY.fullmatch(day) for day in days.split(",")]
    if any(match is None for match in named):
        return None
    positions = {match.group(1) for match in named if match is not None}
    codes = [match.group(2) for match in named if match is not None]
    if positions == {None}:  # plain weekdays
        if frequency == "MONTHLY":
            return None
        names = _say(N_(", "), language).join(_say(WEEKDAYS[code], language) for code in codes)
        return _say(N_("{every} on {days}"), language).format(every=every, days=names)
    if frequency != "MONTHLY" or len(codes) != 1 or None in positions:
        return None
    position = int(named[0].group(1)) if named[0] is not None else 0
    if position not in ON_NTH:
        return None
    return _say(ON_NTH[position], language).format(every=every, day=_say(WEEKDAYS[codes[0]], language))


def _month_day(every: str, value: str, language: str) -> str | None:
    if value == "-1":
        return _say(N_("{every} on the last day"), language).format(every=every)
    if not value.isdigit() or not 1 <= int(value) <= 31:
        return None
    return _say(N_("{every} on day {day}"), language).format(every=every, day=int(value))


def _end(parts: dict[str, str], language: str) -> str | None:
    """', until 2027-03-01' or ', 5 times' without the comma; '' when the series does not end; None if unreadable."""
    if "COUNT" in parts and "UNTIL" in parts:
        return None
    if "COUNT" in parts:
        if not parts["COUNT"].isdigit() or int(parts["COUNT"]) < 1:
            return None
        count = int(parts["COUNT"])
        message = N_("once in all") if count == 1 else N_("{count} times in all")
        return _say(message, language).format(count=count)
    if "UNTIL" in parts:
        found = _UNTIL.fullmatch(parts["UNTIL"])
        if found is None:
            return None
        year, month, day = found.group(1, 2, 3)
        return _say(N_("until {date}"), language).format(date=f"{year}-{month}-{day}")
    return ""
