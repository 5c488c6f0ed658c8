"""The ranks of a customer search and the SQL that finds the first two through `customer_search_key`.

A customer matches a query EXACTLY when one of its keys equals it (the name, the company, their pinyin full or
initials with digits kept, the phone's digits with or without the country code), by PREFIX when a key starts with
it, and else CONTAINS it (the FTS5 indexes of db/search.py, or through a contact person). The keys are whole
forms in a B-tree (kind, key), so both tests are index lookups or ranges, however common the query. A query of
digits only is looked up among the phone keys, and only from 3 digits on (one or two digits would start half the
numbers of the book); any other query among the names and their pinyin.
"""

from __future__ import annotations

import re

EXACT, PREFIX, CONTAINS = 0, 1, 2
TEXT_KEY, PHONE_KEY = 0, 1  # customer_search_key.kind
MIN_PHONE_KEY = 3
# The rowids of the customers merged into another, which search never finds: few, so gathered once per query from
# customer_merge (one row each) rather than by reading every matching customer's merge pointer.
MERGED_ROWIDS = "SELECT mc.rowid FROM customer_merge cm JOIN customer mc ON mc.id = cm.merged_id"
# Above every character a key holds, so [query, query + END) is every key that starts with the query.
END = "\U0010ffff"
_KEYS = "customer_rowid FROM customer_search_key WHERE"
_LIVE = f"AND customer_rowid NOT IN ({MERGED_ROWIDS})"
_DIGITS = re.compile(r"[0-9]+")


def key_kind(query: str) -> int | None:
    """Which keys a normalized query is compared with; None when none."""
    if _DIGITS.fullmatch(query):
        return PHONE_KEY if len(query) >= MIN_PHONE_KEY else None
    return TEXT_KEY


def exact_sql(query: str) -> tuple[str, tuple[object, ...]]:
    """A SELECT of the rowids of the customers with a key equal to a normalized, non-empty query."""
    kind = key_kind(query)
    if kind is None:
        return f"SELECT {_KEYS} 0", ()
    return f"SELECT {_KEYS} kind = ? AND key = ? {_LIVE}", (kind, query)


def prefix_sql(query: str) -> tuple[str, tuple[object, ...]]:
    """A SELECT of the rowids of the customers with a key that starts with (or equals) a normalized, non-empty
    query, each once."""
    kind = key_kind(query)
    if kind is None:
        return f"SELECT {_KEYS} 0", ()
    return f"SELECT DISTINCT {_KEYS} kind = ? AND key >= ? AND key < ? {_LIVE}", (kind, query, query + END)


def started_by(rowid: str, query: str, whole: bool = False) -> tuple[str, tuple[object, ...]]:
    """A condition: the customer whose rowid is the SQL `rowid` has a key that starts with (`whole`: equals) a
    normalized, non-empty query. It looks among that customer's few keys, so a walk along another index tests
    each customer it meets without collecting every customer a common query starts."""
    kind = key_kind(query)
    if kind is None:
        return "0", ()
    keys = f"SELECT 1 FROM customer_search_key k WHERE k.customer_rowid = {rowid} AND k.kind = ?"
    if whole:
        return f"EXISTS ({keys} AND k.key = ?)", (kind, query)
    return f"EXISTS ({keys} AND k.key >= ? AND k.key < ?)", (kind, query, query + END)
