"""Verify's checks of the tables: every row against its last event, derived columns and the search indexes.

They need nothing from the chain walk, so on a large ledger they run in a process of their own beside it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from salestui.db.connection import database
from salestui.db.entities import ENTITIES
from salestui.db.models import Customer, Entity
from salestui.db.queries import LAST_REAL_CONTACT
from salestui.db.search_words import CONTACT_INDEXES
from salestui.i18n import _, set_language
from salestui.services import scan
from salestui.services.ledger import NotCanonical, digest, first_form_data, record_data


def table_checks(gaps: bool) -> tuple[list[str], int]:
    """(problems, rows checked) for every table; `gaps` says the chain has missing events (for the wording)."""
    problems: list[str] = []
    with database.atomic():  # one snapshot of the file
        data_digests(problems)
        rows = sum(_rows_against_ledger(model, problems, gaps) for model in ENTITIES)
        _derived(problems)
    return problems, rows


def data_digests(problems: list[str]) -> None:
    """Every event's data against its data_hash, hashed as the stored bytes inside one SQLite scan."""
    connection = database.connection()
    connection.create_function("salestui_sha256", 1, _sha256_hex, deterministic=True)
    changed = connection.execute(
        "SELECT seq, entity, CAST(entity_id AS BLOB), CAST(data AS BLOB) FROM ledger "
        "WHERE salestui_sha256(CAST(data AS BLOB)) IS NOT data_hash ORDER BY seq"
    ).fetchall()
    for seq, entity, entity_id, data in changed:
        where = _("ledger event {seq} ({entity} {entity_id})").format(
            seq=seq, entity=entity, entity_id=bytes(entity_id).decode("utf-8", errors="replace")
        )
        try:
            bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            problems.append(_("{where}: holds bytes that are not UTF-8 (altered outside the app)").format(where=where))
            continue
        problems.append(_("{where}: data was changed (its digest no longer matches)").format(where=where))


