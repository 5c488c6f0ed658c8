"""Follow-ups: create, complete (recurring ones come back), snooze, and the due queue."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from typing import Any

from salestui.clock import in_range
from salestui.db.database import database
from salestui.db.models import Customer, FollowUp
from salestui.i18n import _
from salestui.services import recurrence
from salestui.services.context import Context, NotFound, ValidationError
from salestui.services.views import FollowUpQueue, FollowUpView
from salestui.services.when import out_of_range
from salestui.text import character_problem, normalize

PRIORITIES = ("high", "normal", "low")


def create(context: Context, customer_id: str, raw: dict[str, Any]) -> FollowUpView:
    """Schedule a follow-up with a customer for the current rep."""
    errors: dict[str, str] = {}
    title = normalize(str(raw.get("title") or ""))
    if not title:
        errors["title"] = _("required")
    elif character_problem(title):
        errors["title"] = character_problem(title)
    elif len(title) > 300:
        errors["title"] = _("at most {limit} characters (got {count})").format(limit=300, count=len(title))
    due_at = raw.get("due_at")
    if not isinstance(due_at, datetime) or due_at.tzinfo is None:
        errors["due_at"] = _("a date and time with its zone")
    elif out_of_range(due_at):
        errors["due_at"] = out_of_range(due_at)
    priority = str(raw.get("priority") or "normal")
    if priority not in PRIORITIES:
        errors["priority"] = _("one of: {choices}").format(choices=", ".join(PRIORITIES))
    rule = str(raw.get("rrule") or "").strip()
    if rule and isinstance(due_at, datetime):
        problem = recurrence.problem(rule, due_at, context.clock.zone)
        if problem:
            errors["rrule"] = problem
    if errors:
        raise ValidationError(errors)
    now = context.clock.now()
    row = {
        "id": uuid.uuid4().hex,
        "customer_id": customer_id,
        "rep_id": context.rep_id,
        "title": title,
        "due_at": due_at,
        "snoozed_until": None,
        "queue_at": due_at,
        "priority": priority,
        "rrule": recurrence.stored_rule(rule, due_at, context.clock.zone),
        "status": "open",
        "done_at": None,
        "outcome": "",
        "created_at": now,
        "updated_at": now,
    }
    with context.write() as writer:
        if not Customer.select().where(Customer.id == customer_id).exists():
            raise NotFound(customer_id)
        writer.put(FollowUp, FollowUp.stored(row), "create")
    return get(row["id"])


def _change(context: Context, follow_up_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Apply changes to an open follow-up inside the caller's write; returns the new stored row."""
    current = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if current is None:
        raise NotFound(follow_up_id)
    if current.status != "open":
        raise ValidationError({"status": _("this follow-up is already {status}").format(status=_(current.status))})
    row = current.stored_row()
    row.update(FollowUp.stored({**changes, "updated_at": context.clock.now()}))
    return row


def complete(context: Context, follow_up_id: str, outcome: str = "") -> FollowUpView | None:
    """Mark done; a recurring follow-up is scheduled again at its next occurrence, which is returned."""
    outcome = normalize(outcome)
    problem = character_problem(outcome, allow_newlines=True)
    if problem:
        raise ValidationError({"outcome": problem})
    now = context.clock.now()
    next_id = None
    with context.write() as writer:
        row = _change(context, follow_up_id, {"status": "done", "done_at": now, "outcome": outcome})
        writer.put(FollowUp, row, "update")
        if row["rrule"]:
            due = FollowUp.due_at.python_value(row["due_at"])
            following = recurrence.next_due(row["rrule"], due, max(due, now), context.clock.zone)
            if following is not None and in_range(following):  # a series ends at the end of 2100
                next_id = uuid.uuid4().hex
                new = {
                    **row,
                    "id": next_id,
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
    return get(next_id) if next_id else None


def snooze(context: Context, follow_up_id: str, until: datetime) -> FollowUpView:
    """Put a follow-up off until `until` (its original due time is kept)."""
    if not isinstance(until, datetime) or until.tzinfo is None or until <= context.clock.now():
        raise ValidationError({"until": _("must be in the future")})
    if out_of_range(until):
        raise ValidationError({"until": out_of_range(until)})
    with context.write() as writer:
        row = _change(context, follow_up_id, {"snoozed_until": until, "queue_at": until})
        writer.put(FollowUp, row, "update")
    return get(follow_up_id)


_SQL = (
    "SELECT f.id, f.customer_id, c.name, f.title, f.due_at, f.queue_at, f.snoozed_until, f.priority, f.rrule, "
    "f.status FROM follow_up f JOIN customer c ON c.id = f.customer_id"
)


def _view(values: tuple) -> FollowUpView:
    parse = FollowUp.due_at.python_value
    return FollowUpView(
        *values[:4],
        parse(values[4]),
        parse(values[5]),
        parse(values[6]) if values[6] else None,
        values[7],
        recurrence.rule_text(values[8]),
        *values[9:],
    )


def get(follow_up_id: str) -> FollowUpView:
    row = database.execute_sql(f"{_SQL} WHERE f.id = ?", (follow_up_id,)).fetchone()
    if row is None:
        raise NotFound(follow_up_id)
    return _view(row)


def queue(context: Context, limit: int = 200) -> FollowUpQueue:
    """The current rep's open follow-ups: overdue, due today (local zone), upcoming."""
    now = context.clock.now()
    local_now = context.clock.local(now)
    end_of_day = datetime.combine(local_now.date() + timedelta(days=1), time(), tzinfo=local_now.tzinfo)
    stamp = FollowUp.queue_at.db_value
    sql = f"{_SQL} WHERE f.rep_id = ? AND f.status = 'open' AND f.queue_at {{}} ORDER BY f.queue_at, f.id LIMIT ?"
    overdue = database.execute_sql(sql.format("< ?"), (context.rep_id, stamp(now), limit)).fetchall()
    today = database.execute_sql(
        sql.format(">= ? AND f.queue_at < ?"), (context.rep_id, stamp(now), stamp(end_of_day), limit)
    ).fetchall()
    upcoming = database.execute_sql(sql.format(">= ?"), (context.rep_id, stamp(end_of_day), limit)).fetchall()
    return FollowUpQueue(tuple(map(_view, overdue)), tuple(map(_view, today)), tuple(map(_view, upcoming)))


def for_customer(customer_id: str) -> list[FollowUpView]:
    sql = f"{_SQL} WHERE f.customer_id = ? AND f.status = 'open' ORDER BY f.queue_at"
    return [_view(values) for values in database.execute_sql(sql, (customer_id,))]
