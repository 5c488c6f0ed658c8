"""Verify: a clean database passes; every edit made outside the app is found and named."""

from __future__ import annotations

import sqlite3

import pytest

from salestui.db.connection import database
from salestui.services import ledger
from salestui.services.verify import verify
from tests.tampering import tamper


def one(sql: str, params: tuple = ()):
    return database.execute_sql(sql, params).fetchone()


def problems_naming(report, text: str) -> list[str]:
    return [problem for problem in report.problems if text in problem]


@pytest.fixture
def book(seeded):
    report = verify()
    assert report.ok, report.problems
    return seeded


def test_clean_database_verifies(book):
    report = verify()
    assert report.ok
    assert report.problems == ()
    events = one("SELECT COUNT(*) FROM ledger")[0]
    assert report.events_checked == events == report.head_seq
    updates = one("SELECT COUNT(*) FROM ledger WHERE op = 'update'")[0]
    assert updates == 2  # the seed completes one follow-up and edits one customer
    assert report.rows_checked == events - updates  # every other event made one row
    assert (report.head_seq, report.head_hash) == ledger.head()


def test_empty_database_verifies(context):
    report = verify()
    assert report.ok
    assert report.events_checked == 2  # the signed-in rep and their key
    assert report.signatures_checked == 1


def test_changed_interaction_summary(book):
    interaction_id = one("SELECT id FROM interaction WHERE summary LIKE 'Agreed 500%'")[0]
    tamper(book.context.path, "UPDATE interaction SET summary = 'Agreed 50 units' WHERE id = ?", (interaction_id,))
    report = verify()
    assert not report.ok
    named = problems_naming(report, interaction_id)
    assert named and "altered outside the app" in named[0]
    assert named[0].startswith("interaction ")


def test_changed_customer_phone(book):
    customer_id = book.customer_ids["张伟"]
    tamper(book.context.path, "UPDATE customer SET phone = '138 0000 0000' WHERE id = ?", (customer_id,))
    report = verify()
    named = problems_naming(report, customer_id)
    assert any("altered outside the app" in problem for problem in named)
    assert len(named) == 1  # the search columns are part of the hashed record


def test_changed_customer_phone_with_search_columns_fixed_too(book):
    """A careful forger who also rewrites the derived columns is still caught by the row hash."""
    customer_id = book.customer_ids["李娜"]
    from salestui.services.customers import derived_columns

    row = dict(
        zip(
            ("name", "company", "phone", "email", "im_handle"),
            one("SELECT name, company, phone, email, im_handle FROM customer WHERE id = ?", (customer_id,)),
            strict=True,
        )
    )
    row["phone"] = "139 0000 0000"
    derived = derived_columns(row)
    connection = sqlite3.connect(book.context.path)
    connection.execute(
        "UPDATE customer SET phone = ?, sort_key = ?, search_text = ? WHERE id = ?",
        (row["phone"], derived["sort_key"], derived["search_text"], customer_id),
    )
    connection.commit()
    connection.close()
    report = verify()
    assert len(report.problems) == 1
    assert customer_id in report.problems[0]


def test_changed_event_data(book):
    seq, entity_id = one("SELECT seq, entity_id FROM ledger WHERE entity = 'interaction' ORDER BY seq LIMIT 1")
    tamper(book.context.path, "UPDATE ledger SET data = replace(data, '500', '50') WHERE seq = ?", (seq,))
    report = verify()
    named = problems_naming(report, f"ledger event {seq} ")
    # '500' may also sit inside a random id in the data, which adds a problem of its own: look for this one
    assert any("data was changed" in problem for problem in named), named
    assert all(entity_id in problem for problem in named)


def test_changed_event_hash(book):
    seq = one("SELECT seq FROM ledger WHERE entity = 'customer' ORDER BY seq LIMIT 1")[0]
    tamper(book.context.path, "UPDATE ledger SET hash = ? WHERE seq = ?", ("f" * 64, seq))
    report = verify()
    assert any("hash does not match" in p for p in problems_naming(report, f"ledger event {seq} "))
    assert any("prev_hash" in p for p in problems_naming(report, f"ledger event {seq + 1} "))


def test_rehashed_event_breaks_the_next_link(book):
    """Rewriting an event's data and recomputing its own hashes still breaks the link after it."""
    seq = one("SELECT seq FROM ledger WHERE entity = 'interaction' ORDER BY seq LIMIT 1")[0]
    columns = ", ".join(ledger.HEADER_FIELDS)
    values = one(f"SELECT {columns}, data, prev_hash FROM ledger WHERE seq = ?", (seq,))
    header = dict(zip(ledger.HEADER_FIELDS, values[:8], strict=True))
    data = values[8].replace("500", "50")
    data_hash = ledger.digest(data)
    new_hash = ledger.event_hash(values[9], header, data_hash)
    tamper(
        book.context.path,
        "UPDATE ledger SET data = ?, data_hash = ?, hash = ? WHERE seq = ?",
        (data, data_hash, new_hash, seq),
    )
    report = verify()
    assert problems_naming(report, f"ledger event {seq + 1} ")
    assert any("prev_hash" in problem for problem in report.problems)


