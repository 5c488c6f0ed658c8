"""The contact timeline: validated, append-only interactions, paged newest first."""

from __future__ import annotations

import inspect
import json
from datetime import datetime, timedelta

import pytest

from salestui.db.connection import database
from salestui.services import customers, timeline
from salestui.services.errors import NotFound, ValidationError


def count(table: str) -> int:
    return database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture
def customer_id(context) -> str:
    return customers.create(context, {"name": "陈杰", "tier": "vip"}).id


def test_append_records_every_field(context, customer_id):
    at = context.clock.now() - timedelta(hours=2)
    made = timeline.append(
        context,
        customer_id,
        {
            "kind": "call",
            "direction": "in",
            "occurred_at": at,
            "summary": "  Agreed 500 units at ¥38.00 ",
            "body": "Details:\n- 500 units\n- delivery 12-05",
            "outcome": "agreed",
            "next_step": "send confirmation",
        },
    )
    assert (made.kind, made.direction, made.occurred_at, made.rep_login) == ("call", "in", at, "alice")
    assert made.summary == "Agreed 500 units at ¥38.00"
    assert timeline.page(customer_id) == [made]
    data = json.loads(database.execute_sql("SELECT data FROM ledger WHERE entity_id = ?", (made.id,)).fetchone()[0])
    assert data["summary"] == "Agreed 500 units at ¥38.00"
    assert data["body"] == "Details:\n- 500 units\n- delivery 12-05"


def test_append_defaults_to_now_and_outgoing(context, customer_id):
    made = timeline.append(context, customer_id, {"kind": "note", "summary": "Quick note"})
    assert made.occurred_at == context.clock.now()
    assert made.direction == "out"


@pytest.mark.parametrize(
    ("raw", "field", "fragment"),
    [
        ({"kind": "fax", "summary": "x"}, "kind", "one of: call, email"),
        ({"kind": "", "summary": "x"}, "kind", "one of"),
        ({"kind": "call", "summary": ""}, "summary", "required"),
        ({"kind": "call", "summary": "   "}, "summary", "required"),
        ({"kind": "call", "summary": "two\nlines"}, "summary", "control character at position 4"),
        ({"kind": "call", "summary": "x" * 501}, "summary", "at most 500"),
        ({"kind": "call", "summary": "x", "body": "bell\x07"}, "body", "position 5"),
        ({"kind": "call", "summary": "x", "direction": "sideways"}, "direction", "one of: out, in, none"),
        ({"kind": "call", "summary": "x", "occurred_at": "yesterday"}, "occurred_at", "with its zone"),
        ({"kind": "call", "summary": "x", "occurred_at": datetime(2026, 11, 26, 9, 0)}, "occurred_at", "zone"),
    ],
)
def test_append_refuses_bad_fields(context, customer_id, raw, field, fragment):
    before = (count("interaction"), count("ledger"))
    with pytest.raises(ValidationError) as caught:
        timeline.append(context, customer_id, raw)
    assert list(caught.value.errors) == [field]
    assert fragment in caught.value.errors[field]
    assert (count("interaction"), count("ledger")) == before
    assert customers.detail(customer_id).last_contact_at is None


def test_future_times_allow_five_minutes_of_clock_skew(context, customer_id):
    now = context.clock.now()
    made = timeline.append(
        context, customer_id, {"kind": "call", "summary": "ok", "occurred_at": now + timedelta(minutes=5)}
    )
    assert made.occurred_at == now + timedelta(minutes=5)
    with pytest.raises(ValidationError) as caught:
        timeline.append(
            context,
            customer_id,
            {"kind": "call", "summary": "too soon", "occurred_at": now + timedelta(minutes=5, seconds=1)},
        )
    assert "future" in caught.value.errors["occurred_at"]


def test_unknown_customer(context):
    with pytest.raises(NotFound):
        timeline.append(context, "0" * 32, {"kind": "call", "summary": "ghost"})
    assert count("interaction") == 0


def test_last_contact_only_moves_forward(context, customer_id):
    now = context.clock.now()

    def last():
        return customers.detail(customer_id).last_contact_at

    timeline.append(context, customer_id, {"kind": "call", "summary": "a", "occurred_at": now - timedelta(days=1)})
    assert last() == now - timedelta(days=1)
    timeline.append(context, customer_id, {"kind": "call", "summary": "b", "occurred_at": now - timedelta(days=10)})
    assert last() == now - timedelta(days=1)
    timeline.append(context, customer_id, {"kind": "call", "summary": "c"})
    assert last() == now


def test_paging_newest_first_without_gaps(context, customer_id):
    now = context.clock.now()
    made = []
    for number in range(123):
        # Groups of three share a timestamp, so the id has to break ties.
        at = now - timedelta(hours=number // 3)
        made.append(timeline.append(context, customer_id, {"kind": "note", "summary": f"n{number}", "occurred_at": at}))
    expected = sorted(made, key=lambda item: (item.occurred_at, item.id), reverse=True)
    pages, cursor = [], None
    while True:
        page = timeline.page(customer_id, cursor, 50)
        if not page:
            break
        pages.append(page)
        cursor = (page[-1].occurred_at, page[-1].id)
    assert [len(page) for page in pages] == [50, 50, 23]
    assert [item for page in pages for item in page] == expected


def test_page_is_per_customer(seeded):
    zhang = seeded.customer_ids["张伟"]
    summaries = [item.summary for item in timeline.page(zhang)]
    assert summaries == ["WeChat: confirmed delivery address", "Agreed 500 units at ¥38.00, delivery by 12-05"]
    assert timeline.page(seeded.customer_ids["王芳"]) == []
    assert len(timeline.page(zhang, limit=1)) == 1


def test_interactions_have_no_edit_or_delete_path():
    public = {
        name
        for name, member in inspect.getmembers(timeline, inspect.isfunction)
        if member.__module__ == timeline.__name__ and not name.startswith("_")
    }
    assert {"append", "page"} <= public
    forbidden = ("update", "delete", "edit", "remove", "replace", "set_")
    assert not [name for name in public if any(word in name for word in forbidden)]
