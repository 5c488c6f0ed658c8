"""What services refuse with, and the database's errors, so the CLI and the UI catch them without importing db/."""

from __future__ import annotations

from typing import Any

from salestui.db.connection import DatabaseBusy, DatabaseError, is_busy, is_read_only_error
from salestui.db.migrations import MigrationError
from salestui.i18n import _

__all__ = [
    "Conflict",
    "DatabaseBusy",
    "DatabaseError",
    "MigrationError",
    "NotFound",
    "SigningError",
    "ValidationError",
    "is_busy",
    "is_read_only_error",
]


class ValidationError(Exception):
    """Input was refused; `errors` maps each bad field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


class NotFound(Exception):
    """No record with that id."""


class SigningError(Exception):
    """A write cannot be signed by every rep it is written as; nothing was written."""


class Conflict(Exception):
    """The record changed (another rep saved it) after the version a form was opened on; nothing was written.

    `opened` and `current` are the two versions (the row's HLC stamp), `theirs` the record as it is now, so the
    form can show both versions field by field.
    """

    def __init__(self, record_id: str, opened: str, current: str, theirs: Any) -> None:
        super().__init__(_("someone else changed this record after you opened it; nothing was saved"))
        self.record_id = record_id
        self.opened = opened
        self.current = current
        self.theirs = theirs
