"""Merging duplicates: nothing is lost, everything ends under the survivor, the merged-away id finds the survivor
everywhere, and verify holds the merge to the ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salestui.db.connection import database
from salestui.db.deal_models import CustomerMerge
from salestui.db.entities import ENTITIES
from salestui.db.models import Customer
from salestui.services import alerts, customer_lookup, customers, followups, merge, timeline
from salestui.services.errors import NotFound, ValidationError
from salestui.services.session import close, open_context
from salestui.services.verify import verify
from tests.conftest import Seeded, run
from tests.merge_book import Pair, every_record, make_pair
from tests.tampering import tamper
from tests.test_codes_from_specs import version_2_book  # noqa: F401  (a fixture)

# Columns a move may change: where it belongs, and what every write stamps.
MOVED_COLUMNS = {"customer_id", "hlc", "row_hash", "updated_at", "is_primary"}


@pytest.fixture
def pair(seeded: Seeded) -> Pair:
    return make_pair(seeded)


def count(sql: str, params: tuple = ()) -> int:
    return int(database.execute_sql(sql, params).fetchone()[0])


def test_the_preview_shows_both_values_the_default_winner_and_what_moves(pair: Pair) -> None:
    shown = merge.preview(pair.survivor, pair.merged)
    fields = {field.name: field for field in shown.fields}
    assert (fields["phone"].survivor, fields["phone"].merged, fields["phone"].winner) == (
        "138 0013 8000",
        "138 0013 8001",
        "survivor",
    )
    assert fields["email"].winner == "merged" and fields["email"].merged == "zw@huaxin.example"  # his was blank
    assert fields["name"].differs is False and "name" not in {field.name for field in shown.differing()}
    assert fields["tier"].survivor == "VIP" and fields["tier"].merged == "Potential"  # labels, not codes
    assert "currency" not in fields  # it goes with the credit limit
    moves = dict(shown.moves)
    assert moves == {
        "contact_person": 2,
        "interaction": 3,
        "follow_up": 2,
        "deal": 1,
        "deal_line": 2,
        "memo": 1,
        "deal_event": 2,
        "promise": 2,
        "promise_outcome": 2,
    }
    assert count("SELECT COUNT(*) FROM customer WHERE merged_into_id IS NOT NULL") == 0  # a preview writes nothing


def test_merge_keeps_every_record_and_puts_everything_under_the_survivor(seeded: Seeded, pair: Pair) -> None:
    before = every_record()
    events_before = count("SELECT COUNT(*) FROM ledger")
    signatures_before = count("SELECT COUNT(*) FROM ledger_signature")
    done = merge.merge(seeded.context, pair.survivor, pair.merged)
    after = every_record()
    for table, rows in before.items():
        added = set(after[table]) - set(rows)
        assert set(rows) <= set(after[table]), f"{table}: records lost"
        assert added == ({done.id} if table == "customer_merge" else set()), f"{table}: records added"
    moved = 0
    for model in merge.MOVERS:
        table = model._meta.table_name
        for record_id, row in before[table].items():
            now = after[table][record_id]
            changed = {column for column in row if row[column] != now[column]}
            if row["customer_id"] != pair.merged:
                assert not changed, f"{table} {record_id} of another customer changed"
                continue
            assert now["customer_id"] == pair.survivor, f"{table} {record_id} left behind"
            assert changed <= MOVED_COLUMNS, f"{table} {record_id} changed {changed}"
            moved += 1
    for model, _column, _parent in merge.FOLLOWERS:  # lines, memos, outcomes: untouched, under a moved record
        assert before[model._meta.table_name] == after[model._meta.table_name]
    assert moved == sum(count for table, count in done.moves if table in {m._meta.table_name for m in merge.MOVERS})
    events = count("SELECT COUNT(*) FROM ledger") - events_before
    assert events == moved + 3  # each move, the merged-away customer's pointer, the survivor's e-mail, the merge
    assert count("SELECT COUNT(*) FROM ledger_signature") == signatures_before + 1  # one signed transaction
    assert after["customer"][pair.merged]["merged_into_id"] == pair.survivor
    assert after["customer"][pair.survivor]["email"] == "zw@huaxin.example"
    assert after["customer"][pair.survivor]["phone"] == "138 0013 8000"
    amended = [row for row in after["interaction"].values() if row["amends_id"] and "dup" in row["summary"]]
    assert amended and after["interaction"][amended[0]["amends_id"]]["customer_id"] == pair.survivor
    assert verify().ok, verify().problems


def test_the_merge_record_holds_the_choices_and_counts(seeded: Seeded, pair: Pair) -> None:
    done = merge.merge(seeded.context, pair.survivor, pair.merged, {"phone": "merged", "email": "survivor"})
    record = CustomerMerge.get_by_id(done.id)
    choices = json.loads(record.choices)
    assert choices["phone"] == "merged" and choices["email"] == "survivor" and choices["name"] == "survivor"
    assert choices["region"] == "merged"  # blank on the survivor: the merged one's wins by default
    assert set(choices) == set(merge.CUSTOMER.fields)
    assert json.loads(record.moved) == dict(done.moves)
    assert record.choices == json.dumps(choices, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    survivor = customers.detail(pair.survivor)
    assert (survivor.phone, survivor.email, survivor.region) == ("138 0013 8001", "", "宁波")


def test_the_survivor_keeps_its_primary_contact_person(seeded: Seeded, pair: Pair) -> None:
    merge.merge(seeded.context, pair.survivor, pair.merged)
    primaries = database.execute_sql(
        "SELECT name FROM contact_person WHERE customer_id = ? AND is_primary = 1", (pair.survivor,)
    ).fetchall()
    assert primaries == [("kept buyer",)]
    assert count("SELECT COUNT(*) FROM contact_person WHERE customer_id = ?", (pair.survivor,)) == 5


def test_last_contact_is_recomputed_and_checked_by_verify(seeded: Seeded, pair: Pair) -> None:
    newest = timeline.append(seeded.context, pair.merged, {"kind": "im", "summary": "newest, on the duplicate"})
    merge.merge(seeded.context, pair.survivor, pair.merged)
    assert customers.detail(pair.survivor).last_contact_at == newest.occurred_at
    assert Customer.get_by_id(pair.merged).last_contact_at is None
    assert verify().ok


def test_a_merged_customer_is_hidden_from_lists_search_counts_alerts_and_the_queue(seeded: Seeded, pair: Pair) -> None:
    total = customers.count()
    merge.merge(seeded.context, pair.survivor, pair.merged)
    assert customers.count() == total - 1
    for query in ("", "张伟", "张", "zhangwei", "138 0013 8001", "huaxin"):
        ids = [row.id for row in customers.search(query, 100).rows]
        assert pair.merged not in ids, query
        assert len(customers.page_after(query, None, 100)) == len(ids)
    # The survivor took the duplicate's e-mail (his own was blank), and the search index took it with it.
    assert [row.id for row in customers.search("zw@huaxin", 10).rows] == [pair.survivor]
    assert customers.search("张伟", 10).total == 1 and customers.count("张伟") == 1
    assert all(row.id != pair.merged for row in customers.page_before("", None, 100))
    assert all(row.id != pair.merged for row in customers.page_at("", 0, 100))
    queue = followups.queue(seeded.context)
    queued = [item.customer_id for group in (queue.overdue, queue.today, queue.upcoming) for item in group]
    assert pair.survivor in queued and pair.merged not in queued
    assert all(alert.customer_id != pair.merged for alert in alerts.alerts(seeded.context))


def test_a_merged_id_resolves_to_the_survivor(seeded: Seeded, pair: Pair) -> None:
    merge.merge(seeded.context, pair.survivor, pair.merged)
    assert customer_lookup.resolve(pair.merged).id == pair.survivor
    assert customer_lookup.resolve(pair.merged[:8]).id == pair.survivor
    assert customer_lookup.resolve("张伟").id == pair.survivor  # no longer ambiguous
    assert customer_lookup.resolve("138 0013 8001").id == pair.survivor
    assert customer_lookup.resolve(pair.merged, follow_merges=False).id == pair.merged
    assert customers.detail(pair.merged).id == pair.survivor
    logged = timeline.append(seeded.context, pair.merged, {"kind": "call", "summary": "to the old id"})
    assert logged.customer_id == pair.survivor
    planned = followups.create(seeded.context, pair.merged, {"title": "old id", "due_at": seeded.context.clock.now()})
    assert planned.customer_id == pair.survivor
    edited = customers.update(seeded.context, pair.merged, {"industry": "Packaging"})
    assert edited.id == pair.survivor and edited.industry == "Packaging"
    assert Customer.get_by_id(pair.merged).industry == ""
    assert verify().ok


def test_a_chain_of_merges_resolves_to_its_end(seeded: Seeded, pair: Pair) -> None:
    merge.merge(seeded.context, pair.survivor, pair.merged)
    third = seeded.customer_ids["李娜"]
    merge.merge(seeded.context, third, pair.survivor)
    assert customer_lookup.resolve(pair.merged).id == third
    assert customers.detail(pair.merged).id == third
    assert count("SELECT COUNT(*) FROM interaction WHERE customer_id IN (?, ?)", (pair.merged, pair.survivor)) == 0
    assert verify().ok


@pytest.mark.parametrize(
    ("survivor", "merged", "field", "message"),
    [
        ("a", "a", "merged", "cannot be merged into itself"),
        ("a", "m", "merged", "was merged into 张伟 already"),
        ("m", "b", "survivor", "was merged into 张伟 already; merge into 张伟 instead"),
    ],
)
def test_refusals_say_why_and_write_nothing(
    seeded: Seeded, pair: Pair, survivor: str, merged: str, field: str, message: str
) -> None:
    merge.merge(seeded.context, pair.survivor, pair.merged)
    ids = {"a": seeded.customer_ids["李娜"], "b": seeded.customer_ids["陈杰"], "m": pair.merged}
    events = count("SELECT COUNT(*) FROM ledger")
    for attempt in (merge.preview, lambda s, m: merge.merge(seeded.context, s, m)):
        with pytest.raises(ValidationError) as refused:
            attempt(ids[survivor], ids[merged])
        assert message in refused.value.errors[field]
    assert count("SELECT COUNT(*) FROM ledger") == events


def test_bad_choices_and_unknown_customers_are_refused(seeded: Seeded, pair: Pair) -> None:
    events = count("SELECT COUNT(*) FROM ledger")
    with pytest.raises(ValidationError) as refused:
        merge.merge(seeded.context, pair.survivor, pair.merged, {"phone": "both", "colour": "merged"})
    assert set(refused.value.errors) == {"phone", "colour"}
    with pytest.raises(ValidationError) as refused:
        merge.merge(seeded.context, pair.survivor, pair.merged, {"credit_limit": "merged", "currency": "survivor"})
    assert "credit limit" in refused.value.errors["currency"]
    with pytest.raises(NotFound):
        merge.merge(seeded.context, pair.survivor, "f" * 32)
    assert count("SELECT COUNT(*) FROM ledger") == events


def test_the_credit_limit_moves_with_its_currency(seeded: Seeded, pair: Pair) -> None:
    customers.update(seeded.context, pair.merged, {"credit_limit": "500000", "currency": "JPY"})
    field = {field.name: field for field in merge.preview(pair.survivor, pair.merged).fields}["credit_limit"]
    assert (field.survivor, field.merged, field.winner) == ("", "500,000 JPY", "merged")
    merge.merge(seeded.context, pair.survivor, pair.merged)
    survivor = customers.detail(pair.survivor)
    assert (survivor.credit_limit, survivor.currency) == (500000, "JPY")


def test_verify_fails_when_a_moved_interaction_is_moved_back(seeded: Seeded, pair: Pair) -> None:
    moved = database.execute_sql("SELECT id FROM interaction WHERE customer_id = ?", (pair.merged,)).fetchone()[0]
    merge.merge(seeded.context, pair.survivor, pair.merged)
    tamper(seeded.context.path, "UPDATE interaction SET customer_id = ? WHERE id = ?", (pair.merged, moved))
    report = verify()
    assert not report.ok
    assert any(moved in problem and "altered outside the app" in problem for problem in report.problems)


@pytest.mark.parametrize("table", ["interaction", "promise", "deal_event"])
def test_append_only_records_move_only_to_the_survivor_of_a_merge(seeded: Seeded, pair: Pair, table: str) -> None:
    row_id = database.execute_sql(f"SELECT id FROM {table} WHERE customer_id = ?", (pair.merged,)).fetchone()[0]
    with pytest.raises(Exception, match="append-only"):  # not merged: no move at all
        with database.atomic():
            database.execute_sql(f"UPDATE {table} SET customer_id = ? WHERE id = ?", (pair.survivor, row_id))
    merge.merge(seeded.context, pair.survivor, pair.merged)
    other = seeded.customer_ids["李娜"]
    with pytest.raises(Exception, match="append-only"):  # merged: still only moves, and only to the survivor
        with database.atomic():
            database.execute_sql(f"UPDATE {table} SET customer_id = ? WHERE id = ?", (other, row_id))
    with pytest.raises(Exception, match="append-only"):
        with database.atomic():
            database.execute_sql(f"UPDATE {table} SET created_at = created_at || 'x' WHERE id = ?", (row_id,))


@pytest.mark.parametrize("table", ["interaction", "promise", "deal_event"])
def test_a_move_keeps_every_column_but_the_customer(table: str) -> None:
    """The trigger's list of unchanged columns is the table's every column but the customer, hlc and row_hash."""
    from salestui.db import migrations

    model = next(model for model in ENTITIES if model._meta.table_name == table)
    kept = {"interaction": migrations.INTERACTION_COLUMNS, "promise": migrations.PROMISE_COLUMNS}.get(
        table, migrations.DEAL_EVENT_COLUMNS
    )
    columns = {field.column_name for field in model._meta.sorted_fields}
    assert set(kept) == columns - {"hlc", "row_hash", "customer_id"}


def test_the_cli_logs_to_the_survivor_by_the_merged_id(capsys, seeded: Seeded, pair: Pair, db_path: Path) -> None:
    merge.merge(seeded.context, pair.survivor, pair.merged)
    close()
    code, out, err = run(
        capsys, "log", pair.merged, "--kind", "call", "--summary", "by the old id", "--db", str(db_path), "--json"
    )
    assert code == 0, err
    assert json.loads(out)["customer_id"] == pair.survivor
    code, out, _err = run(capsys, "customers", "--search", "张伟", "--json", "--db", str(db_path))
    assert [row["id"] for row in json.loads(out)] == [pair.survivor]
    code, out, _err = run(capsys, "verify", "--db", str(db_path))
    assert code == 0, out


def test_a_merge_on_a_database_migrated_from_version_2(version_2_book: Path, clock) -> None:  # noqa: F811
    """Records written before version 5 (without its added columns) move and still verify."""
    context = open_context(version_2_book, "alice", clock)
    try:
        survivor, merged = customer_lookup.resolve("张伟").id, customer_lookup.resolve("李娜").id
        moving = count("SELECT COUNT(*) FROM interaction WHERE customer_id = ?", (merged,))
        done = merge.merge(context, survivor, merged)
        assert moving and dict(done.moves)["interaction"] == moving
        assert count("SELECT COUNT(*) FROM interaction WHERE customer_id = ?", (merged,)) == 0
        assert verify().ok, verify().problems
    finally:
        close()
