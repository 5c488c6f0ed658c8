"""The words of date phrases (services/date_phrases.py): the patterns of a day, a part of the day and a time of day,
in English and Chinese, and the numbers they hold (digits, English number words, Chinese numerals)."""

from __future__ import annotations

import re
from datetime import time

# A latin word neither starts nor ends inside another ("3pm" in "13pm", "mon" in "monday" is not "mon").
_START = r"(?<![A-Za-z0-9])"
_END = r"(?![A-Za-z0-9])"
_SPACE = r"[ \t\u3000]*"

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3, "thu": 3,
    "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
# "sat" and "sun" alone are words of their own (Sun Trading): a weekday alone must be written out for them.
_BARE_WEEKDAYS = "|".join(sorted((word for word in WEEKDAYS if word not in ("sat", "sun")), key=len, reverse=True))
_ANY_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_EN_NUMBER = r"\d{1,6}|" + "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))
_ZH_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
ZH_NUMBER = r"(?:\d{1,6}|[零〇一二两三四五六七八九十百]{1,6})"
_ZH_WEEK = r"(?:周|星期|礼拜)"
_ZH_WEEKDAY = r"[一二三四五六日天]"

# A day: each alternative is named after what it means; its inner groups carry the numbers.
_EN_DAY = rf"""{_START}(?:(?:on|by)\s+)?(?:
    (?P<day_after_tomorrow>(?:the\s+)?day\s+after\s+tomorrow)
  | (?P<today>today)
  | (?P<tonight>tonight)
  | this\s+(?P<this_period>morning|afternoon|evening)
  | (?P<tomorrow>tomorrow|tmrw|tmr)
  | (?P<end_of_day>eod|end\s+of\s+(?:the\s+)?day)
  | (?P<end_of_month>eom|end\s+of\s+(?:the\s+)?month)
  | (?P<next_week>next\s+week)
  | (?P<next_month>next\s+month)
  | next\s+(?P<next_weekday>{_ANY_WEEKDAY})
  | this\s+(?P<this_weekday>{_ANY_WEEKDAY})
  | (?P<weekday>{_BARE_WEEKDAYS}|saturday|sunday)
  | (?:on|by)\s+(?P<on_weekday>sat|sun)
  | in\s+(?P<in_number>{_EN_NUMBER})\s*(?P<in_unit>minutes?|mins?|hours?|hrs?|days?|weeks?|months?)
  | \+\s?(?P<plus_number>\d{{1,6}})\s?(?P<plus_unit>min|h|d|w|m)
  | (?P<iso_year>\d{{4}})[-/.](?P<iso_month>\d{{1,2}})[-/.](?P<iso_day>\d{{1,2}})
  | (?P<slash_first>\d{{1,2}})/(?P<slash_second>\d{{1,2}})(?:/(?P<slash_year>\d{{4}}))?
  | (?P<md_month>{_MONTH})\.?\s*(?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<md_year>\d{{4}}))?
  | (?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<dm_month>{_MONTH})\.?(?:,?\s+(?P<dm_year>\d{{4}}))?
){_END}"""
_ZH_DAY = rf"""(?<![0-9])(?:
    (?P<zh_in_number>{ZH_NUMBER}){_SPACE}(?P<zh_in_unit>天|日|个星期|星期|个礼拜|礼拜|周|个月|个小时|小时|分钟)(?:之后|以后|后)
  | (?P<zh_day_after_2>大后天)
  | (?P<zh_today>今天|今日)
  | (?P<zh_tonight>今晚)
  | (?P<zh_tomorrow_morning>明早)
  | (?P<zh_tomorrow_evening>明晚)
  | (?P<zh_tomorrow>明天|明日)
  | (?P<zh_day_after>后天)
  | 下个?{_ZH_WEEK}(?P<zh_next_weekday>{_ZH_WEEKDAY})
  | (?P<zh_next_week>下个?{_ZH_WEEK})
  | (?:本|这个?){_ZH_WEEK}(?P<zh_this_weekday>{_ZH_WEEKDAY})
  | {_ZH_WEEK}(?P<zh_weekday>{_ZH_WEEKDAY})
  | (?P<zh_end_of_month>(?:本月|这个月)?(?:月底|月末))
  | (?P<zh_next_month>下个?月)(?:(?P<zh_next_month_day>{ZH_NUMBER})(?:号|日)|(?P<zh_next_month_end>底|末))?
  | (?:(?P<zh_year>\d{{4}})年)?(?P<zh_month>{ZH_NUMBER})月(?P<zh_day>{ZH_NUMBER})(?:日|号)
  | (?P<zh_day_of_month>{ZH_NUMBER})(?:号|日)
)"""
DAY = re.compile(rf"(?:{_EN_DAY}|{_ZH_DAY})", re.IGNORECASE | re.VERBOSE)

