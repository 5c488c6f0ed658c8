"""When SQLite or the code itself fails mid-command: one clear line on stderr, exit 2, nothing half-written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from salestui.db import database as database_module
from salestui.services import session as session_module
from salestui.services import timeline
from salestui.services.session import close
from tests.conftest import run

LOG = ["log", "张伟", "--kind", "call", "--summary", "Asked for a quote"]
BUSY = "salestui: the database is busy (another SalesTUI is writing); try again"


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_SECONDS", 0.2)


def count(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def test_log_while_another_process_holds_the_write_lock(capsys, book: Path, short_busy_timeout: None) -> None:
    before = count(book, "interaction"), count(book, "ledger")
    holder = sqlite3.connect(book, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, out, err = run(capsys, *LOG, "--db", str(book), "--user", "alice")
    finally:
        holder.rollback()
        holder.close()
    assert code == 2 and out == ""
    assert err.strip() == BUSY and "Traceback" not in err
    assert (count(book, "interaction"), count(book, "ledger")) == before
    assert run(capsys, *LOG, "--db", str(book))[0] == 0  # once the lock is gone it works


def test_a_busy_migration_says_busy(capsys, tmp_path: Path, short_busy_timeout: None) -> None:
    path = tmp_path / "fresh.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = wal")
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _out, err = run(capsys, "demo", "--db", str(path), "--customers", "5")
    finally:
        holder.rollback()
        holder.close()
    assert code == 2 and err.strip() == BUSY


def test_the_busy_timeout_follows_the_module_constant(book: Path, short_busy_timeout: None) -> None:
    database_module.open_database(book)
    try:
        assert database_module.database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 200
    finally:
        close()


def test_another_sqlite_error_is_one_line_naming_the_file(capsys, book: Path) -> None:
    with sqlite3.connect(book) as connection:
        connection.execute("ALTER TABLE meta RENAME TO meta_gone")
    connection.close()
    before = count(book, "ledger")
    code, _out, err = run(capsys, *LOG, "--db", str(book), "--user", "alice")
    assert code == 2 and err.strip() == f"salestui: {book}: no such table: meta"
    assert count(book, "ledger") == before


def test_an_unexpected_error_is_one_line_not_a_traceback(capsys, book: Path, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("something nobody foresaw")

    def broken_close() -> None:
        raise RuntimeError("and closing failed too")

    monkeypatch.setattr(timeline, "append", broken)
    monkeypatch.setattr(session_module, "close", broken_close)
    code, out, err = run(capsys, *LOG, "--db", str(book))
    assert code == 2 and out == ""
    assert err.strip() == (
        "salestui: unexpected error: RuntimeError: something nobody foresaw; nothing was half-written"
    )
    assert "Traceback" not in err


def test_an_unexpected_error_while_reading_exits_2_not_1(capsys, book: Path, monkeypatch) -> None:
    from salestui.services import verify

    monkeypatch.setattr(verify, "verify", lambda *args, **kwargs: 1 / 0)
    code, _out, err = run(capsys, "verify", "--db", str(book))
    assert code == 2 and "unexpected error: ZeroDivisionError" in err and "Traceback" not in err
