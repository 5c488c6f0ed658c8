"""Deals: stage rules, exact totals, lines that are never deleted, terms_changed events in words, errors named by
field, what an agreed deal keeps."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salestui.db.connection import database
from salestui.services import deals
from salestui.services.deal_money import line_total
from salestui.services.errors import NotFound, ValidationError
from tests.conftest import Seeded
from tests.deal_book import ledger_length, three_lines


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


def test_the_second_line_s_price_is_named(seeded: Seeded, zhang: str) -> None:
    deal = deals.create(seeded.context, zhang, {"title": "Named"}, three_lines())
    lines = [{"id": line.id, "item": line.item, "quantity_milli": "1", "unit_price": "1"} for line in deal.lines]
    lines[1]["unit_price"] = "0.333"  # CNY has two decimal places
    with pytest.raises(ValidationError) as refused:
        deals.save_lines(seeded.context, deal.id, lines)
    assert set(refused.value.errors) == {"lines.2.unit_price"}


def test_an_agreed_deal_keeps_when_and_how_it_was_agreed(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Kept", "stage": "agreed", "agreed_via": "phone"})
    for raw in ({"agreed_at": ""}, {"agreed_via": ""}):
        with pytest.raises(ValidationError) as refused:
            deals.update_terms(context, deal.id, raw)
        assert set(refused.value.errors) == set(raw)
    with pytest.raises(ValidationError) as cleared:
        deals.move(context, deal.id, "delivered", terms={"agreed_via": "", "lost_reason": "x", "stage": "lead"})
    assert set(cleared.value.errors) == {"agreed_via", "lost_reason", "stage"}
    earlier = context.clock.now() - timedelta(hours=2)
    deal = deals.update_terms(context, deal.id, {"agreed_via": "visit", "agreed_at": earlier})
    assert (deal.agreed_via, deal.agreed_at) == ("visit", earlier)
    # 09:30 in Shanghai, the context's zone; choices by their label
    assert deal.events[-1].text.splitlines() == [
        "Agreed at: 2026-11-26 09:30+08:00 → 2026-11-26 07:30+08:00",
        "Agreed via: Phone → Visit",
    ]


def test_a_lost_deal_never_agreed_is_not_reopened_as_agreed(seeded: Seeded, zhang: str) -> None:
    context = seeded.context
    deal = deals.create(context, zhang, {"title": "Never agreed", "stage": "quoted"})
    deal = deals.move(context, deal.id, "lost", "too dear")
    with pytest.raises(ValidationError) as refused:
        deals.reopen(context, deal.id, "paid", "they paid after all")
    assert set(refused.value.errors) == {"stage"}
    deal = deals.reopen(context, deal.id, "quoted", "they paid after all")
    deal = deals.move(context, deal.id, "paid", terms={"agreed_via": "email"})
    assert deal.stage == "paid" and deal.agreed_at == context.clock.now()


def test_changes_of_a_deal_at_agreed_are_events_in_the_writer_s_language(seeded: Seeded, zhang: str) -> None:
    from salestui.i18n import set_language

    context = seeded.context
    deal = deals.create(context, zhang, {"title": "中文", "stage": "agreed", "agreed_via": "im"}, three_lines())
    set_language("zh_CN")  # the autouse `english` fixture sets English back
    deal = deals.update_terms(context, deal.id, {"delivery_place": "宁波港", "agreed_via": "phone"})
    assert deal.events[-1].kind == "terms_changed"
    assert deal.events[-1].text.splitlines() == ["达成方式: 微信 / 即时通讯 → 电话", "交付地点: — → 宁波港"]
