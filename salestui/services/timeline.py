"""The contact timeline: append-only interactions, paged newest first.

An interaction is never edited: `amend` appends a correcting interaction whose amends_id names the entry it
corrects, so a chain runs original → amendment → amendment of that amendment. The newest version of a chain is the
one in force: the timeline shows it alone (marked amended), `history` gives every version, and the customer's last
contact is the newest time among the versions in force (verify checks the same rule).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from salestui.db.connection import database
from salestui.db.models import ContactPerson, Interaction
from salestui.db.queries import INTERACTION_ROW
from salestui.i18n import _
from salestui.services import amendments, customer_lookup, id_prefix, templates
from salestui.services.context import Context
from salestui.services.errors import NotFound, ValidationError
from salestui.services.ledger import LedgerWriter
from salestui.services.specs import INTERACTION
from salestui.services.views import InteractionView

# Not correlated with the outer row, so SQLite gathers the customer's amended ids once per query.
_IN_FORCE_OF_CUSTOMER = customer_lookup.IN_FORCE.format(scope=" AND a.customer_id = ?")

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
    with context.write() as writer:
        interaction_id = put_new(context, writer, customer_id, values, own)
        if next_values is not None:
            followups.put_new(context, writer, customer_lookup.live_id(customer_id), next_values)
    return get(interaction_id)


def put_new(
    context: Context, writer: LedgerWriter, customer_id: str, values: dict[str, Any], own: dict[str, Any]
) -> str:
    """Write an interaction made of `templates.validate`d values inside the caller's write (the customer's last
    contact follows); returns its id. ValidationError if the contact person named is not the customer's."""
    customer_id = customer_lookup.live_id(customer_id)  # a merged-away one's survivor
    row = {
        **values,
        "id": uuid.uuid4().hex,
        "customer_id": customer_id,
        "rep_id": context.rep_id,
        "amends_id": None,
        "created_at": context.clock.now(),
    }
    if own.get(templates.CONTACT_PERSON):
        own = {**own, templates.CONTACT_PERSON: contact_person_id(customer_id, own[templates.CONTACT_PERSON])}
    fields = templates.stored_fields(own)
    if fields:  # none is the column's default ('' is what rows before schema v5 hold: see Entity.ADDED)
        row["fields"] = fields
    writer.put(Interaction, Interaction.stored(row), "create")
    customer_lookup.mark_contact(customer_id, values["kind"], values["occurred_at"])
    return str(row["id"])


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
