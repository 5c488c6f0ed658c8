"""The daily queue: follow-ups, promises and deals due, and cadence suggestions, for a rep or the team."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salestui.services import cadence_defaults, customers, daily_queue, deals, followups, promises, reps, timeline
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.queue_views import CADENCE, DEAL, FOLLOW_UP, PROMISE


def titles(items) -> list[str]:
    return [item.title for item in items]


def as_rep(seeded, clock, login: str) -> Context:
    other = Context(path=seeded.context.path, clock=clock, device=seeded.context.device)
    rep = reps.sign_in(other, login, enroll=True)
    other.rep_id, other.rep_login = rep.id, rep.login
    return other


def called(context, name: str, ago: timedelta, kind: str = "call", **fields) -> str:
    customer_id = customers.create(context, {"name": name, **fields}).id
    timeline.append(context, customer_id, {"kind": kind, "summary": "hello", "occurred_at": context.clock.now() - ago})
    return customer_id


def test_groups_hold_the_seeded_follow_ups_with_their_last_contact(seeded):
    queue = daily_queue.queue(seeded.context)
    assert titles(queue.overdue) == ["Confirm delivery date"]
    assert titles(queue.today) == ["Call about 2027 prices"]
    assert titles(queue.upcoming) == ["Send samples"]
    assert queue.suggested == () and queue.rep_logins == ("alice",)
    confirm = queue.overdue[0]
    assert (confirm.source, confirm.customer_name, confirm.overdue, confirm.rep_login) == (
        FOLLOW_UP,
        "张伟",
        True,
        "alice",
    )
    assert confirm.follow_up is not None and confirm.follow_up.id == seeded.follow_up_ids["Confirm delivery date"]
    # 张伟's newest contact is the WeChat message three days ago; 陈杰's complaint is not a contact.
    assert confirm.last_contact is not None
    assert (confirm.last_contact.kind, confirm.last_contact.summary) == ("im", "WeChat: confirmed delivery address")


def test_order_is_due_time_then_priority(seeded):
    context = seeded.context
    customer_id = seeded.customer_ids["陈杰"]
    due = context.clock.now() + timedelta(hours=5)
    for title, priority in (("low one", "low"), ("normal one", "normal"), ("high one", "high")):
        followups.create(context, customer_id, {"title": title, "due_at": due, "priority": priority})
    followups.create(
        context, customer_id, {"title": "earlier", "due_at": due - timedelta(minutes=1), "priority": "low"}
    )
    assert titles(daily_queue.queue(context).today) == [
        "Call about 2027 prices",
        "earlier",
        "high one",
        "normal one",
        "low one",
    ]


def test_upcoming_looks_seven_days_past_today(seeded):
    context = seeded.context
    customer_id = seeded.customer_ids["陈杰"]
    local = context.clock.local(context.clock.now())
    end_of_week = local.replace(hour=23, minute=59) + timedelta(days=7)
    followups.create(context, customer_id, {"title": "last day shown", "due_at": end_of_week})
    followups.create(context, customer_id, {"title": "too far", "due_at": end_of_week + timedelta(minutes=2)})
    upcoming = titles(daily_queue.queue(context).upcoming)
    assert "last day shown" in upcoming and "too far" not in upcoming


def test_a_customer_past_cadence_is_suggested_until_a_real_contact_is_logged(seeded):
    context = seeded.context
    quiet = called(context, "Quiet Ltd", timedelta(days=31), tier="regular")
    called(context, "Recent Ltd", timedelta(days=29), tier="regular")
    suggested = daily_queue.queue(context).suggested
    assert [(item.customer_name, item.source) for item in suggested] == [("Quiet Ltd", CADENCE)]
    assert suggested[0].title == "no contact for 31 d (cadence: every 30 d)"
    assert suggested[0].due == context.clock.now() - timedelta(days=1)
    timeline.append(context, quiet, {"kind": "note", "summary": "Thought about them"})
    assert [item.customer_name for item in daily_queue.queue(context).suggested] == ["Quiet Ltd"]  # a note is not one
    timeline.append(context, quiet, {"kind": "email", "summary": "Sent the catalogue"})
    assert daily_queue.queue(context).suggested == ()


def test_a_planned_follow_up_replaces_the_suggestion(seeded):
    context = seeded.context
    quiet = called(context, "Quiet Ltd", timedelta(days=31), tier="regular")
    planned = followups.create(
        context, quiet, {"title": "Call Quiet", "due_at": context.clock.now() + timedelta(days=2)}
    )
    queue = daily_queue.queue(context)
    assert queue.suggested == () and "Call Quiet" in titles(queue.upcoming)  # never both
    followups.complete(context, planned.id, "no answer")
    assert [item.customer_name for item in daily_queue.queue(context).suggested] == ["Quiet Ltd"]


def test_cadence_by_tier_and_by_customer(seeded):
    context = seeded.context
    own = called(context, "Own cadence", timedelta(days=31), tier="regular")
    customers.update(context, own, {"cadence_days": "60"})
    called(context, "VIP", timedelta(days=15), tier="vip")
    assert [item.customer_name for item in daily_queue.queue(context).suggested] == ["VIP"]
    cadence_defaults.use({"vip": 20})
    try:
        assert daily_queue.queue(context).suggested == ()
    finally:
        cadence_defaults.reset()


def test_open_promises_are_in_the_queue_until_settled(seeded):
    context = seeded.context
    zhang = seeded.customer_ids["张伟"]
    now = context.clock.now()
    ours = promises.add(
        context, zhang, {"side": "us", "kind": "delivery", "what": "Ship by Friday", "due_at": now + timedelta(days=1)}
    )
    theirs = promises.add(
        context,
        zhang,
        {"side": "customer", "kind": "payment", "what": "Pay the deposit", "due_at": now - timedelta(days=1)},
    )
    queue = daily_queue.queue(context)
    assert [(i.source, i.title) for i in queue.overdue if i.source == PROMISE] == [(PROMISE, "Pay the deposit")]
    assert [i.title for i in queue.upcoming if i.source == PROMISE] == ["Ship by Friday"]
    promises.settle(context, theirs.id, {"status": "kept"})
    amended = promises.amend(context, ours.id, {"what": "Ship by Saturday"})
    queue = daily_queue.queue(context)
    assert [i.title for i in queue.items() if i.source == PROMISE] == ["Ship by Saturday"]
    assert [i.id for i in queue.items() if i.source == PROMISE] == [amended.id]


def test_deliveries_and_payments_due_are_whole_days(seeded):
    context = seeded.context
    zhang = seeded.customer_ids["张伟"]
    today = context.clock.local(context.clock.now()).date()
    line = [{"item": "Cartons", "quantity_milli": "10", "unit_price": "5"}]
    deliver = deals.create(context, zhang, {"title": "Cartons", "delivery_date": today.isoformat()}, line)
    deals.move(context, deliver.id, "agreed", terms={"agreed_via": "phone"})
    paid = deals.create(
        context, zhang, {"title": "Labels", "payment_due_date": (today - timedelta(days=1)).isoformat()}, line
    )
    deals.move(context, paid.id, "delivered", terms={"agreed_via": "phone"})
    queue = daily_queue.queue(context)
    assert [(i.source, i.kind, i.title) for i in queue.today if i.source == DEAL] == [(DEAL, "delivery", "Cartons")]
    assert [(i.kind, i.title) for i in queue.overdue if i.source == DEAL] == [("payment", "Labels")]


def test_team_view_is_for_managers(seeded, clock):
    bob = as_rep(seeded, clock, "bob")
    followups.create(bob, seeded.customer_ids["张伟"], {"title": "Bob's call", "due_at": clock.now()})
    assert "Bob's call" not in titles(daily_queue.queue(seeded.context).items())
    team = daily_queue.queue(seeded.context, logins=[])  # alice is the admin
    assert {"Bob's call", "Confirm delivery date"} <= set(titles(team.items())) and team.rep_logins == ()
    only_bob = daily_queue.queue(seeded.context, logins=["bob"])
    assert titles(only_bob.items()) == ["Bob's call"] and only_bob.today[0].rep_login == "bob"
    with pytest.raises(ValidationError) as refused:
        daily_queue.queue(bob, logins=[])
    assert "manager" in refused.value.errors["user"]
    with pytest.raises(ValidationError) as unknown:
        daily_queue.queue(seeded.context, logins=["nobody"])
    assert unknown.value.errors["user"] == "no such rep: nobody"
    assert daily_queue.rep_logins() == ["alice", "bob"]


def test_limit_bounds_each_group(seeded):
    context = seeded.context
    for number in range(5):
        followups.create(
            context,
            seeded.customer_ids["陈杰"],
            {"title": f"t{number}", "due_at": context.clock.now() - timedelta(hours=number + 1)},
        )
    queue = daily_queue.queue(context, limit=2)
    assert len(queue.overdue) == 2 and titles(queue.overdue) == ["Confirm delivery date", "t4"]
    assert len(daily_queue.queue(context, limit=None).overdue) == 6
