"""Reading every row of a table in key order even where someone planted bytes that are not UTF-8."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from salestui.db.connection import database


def _lenient(raw: bytes) -> str:
    """Text as stored; bytes that are not UTF-8 become lone surrogates, which no hash accepts."""
    return raw.decode("utf-8", errors="surrogateescape")


def rows(select: str, key: str, start: Any, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """`select` (no ORDER; a WHERE of its own takes `params`) over its rows in `key` order; `key` must be the
    first selected column.

    SQLite's fast decoding stops at a row holding invalid UTF-8; that one row is read again with a lenient
    decoder and the scan goes on after it, so a planted byte is named rather than crashing the check.
    """
    connection = database.connection()
    last = start
    joiner = " AND " if " WHERE " in select else " WHERE "
    while True:
        cursor = connection.execute(f"{select}{joiner}{key} > ? ORDER BY {key}", (*params, last))
        try:
            for values in cursor:
                last = values[0]
                yield values
            return
        except sqlite3.OperationalError as error:
            if "decode" not in str(error).lower():
                raise
        previous = connection.text_factory
        connection.text_factory = _lenient
        try:
            values = connection.execute(f"{select}{joiner}{key} > ? ORDER BY {key} LIMIT 1", (*params, last)).fetchone()
        finally:
            connection.text_factory = previous
        if values is None:
            return
        last = values[0]
        yield values
