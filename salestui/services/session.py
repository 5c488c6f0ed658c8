"""Opening and closing a database for a command or the app, so the CLI and the UI never import db/ themselves."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from salestui.clock import Clock
from salestui.db import check_stamp
from salestui.db.connection import database, default_path, device_id
from salestui.db.database import check_integrity, open_database

if TYPE_CHECKING:
    from concurrent.futures import Future

    from salestui.services.context import Context

__all__ = ["close", "default_path", "device_id", "open_context", "open_database", "opened_path"]


def open_context(
    path: Path | str,
    login: str | None = None,
    clock: Clock | None = None,
    check_in_background: bool = False,
    keys_folder: Path | None = None,
    enroll: bool = False,
) -> Context:
    """Open the database at `path` and sign in `login` (the OS login by default) with their signing key.

    On a database with no reps the login is added as its admin; otherwise an unknown login is refused
    (reps.UnknownRep) unless `enroll` says the user agreed to add it.

    `check_in_background` runs the integrity check beside the caller's start-up (it takes seconds on a
    multi-gigabyte file) instead of before it; every write waits for it to pass.
    """
    # Signing in needs the keys (cryptography); a command that only opens a file does not pay for them.
    from salestui.services import reps
    from salestui.services.context import Context

    login = login or reps.os_login()
    reps.check_login(login)  # before a new file is made
    path = Path(path)
    existed = path.exists()
    open_database(path, deep_check=not check_in_background)
    try:
        context = Context(path=path, clock=clock or Clock(), device=device_id())
        if keys_folder is not None:
            context.keys_folder = keys_folder
        if check_in_background and path.stat().st_size > 0:
            context.integrity = _start_integrity_check(path)
        reps.sign_in(context, login, enroll=enroll)
    except BaseException:
        database.close()
        if not existed:  # a database nobody could sign in to is not left behind, half made
            for leftover in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise
    return context


def _start_integrity_check(path: Path) -> Future[None]:
    from concurrent.futures import Future  # only the TUI checks in the background

    result: Future[None] = Future()

    def run() -> None:
        try:
            check_stamp.check_unless_unchanged(path, check_integrity)
        except BaseException as error:  # handed to whoever waits on the future
            result.set_exception(error)
        else:
            result.set_result(None)

    threading.Thread(target=run, name="salestui-integrity-check", daemon=True).start()
    return result


def close() -> None:
    if not database.is_closed():
        database.close()


def opened_path() -> Path | None:
    """The file the database was last opened from, if any."""
    return database.opened_path


def close_and_stamp(path: Path) -> None:
    """Close, then record the file as it is now as checked: for a command that found the file checked (or
    checked it) when it opened it and has written to it only through SQLite since."""
    close()
    check_stamp.stamp_after_own_writes(path)
