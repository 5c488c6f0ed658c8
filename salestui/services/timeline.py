"""The contact timeline: append-only interactions, paged newest first."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from salestui.db.models import Interaction
from salestui.db.queries import INTERACTION_ROW
from salestui.services import customer_lookup
from salestui.services.context import Context
from salestui.services.errors import NotFound, ValidationError
from salestui.services.spec import clean
from salestui.services.specs import INTERACTION
from salestui.services.views import InteractionView


def append(context: Context, customer_id: str, raw: dict[str, Any]) -> InteractionView:
    """Record a contact with a customer. There is no edit or delete: corrections are new records."""
    now = context.clock.now()
    values, errors = clean(INTERACTION, raw, now=now)
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
        row["customer_id"] = customer_lookup.live_id(customer_id)  # a merged-away customer's survivor
        writer.put(Interaction, Interaction.stored(row), "create")
        customer_lookup.mark_contact(row["customer_id"], values["occurred_at"])
    return get(row["id"])


def get(interaction_id: str) -> InteractionView:
    found = INTERACTION_ROW.view(InteractionView, "WHERE i.id = ?", (interaction_id,))
    if found is None:
        raise NotFound(interaction_id)
    return found


def page(customer_id: str, before: tuple[datetime, str] | None = None, limit: int = 50) -> list[InteractionView]:
    """Up to `limit` interactions, newest first, older than the cursor (occurred_at, id)."""
    params: tuple[Any, ...] = (customer_id,)
    where = "WHERE i.customer_id = ?"
    if before is not None:
        where += " AND (i.occurred_at, i.id) < (?, ?)"
        params = (*params, Interaction.occurred_at.db_value(before[0]), before[1])
    return INTERACTION_ROW.views(
        InteractionView, f"{where} ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?", (*params, limit)
    )
