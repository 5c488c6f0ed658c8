"""Opening the SQLite database strictly: pragmas, integrity check, migrations."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import NoReturn

import peewee
from peewee import SqliteDatabase

from salestui.db import check_stamp
from salestui.db.connection import (
    DatabaseBusy,
    DatabaseError,
    database,
    is_busy,
    is_read_only_error,
    quick_check,
    side_file_paths,
    sqlite_uri,
)

# How long a write waits for another connection's write lock before SQLite gives up with "database is locked".
# Read when a database is opened, so tests can set a fraction of a second.
BUSY_TIMEOUT_SECONDS = 10.0

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    # 8 MB of pages per connection (the app holds one per worker thread): 32 MB made the app's peak memory 95 MB
    # at 100k customers; searches and the timeline are as fast (the file's pages stay in the OS's cache).
    "cache_size": -8_000,
    "temp_store": "memory",
}

# A read-only open sets no journal mode (that would be a write) and refuses any statement that writes.
READ_ONLY_PRAGMAS = {key: value for key, value in PRAGMAS.items() if key != "journal_mode"} | {"query_only": 1}

SQLITE_MAGIC = b"SQLite format 3\x00"


def _pragmas(pragmas: dict[str, object]) -> dict[str, object]:
    """The pragmas with the busy timeout as BUSY_TIMEOUT_SECONDS says now."""
    return {**pragmas, "busy_timeout": int(BUSY_TIMEOUT_SECONDS * 1000)}


def check_header(path: Path) -> bool:
    """Refuse a folder, a pipe or device, or a file that is not SQLite; True if the file exists and has content."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise DatabaseError(f"{path} cannot be read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DatabaseError(f"{path} is a folder, not a database file")
    if not stat.S_ISREG(info.st_mode):  # reading a FIFO's header would wait for a writer forever
        raise DatabaseError(f"{path} is not a regular file (a pipe, socket or device), not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise DatabaseError(f"{path} cannot be read: {error.strerror or error}") from None
    if header and header != SQLITE_MAGIC:
        raise DatabaseError(f"{path} is not an SQLite database (bytes 0-15 are {header[:16]!r})")
    return bool(header)


def check_integrity(path: Path) -> None:
    """Run `quick_check` on a read-only connection of its own; DatabaseError names what is damaged."""
    # A read-only probe of a WAL database still creates -wal/-shm files; remove them again if it fails.
    side_files = side_file_paths(path)
    existed = [side.exists() for side in side_files]
    try:
        probe = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            rows = probe.execute("PRAGMA quick_check").fetchall()
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        _remove_new_side_files(side_files, existed)
        if is_busy(error):
            raise DatabaseBusy(f"{path} is busy: {error}") from error
        cannot_open = getattr(error, "sqlite_errorname", "") == "SQLITE_CANTOPEN"
        if is_read_only_error(error) or (cannot_open and not _can_write_beside(path)):
            raise DatabaseError(f"{path} is read-only: {error}") from error
        raise DatabaseError(f"{path} is damaged: {error}") from error
    problems = [row[0] for row in rows if row[0] != "ok"]
    if problems:
        _remove_new_side_files(side_files, existed)
        raise DatabaseError(f"{path} failed its integrity check: " + "; ".join(problems[:5]))


def _can_write_beside(path: Path) -> bool:
    """Whether SQLite can make its -wal and -shm files beside `path` (in the nearest folder that exists)."""
    folder = path.absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK | os.X_OK)


def check_writable(path: Path) -> None:
    """Refuse, before anything is opened, a database SalesTUI could read but not write to."""
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(
            f"{path} is read-only: SalesTUI writes every change to it; check the file's "
            "permissions (customers and verify can still read it)"
        )
    if not _can_write_beside(path):
        raise DatabaseError(
            f"{path} is read-only: its folder cannot be written, and SQLite keeps -wal and -shm "
            "files beside the database (customers and verify can still read it)"
        )


def check_file(path: Path) -> None:
    """Refuse, before writing anything, a file that is not a sound SQLite database."""
    if check_header(path):
        check_integrity(path)


def _remove_new_side_files(side_files: list[Path], existed: list[bool]) -> None:
    """Delete the empty -wal and the -shm that a failed probe created, so a refused file is left as found."""
    for side, was_there in zip(side_files, existed, strict=True):
        if not was_there and side.exists() and (side.name.endswith("-shm") or side.stat().st_size == 0):
            side.unlink(missing_ok=True)


