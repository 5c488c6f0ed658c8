"""Date phrases in English and Chinese (services/date_phrases.py): what each means at the frozen now (Thursday
2026-11-26 09:30 in Shanghai), what is asked about instead of guessed, and wall-clock times across DST in New York."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz

from salestui import i18n
from salestui.services.date_phrases import UnclearDate, When, find, parse
from tests.conftest import FROZEN_NOW, SHANGHAI

# phrase -> local time in Shanghai, and whether a time of day was given (False: the day only, at 09:00)
MEANINGS = [
    ("today", "2026-11-26 09:00", False),
    ("tonight", "2026-11-26 19:00", True),
    ("this evening", "2026-11-26 19:00", True),
    ("this afternoon", "2026-11-26 14:00", True),
    ("tomorrow", "2026-11-27 09:00", False),
    ("Tomorrow", "2026-11-27 09:00", False),
    ("tomorrow morning", "2026-11-27 09:00", True),
    ("tomorrow afternoon", "2026-11-27 14:00", True),
    ("tomorrow evening", "2026-11-27 19:00", True),
    ("day after tomorrow", "2026-11-28 09:00", False),
    ("the day after tomorrow", "2026-11-28 09:00", False),
    ("next monday", "2026-11-30 09:00", False),
    ("next friday", "2026-12-04 09:00", False),  # next week's Friday, not tomorrow
    ("next sunday", "2026-12-06 09:00", False),
    ("monday", "2026-11-30 09:00", False),
    ("friday", "2026-11-27 09:00", False),
    ("on sat", "2026-11-28 09:00", False),
    ("this friday", "2026-11-27 09:00", False),
    ("in 3 days", "2026-11-29 09:00", False),
    ("in three days", "2026-11-29 09:00", False),
    ("in a week", "2026-12-03 09:00", False),
    ("in 2 weeks", "2026-12-10 09:00", False),
    ("in 1 month", "2026-12-26 09:00", False),
    ("in 2 hours", "2026-11-26 11:30", True),
    ("in an hour", "2026-11-26 10:30", True),
    ("+3d", "2026-11-29 09:00", False),
    ("+2w", "2026-12-10 09:00", False),
    ("+1m", "2026-12-26 09:00", False),  # a month, not a minute
    ("+4h", "2026-11-26 13:30", True),
    ("+30min", "2026-11-26 10:00", True),
    ("eod", "2026-11-26 18:00", True),
    ("next week", "2026-11-30 09:00", False),
    ("next month", "2026-12-01 09:00", False),
    ("end of month", "2026-11-30 09:00", False),
    ("eom", "2026-11-30 09:00", False),
    ("3pm", "2026-11-26 15:00", True),
    ("3 PM", "2026-11-26 15:00", True),
    ("15:00", "2026-11-26 15:00", True),
    ("10:00", "2026-11-26 10:00", True),
    ("3:30pm", "2026-11-26 15:30", True),
    ("noon", "2026-11-26 12:00", True),
    ("at 10", "2026-11-26 10:00", True),
    ("tomorrow 3pm", "2026-11-27 15:00", True),
    ("tomorrow at 3pm", "2026-11-27 15:00", True),
    ("tomorrow noon", "2026-11-27 12:00", True),
    ("tomorrow afternoon 3", "2026-11-27 15:00", True),
    ("3pm tomorrow", "2026-11-27 15:00", True),
    ("next monday 10:00", "2026-11-30 10:00", True),
    ("10:00 on friday", "2026-11-27 10:00", True),
    ("tonight 8", "2026-11-26 20:00", True),
    ("tomorrow 03:00", "2026-11-27 03:00", True),  # a leading zero is a 24-hour clock
    ("2026-12-05", "2026-12-05 09:00", False),
    ("2026-12-05 14:30", "2026-12-05 14:30", True),
    ("dec 5", "2026-12-05 09:00", False),
    ("Dec 5th", "2026-12-05 09:00", False),
    ("5 dec", "2026-12-05 09:00", False),
    ("5 December 2027", "2027-12-05 09:00", False),
    ("jan 5", "2027-01-05 09:00", False),  # passed this year, within six months next year
    ("25/12", "2026-12-25 09:00", False),
    ("12/25", "2026-12-25 09:00", False),
    ("2100-12-31", "2100-12-31 09:00", False),
    ("今天", "2026-11-26 09:00", False),
    ("今晚", "2026-11-26 19:00", True),
    ("明天", "2026-11-27 09:00", False),
    ("明早", "2026-11-27 09:00", True),
    ("后天", "2026-11-28 09:00", False),
    ("大后天", "2026-11-29 09:00", False),
    ("下周一", "2026-11-30 09:00", False),
    ("下周五", "2026-12-04 09:00", False),
    ("下周日", "2026-12-06 09:00", False),
    ("下周天", "2026-12-06 09:00", False),
    ("下星期二", "2026-12-01 09:00", False),
    ("下周", "2026-11-30 09:00", False),
    ("周五", "2026-11-27 09:00", False),
    ("星期五", "2026-11-27 09:00", False),
    ("礼拜五", "2026-11-27 09:00", False),
    ("周日", "2026-11-29 09:00", False),
    ("本周五", "2026-11-27 09:00", False),
    ("3天后", "2026-11-29 09:00", False),
    ("三天后", "2026-11-29 09:00", False),
    ("两周后", "2026-12-10 09:00", False),
    ("一个月后", "2026-12-26 09:00", False),
    ("2小时后", "2026-11-26 11:30", True),
    ("月底", "2026-11-30 09:00", False),
    ("下个月", "2026-12-01 09:00", False),
    ("下个月5号", "2026-12-05 09:00", False),
    ("上午10点", "2026-11-26 10:00", True),
    ("中午12点", "2026-11-26 12:00", True),
    ("中午1点", "2026-11-26 13:00", True),
    ("下午3点", "2026-11-26 15:00", True),
    ("下午3点半", "2026-11-26 15:30", True),
    ("下午三点一刻", "2026-11-26 15:15", True),
    ("晚上8点", "2026-11-26 20:00", True),
    ("下午两点", "2026-11-26 14:00", True),
    ("10点15分", "2026-11-26 10:15", True),  # 8-11 without 上午 are the morning
    ("15:30", "2026-11-26 15:30", True),
    ("下午3:30", "2026-11-26 15:30", True),
    ("12月5日", "2026-12-05 09:00", False),
    ("十二月五号", "2026-12-05 09:00", False),
    ("2027年1月5日", "2027-01-05 09:00", False),
    ("5号", "2026-12-05 09:00", False),  # the 5th of this month has passed: next month's
    ("30号", "2026-11-30 09:00", False),
    ("明天下午3点", "2026-11-27 15:00", True),
    ("明天 下午 3点", "2026-11-27 15:00", True),
    ("下周一上午10点半", "2026-11-30 10:30", True),
    ("今晚8点", "2026-11-26 20:00", True),
    ("明天下午３点", "2026-11-27 15:00", True),  # full-width digits
    ("明天３pm", "2026-11-27 15:00", True),
]

# phrase -> what the question or refusal says
UNCLEAR = [
    ("03/04", "'03/04': 2027-04-03 or 2027-03-04?"),
    ("3/4/2027", "2027-04-03 or 2027-03-04?"),
    ("3点", "'3点': 03:00 or 15:00?"),
    ("明天3点", "03:00 or 15:00?"),
    ("3:00", "03:00 or 15:00?"),
    ("tomorrow at 3", "03:00 or 15:00?"),
    ("thursday", "today (2026-11-26) or next week (2026-12-03)?"),
    ("周四", "today (2026-11-26) or next week (2026-12-03)?"),
    ("today 8am", "is in the past (2026-11-26 08:00)"),
    ("9点", "is in the past"),
    ("this morning", "is in the past"),
    ("this wednesday", "is in the past"),
    ("本周三", "is in the past"),
    ("2026-11-20", "is in the past"),
    ("nov 20", "has passed this year: did you mean 2027-11-20?"),
    ("feb 30", "there is no such date"),
    ("2027-02-30", "there is no such date"),
    ("2月30日", "there is no such date"),
    ("31号", "there is no such date"),
    ("0000-01-01", "there is no such date"),
    ("25:00", "there is no such time of day"),
    ("25点", "there is no such time of day"),
    ("tomorrow 24:00", "there is no such time of day"),
    ("13pm", "there is no such time of day"),
    ("3:75pm", "there is no such time of day"),
    ("上午15点", "there is no such time of day"),
    ("2101-01-01", "must be between 1970-01-01 and 2100-12-31"),
    ("9999-12-31", "must be between 1970-01-01 and 2100-12-31"),
    ("+99999d", "must be between 1970-01-01 and 2100-12-31"),
    ("+999999m", "out of range"),
    ("soonish", "cannot read 'soonish' as a date"),
    ("", "cannot read '' as a date"),
    ("tomorrow and then some", "cannot read"),
]


def shanghai(moment: When) -> str:
    assert moment.at.tzinfo is SHANGHAI
    return moment.at.strftime("%Y-%m-%d %H:%M")


def test_the_table_is_large_enough() -> None:
    assert len(MEANINGS) + len(UNCLEAR) >= 70
    assert len({phrase for phrase, *_rest in MEANINGS + UNCLEAR}) == len(MEANINGS) + len(UNCLEAR)


@pytest.mark.parametrize(("phrase", "expected", "has_time"), MEANINGS)
def test_what_a_phrase_means(phrase: str, expected: str, has_time: bool) -> None:
    meant = parse(phrase, FROZEN_NOW, SHANGHAI)
    assert (shanghai(meant), meant.has_time) == (expected, has_time)
    assert (meant.start, meant.end, meant.phrase) == (0, len(phrase), phrase)


@pytest.mark.parametrize(("phrase", "question"), UNCLEAR)
def test_unclear_phrases_are_asked_about(phrase: str, question: str) -> None:
    with pytest.raises(UnclearDate) as raised:
        parse(phrase, FROZEN_NOW, SHANGHAI)
    assert set(raised.value.errors) == {"when"}
    assert question in raised.value.errors["when"]


@pytest.mark.parametrize(
    ("line", "phrase", "expected"),
    [
        ("call 张伟 tomorrow 3pm about the quote", "tomorrow 3pm", "2026-11-27 15:00"),
        ("明天下午3点 回访 李娜", "明天下午3点", "2026-11-27 15:00"),
        ("明天下午3点回访李娜", "明天下午3点", "2026-11-27 15:00"),
        ("visit Acme next monday 10:00", "next monday 10:00", "2026-11-30 10:00"),
        ("+3d email Wang re samples", "+3d", "2026-11-29 09:00"),
        ("call Acme at 10 re samples", "at 10", "2026-11-26 10:00"),
        ("拜访陈杰下周一上午10点半谈合同", "下周一上午10点半", "2026-11-30 10:30"),
        ("email Sun Trading on sat", "on sat", "2026-11-28 09:00"),
    ],
)
def test_find_takes_the_phrase_out_of_a_line(line: str, phrase: str, expected: str) -> None:
    found = find(line, FROZEN_NOW, SHANGHAI)
    assert found is not None
    assert (found.phrase, line[found.start : found.end], shanghai(found)) == (phrase, phrase, expected)


@pytest.mark.parametrize(
    "line", ["call Wang about 5 samples", "visit Sun Trading", "meet at the office", "email 13800138000", ""]
)
def test_find_leaves_a_line_without_a_date_alone(line: str) -> None:
    assert find(line, FROZEN_NOW, SHANGHAI) is None


def test_find_asks_about_an_unclear_phrase_and_says_where_it_is() -> None:
    line = "send 张伟 the 03/04 invoice"
    with pytest.raises(UnclearDate) as raised:
        find(line, FROZEN_NOW, SHANGHAI)
    assert line[raised.value.start : raised.value.end] == "03/04"


def test_the_question_is_asked_in_chinese() -> None:
    i18n.set_language("zh_CN")
    with pytest.raises(UnclearDate) as raised:
        parse("3点", FROZEN_NOW, SHANGHAI)
    assert raised.value.errors["when"] == "'3点'：是 03:00 还是 15:00？请注明上午或下午（am/pm）"


NEW_YORK = tz.gettz("America/New_York")
BEFORE_FALL_BACK = datetime(2026, 10, 31, 10, 0, tzinfo=NEW_YORK)  # Saturday, summer time (UTC-4)

# phrase -> local wall-clock time and UTC offset: 2026-11-01 02:00 falls back to 01:00, 2027-03-14 02:00 jumps to 03:00
ACROSS_DST = [
    ("tomorrow 9am", "2026-11-01 09:00 -0500"),  # on winter time by then
    ("+1d", "2026-11-01 09:00 -0500"),  # a calendar day: the day, at 09:00 on its wall clock
    ("in 2 days", "2026-11-02 09:00 -0500"),
    ("in 2 days 2:30am", "2026-11-02 02:30 -0500"),
    ("tomorrow 1:30am", "2026-11-01 01:30 -0400"),  # the overlap: the first 01:30, still on summer time
    ("+1d 1:30am", "2026-11-01 01:30 -0400"),
    ("2026-11-01 01:30", "2026-11-01 01:30 -0400"),
    ("tomorrow 2:30am", "2026-11-01 02:30 -0500"),  # after the overlap
    ("+25h", "2026-11-01 10:00 -0500"),  # elapsed time: the hour repeated at 01:00 counts
    ("2027-03-14 2:30am", "2027-03-14 03:30 -0400"),  # the gap: moved forward by its hour
    ("mar 14 2:30am", "2027-03-14 03:30 -0400"),
    ("2027-03-14 01:59", "2027-03-14 01:59 -0500"),
    ("2027-03-14 3am", "2027-03-14 03:00 -0400"),
    ("2027-03-13 10:00", "2027-03-13 10:00 -0500"),
]


@pytest.mark.parametrize(("phrase", "expected"), ACROSS_DST)
def test_wall_clock_times_across_dst(phrase: str, expected: str) -> None:
    meant = parse(phrase, BEFORE_FALL_BACK, NEW_YORK)
    assert meant.at.strftime("%Y-%m-%d %H:%M %z") == expected


def test_a_zoneinfo_zone_reads_the_same() -> None:
    zone = ZoneInfo("America/New_York")
    now = BEFORE_FALL_BACK.astimezone(zone)
    assert parse("tomorrow 1:30am", now, zone).at.strftime("%H:%M %z") == "01:30 -0400"
    assert parse("2027-03-14 2:30am", now, zone).at.strftime("%H:%M %z") == "03:30 -0400"
