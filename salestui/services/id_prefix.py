"""A record by its id or an unambiguous id prefix, as typed on the command line (the lists show 8 characters)."""

from __future__ import annotations

from salestui.db.connection import database
from salestui.i18n import _
from salestui.services.errors import NotFound, ValidationError

ID_PREFIX_MIN = 6
_HEX = frozenset("0123456789abcdef")
_TABLES = frozenset({"promise", "interaction"})


def resolve(table: str, reference: str, field: str) -> str:
    """The id in `table` that `reference` (a whole id or 6+ hex digits of one) names: NotFound if none,
    ValidationError on `field` if several."""
    if table not in _TABLES:
        raise ValueError(table)
    prefix = (reference or "").strip().casefold()
    if not ID_PREFIX_MIN <= len(prefix) <= 32 or not set(prefix) <= _HEX:
        raise NotFound(reference)
    ids = [
        row[0]
        for row in database.execute_sql(
            f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 6", (prefix, prefix + "g")
        )
    ]
    if not ids:
        raise NotFound(reference)
    if len(ids) > 1:
        shown = ", ".join(found[:12] for found in ids[:5])
        text = _("{ref!r} is ambiguous: {ids}; give more of the id")
        raise ValidationError({field: text.format(ref=reference, ids=shown)})
    return str(ids[0])
