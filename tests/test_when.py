"""Reading typed times: relative offsets, day words, dates in the user's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from salestui.services.when import WhenError, parse_when
from tests.conftest import FROZEN_NOW, SHANGHAI

NOW = FROZEN_NOW.astimezone(UTC)  # 2026-11-26 01:30 UTC = 09:30 in Shanghai


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", NOW),
        ("  now ", NOW),
        ("现在", NOW),
        ("+3d", NOW + timedelta(days=3)),
        ("-2h", NOW - timedelta(hours=2)),
        ("+ 30 m", NOW + timedelta(minutes=30)),
        ("+45min", NOW + timedelta(minutes=45)),
        ("+1w", NOW + timedelta(weeks=1)),
        ("today", utc(2026, 11, 26, 1, 0)),
        ("tomorrow 10:00", utc(2026, 11, 27, 2, 0)),
        ("Tomorrow 2pm", utc(2026, 11, 27, 6, 0)),
        ("yesterday 23:30", utc(2026, 11, 25, 15, 30)),
        ("明天 14:30", utc(2026, 11, 27, 6, 30)),
        ("2026-12-01 14:00", utc(2026, 12, 1, 6, 0)),
        ("2026-12-01", utc(2026, 12, 1, 1, 0)),
        ("2026-12-01T14:00:00+00:00", utc(2026, 12, 1, 14, 0)),
        ("2027-01-01 00:30", utc(2026, 12, 31, 16, 30)),
    ],
)
def test_parse_when(text, expected):
    parsed = parse_when(text, NOW, SHANGHAI)
    assert parsed == expected
    assert parsed.tzinfo is not None
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("soon", "cannot read 'soon' as a time;"),
        ("next blue moon", "cannot read 'next blue moon'"),
        ("+3 fortnights", "cannot read '+3 fortnights'"),
        ("2026-13-45", "cannot read '2026-13-45'"),
        ("tomorrow lunchtime", "cannot read 'lunchtime' as a time of day"),
    ],
)
def test_unreadable_times_say_what_is_accepted(text, fragment):
    with pytest.raises(WhenError) as caught:
        parse_when(text, NOW, SHANGHAI)
    assert fragment in str(caught.value)
    assert "try" in str(caught.value)


def test_when_error_is_a_value_error():
    assert issubclass(WhenError, ValueError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明天9:00", utc(2026, 11, 27, 1, 0)),
        ("后天 14:00", utc(2026, 11, 28, 6, 0)),
        ("周五 10:00", utc(2026, 11, 27, 2, 0)),  # the Chinese UI's hint; the frozen now is a Thursday
        ("friday 10:00", utc(2026, 11, 27, 2, 0)),  # the same day in English
        ("星期四", utc(2026, 11, 26, 1, 0)),  # today counts, as dateutil reads "thursday"
        ("周日", utc(2026, 11, 29, 1, 0)),
        ("星期天 8:00", utc(2026, 11, 29, 0, 0)),
    ],
)
def test_chinese_day_words_as_the_hints_show_them(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, SHANGHAI) == expected
