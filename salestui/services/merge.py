"""Merging two customer records found to be one: a preview of what moves and which values win, then the merge.

The merged-away customer stays as a row pointing at its survivor (`merged_into_id`), hidden from lists and search;
every lookup of its id finds the survivor (services/customer_lookup). Every record that names a customer moves to
the survivor, each move a ledger event; the append-only ones (interactions, promises, deal events) move unchanged,
which their triggers allow only once the pointer is set (db/migrations `_moves_only_on_merge`). Records that hang
off a moved one (a deal's lines, memos; a promise's outcomes) follow it without changing. The merge itself is a
CustomerMerge record of the choices and the counts, all in one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import ForeignKeyField

from salestui.db.connection import database
from salestui.db.deal_models import CustomerMerge
from salestui.db.entities import ENTITIES
from salestui.db.models import ContactPerson, Customer, Entity, Rep
from salestui.i18n import N_, _
from salestui.services import customer_lookup, customers
from salestui.services.context import Context
from salestui.services.errors import NotFound, ValidationError
from salestui.services.ledger import LedgerWriter, canonical
from salestui.services.spec import Choice, format_money
from salestui.services.specs import CUSTOMER

SURVIVOR, MERGED = "survivor", "merged"
# The currency goes with the credit limit it is read in: one choice decides both.
TIED = {"currency": "credit_limit"}
FIELDS = tuple(name for name in CUSTOMER if name not in TIED)
COLUMNS = {"owner_login": "owner_id"}  # a field's column where the two differ

# Records that name their customer, and move to the survivor.
MOVERS: tuple[type[Entity], ...] = tuple(
    model for model in ENTITIES if model is not Customer and "customer_id" in model._meta.columns
)
# Records that hang off a moved one: (model, its column pointing at it, the moved model); they follow unchanged.
FOLLOWERS: tuple[tuple[type[Entity], str, type[Entity]], ...] = tuple(
    (model, field.column_name, field.rel_model)
    for model in ENTITIES
    if "customer_id" not in model._meta.columns
    for field in model._meta.sorted_fields
    if isinstance(field, ForeignKeyField) and field.rel_model in MOVERS
)
TABLE_LABELS = {
    "contact_person": N_("contact persons"),
    "interaction": N_("interactions"),
    "follow_up": N_("follow-ups"),
    "deal": N_("deals"),
    "deal_line": N_("deal lines"),
    "memo": N_("memos"),
    "deal_event": N_("deal events"),
    "promise": N_("promises"),
    "promise_outcome": N_("promise outcomes"),
}


@dataclass(frozen=True)
class MergeField:
    """One customer field: both values as shown, and which one the merge keeps unless the user picks the other."""

    name: str
    label: str
    survivor: str
    merged: str
    winner: str  # "survivor" or "merged"

    @property
    def differs(self) -> bool:
        return self.survivor != self.merged


@dataclass(frozen=True)
class MergePreview:
    """What merging `merged` into `survivor` would do: each field's values and default winner, and the records
    that move, per table (every table that can move, in the order verify checks them)."""

    survivor_id: str
    survivor_name: str
    merged_id: str
    merged_name: str
    fields: tuple[MergeField, ...]
    moves: tuple[tuple[str, int], ...]

    def differing(self) -> tuple[MergeField, ...]:
        return tuple(field for field in self.fields if field.differs)

    def defaults(self) -> dict[str, str]:
        return {field.name: field.winner for field in self.fields}


@dataclass(frozen=True)
class MergeDone:
    """A merge made: its CustomerMerge record's id, the two customers, the choices kept and what moved."""

    id: str
    survivor_id: str
    survivor_name: str
    merged_id: str
    choices: tuple[tuple[str, str], ...]
    moves: tuple[tuple[str, int], ...]


def table_label(table: str) -> str:
    return _(TABLE_LABELS.get(table, table))


def _column(name: str) -> str:
    return COLUMNS.get(name, name)


def _blank(value: Any) -> bool:
    """Nothing there: empty text, no value, a credit limit of 0."""
    return value is None or value == "" or value == 0


def _default_winner(name: str, survivor: dict[str, Any], merged: dict[str, Any]) -> str:
    """The survivor's value wins unless it is blank and the merged one is not."""
    column = _column(name)
    return MERGED if _blank(survivor[column]) and not _blank(merged[column]) else SURVIVOR


def _shown(name: str, row: dict[str, Any], logins: dict[str, str]) -> str:
    """A field's stored value as a person reads it."""
    value = row[_column(name)]
    if name == "owner_login":
        return logins.get(value, value) if value else ""
    if name == "credit_limit":
        return format_money(value, row["currency"]) if value else ""
    spec = CUSTOMER[name]
    if isinstance(spec, Choice):
        return _(spec.values[value]) if value in spec.values else str(value)
    return "" if value is None else str(value)


