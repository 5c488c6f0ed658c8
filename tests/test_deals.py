"""Deals: stage rules, exact totals, lines that are never deleted, terms_changed events, errors before any write."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salestui.db.connection import database
from salestui.services import deals
from salestui.services.deal_money import line_total
from salestui.services.errors import NotFound, ValidationError
from salestui.services.session import close
from salestui.services.verify import verify
from tests.conftest import Seeded
from tests.tampering import tamper, tamper_script


def ledger_length() -> int:
    return database.execute_sql("SELECT COUNT(*) FROM ledger").fetchone()[0]


def three_lines() -> list[dict[str, str]]:
    return [
        {"item": "贴片电容", "quantity_milli": "1.5", "unit": "箱", "unit_price": "0.33"},
        {"item": "继电器", "quantity_milli": "0.333", "unit": "个", "unit_price": "0.01"},
        {"item": "电源模块", "quantity_milli": "1000", "unit": "个", "unit_price": "38.00"},
    ]


@pytest.fixture
def zhang(seeded: Seeded) -> str:
    return seeded.customer_ids["张伟"]


def test_a_new_deal_has_its_lines_and_exact_total(seeded: Seeded, zhang: str) -> None:
    deal = deals.create(seeded.context, zhang, {"title": "Capacitors", "currency": "CNY"}, three_lines())
    assert deal.stage == "lead"
    assert [line.quantity_milli for line in deal.lines] == [1500, 333, 1_000_000]
    # 1.5 × 0.33 = 0.495 → 0.50; 0.333 × 0.01 = 0.00333 → 0.00; 1000 × 38.00 = 38,000.00
    assert [line.line_total for line in deal.lines] == [50, 0, 3_800_000]
    assert deal.total == 3_800_050
    assert [event.kind for event in deal.events] == ["created"]
    assert deals.listing(seeded.context.clock.now(), zhang)[0].total == 3_800_050


def test_line_totals_round_half_up_in_integers() -> None:
    assert line_total(1500, 33) == 50  # 49.5 → 50
    assert line_total(1500, 31) == 47  # 46.5 → 47
    assert line_total(1499, 33) == 49  # 49.467 → 49
    assert line_total(3, 1) == 0
    assert line_total(10**12, 9 * 10**5) == 9 * 10**14


def test_yen_has_no_minor_unit(seeded: Seeded, zhang: str) -> None:
    deal = deals.create(
        seeded.context,
        zhang,
        {"title": "JP", "currency": "JPY"},
        [{"item": "x", "quantity_milli": "3", "unit_price": "1200"}],
    )
    assert deal.total == 3600
    with pytest.raises(ValidationError) as refused:
        deals.create(
            seeded.context,
            zhang,
            {"title": "JP", "currency": "JPY"},
            [{"item": "x", "quantity_milli": "1", "unit_price": "1.5"}],
        )
    assert set(refused.value.errors) == {"lines.1.unit_price"}


def test_bad_lines_are_named_and_nothing_is_written(seeded: Seeded, zhang: str) -> None:
    before = ledger_length()
    lines = three_lines()
    lines[1]["unit_price"] = "-3"
    lines[2]["quantity_milli"] = "1.2345"
    lines.append({"item": "", "quantity_milli": "0", "unit_price": "1"})
    with pytest.raises(ValidationError) as refused:
        deals.create(seeded.context, zhang, {"title": "Bad"}, lines)
    assert set(refused.value.errors) == {
        "lines.2.unit_price",
        "lines.3.quantity_milli",
        "lines.4.item",
        "lines.4.quantity_milli",
    }
    assert ledger_length() == before
    assert database.execute_sql("SELECT COUNT(*) FROM deal").fetchone()[0] == 0


def test_a_line_total_over_the_largest_amount_is_refused(seeded: Seeded, zhang: str) -> None:
    huge = [{"item": "x", "quantity_milli": "1000000000000", "unit_price": "9000000000000"}]
    with pytest.raises(ValidationError) as refused:
        deals.create(seeded.context, zhang, {"title": "Huge"}, huge)
    assert set(refused.value.errors) == {"lines.1.quantity_milli"}


def test_links_must_belong_to_the_customer(seeded: Seeded, zhang: str) -> None:
    other = seeded.customer_ids["李娜"]
    foreign = database.execute_sql("SELECT id FROM interaction WHERE customer_id = ?", (other,)).fetchone()[0]
    with pytest.raises(ValidationError) as refused:
        deals.create(seeded.context, zhang, {"title": "x", "interaction_id": foreign, "agreed_contact_id": "nobody"})
    assert set(refused.value.errors) == {"interaction_id", "agreed_contact_id"}
    with pytest.raises(NotFound):
        deals.create(seeded.context, "0" * 32, {"title": "x"})


def test_stages_move_forward_only_and_reopen_is_ledgered(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Relays"}, three_lines())
    deal = deals.move(context, deal.id, "quoted")
    with pytest.raises(ValidationError) as refused:
        deals.move(context, deal.id, "agreed")
    assert set(refused.value.errors) == {"agreed_via"}
    deal = deals.move(context, deal.id, "agreed", terms={"agreed_via": "phone"})
    assert deal.agreed_at == context.clock.now()
    with pytest.raises(ValidationError) as backwards:
        deals.move(context, deal.id, "quoted")
    assert "stage" in backwards.value.errors
    deal = deals.move(context, deal.id, "paid")  # skipping delivered is allowed
    deal = deals.reopen(context, deal.id, "delivered", "payment bounced")
    assert deal.stage == "delivered"
    kinds = [(event.kind, event.from_stage, event.to_stage) for event in deal.events]
    assert kinds == [
        ("created", "", "lead"),
        ("stage", "lead", "quoted"),
        ("stage", "quoted", "agreed"),
        ("stage", "agreed", "paid"),
        ("reopened", "paid", "delivered"),
    ]
    assert deal.events[-1].text == "payment bounced"
    assert deal.events[-1].rep_login == "alice"
    with pytest.raises(ValidationError):
        deals.reopen(context, deal.id, "paid", "forward is not a reopen")
    with pytest.raises(ValidationError):
        deals.reopen(context, deal.id, "lead", "  ")


def test_lost_needs_a_reason_and_only_a_reopen_revives_it(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Lost one"})
    with pytest.raises(ValidationError) as refused:
        deals.move(context, deal.id, "lost")
    assert set(refused.value.errors) == {"lost_reason"}
    deal = deals.move(context, deal.id, "lost", "went with a competitor")
    assert (deal.stage, deal.lost_reason) == ("lost", "went with a competitor")
    with pytest.raises(ValidationError):
        deals.move(context, deal.id, "quoted")
    deal = deals.reopen(context, deal.id, "quoted", "they came back")
    assert (deal.stage, deal.lost_reason) == ("quoted", "")


def test_lines_are_removed_never_deleted_and_changes_after_agreement_are_events(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Modules", "stage": "agreed", "agreed_via": "im"}, three_lines())
    first, second, third = deal.lines
    deal = deals.save_lines(
        context,
        deal.id,
        [
            {"id": third.id, "item": third.item, "quantity_milli": "1200", "unit": "个", "unit_price": "38.00"},
            {"id": first.id, "item": first.item, "quantity_milli": "1.5", "unit": "箱", "unit_price": "0.33"},
            {"item": "保险丝", "quantity_milli": "10", "unit": "个", "unit_price": "2.50"},
        ],
    )
    assert [line.item for line in deal.lines] == ["电源模块", "贴片电容", "保险丝"]
    assert deal.total == 4_560_000 + 50 + 2_500
    statuses = dict(database.execute_sql("SELECT id, status FROM deal_line").fetchall())
    assert statuses[second.id] == "removed" and len(statuses) == 4
    changed = deal.events[-1]
    assert changed.kind == "terms_changed"
    assert "line removed: 继电器" in changed.text and "line added: 保险丝" in changed.text
    assert "1,000 个 × 38.00 CNY" in changed.text and "1,200 个" in changed.text
    deal = deals.update_terms(context, deal.id, {"delivery_date": "2026-12-05", "delivery_place": "宁波港"})
    assert deal.events[-1].kind == "terms_changed"
    assert "Delivery date: — → 2026-12-05" in deal.events[-1].text
    events_before = len(deal.events)
    assert len(deals.update_terms(context, deal.id, {"delivery_place": "宁波港"}).events) == events_before  # no change


def test_terms_before_agreement_write_no_event(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Early"})
    deal = deals.update_terms(context, deal.id, {"warranty": "12 months"})
    assert deal.warranty == "12 months"
    assert [event.kind for event in deal.events] == ["created"]


def test_terms_refuse_the_stage_an_unknown_line_and_a_currency_under_priced_lines(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "x"}, three_lines())
    with pytest.raises(ValidationError) as refused:
        deals.update_terms(context, deal.id, {"stage": "paid", "currency": "USD", "delivery_date": "2026-02-30"})
    assert set(refused.value.errors) == {"stage", "currency", "delivery_date"}
    with pytest.raises(ValidationError) as unknown:
        deals.save_lines(
            context, deal.id, [{"id": "not-a-line", "item": "x", "quantity_milli": "1", "unit_price": "1"}]
        )
    assert set(unknown.value.errors) == {"lines.1.id"}


def test_listing_filters_by_customer_and_stage(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    now = context.clock.now()
    one = deals.create(context, zhang, {"title": "one"})
    context.clock.advance(timedelta(minutes=1))  # type: ignore[attr-defined]
    two = deals.create(context, seeded.customer_ids["李娜"], {"title": "two", "stage": "quoted"})
    assert [row.id for row in deals.listing(now)] == [two.id, one.id]
    assert [row.id for row in deals.listing(now, stage="quoted")] == [two.id]
    assert [row.id for row in deals.listing(now, customer_id=zhang)] == [one.id]
    assert deals.listing(now, customer_id=zhang)[0].customer_name == "张伟"


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
