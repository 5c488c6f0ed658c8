"""Demo follow-ups: a few done in the past and, for most customers, one open in the queue."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from salestui.db.models import FollowUp
from salestui.demo import history_words, words
from salestui.demo.people import CustomerDraft
from salestui.demo.plan import DemoPlan, fill
from salestui.services.ledger import LedgerWriter

# Open follow-ups every rep gets at least, so each queue section has something to show.
MIN_FOLLOW_UPS = {"overdue": 2, "today": 1, "upcoming": 2}
FIRST_REP_MIN_OVERDUE = 5


def _bucket(plan: DemoPlan, draft: CustomerDraft, first_rep: bool) -> str | None:
    """Where the customer's open follow-up goes in the queue (None: it has none); each rep's minimums first."""
    assert draft.owner_id is not None
    made = plan.open_follow_ups.setdefault(draft.owner_id, Counter())
    minimums = dict(MIN_FOLLOW_UPS, overdue=FIRST_REP_MIN_OVERDUE) if first_rep else MIN_FOLLOW_UPS
    for bucket, minimum in minimums.items():
        if made[bucket] < minimum:
            return bucket
    if plan.rng.random() >= {"vip": 0.85, "regular": 0.5, "potential": 0.35}[draft.tier]:
        return None
    return plan.rng.choices(("overdue", "today", "upcoming"), (22, 8, 70))[0]


def _due_in(plan: DemoPlan, bucket: str) -> datetime:
    rng = plan.rng
    if bucket == "overdue":
        return plan.office_time(plan.days_ago(0.1, 20))
    if bucket == "today":
        local = plan.now + plan.offset
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        return plan.now + (midnight - local) * rng.uniform(0.15, 0.9)
    due = plan.office_time(plan.now + timedelta(days=rng.uniform(1, 30)))
    return due if due > plan.now else due + timedelta(days=1)


def make_follow_ups(
    writer: LedgerWriter, plan: DemoPlan, draft: CustomerDraft, customer_id: str, created: datetime
) -> None:
    """A few done follow-ups in the past and, for most customers, one open: overdue, today or upcoming."""
    rng = plan.rng
    rep_id = draft.owner_id
    assert rep_id is not None
    language = 0 if draft.chinese else 1
    first_rep = rep_id == plan.rep_ids[words.REPS[0][0]]

    def title_and_kind() -> tuple[str, str]:
        text, kind = rng.choice(history_words.FOLLOW_UP_TITLES[language])
        return fill(plan, text, draft, plan.now), kind

    def put(row: dict[str, Any]) -> None:
        follow_up_id = plan.new_id()  # before the title: the random stream keeps its order
        title, kind = title_and_kind()
        base = {
            "id": follow_up_id,
            "customer_id": customer_id,
            "rep_id": rep_id,
            "title": title,
            "kind": kind,
            "snoozed_until": None,
            "rrule": "",
            "done_at": None,
            "outcome": "",
            "priority": rng.choices(("high", "normal", "low"), (20, 65, 15))[0],
        }
        writer.put(FollowUp, FollowUp.stored({**base, **row}), "create", rep_id=rep_id)
        plan.counts["follow_up"] += 1

    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        due = plan.office_time(plan.days_ago(2, max((plan.now - created).days, 3)))
        done = min(due + timedelta(hours=rng.uniform(0, 72)), plan.now)
        put(
            {
                "due_at": due,
                "queue_at": due,
                "status": "done",
                "done_at": done,
                "outcome": rng.choice(history_words.OUTCOMES[language]),
                "created_at": due - timedelta(days=rng.randint(1, 14)),
                "updated_at": done,
            }
        )
    bucket = _bucket(plan, draft, first_rep)
    if bucket is None:
        return
    plan.open_follow_ups[rep_id][bucket] += 1
    due = _due_in(plan, bucket)
    made = min(due, plan.now) - timedelta(days=rng.uniform(1, 20))
    row = {"due_at": due, "queue_at": due, "status": "open", "created_at": made, "updated_at": made}
    if bucket == "upcoming" and rng.random() < 0.1:
        # Was due a few days ago and put off until `due`.
        was_due = plan.office_time(plan.days_ago(1, 5))
        row.update(
            due_at=was_due,
            snoozed_until=due,
            created_at=was_due - timedelta(days=rng.uniform(1, 14)),
            updated_at=plan.now - timedelta(hours=rng.uniform(1, 20)),
        )
    elif rng.random() < 0.05:
        row["rrule"] = rng.choice(("FREQ=MONTHLY", "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY;BYMONTHDAY=1"))
    put(row)
