"""Named queries: each selects columns by name and builds its result by name, never by position.

A `NamedSelect` declares its result's names and the SQL expression for each; the SELECT list is made from that
same declaration, so a result built from a row cannot be out of step with the query. Rows become dicts, or the
caller's own frozen view class, whose field names must be exactly the select's names (checked once per class),
so adding a column is one line here and one field there, and a mismatch fails loudly instead of shifting values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from salestui.clock import from_utc_text
from salestui.db.connection import database

ViewT = TypeVar("ViewT")

# Kinds of interaction that are a real contact with the customer (not a note, complaint or feedback record):
# last_contact_at, the contact cadence and the contact-gap alert count from the newest of these in force.
CONTACT_KINDS = ("call", "email", "meeting", "visit", "im")
CONTACT_KINDS_SQL = "(" + ", ".join(f"'{kind}'" for kind in CONTACT_KINDS) + ")"

# The newest real contact in force of the customer `c` (an amended entry counts as its newest version).
LAST_REAL_CONTACT = (
    "(SELECT MAX(i.occurred_at) FROM interaction i WHERE i.customer_id = c.id AND i.kind IN "
    f"{CONTACT_KINDS_SQL} AND i.id NOT IN (SELECT a.amends_id FROM interaction a "
    "WHERE a.customer_id = c.id AND a.amends_id IS NOT NULL))"
)


class NamedSelect:
    """SELECT `columns` (name -> SQL expression) FROM `source`; `times` name the UTC time columns to parse, `flags`
    the 0/1 columns to read as booleans."""

    def __init__(
        self, columns: Mapping[str, str], source: str, times: Iterable[str] = (), flags: Iterable[str] = ()
    ) -> None:
        self.names = tuple(columns)
        self.sql = "SELECT " + ", ".join(columns.values()) + " FROM " + source
        self.time_positions = tuple(self.names.index(name) for name in times)
        self.flag_positions = tuple(self.names.index(name) for name in flags)
        self._checked: set[type[Any]] = set()

    def _values(self, row: tuple[Any, ...]) -> list[Any]:
        values = list(row)
        for position in self.time_positions:
            if values[position] is not None:
                values[position] = from_utc_text(values[position])
        for position in self.flag_positions:
            values[position] = bool(values[position])
        return values

    def _check(self, view: type[Any]) -> None:
        if view in self._checked:
            return
        fields = dataclasses.fields(view)
        named = tuple(field.name for field in fields[: len(self.names)])
        # Fields after the selected ones are filled later (e.g. a search's `via`), so they need a default.
        later = [field for field in fields[len(self.names) :] if field.default is dataclasses.MISSING]
        if named != self.names or later:
            names = tuple(field.name for field in fields)
            raise TypeError(f"{view.__name__} has the fields {names}, the query selects {self.names}")
        self._checked.add(view)

    def dicts(self, tail: str = "", params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """The rows of `self.sql + tail` (WHERE, ORDER, LIMIT) as dicts by name."""
        names = self.names
        rows = database.execute_sql(f"{self.sql} {tail}", params)
        return [dict(zip(names, self._values(row), strict=True)) for row in rows]

    def views(self, view: Callable[..., ViewT], tail: str = "", params: tuple[Any, ...] = ()) -> list[ViewT]:
        """The rows as `view` instances (a dataclass whose fields are this select's names, in order)."""
        self._check(view)  # type: ignore[arg-type]
        rows = database.execute_sql(f"{self.sql} {tail}", params)
        if not self.time_positions and not self.flag_positions:
            return [view(*row) for row in rows]
        return [view(*self._values(row)) for row in rows]

    def view(self, view: Callable[..., ViewT], tail: str = "", params: tuple[Any, ...] = ()) -> ViewT | None:
        """The first row as a `view`, or None."""
        found = self.views(view, f"{tail} LIMIT 1", params)
        return found[0] if found else None


# One line of the customer list (its keyset cursor: services/customer_search.py `cursor`).
CUSTOMER_ROW = NamedSelect(
    {
        "id": "c.id",
        "sort_key": "c.sort_key",
        "name": "c.name",
        "company": "c.company",
        "phone": "c.phone",
        "tier": "c.tier",
        "status": "c.status",
        "owner_login": "r.login",
        "last_contact_at": "c.last_contact_at",
    },
    "customer c LEFT JOIN rep r ON r.id = c.owner_id",
    times=("last_contact_at",),
)

# An interaction with the login of the rep who logged it.
INTERACTION_ROW = NamedSelect(
    {
        "id": "i.id",
        "customer_id": "i.customer_id",
        "rep_login": "r.login",
        "kind": "i.kind",
        "direction": "i.direction",
        "occurred_at": "i.occurred_at",
        "summary": "i.summary",
        "body": "i.body",
        "outcome": "i.outcome",
        "next_step": "i.next_step",
        "fields": "i.fields",
        # The template's contact person (services/templates.py) by name; '' for none.
        "contact_name": "CASE WHEN json_valid(i.fields) THEN COALESCE((SELECT p.name FROM contact_person p "
        "WHERE p.id = json_extract(i.fields, '$.contact_person')), '') ELSE '' END",
        "amends_id": "i.amends_id",  # the entry this one corrects (None for an original)
        "created_at": "i.created_at",  # when it was recorded (an amendment's own time)
    },
    "interaction i JOIN rep r ON r.id = i.rep_id",
    times=("occurred_at", "created_at"),
)

# A contact person at a customer.
CONTACT_ROW = NamedSelect(
    {
        name: name
        for name in ("id", "customer_id", "name", "title", "phone", "email", "im_handle", "note", "is_primary")
    },
    "contact_person",
    flags=("is_primary",),
)

# A follow-up with its customer's name.
FOLLOW_UP_ROW = NamedSelect(
    {
        "id": "f.id",
        "customer_id": "f.customer_id",
        "customer_name": "c.name",
        "title": "f.title",
        "due_at": "f.due_at",
        "queue_at": "f.queue_at",
        "snoozed_until": "f.snoozed_until",
        "priority": "f.priority",
        "rrule": "f.rrule",
        "status": "f.status",
        "kind": "f.kind",
        "rep_login": "r.login",
    },
    "follow_up f JOIN customer c ON c.id = f.customer_id JOIN rep r ON r.id = f.rep_id",
    times=("due_at", "queue_at", "snoozed_until"),
)

# Customers who are due a contact: the alert rules read these by name.
CONTACT_DUE = NamedSelect(
    {
        "id": "c.id",
        "name": "c.name",
        "tier": "c.tier",
        "cadence_days": "c.cadence_days",
        "since": "COALESCE(c.last_contact_at, c.created_at)",
        "never": "c.last_contact_at IS NULL",
    },
    "customer c",
    times=("since",),
)

# The company's settings: key and canonical JSON value.
SETTING_ROW = NamedSelect(
    {"id": "s.id", "key": "s.key", "value": "s.value", "updated_at": "s.updated_at"},
    "setting s",
    times=("updated_at",),
)

# A deal with its customer's name and the total of its active lines (rounded line by line, as deal_money does).
DEAL_ROW = NamedSelect(
    {
        "id": "d.id",
        "customer_id": "d.customer_id",
        "customer_name": "c.name",
        "rep_id": "d.rep_id",
        "title": "d.title",
        "stage": "d.stage",
        "currency": "d.currency",
        "total": "COALESCE((SELECT SUM((l.quantity_milli * l.unit_price + 500) / 1000) FROM deal_line l "
        "WHERE l.deal_id = d.id AND l.status = 'active'), 0)",
        "agreed_at": "d.agreed_at",
        "updated_at": "d.updated_at",
    },
    "deal d JOIN customer c ON c.id = d.customer_id",
    times=("agreed_at", "updated_at"),
)

# A deal line with its total.
DEAL_LINE_ROW = NamedSelect(
    {
        "id": "l.id",
        "position": "l.position",
        "item": "l.item",
        "quantity_milli": "l.quantity_milli",
        "unit": "l.unit",
        "unit_price": "l.unit_price",
        "line_total": "(l.quantity_milli * l.unit_price + 500) / 1000",
    },
    "deal_line l",
)

# A deal event with the rep's login and the version of the memo it is about.
DEAL_EVENT_ROW = NamedSelect(
    {
        "id": "e.id",
        "deal_id": "e.deal_id",
        "customer_id": "e.customer_id",
        "kind": "e.kind",
        "from_stage": "e.from_stage",
        "to_stage": "e.to_stage",
        "memo_id": "e.memo_id",
        "memo_version": "m.version",
        "occurred_at": "e.occurred_at",
        "channel": "e.channel",
        "counterpart": "e.counterpart",
        "text": "e.text",
        "rep_login": "COALESCE(r.login, '')",
    },
    "deal_event e LEFT JOIN memo m ON m.id = e.memo_id LEFT JOIN rep r ON r.id = e.rep_id",
    times=("occurred_at",),
)
