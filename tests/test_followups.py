"""Follow-ups: create, complete, snooze, recurrence, and the queue bucketed by the local day."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from salestui.db.connection import database
from salestui.services import customers, followups, reps
from salestui.services.context import Context
from salestui.services.errors import NotFound, ValidationError
from tests.conftest import SHANGHAI


def count(table: str) -> int:
    return database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def titles(items) -> list[str]:
    return [item.title for item in items]


def test_seeded_queue(seeded):
    queue = followups.queue(seeded.context)
    assert titles(queue.overdue) == ["Confirm delivery date"]
    assert titles(queue.today) == ["Call about 2027 prices"]
    assert titles(queue.upcoming) == ["Send samples"]
    assert queue.overdue[0].customer_name == "张伟"


def test_create_returns_the_view(seeded):
    context = seeded.context
    due = context.clock.now() + timedelta(days=2)
    made = followups.create(
        context, seeded.customer_ids["王芳"], {"title": " Ask about budget ", "due_at": due, "priority": "high"}
    )
    assert (made.title, made.due_at, made.queue_at, made.priority, made.status, made.snoozed_until) == (
        "Ask about budget",
        due,
        due,
        "high",
        "open",
        None,
    )
    assert followups.for_customer(seeded.customer_ids["王芳"]) == [made]


@pytest.mark.parametrize(
    ("raw", "field", "fragment"),
    [
        ({"title": ""}, "title", "required"),
        ({"title": "a\x1bb"}, "title", "position 2"),
        ({"title": "x" * 301}, "title", "at most 300"),
        ({"due_at": None}, "due_at", "zone"),
        ({"due_at": datetime(2026, 12, 1, 10, 0)}, "due_at", "zone"),
        ({"priority": "urgent"}, "priority", "one of: high, normal, low"),
        ({"rrule": "FREQ=SOMETIMES"}, "rrule", "not a recurrence rule"),
        ({"rrule": "every tuesday"}, "rrule", "not a recurrence rule"),
    ],
)
def test_create_refuses_bad_fields(seeded, raw, field, fragment):
    context = seeded.context
    values = {"title": "Valid", "due_at": context.clock.now() + timedelta(days=1), **raw}
    before = (count("follow_up"), count("ledger"))
    with pytest.raises(ValidationError) as caught:
        followups.create(context, seeded.customer_ids["李娜"], values)
    assert list(caught.value.errors) == [field]
    assert fragment in caught.value.errors[field]
    assert (count("follow_up"), count("ledger")) == before


def test_create_for_unknown_customer(context):
    with pytest.raises(NotFound):
        followups.create(context, "0" * 32, {"title": "x", "due_at": context.clock.now()})
    assert count("follow_up") == 0


def local(day_offset: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 11, 26 + day_offset, hour, minute, tzinfo=SHANGHAI)


def test_queue_buckets_by_the_local_day(context):
    customer_id = customers.create(context, {"name": "Bucket"}).id
    plans = {
        "early this morning": local(0, 0, 30),  # 2026-11-25 16:30 UTC: already past
        "late tonight": local(0, 23, 30),  # 15:30 UTC on the 26th
        "just after midnight": local(1, 0, 30),  # 16:30 UTC on the 26th: same UTC day, next local day
        "right now": context.clock.now(),
    }
    for title, due in plans.items():
        followups.create(context, customer_id, {"title": title, "due_at": due})
    queue = followups.queue(context)
    assert titles(queue.overdue) == ["early this morning"]
    assert titles(queue.today) == ["right now", "late tonight"]
    assert titles(queue.upcoming) == ["just after midnight"]


def test_queue_is_the_current_reps_only(seeded, clock):
    bob = Context(path=seeded.context.path, clock=clock, device=seeded.context.device)
    rep = reps.sign_in(bob, "bob", enroll=True)
    bob.rep_id, bob.rep_login = rep.id, rep.login
    followups.create(bob, seeded.customer_ids["张伟"], {"title": "Bob's call", "due_at": clock.now()})
    assert "Bob's call" not in titles(followups.queue(seeded.context).today)
    assert titles(followups.queue(bob).today) == ["Bob's call"]


def test_queue_limit(seeded):
    queue = followups.queue(seeded.context, limit=0)
    assert (queue.overdue, queue.today, queue.upcoming) == ((), (), ())


def test_complete_removes_from_queue_and_records_outcome(seeded):
    context = seeded.context
    follow_up_id = seeded.follow_up_ids["Confirm delivery date"]
    assert followups.complete(context, follow_up_id, "Delivery on 12-05 confirmed") is None
    assert followups.queue(context).overdue == ()
    done = followups.get(follow_up_id)
    assert done.status == "done"
    data = json.loads(
        database.execute_sql(
            "SELECT data FROM ledger WHERE entity_id = ? ORDER BY seq DESC LIMIT 1", (follow_up_id,)
        ).fetchone()[0]
    )
    assert (data["status"], data["outcome"], data["done_at"]) == (
        "done",
        "Delivery on 12-05 confirmed",
        "2026-11-26T01:30:00.000000Z",
    )


def test_complete_twice_is_refused(seeded):
    context = seeded.context
    follow_up_id = seeded.follow_up_ids["Send samples"]
    followups.complete(context, follow_up_id)
    events = count("ledger")
    with pytest.raises(ValidationError) as caught:
        followups.complete(context, follow_up_id)
    assert list(caught.value.errors) == ["status"]
    assert "already done" in caught.value.errors["status"]
    assert count("ledger") == events


def test_complete_refuses_control_characters_in_outcome(seeded):
    follow_up_id = seeded.follow_up_ids["Send samples"]
    with pytest.raises(ValidationError) as caught:
        followups.complete(seeded.context, follow_up_id, "sent\x00")
    assert list(caught.value.errors) == ["outcome"]
    assert followups.get(follow_up_id).status == "open"


def test_complete_unknown(context):
    with pytest.raises(NotFound):
        followups.complete(context, "0" * 32)
    with pytest.raises(NotFound):
        followups.get("0" * 32)


def test_weekly_follow_up_comes_back_at_the_next_occurrence(seeded):
    context = seeded.context
    due = context.clock.now() - timedelta(days=3)
    weekly = followups.create(
        context,
        seeded.customer_ids["陈杰"],
        {"title": "Weekly stock check", "due_at": due, "rrule": "FREQ=WEEKLY", "priority": "high"},
    )
    following = followups.complete(context, weekly.id, "checked")
    assert following is not None and following.id != weekly.id
    assert following.due_at == due + timedelta(days=7)
    assert (following.title, following.status, following.priority, following.rrule) == (
        "Weekly stock check",
        "open",
        "high",
        "FREQ=WEEKLY",
    )
    assert followups.get(weekly.id).status == "done"
    assert "Weekly stock check" in titles(followups.queue(context).upcoming)


def test_long_overdue_recurrence_skips_to_the_future(seeded):
    context = seeded.context
    due = context.clock.now() - timedelta(days=20)
    weekly = followups.create(
        context, seeded.customer_ids["陈杰"], {"title": "Weekly", "due_at": due, "rrule": "FREQ=WEEKLY"}
    )
    following = followups.complete(context, weekly.id)
    assert following.due_at == due + timedelta(days=21)
    assert following.due_at > context.clock.now()


def test_finished_recurrence_does_not_come_back(seeded):
    context = seeded.context
    once = followups.create(
        context,
        seeded.customer_ids["陈杰"],
        {"title": "Just once", "due_at": context.clock.now() - timedelta(days=1), "rrule": "FREQ=DAILY;COUNT=1"},
    )
    assert followups.complete(context, once.id) is None
    assert followups.for_customer(seeded.customer_ids["陈杰"]) == []


def test_snooze_moves_the_queue_time_but_keeps_the_due_time(seeded):
    context = seeded.context
    follow_up_id = seeded.follow_up_ids["Confirm delivery date"]
    original = followups.get(follow_up_id)
    until = local(0, 17, 0)
    snoozed = followups.snooze(context, follow_up_id, until)
    assert (snoozed.due_at, snoozed.snoozed_until, snoozed.queue_at) == (original.due_at, until, until)
    queue = followups.queue(context)
    assert queue.overdue == ()
    assert titles(queue.today) == ["Call about 2027 prices", "Confirm delivery date"]
    followups.snooze(context, follow_up_id, local(3, 9, 0))
    assert "Confirm delivery date" in titles(followups.queue(context).upcoming)


@pytest.mark.parametrize("offset", [timedelta(0), timedelta(minutes=-1)])
def test_snooze_into_the_past_is_refused(seeded, offset):
    context = seeded.context
    with pytest.raises(ValidationError) as caught:
        followups.snooze(context, seeded.follow_up_ids["Send samples"], context.clock.now() + offset)
    assert list(caught.value.errors) == ["until"]


def test_snooze_a_done_follow_up_is_refused(seeded):
    context = seeded.context
    follow_up_id = seeded.follow_up_ids["Send samples"]
    followups.complete(context, follow_up_id)
    with pytest.raises(ValidationError) as caught:
        followups.snooze(context, follow_up_id, context.clock.now() + timedelta(days=1))
    assert list(caught.value.errors) == ["status"]