def _sha256_hex(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def table_checks_in_child(path: str, language: str, gaps: bool) -> tuple[list[str], int]:
    """`table_checks` in a fresh process: its own read-only connection to the same file."""
    from salestui.db.database import open_database

    set_language(language)
    open_database(Path(path), read_only=True, deep_check=False)
    try:
        return table_checks(gaps)
    finally:
        database.close()


def _last_events(entity: str) -> Iterator[tuple[str, str, str]]:
    """(entity_id, op, data_hash) of each id's last event, in id order."""
    connection: sqlite3.Connection = database.connection()
    return connection.execute(
        "SELECT l.entity_id, l.op, l.data_hash FROM ledger l JOIN "
        "(SELECT entity_id, MAX(seq) AS seq FROM ledger WHERE entity = ? GROUP BY entity_id) last "
        "ON last.seq = l.seq ORDER BY l.entity_id",
        (entity,),
    )


def _rows(model: type[Entity], only: set[str] | None) -> Iterator[tuple[str, str, str | None, str | None]]:
    """(id, stored row_hash, recomputed hash or None if the row holds what no hash accepts, the hash of the
    record's first form if the model has one), in id order; `only` reads just those ids."""
    columns = ["id", *(column for column in model.record_columns() if column != "id")]
    names = ", ".join(f'"{column}"' for column in columns)
    select = f'SELECT {names}, row_hash FROM "{model._meta.table_name}"'
    if only is not None:
        select += " WHERE id IN (SELECT value FROM json_each(?))"
    for values in scan.rows(select, "id", "", (json.dumps(sorted(only)),) if only is not None else ()):
        record = dict(zip(columns, values[:-1], strict=True))
        try:
            actual: str | None = digest(record_data(model, record))
            first = first_form_data(model, record)
        except (NotCanonical, UnicodeEncodeError):
            actual, first = None, None
        yield values[0], values[-1], actual, (digest(first) if first is not None else None)


def _rows_against_ledger(model: type[Entity], problems: list[str], gaps: bool) -> int:
    """Each row against its last event: SQLite compares every row's canonical JSON with the event's data, in C;
    the few rows that differ are then checked (and named) record by record in Python, whose form is the rule."""
    table = model._meta.table_name
    count: int = database.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    try:
        suspects = _suspects(model)
    except sqlite3.Error:  # a value SQLite's JSON cannot hold (a planted BLOB): check every row in Python
        _check_rows(model, problems, gaps, None)
        return count
    if suspects:
        _check_rows(model, problems, gaps, suspects)
    return count


def _suspects(model: type[Entity]) -> set[str]:
    """Ids whose row or last event look wrong, found without leaving SQLite.

    Each row finds its last event by one seek in the (entity, entity_id, seq) index, so nothing is gathered in
    memory at any size.
    """
    table, columns, entity = model._meta.table_name, sorted(model.record_columns()), model.ENTITY
    record = "json_object(" + ", ".join(f"'{column}', r.\"{column}\"" for column in columns) + ")"
    if model.ADDED:  # an added column holding its old value is not in the record (Entity.record_of)
        paths = ", ".join(
            f"CASE WHEN r.\"{column}\" IS {_literal(value)} THEN '$.{column}' ELSE '$.\"\"' END"
            for column, value in sorted(model.ADDED.items())
        )
        record = f"json_remove({record}, {paths})"
    rows = database.execute_sql(
        f'SELECT CAST(r.id AS BLOB) FROM "{table}" r LEFT JOIN ledger l ON l.seq = '
        f"(SELECT MAX(seq) FROM ledger WHERE entity = ? AND entity_id = r.id) "
        f"WHERE l.seq IS NULL OR {record} IS NOT l.data OR r.row_hash IS NOT l.data_hash",
        (entity,),
    ).fetchall()
    events = database.execute_sql(
        f"SELECT DISTINCT CAST(entity_id AS BLOB) FROM ledger e WHERE entity = ? "
        f'AND NOT EXISTS (SELECT 1 FROM "{table}" r WHERE r.id = e.entity_id)',
        (entity,),
    ).fetchall()
    return {bytes(value).decode("utf-8", errors="surrogateescape") for (value,) in (*rows, *events)}


def _literal(value: object) -> str:
    """An SQL literal for an added column's old value (text, an integer or null)."""
    if value is None:
        return "NULL"
    if type(value) is int:
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _check_rows(model: type[Entity], problems: list[str], gaps: bool, only: set[str] | None) -> None:
    """Merge-join rows and last events by id, both sorted, so memory stays flat at any size; `only` limits the
    problems reported to those ids (the suspects SQLite found)."""
    events = _last_events(model.ENTITY)
    event = next(events, None)
    found: list[str] = []
    no_event = (
        _(
            "{label}: row has no ledger event (its event is among the missing ones, or the row was added "
            "outside the app)"
        )
        if gaps
        else _("{label}: row has no ledger event (added outside the app)")
    )
    for row_id, stored, actual, first_form in _rows(model, only):
        while event is not None and event[0] < row_id:
            _missing_row(found, model, event, only)
            event = next(events, None)
        label = f"{model.ENTITY} {row_id}"
        if event is None or event[0] != row_id:
            found.append(no_event.format(label=label))
            continue
        if actual != event[2] and first_form == event[2]:
            actual = first_form  # written by SalesTUI 0.1; _derived recomputes what that form left out
        if actual is None:
            found.append(
                _("{label}: holds bytes that are not UTF-8 or values no record has (altered outside the app)").format(
                    label=label
                )
            )
        elif actual != event[2]:
            found.append(
                _("{label}: content differs from its last ledger event (altered outside the app)").format(label=label)
            )
        elif stored != actual:
            found.append(_("{label}: row_hash column does not match its content").format(label=label))
        event = next(events, None)
    while event is not None:
        _missing_row(found, model, event, only)
        event = next(events, None)
    problems.extend(found)


def _missing_row(problems: list[str], model: type[Entity], event: tuple[str, str, str], only: set[str] | None) -> None:
    if event[1] != "delete" and (only is None or event[0] in only):
        problems.append(
            _("{entity} {id}: in the ledger but the row is missing (deleted outside the app)").format(
                entity=model.ENTITY, id=event[0]
            )
        )


def _derived(problems: list[str]) -> None:
    """Denormalized columns and both search indexes must match what they are computed from."""
    from salestui.services.customers import derived_columns

    # The newest real contact among the interactions in force: an amended entry counts as its newest version.
    stale = database.execute_sql(
        f"SELECT c.id FROM customer c WHERE c.last_contact_at IS NOT {LAST_REAL_CONTACT} LIMIT 100"
    ).fetchall()
    for (customer_id,) in stale:
        problems.append(_("customer {id}: last_contact_at differs from its newest real contact").format(id=customer_id))
    # Only rows whose last event left the search columns out of its record (SalesTUI 0.1); the others are
    # covered by the row check itself.
    derived = list(Customer.UNHASHED_BEFORE)
    columns = ["id", "name", "company", "phone", "email", "im_handle", *derived]
    first_form = (
        "c.id IN (SELECT c2.id FROM customer c2 JOIN ledger l ON l.seq = (SELECT MAX(seq) FROM ledger "
        "WHERE entity = 'customer' AND entity_id = c2.id) WHERE instr(l.data, '\"sort_key\":') = 0)"
    )
    select = f"SELECT {', '.join(f'c.{column}' for column in columns)} FROM customer c WHERE {first_form}"
    for values in scan.rows(select, "c.id", ""):
        row = dict(zip(columns, values, strict=True))
        try:
            fresh = derived_columns(row)
        except (ValueError, UnicodeError):
            continue  # its row check already names it
        if fresh != {column: row[column] for column in derived}:
            problems.append(_("customer {id}: search columns are stale").format(id=row["id"]))
    for index in ("customer_fts", "customer_short_fts"):
        _search_index(problems, index)
    for index in CONTACT_INDEXES:
        _search_index(problems, index, "contact_person")


def _search_index(problems: list[str], index: str, table: str = "customer") -> None:
    """Every row of `table` has a document in the index and every document a row (FTS5 keeps one size row each)."""
    tables = {name for (name,) in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if f"{index}_docsize" not in tables:
        return  # the schema check names the missing index
    missing = database.execute_sql(
        f"SELECT r.id FROM {table} r LEFT JOIN {index}_docsize d ON d.id = r.rowid WHERE d.id IS NULL LIMIT 100"
    ).fetchall()
    for (row_id,) in missing:
        if table == "customer":
            text = _("customer {id}: missing from the search index {index} (search cannot find it)")
        else:
            text = _("contact person {id}: missing from the search index {index} (search cannot find them)")
        problems.append(text.format(id=row_id, index=index))
    extra = database.execute_sql(
        f"SELECT COUNT(*) FROM {index}_docsize d LEFT JOIN {table} r ON r.rowid = d.id WHERE r.id IS NULL"
    ).fetchone()[0]
    if extra and table == "customer":
        problems.append(
            _("search index {index}: {count} entries for customers that do not exist").format(index=index, count=extra)
        )
    elif extra:
        problems.append(
            _("search index {index}: {count} entries for contact persons that do not exist").format(
                index=index, count=extra
            )
        )
