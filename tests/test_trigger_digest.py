"""The digest a write compares the file's triggers with: in step with the migrations, and blind to nothing."""

from __future__ import annotations

import sqlite3

import pytest

from salestui.db import schema, trigger_digest
from salestui.db.connection import DatabaseError
from salestui.services import ledger, timeline
from tests.conftest import Seeded
from tests.tampering import tamper_script


def test_the_stored_digest_is_that_of_the_triggers_the_migrations_make() -> None:
    made = [(item.name, item.table, item.sql) for item in schema.expected().values() if item.kind == "trigger"]
    assert made, "the migrations make triggers"
    assert trigger_digest.digest(made) == trigger_digest.EXPECTED, (
        "the migrations' triggers changed: set trigger_digest.EXPECTED to " + trigger_digest.digest(made)
    )


def test_a_new_database_matches_and_whitespace_does_not_count(seeded: Seeded) -> None:
    connection = sqlite3.connect(seeded.context.path)
    try:
        assert trigger_digest.matches(connection)
        triggers = connection.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    finally:
        connection.close()
    spaced = [(name, table, sql.replace(" ", "\n  ")) for name, table, sql in triggers]
    assert trigger_digest.digest(spaced) == trigger_digest.EXPECTED


@pytest.mark.parametrize(
    "change",
    [
        lambda name, table, sql: (name, table, sql.replace("RAISE(ABORT", "RAISE(IGNORE")),  # body
        lambda name, table, sql: (name + "x", table, sql),  # name
        lambda name, table, sql: (name, table + "x", sql),  # table
    ],
)
def test_any_changed_trigger_changes_the_digest(seeded: Seeded, change) -> None:
    connection = sqlite3.connect(seeded.context.path)
    try:
        triggers = connection.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    finally:
        connection.close()
    first = next(index for index, (_name, _table, sql) in enumerate(triggers) if "RAISE(ABORT" in sql)
    changed = [*triggers[:first], change(*triggers[first]), *triggers[first + 1 :]]
    assert trigger_digest.digest(changed) != trigger_digest.EXPECTED
    assert trigger_digest.digest(triggers[1:]) != trigger_digest.EXPECTED  # one dropped


def test_a_trigger_changed_in_place_blocks_writes(seeded: Seeded) -> None:
    """Same name and table, another body: the digest differs and the full comparison names it."""
    path = seeded.context.path
    tamper_script(
        path,
        "DROP TRIGGER customer_fts_insert; CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer "
        "BEGIN SELECT 1; END",
    )
    before = ledger.head()
    with pytest.raises(DatabaseError, match="trigger customer_fts_insert .*differs from SalesTUI's"):
        timeline.append(seeded.context, seeded.customer_ids["张伟"], {"kind": "call", "summary": "hello"})
    assert ledger.head() == before
