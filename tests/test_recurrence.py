"""Recurring follow-ups end by their COUNT or UNTIL and keep their local time across a DST change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from salestui.clock import FrozenClock
from salestui.db.connection import database
from salestui.services import customers, followups
from salestui.services.context import Context
from salestui.services.session import close, open_context

NEW_YORK = tz.gettz("America/New_York")


@pytest.fixture
def new_york(tmp_path: Path) -> Iterator[Context]:
    """A rep in New York on Friday 2026-10-23, a week before DST ends (Sunday 2026-11-01)."""
    clock = FrozenClock(datetime(2026, 10, 23, 12, 0, tzinfo=NEW_YORK), zone=NEW_YORK)
    yield open_context(tmp_path / "ny.db", "alice", clock)
    close()


def _series(context: Context, rule: str, due: datetime) -> list[datetime]:
    """Complete each follow-up of a new series as it comes due; the due times of all of them, in New York."""
    customer = customers.create(context, {"name": "Ruth Park", "phone": "+1 212 555 0100"})
    current = followups.create(context, customer.id, {"title": "Stock check", "due_at": due, "rrule": rule})
    dues = []
    while current is not None and len(dues) < 10:
        dues.append(current.due_at.astimezone(NEW_YORK))
        assert isinstance(context.clock, FrozenClock)
        context.clock.moment = current.due_at + timedelta(minutes=5)
        current = followups.complete(context, current.id, "done")
    return dues


def test_a_series_with_count_ends(new_york: Context) -> None:
    due = datetime(2026, 10, 26, 9, 0, tzinfo=NEW_YORK)
    dues = _series(new_york, "FREQ=DAILY;COUNT=3", due)
    assert dues == [due, due + timedelta(days=1), due + timedelta(days=2)]
    open_ones = database.execute_sql("SELECT COUNT(*) FROM follow_up WHERE status = 'open'").fetchone()[0]
    assert open_ones == 0


def test_a_series_with_until_ends(new_york: Context) -> None:
    due = datetime(2026, 10, 26, 9, 0, tzinfo=NEW_YORK)
    dues = _series(new_york, "FREQ=WEEKLY;UNTIL=20261110T000000Z", due)
    assert [moment.day for moment in dues] == [26, 2, 9]


def test_weekly_at_nine_stays_at_nine_local_across_the_dst_change(new_york: Context) -> None:
    due = datetime(2026, 10, 26, 9, 0, tzinfo=NEW_YORK)  # 13:00 UTC, daylight time
    dues = _series(new_york, "FREQ=WEEKLY;COUNT=3", due)
    assert [(moment.month, moment.day, moment.hour, moment.minute) for moment in dues] == [
        (10, 26, 9, 0),
        (11, 2, 9, 0),  # standard time now: 14:00 UTC
        (11, 9, 9, 0),
    ]
    assert dues[1].astimezone(UTC).hour == 14


def test_completing_late_skips_to_the_series_next_date_and_still_counts(new_york: Context) -> None:
    customer = customers.create(new_york, {"name": "Late Larry"})
    due = datetime(2026, 10, 26, 9, 0, tzinfo=NEW_YORK)
    first = followups.create(new_york, customer.id, {"title": "Daily", "due_at": due, "rrule": "FREQ=DAILY;COUNT=4"})
    assert first.rrule == "FREQ=DAILY;COUNT=4"  # the series' start is kept, not shown
    assert isinstance(new_york.clock, FrozenClock)
    new_york.clock.moment = datetime(2026, 10, 28, 10, 0, tzinfo=NEW_YORK)
    following = followups.complete(new_york, first.id)
    assert following is not None and following.due_at == datetime(2026, 10, 29, 9, 0, tzinfo=NEW_YORK)
    new_york.clock.moment = following.due_at + timedelta(hours=1)
    assert followups.complete(new_york, following.id) is None  # the 4th of 4 was the last


def test_a_rule_may_not_bring_its_own_start(new_york: Context) -> None:
    from salestui.services.errors import ValidationError

    customer = customers.create(new_york, {"name": "Ruth Park"})
    due = datetime(2026, 10, 26, 9, 0, tzinfo=NEW_YORK)
    with pytest.raises(ValidationError) as caught:
        followups.create(
            new_york, customer.id, {"title": "x", "due_at": due, "rrule": "DTSTART:20200101T000000\nFREQ=DAILY"}
        )
    assert "rrule" in caught.value.errors
