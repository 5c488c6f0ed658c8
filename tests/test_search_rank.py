"""Search ranking: exact > prefix > contains, then the latest contact, then the name; phone numbers without their
country code; pinyin with digits; literal odd characters; keyset pages across the ranks."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salestui.db import search
from salestui.db.connection import database
from salestui.services import contacts, customers, timeline
from salestui.services.context import Context


def listed(query: str, limit: int = 100) -> list[tuple[str, int]]:
    """(name, rank) of the first `limit` matches, as the list shows them."""
    return [(row.name, row.rank) for row in customers.search(query, limit).rows]


def names(query: str) -> list[str]:
    return [name for name, _rank in listed(query)]


def called(context: Context, customer_id: str, days_ago: float) -> None:
    """A call `days_ago` days back: the customer's last contact."""
    when = context.clock.now() - timedelta(days=days_ago)
    timeline.append(context, customer_id, {"kind": "call", "summary": "called", "occurred_at": when})


def add(context: Context, name: str, **values: str) -> str:
    return customers.create(context, {"name": name, **values}).id


@pytest.fixture(params=[(1000, 600), (3, 600), (1000, 0)], ids=["sorted-lists", "walked-conditions", "walked-lists"])
def plans(request, monkeypatch):
    """Each test under every plan: short lists sorted, the recency index walked by condition, or by list."""
    few, sort_at_most = request.param
    monkeypatch.setattr(search, "FEW", few)
    monkeypatch.setattr(search, "SORT_AT_MOST", sort_at_most)


@pytest.fixture
def acme(context, plans):
    made = {
        "Acme": add(context, "Acme"),
        "Foo Ltd": add(context, "Foo Ltd", company="ACME"),
        "Acme Trading": add(context, "Acme Trading"),
        "Acmes Bakery": add(context, "Acmes Bakery"),
        "Best Acme Co": add(context, "Best Acme Co"),
        "Harbour Supplies": add(context, "Harbour Supplies"),
        "Nothing Here": add(context, "Nothing Here"),
    }
    contacts.add(context, made["Harbour Supplies"], {"name": "Acme Liaison"})
    return made


def test_exact_then_prefix_then_contains(acme):
    assert listed("acme") == [
        ("Acme", 0),
        ("Foo Ltd", 0),  # its company is ACME
        ("Acme Trading", 1),
        ("Acmes Bakery", 1),
        ("Best Acme Co", 2),
        ("Harbour Supplies", 2),  # through its contact person
    ]
    assert customers.count("acme") == 6
    assert customers.search("acme", 100).total == 6
    via = {row.name: row.via for row in customers.search("acme", 100).rows}
    assert via["Harbour Supplies"] == "Acme Liaison"
    assert via["Acme"] == via["Best Acme Co"] == ""


def test_the_latest_contact_comes_first_within_a_rank_then_the_name(context, acme):
    called(context, acme["Acmes Bakery"], 1)
    called(context, acme["Acme Trading"], 30)
    called(context, acme["Best Acme Co"], 2)
    called(context, acme["Foo Ltd"], 5)
    assert names("acme") == ["Foo Ltd", "Acme", "Acmes Bakery", "Acme Trading", "Best Acme Co", "Harbour Supplies"]
    # Never contacted: last in its rank, by name.
    assert names("acmes") == ["Acmes Bakery"]
    add(context, "Acme Zeta")
    add(context, "Acme Alpha")
    assert names(" ACME ")[:2] == ["Foo Ltd", "Acme"]  # the query's case and spaces do not count
    prefixed = [name for name, rank in listed("acme") if rank == 1]
    assert prefixed == ["Acmes Bakery", "Acme Trading", "Acme Alpha", "Acme Zeta"]


def test_a_note_is_no_contact_for_the_order(context, acme):
    called(context, acme["Acme Trading"], 10)
    timeline.append(context, acme["Acmes Bakery"], {"kind": "note", "summary": "only a note"})
    assert [name for name, rank in listed("acme") if rank == 1] == ["Acme Trading", "Acmes Bakery"]