def test_deleted_event_leaves_a_gap(book):
    seq = one("SELECT seq FROM ledger WHERE entity = 'follow_up' ORDER BY seq LIMIT 1")[0]
    follow_up_id = one("SELECT entity_id FROM ledger WHERE seq = ?", (seq,))[0]
    tamper(book.context.path, "DELETE FROM ledger WHERE seq = ?", (seq,))
    report = verify()
    assert f"ledger events {seq}–{seq} are missing (deleted from the ledger)" in report.problems
    assert not any("prev_hash" in problem for problem in report.problems)  # the gap says it all
    named = problems_naming(report, follow_up_id)
    assert named and "among the missing ones" in named[0]


def test_deleted_last_event_is_seen_by_the_row(book):
    seq, entity_id = one("SELECT seq, entity_id FROM ledger ORDER BY seq DESC LIMIT 1")
    tamper(book.context.path, "DELETE FROM ledger WHERE seq = ?", (seq,))
    report = verify()
    assert any("no ledger event" in problem for problem in problems_naming(report, entity_id))
    assert f"signed commit at event {seq}, but the ledger ends at event {seq - 1} (events removed from its end)" in (
        report.problems
    )


def test_deleted_customer_row(book):
    customer_id = book.customer_ids["王芳"]
    tamper(book.context.path, "DELETE FROM customer WHERE id = ?", (customer_id,))
    report = verify()
    named = problems_naming(report, customer_id)
    assert named and "row is missing" in named[0]


def test_inserted_row_without_event(book):
    source = one("SELECT id FROM interaction ORDER BY id LIMIT 1")[0]
    columns = [row[1] for row in database.execute_sql("PRAGMA table_info(interaction)")]
    names = ", ".join(columns)
    copied = ", ".join("?" if column == "id" else column for column in columns)
    new_id = "e" * 32
    tamper(
        book.context.path,
        f"INSERT INTO interaction ({names}) SELECT {copied} FROM interaction WHERE id = ?",
        (new_id, source),
    )
    report = verify()
    named = problems_naming(report, new_id)
    assert named and "no ledger event" in named[0]


def test_changed_last_contact(book):
    customer_id = book.customer_ids["陈杰"]
    tamper(
        book.context.path,
        "UPDATE customer SET last_contact_at = '2026-11-26T01:00:00.000000Z' WHERE id = ?",
        (customer_id,),
    )
    report = verify()
    named = problems_naming(report, customer_id)
    assert named and "last_contact_at" in named[0]


def test_changed_row_hash(book):
    follow_up_id = book.follow_up_ids["Send samples"]
    tamper(book.context.path, "UPDATE follow_up SET row_hash = ? WHERE id = ?", ("0" * 64, follow_up_id))
    report = verify()
    named = problems_naming(report, follow_up_id)
    assert named and "row_hash" in named[0]
    assert len(report.problems) == 1


def test_changed_rep(book):
    rep_id = book.context.rep_id
    tamper(book.context.path, "UPDATE rep SET role = 'rep' WHERE id = ?", (rep_id,))
    assert problems_naming(verify(), rep_id)


def test_problem_list_is_capped(book, monkeypatch):
    from salestui.services import verify as verify_module

    monkeypatch.setattr(verify_module, "MAX_PROBLEMS", 2)
    tamper(book.context.path, "UPDATE ledger SET hash = 'x'", rows=None)
    report = verify()
    assert len(report.problems) == 3
    assert report.problems[-1].startswith("… and ")


@pytest.mark.parametrize(("column", "value"), [("rep", "mallory"), ("op", "delete"), ("hlc", "0000000000000.00000.x")])
def test_changed_event_header(book, column, value):
    seq = one("SELECT seq FROM ledger WHERE entity = 'interaction' ORDER BY seq LIMIT 1")[0]
    tamper(book.context.path, f"UPDATE ledger SET {column} = ? WHERE seq = ?", (value, seq))
    named = problems_naming(verify(), f"ledger event {seq} ")
    assert any("hash does not match its header" in problem for problem in named)


def test_a_customer_record_in_the_first_form_is_accepted_and_its_search_columns_recomputed(book):
    """SalesTUI 0.1 left the search columns out of a customer's record: such events still verify, and a stale
    search column of theirs is still found, by recomputing it."""
    from salestui.db.models import Customer

    customer_id = book.customer_ids["李娜"]
    row = Customer.get_by_id(customer_id).stored_row()
    first = ledger.first_form_data(Customer, row)
    seq = one("SELECT MAX(seq) FROM ledger WHERE entity_id = ?", (customer_id,))[0]
    tamper(
        book.context.path, "UPDATE ledger SET data = ?, data_hash = ? WHERE seq = ?", (first, ledger.digest(first), seq)
    )
    tamper(book.context.path, "UPDATE customer SET row_hash = ? WHERE id = ?", (ledger.digest(first), customer_id))
    report = verify()
    # Only the chain names this edit (the hash no longer matches); the row itself is in a form verify accepts.
    assert [problem for problem in report.problems if customer_id in problem] == [
        problem for problem in report.problems if problem.startswith(f"ledger event {seq} ")
    ]
    tamper(book.context.path, "UPDATE customer SET search_text = 'nothing to find' WHERE id = ?", (customer_id,))
    assert f"customer {customer_id}: search columns are stale" in verify().problems
