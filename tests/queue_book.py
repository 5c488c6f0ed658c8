"""The seeded book with a fuller daily queue for alice (an admin, so she may see the team's): a promise of ours due
tomorrow, 张伟's deal to deliver on Saturday, 周强 past his cadence with nothing planned (last call 40 days ago), two
follow-ups due at the same time (high priority first), and bob (a rep) with a visit of his own today."""

from __future__ import annotations

from datetime import timedelta

from salestui.services import contacts, customers, deals, followups, promises, reps, timeline
from tests.conftest import Seeded

# What the queue book adds; the tests look them up by these names.
PROMISE_WHAT = "Send 3 sample cartons"
DEAL_TITLE = "贴片电容订单"
SUGGESTED = "周强"
BOB_CUSTOMER = "Harbour Foods"
BOB_TITLE = "Visit the new warehouse"


def seed_queue(seeded: Seeded) -> Seeded:
    context = seeded.context
    now = context.clock.now()
    ids = seeded.customer_ids
    promises.add(
        context,
        ids["Acme Trading Ltd"],
        {"side": "us", "kind": "delivery", "what": PROMISE_WHAT, "due_at": now + timedelta(days=1)},
    )
    zhang = ids["张伟"]
    terms = {
        "title": DEAL_TITLE,
        "stage": "agreed",
        "agreed_via": "phone",
        "agreed_contact_id": contacts.for_customer(zhang)[0].id,
        "delivery_date": "2026-11-28",
    }
    deals.create(
        context, zhang, terms, [{"item": "电源模块", "quantity_milli": "100", "unit": "个", "unit_price": "38"}]
    )
    ids[SUGGESTED] = customers.create(context, {"name": SUGGESTED, "phone": "135 0000 7777", "tier": "regular"}).id
    timeline.append(
        context,
        ids[SUGGESTED],
        {"kind": "call", "summary": "Asked for samples", "occurred_at": now - timedelta(days=40)},
    )
    for title, priority in (("Quote the spring order", "normal"), ("Chase the late payment", "high")):
        made = followups.create(
            context,
            ids["陈杰"],
            {"title": title, "kind": "call", "due_at": now + timedelta(hours=5), "priority": priority},
        )
        seeded.follow_up_ids[title] = made.id
    reps.add(context, "bob", name="Bob Li")
    ids[BOB_CUSTOMER] = customers.create(context, {"name": BOB_CUSTOMER, "owner_login": "bob"}).id
    reps.sign_in(context, "bob")  # a rep writes only as themself
    timeline.append(context, ids[BOB_CUSTOMER], {"kind": "visit", "summary": "Toured the site"})
    bob_visit = {"title": BOB_TITLE, "kind": "visit", "due_at": now + timedelta(hours=3)}
    seeded.follow_up_ids[BOB_TITLE] = followups.create(context, ids[BOB_CUSTOMER], bob_visit).id
    reps.sign_in(context, "alice")
    return seeded