@pytest.fixture
def phones(context, plans):
    made = {
        "张伟": add(context, "张伟", phone="+86 138-0013-8000"),
        "李娜": add(context, "李娜", phone="139 5741 2233"),
        "Acme": add(context, "Acme", phone="+44 20 7946 0018"),
        "Bob Stone": add(context, "Bob Stone", phone="020 1380 0138"),
    }
    contacts.add(context, made["李娜"], {"name": "周敏", "phone": "+86 135-1234-5678"})
    return made


@pytest.mark.parametrize(
    ("query", "rank"),
    [
        ("138 0013", 1),
        ("138-0013", 1),
        ("+86 138 0013 8000", 0),
        ("8613800138000", 0),
        ("0086 138 0013 8000", 0),
        ("13800138000", 0),
        ("0013800", 2),
        ("+86 138", 1),
    ],
)
def test_phone_fragments_find_the_number_however_written(phones, query, rank):
    assert listed(query)[0] == ("张伟", rank)
    assert customers.count(query) == len(listed(query))


def test_a_phone_fragment_ranks_the_numbers_it_starts_first(phones):
    assert names("1380") == ["张伟", "Bob Stone"]  # 020 1380 0138 only contains it
    assert names("+44 20 7946") == ["Acme"]
    assert names("44 20 7946") == ["Acme"]


def test_contact_persons_phones_too(phones):
    for query in ("135 1234 5678", "+86 135 1234 5678", "8613512345678", "135-1234"):
        page = customers.search(query, 10)
        assert [(row.name, row.via) for row in page.rows] == [("李娜", "周敏")], query


def test_one_or_two_digits_match_no_phone(phones):
    assert names("13") == []
    assert names("8") == []


@pytest.fixture
def chinese(context, plans):
    made = {name: add(context, name) for name in ("客户05", "客户15", "客户50", "张伟", "张伟明", "李张伟", "王芳")}
    contacts.add(context, made["王芳"], {"name": "客户07"})
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kehu05", [("客户05", 0)]),
        ("kh05", [("客户05", 0)]),
        ("KeHu05", [("客户05", 0)]),
        ("客户05", [("客户05", 0)]),
        ("kehu0", [("客户05", 1), ("王芳", 2)]),  # 王芳 through its contact person 客户07
        ("kehu07", [("王芳", 2)]),
        ("kh5", [("客户50", 1)]),
        ("kh6", []),
    ],
)
def test_pinyin_keeps_digits(chinese, query, expected):
    assert listed(query) == expected


def test_chinese_names_rank_by_hanzi_and_pinyin(chinese):
    for query in ("张伟", "zhangwei"):
        assert listed(query) == [("张伟", 0), ("张伟明", 1), ("李张伟", 2)], query
    assert listed("zw") == [("张伟", 0), ("张伟明", 1)]  # two letters match the start of a word (not lzw)
    assert listed("张") == [("张伟", 1), ("张伟明", 1), ("李张伟", 2)]
    assert listed("zhang") == [("张伟", 1), ("张伟明", 1), ("李张伟", 2)]
    # The name order is the pinyin sort key's, which (hashed with the row since 0.1) leaves digits out: 客户05,
    # 客户15 and 客户50 all file under "kehu", in id order.
    found = listed("客户")
    assert sorted(found[:3]) == [("客户05", 1), ("客户15", 1), ("客户50", 1)]
    assert found[3:] == [("王芳", 2)]  # through its contact person 客户07


def test_a_rename_rekeys_the_customer(context, chinese):
    customers.update(context, chinese["张伟"], {"name": "赵伟"})
    assert listed("张伟") == [("张伟明", 0 + 1), ("李张伟", 2)]
    assert listed("zhaowei") == [("赵伟", 0)]


