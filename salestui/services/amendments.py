"""What amending a record means, for every append-only record that can be corrected (interactions, promises).

A correction is a new version: the amended record's values with the corrected ones over them, checked against the
record's spec as a whole, refused if it changes nothing, and stored as a new row whose amends_id names the version
it corrects. Only the version in force (the newest of its chain) may be amended.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any, NoReturn

from salestui.db.models import Customer
from salestui.i18n import _
from salestui.services.context import Context
from salestui.services.errors import NotFound, ValidationError
from salestui.services.spec import Spec, clean


def new_version(
    context: Context, values: Mapping[str, Any], customer_id: str, amends_id: str | None, now: datetime
) -> dict[str, Any]:
    """A new row of a customer's record: `values`, a fresh id, who recorded it and when, what it amends (None for a
    first version)."""
    return {
        **values,
        "id": uuid.uuid4().hex,
        "customer_id": customer_id,
        "rep_id": context.rep_id,
        "amends_id": amends_id,
        "created_at": now,
    }


def first_version(context: Context, spec: Spec, customer_id: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The first row of a customer's record from `raw`, checked against `spec` (ValidationError by field)."""
    now = context.clock.now()
    values, errors = clean(spec, raw, now=now)
    if errors:
        raise ValidationError(errors)
    return new_version(context, values, customer_id, None, now)


def require_customer(customer_id: str) -> None:
    """NotFound unless the customer exists (checked inside the write, before anything is put)."""
    if not Customer.select().where(Customer.id == customer_id).exists():
        raise NotFound(customer_id)


def corrected(
    spec: Spec, original: Mapping[str, Any], raw: Mapping[str, Any], now: datetime, record: str
) -> dict[str, Any]:
    """The values of an amendment: the `original`'s with `raw` over them, cleaned; ValidationError for bad values
    (by field) or for a correction that changes nothing (on `record`)."""
    kept = {name: original[name] for name in spec}
    values, errors = clean(spec, {**kept, **raw}, now=now)
    if errors:
        raise ValidationError(errors)
    if values == clean(spec, kept)[0]:
        raise ValidationError({record: _("nothing changed: an amendment must correct something")})
    return values


def refuse_superseded(record: str, newest_id: str) -> NoReturn:
    """ValidationError: only the newest version of a chain may be amended."""
    raise ValidationError({record: _("already amended: amend its newest version ({id})").format(id=newest_id)})
