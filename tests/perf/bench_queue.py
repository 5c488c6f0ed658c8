"""Queue benchmarks for bench.py: the daily queue of a rep with 5,000 open follow-ups, as the pane reads it (200 per
group) and whole, each beside the raw SQL (bench.py times `salestui today --json` with the other commands)."""

from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import bench_deals  # beside this script

QUEUE_FOLLOW_UPS = 5_000
MARK = "bench queue"


def fill_queue(context: Any) -> int:
    """Give the current rep 5,000 open follow-ups from 30 days overdue to 7 days ahead (added once)."""
    from salestui.db.connection import database
    from salestui.db.models import FollowUp

    have = database.execute_sql(
        "SELECT COUNT(*) FROM follow_up WHERE rep_id = ? AND status = 'open' AND title LIKE ?",
        (context.rep_id, MARK + "%"),
    ).fetchone()[0]
    if have >= QUEUE_FOLLOW_UPS:
        return int(have)
    rng = random.Random(11)
    now = context.clock.now()
    customer_ids = [
        row[0]
        for row in database.execute_sql(
            "SELECT id FROM customer WHERE merged_into_id IS NULL ORDER BY rowid LIMIT 2000"
        ).fetchall()
    ]
    with context.write(bulk=True) as writer:
        for number in range(QUEUE_FOLLOW_UPS - have):
            due = now + timedelta(minutes=rng.randint(-30 * 24 * 60, 7 * 24 * 60))
            row = {
                "id": uuid.uuid4().hex,
                "customer_id": rng.choice(customer_ids),
                "rep_id": context.rep_id,
                "title": f"{MARK} {number}",
                "kind": rng.choice(("call", "email", "visit", "")),
                "due_at": due,
                "snoozed_until": None,
                "queue_at": due,
                "priority": rng.choice(("high", "normal", "normal", "low")),
                "rrule": "",
                "status": "open",
                "done_at": None,
                "outcome": "",
                "created_at": now,
                "updated_at": now,
            }
            writer.put(FollowUp, FollowUp.stored(row), "create")
    return QUEUE_FOLLOW_UPS


def bench_queue(context: Any, path: Path, samples: int, metric: Any) -> list[Any]:
    """today_queue_5000 (the pane's read, 200 per group) and today_queue_5000_all (every item), beside the SQL
    that reads the rep's open follow-ups; target 50 ms for the pane's read."""
    from salestui.services import daily_queue

    fill_queue(context)
    raw = sqlite3.connect(path)
    floor_sql = (
        "SELECT id, title, queue_at FROM follow_up WHERE rep_id = ? AND status = 'open' ORDER BY queue_at LIMIT 600"
    )
    cases = {
        "today_queue_5000": (
            lambda: daily_queue.queue(context, limit=200),
            lambda: raw.execute(floor_sql, (context.rep_id,)).fetchall(),
            50.0,
        ),
        "today_queue_5000_all": (
            lambda: daily_queue.queue(context, limit=None),
            lambda: raw.execute(floor_sql.replace(" LIMIT 600", ""), (context.rep_id,)).fetchall(),
            None,
        ),
    }
    rows = bench_deals.measure(cases, samples, metric)
    raw.close()
    return rows
