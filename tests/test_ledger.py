"""The hash-chained ledger: one event per row written, in the same transaction, chained and stamped."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from salestui.clock import HLC, from_utc_text, to_utc_text
from salestui.db.connection import database
from salestui.db.models import Customer, Interaction
from salestui.services import customer_lookup, customers, followups, ledger, timeline
from salestui.services.errors import NotFound, ValidationError
from salestui.services.ledger import GENESIS, HEADER_FIELDS, NotCanonical, canonical, digest, event_hash


def events(where: str = "1", params: tuple = ()) -> list[dict]:
    columns = (*HEADER_FIELDS, "data", "data_hash", "prev_hash", "hash")
    sql = f"SELECT {', '.join(columns)} FROM ledger WHERE {where} ORDER BY seq"
    return [dict(zip(columns, row, strict=True)) for row in database.execute_sql(sql, params)]


def count(table: str) -> int:
    return database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_create_customer_appends_exactly_one_event(context):
    before = count("ledger")
    made = customers.create(context, {"name": "张伟", "phone": "138 0013 8000"})
    added = events("seq > ?", (before,))
    assert len(added) == 1
    event = added[0]
    assert (event["entity"], event["entity_id"], event["op"]) == ("customer", made.id, "create")
    assert event["device"] == context.device
    assert event["rep"] == context.rep_id
    assert json.loads(event["data"])["name"] == "张伟"


def test_each_service_write_appends_one_event_per_row(seeded):
    context = seeded.context
    customer_id = seeded.customer_ids["李娜"]
    before = count("ledger")
    timeline.append(context, customer_id, {"kind": "call", "summary": "Called about prices"})
    customers.update(context, customer_id, {"phone": "139 0000 1111"})
    followups.complete(context, seeded.follow_up_ids["Call about 2027 prices"])
    added = events("seq > ?", (before,))
    assert [(e["entity"], e["op"]) for e in added] == [
        ("interaction", "create"),
        ("customer", "update"),
        ("follow_up", "update"),
    ]


def test_recurring_completion_writes_two_rows_and_two_events(seeded):
    context = seeded.context
    made = followups.create(
        context,
        seeded.customer_ids["陈杰"],
        {"title": "Weekly check-in", "due_at": context.clock.now() - timedelta(days=1), "rrule": "FREQ=WEEKLY"},
    )
    before = count("ledger")
    following = followups.complete(context, made.id)
    added = events("seq > ?", (before,))
    assert [(e["entity_id"], e["op"]) for e in added] == [(made.id, "update"), (following.id, "create")]


def test_validation_failure_writes_neither_row_nor_event(context):
    before = (count("customer"), count("ledger"))
    with pytest.raises(ValidationError):
        customers.create(context, {"name": "", "phone": "not a phone"})
    assert (count("customer"), count("ledger")) == before


def test_unknown_customer_writes_nothing(context):
    before = (count("interaction"), count("ledger"))
    with pytest.raises(NotFound):
        timeline.append(context, "0" * 32, {"kind": "call", "summary": "ghost"})
    assert (count("interaction"), count("ledger")) == before


def test_failure_after_the_row_is_written_rolls_back_row_and_event(seeded, monkeypatch):
    context = seeded.context
    customer_id = seeded.customer_ids["王芳"]
    before = (count("interaction"), count("ledger"))

    def broken(*_args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(customer_lookup, "mark_contact", broken)
    with pytest.raises(RuntimeError):
        timeline.append(context, customer_id, {"kind": "call", "summary": "lost in the fire"})
    assert (count("interaction"), count("ledger")) == before
    assert customers.detail(customer_id).last_contact_at is None


def test_exception_inside_a_write_block_discards_its_puts(context):
    before = (count("customer"), count("ledger"))
    now = context.clock.now()
    row = {
        "id": "f" * 32,
        "kind": "person",
        "name": "Half written",
        "tier": "vip",
        "status": "lead",
        "owner_id": None,
        "created_at": now,
        "updated_at": now,
        "last_contact_at": None,
        "sort_key": "half written",
        "search_text": "half written",
        "short_text": "half written",
    }
    with pytest.raises(RuntimeError), context.write() as writer:
        writer.put(Customer, Customer.stored({**customers.DEFAULTS, **row}), "create")
        assert count("customer") == before[0] + 1
        raise RuntimeError("abort")
    assert (count("customer"), count("ledger")) == before


def test_chain_links_from_genesis(seeded):
    chain = events()
    assert chain[0]["seq"] == 1
    assert chain[0]["prev_hash"] == GENESIS == "0" * 64
    for previous, event in zip(chain, chain[1:], strict=False):
        assert event["seq"] == previous["seq"] + 1
        assert event["prev_hash"] == previous["hash"]
    for event in chain:
        header = {name: event[name] for name in HEADER_FIELDS}
        assert event["data_hash"] == digest(event["data"])
        assert event["hash"] == event_hash(event["prev_hash"], header, event["data_hash"])
    assert ledger.head() == (chain[-1]["seq"], chain[-1]["hash"])


def test_empty_ledger_head_is_genesis(tmp_path):
    from salestui.db.database import open_database

    open_database(tmp_path / "empty.db")
    try:
        assert ledger.head() == (0, GENESIS)
    finally:
        database.close()


def test_event_ids_are_unique(seeded):
    ids = [event["event_id"] for event in events()]
    assert len(ids) == len(set(ids))
    assert all(len(event_id) == 32 for event_id in ids)


def test_canonical_json_is_stable():
    value = {"b": 1, "a": "张伟", "c": None, "d": 'say "hi"\n'}
    text = canonical(value)
    assert text == '{"a":"张伟","b":1,"c":null,"d":"say \\"hi\\"\\n"}'
    assert canonical(dict(reversed(list(value.items())))) == text
    assert digest(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("value", [1.5, True, False, [1], {"x": 1}, b"raw", "lone \ud800 surrogate"])
def test_canonical_form_refuses_what_has_no_single_spelling(value):
    with pytest.raises(NotCanonical):
        canonical({"field": value})


def test_stored_event_data_is_canonical_utf8(seeded):
    for event in events("entity = 'customer'"):
        assert event["data"] == canonical(json.loads(event["data"]))
        assert "\\u" not in event["data"]
    names = [json.loads(event["data"])["name"] for event in events("entity = 'customer'")]
    assert "张伟" in names


def test_hlc_strictly_increases_when_the_clock_stands_still(context):
    for number in range(5):
        customers.create(context, {"name": f"Frozen {number}"})
    stamps = [HLC.parse(event["hlc"]) for event in events()]
    assert all(a < b for a, b in zip(stamps, stamps[1:], strict=False))
    assert len({stamp.wall_ms for stamp in stamps}) == 1
    assert [stamp.counter for stamp in stamps] == list(range(stamps[0].counter, stamps[0].counter + len(stamps)))
    texts = [event["hlc"] for event in events()]
    assert texts == sorted(texts)


def test_hlc_moves_with_the_clock_and_survives_it_going_back(context):
    customers.create(context, {"name": "First"})
    context.clock.advance(timedelta(seconds=2))
    customers.create(context, {"name": "Later"})
    context.clock.advance(timedelta(hours=-1))
    customers.create(context, {"name": "Clock went back"})
    stamps = [HLC.parse(event["hlc"]) for event in events()]
    assert stamps[-2].counter == 0
    assert stamps[-2].wall_ms == int(context.clock.now().timestamp() * 1000) + 3_600_000
    assert stamps[-1] > stamps[-2]
    assert stamps[-1].wall_ms == stamps[-2].wall_ms


def test_hlc_text_sorts_like_the_stamp():
    stamps = [HLC(999, 5, "b"), HLC(1000, 0, "a"), HLC(1000, 12, "a"), HLC(1000, 2, "z"), HLC(10_000, 0, "a")]
    assert sorted(stamps, key=str) == sorted(stamps)
    assert HLC.parse(str(HLC(1000, 12, "dev.ice"))) == HLC(1000, 12, "dev.ice")
    assert HLC(5, 3, "x").next(5, "y") == HLC(5, 4, "y")
    assert HLC(5, 3, "x").next(4, "y") == HLC(5, 4, "y")
    assert HLC(5, 3, "x").next(6, "y") == HLC(6, 0, "y")


def test_row_hash_and_hlc_match_the_last_event(seeded):
    context = seeded.context
    customer_id = seeded.customer_ids["张伟"]
    customers.update(context, customer_id, {"email": "zhang@example.cn"})
    last = events("entity_id = ?", (customer_id,))[-1]
    row_hash, hlc = database.execute_sql("SELECT row_hash, hlc FROM customer WHERE id = ?", (customer_id,)).fetchone()
    assert last["op"] == "update"
    assert row_hash == last["data_hash"]
    assert hlc == last["hlc"]
    assert json.loads(last["data"])["email"] == "zhang@example.cn"


def test_every_row_hash_matches_its_last_event(seeded):
    for table in ("rep", "customer", "interaction", "follow_up"):
        rows = database.execute_sql(f"SELECT id, row_hash FROM {table}").fetchall()
        assert rows
        for row_id, row_hash in rows:
            assert events("entity_id = ?", (row_id,))[-1]["data_hash"] == row_hash


def test_only_columns_that_follow_other_rows_are_not_hashed(seeded):
    data = json.loads(events("entity = 'customer'")[0]["data"])
    assert not {"last_contact_at", "row_hash"} & set(data)
    assert {"id", "name", "phone", "hlc", "credit_limit", "sort_key", "search_text", "short_text"} <= set(data)


def test_money_is_an_integer_of_minor_units(context):
    made = customers.create(context, {"name": "Money", "credit_limit": "12,345.67"})
    assert made.credit_limit == 1_234_567
    assert isinstance(made.credit_limit, int)
    stored = database.execute_sql(
        "SELECT credit_limit, typeof(credit_limit) FROM customer WHERE id = ?", (made.id,)
    ).fetchone()
    assert stored == (1_234_567, "integer")
    assert json.loads(events("entity_id = ?", (made.id,))[-1]["data"])["credit_limit"] == 1_234_567
    yen = customers.create(context, {"name": "Yen", "currency": "JPY", "credit_limit": "5000"})
    assert yen.credit_limit == 5000


def test_times_are_stored_as_utc_text(seeded):
    context = seeded.context
    customer_id = seeded.customer_ids["张伟"]
    occurred = datetime(2026, 11, 25, 18, 15, tzinfo=context.clock.zone)  # 10:15 UTC
    made = timeline.append(context, customer_id, {"kind": "visit", "summary": "Visited", "occurred_at": occurred})
    stored = database.execute_sql(
        "SELECT occurred_at, typeof(occurred_at), created_at FROM interaction WHERE id = ?", (made.id,)
    ).fetchone()
    assert stored == ("2026-11-25T10:15:00.000000Z", "text", "2026-11-26T01:30:00.000000Z")
    assert Interaction.get_by_id(made.id).occurred_at == occurred.astimezone(UTC)
    assert json.loads(events("entity_id = ?", (made.id,))[-1]["data"])["occurred_at"] == stored[0]
    with pytest.raises(ValueError):
        to_utc_text(datetime(2026, 1, 1))


def test_utc_text_round_trip():
    moment = datetime(2026, 11, 26, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=8)))
    text = to_utc_text(moment)
    assert text == "2026-11-26T01:30:15.123456Z"
    parsed = from_utc_text(text)
    assert parsed == moment
    assert parsed.tzinfo is UTC
    for bad in ("2026-11-26", "2026-11-26T01:30:15.123456", "2026-11-26 01:30:15.123456Z", ""):
        with pytest.raises(ValueError):
            from_utc_text(bad)


def test_hlc_counter_never_outgrows_its_five_digits():
    from salestui.clock import HLC, MAX_COUNTER

    full = HLC(1_000, MAX_COUNTER, "dev")
    following = full.next(1_000, "dev")
    assert following == HLC(1_001, 0, "dev")
    assert str(full) < str(following)


def test_the_direct_header_form_is_the_canonical_form() -> None:
    """verify builds each header's JSON directly when nothing needs escaping; it must be canonical() exactly."""
    import random

    from salestui.services.ledger import header_json, stored_event_hash

    rng = random.Random(7)
    alphabet = 'ab0."\\\x00\x1f\x7f张\u2028,:{} '
    for _round in range(3000):
        header = {name: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5))) for name in HEADER_FIELDS}
        header["seq"] = rng.randint(1, 10**12)
        assert header_json(header) == canonical(header)
        row = (*[header[name] for name in HEADER_FIELDS], "{}", "d" * 64, "p" * 64, "")
        assert stored_event_hash(row) == event_hash("p" * 64, header, "d" * 64)
