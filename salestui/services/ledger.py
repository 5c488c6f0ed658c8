"""The hash-chained ledger: every write appends an event in the same transaction."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from salestui.clock import HLC, wall_ms
from salestui.db.database import database
from salestui.db.models import Entity, LedgerEvent

GENESIS = "0" * 64
HEADER_FIELDS = ("seq", "event_id", "hlc", "device", "rep", "entity", "entity_id", "op")


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 text kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_hash(prev_hash: str, header: dict[str, Any], data_hash: str) -> str:
    """Chain over the data's digest, so data can be redacted later without breaking the chain."""
    return digest(prev_hash + "\n" + canonical(header) + "\n" + data_hash)


def record_hash(model: type[Entity], row: dict[str, Any]) -> str:
    return digest(canonical({column: row[column] for column in model.record_columns()}))


class LedgerWriter:
    """Stamps rows with an HLC and their hash and appends one event per write.

    Use inside a write transaction. With `bulk=True` rows and events are kept and inserted
    together by `flush()`, which the demo generator uses for speed.
    """

    def __init__(self, device: str, rep_id: str, now: datetime, bulk: bool = False) -> None:
        self.device = device
        self.rep_id = rep_id
        self.now_ms = wall_ms(now)
        self.bulk = bulk
        last = database.execute_sql("SELECT seq, hash, hlc FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        if last:
            self.seq, self.prev_hash, self.hlc = last[0], last[1], HLC.parse(last[2])
        else:
            self.seq, self.prev_hash, self.hlc = 0, GENESIS, HLC(0, 0, device)
        self.events: list[tuple] = []
        # Replaceable so a seeded generator (the demo) can make reproducible event ids.
        self.new_event_id: Callable[[], str] = _random_event_id
        self.rows: dict[type[Entity], list[dict[str, Any]]] = {}

    def put(self, model: type[Entity], row: dict[str, Any], op: str, rep_id: str | None = None) -> dict[str, Any]:
        """Write `row` (column -> stored value) as `op` ('create' or 'update') and log it."""
        self.hlc = self.hlc.next(self.now_ms, self.device)
        row = dict(row, hlc=str(self.hlc))
        record = {column: row[column] for column in model.record_columns()}
        data = canonical(record)
        row["row_hash"] = data_hash = digest(data)
        self._append(model.ENTITY, row["id"], op, data, data_hash, rep_id or self.rep_id)
        if self.bulk:
            self.rows.setdefault(model, []).append(row)
        elif op == "create":
            model.insert(row).execute()
        else:
            fields = {model._meta.columns[column]: value for column, value in row.items() if column != "id"}
            model.update(fields).where(model.id == row["id"]).execute()
        return row

    def _append(self, entity: str, entity_id: str, op: str, data: str, data_hash: str, rep: str) -> None:
        self.seq += 1
        header = {
            "seq": self.seq,
            "event_id": self.new_event_id(),
            "hlc": str(self.hlc),
            "device": self.device,
            "rep": rep,
            "entity": entity,
            "entity_id": entity_id,
            "op": op,
        }
        chained = event_hash(self.prev_hash, header, data_hash)
        event = (*[header[name] for name in HEADER_FIELDS], data, data_hash, self.prev_hash, chained)
        self.prev_hash = chained
        if self.bulk:
            self.events.append(event)
        else:
            _insert_events([event])

    def flush(self) -> None:
        for model, rows in self.rows.items():
            _insert_rows(model, rows)
        self.rows.clear()
        _insert_events(self.events)
        self.events.clear()


def _random_event_id() -> str:
    return uuid.uuid4().hex


def _insert_rows(model: type[Entity], rows: list[dict[str, Any]]) -> None:
    """Insert stored rows (keyed by column name, every column given) with one executemany."""
    columns = [field.column_name for field in model._meta.sorted_fields]
    names = ", ".join(f'"{column}"' for column in columns)
    database.connection().executemany(
        f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({", ".join("?" * len(columns))})',
        [tuple(row[column] for column in columns) for row in rows],
    )


def _insert_events(events: list[tuple]) -> None:
    if not events:
        return
    columns = ", ".join((*HEADER_FIELDS, "data", "data_hash", "prev_hash", "hash"))
    database.connection().executemany(
        f"INSERT INTO ledger ({columns}) VALUES ({', '.join('?' * 12)})", events
    )


def head() -> tuple[int, str]:
    """The last event's sequence number and hash (what to send outside as an anchor)."""
    last = LedgerEvent.select(LedgerEvent.seq, LedgerEvent.hash).order_by(LedgerEvent.seq.desc()).first()
    return (last.seq, last.hash) if last else (0, GENESIS)
