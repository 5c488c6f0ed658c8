"""Recurrence rules in words, in English and Chinese, and the presets the follow-up form offers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salestui import i18n
from salestui.services import recurrence, recurrence_words
from tests.conftest import FROZEN_NOW, SHANGHAI


@pytest.mark.parametrize(
    ("rule", "english", "chinese"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "every 2 weeks on Monday", "每 2 周的周一"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "monthly on the last Friday", "每月最后一个周五"),
        ("FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1", "monthly on the last Friday", "每月最后一个周五"),
        ("FREQ=MONTHLY;BYDAY=2TU", "monthly on the second Tuesday", "每月第二个周二"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday", "每个工作日"),
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "every weekday", "每个工作日"),
        ("FREQ=DAILY;INTERVAL=3", "every 3 days", "每 3 天"),
        ("FREQ=DAILY", "every day", "每天"),
        ("FREQ=WEEKLY", "every week", "每周"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "every week on Monday, Thursday", "每周的周一、周四"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "monthly on day 15", "每月 15 日"),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1", "every 2 months on day 1", "每 2 个月 1 日"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "monthly on the last day", "每月最后一天"),
        ("FREQ=MONTHLY", "monthly", "每月"),
        ("FREQ=YEARLY", "every year", "每年"),
        (
            "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270301T000000Z",
            "every week on Monday, until 2027-03-01",
            "每周的周一，直到 2027-03-01",
        ),
        ("FREQ=WEEKLY;COUNT=5", "every week, 5 times in all", "每周，共 5 次"),
        ("FREQ=DAILY;COUNT=1", "every day, once in all", "每天，共 1 次"),
        ("RRULE:FREQ=DAILY;INTERVAL=3", "every 3 days", "每 3 天"),
        ("freq=daily;interval=3", "every 3 days", "每 3 天"),
    ],
)
def test_a_rule_in_words(rule: str, english: str, chinese: str) -> None:
    assert recurrence_words.describe(rule, "en") == english
    assert recurrence_words.describe(rule, "zh_CN") == chinese


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=HOURLY",
        "FREQ=WEEKLY;BYHOUR=9",
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=MONTHLY;BYDAY=5FR",
        "FREQ=MONTHLY;BYDAY=MO",
        "FREQ=WEEKLY;BYMONTHDAY=3",
        "FREQ=WEEKLY;COUNT=2;UNTIL=20270101",
        "FREQ=WEEKLY;FREQ=DAILY",
        "every tuesday",
    ],
)
def test_a_rule_it_cannot_say_is_shown_as_written(rule: str) -> None:
    assert recurrence_words.describe(rule, "en") == rule
    assert recurrence_words.describe(rule, "zh_CN") == rule


def test_no_rule_is_no_words_and_the_language_defaults_to_the_interface() -> None:
    assert recurrence_words.describe("", "en") == ""
    i18n.set_language("zh_CN")
    assert recurrence_words.describe("FREQ=DAILY;INTERVAL=3") == "每 3 天"


@pytest.mark.parametrize(
    ("code", "arguments", "rule", "english"),
    [
        ("none", {}, "", ""),
        ("days", {"count": 3}, "FREQ=DAILY;INTERVAL=3", "every 3 days"),
        ("days", {"count": 1}, "FREQ=DAILY", "every day"),
        ("weeks", {"count": 2, "weekday": "MO"}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "every 2 weeks on Monday"),
        ("weekdays", {}, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"),
        ("month_day", {"day": 15}, "FREQ=MONTHLY;BYMONTHDAY=15", "monthly on day 15"),
        ("month_last", {"weekday": "FR"}, "FREQ=MONTHLY;BYDAY=-1FR", "monthly on the last Friday"),
    ],
)
def test_each_preset_makes_a_rule_the_series_accepts(code, arguments, rule, english) -> None:
    made = recurrence_words.preset_rule(code, **arguments)
    assert made == rule
    assert recurrence_words.describe(made, "en") == english
    if made:
        assert recurrence.problem(made, FROZEN_NOW, SHANGHAI) is None


def test_the_last_friday_preset_lands_on_last_fridays() -> None:
    stored = recurrence.stored_rule(recurrence_words.preset_rule("month_last", weekday="FR"), FROZEN_NOW, SHANGHAI)
    first = recurrence.next_due(stored, FROZEN_NOW, FROZEN_NOW, SHANGHAI)
    second = recurrence.next_due(stored, FROZEN_NOW, first, SHANGHAI)
    assert (first.date().isoformat(), second.date().isoformat()) == ("2026-11-27", "2026-12-25")
    assert (first + timedelta(days=7)).month != first.month


@pytest.mark.parametrize(
    ("code", "arguments"),
    [("days", {"count": 0}), ("weeks", {"count": 1000}), ("month_day", {"day": 32}), ("weeks", {"weekday": "XX"})],
)
def test_a_preset_out_of_range_is_refused(code, arguments) -> None:
    with pytest.raises(ValueError):
        recurrence_words.preset_rule(code, **arguments)