# A part of the day: its name, and in English only after a day ("tomorrow morning"); Chinese ones stand alone.
PERIOD = re.compile(
    rf"""(?:{_SPACE}(?:in\s+the\s+)?(?P<en_period>morning|afternoon|evening|night){_END}
    | {_SPACE}(?P<zh_period>上午|早上|早晨|中午|下午|傍晚|晚上|夜里|凌晨))""",
    re.IGNORECASE | re.VERBOSE,
)
ZH_PERIOD_ALONE = re.compile(r"(?P<zh_period>上午|早上|早晨|中午|下午|傍晚|晚上|夜里|凌晨)")
PERIODS = {
    "morning": "morning", "上午": "morning", "早上": "morning", "早晨": "morning", "中午": "noon",
    "afternoon": "afternoon", "下午": "afternoon", "evening": "evening", "night": "evening", "傍晚": "evening",
    "晚上": "evening", "夜里": "evening", "凌晨": "early",
}  # fmt: skip
PERIOD_TIMES = {"morning": time(9), "noon": time(12), "afternoon": time(14), "evening": time(19), "early": time(6)}

# A time of day. A bare hour ("at 3", "afternoon 3") counts only after "at" or a part of the day.
TIME = re.compile(
    rf"""{_SPACE}(?:
    {_START}(?P<at>(?:at|@)\s*)?(?:
        (?P<ampm_hour>\d{{1,2}})(?:[:.](?P<ampm_minute>\d{{2}}))?\s?(?P<ampm>a\.?m\.?|p\.?m\.?)(?![A-Za-z0-9])
      | (?P<noon>noon|midday){_END}
      | (?P<clock_hour>\d{{1,2}})[:：](?P<clock_minute>\d{{2}})(?![0-9:：])
      | (?P<bare_hour>\d{{1,2}})(?![0-9:：.点點时時号日天周月]|\s*(?:{_MONTH}|[ap]\.?m)(?![A-Za-z]))
    )
  | (?<![0-9])(?P<zh_hour>{ZH_NUMBER}){_SPACE}(?:点|點|时|時)钟?(?:{_SPACE}(?:(?P<zh_half>半)|(?P<zh_quarter>一刻|三刻)
      |(?P<zh_minute>{ZH_NUMBER})(?![0-9]){_SPACE}分?))?
)""",
    re.IGNORECASE | re.VERBOSE,
)


def number(text: str) -> int:
    """The number written as digits ('3', '３'), an English word ('three', 'a') or Chinese numerals (三, 两, 十二,
    二十五, 一百); ValueError for anything else."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    if text in _EN_NUMBERS:
        return _EN_NUMBERS[text]
    return _chinese_number(text)


def _chinese_number(text: str) -> int:
    if not text or any(char not in _ZH_DIGITS and char not in "十百" for char in text):
        raise ValueError(text)
    if "十" not in text and "百" not in text:
        if len(text) == 1:
            return _ZH_DIGITS[text]
        return int("".join(str(_ZH_DIGITS[char]) for char in text))  # 二〇二七
    total, digit = 0, None
    for char in text:
        if char == "百":
            total += (1 if digit is None else digit) * 100
            digit = None
        elif char == "十":
            total += (1 if digit is None else digit) * 10
            digit = None
        elif digit is not None:
            raise ValueError(text)  # two digits in a row: 二三十
        else:
            digit = _ZH_DIGITS[char]
    return total + (digit or 0)


def hour_in_period(hour: int, period: str) -> int | None:
    """The hour on a 24-hour clock that `hour` in `period` means (晚上8点 -> 20), None when it is no hour of it."""
    if period == "morning":
        return hour if 0 <= hour <= 11 else None
    if period == "noon":
        return hour + 12 if hour in (1, 2) else hour if hour in (11, 12, 13, 14) else None
    if period == "afternoon":
        return hour + 12 if 1 <= hour <= 11 else hour if 12 <= hour <= 18 else None
    if period == "evening":
        return hour + 12 if 5 <= hour <= 11 else hour if 17 <= hour <= 23 else None
    return hour if 0 <= hour <= 6 else None  # early: 凌晨
