"""Schema version 3: enumerations are checked from the field specs, not by SQLite CHECK constraints."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from salestui.clock import FrozenClock
from salestui.db import migrations
from salestui.db.connection import database
from salestui.db.entities import ENTITIES
from salestui.db.models import Customer
from salestui.db.queries import NamedSelect
from salestui.services import contacts, customer_lookup, customers, followups, templates, timeline
from salestui.services import context as write_context
from salestui.services.ledger import LedgerWriter
from salestui.services.session import close, open_context
from salestui.services.spec import Choice, Invalid
from salestui.services.specs import INTERACTION
from salestui.services.verify import verify
from tests.conftest import Seeded, run, seed
from tests.tampering import tamper

TABLES = ("rep", "rep_key", "customer", "contact_person", "interaction", "follow_up", "setting", "ledger")


def contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, rowid included, and the objects the schema holds besides the tables."""
    connection = sqlite3.connect(path)
    try:
        found = {
            table: connection.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall() for table in TABLES
        }
        found["objects"] = connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type != 'table' ORDER BY name"
        ).fetchall()
        found["fts"] = connection.execute("SELECT rowid FROM customer_fts WHERE customer_fts MATCH '华信贸'").fetchall()
    finally:
        connection.close()
    return found


def schema_sql(path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        connection.close()


# An interaction as the timeline read it before version 5 added its template fields.
INTERACTION_ROW_BEFORE_VERSION_5 = NamedSelect(
    {
        **{name: f"i.{name}" for name in ("id", "customer_id")},
        "rep_login": "r.login",
        **{
            name: f"i.{name}"
            for name in ("kind", "direction", "occurred_at", "summary", "body", "outcome", "next_step")
        },
    },
    "interaction i JOIN rep r ON r.id = i.rep_id",
    times=("occurred_at",),
)

# The contact persons as they were read before version 5 (every one reads as not primary).
CONTACT_ROW_BEFORE_VERSION_5 = NamedSelect(
    {
        **{name: name for name in ("id", "customer_id", "name", "title", "phone", "email", "im_handle", "note")},
        "is_primary": "0 AS is_primary",
    },
    "contact_person",
    flags=("is_primary",),
)


# A follow-up as it was read before version 6 added its kind.
FOLLOW_UP_ROW_BEFORE_VERSION_6 = NamedSelect(
    {
        **{name: f"f.{name}" for name in ("id", "customer_id")},
        "customer_name": "c.name",
        **{
            name: f"f.{name}"
            for name in ("title", "due_at", "queue_at", "snoozed_until", "priority", "rrule", "status")
        },
        "kind": "'' AS kind",
        "rep_login": "r.login",
    },
    "follow_up f JOIN customer c ON c.id = f.customer_id JOIN rep r ON r.id = f.rep_id",
    times=("due_at", "queue_at", "snoozed_until"),
)


@contextmanager
def models_before_version_5() -> Iterator[None]:
    """The models without the columns versions 5 and 6 added, as SalesTUI knew them before."""
    removed = []
    for model in ENTITIES:
        for column in model.ADDED:
            field = model._meta.columns[column]
            removed.append((model, field.name, field))
            model._meta.remove_field(field.name)
    try:
        yield
    finally:
        for model, name, field in removed:
            model._meta.add_field(name, field)


@pytest.fixture
def version_2_book(tmp_path: Path, clock: FrozenClock) -> Path:
    """A database made and filled by the schema as it was at version 2 (with its CHECK constraints)."""
    path = tmp_path / "v2.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        patch.setattr(migrations, "SCHEMA_VERSION", 2)
        patch.setattr(contacts, "index", lambda contact_ids: None)  # version 2 had no contact search index
        patch.setattr(write_context, "rekey_written_customers", lambda first_seq: None)  # nor ranking keys (v7)
        patch.setattr(timeline, "INTERACTION_ROW", INTERACTION_ROW_BEFORE_VERSION_5)
        patch.setattr(templates, "stored_fields", lambda own: "")  # nor template fields
        patch.setattr(customer_lookup, "survivor_id", lambda customer_id: customer_id)  # nor merges
        patch.setattr(contacts, "first_mark", lambda customer_id: 0)  # nor a primary contact person (version 5)
        patch.setattr(contacts, "CONTACT_ROW", CONTACT_ROW_BEFORE_VERSION_5)
        patch.setattr(followups, "FOLLOW_UP_ROW", FOLLOW_UP_ROW_BEFORE_VERSION_6)
        with models_before_version_5():
            book = seed(open_context(path, "alice", clock))
            followups.complete(book.context, book.follow_up_ids["Send samples"], "sent")
            close()
    assert any("CHECK (kind IN" in (sql or "") for _name, sql in schema_sql(path))
    return path


def test_a_version_2_database_moves_to_the_current_version_with_every_row_and_hash_kept(
    version_2_book: Path, clock: FrozenClock, capsys: pytest.CaptureFixture[str]
) -> None:
    before = contents(version_2_book)
    open_context(version_2_book, "alice", clock)
    assert migrations.current_version(database) == migrations.SCHEMA_VERSION
    close()
    after = contents(version_2_book)
    # Rows, rowids, row hashes, the ledger and FTS are unchanged (later versions only add columns, which old rows
    # hold at their default); every index and trigger is still there, but the one version 5 widens.
    for table in TABLES:
        assert [row[: len(old)] for row, old in zip(after[table], before[table], strict=True)] == before[table]
    assert after["fts"] == before["fts"]
    replaced = {"interaction_no_update"}
    assert {item for item in before["objects"] if item[1] not in replaced} <= set(after["objects"])
    assert not any("CHECK" in (sql or "") for _name, sql in schema_sql(version_2_book))
    assert list(version_2_book.parent.glob("v2.db.v2-*.bak"))
    connection = sqlite3.connect(version_2_book)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()
    code, out, err = run(capsys, "verify", "--db", str(version_2_book))
    assert code == 0, out + err


def test_verify_still_catches_tampering_after_the_migration(version_2_book: Path, clock: FrozenClock) -> None:
    open_context(version_2_book, "alice", clock)
    close()
    tamper(version_2_book, "UPDATE interaction SET kind = 'fax' WHERE kind = 'call'")
    connection = sqlite3.connect(version_2_book)
    connection.execute("DROP TRIGGER interaction_no_delete")
    connection.commit()
    connection.close()
    open_context(version_2_book, "alice", clock, check_in_background=False)
    report = verify()
    assert any("interaction_no_delete" in problem and "missing" in problem for problem in report.problems), (
        report.problems
    )
    assert any("content differs from its last ledger event" in problem for problem in report.problems)


def test_a_table_changed_outside_the_app_is_not_migrated(version_2_book: Path, clock: FrozenClock) -> None:
    connection = sqlite3.connect(version_2_book)
    connection.execute("ALTER TABLE follow_up ADD COLUMN planted TEXT")
    connection.commit()
    connection.close()
    with pytest.raises(migrations.MigrationError, match="table follow_up is not as SalesTUI made it"):
        open_context(version_2_book, "alice", clock)
    connection = sqlite3.connect(version_2_book)
    assert connection.execute("SELECT MAX(version) FROM schema_version").fetchone() == (2,)
    connection.close()


def test_a_new_kind_is_one_line_in_the_spec_and_needs_no_table_rebuild(
    seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    kinds = INTERACTION.choice("kind")
    monkeypatch.setitem(INTERACTION.fields, "kind", Choice({**kinds.values, "video": "Video call"}, label=kinds.label))
    schema_before = schema_sql(seeded.context.path)
    view = timeline.append(seeded.context, seeded.customer_ids["张伟"], {"kind": "video", "summary": "Demo on Zoom"})
    assert view.kind == "video"
    assert schema_sql(seeded.context.path) == schema_before
    assert verify().ok


def test_a_code_the_spec_does_not_offer_is_refused_before_anything_is_written(seeded: Seeded) -> None:
    row = customers.detail(seeded.customer_ids["王芳"])
    stored = Customer.get_by_id(row.id).stored_row()
    ledger_before = database.execute_sql("SELECT COUNT(*) FROM ledger").fetchone()
    with pytest.raises(Invalid, match="customer.tier: one of: vip, regular, potential"):
        with seeded.context.write() as writer:
            writer.put(Customer, {**stored, "tier": "gold"}, "update")
    assert isinstance(writer, LedgerWriter)
    assert database.execute_sql("SELECT COUNT(*) FROM ledger").fetchone() == ledger_before
    assert customers.detail(row.id).tier == "potential"
