"""Follow-ups: create, complete (recurring ones come back), snooze, and the due queue."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from salestui.clock import from_utc_text, in_range
from salestui.db.connection import database
from salestui.db.models import FollowUp
from salestui.db.queries import FOLLOW_UP_ROW
from salestui.i18n import _
from salestui.services import customer_lookup, recurrence, reps
from salestui.services.app_views import FollowUpQueue, FollowUpView
from salestui.services.context import Context
from salestui.services.errors import NotFound, ValidationError
from salestui.services.ledger import LedgerWriter
from salestui.services.spec import clean
from salestui.services.specs import FOLLOW_UP
from salestui.services.when import out_of_range


def create(context: Context, customer_id: str, raw: dict[str, Any]) -> FollowUpView:
    """Schedule a follow-up with a customer for the current rep."""
    values = checked(context, raw)
    with context.write() as writer:
        row = put_new(context, writer, customer_id, values)  # NotFound if there is no such customer
    return get(row["id"])


def checked(context: Context, raw: dict[str, Any]) -> dict[str, Any]:
    """A new follow-up's values, checked (its recurrence rule too); ValidationError naming each bad field."""
    values, errors = clean(FOLLOW_UP, {**raw, "status": "open", "outcome": ""})
    due_at, rule = values.get("due_at"), values.get("rrule", "")
    if rule and due_at is not None and "rrule" not in errors:
        problem = recurrence.problem(rule, due_at, context.clock.zone)
        if problem:
            errors["rrule"] = problem
    if errors:
        raise ValidationError(errors)
    return values


