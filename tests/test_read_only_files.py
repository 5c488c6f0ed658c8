"""A database file or folder that cannot be written: 'is read-only', exit 2, never 'damaged' or a traceback.

Tests run as root here, where chmod does not stop writes. `as_permissions_say` makes os.access answer from the
mode bits, as it would for anyone else, so the same tests run (not skipped) as root; one more test uses the real
permissions and runs only when not root. SQLite's own read-only error is made real with `query_only`.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from salestui.db import database as database_module
from salestui.db.connection import DatabaseError
from salestui.db.database import open_database
from salestui.services.session import close, open_context
from tests.conftest import run, seed

LOG = ["log", "张伟", "--kind", "call", "--summary", "Asked for a quote"]


@pytest.fixture
def book(tmp_path: Path, clock) -> Iterator[Path]:
    folder = tmp_path / "books"
    folder.mkdir()
    path = folder / "book.db"
    seed(open_context(path, "alice", clock))
    close()
    yield path
    folder.chmod(0o755)
    path.chmod(0o644)


@pytest.fixture
def as_permissions_say(monkeypatch: pytest.MonkeyPatch) -> None:
    """os.access answers W_OK from the owner's mode bits, as for a user who is not root."""
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and not os.stat(path).st_mode & stat.S_IWUSR:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def ledger_length(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT COUNT(*) FROM ledger").fetchone()[0]
    finally:
        connection.close()


def files(folder: Path) -> dict[str, bytes]:
    return {item.name: item.read_bytes() for item in sorted(folder.iterdir())}


def test_log_to_a_read_only_file_says_so(capsys, book: Path, as_permissions_say: None) -> None:
    before = files(book.parent)
    book.chmod(0o444)
    code, _out, err = run(capsys, *LOG, "--db", str(book))
    assert code == 2 and f"{book} is read-only:" in err
    assert "damaged" not in err and "Traceback" not in err
    assert files(book.parent) == before
    code, out, _err = run(capsys, "customers", "--db", str(book))  # reading still works
    assert code == 0 and "张伟" in out
    assert files(book.parent) == before  # and leaves no -wal/-shm behind


def test_log_in_a_read_only_folder_says_so(capsys, book: Path, as_permissions_say: None) -> None:
    before = files(book.parent)
    book.parent.chmod(0o555)
    code, _out, err = run(capsys, *LOG, "--db", str(book))
    assert code == 2 and f"{book} is read-only: its folder cannot be written" in err
    assert "damaged" not in err and "Traceback" not in err
    for command in (["customers"], ["verify"]):
        code, out, _err = run(capsys, *command, "--db", str(book))
        assert code == 0 and out
    assert files(book.parent) == before


def test_the_app_refuses_a_read_only_file(book: Path, as_permissions_say: None) -> None:
    book.chmod(0o444)
    with pytest.raises(DatabaseError, match="is read-only"):
        open_context(book, "alice")


def test_a_file_that_turns_read_only_while_open_says_so(capsys, book: Path, monkeypatch) -> None:
    """SQLite itself refuses the write ('attempt to write a readonly database'), after everything was checked."""
    monkeypatch.setattr(database_module, "PRAGMAS", {**database_module.PRAGMAS, "query_only": 1})
    before = ledger_length(book)
    code, _out, err = run(capsys, *LOG, "--db", str(book), "--user", "alice")
    assert code == 2 and f"salestui: {book} is read-only: attempt to write a readonly database" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert ledger_length(book) == before


def test_the_integrity_check_in_a_read_only_folder_is_not_called_damage(book: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(database_module.sqlite3, "connect", refuse)
    with pytest.raises(DatabaseError, match="is read-only: attempt to write a readonly database"):
        database_module.check_integrity(book)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files and folders anyway")
def test_real_read_only_permissions(capsys, book: Path) -> None:
    before = files(book.parent)
    book.chmod(0o444)
    code, _out, err = run(capsys, *LOG, "--db", str(book))
    assert code == 2 and "is read-only" in err
    assert run(capsys, "customers", "--db", str(book))[0] == 0
    book.chmod(0o644)
    book.parent.chmod(0o555)
    code, _out, err = run(capsys, *LOG, "--db", str(book))
    assert code == 2 and "is read-only" in err
    assert run(capsys, "verify", "--db", str(book))[0] == 0
    with pytest.raises(DatabaseError, match="is read-only"):
        open_database(book)
    assert files(book.parent) == before
