"""Customers: create, update with validation; their search and keyset pages are services/customer_search.py's."""

from __future__ import annotations

import uuid
from typing import Any

from salestui.db.models import Customer, FollowUp, Interaction, Rep
from salestui.i18n import _
from salestui.services import contacts, customer_lookup, search_keys
from salestui.services.app_views import CustomerDetail
from salestui.services.context import Context
from salestui.services.customer_lookup import ID_PREFIX_MIN as ID_PREFIX_MIN
from salestui.services.customer_lookup import mark_contact as mark_contact
from salestui.services.customer_lookup import resolve as resolve
from salestui.services.customer_search import COUNT_CAP as COUNT_CAP
from salestui.services.customer_search import Cursor as Cursor
from salestui.services.customer_search import SearchPage as SearchPage
from salestui.services.customer_search import count as count
from salestui.services.customer_search import cursor as cursor
from salestui.services.customer_search import page_after as page_after
from salestui.services.customer_search import page_at as page_at
from salestui.services.customer_search import page_before as page_before
from salestui.services.customer_search import search as search
from salestui.services.errors import Conflict, NotFound, ValidationError
from salestui.services.ledger import LedgerWriter
from salestui.services.records import changed_row
from salestui.services.spec import clean
from salestui.services.specs import CUSTOMER

# What a new customer holds for each field nobody gave (the form opens with these).
DEFAULTS: dict[str, Any] = {name: value for name, value in CUSTOMER.defaults().items() if name != "owner_login"}


def derived_columns(values: dict[str, Any]) -> dict[str, str]:
    return {
        "sort_key": search_keys.sort_key(values["name"]),
        "search_text": search_keys.search_text(
            values["name"], values["company"], values["phone"], values["email"], values["im_handle"]
        ),
        "short_text": search_keys.short_text(values["name"], values["company"]),
    }


def _owner_id(values: dict[str, Any], errors: dict[str, str]) -> str | None:
    login = values.pop("owner_login", None)
    if login is None:
        return None
    rep = Rep.get_or_none(Rep.login == login)
    if rep is None:
        errors["owner_login"] = _("no rep with login {login!r}").format(login=login)
        return None
    owner_id: str = rep.id
    return owner_id


def create(context: Context, raw: dict[str, Any]) -> CustomerDetail:
    """Add a customer; owned by the current rep unless `owner_login` says otherwise ('' = public pool)."""
    values, errors = clean(CUSTOMER, {"owner_login": context.rep_login, **raw})
    owner_id = _owner_id(values, errors)
    if errors:
        raise ValidationError(errors)
    now = context.clock.now()
    row: dict[str, Any] = {
        **values,
        "id": uuid.uuid4().hex,
        "owner_id": owner_id,
        "created_at": now,
        "updated_at": now,
        "last_contact_at": None,
        **derived_columns(values),
    }
    with context.write() as writer:
        writer.put(Customer, Customer.stored(row), "create")
    return detail(row["id"])


def update(
    context: Context, customer_id: str, raw: dict[str, Any], opened_version: str | None = None
) -> CustomerDetail:
    """Change some fields of a customer; the ledger keeps the previous values.

    With `opened_version` (CustomerDetail.version as a form read it) nothing is written if the customer changed since:
    Conflict carries the customer as it is now, so the form can show both versions and let the user choose."""
    if "credit_limit" in raw and "currency" not in raw:
        # An amount is read in the customer's own currency (JPY has no minor unit).
        current = Customer.select(Customer.currency).where(Customer.id == customer_id).first()
        raw = {**raw, "currency": current.currency if current else "CNY"}
    values, errors = clean(CUSTOMER, raw, partial=True)
    owner_given = "owner_login" in values
    owner_id = _owner_id(values, errors)
    if errors:
        raise ValidationError(errors)
    with context.write() as writer:
        customer_id = customer_lookup.live_id(customer_id)  # a merged-away customer is edited as its survivor
        if opened_version is not None:
            check_version(customer_id, opened_version)
        changes = Customer.stored(values)
        if owner_given:
            changes["owner_id"] = owner_id
        put_changes(context, writer, customer_id, changes)
    return detail(customer_id)


def check_version(customer_id: str, opened_version: str) -> None:
    """Conflict if the customer's stored version is not `opened_version` (inside the write: nobody can slip in)."""
    current = Customer.select(Customer.hlc).where(Customer.id == customer_id).scalar()
    if current is None:
        raise NotFound(customer_id)
    if current != opened_version:
        raise Conflict(customer_id, opened_version, current, detail(customer_id))


def put_changes(context: Context, writer: LedgerWriter, customer_id: str, changes: dict[str, Any]) -> bool:
    """Apply `changes` (stored values by column) to a customer in `writer`'s transaction, as every update does: the
    search columns recomputed (their FTS indexes follow by trigger), updated_at stamped, the event ledgered. False if
    they change nothing."""
    row = changed_row(Customer, customer_id, changes, context.clock.now())
    if row is None:
        return False
    row.update(derived_columns(row))
    writer.put(Customer, row, "update")
    return True


def detail(customer_id: str) -> CustomerDetail:
    """The whole customer; a customer merged into another is shown as that one (its survivor), never as a ghost."""
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is not None and customer.merged_into_id is not None:
        customer = Customer.get_or_none(Customer.id == customer_lookup.survivor_id(customer_id))
    if customer is None:
        raise NotFound(customer_id)
    customer_id = customer.id
    owner = Rep.get_or_none(Rep.id == customer.owner_id) if customer.owner_id else None
    interactions = Interaction.select().where(Interaction.customer == customer_id).count()
    open_follow_ups = FollowUp.select().where((FollowUp.customer == customer_id) & (FollowUp.status == "open")).count()
    return CustomerDetail(
        id=customer.id,
        kind=customer.kind,
        name=customer.name,
        company=customer.company,
        phone=customer.phone,
        email=customer.email,
        im_handle=customer.im_handle,
        address=customer.address,
        region=customer.region,
        industry=customer.industry,
        source=customer.source,
        owner_id=customer.owner_id,
        owner_login=owner.login if owner else None,
        tier=customer.tier,
        status=customer.status,
        needs=customer.needs,
        preferences=customer.preferences,
        credit_limit=customer.credit_limit,
        currency=customer.currency,
        payment_terms=customer.payment_terms,
        tags=customer.tags,
        cadence_days=customer.cadence_days,
        language=customer.language,
        time_zone=customer.time_zone,
        merged_into_id=customer.merged_into_id,
        created_at=customer.created_at,
        updated_at=customer.updated_at,
        last_contact_at=customer.last_contact_at,
        interaction_count=interactions,
        open_follow_ups=open_follow_ups,
        contacts=contacts.for_customer(customer.id),
        version=customer.hlc,
    )
