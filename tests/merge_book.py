"""Two customers with a record of every kind each, for the merge tests: interactions (one amended), follow-ups
(one done), contact persons (one primary), a deal with lines, a memo and events, promises with outcomes.

Deals, memos and promises are written straight through the ledger writer, as their services would write them.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from salestui.db.deal_models import Deal, DealEvent, DealLine, Memo, Promise, PromiseOutcome
from salestui.db.entities import ENTITIES
from salestui.db.models import Interaction
from salestui.services import contacts, customers, followups, ledger, timeline
from salestui.services.context import Context
from tests.conftest import Seeded


@dataclass(frozen=True)
class Pair:
    survivor: str
    merged: str


def _new_id() -> str:
    return uuid.uuid4().hex


def add_records(context: Context, customer_id: str, tag: str) -> None:
    """One record of every kind (and an amendment, a done follow-up, a primary contact) for `customer_id`."""
    now = context.clock.now()
    first = timeline.append(
        context, customer_id, {"kind": "call", "summary": f"{tag}: first call", "occurred_at": now - timedelta(days=9)}
    )
    timeline.append(
        context, customer_id, {"kind": "visit", "summary": f"{tag}: visit", "occurred_at": now - timedelta(days=4)}
    )
    done = followups.create(context, customer_id, {"title": f"{tag}: send samples", "due_at": now - timedelta(days=1)})
    followups.complete(context, done.id, "sent")
    followups.create(context, customer_id, {"title": f"{tag}: call back", "due_at": now + timedelta(days=2)})
    person = contacts.add(context, customer_id, {"name": f"{tag} buyer", "phone": "135 0000 0001"})
    contacts.add(context, customer_id, {"name": f"{tag} accounts"})
    contacts.set_primary(context, person.id)
    with context.write() as writer:
        amended = Interaction.get_by_id(first.id).stored_row()
        amended.update(
            id=_new_id(), summary=f"{tag}: first call (corrected)", amends_id=first.id, created_at=amended["created_at"]
        )
        writer.put(Interaction, amended, "create")
        _deal(writer, context, customer_id, tag, person.id, first.id)


def _deal(writer: ledger.LedgerWriter, context: Context, customer_id: str, tag: str, person: str, call: str) -> None:
    now = context.clock.now()
    deal_id = _new_id()
    deal: dict[str, Any] = {
        "id": deal_id,
        "customer_id": customer_id,
        "rep_id": context.rep_id,
        "title": f"{tag}: cartons",
        "currency": "CNY",
        "stage": "agreed",
        "lost_reason": "",
        "agreed_at": now - timedelta(days=9),
        "agreed_via": "phone",
        "agreed_contact_id": person,
        "interaction_id": call,
        "delivery_date": "2026-12-05",
        "delivery_place": "Ningbo",
        "payment_due_date": "",
        "payment_terms": "30 days after delivery",
        "warranty": "",
        "other_terms": "",
        "objection_days": None,
        "memo_language": "",
        "created_at": now,
        "updated_at": now,
    }
    writer.put(Deal, Deal.stored(deal), "create")
    for position, (item, quantity, price) in enumerate((("Carton A", 1500, 380), ("Carton B", 250, 1999)), 1):
        line = {
            "id": _new_id(),
            "deal_id": deal_id,
            "position": position,
            "item": item,
            "quantity_milli": quantity,
            "unit": "pcs",
            "unit_price": price,
            "status": "active",
            "created_at": now,
            "updated_at": now,
        }
        writer.put(DealLine, DealLine.stored(line), "create")
    text = f"{tag}: order confirmation"
    memo_id = _new_id()
    memo = {
        "id": memo_id,
        "deal_id": deal_id,
        "version": 1,
        "language": "zh_CN",
        "text": text,
        "markdown": text,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "markdown_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "anchor_seq": 1,
        "anchor_hash": "0" * 64,
        "objection_days": 3,
        "rep_id": context.rep_id,
        "created_at": now,
    }
    writer.put(Memo, Memo.stored(memo), "create")
    for kind, memo_ref in (("created", None), ("memo_sent", memo_id)):
        event = {
            "id": _new_id(),
            "deal_id": deal_id,
            "customer_id": customer_id,
            "rep_id": context.rep_id,
            "kind": kind,
            "from_stage": "",
            "to_stage": "agreed" if kind == "created" else "",
            "memo_id": memo_ref,
            "occurred_at": now,
            "channel": "im" if memo_ref else "",
            "counterpart": "",
            "text": "",
            "created_at": now,
        }
        writer.put(DealEvent, DealEvent.stored(event), "create")
    for side, kind, status in (("customer", "payment", "kept"), ("us", "delivery", "broken")):
        promise_id = _new_id()
        promise = {
            "id": promise_id,
            "customer_id": customer_id,
            "rep_id": context.rep_id,
            "side": side,
            "kind": kind,
            "what": f"{tag}: {kind}",
            "due_at": now - timedelta(days=1),
            "deal_id": deal_id,
            "interaction_id": None,
            "amends_id": None,
            "created_at": now,
        }
        writer.put(Promise, Promise.stored(promise), "create")
        outcome = {
            "id": _new_id(),
            "promise_id": promise_id,
            "status": status,
            "note": "",
            "rep_id": context.rep_id,
            "occurred_at": now,
            "created_at": now,
        }
        writer.put(PromiseOutcome, PromiseOutcome.stored(outcome), "create")


def make_pair(seeded: Seeded) -> Pair:
    """张伟 (seeded, with records of his own) and a duplicate of him with an e-mail and a region he lacks."""
    context = seeded.context
    survivor = seeded.customer_ids["张伟"]
    duplicate = {"name": "张伟", "company": "华信贸易", "phone": "138 0013 8001", "email": "zw@huaxin.example"}
    merged = customers.create(context, {**duplicate, "region": "宁波"}).id
    add_records(context, survivor, "kept")
    add_records(context, merged, "dup")
    return Pair(survivor, merged)


def every_record() -> dict[str, dict[str, dict[str, Any]]]:
    """Every row of every ledgered table, by table and id."""
    return {
        model._meta.table_name: {row["id"]: row for row in (record.stored_row() for record in model.select())}
        for model in ENTITIES
    }
