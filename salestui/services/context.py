"""Who is writing, on which replica, at what time: passed to every service call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from salestui.clock import Clock
from salestui.db.database import database, device_id, open_database, write_transaction
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

    @contextmanager
    def write(self, bulk: bool = False) -> Iterator[LedgerWriter]:
        """An IMMEDIATE transaction with a ledger writer; everything in it lands or nothing does."""
        with write_transaction():
            writer = LedgerWriter(self.device, self.rep_id, self.clock.now(), bulk=bulk)
            yield writer
            if bulk:
                writer.flush()


def open_context(path: Path | str, login: str | None = None, clock: Clock | None = None) -> Context:
    """Open the database at `path` and sign in `login` (the OS login by default), creating the rep if new."""
    from salestui.services import reps

    open_database(path)
    context = Context(path=Path(path), clock=clock or Clock(), device=device_id())
    rep = reps.sign_in(context, login or reps.os_login())
    context.rep_id, context.rep_login = rep.id, rep.login
    return context


def close() -> None:
    if not database.is_closed():
        database.close()
