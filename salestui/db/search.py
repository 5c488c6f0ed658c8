"""SQLite-specific customer search: an FTS5 trigram index, LIKE for short queries."""

from __future__ import annotations

from peewee import SqliteDatabase

MIN_TRIGRAM = 3


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


def match_clause(query: str) -> tuple[str, tuple[str, ...]]:
    """A WHERE fragment (over table alias `c`) and its parameters for a normalized query."""
    if len(query) >= MIN_TRIGRAM:
        phrase = '"' + query.replace('"', '""') + '"'
        return "c.rowid IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?)", (phrase,)
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "c.search_text LIKE ? ESCAPE '\\'", (f"%{escaped}%",)


def rebuild_index(db: SqliteDatabase) -> None:
    db.execute_sql("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")
