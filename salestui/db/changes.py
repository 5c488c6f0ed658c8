"""What other connections committed: SQLite's data_version, the ledger events after a sequence number, and the
customers those events' records belong to."""

from __future__ import annotations

from collections.abc import Iterable

from salestui.db.connection import database

# The customer a record belongs to, by entity: SQL that gives (record id, customer id) for ids put in `{}`.
_CUSTOMER_OF = {
    entity: f"SELECT id, customer_id FROM {entity} WHERE id IN ({{}})"
    for entity in ("contact_person", "interaction", "follow_up", "deal", "deal_event", "promise")
} | {
    "deal_line": "SELECT x.id, d.customer_id FROM deal_line x JOIN deal d ON d.id = x.deal_id WHERE x.id IN ({})",
    "memo": "SELECT x.id, d.customer_id FROM memo x JOIN deal d ON d.id = x.deal_id WHERE x.id IN ({})",
    "promise_outcome": (
        "SELECT x.id, p.customer_id FROM promise_outcome x JOIN promise p ON p.id = x.promise_id WHERE x.id IN ({})"
    ),
    "customer_merge": (
        "SELECT id, survivor_id FROM customer_merge WHERE id IN ({0}) "
        "UNION ALL SELECT id, merged_id FROM customer_merge WHERE id IN ({0})"
    ),
}
CHUNK = 400  # ids per IN (...): well under SQLite's limit on parameters


def data_version() -> int:
    """A number that changes whenever another connection (another process, or another thread here) commits.

    Read on this thread's own connection, and compared only with what that same connection gave before: each
    connection counts for itself. It costs no query of any table (SQLite reads it from its shared memory).
    """
    return int(database.execute_sql("PRAGMA data_version").fetchone()[0])


def head_seq() -> int:
    """The newest ledger event's sequence number (0 for an empty ledger)."""
    row = database.execute_sql("SELECT MAX(seq) FROM ledger").fetchone()
    return int(row[0] or 0)


def events_after(seq: int, most: int) -> list[tuple[int, str, str]]:
    """(seq, entity, entity id) of up to `most` events after `seq`, oldest first (a range of the primary key)."""
    rows = database.execute_sql(
        "SELECT seq, entity, entity_id FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?", (seq, most)
    ).fetchall()
    return [(int(number), str(entity), str(entity_id)) for number, entity, entity_id in rows]


def owns_customers(entity: str) -> bool:
    """Whether records of `entity` belong to a customer that `customers_of` can name."""
    return entity == "customer" or entity in _CUSTOMER_OF


def customers_of(entity: str, record_ids: Iterable[str]) -> set[str]:
    """The ids of the customers that the `entity` records `record_ids` belong to (a customer is its own)."""
    ids = list(dict.fromkeys(record_ids))
    if entity == "customer":
        return set(ids)
    sql = _CUSTOMER_OF[entity]
    found: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        params = chunk * sql.count("{0}") if "{0}" in sql else chunk
        rows = database.execute_sql(sql.format(marks), tuple(params)).fetchall()
        found.update(str(customer_id) for _record_id, customer_id in rows if customer_id is not None)
    return found
