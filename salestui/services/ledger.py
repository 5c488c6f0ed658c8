"""The hash-chained ledger: every write appends an event in the same transaction."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from salestui.clock import HLC, wall_ms
from salestui.db.connection import database
from salestui.db.models import Entity, LedgerEvent
from salestui.services.specs import refuse_unknown_codes

GENESIS = "0" * 64
HEADER_FIELDS = ("seq", "event_id", "hlc", "device", "rep", "entity", "entity_id", "op")


class NotCanonical(ValueError):
    """A value the ledger cannot hash the same way everywhere (a float, a boolean, a lone surrogate)."""


def canonical(value: dict[str, Any]) -> str:
    """Canonical JSON of a flat object (docs/ledger.md): sorted keys, no spaces, UTF-8 text kept as is.

    Values are text, integers or null only; floats and booleans have more than one spelling across
    languages, and a lone surrogate has no UTF-8 form at all.
    """
    for key, item in value.items():
        kind = type(item)
        if kind is str:
            if _SURROGATE.search(item):
                raise NotCanonical(f"{key}: a lone surrogate has no UTF-8 form")
        elif kind is not int and item is not None:
            raise NotCanonical(f"{key}: {kind.__name__} is not text, an integer or null")
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


_SURROGATE = re.compile("[\ud800-\udfff]")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# What JSON escapes in text: anything else it writes as is, so such text can be quoted directly.
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f]')
_HEADER_TEXT = ("device", "entity", "entity_id", "event_id", "hlc", "op", "rep")  # sorted, with "seq" last
_HEADER_FORMAT = "{" + ",".join(f'"{name}":"%s"' for name in _HEADER_TEXT) + ',"seq":%d}'


def header_json(header: dict[str, Any]) -> str:
    """canonical(header), built directly when no value needs escaping (verify calls this once per event)."""
    texts = tuple(header[name] for name in _HEADER_TEXT)
    seq = header["seq"]
    if type(seq) is int and all(type(text) is str for text in texts) and not _NEEDS_ESCAPE.search("".join(texts)):
        return _HEADER_FORMAT % (*texts, seq)
    return canonical(header)


def stored_event_hash(values: tuple[Any, ...]) -> str:
    """event_hash of a ledger row read as (HEADER_FIELDS..., data, data_hash, prev_hash, ...), for verify's loop."""
    seq, event_id, hlc, device, rep, entity, entity_id, op = values[:8]
    try:
        if type(seq) is not int or _NEEDS_ESCAPE.search(device + entity + entity_id + event_id + hlc + op + rep):
            raise TypeError
        header = _HEADER_FORMAT % (device, entity, entity_id, event_id, hlc, op, rep, seq)
    except TypeError:
        header = canonical(dict(zip(HEADER_FIELDS, values[:8], strict=True)))
    return hashlib.sha256(f"{values[10]}\n{header}\n{values[9]}".encode()).hexdigest()


def event_hash(prev_hash: str, header: dict[str, Any], data_hash: str) -> str:
    """Chain over the data's digest, so data can be redacted later without breaking the chain."""
    return digest(prev_hash + "\n" + header_json(header) + "\n" + data_hash)


def record_data(model: type[Entity], row: dict[str, Any]) -> str:
    """The canonical JSON of a row's record (every column but row_hash and derived ones, and an added column that
    holds the value rows had before it was added): what an event stores."""
    return canonical(model.record_of(row))


def first_form_data(model: type[Entity], row: dict[str, Any]) -> str | None:
    """The record as SalesTUI 0.1 wrote it (without UNHASHED_BEFORE), or None if the model's form never changed."""
    if not model.UNHASHED_BEFORE:
        return None
    record = model.record_of(row)
    return canonical({column: value for column, value in record.items() if column not in model.UNHASHED_BEFORE})


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
        self.first_seq = self.seq + 1
        # Every rep an event of this transaction is written as: each must sign the commit.
        self.authors: set[str] = set()
        self.events: list[tuple[Any, ...]] = []
        # Replaceable so a seeded generator (the demo) can make reproducible event ids.
        self.new_event_id: Callable[[], str] = _random_event_id
        self.rows: dict[type[Entity], list[dict[str, Any]]] = {}

    def put(self, model: type[Entity], row: dict[str, Any], op: str, rep_id: str | None = None) -> dict[str, Any]:
        """Write `row` (column -> stored value) as `op` ('create' or 'update') and log it.

        A code its spec does not offer is refused here, where SQLite's CHECK constraints used to refuse it.
        """
        refuse_unknown_codes(model.ENTITY, row)
        self.hlc = self.hlc.next(self.now_ms, self.device)
        row = dict(row, hlc=str(self.hlc))
        data = record_data(model, row)
        row["row_hash"] = data_hash = digest(data)
        self._append(model.ENTITY, row["id"], op, data, data_hash, rep_id or self.rep_id)
        if self.bulk:
            self.rows.setdefault(model, []).append(row)
        elif op == "create":
            # An added column at its old value is left to the column's DEFAULT, as in a row written before it.
            given = {column: value for column, value in row.items() if not _at_old_value(model, column, value)}
            names = ", ".join(f'"{column}"' for column in given)
            database.execute_sql(
                f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({", ".join("?" * len(given))})',
                tuple(given.values()),
            )
        else:
            fields = {model._meta.columns[column]: value for column, value in row.items() if column != "id"}
            model.update(fields).where(model.id == row["id"]).execute()
        return row

    def _append(self, entity: str, entity_id: str, op: str, data: str, data_hash: str, rep: str) -> None:
        self.seq += 1
        self.authors.add(rep)
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


def _at_old_value(model: type[Entity], column: str, value: Any) -> bool:
    return column in model.ADDED and value == model.ADDED[column]


def _random_event_id() -> str:
    return uuid.uuid4().hex


def _insert_rows(model: type[Entity], rows: list[dict[str, Any]]) -> None:
    """Insert stored rows (keyed by column name, every column given) with one executemany."""
    columns = [field.column_name for field in model._meta.sorted_fields]
    names = ", ".join(f'"{column}"' for column in columns)
    database.connection().executemany(
        f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({", ".join("?" * len(columns))})',
        [tuple(row[column] if column in row else model.ADDED[column] for column in columns) for row in rows],
    )


def _insert_events(events: list[tuple[Any, ...]]) -> None:
    if not events:
        return
    columns = ", ".join((*HEADER_FIELDS, "data", "data_hash", "prev_hash", "hash"))
    database.connection().executemany(f"INSERT INTO ledger ({columns}) VALUES ({', '.join('?' * 12)})", events)


def insert_signatures(signatures: list[tuple[int, str, str, str]]) -> None:
    """Store signed commits: (seq, rep id, key id, signature hex)."""
    database.connection().executemany(
        "INSERT INTO ledger_signature (seq, rep, key_id, signature) VALUES (?, ?, ?, ?)", signatures
    )


def head() -> tuple[int, str]:
    """The last event's sequence number and hash (what to send outside as an anchor)."""
    last = LedgerEvent.select(LedgerEvent.seq, LedgerEvent.hash).order_by(LedgerEvent.seq.desc()).first()
    return (last.seq, last.hash) if last else (0, GENESIS)
