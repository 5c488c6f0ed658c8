"""Field specs: each field type's edges, and the messages a user reads."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta

import pytest

from salestui.db.queries import CUSTOMER_ROW, FOLLOW_UP_ROW, INTERACTION_ROW, NamedSelect
from salestui.services import customers
from salestui.services.app_views import FollowUpView
from salestui.services.errors import ValidationError
from salestui.services.spec import Choice, Integer, Money, Ref, Spec, Text, When, clean, format_money, parse_money
from salestui.services.specs import CUSTOMER, FOLLOW_UP, INTERACTION, REP
from salestui.services.views import CustomerRow, InteractionView

NOW = datetime(2026, 11, 26, 1, 30, tzinfo=UTC)
SAMPLE = Spec(
    "sample",
    {
        "title": Text(10, required=True, label="Title"),
        "code": Text(8, pattern=re.compile(r"[A-Z]+"), problem="capital letters only"),
        "notes": Text(50, multiline=True),
        "size": Choice({"s": "Small", "l": "Large"}, default="s"),
        "amount": Money(),
        "count": Integer(1, 30),
        "due": When(required=True),
        "reminder": When(),  # optional: blank is None
        "owner": Ref(entity="rep", by="login"),
    },
)


def errors_of(raw: dict[str, object], partial: bool = True) -> dict[str, str]:
    return clean(SAMPLE, raw, partial=partial, now=NOW)[1]


def test_a_whole_record_takes_defaults_and_names_what_is_missing() -> None:
    values, errors = clean(SAMPLE, {}, now=NOW)
    assert errors == {"title": "required", "due": "a date and time with its zone"}
    assert (values["size"], values["amount"], values["count"], values["owner"], values["notes"]) == (
        "s",
        0,
        None,
        None,
        "",
    )
    assert values["reminder"] is None


def test_partial_input_checks_only_what_is_given_and_refuses_unknown_fields() -> None:
    assert clean(SAMPLE, {"notes": " hi "}, partial=True, now=NOW) == ({"notes": "hi"}, {})
    assert errors_of({"colour": "red"}) == {"colour": "unknown field"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"title": ""}, "required"),
        ({"title": "   "}, "required"),
        ({"title": "x" * 11}, "at most 10 characters (got 11)"),
        ({"title": "a\nb"}, "control character at position 2"),
        ({"title": "a\u200bb"}, "invisible character U+200B at position 2"),
        ({"code": "abc"}, "capital letters only"),
        ({"size": "m"}, "one of: s, l"),
        ({"size": ""}, "one of: s, l"),
        ({"count": "0"}, "a whole number from 1 to 30, or empty"),
        ({"count": "31"}, "a whole number from 1 to 30, or empty"),
        ({"count": "2.5"}, "a whole number from 1 to 30, or empty"),
        ({"count": "²"}, "a whole number from 1 to 30, or empty"),
        ({"count": "9" * 5000}, "a whole number from 1 to 30, or empty"),
        ({"due": "tomorrow"}, "a date and time with its zone"),
        ({"due": datetime(2026, 1, 1)}, "a date and time with its zone"),
        ({"due": datetime(1969, 12, 31, tzinfo=UTC)}, "must be between 1970-01-01 and 2100-12-31 (UTC)"),
    ],
)
def test_each_field_type_names_its_problem(raw: dict[str, object], message: str) -> None:
    assert errors_of(raw) == {next(iter(raw)): message}


def test_multiline_text_keeps_newlines_and_optional_numbers_may_be_blank() -> None:
    values, errors = clean(SAMPLE, {"notes": "a\nb\tc", "count": " ", "owner": " "}, partial=True)
    assert errors == {} and values == {"notes": "a\nb\tc", "count": None, "owner": None}


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("1e5", "CNY", "not an amount: '1e5'"),
        ("1,2,3", "CNY", "not an amount: '1,2,3' (commas only between groups of three digits)"),
        ("1,5", "EUR", "not an amount: '1,5' (commas only between groups of three digits)"),
        ("1E5", "CNY", "not an amount: '1E5'"),
        ("NaN", "CNY", "not an amount: 'NaN'"),
        ("Infinity", "USD", "not an amount: 'Infinity'"),
        ("-inf", "USD", "not an amount: '-inf'"),
        ("0x10", "CNY", "not an amount: '0x10'"),
        ("1.2.3", "CNY", "not an amount: '1.2.3'"),
        (".", "CNY", "not an amount: '.'"),
        ("-1", "CNY", "must not be negative"),
        ("12.345", "CNY", "at most 2 decimal places"),
        ("1.5", "JPY", "at most 0 decimal places"),
        ("99999999999999999999999", "CNY", "must be at most 9,000,000,000,000.00"),
        ("9000000000000.01", "CNY", "must be at most 9,000,000,000,000.00"),
        ("9000000000001", "JPY", "must be at most 9,000,000,000,000"),
        ("9" * 5000, "CNY", "must be at most 9,000,000,000,000.00"),
    ],
)
def test_money_refuses_what_is_not_a_plain_bounded_amount(text: str, currency: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_money(text, currency)
    assert str(caught.value) == message


def test_money_reads_plain_amounts_in_the_currency_s_minor_units() -> None:
    assert parse_money("9,000,000,000,000.00", "CNY") == 900_000_000_000_000
    assert parse_money("9000000000000", "JPY") == 9_000_000_000_000
    assert parse_money(" 1_000.5 ", "USD") == 100_050
    assert parse_money(".5", "EUR") == 50
    assert parse_money("-0", "CNY") == 0
    assert format_money(900_000_000_000_000, "CNY") == "9,000,000,000,000.00 CNY"
    assert clean(SAMPLE, {"amount": 10**19}, partial=True)[1] == {"amount": "must be at most 9,000,000,000,000.00"}
    assert clean(SAMPLE, {"amount": ""}, partial=True)[0] == {"amount": 0}


def test_a_credit_limit_too_large_for_sqlite_gets_the_bound_not_a_python_error(context) -> None:
    with pytest.raises(ValidationError) as caught:
        customers.create(context, {"name": "Huge", "credit_limit": "99999999999999999999999"})
    assert caught.value.errors == {"credit_limit": "must be at most 9,000,000,000,000.00"}
    made = customers.create(context, {"name": "Top", "credit_limit": "9,000,000,000,000.00"})
    with pytest.raises(ValidationError) as caught:
        customers.update(context, made.id, {"credit_limit": "1e5"})
    assert caught.value.errors == {"credit_limit": "not an amount: '1e5'"}
    assert customers.detail(made.id).credit_limit == 900_000_000_000_000


def test_interactions_may_not_be_logged_in_the_future() -> None:
    raw = {"kind": "call", "summary": "x", "occurred_at": NOW + timedelta(minutes=6)}
    assert clean(INTERACTION, raw, now=NOW)[1] == {"occurred_at": "in the future: log contacts after they happen"}
    assert clean(INTERACTION, {"kind": "call", "summary": "x"}, now=NOW)[0]["occurred_at"] == NOW


def test_the_record_specs_declare_the_codes_the_app_uses() -> None:
    assert CUSTOMER.choice("tier").codes == ("vip", "regular", "potential")
    assert INTERACTION.choice("kind").codes[:2] == ("call", "email")
    assert FOLLOW_UP.choice("priority").default == "normal"
    assert REP.choice("role").codes == ("rep", "manager", "admin")
    assert CUSTOMER.required() == ("name",)
    assert all(CUSTOMER[name].label for name in CUSTOMER)


@pytest.mark.parametrize(
    ("select", "view"), [(CUSTOMER_ROW, CustomerRow), (INTERACTION_ROW, InteractionView), (FOLLOW_UP_ROW, FollowUpView)]
)
def test_named_queries_select_exactly_their_view_s_fields(select: NamedSelect, view: type) -> None:
    fields = dataclasses.fields(view)
    assert select.names == tuple(field.name for field in fields[: len(select.names)])
    assert all(field.default is not dataclasses.MISSING for field in fields[len(select.names) :])  # filled later


def test_a_view_out_of_step_with_its_query_fails_loudly(seeded) -> None:
    @dataclasses.dataclass(frozen=True)
    class Shuffled:
        sort_key: str
        id: str

    with pytest.raises(TypeError, match="Shuffled has the fields"):
        NamedSelect({"id": "c.id", "sort_key": "c.sort_key"}, "customer c").views(Shuffled)
