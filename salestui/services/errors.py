"""What services refuse with, and the database's errors, so the CLI and the UI catch them without importing db/."""

from __future__ import annotations

from salestui.db.connection import DatabaseBusy, DatabaseError, is_busy, is_read_only_error
from salestui.db.migrations import MigrationError

__all__ = [
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
