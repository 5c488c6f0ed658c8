"""Numbered schema versions and the forward migration runner (backup first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from salestui.db import schema_v1


class MigrationError(Exception):
    """The schema could not be brought up to date; the database was left as it was."""


class Executes(Protocol):
    def execute_sql(self, sql: str, params: Any = ...) -> Any: ...


def _v1_initial(db: Executes) -> None:
    for statement in schema_v1.STATEMENTS:
        db.execute_sql(statement)


def _append_only(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} BEGIN "
        f"SELECT RAISE(ABORT, '{table} is append-only: no {op}'); END"
        for op in ("UPDATE", "DELETE")
    ]


V2_STATEMENTS = (
    'CREATE TABLE "rep_key" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, "row_hash" TEXT NOT NULL, '
    '"rep_id" TEXT NOT NULL, "public_key" TEXT NOT NULL, "status" TEXT NOT NULL, "created_at" TEXT NOT NULL, '
    '"revoked_at" TEXT, "reason" TEXT NOT NULL, FOREIGN KEY ("rep_id") REFERENCES "rep" ("id")) STRICT',
    'CREATE INDEX "rep_key_rep_id" ON "rep_key" ("rep_id")',
    'CREATE TABLE "ledger_signature" ("seq" INTEGER NOT NULL, "rep" TEXT NOT NULL, "key_id" TEXT NOT NULL, '
    '"signature" TEXT NOT NULL, PRIMARY KEY ("seq", "rep")) STRICT',
    *_append_only("ledger"),
    *_append_only("ledger_signature"),
    *_append_only("interaction"),
    # Events written before signing existed: verify reports them as unsigned history, not as forgeries.
    "INSERT INTO meta(key, value) SELECT 'unsigned_before', CAST(seq AS TEXT) FROM ledger ORDER BY seq DESC LIMIT 1",
)


def _v2_signatures(db: Executes) -> None:
    """Rep keys, signed commits, and triggers that refuse UPDATE and DELETE on append-only tables."""
    for statement in V2_STATEMENTS:
        db.execute_sql(statement)


# --- contact person search (issue 7; numbered after whatever steps come before it) ---------------------------
CONTACT_SEARCH_STATEMENTS = (
    "CREATE VIRTUAL TABLE contact_fts USING fts5(search_text, tokenize='trigram')",
    "CREATE VIRTUAL TABLE contact_short_fts USING fts5(short_text, tokenize='unicode61 remove_diacritics 2', "
    "prefix='1 2')",
)


def _contact_search(db: Executes) -> None:
    """Two search indexes over contact persons (name, phone, pinyin), kept by the contacts service; filled here."""
    from salestui.db.search_words import index_contacts

    for statement in CONTACT_SEARCH_STATEMENTS:
        db.execute_sql(statement)
    index_contacts(db)


# --- end of contact person search ----------------------------------------------------------------------------

# Each step takes the database from version N-1 to N; append, never edit a released step.
MIGRATIONS: list[Callable[[Executes], None]] = [_v1_initial, _v2_signatures, _contact_search]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(db: Executes) -> int:
    exists = db.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    if not exists.fetchone():
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate_forward(db: Any, path: Path) -> int:
    """Apply the missing steps in one transaction each; back up a non-empty older database first."""
    from salestui.db.database import backup_to, write_transaction

    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise MigrationError(
            f"{path} has schema version {version}, newer than this SalesTUI ({SCHEMA_VERSION}); upgrade SalesTUI"
        )
    if version == SCHEMA_VERSION:
        return version
    if version > 0:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup_to(path.with_name(f"{path.name}.v{version}-{stamp}.bak"))
    for number in range(version + 1, SCHEMA_VERSION + 1):
        try:
            with write_transaction():
                MIGRATIONS[number - 1](db)
                db.execute_sql(
                    "INSERT INTO schema_version(version, applied_at) VALUES (?, ?)",
                    (number, datetime.now(UTC).isoformat()),
                )
        except Exception as error:
            raise MigrationError(f"{path}: migrating to schema version {number} failed: {error}") from error
    return SCHEMA_VERSION
