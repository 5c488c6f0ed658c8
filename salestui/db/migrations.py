"""Numbered schema versions and the forward migration runner (backup first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from peewee import SqliteDatabase

from salestui.db import search
from salestui.db.models import ALL_MODELS


class MigrationError(Exception):
    """The schema could not be brought up to date; the database was left as it was."""


def _v1_initial(db: SqliteDatabase) -> None:
    db.create_tables(ALL_MODELS)
    search.create_index(db)


# Each step takes the database from version N-1 to N; append, never edit a released step.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_v1_initial]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(db: SqliteDatabase) -> int:
    if not db.table_exists("schema_version"):
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate_forward(db: SqliteDatabase, path: Path) -> int:
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
