"""Named queries for promises and their outcomes (see db/queries.py for how a NamedSelect works)."""

from __future__ import annotations

from salestui.db.queries import NamedSelect

# Every version of a promise, with the login of the rep who recorded it and its customer's name.
PROMISE_ROW = NamedSelect(
    {
        "id": "p.id",
        "customer_id": "p.customer_id",
        "customer_name": "c.name",
        "side": "p.side",
        "kind": "p.kind",
        "what": "p.what",
        "due_at": "p.due_at",
        "deal_id": "p.deal_id",
        "interaction_id": "p.interaction_id",
        "amends_id": "p.amends_id",
        "rep_login": "r.login",
        "created_at": "p.created_at",
        "hlc": "p.hlc",
    },
    "promise p JOIN rep r ON r.id = p.rep_id JOIN customer c ON c.id = p.customer_id",
    times=("due_at", "created_at"),
)

# What became of a promise version: kept, broken or cancelled, in the order recorded (hlc).
OUTCOME_ROW = NamedSelect(
    {
        "promise_id": "o.promise_id",
        "status": "o.status",
        "note": "o.note",
        "occurred_at": "o.occurred_at",
        "hlc": "o.hlc",
    },
    "promise_outcome o JOIN promise p ON p.id = o.promise_id",
    times=("occurred_at",),
)
