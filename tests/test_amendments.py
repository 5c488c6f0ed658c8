"""Amendments, never edits: a correction is a new interaction that points at the one it corrects; the timeline
shows each chain once as its newest version, the history keeps every version, and verify holds to the same rule."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from salestui.clock import FrozenClock, to_utc_text
from salestui.db.connection import database
from salestui.services import customers, timeline, timeline_entries
from salestui.services.errors import NotFound, ValidationError
from salestui.services.verify import verify
from tests.tampering import tamper


def count(table: str) -> int:
    return database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture
def logged(context):
    """A customer with two contacts: a call five days ago (to be amended) and a note two days ago."""
    customer_id = customers.create(context, {"name": "陈杰"}).id
    now = context.clock.now()
    call = timeline.append(
        context,
        customer_id,
        {"kind": "call", "summary": "Agreed 500 units", "outcome": "agreed", "occurred_at": now - timedelta(days=5)},
    )
    note = timeline.append(
        context, customer_id, {"kind": "note", "summary": "Price list sent", "occurred_at": now - timedelta(days=2)}
    )
    return customer_id, call, note


def test_an_amendment_appends_a_version_and_leaves_the_original(context, logged):
    customer_id, call, note = logged
    before = count("interaction")
    fixed = timeline.amend(context, call.id, {"summary": "Agreed 50 units"})
    assert count("interaction") == before + 1
    assert fixed.amends_id == call.id and fixed.amended
    assert (fixed.summary, fixed.outcome, fixed.kind, fixed.occurred_at) == (
        "Agreed 50 units",
        "agreed",
        "call",
        call.occurred_at,
    )  # what the amendment did not name carries over
    assert timeline.get(call.id) == call  # the original is unchanged
    assert [entry.id for entry in timeline.page(customer_id)] == [note.id, fixed.id]  # once, as its newest text
    assert verify().ok


def test_amending_an_amendment_makes_a_chain_and_history_gives_every_version(context, logged):
    customer_id, call, _note = logged
    clock = context.clock
    assert isinstance(clock, FrozenClock)
    clock.moment += timedelta(minutes=1)
    second = timeline.amend(context, call.id, {"summary": "Agreed 50 units"})
    clock.moment += timedelta(minutes=1)
    third = timeline.amend(context, second.id, {"summary": "Agreed 50 units at ¥38", "body": "as confirmed by phone"})
    assert third.amends_id == second.id  # each amendment points at the entry it corrects
    for member in (call.id, second.id, third.id):
        versions = timeline.history(member)
        assert [version.id for version in versions] == [call.id, second.id, third.id]
    versions = timeline.history(third.id)
    assert [version.summary for version in versions] == [
        "Agreed 500 units",
        "Agreed 50 units",
        "Agreed 50 units at ¥38",
    ]
    assert [version.created_at for version in versions] == sorted(version.created_at for version in versions)
    assert {version.rep_login for version in versions} == {"alice"}
    assert [entry.id for entry in timeline_entries.page(customer_id) if entry.id in (call.id, second.id)] == []
    assert timeline.history(_note.id) == (_note,)
    assert verify().ok


def test_only_the_version_in_force_may_be_amended(context, logged):
    _customer_id, call, _note = logged
    newest = timeline.amend(context, call.id, {"summary": "Agreed 50 units"})
    before = (count("interaction"), count("ledger"))
    with pytest.raises(ValidationError) as caught:
        timeline.amend(context, call.id, {"summary": "Agreed 5 units"})
    assert newest.id in caught.value.errors["interaction"]
    assert (count("interaction"), count("ledger")) == before


def test_an_amendment_must_change_something_and_is_validated(context, logged):
    _customer_id, call, _note = logged
    before = (count("interaction"), count("ledger"))
    with pytest.raises(ValidationError) as caught:
        timeline.amend(context, call.id, {"summary": " Agreed 500 units "})  # the same once trimmed
    assert "nothing changed" in caught.value.errors["interaction"]
    with pytest.raises(ValidationError) as caught:
        timeline.amend(context, call.id, {"summary": "", "kind": "fax"})
    assert set(caught.value.errors) == {"summary", "kind"}
    with pytest.raises(ValidationError) as caught:
        timeline.amend(context, call.id, {"occurred_at": context.clock.now() + timedelta(days=1)})
    assert "future" in caught.value.errors["occurred_at"]
    with pytest.raises(NotFound):
        timeline.amend(context, "0" * 32, {"summary": "ghost"})
    assert (count("interaction"), count("ledger")) == before


def test_last_contact_follows_the_versions_in_force(context, logged):
    customer_id, call, note = logged
    now = context.clock.now()

    def last():
        return customers.detail(customer_id).last_contact_at

    assert last() == call.occurred_at  # a note is not a contact
    as_call = timeline.amend(context, note.id, {"kind": "call"})  # it was a call after all
    assert last() == note.occurred_at
    moved = timeline.amend(context, as_call.id, {"occurred_at": now - timedelta(days=9)})  # it was longer ago
    assert last() == now - timedelta(days=5)  # the call is now the newest contact
    assert verify().ok
    timeline.amend(context, moved.id, {"occurred_at": now - timedelta(hours=1)})
    assert last() == now - timedelta(hours=1)
    assert verify().ok


def test_verify_names_a_stale_last_contact_by_the_in_force_rule(context, logged, db_path):
    customer_id, _call, note = logged
    timeline.amend(context, note.id, {"occurred_at": context.clock.now() - timedelta(days=9)})
    # The newest occurred_at of every row, amended or not, is no longer the right value.
    old_rule = database.execute_sql(
        "SELECT MAX(occurred_at) FROM interaction WHERE customer_id = ?", (customer_id,)
    ).fetchone()[0]
    assert old_rule == to_utc_text(note.occurred_at)
    tamper(db_path, "UPDATE customer SET last_contact_at = ? WHERE id = ?", (old_rule, customer_id))
    report = verify()
    assert [problem for problem in report.problems if customer_id in problem and "last_contact_at" in problem]


def test_verify_names_an_amendment_altered_outside_the_app(context, logged, db_path):
    _customer_id, call, _note = logged
    fixed = timeline.amend(context, call.id, {"summary": "Agreed 50 units"})
    tamper(db_path, "UPDATE interaction SET summary = 'Agreed 5000 units' WHERE id = ?", (fixed.id,))
    named = [problem for problem in verify().problems if fixed.id in problem]
    assert named and "altered outside the app" in named[0]


def test_verify_names_an_amendment_repointed_outside_the_app(context, logged, db_path):
    _customer_id, call, note = logged
    fixed = timeline.amend(context, call.id, {"summary": "Agreed 50 units"})
    tamper(db_path, "UPDATE interaction SET amends_id = ? WHERE id = ?", (note.id, fixed.id))
    named = [problem for problem in verify().problems if fixed.id in problem]
    assert named and "altered outside the app" in named[0]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE interaction SET summary = 'changed' WHERE id = ?",
        "UPDATE interaction SET amends_id = NULL WHERE id = ?",
        "DELETE FROM interaction WHERE id = ?",
    ],
)
def test_the_triggers_refuse_to_edit_or_delete_an_interaction(context, logged, db_path, sql):
    _customer_id, call, _note = logged
    fixed = timeline.amend(context, call.id, {"summary": "Agreed 50 units"})
    connection = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            connection.execute(sql, (fixed.id,))
    finally:
        connection.close()
    assert timeline.get(fixed.id) == fixed
