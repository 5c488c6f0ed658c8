"""Who is writing, on which replica, at what time: passed to every service call."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from salestui.clock import Clock
from salestui.db import check_stamp
from salestui.db.database import (
    DatabaseError,
    check_integrity,
    database,
    device_id,
    open_database,
    write_transaction,
)
from salestui.i18n import _
from salestui.services import keys
from salestui.services.ledger import LedgerWriter, insert_signatures


class ValidationError(Exception):
    """Input was refused; `errors` maps each bad field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


class NotFound(Exception):
    """No record with that id."""


class SigningError(Exception):
    """A write cannot be signed by every rep it is written as; nothing was written."""


@dataclass
class Context:
    """The current rep, this replica's device id and the clock, for one open database."""

    path: Path
    clock: Clock = field(default_factory=Clock)
    device: str = ""
    rep_id: str = ""
    rep_login: str = ""
    # Where this user's private keys live, and the ones loaded for signing, by rep id.
    keys_folder: Path = field(default_factory=keys.keys_folder)
    keyring: dict[str, keys.SigningKey] = field(default_factory=dict)

    # The integrity check when it runs in the background (the TUI); writes wait for it to pass.
    integrity: Future[None] | None = None

    def wait_for_integrity(self) -> None:
        """Block until the background integrity check is done; DatabaseError if it failed."""
        if self.integrity is not None:
            self.integrity.result()

    @contextmanager
    def write(self, bulk: bool = False, cosigners: tuple[str, ...] = ()) -> Iterator[LedgerWriter]:
        """An IMMEDIATE transaction with a ledger writer, ended by a signed commit; all of it lands or nothing does.

        Every rep an event is written as signs the new head with their key from the keyring; `cosigners`
        (rep ids) sign as well, e.g. the admin who grants a new rep a role.
        """
        self.wait_for_integrity()
        with write_transaction():
            _refuse_foreign_triggers()
            writer = LedgerWriter(self.device, self.rep_id, self.clock.now(), bulk=bulk)
            yield writer
            if bulk:
                writer.flush()
            self._sign(writer, cosigners)
        if writer.seq >= writer.first_seq:
            from salestui.services import anchors

            anchors.append_daily(self.path, self.clock.now())

    def _sign(self, writer: LedgerWriter, cosigners: tuple[str, ...]) -> None:
        if writer.seq < writer.first_seq:
            return
        signatures = []
        for rep_id in sorted(writer.authors | set(cosigners)):
            key = self.keyring.get(rep_id)
            if key is None:
                row = database.execute_sql("SELECT login FROM rep WHERE id = ?", (rep_id,)).fetchone()
                raise SigningError(
                    _("you cannot write as {login}: their signing key is not yours").format(
                        login=row[0] if row else rep_id
                    )
                )
            message = keys.commit_message(writer.seq, writer.prev_hash, rep_id, key.key_id)
            signatures.append((writer.seq, rep_id, key.key_id, key.sign(message)))
        insert_signatures(signatures)


def _refuse_foreign_triggers() -> None:
    """Refuse to write while the triggers differ from SalesTUI's own: one could drop or alter what is written."""
    from salestui.db import schema  # only a command that writes needs the expected schema

    changed = schema.trigger_differences(database.connection())
    if changed:
        raise DatabaseError(
            _("nothing was written: {problem}. Run `salestui verify`.").format(problem=schema.describe(changed[0]))
        )


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
    from salestui.services import reps

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


def close_and_stamp(path: Path) -> None:
    """Close, then record the file as it is now as checked: for a command that found the file checked (or
    checked it) when it opened it and has written to it only through SQLite since."""
    close()
    check_stamp.stamp_after_own_writes(path)