def put_new(context: Context, writer: LedgerWriter, customer_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """Write a follow-up made of `checked` values inside the caller's write; returns its row."""
    due_at, rule = values["due_at"], values.get("rrule", "")
    now = context.clock.now()
    row = {
        "id": uuid.uuid4().hex,
        "customer_id": customer_id,
        "rep_id": context.rep_id,
        **values,
        "snoozed_until": None,
        "queue_at": due_at,
        "rrule": recurrence.stored_rule(rule, due_at, context.clock.zone),
        "done_at": None,
        "created_at": now,
        "updated_at": now,
    }
    row["customer_id"] = customer_lookup.live_id(customer_id)  # a merged-away customer's survivor
    writer.put(FollowUp, FollowUp.stored(row), "create")
    return row


def may_change(context: Context, owner_id: str) -> bool:
    """Whether the current rep may change a follow-up `owner_id` owns: their own, or any as a manager or admin."""
    return owner_id == context.rep_id or reps.leads_team(context.rep_id)


def open_row(context: Context, follow_up_id: str) -> dict[str, Any]:
    """The stored row of an open follow-up the current rep may change (call inside the write that changes it).
    NotFound if there is none; ValidationError naming `status` if it is closed, `rep` if it is someone else's."""
    current = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if current is None:
        raise NotFound(follow_up_id)
    if current.status != "open":
        raise ValidationError({"status": _("this follow-up is already {status}").format(status=_(current.status))})
    row = current.stored_row()
    if not may_change(context, row["rep_id"]):
        owner = database.execute_sql("SELECT login FROM rep WHERE id = ?", (row["rep_id"],)).fetchone()
        raise ValidationError(
            {
                "rep": _("this follow-up is {login}'s: only they, a manager or an admin may change it").format(
                    login=owner[0] if owner else row["rep_id"]
                )
            }
        )
    return row


def _change(context: Context, follow_up_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Apply changes to an open follow-up inside the caller's write; returns the new stored row."""
    row = open_row(context, follow_up_id)
    row.update(FollowUp.stored({**changes, "updated_at": context.clock.now()}))
    return row


def complete(context: Context, follow_up_id: str, outcome: str = "") -> FollowUpView | None:
    """Mark done, the outcome kept on the follow-up only (follow_up_changes.complete logs it on the timeline as
    well); a recurring follow-up is scheduled again at its next occurrence, which is returned."""
    values, errors = clean(FOLLOW_UP, {"outcome": outcome}, partial=True)
    if errors:
        raise ValidationError(errors)
    with context.write() as writer:
        next_id = mark_done(context, writer, follow_up_id, values["outcome"])
    return get(next_id) if next_id else None


def mark_done(context: Context, writer: LedgerWriter, follow_up_id: str, outcome: str) -> str | None:
    """Mark an open follow-up done inside the caller's write, with a checked outcome; a recurring one's next
    occurrence is written too (the one the series gives after now), and its id returned (None if none)."""
    now = context.clock.now()
    row = _change(context, follow_up_id, {"status": "done", "done_at": now, "outcome": outcome})
    writer.put(FollowUp, row, "update")
    if not row["rrule"]:
        return None
    due = from_utc_text(row["due_at"])
    following = recurrence.next_due(row["rrule"], due, max(due, now), context.clock.zone)
    if following is None or not in_range(following):  # a series ends at the end of 2100
        return None
    if row["rep_id"] != context.rep_id:  # an event names the rep who writes it: the next one would not be theirs
        raise ValidationError(
            {"rep": _("a recurring follow-up's next occurrence is its owner's: reassign it to yourself first")}
        )
    new = {
        **row,
        "id": uuid.uuid4().hex,
        "due_at": following,
        "queue_at": following,
        "snoozed_until": None,
        "status": "open",
        "done_at": None,
        "outcome": "",
        "created_at": now,
        "updated_at": now,
    }
    writer.put(FollowUp, FollowUp.stored(new), "create")
    return str(new["id"])


def snooze(context: Context, follow_up_id: str, until: datetime) -> FollowUpView:
    """Put a follow-up off until `until` (its original due time is kept)."""
    if not isinstance(until, datetime) or until.tzinfo is None or until <= context.clock.now():
        raise ValidationError({"until": _("must be in the future")})
    if too_far := out_of_range(until):
        raise ValidationError({"until": too_far})
    with context.write() as writer:
        row = _change(context, follow_up_id, {"snoozed_until": until, "queue_at": until})
        writer.put(FollowUp, row, "update")
    return get(follow_up_id)


def _views(tail: str, params: tuple[Any, ...]) -> list[FollowUpView]:
    """Follow-ups by a named select, each rule as the user gave it (without the series' start it is stored with)."""
    return [
        replace(view, rrule=recurrence.rule_text(view.rrule))
        for view in FOLLOW_UP_ROW.views(FollowUpView, tail, params)
    ]


def get(follow_up_id: str) -> FollowUpView:
    found = _views("WHERE f.id = ?", (follow_up_id,))
    if not found:
        raise NotFound(follow_up_id)
    return found[0]


def queue(context: Context, limit: int = 200) -> FollowUpQueue:
    """The current rep's open follow-ups: overdue, due today (local zone), upcoming."""
    now = context.clock.now()
    local_now = context.clock.local(now)
    end_of_day = datetime.combine(local_now.date() + timedelta(days=1), time(), tzinfo=local_now.tzinfo)
    stamp = FollowUp.queue_at.db_value
    tail = (
        "WHERE f.rep_id = ? AND f.status = 'open' AND f.queue_at {} AND c.merged_into_id IS NULL "
        "ORDER BY f.queue_at, f.id LIMIT ?"
    )
    overdue = _views(tail.format("< ?"), (context.rep_id, stamp(now), limit))
    today = _views(tail.format(">= ? AND f.queue_at < ?"), (context.rep_id, stamp(now), stamp(end_of_day), limit))
    upcoming = _views(tail.format(">= ?"), (context.rep_id, stamp(end_of_day), limit))
    return FollowUpQueue(tuple(overdue), tuple(today), tuple(upcoming))


def for_customer(customer_id: str) -> list[FollowUpView]:
    tail = "WHERE f.customer_id = ? AND f.status = 'open' ORDER BY f.queue_at"
    return _views(tail, (customer_id,))
