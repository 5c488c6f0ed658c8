"""A digest of the triggers a file holds, checked at the start of every write against the digest of SalesTUI's own.

Building the expected schema runs every migration on a memory database; a write only needs to know whether the
file's triggers are exactly SalesTUI's, so it compares one SHA-256 over them (name, table and SQL with its
whitespace squeezed, as the schema comparison reads them) with `EXPECTED`. Only when they differ is the
expected schema built, to name what differs. tests/test_trigger_digest.py keeps `EXPECTED` in step with the
migrations.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

# The digest of the triggers the migrations make (schema v5).
EXPECTED = "c298f6ded5abb6123f06c977cbc6e5faaed44f3dea8ecf4c8b7e1a16f65a67b2"

_NO_SQL = b"\xff"  # never valid UTF-8, so no SQL text encodes to it
_TRIGGERS_SQL = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"


def digest(triggers: Iterable[tuple[str, str, str | None]]) -> str:
    """SHA-256 over (name, table, squeezed SQL) of each trigger, in name order; each field length-prefixed."""
    hashed = hashlib.sha256()
    for name, table, sql in sorted(triggers, key=lambda trigger: trigger[0]):
        for part in (name, table, sql if sql is None else " ".join(sql.split())):
            encoded = _NO_SQL if part is None else part.encode("utf-8", "surrogatepass")
            hashed.update(len(encoded).to_bytes(8, "big") + encoded)
    return hashed.hexdigest()


def of_connection(connection: Any) -> str:
    """The digest of the triggers in the database `connection` (anything with `execute`) holds."""
    return digest(connection.execute(_TRIGGERS_SQL).fetchall())


def matches(connection: Any) -> bool:
    """Whether the file's triggers are exactly the ones this version's migrations make."""
    return of_connection(connection) == EXPECTED
