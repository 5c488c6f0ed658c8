"""The contact timeline: append-only interactions, paged newest first."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from salestui.db.database import database
from salestui.db.models import Customer, Interaction
from salestui.i18n import _
from salestui.services import customers
from salestui.services.context import Context, NotFound, ValidationError
from salestui.services.interaction_choices import DIRECTIONS, KINDS
from salestui.services.views import InteractionView
from salestui.services.when import out_of_range
from salestui.text import character_problem, normalize

LIMITS = {"summary": 500, "body": 20_000, "outcome": 1000, "next_step": 1000}


def clean_interaction(raw: dict[str, Any], now: datetime) -> tuple[dict[str, Any], dict[str, str]]:
    """Check an interaction's fields: (clean values, errors by field)."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    kind = str(raw.get("kind") or "").strip()
    if kind not in KINDS:
        errors["kind"] = _("one of: {choices}").format(choices=", ".join(KINDS))
    values["kind"] = kind
    direction = str(raw.get("direction") or "out").strip()
    if direction not in DIRECTIONS:
        errors["direction"] = _("one of: {choices}").format(choices=", ".join(DIRECTIONS))
    values["direction"] = direction
    for name, limit in LIMITS.items():
        text = normalize(str(raw.get(name) or ""))
        problem = character_problem(text, allow_newlines=name != "summary")
        if problem:
            errors[name] = problem
        elif len(text) > limit:
            errors[name] = _("at most {limit} characters (got {count})").format(limit=limit, count=len(text))
        values[name] = text
    if not values["summary"] and "summary" not in errors:
        errors["summary"] = _("required")
    occurred_at = raw.get("occurred_at") or now
    if not isinstance(occurred_at, datetime) or occurred_at.tzinfo is None:
        errors["occurred_at"] = _("a date and time with its zone")
    elif out_of_range(occurred_at):
        errors["occurred_at"] = out_of_range(occurred_at)
    elif occurred_at > now + timedelta(minutes=5):
        errors["occurred_at"] = _("in the future: log contacts after they happen")
    values["occurred_at"] = occurred_at
    return values, errors


def append(context: Context, customer_id: str, raw: dict[str, Any]) -> InteractionView:
    """Record a contact with a customer. There is no edit or delete: corrections are new records."""
    now = context.clock.now()
    values, errors = clean_interaction(raw, now)
    if errors:
        raise ValidationError(errors)
    row = {
        **values,
        "id": uuid.uuid4().hex,
        "customer_id": customer_id,
        "rep_id": context.rep_id,
        "amends_id": None,
        "created_at": now,
    }
    with context.write() as writer:
        if not Customer.select().where(Customer.id == customer_id).exists():
            raise NotFound(customer_id)
        writer.put(Interaction, Interaction.stored(row), "create")
        customers.mark_contact(customer_id, values["occurred_at"])
    return _view(
        (
            row["id"],
            customer_id,
            context.rep_login,
            values["kind"],
            values["direction"],
            Interaction.occurred_at.db_value(values["occurred_at"]),
            values["summary"],
            values["body"],
            values["outcome"],
            values["next_step"],
        )
    )


_SQL = (
    "SELECT i.id, i.customer_id, r.login, i.kind, i.direction, i.occurred_at, i.summary, i.body, i.outcome, "
    "i.next_step FROM interaction i JOIN rep r ON r.id = i.rep_id WHERE i.customer_id = ?"
)


def _view(values: tuple) -> InteractionView:
    return InteractionView(*values[:5], Interaction.occurred_at.python_value(values[5]), *values[6:])


def page(customer_id: str, before: tuple[datetime, str] | None = None, limit: int = 50) -> list[InteractionView]:
    """Up to `limit` interactions, newest first, older than the cursor (occurred_at, id)."""
    params: tuple = (customer_id,)
    sql = _SQL
    if before is not None:
        sql += " AND (i.occurred_at, i.id) < (?, ?)"
        params = (*params, Interaction.occurred_at.db_value(before[0]), before[1])
    sql += " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?"
    return [_view(values) for values in database.execute_sql(sql, (*params, limit))]
