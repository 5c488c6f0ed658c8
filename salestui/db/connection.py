"""The one SQLite connection every model binds to, its errors, and what runs on it once it is open."""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
import uuid
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import peewee
from peewee import SqliteDatabase

if TYPE_CHECKING:
    from peewee import _ConnectionLocal


class ReopenableDatabase(SqliteDatabase):
    """A deferred SQLite database whose per-thread connections follow `init` to a new file.

    Peewee keeps one connection per thread; a long-lived thread (a worker pool) would otherwise keep reading
    a file opened earlier in the same process (tests and scripts open several).
    """

    _generation = 0
    # The file `open_database` opened (`database` itself is a URI when it was opened read-only).
    opened_path: Path | None = None
    # A read-only open of a file that had no -wal/-shm beside it: that file, so closing removes what SQLite made.
    _tidy_path: Path | None = None
    # Peewee's per-thread connection state (not in its stubs).
    _state: _ConnectionLocal

    def init(self, database: str | None, *args: Any, **kwargs: Any) -> None:
        super().init(database, *args, **kwargs)
        self._generation += 1
        self._tidy_path = None

    def close(self) -> bool:
        was_open = super().close()
        if was_open and self._tidy_path is not None:
            _tidy_side_files(self._tidy_path)
        return was_open

    def connect(self, reuse_if_open: bool = False) -> bool:
        opened = super().connect(reuse_if_open)
        self._state.generation = self._generation
        return opened

    def is_closed(self) -> bool:
        state = self._state
        if not state.closed and getattr(state, "generation", None) != self._generation:
            state.conn.close()
            state.reset()
        return state.closed


# Deferred: `open_database` initialises it; every model binds to it.
database = ReopenableDatabase(None)

SIDE_SUFFIXES = ("-wal", "-shm")


class DatabaseError(Exception):
    """The database file cannot be used; the message says why."""


class DatabaseBusy(DatabaseError):
    """Another connection held the write lock for longer than BUSY_TIMEOUT_SECONDS; trying again may work."""


def is_busy(error: BaseException | None) -> bool:
    """True for SQLite's "database is locked" / "busy": another connection is writing; nothing was written."""
    if isinstance(error, DatabaseBusy):
        return True
    if not isinstance(error, sqlite3.OperationalError | peewee.OperationalError):
        return False
    original = error.args[0] if error.args and isinstance(error.args[0], sqlite3.Error) else error  # peewee wraps
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (and their extended codes)
    text = str(error).lower()
    return "database is locked" in text or "database table is locked" in text


def is_read_only_error(error: BaseException) -> bool:
    """True for SQLite's "attempt to write a readonly database" (the file or its folder cannot be written)."""
    return isinstance(error, sqlite3.Error | peewee.PeeweeException) and "readonly" in str(error).lower()


def default_path() -> Path:
    """`$SALESTUI_DB`, or salestui.db in the platform's user-data folder."""
    override = os.environ.get("SALESTUI_DB")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("salestui", appauthor=False)) / "salestui.db"


def sqlite_uri(path: Path | str, **params: str) -> str:
    """A `file:` URI naming exactly `path`: # ? % spaces and undecodable bytes are percent-escaped."""
    raw = os.fsencode(Path(path).absolute())
    if os.sep == "\\":
        raw = raw.replace(b"\\", b"/")
    quoted = urllib.parse.quote(raw, safe="/:")
    query = urllib.parse.urlencode(params)
    return "file://" + ("" if quoted.startswith("/") else "/") + quoted + (f"?{query}" if query else "")


def side_file_paths(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]


def _tidy_side_files(path: Path) -> None:
    """Remove the -wal/-shm files a read-only connection created beside `path`, the way SQLite itself does.

    Only called when neither was there before the read-only open. Deleting them by hand is unsafe (another
    process may have started using them since). A connection that can write removes them when it closes, but
    only if it is the last one open and only under SQLite's own lock; it runs with query_only and reads nothing
    but the schema, and with an empty WAL there is nothing to checkpoint, so the database file is not touched.
    """
    if not any(side.exists() for side in side_file_paths(path)):
        return
    try:
        tidy = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, timeout=0, isolation_level=None)
        try:
            tidy.execute("PRAGMA query_only = 1")
            tidy.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        finally:
            tidy.close()
    except sqlite3.Error:
        pass  # e.g. the file cannot be written: SQLite keeps its side files, as it would for any reader


def write_transaction() -> AbstractContextManager[object]:
    """A transaction that takes the write lock at BEGIN, so read-then-write never hits "database is locked"."""
    return database.atomic("IMMEDIATE")


def database_path() -> Path:
    return database.opened_path or Path(database.database)


def device_id() -> str:
    """This replica's id, made once when the database is created."""
    row = database.execute_sql("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    if row:
        return str(row[0])
    new_id = uuid.uuid4().hex[:12]
    with write_transaction():
        database.execute_sql("INSERT OR IGNORE INTO meta(key, value) VALUES ('device_id', ?)", (new_id,))
    return str(database.execute_sql("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0])


def quick_check() -> list[str]:
    rows = database.execute_sql("PRAGMA quick_check").fetchall()
    return [row[0] for row in rows if row[0] != "ok"]


def backup_to(target: Path) -> None:
    """Copy the live database with the backup API, then check the copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    source = database.connection()
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)
        result = copy.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()
    if result != "ok":
        raise DatabaseError(f"backup {target} failed its integrity check: {result}")
