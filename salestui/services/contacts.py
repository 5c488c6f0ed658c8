"""Contact persons at a customer: add, change, list, and which one is primary; each write keeps their search
indexes in step.

A customer has exactly one primary contact person once it has any: the first one added, until another is made
primary (`set_primary`, which takes the mark from the one before in the same write).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from salestui.db.connection import database
from salestui.db.models import ContactPerson
from salestui.db.queries import CONTACT_ROW
from salestui.db.search_words import index_contacts
from salestui.services import customer_lookup
from salestui.services.app_views import ContactPersonView
from salestui.services.context import Context
from salestui.services.errors import NotFound, ValidationError
from salestui.services.ledger import LedgerWriter
from salestui.services.records import changed_row
from salestui.services.spec import clean
from salestui.services.specs import CONTACT_PERSON


def add(context: Context, customer_id: str, raw: dict[str, Any]) -> ContactPersonView:
    """A new contact person at `customer_id`."""
    values, errors = clean(CONTACT_PERSON, raw)
    if errors:
        raise ValidationError(errors)
    now = context.clock.now()
    contact_id = uuid.uuid4().hex
    row = {**values, "id": contact_id, "customer_id": customer_id, "created_at": now, "updated_at": now}
    with context.write() as writer:
        row["customer_id"] = customer_lookup.live_id(customer_id)  # a merged-away customer's survivor
        row["is_primary"] = first_mark(row["customer_id"])
        writer.put(ContactPerson, ContactPerson.stored(row), "create")
        index([contact_id])
    return get(contact_id)


def first_mark(customer_id: str) -> int:
    """The primary mark a new contact person at `customer_id` gets: 1 for the first one, else 0."""
    return 0 if ContactPerson.select().where(ContactPerson.customer == customer_id).exists() else 1


def update(context: Context, contact_id: str, raw: dict[str, Any]) -> ContactPersonView:
    """Change some fields of a contact person; the ledger keeps the previous values."""
    values, errors = clean(CONTACT_PERSON, raw, partial=True)
    if errors:
        raise ValidationError(errors)
    with context.write() as writer:
        row = changed_row(ContactPerson, contact_id, values, context.clock.now())
        if row is None:
            return get(contact_id)
        writer.put(ContactPerson, row, "update")
        index([contact_id])
    return get(contact_id)


def set_primary(context: Context, contact_id: str) -> ContactPersonView:
    """Make `contact_id` its customer's primary contact person; whoever was primary before stops being so in the
    same write. Nothing is written if it already is the only one."""
    with context.write() as writer:
        found = database.execute_sql("SELECT customer_id FROM contact_person WHERE id = ?", (contact_id,)).fetchone()
        if found is None:
            raise NotFound(contact_id)
        now = context.clock.now()
        others = database.execute_sql(
            "SELECT id FROM contact_person WHERE customer_id = ? AND is_primary <> 0 AND id <> ? ORDER BY rowid",
            (found[0], contact_id),
        ).fetchall()
        for (other_id,) in others:
            _put_change(writer, other_id, {"is_primary": 0}, now)
        _put_change(writer, contact_id, {"is_primary": 1}, now)
    return get(contact_id)


def _put_change(writer: LedgerWriter, contact_id: str, changes: dict[str, Any], now: datetime) -> None:
    row = changed_row(ContactPerson, contact_id, changes, now)
    if row is not None:
        writer.put(ContactPerson, row, "update")


def index(contact_ids: list[str]) -> None:
    """Bring the search indexes in step with these contact persons; call inside the write that changed them."""
    index_contacts(database, contact_ids)


def get(contact_id: str) -> ContactPersonView:
    found = CONTACT_ROW.view(ContactPersonView, "WHERE id = ?", (contact_id,))
    if found is None:
        raise NotFound(contact_id)
    return found


def for_customer(customer_id: str) -> tuple[ContactPersonView, ...]:
    """A customer's contact persons: the primary one first, then the others in the order they were added."""
    tail = "WHERE customer_id = ? ORDER BY is_primary DESC, created_at, rowid"
    return tuple(CONTACT_ROW.views(ContactPersonView, tail, (customer_id,)))
