"""Read-only commands never create or change a file; odd files are refused at once; URIs name the right file."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import peewee
import pytest

from salestui import cli
from salestui.db import migrations
from salestui.db.connection import DatabaseError, database, sqlite_uri
from salestui.db.database import open_database
from salestui.services.session import close, open_context
from tests.conftest import run, seed

READ_ONLY_COMMANDS = [["customers"], ["customers", "--json"], ["verify"], ["verify", "--json"]]


def make_book(path: Path, clock) -> Path:
    seed(open_context(path, "alice", clock))
    close()
    return path


@pytest.fixture
def book(tmp_path: Path, clock) -> Path:
    path = make_book(tmp_path / "book.db", clock)
    assert sorted(item.name for item in tmp_path.iterdir()) == ["book.db", "book.db.anchors"]
    return path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in the folder with its bytes and modification time."""
    return {item.name: (item.read_bytes(), item.stat().st_mtime_ns) for item in sorted(folder.iterdir())}


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS)
def test_read_only_commands_leave_the_folder_exactly_as_found(capsys, book: Path, command: list[str]) -> None:
    before = snapshot(book.parent)
    code, out, _err = run(capsys, *command, "--db", str(book))
    assert code == 0 and out
    assert snapshot(book.parent) == before  # same files (no -wal, -shm or .bak), same bytes, same mtimes


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS)
def test_an_empty_file_is_refused_and_stays_empty(capsys, tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    before = snapshot(tmp_path)
    code, out, err = run(capsys, *command, "--db", str(path))
    assert code == 2 and out == ""
    assert "is empty, not a SalesTUI database" in err and "OK" not in err
    assert snapshot(tmp_path) == before


def test_an_sqlite_file_of_another_program_is_refused_and_left_alone(capsys, tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes(text)")
    connection.execute("INSERT INTO notes VALUES ('not ours')")
    connection.commit()
    connection.close()
    before = snapshot(tmp_path)
    for command in READ_ONLY_COMMANDS:
        code, _out, err = run(capsys, *command, "--db", str(path))
        assert code == 2 and "is not a SalesTUI database" in err
    assert snapshot(tmp_path) == before


def test_an_older_schema_is_left_for_the_app_to_upgrade(capsys, book: Path, monkeypatch) -> None:
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", migrations.SCHEMA_VERSION + 1)
    before = snapshot(book.parent)
    for command in READ_ONLY_COMMANDS:
        code, _out, err = run(capsys, *command, "--db", str(book))
        assert code == 2 and "older SalesTUI" in err and "open it once with the app" in err
    assert snapshot(book.parent) == before  # not migrated, not backed up


def test_a_read_only_open_refuses_writes(book: Path) -> None:
    open_database(book, read_only=True)
    try:
        assert database.execute_sql("SELECT COUNT(*) FROM customer").fetchone()[0] == 6
        with pytest.raises(peewee.OperationalError, match="readonly"):
            database.execute_sql("INSERT INTO meta(key, value) VALUES ('x', 'y')")
    finally:
        close()


def test_reading_beside_a_live_writer_leaves_its_files_alone(capsys, book: Path) -> None:
    writer = sqlite3.connect(book)
    writer.execute("UPDATE meta SET value = value WHERE key = 'device_id'")
    writer.commit()
    assert (book.parent / "book.db-wal").exists() and (book.parent / "book.db-shm").exists()
    try:
        code, out, _err = run(capsys, "customers", "--db", str(book))
        assert code == 0 and "张伟" in out
        assert (book.parent / "book.db-wal").exists() and (book.parent / "book.db-shm").exists()
        writer.execute("INSERT INTO meta(key, value) VALUES ('still', 'writing')")
        writer.commit()
    finally:
        writer.close()
    assert sorted(item.name for item in book.parent.iterdir()) == ["book.db", "book.db.anchors"]


def run_with_deadline(*argv: str, seconds: float = 10.0) -> int | None:
    """cli.main in a thread; None if it is still running after `seconds` (it hung)."""
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(cli.main(list(argv))), daemon=True)
    thread.start()
    thread.join(seconds)
    return result[0] if result else None


@pytest.mark.parametrize(
    "command",
    [["customers"], ["verify"], ["log", "张伟", "--kind", "call", "--summary", "x"], ["demo", "--customers", "5"]],
)
def test_a_fifo_is_refused_at_once(capsys, tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    assert run_with_deadline(*command, "--db", str(fifo)) == 2
    assert "is not a regular file" in capsys.readouterr().err


def test_a_device_is_refused(capsys) -> None:
    code, _out, err = run(capsys, "customers", "--db", os.devnull)
    assert code == 2 and "is not a regular file" in err
    with pytest.raises(DatabaseError, match="not a regular file"):
        open_database(os.devnull)


@pytest.mark.parametrize("name", ["a#b?c%d.db", "with space.db", "50%25 off.db", "q?mode=rw.db"])
def test_the_integrity_check_reads_the_file_the_path_names(capsys, tmp_path: Path, clock, name: str) -> None:
    path = make_book(tmp_path / name, clock)
    assert sorted(item.name for item in tmp_path.iterdir()) == [name, name + ".anchors"]
    code, out, _err = run(capsys, "verify", "--db", str(path))
    assert code == 0 and "OK" in out
    # Nothing is made at a cut-off name.
    assert sorted(item.name for item in tmp_path.iterdir()) == [name, name + ".anchors"]
    data = bytearray(path.read_bytes())
    data[2 * 4096 : 3 * 4096] = b"\xab" * 4096
    path.write_bytes(bytes(data))
    for command in (["verify"], ["customers"], ["log", "张伟", "--kind", "call", "--summary", "x"]):
        code, _out, err = run(capsys, *command, "--db", str(path))
        assert code == 2 and ("damaged" in err or "integrity" in err), err
    assert path.read_bytes() == bytes(data)
    assert sorted(item.name for item in tmp_path.iterdir()) == [name, name + ".anchors"]


def test_sqlite_uri_escapes_what_a_uri_would_misread(tmp_path: Path) -> None:
    uri = sqlite_uri(tmp_path / "a#b?c%d e.db", mode="ro")
    assert uri.startswith("file:///") and uri.endswith("/a%23b%3Fc%25d%20e.db?mode=ro")
    raw = sqlite_uri(Path(os.fsdecode(b"/tmp/caf\xe9.db")))
    assert raw == "file:///tmp/caf%E9.db"
