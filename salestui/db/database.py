"""Opening the SQLite database strictly: pragmas, integrity check, migrations."""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

import peewee
from peewee import SqliteDatabase


class ReopenableDatabase(SqliteDatabase):
    """A deferred SQLite database whose per-thread connections follow `init` to a new file.

    Peewee keeps one connection per thread; a long-lived thread (a worker pool) would otherwise keep reading
    a file opened earlier in the same process (tests and scripts open several).
    """

    _generation = 0

    def init(self, database, **kwargs):
        super().init(database, **kwargs)
        self._generation += 1

    def connect(self, reuse_if_open=False):
        opened = super().connect(reuse_if_open)
        self._state.generation = self._generation
        return opened

    def is_closed(self):
        state = self._state
        if not state.closed and getattr(state, "generation", None) != self._generation:
            state.conn.close()
            state.reset()
        return state.closed


# Deferred: `open_database` initialises it; every model binds to it.
database = ReopenableDatabase(None)

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "cache_size": -32_000,
    "temp_store": "memory",
}

SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseError(Exception):
    """The database file cannot be used; the message says why."""


def default_path() -> Path:
    """`$SALESTUI_DB`, or salestui.db in the platform's user-data folder."""
    override = os.environ.get("SALESTUI_DB")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("salestui", appauthor=False)) / "salestui.db"


def check_header(path: Path) -> bool:
    """Refuse a folder or a file that is not SQLite; True if the file exists and has content."""
    if not path.exists():
        return False
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    with path.open("rb") as handle:
        header = handle.read(16)
    if header and header != SQLITE_MAGIC:
        raise DatabaseError(f"{path} is not an SQLite database (bytes 0-15 are {header[:16]!r})")
    return bool(header)


def check_integrity(path: Path) -> None:
    """Run `quick_check` on a read-only connection of its own; DatabaseError names what is damaged."""
    # A read-only probe of a WAL database still creates -wal/-shm files; remove them again if it fails.
    side_files = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = [side.exists() for side in side_files]
    try:
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = probe.execute("PRAGMA quick_check").fetchall()
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        _remove_new_side_files(side_files, existed)
        raise DatabaseError(f"{path} is damaged: {error}") from error
    problems = [row[0] for row in rows if row[0] != "ok"]
    if problems:
        _remove_new_side_files(side_files, existed)
        raise DatabaseError(f"{path} failed its integrity check: " + "; ".join(problems[:5]))


def check_file(path: Path) -> None:
    """Refuse, before writing anything, a file that is not a sound SQLite database."""
    if check_header(path):
        check_integrity(path)


def _remove_new_side_files(side_files: list[Path], existed: list[bool]) -> None:
    """Delete the empty -wal and the -shm that a failed probe created, so a refused file is left as found."""
    for side, was_there in zip(side_files, existed, strict=True):
        if not was_there and side.exists() and (side.name.endswith("-shm") or side.stat().st_size == 0):
            side.unlink(missing_ok=True)


def open_database(path: Path | str, migrate: bool = True, deep_check: bool = True) -> SqliteDatabase:
    """Open (creating if new) the database at `path`, checked and migrated to the current schema.

    With `deep_check=False` the caller runs `check_integrity` itself (the TUI does, in the background, and holds
    writes until it passes); a database that needs migrating is always checked first.
    """
    from salestui.db.migrations import SCHEMA_VERSION, current_version, migrate_forward

    path = Path(path)
    has_data = check_header(path)
    if has_data and deep_check:
        check_integrity(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not database.is_closed():
        database.close()
    database.init(str(path), pragmas=PRAGMAS)
    try:
        database.connect()
        if migrate:
            if has_data and not deep_check and current_version(database) != SCHEMA_VERSION:
                check_integrity(path)
            migrate_forward(database, path)
    except peewee.DatabaseError as error:
        database.close()
        raise DatabaseError(f"{path} cannot be opened: {error}") from error
    except Exception:
        database.close()  # e.g. MigrationError: a database newer than this code is left alone
        raise
    return database


def write_transaction():
    """A transaction that takes the write lock at BEGIN, so read-then-write never hits "database is locked"."""
    return database.atomic("IMMEDIATE")


def database_path() -> Path:
    return Path(database.database)


def device_id() -> str:
    """This replica's id, made once when the database is created."""
    row = database.execute_sql("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    if row:
        return row[0]
    new_id = uuid.uuid4().hex[:12]
    with write_transaction():
        database.execute_sql("INSERT OR IGNORE INTO meta(key, value) VALUES ('device_id', ?)", (new_id,))
    return database.execute_sql("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0]


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
