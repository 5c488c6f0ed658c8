"""The whole timeline of a customer: interactions, completed follow-ups, profile edits and what happened to its
deals, newest first, paged.

Profile edits are read from the ledger: each customer `update` event is compared with the event before it, so
the timeline shows who changed which field from what to what, exactly as the hash chain records it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from salestui.clock import from_utc_text, to_utc_text
from salestui.db.connection import database
from salestui.db.models import Customer, Entity
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

# Columns of a customer or contact person record that are bookkeeping, not profile: an edit never lists them (which
# contact person is primary is told apart, see `profile_history`).
_NOT_PROFILE = frozenset(
    {"id", "hlc", "created_at", "updated_at", "sort_key", "search_text", "short_text", "customer_id", "is_primary"}
)

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
        "agreed_via": "d.agreed_via",
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
    logins = rep_logins()
    edits: list[ProfileEditEntry] = []
    for version in record_versions("customer", (customer_id,)):
        if version.op != "update" or version.previous is None:
            continue
        changes = field_changes(Customer, version.previous, version.record, logins)
        when = from_utc_text(version.record["updated_at"])
        if changes and (before is None or (when, version.event_id) < before):
            edits.append(ProfileEditEntry(version.event_id, customer_id, version.rep_login, when, changes))
    edits.sort(key=lambda edit: (edit.occurred_at, edit.id), reverse=True)  # the cursor's order, not the ledger's
    return edits[:limit]


class RecordVersion(NamedTuple):
    """One ledger event of a record: the record as it wrote it, and as the event before it had left it."""

    seq: int
    event_id: str
    entity_id: str
    op: str
    rep_login: str
    record: dict[str, Any]
    previous: dict[str, Any] | None  # None for the record's first event


def record_versions(entity: str, entity_ids: Sequence[str]) -> list[RecordVersion]:
    """Every ledger event of these records of `entity`, in ledger order, each beside the record's version before."""
    if not entity_ids:
        return []
    marks = ", ".join("?" * len(entity_ids))
    events = database.execute_sql(
        "SELECT l.seq, l.event_id, l.entity_id, l.op, l.data, r.login FROM ledger l LEFT JOIN rep r ON r.id = l.rep "
        f"WHERE l.entity = ? AND l.entity_id IN ({marks}) ORDER BY l.seq",
        (entity, *entity_ids),
    ).fetchall()
    latest: dict[str, dict[str, Any]] = {}
    versions = []
    for seq, event_id, entity_id, op, data, login in events:
        record = json.loads(data)
        versions.append(RecordVersion(seq, event_id, entity_id, op, login or "", record, latest.get(entity_id)))
        latest[entity_id] = record
    return versions


def rep_logins() -> dict[str, str]:
    """Every rep's login by id (an edit names the owner by login)."""
    return dict(database.execute_sql("SELECT id, login FROM rep").fetchall())


def field_changes(
    model: type[Entity], old: dict[str, Any], new: dict[str, Any], logins: dict[str, str]
) -> tuple[FieldChange, ...]:
    """The fields a user sees that differ between two versions of a record, as text (the owner by login, money
    formatted); `old` is {} for a record's first version, whose fields then change from nothing."""
    changes = []
    for column in (column for column in model.record_columns() if column in old or column in new):
        if column in _NOT_PROFILE or old.get(column) == new.get(column):
            continue
        if column == "owner_id":
            change = FieldChange("owner", logins.get(old.get(column) or "", ""), logins.get(new[column] or "", ""))
        elif column == "credit_limit":
            change = FieldChange(
                column,
                format_money(old.get(column) or 0, old.get("currency", "CNY")),
                format_money(new.get(column) or 0, new.get("currency", "CNY")),
            )
        else:
            before, after = old.get(column), new.get(column)
            change = FieldChange(column, "" if before is None else str(before), "" if after is None else str(after))
        if change.old != change.new:
            changes.append(change)
    return tuple(changes)
