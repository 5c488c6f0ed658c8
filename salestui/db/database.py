"""Opening the SQLite database strictly: pragmas, integrity check, migrations."""

from __future__ import annotations

import os
import sqlite3
import stat
import urllib.parse
import uuid
from pathlib import Path
from typing import NoReturn

import peewee
from peewee import SqliteDatabase

from salestui.db import check_stamp


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

    def init(self, database, **kwargs):
        super().init(database, **kwargs)
        self._generation += 1
        self._tidy_path = None

    def close(self):
        was_open = super().close()
        if was_open and self._tidy_path is not None:
            _tidy_side_files(self._tidy_path)
        return was_open

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


def _pragmas(pragmas: dict) -> dict:
    """The pragmas with the busy timeout as BUSY_TIMEOUT_SECONDS says now."""
    return {**pragmas, "busy_timeout": int(BUSY_TIMEOUT_SECONDS * 1000)}


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
    side_files = _side_files(path)
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
    quiet = not any(side.exists() for side in _side_files(path))  # nobody has it open, nothing to recover
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


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]


def _tidy_side_files(path: Path) -> None:
    """Remove the -wal/-shm files a read-only connection created beside `path`, the way SQLite itself does.

    Only called when neither was there before the read-only open. Deleting them by hand is unsafe (another
    process may have started using them since). A connection that can write removes them when it closes, but
    only if it is the last one open and only under SQLite's own lock; it runs with query_only and reads nothing
    but the schema, and with an empty WAL there is nothing to checkpoint, so the database file is not touched.
    """
    if not any(side.exists() for side in _side_files(path)):
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


def write_transaction():
    """A transaction that takes the write lock at BEGIN, so read-then-write never hits "database is locked"."""
    return database.atomic("IMMEDIATE")


def database_path() -> Path:
    return database.opened_path or Path(database.database)


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