def _pair(survivor_id: str, merged_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both customers' stored rows, or why they cannot be merged (ValidationError) or do not exist (NotFound)."""
    if survivor_id == merged_id:
        raise ValidationError({MERGED: _("a customer cannot be merged into itself")})
    rows = {}
    for role, customer_id in ((SURVIVOR, survivor_id), (MERGED, merged_id)):
        found = Customer.get_or_none(Customer.id == customer_id)
        if found is None:
            raise NotFound(customer_id)
        rows[role] = found.stored_row()
    for role, row in rows.items():
        into = row["merged_into_id"]
        if into is None:
            continue
        other = Customer.get_or_none(Customer.id == into)
        names = {"name": row["name"], "other": other.name if other else into}
        if role == SURVIVOR:
            text = _("{name} was merged into {other} already; merge into {other} instead")
        else:
            text = _("{name} was merged into {other} already")
        raise ValidationError({role: text.format(**names)})
    return rows[SURVIVOR], rows[MERGED]


def _counts(merged_id: str) -> tuple[tuple[str, int], ...]:
    """How many records of each table would move (or follow a moved one) from `merged_id`."""
    counts: dict[str, int] = {}
    for model in MOVERS:
        counts[model._meta.table_name] = model.select().where(model._meta.columns["customer_id"] == merged_id).count()
    for model, column, parent in FOLLOWERS:
        moved = parent.select(parent.id).where(parent._meta.columns["customer_id"] == merged_id)
        counts[model._meta.table_name] = model.select().where(model._meta.columns[column].in_(moved)).count()
    order = [model._meta.table_name for model in ENTITIES]
    return tuple(sorted(counts.items(), key=lambda item: order.index(item[0])))


def preview(survivor_id: str, merged_id: str) -> MergePreview:
    """What merging `merged_id` into `survivor_id` would keep and move; refused as `merge` would refuse it."""
    with database.atomic():  # one snapshot of both customers and their records
        survivor, merged = _pair(survivor_id, merged_id)
        owners = {row["owner_id"] for row in (survivor, merged) if row["owner_id"]}
        logins = {rep.id: rep.login for rep in Rep.select(Rep.id, Rep.login).where(Rep.id.in_(list(owners)))}
        fields = tuple(
            MergeField(
                name,
                _(CUSTOMER[name].label),
                _shown(name, survivor, logins),
                _shown(name, merged, logins),
                _default_winner(name, survivor, merged),
            )
            for name in FIELDS
        )
        moves = _counts(merged_id)
    return MergePreview(survivor_id, survivor["name"], merged_id, merged["name"], fields, moves)


def checked_choices(choices: dict[str, str]) -> dict[str, str]:
    """The user's choices by field, a tied field's folded into the field it goes with; ValidationError if any
    names no field or holds neither "survivor" nor "merged"."""
    errors: dict[str, str] = {}
    folded: dict[str, str] = {}
    for name, winner in choices.items():
        if name not in CUSTOMER.fields:
            errors[name] = _("unknown field")
        elif winner not in (SURVIVOR, MERGED):
            errors[name] = _("choose survivor or merged, not {value!r}").format(value=winner)
        elif folded.get(TIED.get(name, name), winner) != winner:
            errors[name] = _("goes with the credit limit: choose the same for both")
        else:
            folded[TIED.get(name, name)] = winner
    if errors:
        raise ValidationError(errors)
    return folded


def merge(context: Context, survivor_id: str, merged_id: str, choices: dict[str, str] | None = None) -> MergeDone:
    """Merge `merged_id` into `survivor_id` in one transaction: each field keeps the survivor's value unless it is
    blank or `choices` says "merged"; every record moves to the survivor; the merged-away customer points at it."""
    picked = checked_choices(choices or {})
    now = context.clock.now()
    with context.write() as writer:
        survivor, merged = _pair(survivor_id, merged_id)
        chosen = {name: picked.get(name, _default_winner(name, survivor, merged)) for name in FIELDS}
        # The pointer first: the triggers let append-only records move only to the customer it names.
        customers.put_changes(context, writer, merged_id, {"merged_into_id": survivor_id})
        taken = [name for name, winner in chosen.items() if winner == MERGED]
        taken += [tied for tied, name in TIED.items() if chosen[name] == MERGED]
        customers.put_changes(context, writer, survivor_id, {_column(name): merged[_column(name)] for name in taken})
        moved = dict(_counts(merged_id))  # the followers' counts; each mover's is its own count of what it moved
        keeps_primary = (
            ContactPerson.select()
            .where((ContactPerson.customer == survivor_id) & (ContactPerson.is_primary == 1))
            .exists()
        )
        for model in MOVERS:
            moved[model._meta.table_name] = _move(writer, model, survivor_id, merged_id, now, keeps_primary)
        customer_lookup.refresh_contact(survivor_id, merged_id)
        chosen.update({tied: chosen[name] for tied, name in TIED.items()})
        record: dict[str, Any] = {
            "id": uuid.uuid4().hex,
            "survivor_id": survivor_id,
            "merged_id": merged_id,
            "choices": canonical(chosen),
            "moved": canonical(moved),
            "rep_id": context.rep_id,
            "created_at": now,
        }
        writer.put(CustomerMerge, CustomerMerge.stored(record), "create")
    order = [model._meta.table_name for model in ENTITIES]
    return MergeDone(
        record["id"],
        survivor_id,
        customers.detail(survivor_id).name,
        merged_id,
        tuple(sorted(chosen.items())),
        tuple(sorted(moved.items(), key=lambda item: order.index(item[0]))),
    )


def _move(
    writer: LedgerWriter, model: type[Entity], survivor_id: str, merged_id: str, now: datetime, keeps_primary: bool
) -> int:
    """Move every `model` record of `merged_id` to `survivor_id`, each a ledgered update; a mutable record's
    updated_at is stamped, an append-only one moves unchanged. Returns how many moved."""
    columns = model._meta.columns
    stamp = model.stored({"updated_at": now})["updated_at"] if "updated_at" in columns else None
    records = model.select().where(columns["customer_id"] == merged_id).order_by(model.id)
    count = 0
    for record in records:
        row = record.stored_row()
        row["customer_id"] = survivor_id
        if stamp is not None:
            row["updated_at"] = stamp
        if model is ContactPerson and keeps_primary:
            row["is_primary"] = 0  # the survivor keeps its own primary contact person
        writer.put(model, row, "update")
        count += 1
    return count
