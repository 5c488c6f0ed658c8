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


# The tables whose enumerations SQLite checked (CHECK ... IN (...)) until version 3: (table, its schema text as
# version 1 made it, the same without the CHECKs). Their codes are validated from the field specs since.
V3_TABLES = (
    (
        "rep",
        schema_v1.STATEMENTS[0],
        'CREATE TABLE "rep" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, "row_hash" TEXT NOT NULL, '
        '"login" TEXT NOT NULL, "name" TEXT NOT NULL, "role" TEXT NOT NULL, "created_at" TEXT NOT NULL, '
        '"updated_at" TEXT NOT NULL) STRICT',
    ),
    (
        "customer",
        schema_v1.STATEMENTS[2],
        'CREATE TABLE "customer" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, "row_hash" TEXT NOT NULL, '
        '"kind" TEXT NOT NULL, "name" TEXT NOT NULL, "company" TEXT NOT NULL, "phone" TEXT NOT NULL, '
        '"email" TEXT NOT NULL, "im_handle" TEXT NOT NULL, "address" TEXT NOT NULL, "region" TEXT NOT NULL, '
        '"industry" TEXT NOT NULL, "source" TEXT NOT NULL, "owner_id" TEXT, "tier" TEXT NOT NULL, '
        '"status" TEXT NOT NULL, "needs" TEXT NOT NULL, "preferences" TEXT NOT NULL, '
        '"credit_limit" INTEGER NOT NULL, "currency" TEXT NOT NULL, "payment_terms" TEXT NOT NULL, '
        '"tags" TEXT NOT NULL, "cadence_days" INTEGER, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, '
        '"last_contact_at" TEXT, "sort_key" TEXT NOT NULL, "search_text" TEXT NOT NULL, '
        '"short_text" TEXT NOT NULL, FOREIGN KEY ("owner_id") REFERENCES "rep" ("id")) STRICT',
    ),
    (
        "follow_up",
        schema_v1.STATEMENTS[8],
        'CREATE TABLE "follow_up" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, "row_hash" TEXT NOT NULL, '
        '"customer_id" TEXT NOT NULL, "rep_id" TEXT NOT NULL, "title" TEXT NOT NULL, "due_at" TEXT NOT NULL, '
        '"snoozed_until" TEXT, "queue_at" TEXT NOT NULL, "priority" TEXT NOT NULL, "rrule" TEXT NOT NULL, '
        '"status" TEXT NOT NULL, "done_at" TEXT, "outcome" TEXT NOT NULL, "created_at" TEXT NOT NULL, '
        '"updated_at" TEXT NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"), '
        'FOREIGN KEY ("rep_id") REFERENCES "rep" ("id")) STRICT',
    ),
    (
        "interaction",
        schema_v1.STATEMENTS[13],
        'CREATE TABLE "interaction" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, '
        '"row_hash" TEXT NOT NULL, "customer_id" TEXT NOT NULL, "rep_id" TEXT NOT NULL, "kind" TEXT NOT NULL, '
        '"direction" TEXT NOT NULL, "occurred_at" TEXT NOT NULL, "summary" TEXT NOT NULL, "body" TEXT NOT NULL, '
        '"outcome" TEXT NOT NULL, "next_step" TEXT NOT NULL, "amends_id" TEXT, "created_at" TEXT NOT NULL, '
        'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"), FOREIGN KEY ("rep_id") REFERENCES "rep" ("id")) '
        "STRICT",
    ),
)


def _v3_codes_from_specs(db: Executes) -> None:
    """Drop the CHECK constraints on enumerations, so a new code is a change to its field spec alone.

    Removing a CHECK changes nothing SQLite stores in the table's pages, so this takes SQLite's documented way for
    such a change (the ALTER TABLE page, "Making Other Kinds Of Table Schema Changes"): the table's schema text
    is replaced under writable_schema and the schema cookie is bumped, in the step's one transaction. Every row,
    rowid, index, FTS index and trigger stays exactly as it was, and it takes no time on a file of gigabytes.
    """
    (cookie,) = db.execute_sql("PRAGMA schema_version").fetchone()
    db.execute_sql("PRAGMA writable_schema = ON")
    try:
        for table, before, after in V3_TABLES:
            changed = db.execute_sql(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ? AND sql = ?", (after, table, before)
            ).rowcount
            if changed != 1:
                raise MigrationError(
                    f"table {table} is not as SalesTUI made it (its schema was changed outside the app)"
                )
        db.execute_sql(f"PRAGMA schema_version = {int(cookie) + 1}")
    finally:
        db.execute_sql("PRAGMA writable_schema = OFF")


# --- v4: contact person search ---------------------------
CONTACT_SEARCH_STATEMENTS = (
    "CREATE VIRTUAL TABLE contact_fts USING fts5(search_text, tokenize='trigram')",
    "CREATE VIRTUAL TABLE contact_short_fts USING fts5(short_text, tokenize='unicode61 remove_diacritics 2', "
    "prefix='1 2')",
)


def _v4_contact_search(db: Executes) -> None:
    """Two search indexes over contact persons (name, phone, pinyin), kept by the contacts service; filled here."""
    from salestui.db.search_words import index_contacts

    for statement in CONTACT_SEARCH_STATEMENTS:
        db.execute_sql(statement)
    index_contacts(db)


# --- end of contact person search -----------------------------------------------

# Each step takes the database from version N-1 to N; append, never edit a released step.
MIGRATIONS: list[Callable[[Executes], None]] = [_v1_initial, _v2_signatures, _v3_codes_from_specs, _v4_contact_search]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(db: Executes) -> int:
    exists = db.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    if not exists.fetchone():
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate_forward(db: Any, path: Path) -> int:
    """Apply the missing steps in one transaction each; back up a non-empty older database first."""
    from salestui.db.connection import backup_to, write_transaction

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