def open_database(
    path: Path | str, migrate: bool = True, deep_check: bool = True, read_only: bool = False
) -> SqliteDatabase:
    """Open (creating if new) the database at `path`, checked and migrated to the current schema.

    With `deep_check=False` the caller runs `check_integrity` itself (the TUI does, in the background, and holds
    writes until it passes); a database that needs migrating is always checked first.

    With `read_only=True` (the commands that only read) the file must already be a SalesTUI database at the
    current schema version; it is opened through a `mode=ro` connection that refuses every write, nothing is
    migrated, and the file is left exactly as it was found (see `_open_read_only`).
    """
    from salestui.db.migrations import SCHEMA_VERSION, current_version, migrate_forward

    path = Path(path)
    if read_only:
        return _open_read_only(path, deep_check)
    has_data = check_header(path)
    check_writable(path)
    if has_data and deep_check:
        check_stamp.check_unless_unchanged(path, check_integrity)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(f"{path} cannot be created: {error.strerror or error}") from None
    if not database.is_closed():
        database.close()
    database.init(str(path), pragmas=_pragmas(PRAGMAS), timeout=BUSY_TIMEOUT_SECONDS)
    database.opened_path = path
    try:
        database.connect()
        if migrate:
            if has_data and not deep_check and current_version(database) != SCHEMA_VERSION:
                check_integrity(path)
            migrate_forward(database, path)
    except BaseException as error:
        _refuse(path, error, "cannot be opened")  # e.g. MigrationError: a database newer than this code
    return database


def _refuse(path: Path, error: BaseException, failed: str) -> NoReturn:
    """Close the half-opened database and raise: busy, `failed` for SQLite's own errors, else the error itself."""
    database.close()
    if isinstance(error, peewee.DatabaseError):
        if is_busy(error):
            raise DatabaseBusy(f"{path} is busy: {error}") from error
        raise DatabaseError(f"{path} {failed}: {error}") from error
    raise error


def _open_read_only(path: Path, deep_check: bool) -> SqliteDatabase:
    """Open an existing SalesTUI database without writing to it or leaving anything beside it.

    SQLite's read-only connection to a WAL database creates -wal and -shm files it cannot remove; if neither
    was there before, closing the database removes them again (see `_tidy_side_files`).
    """
    from salestui.db.migrations import SCHEMA_VERSION, current_version

    if not check_header(path):
        if path.exists():
            raise DatabaseError(f"{path} is empty, not a SalesTUI database")
        raise DatabaseError(f"no database at {path}")
    quiet = not any(side.exists() for side in side_file_paths(path))  # nobody has it open, nothing to recover
    params = {"mode": "ro"}
    tidy = quiet
    if quiet and not (os.access(path, os.W_OK) and _can_write_beside(path)):
        # SQLite could not remove the -wal/-shm a reader makes (nor, in a read-only folder, make them at all).
        # Read it as an unchanging file instead: a writer would need those files, and we could not write it.
        params["immutable"] = "1"
        tidy = False
    if not database.is_closed():
        database.close()
    database.init(
        sqlite_uri(path, **params), uri=True, pragmas=_pragmas(READ_ONLY_PRAGMAS), timeout=BUSY_TIMEOUT_SECONDS
    )
    database.opened_path = path
    database._tidy_path = path if tidy else None
    try:
        database.connect()
        if deep_check:
            check_stamp.check_unless_unchanged(path, _refuse_damage)
        version = current_version(database)
        if version == 0:
            raise DatabaseError(f"{path} is not a SalesTUI database (it has no SalesTUI schema)")
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{path} has schema version {version}, newer than this SalesTUI ({SCHEMA_VERSION}); upgrade SalesTUI"
            )
        if version < SCHEMA_VERSION:
            raise DatabaseError(
                f"{path} was made by an older SalesTUI (schema version {version}); open it once "
                "with the app (salestui --db PATH), which backs it up and upgrades it"
            )
    except BaseException as error:
        _refuse(path, error, "is damaged")
    return database


def _refuse_damage(path: Path) -> None:
    """`quick_check` on the open connection; DatabaseError names what is damaged."""
    problems = quick_check()
    if problems:
        raise DatabaseError(f"{path} failed its integrity check: " + "; ".join(problems[:5]))
