"""Contact persons at a customer: add, change, list; each write keeps their search indexes in step."""

from __future__ import annotations

import uuid
from typing import Any

from salestui.db.database import database
from salestui.db.models import ContactPerson, Customer
from salestui.db.search_words import index_contacts
from salestui.i18n import _
from salestui.services.context import Context, NotFound, ValidationError
from salestui.services.views import ContactPersonView
from salestui.text import character_problem, normalize

LIMITS = {"name": 200, "title": 200, "phone": 50, "email": 254, "im_handle": 100, "note": 2000}


def clean_contact(raw: dict[str, Any], partial: bool = False) -> tuple[dict[str, str], dict[str, str]]:
    """Check a contact person's fields: (clean values, errors by field); `partial` checks only those given."""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name, limit in LIMITS.items():
        if partial and name not in raw:
            continue
        text = normalize(str(raw.get(name) or ""))
        problem = character_problem(text, allow_newlines=name == "note")
        if problem:
            errors[name] = problem
        elif len(text) > limit:
            errors[name] = _("at most {limit} characters (got {count})").format(limit=limit, count=len(text))
        values[name] = text
    if "name" in values and not values["name"] and "name" not in errors:
        errors["name"] = _("required")
    return values, errors


def add(context: Context, customer_id: str, raw: dict[str, Any]) -> ContactPersonView:
    """A new contact person at `customer_id`."""
    values, errors = clean_contact(raw)
    if errors:
        raise ValidationError(errors)
    now = context.clock.now()
    contact_id = uuid.uuid4().hex
    row = {**values, "id": contact_id, "customer_id": customer_id, "created_at": now, "updated_at": now}
    with context.write() as writer:
        if not Customer.select().where(Customer.id == customer_id).exists():
            raise NotFound(customer_id)
        writer.put(ContactPerson, ContactPerson.stored(row), "create")
        index([contact_id])
    return get(contact_id)


def update(context: Context, contact_id: str, raw: dict[str, Any]) -> ContactPersonView:
    """Change some fields of a contact person; the ledger keeps the previous values."""
    values, errors = clean_contact(raw, partial=True)
    if errors:
        raise ValidationError(errors)
    with context.write() as writer:
        current = ContactPerson.get_or_none(ContactPerson.id == contact_id)
        if current is None:
            raise NotFound(contact_id)
        row = current.stored_row()
        if all(row[column] == value for column, value in values.items()):
            return get(contact_id)
        row.update(values)
        row["updated_at"] = ContactPerson.stored({"updated_at": context.clock.now()})["updated_at"]
        writer.put(ContactPerson, row, "update")
        index([contact_id])
    return get(contact_id)


def index(contact_ids: list[str]) -> None:
    """Bring the search indexes in step with these contact persons; call inside the write that changed them."""
    index_contacts(database, contact_ids)


_SQL = "SELECT id, customer_id, name, title, phone, email, im_handle, note FROM contact_person"


def _views(sql: str, params: tuple[Any, ...]) -> list[ContactPersonView]:
    cursor = database.execute_sql(sql, params)
    columns = [column[0] for column in cursor.description]
    return [ContactPersonView(**dict(zip(columns, values, strict=True))) for values in cursor]


def get(contact_id: str) -> ContactPersonView:
    found = _views(f"{_SQL} WHERE id = ?", (contact_id,))
    if not found:
        raise NotFound(contact_id)
    return found[0]


def for_customer(customer_id: str) -> tuple[ContactPersonView, ...]:
    """A customer's contact persons in the order they were added."""
    return tuple(_views(f"{_SQL} WHERE customer_id = ? ORDER BY created_at, rowid", (customer_id,)))
