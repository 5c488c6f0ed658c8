"""Verify: the file, its schema, the hash chain and signed commits, every row, derived columns and anchors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from salestui.db import schema
from salestui.db.database import database, quick_check
from salestui.db.models import ENTITIES, Entity
from salestui.i18n import _
from salestui.services import anchors as anchor_file
from salestui.services import scan
from salestui.services.ledger import NotCanonical, digest, record_data
from salestui.services.verify_chain import walk
from salestui.services.views import VerifyReport

MAX_PROBLEMS = 1000


def _last_events(entity: str) -> Iterator[tuple[str, str, str]]:
    """(entity_id, op, data_hash) of each id's last event, in id order."""
    return database.connection().execute(
        "SELECT l.entity_id, l.op, l.data_hash FROM ledger l JOIN "
        "(SELECT entity_id, MAX(seq) AS seq FROM ledger WHERE entity = ? GROUP BY entity_id) last "
        "ON last.seq = l.seq ORDER BY l.entity_id",
        (entity,),
    )


def _rows(model: type[Entity]) -> Iterator[tuple[str, str, str | None]]:
    """(id, stored row_hash, recomputed hash or None if the row holds what no hash accepts), in id order."""
    columns = ["id", *(column for column in model.record_columns() if column != "id")]
    names = ", ".join(f'"{column}"' for column in columns)
    for values in scan.rows(f'SELECT {names}, row_hash FROM "{model._meta.table_name}"', "id", ""):
        record = dict(zip(columns, values[:-1], strict=True))
        try:
            actual: str | None = digest(record_data(model, record))
        except (NotCanonical, UnicodeEncodeError):
            actual = None
        yield values[0], values[-1], actual


def _rows_against_ledger(model: type[Entity], problems: list[str], gaps: bool) -> int:
    """Merge-join rows and last events by id, both sorted, so memory stays flat at any size."""
    events = _last_events(model.ENTITY)
    event = next(events, None)
    count = 0
    no_event = (_("{label}: row has no ledger event (its event is among the missing ones, or the row was added "
                  "outside the app)") if gaps else _("{label}: row has no ledger event (added outside the app)"))
    for row_id, stored, actual in _rows(model):
        count += 1
        while event is not None and event[0] < row_id:
            _missing_row(problems, model, event)
            event = next(events, None)
        label = f"{model.ENTITY} {row_id}"
        if event is None or event[0] != row_id:
            problems.append(no_event.format(label=label))
            continue
        if actual is None:
            problems.append(_("{label}: holds bytes that are not UTF-8 or values no record has (altered outside "
                              "the app)").format(label=label))
        elif actual != event[2]:
            problems.append(_("{label}: content differs from its last ledger event (altered outside the app)")
                            .format(label=label))
        elif stored != actual:
            problems.append(_("{label}: row_hash column does not match its content").format(label=label))
        event = next(events, None)
    while event is not None:
        _missing_row(problems, model, event)
        event = next(events, None)
    return count


def _missing_row(problems: list[str], model: type[Entity], event: tuple[str, str, str]) -> None:
    if event[1] != "delete":
        problems.append(_("{entity} {id}: in the ledger but the row is missing (deleted outside the app)").format(
            entity=model.ENTITY, id=event[0]))


def _derived(problems: list[str]) -> None:
    """Denormalized columns and both search indexes must match what they are computed from."""
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
    for values in scan.rows(f"SELECT {', '.join(columns)} FROM customer", "id", ""):
        row = dict(zip(columns, values, strict=True))
        try:
            fresh = derived_columns(row)
        except (ValueError, UnicodeError):
            continue  # its row check already names it
        if fresh != {column: row[column] for column in derived}:
            problems.append(_("customer {id}: search columns are stale").format(id=row["id"]))
    for index in ("customer_fts", "customer_short_fts"):
        _search_index(problems, index)


def _search_index(problems: list[str], index: str) -> None:
    """Every customer has a document in the index and every document a customer (FTS5 keeps one size row each)."""
    tables = {name for (name,) in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if f"{index}_docsize" not in tables:
        return  # the schema check names the missing index
    missing = database.execute_sql(
        f"SELECT c.id FROM customer c LEFT JOIN {index}_docsize d ON d.id = c.rowid WHERE d.id IS NULL LIMIT 100"
    ).fetchall()
    for (customer_id,) in missing:
        problems.append(_("customer {id}: missing from the search index {index} (search cannot find it)").format(
            id=customer_id, index=index))
    extra = database.execute_sql(
        f"SELECT COUNT(*) FROM {index}_docsize d LEFT JOIN customer c ON c.rowid = d.id WHERE c.id IS NULL"
    ).fetchone()[0]
    if extra:
        problems.append(_("search index {index}: {count} entries for customers that do not exist").format(
            index=index, count=extra))


def _schema(problems: list[str]) -> None:
    problems.extend(schema.describe(item) for item in schema.differences(schema.read(database.connection())))


def _unsigned_before() -> int:
    row = database.execute_sql("SELECT value FROM meta WHERE key = 'unsigned_before'").fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else 0


def verify(path: Path | None = None, expect: tuple[int, str] | None = None) -> VerifyReport:
    """Check everything; `expect` (seq, hash) is an anchor from outside the file that must still hold."""
    path = path or Path(database.database)
    problems = [_("integrity: {message}").format(message=message) for message in quick_check()]
    _schema(problems)
    anchors, anchor_problems = anchor_file.read(anchor_file.anchors_path(path))
    problems += anchor_problems
    wanted = {anchor.seq for anchor in anchors} | ({expect[0]} if expect else set())
    chain = walk(problems, wanted, _unsigned_before())
    if chain.events == 0:
        problems.append(_("the ledger is empty, but a SalesTUI database starts with its first rep's event (every "
                          "event was deleted)"))
    for anchor in anchors:
        _anchor(problems, chain.head_seq, chain.hashes.get(anchor.seq), anchor.seq, anchor.hash,
                _("the anchor of {day}").format(day=anchor.day))
    if expect:
        _anchor(problems, chain.head_seq, chain.hashes.get(expect[0]), *expect, _("the expected anchor"))
    rows = sum(_rows_against_ledger(model, problems, bool(chain.gaps)) for model in ENTITIES)
    _derived(problems)
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], _("… and {count} more").format(count=len(problems) - MAX_PROBLEMS)]
    return VerifyReport(tuple(problems), chain.events, rows, chain.head_seq, chain.head_hash,
                        signatures_checked=chain.signatures, anchors_checked=len(anchors), notes=tuple(chain.notes))


def _anchor(problems: list[str], head: int, found: str | None, seq: int, wanted: str, label: str) -> None:
    if seq > head:
        problems.append(_("the ledger ends at event {head:,} but {label} says {seq:,} (events removed from its end)")
                        .format(head=head, label=label, seq=seq))
    elif found is None:
        problems.append(_("{label} names event {seq:,}, which is missing").format(label=label, seq=seq))
    elif found != wanted:
        problems.append(_("{label} says event {seq:,} had hash {wanted}, the ledger now has {found} (history "
                          "re-written)").format(label=label, seq=seq, wanted=wanted, found=found))
