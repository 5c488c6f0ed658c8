"""The contact timeline: append-only interactions, paged newest first.

An interaction is never edited: `amend` appends a correcting interaction whose amends_id names the entry it
corrects, so a chain runs original → amendment → amendment of that amendment. The newest version of a chain is the
one in force: the timeline shows it alone (marked amended), `history` gives every version, and the customer's last
contact is the newest time among the versions in force (verify checks the same rule).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from salestui.db.connection import database
from salestui.db.models import Interaction
from salestui.db.queries import INTERACTION_ROW
from salestui.services import amendments, customer_lookup, id_prefix
from salestui.services.context import Context
from salestui.services.errors import NotFound
from salestui.services.specs import INTERACTION
from salestui.services.views import InteractionView

# Not correlated with the outer row, so SQLite gathers the customer's amended ids once per query.
_IN_FORCE_OF_CUSTOMER = customer_lookup.IN_FORCE.format(scope=" AND a.customer_id = ?")


def append(context: Context, customer_id: str, raw: dict[str, Any]) -> InteractionView:
    """Record a contact with a customer. There is no edit or delete: corrections are new records (`amend`)."""
    row = amendments.first_version(context, INTERACTION, customer_id, raw)
    with context.write() as writer:
        amendments.require_customer(customer_id)
        writer.put(Interaction, Interaction.stored(row), "create")
        customer_lookup.mark_contact(customer_id, row["occurred_at"])
    return get(row["id"])


def amend(context: Context, interaction_id: str, raw: dict[str, Any]) -> InteractionView:
    """Correct an interaction by appending a new version that amends it; the original stays as it was.

    `raw` holds the fields that change (a form gives them all); the others are the amended entry's. Only the
    version in force may be amended, and the correction must change something. The customer is the original's.
    """
    now = context.clock.now()
    with context.write() as writer:
        original = Interaction.select().where(Interaction.id == interaction_id).dicts().first()
        if original is None:
            raise NotFound(interaction_id)
        customer_id = original["customer"]
        newer = _amended_by(customer_id, interaction_id)
        if newer:
            amendments.refuse_superseded("interaction", newer[-1])
        values = amendments.corrected(INTERACTION, original, raw, now, "interaction")
        row = amendments.new_version(context, values, customer_id, interaction_id, now)
        row["fields"] = original["fields"]  # the template's own fields stay with the entry
        writer.put(Interaction, Interaction.stored(row), "create")
        customer_lookup.refresh_contact(customer_id)
    return get(row["id"])


def _amended_by(customer_id: str, interaction_id: str) -> list[str]:
    """The ids of the interactions that amend `interaction_id` (amendments stay with their customer)."""
    rows = database.execute_sql(
        "SELECT id FROM interaction WHERE customer_id = ? AND amends_id = ? ORDER BY hlc", (customer_id, interaction_id)
    )
    return [row[0] for row in rows]


def resolve(reference: str) -> str:
    """An interaction's id from its id or an unambiguous prefix of 6+ hex digits (NotFound, or ValidationError
    if several match)."""
    return id_prefix.resolve("interaction", reference, "interaction")


def get(interaction_id: str) -> InteractionView:
    found = INTERACTION_ROW.view(InteractionView, "WHERE i.id = ?", (interaction_id,))
    if found is None:
        raise NotFound(interaction_id)
    return found


def history(interaction_id: str) -> tuple[InteractionView, ...]:
    """Every version of the chain `interaction_id` belongs to (any version of it), oldest first, each with who
    recorded it and when (`rep_login`, `created_at`)."""
    row = database.execute_sql(
        "SELECT customer_id, amends_id FROM interaction WHERE id = ?", (interaction_id,)
    ).fetchone()
    if row is None:
        raise NotFound(interaction_id)
    customer_id = row[0]
    links = dict(
        database.execute_sql(
            "SELECT id, amends_id FROM interaction WHERE customer_id = ? AND amends_id IS NOT NULL", (customer_id,)
        ).fetchall()
    )
    root = interaction_id
    seen = {root}
    while links.get(root) is not None and links[root] not in seen:  # a loop could only be planted from outside
        root = links[root]
        seen.add(root)
    children: dict[str, list[str]] = {}
    for child, parent in links.items():
        children.setdefault(parent, []).append(child)
    chain, waiting = [], [root]
    while waiting:
        current = waiting.pop()
        if current in chain:
            continue
        chain.append(current)
        waiting.extend(children.get(current, ()))
    return tuple(
        INTERACTION_ROW.views(
            InteractionView, "WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.hlc", (json.dumps(chain),)
        )
    )


def page(customer_id: str, before: tuple[datetime, str] | None = None, limit: int = 50) -> list[InteractionView]:
    """Up to `limit` interactions in force, newest first, older than the cursor (occurred_at, id): an amended
    entry shows once, as its newest version."""
    params: tuple[Any, ...] = (customer_id, customer_id)
    where = f"WHERE i.customer_id = ? AND {_IN_FORCE_OF_CUSTOMER}"
    if before is not None:
        where += " AND (i.occurred_at, i.id) < (?, ?)"
        params = (*params, Interaction.occurred_at.db_value(before[0]), before[1])
    return INTERACTION_ROW.views(
        InteractionView, f"{where} ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?", (*params, limit)
    )
