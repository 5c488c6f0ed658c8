"""Times outside 1970-2100 are refused at every edge, and stored time text is always fixed width."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from salestui import cli, cli_customers
from salestui.clock import from_utc_text, to_utc_text
from salestui.services import followups, timeline
from salestui.services.errors import ValidationError
from salestui.services.spec import clean
from salestui.services.specs import INTERACTION
from salestui.services.when import WhenError, parse_when
from tests.conftest import FROZEN_NOW, SHANGHAI, Seeded

NOW = FROZEN_NOW.astimezone(UTC)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(999, 6, 1, 10, 0, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 11, 26, 9, 30, tzinfo=SHANGHAI),
    ],
)
def test_utc_text_is_always_fixed_width_and_round_trips(moment: datetime) -> None:
    text = to_utc_text(moment)
    assert len(text) == 27 and text[4] == "-" and text[10] == "T" and text.endswith("Z")
    assert from_utc_text(text) == moment


def test_utc_text_pads_the_year_to_four_digits() -> None:
    assert to_utc_text(datetime(999, 6, 1, 10, 0, tzinfo=UTC)) == "0999-06-01T10:00:00.000000Z"


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=8))),  # year 0 in UTC
        datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-8))),  # year 10000 in UTC
    ],
)
def test_utc_text_refuses_a_year_it_cannot_write(moment: datetime) -> None:
    with pytest.raises(ValueError, match="outside the years 1-9999"):
        to_utc_text(moment)


@pytest.mark.parametrize(
    "text",
    ["0999-06-01 10:00", "1969-12-31 12:00", "2101-01-01", "0001-01-01", "9999-12-31 23:59", "-36500d", "+5000w"],
)
def test_parse_when_refuses_times_outside_1970_to_2100(text: str) -> None:
    with pytest.raises(WhenError, match="out of range: give a time between 1970-01-01 and 2100-12-31"):
        parse_when(text, NOW, SHANGHAI)


@pytest.mark.parametrize(
    "text",
    ["-99999999d", "+99999999w", "+999999999999999999999999m", pytest.param("-" + "9" * 5000 + "d", id="5000-digits")],
)
def test_parse_when_says_it_cannot_read_amounts_no_calendar_holds(text: str) -> None:
    with pytest.raises(WhenError, match="cannot read .* as a time;"):
        parse_when(text, NOW, SHANGHAI)


def test_parse_when_accepts_the_edges_of_the_range() -> None:
    assert parse_when("1970-01-01 08:00", NOW, SHANGHAI) == datetime(1970, 1, 1, tzinfo=UTC)
    assert parse_when("2100-12-31 12:00", NOW, UTC) == datetime(2100, 12, 31, 12, tzinfo=UTC)


@pytest.mark.parametrize("moment", [datetime(999, 6, 1, tzinfo=UTC), datetime(1969, 12, 31, 23, 59, tzinfo=UTC)])
def test_the_interaction_spec_refuses_a_time_out_of_range(moment: datetime) -> None:
    _values, errors = clean(INTERACTION, {"kind": "call", "summary": "x", "occurred_at": moment}, now=NOW)
    assert errors == {"occurred_at": "must be between 1970-01-01 and 2100-12-31 (UTC)"}


def test_timeline_append_refuses_a_time_out_of_range_and_writes_nothing(seeded: Seeded) -> None:
    customer_id = seeded.customer_ids["张伟"]
    before = len(timeline.page(customer_id))
    with pytest.raises(ValidationError) as caught:
        timeline.append(
            seeded.context,
            customer_id,
            {"kind": "call", "summary": "x", "occurred_at": datetime(999, 6, 1, tzinfo=UTC)},
        )
    assert "occurred_at" in caught.value.errors
    assert len(timeline.page(customer_id)) == before


@pytest.mark.parametrize("due", [datetime(2101, 1, 1, tzinfo=UTC), datetime(1900, 1, 1, tzinfo=UTC)])
def test_follow_up_due_time_out_of_range_is_refused(seeded: Seeded, due: datetime) -> None:
    with pytest.raises(ValidationError) as caught:
        followups.create(seeded.context, seeded.customer_ids["李娜"], {"title": "Call", "due_at": due})
    assert caught.value.errors == {"due_at": "must be between 1970-01-01 and 2100-12-31 (UTC)"}


def test_snooze_out_of_range_is_refused(seeded: Seeded) -> None:
    follow_up_id = seeded.follow_up_ids["Send samples"]
    with pytest.raises(ValidationError) as caught:
        followups.snooze(seeded.context, follow_up_id, datetime(2101, 6, 1, tzinfo=UTC))
    assert caught.value.errors == {"until": "must be between 1970-01-01 and 2100-12-31 (UTC)"}
    assert followups.get(follow_up_id).snoozed_until is None


def test_a_recurring_follow_up_ends_at_the_end_of_2100(seeded: Seeded) -> None:
    made = followups.create(
        seeded.context,
        seeded.customer_ids["李娜"],
        {"title": "Yearly review", "due_at": datetime(2100, 6, 1, tzinfo=UTC), "rrule": "FREQ=YEARLY"},
    )
    assert followups.complete(seeded.context, made.id) is None


def _count(path: Path, sql: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchone()[0]
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("0999-06-01 10:00", "--at: '0999-06-01 10:00' is out of range"),
        ("-99999999d", "--at: cannot read '-99999999d' as a time"),
        ("+99999999w", "--at: cannot read '+99999999w' as a time"),
    ],
)
def test_log_refuses_a_time_out_of_range_and_the_customer_stays_usable(
    capsys, book: Path, at: str, message: str
) -> None:
    before = _count(book, "SELECT COUNT(*) FROM ledger")
    code = cli.main(["log", "张伟", "--kind", "call", "--summary", "x", "--at", at, "--db", str(book)])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
    assert _count(book, "SELECT COUNT(*) FROM ledger") == before
    assert _count(book, "SELECT COUNT(*) FROM customer WHERE length(last_contact_at) <> 27") == 0
    assert cli.main(["customers", "--db", str(book)]) == 0
    assert cli.main(["log", "张伟", "--kind", "call", "--summary", "fine", "--db", str(book)]) == 0


def test_log_checks_its_arguments_before_opening_the_file(capsys, tmp_path: Path, monkeypatch) -> None:
    opened: list[object] = []
    monkeypatch.setattr(cli_customers, "open_existing", lambda *args, **kwargs: opened.append(args))
    for extra in (["--at", "0999-06-01"], ["--summary", "bell\x07"], ["--user", "bad login!"]):
        code = cli.main(["log", "张伟", "--kind", "call", "--summary", "x", *extra, "--db", str(tmp_path / "a.db")])
        assert code == 2
    assert opened == []
