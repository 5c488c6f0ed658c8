"""SQLite-specific customer search: an FTS5 trigram index for 3+ characters, a narrow index scan for 1-2.

Each query gets a plan: a WHERE fragment over the customer table (alias `c`) chosen by how many rows match,
because the fastest way to the first page in name order differs. Few matches: find them all through the
search index and sort them. Many matches: walk the name-order index and stop after a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from peewee import SqliteDatabase

MIN_TRIGRAM = 3
# Up to this many matches are fetched by rowid and sorted; past it the name-order index is walked.
FEW = 1000


@dataclass(frozen=True)
class Plan:
    where: str
    params: tuple
    # The number of matches when the probe saw them all (fewer than FEW), else None.
    known_count: int | None


def create_index(db: SqliteDatabase) -> None:
    """An external-content FTS5 table over customer.search_text, kept in step by triggers."""
    db.execute_sql(
        "CREATE VIRTUAL TABLE customer_fts USING fts5("
        "search_text, content='customer', content_rowid='rowid', tokenize='trigram')"
    )
    db.execute_sql(
        "CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN "
        "INSERT INTO customer_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
    )
    db.execute_sql(
        "CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN "
        "INSERT INTO customer_fts(customer_fts, rowid, search_text) "
        "VALUES ('delete', old.rowid, old.search_text); END"
    )
    db.execute_sql(
        "CREATE TRIGGER customer_fts_update AFTER UPDATE OF search_text ON customer BEGIN "
        "INSERT INTO customer_fts(customer_fts, rowid, search_text) "
        "VALUES ('delete', old.rowid, old.search_text); "
        "INSERT INTO customer_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
    )


def _phrase(query: str) -> str:
    return '"' + query.replace('"', '""') + '"'


def _like(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def match_clause(query: str) -> tuple[str, tuple[str, ...]]:
    """The plain filter for a normalized query, good for counting."""
    if len(query) >= MIN_TRIGRAM:
        return "c.rowid IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?)", (_phrase(query),)
    # INDEXED BY: scanning the narrow short_text index reads a fraction of the table's bytes.
    return "c.rowid IN (SELECT rowid FROM customer INDEXED BY customer_short_text " \
           "WHERE short_text LIKE ? ESCAPE '\\')", (_like(query),)


def probe(query: str) -> tuple[str, tuple]:
    """SQL for the rowids of up to FEW matches of a normalized, non-empty query."""
    if len(query) >= MIN_TRIGRAM:
        return "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?", (_phrase(query), FEW)
    return ("SELECT rowid FROM customer INDEXED BY customer_short_text "
            "WHERE short_text LIKE ? ESCAPE '\\' LIMIT ?"), (_like(query), FEW)


def plan_from_probe(query: str, rowids: list[int]) -> Plan:
    """The plan, given what the probe found."""
    if len(rowids) < FEW:
        return Plan("c.rowid IN (SELECT value FROM json_each(?))", (json.dumps(rowids),), len(rowids))
    if len(query) >= MIN_TRIGRAM:
        # Unary + keeps SQLite from driving the query by the FTS match; it walks the name index instead.
        return Plan("+c.rowid IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?)", (_phrase(query),), None)
    return Plan("c.short_text LIKE ? ESCAPE '\\'", (_like(query),), None)


def plan(db: SqliteDatabase, query: str) -> Plan:
    """How to fetch name-ordered pages of the customers matching a normalized, non-empty query."""
    sql, params = probe(query)
    return plan_from_probe(query, [row[0] for row in db.execute_sql(sql, params)])


def rebuild_index(db: SqliteDatabase) -> None:
    db.execute_sql("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")
