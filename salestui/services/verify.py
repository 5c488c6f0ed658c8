"""Verify: recompute the hash chain and every row's hash; name whatever was altered outside the app."""

from __future__ import annotations

from collections.abc import Iterator

from salestui.db.database import database, quick_check
from salestui.db.models import ENTITIES, Entity
from salestui.i18n import _
from salestui.services.ledger import GENESIS, HEADER_FIELDS, canonical, digest, event_hash
from salestui.services.views import VerifyReport

MAX_PROBLEMS = 1000


def _chain(problems: list[str]) -> tuple[int, int, str]:
    """Walk the ledger in order; returns (events checked, last seq, last hash)."""
    columns = ", ".join((*HEADER_FIELDS, "data", "data_hash", "prev_hash", "hash"))
    cursor = database.connection().execute(f"SELECT {columns} FROM ledger ORDER BY seq")
    expected_prev, expected_seq, count = GENESIS, 1, 0
    for values in cursor:
        count += 1
        header = dict(zip(HEADER_FIELDS, values[:8], strict=True))
        data, data_hash, prev_hash, stored_hash = values[8:]
        seq = header["seq"]
        where = _("ledger event {seq} ({entity} {entity_id})").format(**header)
        if seq != expected_seq:
            problems.append(_("{where}: sequence jumps from {expected} (events missing)").format(
                where=where, expected=expected_seq))
        if prev_hash != expected_prev:
            problems.append(_("{where}: prev_hash does not match the event before it").format(where=where))
        if digest(data) != data_hash:
            problems.append(_("{where}: data was changed (its digest no longer matches)").format(where=where))
        if event_hash(prev_hash, header, data_hash) != stored_hash:
            problems.append(_("{where}: hash does not match its header and data").format(where=where))
        expected_prev, expected_seq = stored_hash, seq + 1
    return count, expected_seq - 1, expected_prev


def _last_events(entity: str) -> Iterator[tuple[str, str, str]]:
    """(entity_id, op, data_hash) of each id's last event, in id order."""
    return database.connection().execute(
        "SELECT l.entity_id, l.op, l.data_hash FROM ledger l JOIN "
        "(SELECT entity_id, MAX(seq) AS seq FROM ledger WHERE entity = ? GROUP BY entity_id) last "
        "ON last.seq = l.seq ORDER BY l.entity_id",
        (entity,),
    )


def _rows(model: type[Entity]) -> Iterator[tuple[str, str, str]]:
    """(id, stored row_hash, recomputed hash) of every row, in id order."""
    columns = model.record_columns()
    names = ", ".join(f'"{column}"' for column in columns)
    cursor = database.connection().execute(
        f'SELECT {names}, row_hash FROM "{model._meta.table_name}" ORDER BY id'
    )
    id_index = columns.index("id")
    for values in cursor:
        record = dict(zip(columns, values[:-1], strict=True))
        yield values[id_index], values[-1], digest(canonical(record))


def _rows_against_ledger(model: type[Entity], problems: list[str]) -> int:
    """Merge-join rows and last events by id, both sorted, so memory stays flat at any size."""
    events = _last_events(model.ENTITY)
    event = next(events, None)
    count = 0
    for row_id, stored, actual in _rows(model):
        count += 1
        while event is not None and event[0] < row_id:
            if event[1] != "delete":
                problems.append(_("{entity} {id}: in the ledger but the row is missing").format(
                    entity=model.ENTITY, id=event[0]))
            event = next(events, None)
        label = f"{model.ENTITY} {row_id}"
        if event is None or event[0] != row_id:
            problems.append(_("{label}: row has no ledger event (inserted outside the app)").format(label=label))
            continue
        if actual != event[2]:
            problems.append(_("{label}: content differs from its last ledger event (altered outside the app)")
                            .format(label=label))
        elif stored != actual:
            problems.append(_("{label}: row_hash column does not match its content").format(label=label))
        event = next(events, None)
    while event is not None:
        if event[1] != "delete":
            problems.append(_("{entity} {id}: in the ledger but the row is missing").format(
                entity=model.ENTITY, id=event[0]))
        event = next(events, None)
    return count


def _derived(problems: list[str]) -> None:
    """Denormalized columns must equal what they are computed from."""
    from salestui.services.customers import derived_columns

    stale = database.execute_sql(
        "SELECT c.id FROM customer c LEFT JOIN (SELECT customer_id, MAX(occurred_at) AS last "
        "FROM interaction GROUP BY customer_id) i ON i.customer_id = c.id "
        "WHERE c.last_contact_at IS NOT i.last LIMIT 100"
    ).fetchall()
    for (customer_id,) in stale:
        problems.append(_("customer {id}: last_contact_at differs from its newest interaction").format(id=customer_id))
    derived = ["sort_key", "search_text", "short_text"]
    columns = ["id", "name", "company", "phone", "email", "im_handle", *derived]
    cursor = database.connection().execute(f"SELECT {', '.join(columns)} FROM customer")
    for values in cursor:
        row = dict(zip(columns, values, strict=True))
        if derived_columns(row) != {column: row[column] for column in derived}:
            problems.append(_("customer {id}: search columns are stale").format(id=row["id"]))


def verify() -> VerifyReport:
    """Check integrity, the chain, each row against its last event, and the derived columns."""
    problems = [_("integrity: {message}").format(message=message) for message in quick_check()]
    events, head_seq, head_hash = _chain(problems)
    rows = sum(_rows_against_ledger(model, problems) for model in ENTITIES)
    _derived(problems)
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], _("… and {count} more").format(count=len(problems) - MAX_PROBLEMS)]
    return VerifyReport(tuple(problems), events, rows, head_seq, head_hash)

