"""The whole timeline of a customer: interactions, completed follow-ups, profile edits and what happened to its
deals, newest first, paged.

Profile edits are read from the ledger: each customer `update` event is compared with the event before it, so
the timeline shows who changed which field from what to what, exactly as the hash chain records it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from salestui.clock import from_utc_text, to_utc_text
from salestui.db.connection import database
from salestui.db.models import Customer
from salestui.db.queries import NamedSelect
from salestui.services import timeline
from salestui.services.app_views import (
    DealEventEntry,
    FieldChange,
    FollowUpDoneEntry,
    ProfileEditEntry,
    TimelineEntry,
)
from salestui.services.customer_fields import format_money

# Columns of a customer record that are bookkeeping, not profile: an edit never lists them.
_NOT_PROFILE = frozenset({"id", "hlc", "created_at", "updated_at", "sort_key", "search_text", "short_text"})

Cursor = tuple[datetime, str]


def page(customer_id: str, before: Cursor | None = None, limit: int = 50) -> list[TimelineEntry]:
    """Up to `limit` entries of every kind, newest first, older than the cursor (occurred_at, id)."""
    entries: list[TimelineEntry] = [
        *timeline.page(customer_id, before, limit),
        *done_follow_ups(customer_id, before, limit),
        *profile_edits(customer_id, before, limit),
        *deal_events(customer_id, before, limit),
    ]
    entries.sort(key=lambda entry: (entry.occurred_at, entry.id), reverse=True)
    return entries[:limit]


def done_follow_ups(customer_id: str, before: Cursor | None, limit: int) -> list[FollowUpDoneEntry]:
    """The customer's completed follow-ups, newest first, done before the cursor."""
    sql = (
        "SELECT f.id, r.login, f.done_at, f.title, f.due_at, f.outcome FROM follow_up f JOIN rep r ON r.id = f.rep_id "
        "WHERE f.customer_id = ? AND f.status = 'done' AND f.done_at IS NOT NULL"
    )
    params: tuple[Any, ...] = (customer_id,)
    if before is not None:
        sql += " AND (f.done_at, f.id) < (?, ?)"
        params = (*params, to_utc_text(before[0]), before[1])
    sql += " ORDER BY f.done_at DESC, f.id DESC LIMIT ?"
    return [
        FollowUpDoneEntry(
            id=row[0],
            customer_id=customer_id,
            rep_login=row[1],
            occurred_at=from_utc_text(row[2]),
            title=row[3],
            due_at=from_utc_text(row[4]),
            outcome=row[5],
        )
        for row in database.execute_sql(sql, (*params, limit))
    ]


DEAL_EVENT_ENTRY = NamedSelect(
    {
        "id": "e.id",
        "customer_id": "e.customer_id",
        "rep_login": "COALESCE(r.login, '')",
        "occurred_at": "e.occurred_at",
        "deal_id": "e.deal_id",
        "deal_title": "d.title",
        "kind": "e.kind",
        "from_stage": "e.from_stage",
        "to_stage": "e.to_stage",
        "memo_version": "m.version",
        "channel": "e.channel",
        "counterpart": "e.counterpart",
        "text": "e.text",
        "total": "COALESCE((SELECT SUM((l.quantity_milli * l.unit_price + 500) / 1000) FROM deal_line l "
        "WHERE l.deal_id = d.id AND l.status = 'active'), 0)",
        "currency": "d.currency",
    },
    "deal_event e JOIN deal d ON d.id = e.deal_id LEFT JOIN memo m ON m.id = e.memo_id "
    "LEFT JOIN rep r ON r.id = e.rep_id",
    times=("occurred_at",),
)


def deal_events(customer_id: str, before: Cursor | None, limit: int) -> list[DealEventEntry]:
    """What happened to the customer's deals, newest first, before the cursor (one seek in the customer's index)."""
    where = "WHERE e.customer_id = ?"
    params: tuple[Any, ...] = (customer_id,)
    if before is not None:
        where += " AND (e.occurred_at, e.id) < (?, ?)"
        params = (*params, to_utc_text(before[0]), before[1])
    return DEAL_EVENT_ENTRY.views(
        DealEventEntry, f"{where} ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?", (*params, limit)
    )


def profile_edits(customer_id: str, before: Cursor | None, limit: int) -> list[ProfileEditEntry]:
    """The customer's profile edits from the ledger, newest first, made before the cursor."""
    events = database.execute_sql(
        "SELECT l.event_id, l.op, l.data, r.login FROM ledger l LEFT JOIN rep r ON r.id = l.rep "
        "WHERE l.entity = 'customer' AND l.entity_id = ? ORDER BY l.seq",
        (customer_id,),
    ).fetchall()
    logins = dict(database.execute_sql("SELECT id, login FROM rep").fetchall())
    edits: list[ProfileEditEntry] = []
    previous: dict[str, Any] | None = None
    for event_id, op, data, login in events:
        record = json.loads(data)
        if op == "update" and previous is not None:
            changes = _changes(previous, record, logins)
            when = from_utc_text(record["updated_at"])
            if changes and (before is None or (when, event_id) < before):
                edits.append(ProfileEditEntry(event_id, customer_id, login or "", when, changes))
        previous = record
    edits.sort(key=lambda edit: (edit.occurred_at, edit.id), reverse=True)  # the cursor's order, not the ledger's
    return edits[:limit]


def _changes(old: dict[str, Any], new: dict[str, Any], logins: dict[str, str]) -> tuple[FieldChange, ...]:
    """The profile fields that differ between two records, as text (the owner by login, money formatted)."""
    changes = []
    for column in (column for column in Customer.record_columns() if column in old or column in new):
        if column in _NOT_PROFILE or old.get(column) == new.get(column):
            continue
        if column == "owner_id":
            changes.append(FieldChange("owner", logins.get(old[column] or "", ""), logins.get(new[column] or "", "")))
        elif column == "credit_limit":
            changes.append(
                FieldChange(
                    column,
                    format_money(old[column] or 0, old.get("currency", "CNY")),
                    format_money(new[column] or 0, new.get("currency", "CNY")),
                )
            )
        else:
            before, after = old.get(column), new.get(column)
            changes.append(
                FieldChange(column, "" if before is None else str(before), "" if after is None else str(after))
            )
    return tuple(changes)
