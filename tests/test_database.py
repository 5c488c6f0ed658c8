"""Opening the database strictly: pragmas, STRICT tables, refusing bad files, migrations with a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
import pytest

from salestui.db import migrations
from salestui.db.connection import DatabaseError, backup_to, database, default_path, device_id, write_transaction
from salestui.db.database import open_database
from salestui.db.migrations import MigrationError, current_version
from salestui.services import verify
from salestui.services.session import close, open_context
from tests.conftest import seed


def pragma(name: str):
    return database.execute_sql(f"PRAGMA {name}").fetchone()[0]


def test_pragmas_are_in_effect(context):
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") > 0


def test_tables_are_strict(context):
    tables = database.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'customer_%fts%' "
        "AND name NOT LIKE 'contact_%fts%' "
        "AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    assert {name for name, _sql in tables} >= {"rep", "customer", "interaction", "follow_up", "ledger", "meta"}
    assert all(sql.rstrip().endswith("STRICT") for _name, sql in tables)


def test_strict_table_rejects_a_wrong_type(seeded):
    customer_id = seeded.customer_ids["张伟"]
    with pytest.raises(peewee.IntegrityError, match="cannot store TEXT value in INTEGER column"):
        database.execute_sql("UPDATE customer SET credit_limit = 'a lot' WHERE id = ?", (customer_id,))
    # Codes are checked by the field specs since schema version 3 (tests/test_record_specs.py), not by SQLite.


def test_foreign_keys_are_enforced(seeded):
    with pytest.raises(peewee.IntegrityError, match="FOREIGN KEY"):
        database.execute_sql("UPDATE follow_up SET customer_id = 'nobody'")


def test_append_only_tables_refuse_update_and_delete(seeded):
    for table in ("ledger", "ledger_signature", "interaction"):
        with pytest.raises(peewee.IntegrityError, match=f"{table} is append-only: no UPDATE"):
            database.execute_sql(f"UPDATE {table} SET rowid = rowid")
        with pytest.raises(peewee.IntegrityError, match=f"{table} is append-only: no DELETE"):
            database.execute_sql(f"DELETE FROM {table}")


def test_write_transaction_takes_the_lock_at_begin(context):
    other = sqlite3.connect(context.path, timeout=0)
    try:
        with write_transaction():
            database.execute_sql("SELECT COUNT(*) FROM customer").fetchone()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
    finally:
        other.close()


def test_text_file_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("Dear diary, today I sold 500 units.\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not an SQLite database"):
        open_database(path)
    with pytest.raises(DatabaseError):
        open_context(path, "alice")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


@pytest.fixture
def saved(tmp_path: Path, clock) -> Path:
    """A closed database file with the seeded book in it."""
    path = tmp_path / "book.db"
    seed(open_context(path, "alice", clock))
    close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.db", "book.db.anchors"]
    return path


def test_truncated_file_is_refused(saved: Path):
    data = saved.read_bytes()
    saved.write_bytes(data[: len(data) // 2])
    before = saved.read_bytes()
    with pytest.raises(DatabaseError, match="damaged|integrity"):
        open_database(saved)
    assert saved.read_bytes() == before
    assert sorted(p.name for p in saved.parent.iterdir()) == ["book.db", "book.db.anchors"]


def test_damaged_page_is_refused(saved: Path):
    data = bytearray(saved.read_bytes())
    data[2 * 4096 : 3 * 4096] = b"\xab" * 4096
    saved.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="damaged|integrity"):
        open_database(saved)
    assert saved.read_bytes() == bytes(data)
    assert sorted(p.name for p in saved.parent.iterdir()) == ["book.db", "book.db.anchors"]


def test_damaged_header_is_refused(saved: Path):
    data = bytearray(saved.read_bytes())
    data[16:100] = b"\xff" * 84
    saved.write_bytes(bytes(data))
    with pytest.raises(DatabaseError):
        open_database(saved)
    assert saved.read_bytes() == bytes(data)


def test_folder_is_refused(tmp_path: Path):
    with pytest.raises(DatabaseError, match="folder"):
        open_database(tmp_path)


def test_new_database_in_a_new_folder(tmp_path: Path):
    path = tmp_path / "deep" / "er" / "salestui.db"
    open_database(path)
    try:
        assert path.exists()
        assert current_version(database) == migrations.SCHEMA_VERSION
    finally:
        close()


def test_schema_version_is_recorded(context):
    rows = database.execute_sql("SELECT version, applied_at FROM schema_version ORDER BY version").fetchall()
    assert [version for version, _at in rows] == list(range(1, migrations.SCHEMA_VERSION + 1))
    assert all(applied for _version, applied in rows)
    assert current_version(database) == migrations.SCHEMA_VERSION


def table_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("rep", "customer", "interaction", "follow_up", "ledger")
        }
    finally:
        connection.close()


def test_migration_backs_up_first_and_loses_no_row(saved: Path, monkeypatch, clock):
    before = table_counts(saved)

    def add_region_code(db):
        db.execute_sql("ALTER TABLE customer ADD COLUMN region_code TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, add_region_code])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    old_version = migrations.SCHEMA_VERSION - 1
    context = open_context(saved, "alice", clock)
    try:
        assert current_version(database) == migrations.SCHEMA_VERSION
        columns = [row[1] for row in database.execute_sql("PRAGMA table_info(customer)")]
        assert "region_code" in columns
        assert verify.verify().ok
    finally:
        close()
    assert table_counts(saved) == before
    backups = sorted(saved.parent.glob(f"book.db.v{old_version}-*.bak"))
    assert len(backups) == 1
    assert table_counts(backups[0]) == before
    connection = sqlite3.connect(backups[0])
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == old_version
    finally:
        connection.close()
    assert context.rep_login == "alice"


def test_failed_migration_step_leaves_the_database_as_it_was(saved: Path, monkeypatch):
    before = table_counts(saved)

    def half_done(db):
        db.execute_sql("ALTER TABLE customer ADD COLUMN half TEXT")
        db.execute_sql("DELETE FROM follow_up")
        raise RuntimeError("step crashed")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, half_done])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    with pytest.raises(MigrationError, match="step crashed"):
        open_database(saved)
    close()
    assert table_counts(saved) == before
    connection = sqlite3.connect(saved)
    try:
        assert "half" not in [row[1] for row in connection.execute("PRAGMA table_info(customer)")]
        assert (
            connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
            == len(migrations.MIGRATIONS) - 1
        )
    finally:
        connection.close()


def test_newer_database_is_refused(saved: Path):
    connection = sqlite3.connect(saved)
    connection.execute("INSERT INTO schema_version(version, applied_at) VALUES (99, 'the future')")
    connection.commit()
    connection.close()
    with pytest.raises(MigrationError, match="newer than this SalesTUI"):
        open_database(saved)
    close()
    assert table_counts(saved)["customer"] == 6


def test_device_id_is_stable_across_opens(saved: Path, clock):
    first = open_context(saved, "alice", clock).device
    close()
    second = open_context(saved, "alice", clock).device
    try:
        assert first == second
        assert device_id() == first
        assert len(first) == 12
    finally:
        close()


def test_backup_copy_is_checked(context, tmp_path: Path):
    target = tmp_path / "copies" / "backup.db"
    backup_to(target)
    assert table_counts(target)["rep"] == 1


def test_default_path_follows_the_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("SALESTUI_DB", str(tmp_path / "from-env.db"))
    assert default_path() == tmp_path / "from-env.db"
    monkeypatch.delenv("SALESTUI_DB")
    assert default_path().name == "salestui.db"
