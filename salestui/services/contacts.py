"""Contact persons at a customer: add, change, list; each write keeps their search indexes in step."""

from __future__ import annotations

import uuid
from typing import Any

from salestui.db.connection import database
from salestui.db.models import ContactPerson
from salestui.db.queries import CONTACT_ROW
from salestui.db.search_words import index_contacts
from salestui.services import customer_lookup
from salestui.services.app_views import ContactPersonView
from salestui.services.context import Context
from salestui.services.errors import NotFound, ValidationError
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
        writer.put(ContactPerson, ContactPerson.stored(row), "create")
        index([contact_id])
    return get(contact_id)


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


def index(contact_ids: list[str]) -> None:
    """Bring the search indexes in step with these contact persons; call inside the write that changed them."""
    index_contacts(database, contact_ids)


def get(contact_id: str) -> ContactPersonView:
    found = CONTACT_ROW.view(ContactPersonView, "WHERE id = ?", (contact_id,))
    if found is None:
        raise NotFound(contact_id)
    return found


def for_customer(customer_id: str) -> tuple[ContactPersonView, ...]:
    """A customer's contact persons in the order they were added."""
    return tuple(
        CONTACT_ROW.views(ContactPersonView, "WHERE customer_id = ? ORDER BY created_at, rowid", (customer_id,))
    )
