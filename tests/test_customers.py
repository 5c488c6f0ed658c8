"""Customers: create and update with field-by-field validation; history kept in the ledger."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from salestui.db.connection import database
from salestui.services import customers, followups, reps, timeline
from salestui.services.customer_fields import format_money, parse_money
from salestui.services.errors import NotFound, ValidationError


def ledger_rows(entity_id: str) -> list[tuple[str, dict]]:
    rows = database.execute_sql("SELECT op, data FROM ledger WHERE entity_id = ? ORDER BY seq", (entity_id,))
    return [(op, json.loads(data)) for op, data in rows]


def count(table: str) -> int:
    return database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_create_fills_defaults_and_owner(context):
    made = customers.create(context, {"name": "  张伟  ", "company": "华信贸易", "phone": "138 0013 8000"})
    assert made.name == "张伟"
    assert made.owner_login == "alice"
    assert made.owner_id == context.rep_id
    assert (made.kind, made.tier, made.status, made.currency, made.credit_limit) == (
        "person",
        "potential",
        "lead",
        "CNY",
        0,
    )
    assert made.created_at == made.updated_at == context.clock.now()
    assert made.last_contact_at is None
    assert (made.interaction_count, made.open_follow_ups) == (0, 0)
    assert len(made.id) == 32


def test_markup_in_a_name_is_stored_verbatim(context):
    made = customers.create(context, {"name": "Wang [bold]Fang[/]"})
    assert customers.detail(made.id).name == "Wang [bold]Fang[/]"


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("name", "", "required"),
        ("name", "   ", "required"),
        ("name", "x" * 201, "at most 200 characters (got 201)"),
        ("phone", "call me", "digits"),
        ("phone", "123", "at least 5 digits"),
        ("phone", "138+0013", "digits"),
        ("email", "zhang@localhost", "e-mail"),
        ("email", "zhang wei@example.cn", "e-mail"),
        ("credit_limit", "-1", "negative"),
        ("credit_limit", "12.345", "at most 2 decimal places"),
        ("credit_limit", "lots", "not an amount"),
        ("tier", "gold", "one of: vip, regular, potential"),
        ("status", "sleeping", "one of"),
        ("kind", "robot", "one of"),
        ("currency", "BTC", "one of"),
        ("cadence_days", 0, "1 to 365"),
        ("cadence_days", 400, "1 to 365"),
        ("cadence_days", "-3", "1 to 365"),
        ("cadence_days", "weekly", "1 to 365"),
        ("owner_login", "nobody", "no rep with login 'nobody'"),
        ("address", "x" * 501, "at most 500"),
        ("favourite_colour", "blue", "unknown field"),
    ],
)
def test_create_refuses_each_bad_field_by_name(context, field, value, fragment):
    raw = {"name": "Valid Name", field: value}
    before = (count("customer"), count("ledger"))
    with pytest.raises(ValidationError) as caught:
        customers.create(context, raw)
    assert list(caught.value.errors) == [field]
    assert fragment in caught.value.errors[field]
    assert field in str(caught.value)
    assert (count("customer"), count("ledger")) == before


def test_control_characters_are_refused_with_their_position(context):
    with pytest.raises(ValidationError) as caught:
        customers.create(context, {"name": "ab\x1b[31mc", "company": "Tab\there", "needs": "line1\nline2\x07"})
    errors = caught.value.errors
    assert errors["name"] == "control character at position 3"
    assert errors["company"] == "control character at position 4"
    assert errors["needs"] == "control character at position 12"


def test_newlines_are_allowed_only_in_multi_line_fields(context):
    made = customers.create(context, {"name": "Multi", "address": "1 Road\nShanghai", "needs": "a\nb"})
    assert made.address == "1 Road\nShanghai"
    with pytest.raises(ValidationError) as caught:
        customers.create(context, {"name": "Two\nlines"})
    assert "position 4" in caught.value.errors["name"]


def test_several_bad_fields_are_all_reported(context):
    with pytest.raises(ValidationError) as caught:
        customers.create(context, {"name": "", "email": "nope", "tier": "gold", "cadence_days": 0})
    assert set(caught.value.errors) == {"name", "email", "tier", "cadence_days"}


@pytest.mark.parametrize(
    ("raw", "field", "expected"),
    [
        ({"credit_limit": "12,345.6"}, "credit_limit", 1_234_560),
        ({"credit_limit": 500}, "credit_limit", 500),
        ({"credit_limit": "", "currency": "USD"}, "credit_limit", 0),
        ({"cadence_days": "365"}, "cadence_days", 365),
        ({"cadence_days": 1}, "cadence_days", 1),
        ({"cadence_days": ""}, "cadence_days", None),
        ({"phone": "+86 (21) 5555-0100"}, "phone", "+86 (21) 5555-0100"),
        ({"email": "li.na@example.com.cn"}, "email", "li.na@example.com.cn"),
    ],
)
def test_create_accepts_edge_values(context, raw, field, expected):
    made = customers.create(context, {"name": "Edge", **raw})
    assert getattr(made, field) == expected


def test_money_helpers():
    assert parse_money("1,000.5", "CNY") == 100_050
    assert parse_money("700", "JPY") == 700
    with pytest.raises(ValueError, match="at most 0 decimal places"):
        parse_money("1.5", "JPY")
    assert format_money(123_456, "CNY") == "1,234.56 CNY"
    assert format_money(-5, "USD") == "-0.05 USD"
    assert format_money(7000, "JPY") == "7,000 JPY"


def test_update_keeps_old_and_new_values_in_the_ledger(seeded):
    context = seeded.context
    customer_id = seeded.customer_ids["李娜"]
    context.clock.advance(timedelta(minutes=5))
    changed = customers.update(context, customer_id, {"phone": "139 0000 1111", "tier": "vip"})
    assert (changed.phone, changed.tier) == ("139 0000 1111", "vip")
    assert changed.updated_at == context.clock.now()
    assert changed.created_at == context.clock.now() - timedelta(minutes=5)
    history = ledger_rows(customer_id)
    assert [op for op, _data in history] == ["create", "update"]
    assert history[0][1]["phone"] == "139 5741 2233"
    assert history[1][1]["phone"] == "139 0000 1111"
    assert history[0][1]["tier"] == "regular"
    assert history[1][1]["tier"] == "vip"


def test_update_with_no_change_appends_no_event(seeded):
    context = seeded.context
    customer_id = seeded.customer_ids["张伟"]
    before = customers.detail(customer_id)
    events = count("ledger")
    context.clock.advance(timedelta(minutes=1))
    after = customers.update(context, customer_id, {"name": " 张伟 ", "phone": "138 0013 8000", "tier": "vip"})
    assert count("ledger") == events
    assert after == before


def test_update_refused_changes_nothing(seeded):
    context = seeded.context
    customer_id = seeded.customer_ids["张伟"]
    before = customers.detail(customer_id)
    events = count("ledger")
    with pytest.raises(ValidationError) as caught:
        customers.update(context, customer_id, {"phone": "138 0013 8001", "email": "bad"})
    assert list(caught.value.errors) == ["email"]
    assert customers.detail(customer_id) == before
    assert count("ledger") == events


def test_update_unknown_customer(context):
    with pytest.raises(NotFound):
        customers.update(context, "0" * 32, {"name": "Nobody"})


def test_update_name_refreshes_search_and_sort(seeded):
    context = seeded.context
    customer_id = seeded.customer_ids["王芳"]
    customers.update(context, customer_id, {"name": "赵敏"})
    assert [row.id for row in customers.page_after("zhaomin", None, 10)] == [customer_id]
    assert customers.page_after("wangfang", None, 10) == []
    assert database.execute_sql("SELECT sort_key FROM customer WHERE id = ?", (customer_id,)).fetchone()[0] == "zhaomin"


def test_owner_empty_means_public_pool(seeded):
    context = seeded.context
    pooled = customers.create(context, {"name": "Nobody's", "owner_login": ""})
    assert (pooled.owner_id, pooled.owner_login) == (None, None)
    customer_id = seeded.customer_ids["陈杰"]
    released = customers.update(context, customer_id, {"owner_login": ""})
    assert (released.owner_id, released.owner_login) == (None, None)
    assert ledger_rows(customer_id)[-1][1]["owner_id"] is None


def test_owner_can_be_another_rep(seeded):
    context = seeded.context
    bob = reps.add(context, "bob", name="Bob Li")
    customer_id = seeded.customer_ids["陈杰"]
    moved = customers.update(context, customer_id, {"owner_login": "bob"})
    assert (moved.owner_id, moved.owner_login) == (bob.id, "bob")
    made = customers.create(context, {"name": "For Bob", "owner_login": "bob"})
    assert made.owner_login == "bob"
    row = next(r for r in customers.page_after("for bob", None, 10))
    assert row.owner_login == "bob"


def test_detail_counts_interactions_and_open_follow_ups(seeded):
    context = seeded.context
    customer_id = seeded.customer_ids["张伟"]
    shown = customers.detail(customer_id)
    assert (shown.interaction_count, shown.open_follow_ups) == (2, 1)
    assert shown.last_contact_at == context.clock.now() - timedelta(days=3)
    followups.complete(context, seeded.follow_up_ids["Confirm delivery date"])
    timeline.append(context, customer_id, {"kind": "note", "summary": "Noted"})
    shown = customers.detail(customer_id)
    assert (shown.interaction_count, shown.open_follow_ups) == (3, 0)
    assert shown.last_contact_at == context.clock.now() - timedelta(days=3)  # a note is not a contact
    timeline.append(context, customer_id, {"kind": "im", "summary": "Sent the price list on WeChat"})
    assert customers.detail(customer_id).last_contact_at == context.clock.now()


def test_detail_unknown(context):
    with pytest.raises(NotFound):
        customers.detail("nope")


def test_rep_sign_in_validates_and_is_idempotent(context):
    first = reps.add(context, "carol")
    events = count("ledger")
    assert reps.sign_in(context, "carol") == first
    assert count("ledger") == events
    assert [rep.login for rep in reps.all_reps()] == ["alice", "carol"]
    with pytest.raises(ValidationError) as caught:
        reps.sign_in(context, "bad login!")
    assert list(caught.value.errors) == ["login"]
