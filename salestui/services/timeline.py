"""The contact timeline: append-only interactions, paged newest first."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from salestui.db.models import ContactPerson, Interaction
from salestui.db.queries import INTERACTION_ROW
from salestui.i18n import _
from salestui.services import customer_lookup, templates
from salestui.services.context import Context
from salestui.services.errors import NotFound, ValidationError
from salestui.services.views import InteractionView

FOLLOW_UP_PREFIX = "follow_up."  # the follow-up's errors are named 'follow_up.title', 'follow_up.due_at'


def append(
    context: Context, customer_id: str, raw: dict[str, Any], follow_up: dict[str, Any] | None = None
) -> InteractionView:
    """Record a contact with a customer, checked against its kind's template (services/templates.py), and with
    `follow_up` (title, due_at, priority…) the next follow-up in the same transaction. There is no edit or delete:
    corrections are new records. ValidationError names each bad field (the follow-up's as 'follow_up.title')."""
    now = context.clock.now()
    values, own, errors = templates.validate(raw, now)
    next_values: dict[str, Any] | None = None
    if follow_up is not None:
        from salestui.services import followups  # its views and recurrence rules: ~12 ms `salestui log` need not pay

        try:
            next_values = followups.checked(context, follow_up)
        except ValidationError as error:
            errors.update({f"{FOLLOW_UP_PREFIX}{name}": message for name, message in error.errors.items()})
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
        customer_id = row["customer_id"] = customer_lookup.live_id(customer_id)  # a merged-away one's survivor
        if own.get(templates.CONTACT_PERSON):
            own[templates.CONTACT_PERSON] = contact_person_id(customer_id, own[templates.CONTACT_PERSON])
        fields = templates.stored_fields(own)
        if fields:  # none is the column's default ('' is what rows before schema v5 hold: see Entity.ADDED)
            row["fields"] = fields
        writer.put(Interaction, Interaction.stored(row), "create")
        customer_lookup.mark_contact(customer_id, values["occurred_at"])
        if next_values is not None:
            followups.put_new(context, writer, customer_id, next_values)
    return get(row["id"])


def contact_person_id(customer_id: str, given: str) -> str:
    """The id of the customer's contact person `given` names (by id, or by exact name if only one has it);
    ValidationError naming the field otherwise."""
    mine = ContactPerson.customer == customer_id
    if ContactPerson.select().where(mine, ContactPerson.id == given).exists():
        return given
    named = [person.id for person in ContactPerson.select(ContactPerson.id).where(mine, ContactPerson.name == given)]
    if len(named) == 1:
        return str(named[0])
    if named:
        problem = _("{count} contact persons are called {name}; give the id").format(count=len(named), name=given)
    else:
        problem = _("not a contact person of this customer: {name}").format(name=given)
    raise ValidationError({templates.CONTACT_PERSON: problem})


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