@pytest.fixture
def odd(context, plans):
    for name in ("100% Cotton", "a_b Studio", 'O"Brien & Sons', "Star*Co", "*Asterisk Ltd", "Plain Name", "Under_"):
        add(context, name)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["*Asterisk Ltd", "100% Cotton", "a_b Studio", 'O"Brien & Sons', "Plain Name", "Star*Co", "Under_"]),
        ("   ", ["*Asterisk Ltd", "100% Cotton", "a_b Studio", 'O"Brien & Sons', "Plain Name", "Star*Co", "Under_"]),
        ("%", ["100% Cotton"]),
        ("100%", ["100% Cotton"]),
        ("_", ["a_b Studio", "Under_"]),
        ("under_", ["Under_"]),
        ("a_", ["a_b Studio"]),
        ('"', ['O"Brien & Sons']),
        ('o"b', ['O"Brien & Sons']),
        ("*", ["*Asterisk Ltd", "Star*Co"]),  # the one it starts first
        ("r*c", ["Star*Co"]),
        ("' OR 1=1 --", []),
        ("NEAR(", []),
    ],
)
def test_odd_characters_match_literally(odd, query, expected):
    assert names(query) == expected
    assert customers.count(query) == len(expected)


@pytest.fixture
def recent_crowd(context, plans):
    """60 customers whose names start, contain or equal 'kehu', a third never contacted, the rest at many times
    (some at the same moment, so the name and then the id break the tie)."""
    for number in range(60):
        name = ("客户", "老客户", "客户")[number % 3] + f"{number % 20:02d}"
        customer_id = add(context, name)
        if number % 3:
            called(context, customer_id, number % 7)
    return context


@pytest.mark.parametrize(("query", "size"), [("kehu", 7), ("客户", 11), ("kh", 5), ("kehu0", 3), ("", 13)])
def test_pages_cover_every_ranked_row_once_in_order(recent_crowd, query, size):
    everyone = customers.page_at(query, 0, 1000)
    assert len(everyone) == customers.count(query) > 0
    ranks = [row.rank for row in everyone]
    assert ranks == sorted(ranks)
    forward, cursor = [], None
    while chunk := customers.page_after(query, cursor, size):
        forward += chunk
        cursor = customers.cursor(chunk[-1])
    assert forward == everyone
    backward: list = []
    cursor = None
    while chunk := customers.page_before(query, cursor, size):
        backward[:0] = chunk
        cursor = customers.cursor(chunk[0])
    assert backward == everyone
    for offset in (0, 1, size, len(everyone) - 3, len(everyone) + 5):
        assert customers.page_at(query, offset, size) == everyone[offset : offset + size]
    for rank in set(ranks) if query else ():  # without a query: name order (tests/test_search.py)
        tier = [row for row in everyone if row.rank == rank]
        contact_times = [row.last_contact_at for row in tier if row.last_contact_at is not None]
        assert contact_times == sorted(contact_times, reverse=True)
        assert all(row.last_contact_at is None for row in tier[len(contact_times) :])  # never contacted last


def test_the_ranking_keys_are_made_by_the_migration(context):
    """Customers written before the keys existed get them from the migration step (run again here)."""
    from salestui.db import migrations

    add(context, "客户05", phone="+86 138-0013-8000")
    database.execute_sql("DROP TABLE customer_search_key")
    database.execute_sql("DROP INDEX customer_live_last_contact_at")
    migrations._v7_search_rank(database)
    assert listed("kh05") == [("客户05", 0)]
    assert listed("+86 138 0013 8000") == [("客户05", 0)]


def test_a_merged_away_customer_is_never_listed_by_its_keys(context, plans):
    from salestui.services import merge

    survivor = add(context, "Acme", phone="+86 138-0013-8000")
    merged = add(context, "Acme Trading", phone="+86 139-0000-1111")
    merge.merge(context, survivor, merged)
    assert listed("acme") == [("Acme", 0)]
    assert listed("acme trading") == []
    assert listed("+86 139 0000 1111") == []
    assert customers.count("acme") == 1 and customers.count("acme trading") == 0
