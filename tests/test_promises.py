"""Promises on both sides: recorded, amended by new versions, settled (the newest outcome wins) and tallied."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from salestui.clock import FrozenClock
from salestui.db.connection import database
from salestui.services import customers, promises, timeline
from salestui.services.deal_views import PromiseTally
from salestui.services.errors import NotFound, ValidationError
from salestui.services.verify import verify
from tests.tampering import tamper


def count(table: str) -> int:
    return database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def tick(context, minutes: int = 1) -> None:
    clock = context.clock
    assert isinstance(clock, FrozenClock)
    clock.moment += timedelta(minutes=minutes)


@pytest.fixture
def customer_id(context) -> str:
    return customers.create(context, {"name": "华信贸易"}).id


def promise(context, customer_id, side="customer", kind="payment", days=3, what="Pay the deposit"):
    due = context.clock.now() + timedelta(days=days)
    return promises.add(context, customer_id, {"side": side, "kind": kind, "what": what, "due_at": due})


def test_add_records_a_promise_open_until_settled(context, customer_id):
    made = promise(context, customer_id)
    assert (made.side, made.kind, made.what, made.status, made.amends_id) == (
        "customer",
        "payment",
        "Pay the deposit",
        "open",
        None,
    )
    assert made.due_at == context.clock.now() + timedelta(days=3)
    assert (made.rep_login, made.customer_name, made.outcome_at) == ("alice", "华信贸易", None)
    assert promises.for_customer(customer_id) == (made,)
    assert verify().ok


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"side": "them", "what": "x", "due_at": "tomorrow"}, "side"),
        ({"side": "us", "kind": "bribe", "what": "x"}, "kind"),
        ({"side": "us", "what": ""}, "what"),
        ({"side": "us", "what": "x", "due_at": None}, "due_at"),
    ],
)
def test_add_refuses_bad_fields_and_writes_nothing(context, customer_id, raw, field):
    raw = {"due_at": context.clock.now(), **raw}
    before = (count("promise"), count("ledger"))
    with pytest.raises(ValidationError) as caught:
        promises.add(context, customer_id, raw)
    assert field in caught.value.errors
    assert (count("promise"), count("ledger")) == before


def test_a_linked_interaction_must_be_the_customers(context, customer_id):
    other = customers.create(context, {"name": "Someone Else"}).id
    theirs = timeline.append(context, other, {"kind": "call", "summary": "their call"})
    ours = timeline.append(context, customer_id, {"kind": "call", "summary": "our call"})
    raw = {"side": "us", "kind": "delivery", "what": "Ship by Friday", "due_at": context.clock.now()}
    before = count("promise")
    for bad, field in ((theirs.id, "interaction_id"), ("f" * 32, "interaction_id")):
        with pytest.raises(ValidationError) as caught:
            promises.add(context, customer_id, {**raw, field: bad})
        assert "with this customer" in caught.value.errors[field]
    with pytest.raises(ValidationError) as caught:
        promises.add(context, customer_id, {**raw, "deal_id": "d" * 32})
    assert "deal_id" in caught.value.errors
    assert count("promise") == before
    linked = promises.add(context, customer_id, {**raw, "interaction_id": ours.id})
    assert linked.interaction_id == ours.id
    with pytest.raises(NotFound):
        promises.add(context, "0" * 32, raw)


def test_the_newest_outcome_wins_and_earlier_ones_stay(context, customer_id):
    made = promise(context, customer_id)
    tick(context)
    kept = promises.settle(context, made.id, {"status": "kept"})
    assert (kept.status, kept.outcome_at) == ("kept", context.clock.now())
    tick(context)
    broken = promises.settle(context, made.id, {"status": "broken", "note": "paid half"})
    assert (broken.status, broken.outcome_note) == ("broken", "paid half")
    assert count("promise_outcome") == 2
    assert promises.get(made.id).status == "broken"
    assert verify().ok


def test_outcomes_recorded_in_the_same_instant_keep_their_order(context, customer_id):
    made = promise(context, customer_id)
    promises.settle(context, made.id, {"status": "broken"})
    promises.settle(context, made.id, {"status": "kept"})  # the frozen clock: the ledger's order decides
    assert promises.get(made.id).status == "kept"


def test_cancelling_needs_a_note(context, customer_id):
    made = promise(context, customer_id)
    before = (count("promise_outcome"), count("ledger"))
    with pytest.raises(ValidationError) as caught:
        promises.settle(context, made.id, {"status": "cancelled", "note": "  "})
    assert list(caught.value.errors) == ["note"]
    with pytest.raises(ValidationError) as caught:
        promises.settle(context, made.id, {"status": "forgotten"})
    assert "status" in caught.value.errors
    assert (count("promise_outcome"), count("ledger")) == before
    with pytest.raises(NotFound):
        promises.settle(context, "0" * 32, {"status": "kept"})
    cancelled = promises.settle(context, made.id, {"status": "cancelled", "note": "order withdrawn"})
    assert (cancelled.status, cancelled.outcome_note) == ("cancelled", "order withdrawn")


def test_an_amendment_is_a_new_version_and_the_chain_counts_once(context, customer_id):
    made = promise(context, customer_id)
    tick(context)
    promises.settle(context, made.id, {"status": "kept"})
    tick(context)
    before = count("promise")
    fixed = promises.amend(context, made.id, {"what": "Pay the 30% deposit"})
    assert count("promise") == before + 1
    assert (fixed.amends_id, fixed.what, fixed.kind, fixed.due_at) == (
        made.id,
        "Pay the 30% deposit",
        "payment",
        made.due_at,
    )
    assert fixed.status == "kept"  # the outcome of the chain carries over to its newest version
    assert database.execute_sql("SELECT what FROM promise WHERE id = ?", (made.id,)).fetchone()[0] == "Pay the deposit"
    assert [view.id for view in promises.for_customer(customer_id)] == [fixed.id]
    assert promises.get(made.id).id == fixed.id  # any version names the chain
    tick(context)
    again = promises.amend(context, fixed.id, {"kind": "other"})
    assert again.amends_id == fixed.id
    assert promises.tally(customer_id) == (PromiseTally("customer", "other", kept=1, broken=0, open=0),)
    # An outcome given for an old version is recorded on the version in force, and wins.
    settled = promises.settle(context, made.id, {"status": "broken", "note": "the cheque bounced"})
    assert settled.id == again.id and settled.status == "broken"
    assert (
        database.execute_sql("SELECT promise_id FROM promise_outcome ORDER BY hlc DESC LIMIT 1").fetchone()[0]
        == again.id
    )
    assert verify().ok


def test_amend_refuses_an_old_version_no_change_and_bad_fields(context, customer_id):
    made = promise(context, customer_id)
    fixed = promises.amend(context, made.id, {"what": "Pay the 30% deposit"})
    before = (count("promise"), count("ledger"))
    with pytest.raises(ValidationError) as caught:
        promises.amend(context, made.id, {"what": "Pay everything"})
    assert fixed.id in caught.value.errors["promise"]
    with pytest.raises(ValidationError) as caught:
        promises.amend(context, fixed.id, {"what": "Pay the 30% deposit "})
    assert "nothing changed" in caught.value.errors["promise"]
    with pytest.raises(ValidationError) as caught:
        promises.amend(context, fixed.id, {"side": "nobody"})
    assert "side" in caught.value.errors
    with pytest.raises(NotFound):
        promises.amend(context, "0" * 32, {"what": "x"})
    assert (count("promise"), count("ledger")) == before


def test_tally_counts_kept_broken_and_open_per_side_and_kind(context, customer_id):
    made = []
    for side, kind, status in [
        ("customer", "payment", "kept"),
        ("customer", "payment", "kept"),
        ("customer", "payment", "broken"),
        ("customer", "payment", None),
        ("customer", "payment", "cancelled"),
        ("us", "delivery", "kept"),
        ("us", "delivery", None),
        ("us", "quality", "cancelled"),
    ]:
        view = promise(context, customer_id, side=side, kind=kind, what=f"{side} {kind}")
        if status is not None:
            promises.settle(context, view.id, {"status": status, "note": "n"})
        made.append(view)
    assert promises.tally(customer_id) == (
        PromiseTally("us", "delivery", kept=1, broken=0, open=1),
        PromiseTally("customer", "payment", kept=2, broken=1, open=1),
    )  # the spec's order (us first); the cancelled quality promise leaves nothing to count
    other = customers.create(context, {"name": "No Promises"}).id
    assert promises.tally(other) == ()


def test_open_promises_come_first_by_due_time_then_settled_ones(context, customer_id):
    later = promise(context, customer_id, days=10, what="later")
    overdue = promise(context, customer_id, days=-2, what="overdue")
    soon = promise(context, customer_id, days=1, what="soon")
    done_early = promise(context, customer_id, days=-5, what="done early")
    done_late = promise(context, customer_id, days=-1, what="done late")
    for view in (done_early, done_late):
        promises.settle(context, view.id, {"status": "kept"})
    now = context.clock.now()
    listed = promises.for_customer(customer_id, now=now)
    assert [view.what for view in listed] == ["overdue", "soon", "later", "done late", "done early"]
    assert [view.overdue for view in listed] == [True, False, False, False, False]
    assert [view.id for view in promises.for_customer(customer_id, open_only=True)] == [overdue.id, soon.id, later.id]
    record = promises.record(customer_id, now, limit=2)
    assert [view.what for view in record.next_open] == ["overdue", "soon"] and record.open_count == 3


def test_listing_spans_customers_with_their_names(context, customer_id):
    other = customers.create(context, {"name": "Acme"}).id
    ours = promise(context, customer_id, side="us", days=2)
    theirs = promise(context, other, days=1)
    promises.settle(context, ours.id, {"status": "kept"})
    listed = promises.listing(now=context.clock.now())
    assert [(view.id, view.customer_name) for view in listed] == [(theirs.id, "Acme"), (ours.id, "华信贸易")]
    assert [view.id for view in promises.listing(open_only=True)] == [theirs.id]
    assert [view.id for view in promises.listing(customer_id)] == [ours.id]


def test_verify_names_a_promise_or_outcome_altered_outside_the_app(context, customer_id, db_path):
    made = promise(context, customer_id)
    fixed = promises.amend(context, made.id, {"what": "Pay the 30% deposit"})
    promises.settle(context, fixed.id, {"status": "broken", "note": "late"})
    outcome_id = database.execute_sql("SELECT id FROM promise_outcome").fetchone()[0]
    tamper(db_path, "UPDATE promise SET what = 'Pay nothing' WHERE id = ?", (fixed.id,))
    tamper(db_path, "UPDATE promise SET due_at = '2030-01-01T00:00:00.000000Z' WHERE id = ?", (made.id,))
    tamper(db_path, "UPDATE promise_outcome SET status = 'kept' WHERE id = ?", (outcome_id,))
    problems = verify().problems
    for record_id, entity in ((fixed.id, "promise"), (made.id, "promise"), (outcome_id, "promise_outcome")):
        named = [problem for problem in problems if record_id in problem]
        assert named and named[0].startswith(f"{entity} ") and "altered outside the app" in named[0]


def test_verify_names_a_deleted_outcome(context, customer_id, db_path):
    made = promise(context, customer_id)
    promises.settle(context, made.id, {"status": "kept"})
    outcome_id = database.execute_sql("SELECT id FROM promise_outcome").fetchone()[0]
    tamper(db_path, "DELETE FROM promise_outcome WHERE id = ?", (outcome_id,))
    named = [problem for problem in verify().problems if outcome_id in problem]
    assert named and "deleted outside the app" in named[0]


@pytest.mark.parametrize(
    ("table", "sql"),
    [
        ("promise", "UPDATE promise SET what = 'changed' WHERE id = ?"),
        ("promise", "UPDATE promise SET amends_id = NULL WHERE id = ?"),
        ("promise", "DELETE FROM promise WHERE id = ?"),
        ("promise_outcome", "UPDATE promise_outcome SET status = 'broken' WHERE promise_id = ?"),
        ("promise_outcome", "DELETE FROM promise_outcome WHERE promise_id = ?"),
    ],
)
def test_the_triggers_refuse_to_edit_or_delete_promises_and_outcomes(context, customer_id, db_path, table, sql):
    made = promise(context, customer_id)
    fixed = promises.amend(context, made.id, {"what": "Pay the 30% deposit"})
    promises.settle(context, fixed.id, {"status": "kept"})
    before = (count("promise"), count("promise_outcome"))
    connection = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match=f"{table} is append-only"):
            connection.execute(sql, (fixed.id,))
    finally:
        connection.close()
    after = promises.get(fixed.id)
    assert (after.what, after.amends_id, after.status) == ("Pay the 30% deposit", made.id, "kept")
    assert (count("promise"), count("promise_outcome")) == before
