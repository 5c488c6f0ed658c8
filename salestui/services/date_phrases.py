"""Date phrases as people type them ("tomorrow 3pm", "next monday 10:00", "明天下午3点", "+3d") and when they mean.

Pure functions, no database. A phrase is a day, a part of the day and a time of day, each optional but one there,
in that order (a time may also come first: "3pm tomorrow"); the words are in services/date_phrase_words.py.

The rules, so that nothing is silently guessed (an unclear phrase raises `UnclearDate`, whose message asks):
- Times are local wall-clock time in `zone`. One in a DST gap moves forward by the gap (02:30 -> 03:30); one in
  an overlap is the first of the two (the earlier instant, still on summer time).
- A day alone means that day at 09:00 (`has_time` False); its part of the day gives its time (morning 09:00,
  noon 12:00, afternoon 14:00, evening/tonight 19:00, 凌晨 06:00); eod is 18:00.
- An hour without am/pm or 上午/下午: 0 and 8-23 read as on a 24-hour clock (8-11 the morning, 12 noon); 1-7 are
  asked about ("3点", "3:00"), unless written with a leading zero ("03:00").
- A bare weekday ("friday", 周五) is the coming one; said on that weekday it is asked about (today or next week?).
  "next friday"/下周五 is the Friday of next week (weeks start on Monday); "this friday"/本周五 this week's.
- "in 3 days", "+3d", 3天后 count calendar days (the wall-clock time stays the same across DST), "+1m"/一个月后
  months (31 Jan + 1 month = 28 Feb); "+4h", "in 2 hours", 2小时后 count elapsed time from now.
- next week/下周: Monday of next week; next month/下个月: the 1st of next month; end of month/eom/月底: its last day.
- A date without a year is the coming one: this year's if it has not passed, next year's if that is within six
  months (jan 5 said in November); otherwise it is asked about. 5号 is this month's 5th, or next month's once past.
- "03/04" (both could be the month) is asked about; "25/12" and "12/25" are 25 December.
- A time or day in the past (today 8am at 09:30) is refused, never moved to tomorrow; so are days that do not
  exist (Feb 30, 25:00) and times outside 1970-2100 (services/when.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateutil import tz
from dateutil.relativedelta import relativedelta

from salestui.i18n import _
from salestui.services import date_phrase_words as words
from salestui.services.errors import ValidationError
from salestui.services.when import out_of_range

DAY_ONLY = time(9)
END_OF_DAY = time(18)
_NEXT_YEAR_WITHIN = timedelta(days=183)
_UNITS = {"min": "minutes", "h": "hours", "hr": "hours", "d": "days", "w": "weeks", "m": "months"}
_ZH_UNITS = {"天": "days", "日": "days", "周": "weeks", "星期": "weeks", "个星期": "weeks", "礼拜": "weeks",
             "个礼拜": "weeks", "个月": "months", "小时": "hours", "个小时": "hours", "分钟": "minutes"}  # fmt: skip


@dataclass(frozen=True)
class When:
    """What a date phrase means."""

    at: datetime  # aware, in `zone`
    has_time: bool  # False: only a day was given (`at` is then 09:00 local)
    start: int  # the span of the phrase in the text searched
    end: int
    phrase: str  # the words as typed


class UnclearDate(ValidationError):
    """An ambiguous or unknown date phrase; the message asks the question (e.g. '03/04: 3 April or 4 March?').

    `start`/`end` are the span of the unclear words in the text searched (-1 when not known)."""

    def __init__(self, message: str, start: int = -1, end: int = -1) -> None:
        super().__init__({"when": message})
        self.message, self.start, self.end = message, start, end


@dataclass
class _Reading:
    """What the parts of one phrase say, before they are put together."""

    day: date
    exact: datetime | None = None  # an elapsed-time offset gives the moment itself
    period: str = ""
    clock: time | None = None


def parse(phrase: str, now: datetime, zone: tzinfo) -> When:
    """What `phrase` means when the whole text is a date phrase; UnclearDate if it is not one or is ambiguous."""
    start = len(phrase) - len(phrase.lstrip())
    found = _phrase_at(phrase, start, now, zone) if phrase.strip() else None
    if found is None or found.end != len(phrase.rstrip()):
        raise UnclearDate(
            _(
                "cannot read {phrase} as a date; try tomorrow 3pm, next monday 10:00, +3d, 明天下午3点 or 2026-12-05"
            ).format(phrase=repr(phrase.strip()))
        )
    return found


def find(text: str, now: datetime, zone: tzinfo) -> When | None:
    """The first date phrase inside a longer line, None if there is none; UnclearDate if it is ambiguous."""
    position = 0
    while position < len(text):
        hit = _FIRST.search(text, position)
        if hit is None:
            return None
        start = _skip_space(text, hit.start())
        found = _phrase_at(text, start, now, zone)
        if found is not None:
            return found
        position = start + 1  # e.g. "at" that is not followed by a time
    return None


_FIRST = re.compile(f"{words.DAY.pattern}|{words.TIME.pattern}|{words.ZH_PERIOD_ALONE.pattern}", re.I | re.X)


def _phrase_at(text: str, start: int, now: datetime, zone: tzinfo) -> When | None:
    """The phrase that starts at `start`, None if none does."""
    local_now = now.astimezone(zone)
    end, reading, clock_match = start, None, None
    day_match = words.DAY.match(text, start)
    if day_match:
        reading, end = _day(day_match, local_now, text, start), day_match.end()
    period_match = (words.PERIOD if day_match else words.ZH_PERIOD_ALONE).match(text, end)
    if period_match and not (reading and reading.exact):
        reading = reading or _Reading(local_now.date())
        named = period_match.groupdict()
        reading.period = words.PERIODS[(named.get("en_period") or named["zh_period"]).lower()]
        end = period_match.end()
    if not (reading and reading.exact):
        clock_match = words.TIME.match(text, end)
        if clock_match and clock_match["bare_hour"] and not (clock_match["at"] or (reading and reading.period)):
            clock_match = None
    if clock_match:
        end = clock_match.end()
        if reading is None:  # a time first: "3pm tomorrow", "10:00 on friday"
            after = words.DAY.match(text, _skip_space(text, end))
            if after:
                reading, end = _day(after, local_now, text, start), after.end()
        reading = reading or _Reading(local_now.date())
        try:
            reading.clock = _clock(clock_match, reading.period, text[start : clock_match.end()].strip(), start, end)
        except ValueError:  # a Chinese numeral that is no number (二三点)
            raise _unclear(_("{phrase}: there is no such time of day"), text[start:end], start, end) from None
    if reading is None:
        return None
    phrase = text[start:end]
    return _when(reading, local_now, zone, phrase, start, end)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\u3000":
        position += 1
    return position


def _unclear(message: str, phrase: str, start: int, end: int) -> UnclearDate:
    return UnclearDate(message.format(phrase=repr(phrase)), start, end)


def _day(match: re.Match[str], now: datetime, text: str, start: int) -> _Reading:
    """What the day part of a phrase means (its time of day too when it names one: tonight, eod, +4h)."""
    group = match.groupdict()
    today = now.date()
    phrase = text[start : match.end()].strip()
    try:
        for name in ("today", "zh_today"):
            if group[name]:
                return _Reading(today)
        if group["tonight"] or group["zh_tonight"]:
            return _Reading(today, period="evening")
        if group["this_period"]:
            return _Reading(today, period=words.PERIODS[group["this_period"].lower()])
        if group["tomorrow"] or group["zh_tomorrow"]:
            return _Reading(today + timedelta(days=1))
        if group["zh_tomorrow_morning"] or group["zh_tomorrow_evening"]:
            return _Reading(today + timedelta(days=1), period="morning" if group["zh_tomorrow_morning"] else "evening")
        if group["day_after_tomorrow"] or group["zh_day_after"]:
            return _Reading(today + timedelta(days=2))
        if group["zh_day_after_2"]:
            return _Reading(today + timedelta(days=3))
        if group["end_of_day"]:
            return _Reading(today, clock=END_OF_DAY)
        if group["end_of_month"] or group["zh_end_of_month"]:
            return _Reading(today + relativedelta(day=31))
        if group["next_week"] or group["zh_next_week"]:
            return _Reading(_monday(today) + timedelta(weeks=1))
        if group["next_month"] or group["zh_next_month"]:
            first = today + relativedelta(months=1, day=1)
            if group["zh_next_month_end"]:
                return _Reading(first + relativedelta(day=31))
            if group["zh_next_month_day"]:
                return _Reading(_day_of(first.year, first.month, words.number(group["zh_next_month_day"]), phrase))
            return _Reading(first)
        return _Reading(*_counted_or_dated(group, now, phrase, start, match.end()))
    except (ValueError, OverflowError):  # a day past 9999, "in 99999999 days"
        raise _unclear(_("{phrase} is out of range: give a time between 1970-01-01 and 2100-12-31"), phrase,
                       start, match.end()) from None  # fmt: skip


def _counted_or_dated(
    group: dict[str, str | None], now: datetime, phrase: str, start: int, end: int
) -> tuple[date, datetime | None]:
    """Weekdays, counted offsets (in 3 days, +4h, 3天后) and dates (2026-12-05, dec 5, 12月5日, 5号)."""
    today = now.date()
    weekday = group["next_weekday"] or group["this_weekday"] or group["weekday"] or group["on_weekday"]
    zh_weekday = group["zh_next_weekday"] or group["zh_this_weekday"] or group["zh_weekday"]
    if weekday or zh_weekday:
        number = words.WEEKDAYS[weekday.lower()] if weekday else words.ZH_WEEKDAYS[zh_weekday or ""]
        if group["next_weekday"] or group["zh_next_weekday"]:
            return _monday(today) + timedelta(weeks=1, days=number), None
        if group["this_weekday"] or group["zh_this_weekday"]:
            return _monday(today) + timedelta(days=number), None
        ahead = (number - today.weekday()) % 7
        if ahead == 0:
            message = _("{phrase}: today ({today}) or next week ({next})?")
            raise UnclearDate(
                message.format(phrase=repr(phrase), today=today.isoformat(), next=(today + timedelta(7)).isoformat()),
                start,
                end,
            )
        return today + timedelta(days=ahead), None
    amount_text = group["in_number"] or group["plus_number"] or group["zh_in_number"]
    if amount_text:
        if group["zh_in_unit"]:
            unit = _ZH_UNITS[group["zh_in_unit"]]
        else:
            typed = (group["in_unit"] or group["plus_unit"] or "").lower()
            unit = _UNITS.get(typed, _UNITS.get(typed.rstrip("s"), _UNITS.get(typed[:1], "")))
            unit = "minutes" if typed.startswith("min") else unit
        amount = words.number(amount_text)
        if unit in ("hours", "minutes"):
            return today, now.astimezone(UTC) + timedelta(**{unit: amount})  # elapsed: counted in UTC
        counted = {"days": relativedelta(days=amount), "weeks": relativedelta(weeks=amount)}
        return today + counted.get(unit, relativedelta(months=amount)), None
    return _dated(group, today, phrase, start, end), None


def _dated(group: dict[str, str | None], today: date, phrase: str, start: int, end: int) -> date:
    """A date written out, with or without its year."""
    if group["iso_year"]:
        from dateutil import parser  # loaded only for a date written out (~5 ms)

        iso = f"{group['iso_year']}-{int(group['iso_month'] or 0):02d}-{int(group['iso_day'] or 0):02d}"
        try:
            return parser.isoparse(iso).date()
        except ValueError:
            raise _unclear(_("{phrase}: there is no such date"), phrase, start, end) from None
    if group["slash_first"]:
        first, second = int(group["slash_first"]), int(group["slash_second"] or 0)
        if first <= 12 and second <= 12 and first != second:
            year = group["slash_year"]
            options = [_coming(year, second, first, today, phrase), _coming(year, first, second, today, phrase)]
            message = _("{phrase}: {first} or {second}? Type the date as YYYY-MM-DD")
            raise UnclearDate(
                message.format(phrase=repr(phrase), first=options[0].isoformat(), second=options[1].isoformat()),
                start,
                end,
            )
        month, day = (second, first) if first > 12 else (first, second)
        return _yearless(group["slash_year"], month, day, today, phrase, start, end)
    if group["md_month"] or group["dm_month"]:
        month = words.MONTHS[(group["md_month"] or group["dm_month"] or "").lower()]
        return _yearless(group["md_year"] or group["dm_year"], month, int(group["md_day"] or group["dm_day"] or 0),
                         today, phrase, start, end)  # fmt: skip
    if group["zh_month"]:
        month, day = words.number(group["zh_month"]), words.number(group["zh_day"] or "")
        return _yearless(group["zh_year"], month, day, today, phrase, start, end)
    day = words.number(group["zh_day_of_month"] or "")
    this_month = _day_of(today.year, today.month, day, phrase)
    if this_month >= today:
        return this_month
    following = today + relativedelta(months=1, day=1)
    return _day_of(following.year, following.month, day, phrase)


def _yearless(year_text: str | None, month: int, day: int, today: date, phrase: str, start: int, end: int) -> date:
    """`month`/`day` in the year given, else the coming one (this year, or next year if that is within six months)."""
    coming = _coming(year_text, month, day, today, phrase)
    if year_text or coming.year == today.year or coming - today <= _NEXT_YEAR_WITHIN:
        return coming
    next_year = coming
    message = _("{phrase} has passed this year: did you mean {date}? Give the year")
    raise UnclearDate(message.format(phrase=repr(phrase), date=next_year.isoformat()), start, end)


def _coming(year_text: str | None, month: int, day: int, today: date, phrase: str) -> date:
    """`month`/`day` in the year given, else this year's if it has not passed, else next year's."""
    if year_text:
        return _day_of(int(year_text), month, day, phrase)
    this_year = _day_of(today.year, month, day, phrase, today.year + 1)
    return this_year if this_year >= today else _day_of(today.year + 1, month, day, phrase)


def _day_of(year: int, month: int, day: int, phrase: str, other_year: int | None = None) -> date:
    """The date, UnclearDate when it does not exist (Feb 30; Feb 29 is looked for in `other_year` as well)."""
    try:
        return date(year, month, day)
    except ValueError:
        if other_year is not None and (month, day) == (2, 29):
            return _day_of(other_year, month, day, phrase)
        raise UnclearDate(_("{phrase}: there is no such date").format(phrase=repr(phrase))) from None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _clock(match: re.Match[str], period: str, phrase: str, start: int, end: int) -> time:
    """The time of day a time match means, read in the part of the day given before it."""
    group = match.groupdict()
    if group["noon"]:
        return time(12)
    if group["ampm"]:
        hour, minute = int(group["ampm_hour"] or 0), int(group["ampm_minute"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise _unclear(_("{phrase}: there is no such time of day"), phrase, start, end)
        return time(hour % 12 + (12 if group["ampm"].lower().startswith("p") else 0), minute)
    hour_text = group["clock_hour"] or group["bare_hour"] or group["zh_hour"] or ""
    hour = words.number(hour_text)
    if group["zh_half"]:
        minute = 30
    elif group["zh_quarter"]:
        minute = 15 if group["zh_quarter"] == "一刻" else 45
    else:
        minute = words.number(group["clock_minute"] or group["zh_minute"] or "0")
    if minute > 59 or hour > 23:
        raise _unclear(_("{phrase}: there is no such time of day"), phrase, start, end)
    if period:
        in_period = words.hour_in_period(hour, period)
        if in_period is None:
            raise _unclear(_("{phrase}: there is no such time of day"), phrase, start, end)
        return time(in_period, minute)
    if 1 <= hour <= 7 and not hour_text.startswith("0"):
        message = _("{phrase}: {morning} or {afternoon}? Say am or pm (上午 or 下午)")
        raise UnclearDate(
            message.format(
                phrase=repr(phrase), morning=f"{hour:02d}:{minute:02d}", afternoon=f"{hour + 12}:{minute:02d}"
            ),
            start,
            end,
        )
    return time(hour, minute)


def _when(reading: _Reading, now: datetime, zone: tzinfo, phrase: str, start: int, end: int) -> When:
    """The phrase's moment, refused if it is in the past or out of range."""
    clock = reading.clock or (words.PERIOD_TIMES[reading.period] if reading.period else None)
    if reading.exact is not None:
        moment, has_time = reading.exact.astimezone(zone), True
    else:
        has_time = clock is not None
        moment = wall_clock(reading.day, clock or DAY_ONLY, zone)
    problem = out_of_range(moment)
    if problem:
        raise UnclearDate(f"{phrase.strip()!r}: {problem}", start, end)
    if (has_time and moment < now) or moment.date() < now.date():
        message = _("{phrase} is in the past ({moment})")
        raise UnclearDate(
            message.format(phrase=repr(phrase.strip()), moment=moment.strftime("%Y-%m-%d %H:%M")), start, end
        )
    return When(moment, has_time, start, end, phrase)


def wall_clock(day: date, clock: time, zone: tzinfo) -> datetime:
    """`day` at `clock` on the wall in `zone`: a time in a DST gap moves forward by the gap, one in an overlap is the
    first of the two."""
    moment = datetime.combine(day, clock, tzinfo=zone)  # fold=0: the first of two
    if not tz.datetime_exists(moment):
        moment = tz.resolve_imaginary(moment)
    return moment
