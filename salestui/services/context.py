"""Who is writing, on which replica, at what time: passed to every service call."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from salestui.clock import Clock
from salestui.db.database import check_integrity, database, device_id, open_database, write_transaction
from salestui.services.ledger import LedgerWriter


class ValidationError(Exception):
    """Input was refused; `errors` maps each bad field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


class NotFound(Exception):
    """No record with that id."""


@dataclass
class Context:
    """The current rep, this replica's device id and the clock, for one open database."""

    path: Path
    clock: Clock = field(default_factory=Clock)
    device: str = ""
    rep_id: str = ""
    rep_login: str = ""

    # The integrity check when it runs in the background (the TUI); writes wait for it to pass.
    integrity: Future[None] | None = None

    def wait_for_integrity(self) -> None:
        """Block until the background integrity check is done; DatabaseError if it failed."""
        if self.integrity is not None:
            self.integrity.result()

    @contextmanager
    def write(self, bulk: bool = False) -> Iterator[LedgerWriter]:
        """An IMMEDIATE transaction with a ledger writer; everything in it lands or nothing does."""
        self.wait_for_integrity()
        with write_transaction():
            writer = LedgerWriter(self.device, self.rep_id, self.clock.now(), bulk=bulk)
            yield writer
            if bulk:
                writer.flush()


def open_context(
    path: Path | str, login: str | None = None, clock: Clock | None = None, check_in_background: bool = False
) -> Context:
    """Open the database at `path` and sign in `login` (the OS login by default), creating the rep if new.

    `check_in_background` runs the integrity check beside the caller's start-up (it takes seconds on a
    multi-gigabyte file) instead of before it; every write waits for it to pass.
    """
    from salestui.services import reps

    open_database(path, deep_check=not check_in_background)
    context = Context(path=Path(path), clock=clock or Clock(), device=device_id())
    if check_in_background and Path(path).stat().st_size > 0:
        context.integrity = _start_integrity_check(Path(path))
    rep = reps.sign_in(context, login or reps.os_login())
    context.rep_id, context.rep_login = rep.id, rep.login
    return context


def _start_integrity_check(path: Path) -> Future[None]:
    result: Future[None] = Future()

    def run() -> None:
        try:
            check_integrity(path)
        except BaseException as error:  # handed to whoever waits on the future
            result.set_exception(error)
        else:
            result.set_result(None)

    threading.Thread(target=run, name="salestui-integrity-check", daemon=True).start()
    return result


def close() -> None:
    if not database.is_closed():
        database.close()
