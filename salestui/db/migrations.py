"""Numbered schema versions and the forward migration runner (backup first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from salestui.db import schema_v1
from salestui.db.queries import LAST_REAL_CONTACT


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

# --- v5: deals, memos, promises, merges ----------------------------------------------
V5_TABLES = (
    'CREATE TABLE "deal" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, "row_hash" TEXT NOT NULL, '
    '"customer_id" TEXT NOT NULL, "rep_id" TEXT NOT NULL, "title" TEXT NOT NULL, "currency" TEXT NOT NULL, '
    '"stage" TEXT NOT NULL, "lost_reason" TEXT NOT NULL, "agreed_at" TEXT, "agreed_via" TEXT NOT NULL, '
    '"agreed_contact_id" TEXT, "interaction_id" TEXT, "delivery_date" TEXT NOT NULL, '
    '"delivery_place" TEXT NOT NULL, "payment_due_date" TEXT NOT NULL, "payment_terms" TEXT NOT NULL, '
    '"warranty" TEXT NOT NULL, "other_terms" TEXT NOT NULL, "objection_days" INTEGER, '
    '"memo_language" TEXT NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"), FOREIGN KEY ("rep_id") REFERENCES "rep" ("id")) '
    "STRICT",
    'CREATE INDEX "deal_customer_id_created_at_id" ON "deal" ("customer_id", "created_at", "id")',
    'CREATE INDEX "deal_stage_updated_at" ON "deal" ("stage", "updated_at")',
    'CREATE TABLE "deal_line" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, "row_hash" TEXT NOT NULL, '
    '"deal_id" TEXT NOT NULL, "position" INTEGER NOT NULL, "item" TEXT NOT NULL, "quantity_milli" INTEGER NOT NULL, '
    '"unit" TEXT NOT NULL, "unit_price" INTEGER NOT NULL, "status" TEXT NOT NULL, "created_at" TEXT NOT NULL, '
    '"updated_at" TEXT NOT NULL, FOREIGN KEY ("deal_id") REFERENCES "deal" ("id")) STRICT',
    'CREATE INDEX "deal_line_deal_id_position" ON "deal_line" ("deal_id", "position")',
    'CREATE TABLE "memo" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, "row_hash" TEXT NOT NULL, '
    '"deal_id" TEXT NOT NULL, "version" INTEGER NOT NULL, "language" TEXT NOT NULL, "text" TEXT NOT NULL, '
    '"markdown" TEXT NOT NULL, "text_sha256" TEXT NOT NULL, "markdown_sha256" TEXT NOT NULL, '
    '"anchor_seq" INTEGER NOT NULL, "anchor_hash" TEXT NOT NULL, "objection_days" INTEGER NOT NULL, '
    '"rep_id" TEXT NOT NULL, "created_at" TEXT NOT NULL, FOREIGN KEY ("deal_id") REFERENCES "deal" ("id"), '
    'FOREIGN KEY ("rep_id") REFERENCES "rep" ("id")) STRICT',
    'CREATE UNIQUE INDEX "memo_deal_id_version" ON "memo" ("deal_id", "version")',
    'CREATE TABLE "deal_event" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, "row_hash" TEXT NOT NULL, '
    '"deal_id" TEXT NOT NULL, "customer_id" TEXT NOT NULL, "rep_id" TEXT NOT NULL, "kind" TEXT NOT NULL, '
    '"from_stage" TEXT NOT NULL, "to_stage" TEXT NOT NULL, "memo_id" TEXT, "occurred_at" TEXT NOT NULL, '
    '"channel" TEXT NOT NULL, "counterpart" TEXT NOT NULL, "text" TEXT NOT NULL, "created_at" TEXT NOT NULL, '
    'FOREIGN KEY ("deal_id") REFERENCES "deal" ("id"), FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"), '
    'FOREIGN KEY ("rep_id") REFERENCES "rep" ("id")) STRICT',
    'CREATE INDEX "deal_event_deal_id_occurred_at_id" ON "deal_event" ("deal_id", "occurred_at", "id")',
    'CREATE INDEX "deal_event_customer_id_occurred_at_id" ON "deal_event" ("customer_id", "occurred_at", "id")',
    'CREATE TABLE "promise" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, "row_hash" TEXT NOT NULL, '
    '"customer_id" TEXT NOT NULL, "rep_id" TEXT NOT NULL, "side" TEXT NOT NULL, "kind" TEXT NOT NULL, '
    '"what" TEXT NOT NULL, "due_at" TEXT NOT NULL, "deal_id" TEXT, "interaction_id" TEXT, "amends_id" TEXT, '
    '"created_at" TEXT NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"), '
    'FOREIGN KEY ("rep_id") REFERENCES "rep" ("id")) STRICT',
    'CREATE INDEX "promise_customer_id_due_at_id" ON "promise" ("customer_id", "due_at", "id")',
    'CREATE TABLE "promise_outcome" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, '
    '"row_hash" TEXT NOT NULL, "promise_id" TEXT NOT NULL, "status" TEXT NOT NULL, "note" TEXT NOT NULL, '
    '"rep_id" TEXT NOT NULL, "occurred_at" TEXT NOT NULL, "created_at" TEXT NOT NULL, '
    'FOREIGN KEY ("promise_id") REFERENCES "promise" ("id"), FOREIGN KEY ("rep_id") REFERENCES "rep" ("id")) STRICT',
    'CREATE INDEX "promise_outcome_promise_id_created_at" ON "promise_outcome" ("promise_id", "created_at")',
    'CREATE TABLE "customer_merge" ("id" TEXT NOT NULL PRIMARY KEY, "hlc" TEXT NOT NULL, '
    '"row_hash" TEXT NOT NULL, "survivor_id" TEXT NOT NULL, "merged_id" TEXT NOT NULL, "choices" TEXT NOT NULL, '
    '"moved" TEXT NOT NULL, "rep_id" TEXT NOT NULL, "created_at" TEXT NOT NULL, '
    'FOREIGN KEY ("rep_id") REFERENCES "rep" ("id")) STRICT',
    'CREATE UNIQUE INDEX "customer_merge_merged_id" ON "customer_merge" ("merged_id")',
    'CREATE INDEX "customer_merge_survivor_id" ON "customer_merge" ("survivor_id")',
)
V5_COLUMNS = (
    "ALTER TABLE customer ADD COLUMN \"language\" TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE customer ADD COLUMN \"time_zone\" TEXT NOT NULL DEFAULT ''",
    'ALTER TABLE customer ADD COLUMN "merged_into_id" TEXT',
    'ALTER TABLE contact_person ADD COLUMN "is_primary" INTEGER NOT NULL DEFAULT 0',
    "ALTER TABLE interaction ADD COLUMN \"fields\" TEXT NOT NULL DEFAULT ''",
)
INTERACTION_COLUMNS = (
    "id", "rep_id", "kind", "direction", "occurred_at", "summary", "body", "outcome", "next_step", "amends_id",
    "created_at", "fields",
)  # fmt: skip
PROMISE_COLUMNS = (
    "id", "rep_id", "side", "kind", "what", "due_at", "deal_id", "interaction_id", "amends_id", "created_at",
)  # fmt: skip
DEAL_EVENT_COLUMNS = (
    "id", "deal_id", "rep_id", "kind", "from_stage", "to_stage", "memo_id", "occurred_at", "channel", "counterpart",
    "text", "created_at",
)  # fmt: skip


def _moves_only_on_merge(table: str, kept: tuple[str, ...]) -> str:
    """An append-only table's UPDATE trigger that lets one change through: a record moving, unchanged, from a
    merged-away customer to the customer it was merged into (services/merge.py), which the ledger records."""
    same = " AND ".join(f'NEW."{column}" IS OLD."{column}"' for column in kept)
    return (
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} WHEN NOT ("
        f"NEW.customer_id IS NOT OLD.customer_id AND "
        f"NEW.customer_id IS (SELECT merged_into_id FROM customer WHERE id = OLD.customer_id) AND {same}) "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: no UPDATE'); END"
    )


def _v5_deals(db: Executes) -> None:
    """Deals and their lines, memo versions, deal events, promises and their outcomes, customer merges; a
    customer's memo language, time zone and merge pointer, a primary contact person, an interaction's template
    fields. Evidence tables are append-only; interactions, promises and deal events move only to a merge survivor."""
    for statement in (*V5_TABLES, *V5_COLUMNS):
        db.execute_sql(statement)
    for table in ("memo", "promise_outcome", "customer_merge"):
        for statement in _append_only(table):
            db.execute_sql(statement)
    db.execute_sql("DROP TRIGGER interaction_no_update")
    db.execute_sql(_moves_only_on_merge("interaction", INTERACTION_COLUMNS))
    for table, kept in (("promise", PROMISE_COLUMNS), ("deal_event", DEAL_EVENT_COLUMNS)):
        db.execute_sql(_moves_only_on_merge(table, kept))
        db.execute_sql(_append_only(table)[1])


# --- end of deals ----------------------------------------------------------------------


def _v6_follow_up_kinds(db: Executes) -> None:
    """A follow-up's kind (call, e-mail, visit…; '' for none given); last_contact_at counts real contacts only
    (not notes); the versions in force of interactions and promises found by index."""
    db.execute_sql("ALTER TABLE follow_up ADD COLUMN \"kind\" TEXT NOT NULL DEFAULT ''")
    for table in ("interaction", "promise"):
        db.execute_sql(
            f'CREATE INDEX "{table}_amends" ON "{table}" ("customer_id", "amends_id") WHERE amends_id IS NOT NULL'
        )
    db.execute_sql('CREATE INDEX "follow_up_status_queue_at" ON "follow_up" ("status", "queue_at")')
    db.execute_sql(f"UPDATE customer AS c SET last_contact_at = {LAST_REAL_CONTACT}")


# --- v7: search ranking ----------------------------------------------------------------
SEARCH_RANK_STATEMENTS = (
    'CREATE TABLE "customer_search_key" ("kind" INTEGER NOT NULL, "key" TEXT NOT NULL, '
    '"customer_rowid" INTEGER NOT NULL, PRIMARY KEY ("kind", "key", "customer_rowid")) WITHOUT ROWID, STRICT',
    'CREATE INDEX "customer_search_key_customer_rowid" ON "customer_search_key" ("customer_rowid")',
    # Within a rank the most recent contact comes first (NULL, never contacted, last), then the name; only the
    # customers search lists (not merged away), so a walk along it reads no customer row to skip one.
    'CREATE INDEX "customer_live_last_contact_at" ON "customer" ("last_contact_at" DESC, "sort_key", "id") '
    "WHERE merged_into_id IS NULL",
)


def _v7_search_rank(db: Executes) -> None:
    """The ranking keys of every customer (exact and prefix matches, db/search_words.py) and the recency order
    each rank is listed in; the contact indexes again, now with pinyin that keeps digits (kehu05)."""
    from salestui.db.search_words import index_contacts, index_customer_keys

    for statement in SEARCH_RANK_STATEMENTS:
        db.execute_sql(statement)
    index_customer_keys(db)
    index_contacts(db)


# --- end of search ranking ----------------------------------------------------------

# Each step takes the database from version N-1 to N; append, never edit a released step.
MIGRATIONS: list[Callable[[Executes], None]] = [
    _v1_initial,
    _v2_signatures,
    _v3_codes_from_specs,
    _v4_contact_search,
    _v5_deals,
    _v6_follow_up_kinds,
    _v7_search_rank,
]
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
