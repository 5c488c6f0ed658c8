"""Alerts: overdue follow-ups and contact gaps by tier, with cadence overrides and exclusions."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from salestui.services import alerts, customers, followups, reps, timeline


def gap_alerts(context) -> dict[str, str]:
    return {alert.customer_name: alert.reason for alert in alerts.alerts(context) if alert.kind == "no_contact"}


def contacted(context, name: str, days_ago: timedelta, **fields) -> str:
    customer_id = customers.create(context, {"name": name, **fields}).id
    timeline.append(
        context, customer_id, {"kind": "call", "summary": "hello", "occurred_at": context.clock.now() - days_ago}
    )
    return customer_id


@pytest.mark.parametrize(("tier", "days"), [("vip", 14), ("regular", 30), ("potential", 45)])
def test_contact_gap_threshold_by_tier(context, tier, days):
    contacted(context, "At the limit", timedelta(days=days), tier=tier)
    contacted(context, "Just past", timedelta(days=days, minutes=1), tier=tier)
    contacted(context, "Well inside", timedelta(days=days - 1), tier=tier)
    found = gap_alerts(context)
    assert list(found) == ["Just past"]
    assert found["Just past"] == f"no contact for {days} d (limit {days} d for {tier})"


def test_cadence_overrides_the_tier(context):
    contacted(context, "Weekly regular", timedelta(days=7, minutes=1), tier="regular", cadence_days=7)
    contacted(context, "Weekly at limit", timedelta(days=7), tier="regular", cadence_days=7)
    contacted(context, "Slow vip", timedelta(days=20), tier="vip", cadence_days=60)
    contacted(context, "Slow vip overdue", timedelta(days=61), tier="vip", cadence_days=60)
    found = gap_alerts(context)
    assert set(found) == {"Weekly regular", "Slow vip overdue"}
    assert found["Weekly regular"] == "no contact for 7 d (limit 7 d for regular)"


def test_never_contacted_counts_from_creation(context):
    customers.create(context, {"name": "Never called", "tier": "vip"})
    customers.create(context, {"name": "Never called potential", "tier": "potential"})
    context.clock.advance(timedelta(days=15))
    found = gap_alerts(context)
    assert list(found) == ["Never called"]
    assert found["Never called"] == "never contacted; added 15 d ago (limit 14 d)"


def test_other_reps_pool_and_lost_customers_are_excluded(context):
    reps.add(context, "bob")
    old = timedelta(days=100)
    contacted(context, "Mine", old, tier="vip")
    contacted(context, "Bob's", old, tier="vip", owner_login="bob")
    contacted(context, "Pool", old, tier="vip", owner_login="")
    contacted(context, "Lost", old, tier="vip", status="lost")
    contacted(context, "Dormant", old, tier="vip", status="dormant")
    assert set(gap_alerts(context)) == {"Mine", "Dormant"}


def test_severity_doubles_at_twice_the_limit(context):
    contacted(context, "Late", timedelta(days=20), tier="vip")
    contacted(context, "Very late", timedelta(days=28), tier="vip")
    severity = {a.customer_name: a.severity for a in alerts.alerts(context) if a.kind == "no_contact"}
    assert severity == {"Late": "medium", "Very late": "high"}


def test_gaps_come_longest_first(context):
    contacted(context, "Twenty", timedelta(days=20), tier="vip")
    contacted(context, "Ninety", timedelta(days=90), tier="vip")
    contacted(context, "Fifty", timedelta(days=50), tier="regular")
    assert list(gap_alerts(context)) == ["Ninety", "Fifty", "Twenty"]


def test_overdue_follow_ups_come_first_with_their_reason(seeded):
    context = seeded.context
    found = alerts.alerts(context)
    assert found[0].kind == "overdue_follow_up"
    assert found[0].customer_name == "张伟"
    assert found[0].reason == "follow-up \u201cConfirm delivery date\u201d overdue by 3 d"
    assert found[0].severity == "medium"
    assert [a.kind for a in found].count("overdue_follow_up") == 1
    # 李娜 (regular) was last contacted 45 days ago; 王芳 and the markup name were added just now.
    assert gap_alerts(context) == {"李娜": "no contact for 45 d (limit 30 d for regular)"}


def test_week_old_follow_up_is_high_and_done_ones_vanish(seeded):
    context = seeded.context
    late = followups.create(
        context,
        seeded.customer_ids["陈杰"],
        {"title": "Old promise", "due_at": context.clock.now() - timedelta(days=8)},
    )
    found = [a for a in alerts.alerts(context) if a.kind == "overdue_follow_up"]
    assert [(a.customer_name, a.severity) for a in found] == [("陈杰", "high"), ("张伟", "medium")]
    followups.complete(context, late.id)
    followups.complete(context, seeded.follow_up_ids["Confirm delivery date"])
    assert [a for a in alerts.alerts(context) if a.kind == "overdue_follow_up"] == []


def test_a_queue_already_read_is_used_instead_of_reading_it_again(seeded, monkeypatch):
    context = seeded.context
    late = followups.create(
        context,
        seeded.customer_ids["陈杰"],
        {"title": "Old promise", "due_at": context.clock.now() - timedelta(days=8)},
    )
    queue = followups.queue(context)
    expected = alerts.alerts(context)

    def read_again(*args, **kwargs):
        raise AssertionError("the queue was read again")

    monkeypatch.setattr(followups, "queue", read_again)
    assert alerts.alerts(context, queue=queue) == expected
    # The overdue alerts come from the queue given (here one without 陈杰's), cut to `limit` like the gaps.
    only_zhang = dataclasses.replace(queue, overdue=tuple(v for v in queue.overdue if v.id != late.id))
    overdue = [a.customer_name for a in alerts.alerts(context, queue=only_zhang) if a.kind == "overdue_follow_up"]
    assert overdue == ["张伟"]
    assert [a.kind for a in alerts.alerts(context, queue=queue, limit=1)] == ["overdue_follow_up", "no_contact"]
