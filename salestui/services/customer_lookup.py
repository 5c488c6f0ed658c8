"""Finding one customer by what a user types for it (a merged-away customer is found as its survivor), and the one
write an interaction makes to its customer.

Apart from `salestui.services.customers` so that `salestui log` loads neither the search index nor the contact
persons (re-exported there).
"""

from __future__ import annotations

from datetime import datetime

from salestui.db.connection import database
from salestui.db.models import Customer
from salestui.db.queries import CONTACT_KINDS, CUSTOMER_ROW, LAST_REAL_CONTACT
from salestui.i18n import _
from salestui.services.customer_fields import phone_digits
from salestui.services.errors import NotFound, ValidationError
from salestui.services.views import CustomerRow
from salestui.text import normalize


class NoSuchCustomer(ValidationError):
    """No customer matches what was typed (a command that shows one exits 1 for it, not 2)."""


ID_PREFIX_MIN = 6  # the shortest id prefix a customer may be referred to by (the lists show 8)
_HEX = frozenset("0123456789abcdef")


# The survivor of each customer matching {where} (over `customer c`): the customer itself, or the one it was merged
# into, following a chain of merges (services/merge.py) to the end. A merge is made only into a customer that is
# not merged, so a chain has no cycle; the depth bound is a guard against a file altered by hand.
_SURVIVORS = (
    "WITH RECURSIVE chain(id, next, depth) AS (SELECT c.id, c.merged_into_id, 0 FROM customer c WHERE {where} "
    "UNION ALL SELECT m.id, m.merged_into_id, chain.depth + 1 FROM chain JOIN customer m ON m.id = chain.next "
    "WHERE chain.depth < 64) SELECT id FROM chain WHERE next IS NULL"
)


def survivor_id(customer_id: str) -> str:
    """The customer `customer_id` lives on as: itself, or the customer it was merged into (`customer_id` unchanged
    if there is no such customer)."""
    row = database.execute_sql(_SURVIVORS.format(where="c.id = ?"), (customer_id,)).fetchone()
    return str(row[0]) if row else customer_id


def live_id(customer_id: str) -> str:
    """`survivor_id` of a customer that must exist (NotFound otherwise): where a write for `customer_id` goes."""
    found = survivor_id(customer_id)
    if not database.execute_sql("SELECT 1 FROM customer WHERE id = ?", (found,)).fetchone():
        raise NotFound(customer_id)
    return found


def _rows(where: str, params: tuple[str, ...], follow_merges: bool, tail: str = "") -> list[CustomerRow]:
    """The customers matching `where` (over `customer c`), each merged-away one as its survivor if `follow_merges`."""
    if follow_merges:
        where = f"c.id IN ({_SURVIVORS.format(where=where)})"
    return CUSTOMER_ROW.views(CustomerRow, f"WHERE {where} {tail}", params)


def _by_id_prefix(reference: str, follow_merges: bool) -> list[CustomerRow]:
    """Customers whose id starts with `reference` (6 to 32 hex digits, any case), by the primary-key index."""
    prefix = reference.casefold()
    if not ID_PREFIX_MIN <= len(prefix) <= 32 or not set(prefix) <= _HEX:
        return []
    return _rows("c.id >= ? AND c.id < ?", (prefix, prefix + "g"), follow_merges, "ORDER BY c.id LIMIT 6")


def resolve(reference: str, follow_merges: bool = True) -> CustomerRow:
    """A customer by id or unambiguous id prefix (6+ hex digits), exact name, company or phone; NoSuchCustomer (a
    ValidationError) if none matches, ValidationError if several do (or it is blank). A customer merged into
    another resolves to that one, unless `follow_merges` is False (to name the merged-away customer itself)."""
    reference = normalize(reference or "")
    if not reference:  # an empty reference must not pick the customers whose company (or phone) is empty
        raise ValidationError({"customer": _("give an id, name or phone")})
    rows = _rows("c.id = ?", (reference,), follow_merges)
    if not rows:
        digits = phone_digits(reference)
        where = "c.name = ? OR (c.company <> '' AND c.company = ?)"
        params: tuple[str, ...] = (reference, reference)
        if len(digits) >= 5 and _query_digits(reference).isdigit():  # phone-like (search drops its country code)
            where += " OR c.phone = ? OR replace(replace(replace(c.phone,' ',''),'-',''),'+','') = ?"
            params = (*params, reference, digits)
        rows = _rows(where, params, follow_merges, "LIMIT 6")
        named = {row.id for row in rows}
        rows += [row for row in _by_id_prefix(reference, follow_merges) if row.id not in named]
    if not rows:
        if len(reference) < ID_PREFIX_MIN and set(reference.casefold()) <= _HEX:
            text = _("no customer matches {ref!r} (an id prefix needs at least {count} characters)")
            raise NoSuchCustomer({"customer": text.format(ref=reference, count=ID_PREFIX_MIN)})
        raise NoSuchCustomer({"customer": _("no customer matches {ref!r}").format(ref=reference)})
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


def mark_contact(customer_id: str, kind: str, occurred_at: datetime) -> None:
    """Keep the denormalized last_contact_at (the newest real contact: CONTACT_KINDS) in step with a new interaction
    of `kind` (same transaction); a note leaves it as it is."""
    if kind not in CONTACT_KINDS:
        return
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


def refresh_contact(*customer_ids: str) -> None:
    """Set last_contact_at to the newest real contact among each customer's interactions in force (same
    transaction): an amendment may move a contact's time back or make it a note, which `mark_contact` never does."""
    for customer_id in customer_ids:
        database.execute_sql(
            f"UPDATE customer AS c SET last_contact_at = {LAST_REAL_CONTACT} WHERE id = ?", (customer_id,)
        )
