"""Deals and the ledger: verify passes after every operation and names a deal, line or event altered outside the
app; a refused operation writes nothing; deal events refuse edits; a deals list reads in a fixed number of
statements."""

from __future__ import annotations

import pytest

from salestui.db.connection import database
from salestui.services import deals
from salestui.services.errors import ValidationError
from salestui.services.session import close
from salestui.services.verify import verify
from tests.conftest import Seeded
from tests.deal_book import ledger_length, three_lines
from tests.tampering import tamper, tamper_script


@pytest.fixture
def zhang(seeded: Seeded) -> str:
    return seeded.customer_ids["张伟"]


def test_verify_passes_after_each_operation_and_names_an_altered_line(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Checked"}, three_lines())
    deals.move(context, deal.id, "agreed", terms={"agreed_via": "visit"})
    deals.save_lines(context, deal.id, [{"item": "only", "quantity_milli": "2", "unit_price": "5"}])
    path = context.path
    close()
    assert verify(path).ok
    line_id = database_line(path)
    tamper(path, "UPDATE deal_line SET unit_price = 1 WHERE id = ?", (line_id,))
    report = verify(path)
    assert not report.ok
    assert any(f"deal_line {line_id}" in problem for problem in report.problems)


def test_verify_names_an_altered_deal_and_a_deleted_event(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Checked"})
    path = context.path
    close()
    tamper(path, "UPDATE deal SET title = 'forged' WHERE id = ?", (deal.id,))
    tamper_script(path, "DELETE FROM deal_event;")
    problems = verify(path).problems
    assert any(f"deal {deal.id}" in problem for problem in problems)
    assert any("deal_event" in problem for problem in problems)


def test_deal_events_refuse_update_and_delete(seeded: Seeded, zhang: str) -> None:
    deals.create(seeded.context, zhang, {"title": "x"})
    import sqlite3

    connection = sqlite3.connect(seeded.context.path)
    for statement in ("UPDATE deal_event SET text = 'x'", "DELETE FROM deal_event"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(statement)
    connection.close()


def database_line(path) -> str:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT id FROM deal_line WHERE status = 'active'").fetchone()[0]
    finally:
        connection.close()


def test_verify_passes_after_every_operation(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Every step"}, three_lines())
    first = deal.lines[0]
    steps = [
        lambda: deals.update_terms(context, deal.id, {"warranty": "12 months"}),
        lambda: deals.move(context, deal.id, "quoted"),
        lambda: deals.move(context, deal.id, "agreed", terms={"agreed_via": "meeting"}),
        lambda: deals.update_terms(context, deal.id, {"payment_terms": "30 days after delivery"}),
        lambda: deals.save_lines(
            context, deal.id, [{"id": first.id, "item": "贴片电容", "quantity_milli": "2", "unit_price": "0.33"}]
        ),
        lambda: deals.move(context, deal.id, "lost", "price"),
        lambda: deals.reopen(context, deal.id, "agreed", "they called back"),
    ]
    assert verify().ok
    for step in steps:
        before = ledger_length()
        step()
        assert ledger_length() > before
        report = verify()
        assert report.ok, report.problems


def test_a_refused_operation_writes_nothing(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Refusals"}, three_lines())
    line = deal.lines[0]
    refused = [
        lambda: deals.update_terms(context, deal.id, {"warranty": "x" * 501, "delivery_place": "宁波"}),
        lambda: deals.save_lines(
            context,
            deal.id,
            [
                {"id": line.id, "item": "changed", "quantity_milli": "2", "unit_price": "1"},
                {"item": "new", "quantity_milli": "1", "unit_price": "0.001"},
            ],
        ),
        lambda: deals.move(context, deal.id, "agreed"),
        lambda: deals.move(context, deal.id, "lost", "  "),
        lambda: deals.reopen(context, deal.id, "lead", "no earlier stage than lead"),
    ]
    before = ledger_length(), database.execute_sql("SELECT COUNT(*) FROM deal_event").fetchone()[0]
    for operation in refused:
        with pytest.raises(ValidationError):
            operation()
    after = ledger_length(), database.execute_sql("SELECT COUNT(*) FROM deal_event").fetchone()[0]
    assert after == before
    assert deals.get(deal.id, context.clock.now()) == deal


def test_removed_lines_stay_in_the_ledger_and_a_deleted_line_is_named(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Kept lines"}, three_lines())
    removed = deal.lines[1]
    deal = deals.save_lines(
        context,
        deal.id,
        [{"id": line.id, "item": line.item, "quantity_milli": "1", "unit_price": "1"} for line in (deal.lines[0],)],
    )
    assert [line.id for line in deal.lines] == [deal.lines[0].id]
    rows = database.execute_sql("SELECT status FROM deal_line WHERE id = ?", (removed.id,)).fetchall()
    assert rows == [("removed",)]
    path = context.path
    close()
    assert verify(path).ok
    tamper(path, "DELETE FROM deal_line WHERE id = ?", (removed.id,))
    assert any(f"deal_line {removed.id}" in problem for problem in verify(path).problems)


def test_a_deals_list_reads_with_as_many_statements_for_nine_deals_as_for_two(seeded: Seeded, zhang: str) -> None:
    from salestui.services import memos

    context = seeded.context

    def sent_deal() -> None:
        deal = deals.create(context, zhang, {"title": "Sent", "stage": "agreed", "agreed_via": "phone"}, three_lines())
        memos.send(context, deal.id, {"channel": "email"})

    def statements() -> int:
        seen: list[str] = []
        database.connection().set_trace_callback(seen.append)
        try:
            rows = deals.listing(context.clock.now(), customer_id=zhang)
        finally:
            database.connection().set_trace_callback(None)
        assert all(row.confirmation == "sent" for row in rows)
        return len(seen)

    for _ in range(2):
        sent_deal()
    few = statements()
    for _ in range(7):
        sent_deal()
    assert statements() == few <= 5
