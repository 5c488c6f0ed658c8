"""What every ledgered record's update shares: read the stored row, apply the changes, stamp the time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salestui.db.models import Entity
from salestui.services.errors import NotFound


def changed_row(model: type[Entity], record_id: str, changes: dict[str, Any], now: datetime) -> dict[str, Any] | None:
    """The stored row of `record_id` with `changes` (stored values) applied and `updated_at` set to `now`; None if the
    changes change nothing. NotFound if there is no such record. Call inside the write that puts the row."""
    current = model.get_or_none(model.id == record_id)
    if current is None:
        raise NotFound(record_id)
    row = current.stored_row()
    if all(row.get(column) == value for column, value in changes.items()):
        return None
    row.update(changes)
    row["updated_at"] = model.stored({"updated_at": now})["updated_at"]
    return row
