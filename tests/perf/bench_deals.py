"""Deal benchmarks for bench.py: a deal opened, a customer's 500 deals listed, a memo written, and the first
timeline page of a customer with 10k mixed entries — each beside the raw SQL it rests on."""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

HEAVY_DEALS = 500
HEAVY_ENTRIES = 10_000


def ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def heavy_customer(context: Any) -> str:
    """A customer with 500 deals (three lines each, events and memos) and 10k interactions, added once."""
    from salestui.db.connection import database
    from salestui.db.deal_models import Deal, DealEvent, DealLine
    from salestui.db.models import Customer, Interaction

    marked = database.execute_sql("SELECT id FROM customer WHERE name = 'Bench heavy deals'").fetchone()
    if marked:
        return str(marked[0])
    rng = random.Random(7)
    now = context.clock.now()
    template = Customer.get(Customer.id == database.execute_sql("SELECT id FROM customer LIMIT 1").fetchone()[0])
    customer_id = uuid.uuid4().hex
    with context.write(bulk=True) as writer:
        row = {**template.stored_row(), "id": customer_id, "name": "Bench heavy deals", "sort_key": "bench heavy"}
        writer.put(Customer, row, "create")
        for number in range(HEAVY_ENTRIES - 2 * HEAVY_DEALS):
            at = now - timedelta(minutes=number * 7 + 1)
            interaction = {
                "id": uuid.uuid4().hex,
                "customer_id": customer_id,
                "rep_id": context.rep_id,
                "kind": rng.choice(("call", "im", "email", "note")),
                "direction": "out",
                "occurred_at": at,
                "summary": f"bench contact {number}",
                "body": "",
                "outcome": "",
                "next_step": "",
                "amends_id": None,
                "created_at": at,
            }
            writer.put(Interaction, Interaction.stored(interaction), "create")
        for number in range(HEAVY_DEALS):
            at = now - timedelta(hours=number * 5 + 1)
            deal_id = uuid.uuid4().hex
            deal = {
                "id": deal_id,
                "customer_id": customer_id,
                "rep_id": context.rep_id,
                "title": f"bench deal {number}",
                "currency": "CNY",
                "stage": "agreed",
                "lost_reason": "",
                "agreed_at": at,
                "agreed_via": "phone",
                "agreed_contact_id": None,
                "interaction_id": None,
                "delivery_date": "2026-12-01",
                "delivery_place": "宁波港",
                "payment_due_date": "",
                "payment_terms": "30 days after delivery",
                "warranty": "",
                "other_terms": "",
                "objection_days": None,
                "memo_language": "",
                "created_at": at,
                "updated_at": at,
            }
            writer.put(Deal, Deal.stored(deal), "create")
            for position in range(1, 4):
                line = {
                    "id": uuid.uuid4().hex,
                    "deal_id": deal_id,
                    "position": position,
                    "item": f"item {position}",
                    "quantity_milli": rng.randint(1, 5000) * 500,
                    "unit": "pcs",
                    "unit_price": rng.randint(100, 900_000),
                    "status": "active",
                    "created_at": at,
                    "updated_at": at,
                }
                writer.put(DealLine, DealLine.stored(line), "create")
            for kind, to_stage in (("created", "lead"), ("stage", "agreed")):
                event = {
                    "id": uuid.uuid4().hex,
                    "deal_id": deal_id,
                    "customer_id": customer_id,
                    "rep_id": context.rep_id,
                    "kind": kind,
                    "from_stage": "" if kind == "created" else "lead",
                    "to_stage": to_stage,
                    "memo_id": None,
                    "occurred_at": at,
                    "channel": "",
                    "counterpart": "",
                    "text": "",
                    "created_at": at,
                }
                writer.put(DealEvent, DealEvent.stored(event), "create")
    return customer_id


def bench_deals(context: Any, path: Path, samples: int, metric: Any) -> list[Any]:
    """The four deal measures, each with its raw-SQL floor; target 20 ms each."""
    from salestui.db.queries import DEAL_ROW, INTERACTION_ROW
    from salestui.services import deals, memos, timeline_entries

    customer_id = heavy_customer(context)
    now = context.clock.now()
    raw = sqlite3.connect(path)
    deal_id = raw.execute("SELECT id FROM deal WHERE customer_id = ? LIMIT 1", (customer_id,)).fetchone()[0]
    listing_sql = DEAL_ROW.sql + " WHERE d.customer_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT 500"
    timeline_sql = INTERACTION_ROW.sql + " WHERE i.customer_id = ? ORDER BY i.occurred_at DESC, i.id DESC LIMIT 50"
    cases = {
        "deal_open": (
            lambda: deals.get(deal_id, now),
            lambda: raw.execute("SELECT * FROM deal_line WHERE deal_id = ?", (deal_id,)).fetchall(),
        ),
        "deals_list_500": (
            lambda: deals.listing(now, customer_id=customer_id),
            lambda: raw.execute(listing_sql, (customer_id,)).fetchall(),
        ),
        "memo_render": (
            lambda: memos.render(deal_id, now, None, "text", context.clock.zone),
            lambda: raw.execute("SELECT * FROM deal_line WHERE deal_id = ?", (deal_id,)).fetchall(),
        ),
        "timeline_10k_first_page": (
            lambda: timeline_entries.page(customer_id, None, 50),
            lambda: raw.execute(timeline_sql, (customer_id,)).fetchall(),
        ),
    }
    rows = measure({name: (service, floor, 20.0) for name, (service, floor) in cases.items()}, samples, metric)
    raw.close()
    return rows


def measure(cases: dict[str, tuple[Any, Any, float | None]], samples: int, metric: Any) -> list[Any]:
    """Each case's (service, raw floor, target) timed in turns, `samples` times after one untimed warm-up."""
    rows = []
    for name, (service, floor, target) in cases.items():
        served, floors = [], []
        for _round in range(samples + 1):
            start = time.perf_counter()
            service()
            served.append(ms(start))
            start = time.perf_counter()
            floor()
            floors.append(ms(start))
        rows.append(metric(name, served[1:], "ms", floors[1:], target))
    return rows
