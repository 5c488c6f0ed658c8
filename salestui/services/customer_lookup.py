"""Finding one customer by what a user types for it, and the one write an interaction makes to its customer.

Apart from `salestui.services.customers` so that `salestui log` loads neither the search index nor the contact
persons (re-exported there).
"""

from __future__ import annotations

from datetime import datetime

from salestui.db.connection import database
from salestui.db.models import Customer
from salestui.db.queries import CUSTOMER_ROW
from salestui.i18n import _
from salestui.services.customer_fields import phone_digits
from salestui.services.errors import ValidationError
from salestui.services.views import CustomerRow
from salestui.text import normalize

ID_PREFIX_MIN = 6  # the shortest id prefix a customer may be referred to by (the lists show 8)
_HEX = frozenset("0123456789abcdef")


def _by_id_prefix(reference: str) -> list[CustomerRow]:
    """Customers whose id starts with `reference` (6 to 32 hex digits, any case), by the primary-key index."""
    prefix = reference.casefold()
    if not ID_PREFIX_MIN <= len(prefix) <= 32 or not set(prefix) <= _HEX:
        return []
    return CUSTOMER_ROW.views(CustomerRow, "WHERE c.id >= ? AND c.id < ? ORDER BY c.id LIMIT 6", (prefix, prefix + "g"))


def resolve(reference: str) -> CustomerRow:
    """A customer by id or unambiguous id prefix (6+ hex digits), exact name, company or phone; ValidationError
    if none or several match (or it is blank)."""
    reference = normalize(reference or "")
    if not reference:  # an empty reference must not pick the customers whose company (or phone) is empty
        raise ValidationError({"customer": _("give an id, name or phone")})
    rows = CUSTOMER_ROW.views(CustomerRow, "WHERE c.id = ?", (reference,))
    if not rows:
        digits = phone_digits(reference)
        where = "WHERE c.name = ? OR (c.company <> '' AND c.company = ?)"
        params: tuple[str, ...] = (reference, reference)
        if len(digits) >= 5 and digits == _query_digits(reference):
            where += " OR c.phone = ? OR replace(replace(replace(c.phone,' ',''),'-',''),'+','') = ?"
            params = (*params, reference, digits)
        rows = CUSTOMER_ROW.views(CustomerRow, where + " LIMIT 6", params)
        named = {row.id for row in rows}
        rows += [row for row in _by_id_prefix(reference) if row.id not in named]
    if not rows:
        if len(reference) < ID_PREFIX_MIN and set(reference.casefold()) <= _HEX:
            text = _("no customer matches {ref!r} (an id prefix needs at least {count} characters)")
            raise ValidationError({"customer": text.format(ref=reference, count=ID_PREFIX_MIN)})
        raise ValidationError({"customer": _("no customer matches {ref!r}").format(ref=reference)})
    if len(rows) > 1:
        shown = rows[:5]
        length = 8  # long enough that each suggested prefix names one of them
        while len({row.id[:length] for row in shown}) < len(shown):
            length += 1
        names = "; ".join(_candidate(row, length) for row in shown)
        raise ValidationError(
            {"customer": _("{ref!r} is ambiguous: {names}; use the id").format(ref=reference, names=names)}
        )
    return rows[0]


def _candidate(row: CustomerRow, id_length: int) -> str:
    """How an ambiguity message names one candidate: name, company, phone, and an id prefix that works."""
    parts = [row.name, *(part for part in (row.company if row.company != row.name else "", row.phone) if part)]
    return f"{' · '.join(parts)} ({row.id[:id_length]})"


def mark_contact(customer_id: str, occurred_at: datetime) -> None:
    """Keep the denormalized last_contact_at in step with the newest interaction (same transaction)."""
    stamp = Customer.last_contact_at.db_value(occurred_at)
    database.execute_sql(
        "UPDATE customer SET last_contact_at = ? WHERE id = ? AND (last_contact_at IS NULL OR last_contact_at < ?)",
        (stamp, customer_id, stamp),
    )


def _query_digits(reference: str) -> str:
    """The digits a search reads a phone-like reference as ('' when it is not phone-like)."""
    from salestui.services.search_keys import normalize_query  # only a reference with 5+ digits pays for it

    return normalize_query(reference)


# The interactions in force: those no other interaction amends (an amended entry counts as its newest version).
IN_FORCE = "i.id NOT IN (SELECT a.amends_id FROM interaction a WHERE a.amends_id IS NOT NULL{scope})"


def refresh_contact(customer_id: str) -> None:
    """Set last_contact_at to the newest occurred_at among the customer's interactions in force (same transaction):
    an amendment may move a contact's time back, which `mark_contact` alone would never do."""
    in_force = IN_FORCE.format(scope=" AND a.customer_id = ?")
    database.execute_sql(
        "UPDATE customer SET last_contact_at = (SELECT MAX(i.occurred_at) FROM interaction i "
        f"WHERE i.customer_id = ? AND {in_force}) WHERE id = ?",
        (customer_id, customer_id, customer_id),
    )
