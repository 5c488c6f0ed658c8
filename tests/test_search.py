"""Customer search: a word index for 1-2 characters, FTS5 trigram for 3+, pinyin, phone digits, keyset paging
(ranking: tests/test_search_rank.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salestui.db import search
from salestui.services import customers, search_keys
from salestui.services.errors import ValidationError


def names(query: str, limit: int = 50) -> list[str]:
    return [row.name for row in customers.page_after(query, None, limit)]


def listing_key(query: str):
    """The order of a listing's cursors: name order without a query, else rank, latest contact first, name."""

    def key(cursor: customers.Cursor) -> tuple:
        rank, contact, sort_key, row_id = cursor
        if not search_keys.normalize_query(query):
            return (sort_key, row_id)
        latest_first = tuple(-ord(char) for char in contact or "")  # the stored times have one width
        return (rank, contact is None, latest_first, sort_key, row_id)

    return key


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张", ["张伟"]),
        ("张伟", ["张伟"]),
        ("李娜", ["李娜"]),
        ("王芳", ["王芳"]),
        ("华信贸易", ["张伟"]),
        ("zhangwei", ["张伟"]),
        ("ZhangWei", ["张伟"]),
        ("zw", ["张伟"]),
        ("lina", ["李娜"]),
        ("chenjie", ["陈杰"]),
        ("shenzhen", ["陈杰"]),
        ("138 0013", ["张伟"]),
        ("1380013", ["张伟"]),
        ("138-0013-8000", ["张伟"]),
        ("13800138000", ["张伟"]),
        ("+44 20 7946", ["Acme Trading Ltd"]),
        ("orders@acme.example", ["Acme Trading Ltd"]),
        ("ACME", ["Acme Trading Ltd"]),
        ("acme trading", ["Acme Trading Ltd"]),
        ("[bold]", ["Wang [bold]Fang[/]"]),
        ("[/]", ["Wang [bold]Fang[/]"]),
        ("nobody-like-this", []),
    ],
)
def test_search_finds(seeded, query, expected):
    assert names(query) == expected
    assert customers.count(query) == len(expected)


def test_short_and_long_queries_take_different_paths():
    assert "customer_short_fts" in search.match_clause("张伟")[0]
    assert "customer_short_fts" in search.match_clause("z")[0]
    assert "customer_fts" in search.match_clause("zha")[0]
    assert "LIKE" in search.match_clause("%")[0]


def test_two_character_chinese_names_need_the_word_index(seeded):
    # The trigram index cannot see a two-character name: this is why short queries use a word index.
    from salestui.db.connection import database

    trigram = database.execute_sql(
        "SELECT COUNT(*) FROM customer_fts WHERE customer_fts MATCH ?", ('"张伟"',)
    ).fetchone()[0]
    assert trigram == 0
    assert names("张伟") == ["张伟"]


def test_empty_query_lists_everyone_in_pinyin_order(seeded):
    listed = names("")
    assert listed == ["Acme Trading Ltd", "陈杰", "李娜", "Wang [bold]Fang[/]", "王芳", "张伟"]
    assert customers.count("   ") == 6


@pytest.fixture
def awkward(context):
    made = {}
    for name in ("100% Cotton", "a_b Studio", 'O"Brien & Sons', "D'Arcy Ltd", "Back\\slash Co", "Plain Name"):
        made[name] = customers.create(context, {"name": name}).id
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("%", ["100% Cotton"]),
        ("0%", ["100% Cotton"]),
        ("% cotton", ["100% Cotton"]),
        ("_", ["a_b Studio"]),
        ("a_", ["a_b Studio"]),
        ("a_b", ["a_b Studio"]),
        ('"', ['O"Brien & Sons']),
        ('o"b', ['O"Brien & Sons']),
        ('"brien', ['O"Brien & Sons']),
        ("'", ["D'Arcy Ltd"]),
        ("d'arcy", ["D'Arcy Ltd"]),
        ("\\", ["Back\\slash Co"]),
        ("k\\s", ["Back\\slash Co"]),
        ("AND", []),
        ("*", []),
        ("NEAR(", []),
    ],
)
def test_special_characters_are_literal(awkward, query, expected):
    assert names(query) == expected
    assert customers.count(query) == len(expected)


def test_count_stops_at_the_cap(seeded):
    assert customers.count("") == 6
    assert customers.count("", cap=4) == 4
    assert customers.count("a", cap=1) == 1


@pytest.fixture
def crowd(context):
    """250 customers, with repeated names so the id breaks ties."""
    for number in range(250):
        customers.create(context, {"name": f"客户{number % 60:02d}", "phone": f"139 {number:04d} 0000"})
    return context


@pytest.fixture(params=[1000, 3], ids=["few-by-rowid", "many-by-name-index"])
def plan_threshold(request, monkeypatch):
    """Run a test under both search plans: matches fetched by rowid and sorted, or the name index walked."""
    monkeypatch.setattr(search, "FEW", request.param)
    return request.param


@pytest.mark.parametrize(
    ("query", "size"),
    [("", 37), ("客户", 50), ("客户1", 7), ("kehu", 11), ("139 00", 9), ("客", 13), ("kh", 40), ("05", 2)],
)
def test_keyset_pages_cover_every_row_once_in_order(crowd, plan_threshold, query, size):
    everyone = customers.page_at(query, 0, 1000)
    expected = customers.count(query)
    assert len(everyone) == expected > 0
    keys = [customers.cursor(row) for row in everyone]
    assert keys == sorted(keys, key=listing_key(query))
    assert len(set(keys)) == len(keys)

    forward, cursor = [], None
    while True:
        chunk = customers.page_after(query, cursor, size)
        if not chunk:
            break
        assert len(chunk) <= size
        forward.extend(chunk)
        cursor = customers.cursor(chunk[-1])
    assert forward == everyone

    backward: list = []
    cursor = customers.cursor(everyone[-1])
    while True:
        chunk = customers.page_before(query, cursor, size)
        if not chunk:
            break
        backward[:0] = chunk
        cursor = customers.cursor(chunk[0])
    assert backward == everyone[:-1]

    for offset in (0, 1, size, len(everyone) - 3, len(everyone) + 5):
        assert customers.page_at(query, offset, size) == everyone[offset : offset + size]


def test_crowd_counts(crowd):
    assert customers.count("") == 250
    assert customers.count("客户") == 250
    assert customers.count("客户05") == 5  # 05, 65, 125, 185, 245
    assert customers.count("客户1") == 40  # 10-19, 70-79, 130-139, 190-199
    assert customers.count("", cap=100) == 100


def test_page_rows_carry_the_list_columns(seeded):
    row = customers.page_after("张伟", None, 1)[0]
    assert (row.name, row.company, row.phone, row.tier, row.status, row.owner_login) == (
        "张伟",
        "华信贸易有限公司",
        "138 0013 8000",
        "vip",
        "active",
        "alice",
    )
    assert row.sort_key == "zhangwei"
    assert row.last_contact_at == seeded.context.clock.now() - timedelta(days=3)


def test_resolve_by_id_name_and_phone(seeded):
    zhang = seeded.customer_ids["张伟"]
    assert customers.resolve(zhang).id == zhang
    assert customers.resolve("  张伟 ").id == zhang
    assert customers.resolve("138 0013 8000").id == zhang
    assert customers.resolve("13800138000").id == zhang
    assert customers.resolve("138-0013-8000").id == zhang
    assert customers.resolve("Acme Trading Ltd").id == seeded.customer_ids["Acme Trading Ltd"]
    assert customers.resolve("深圳启明电子").id == seeded.customer_ids["陈杰"]


def test_resolve_unknown_and_ambiguous(seeded):
    with pytest.raises(ValidationError) as caught:
        customers.resolve("Nobody at all")
    assert list(caught.value.errors) == ["customer"]
    assert "no customer matches" in caught.value.errors["customer"]
    twin = customers.create(seeded.context, {"name": "张伟", "phone": "135 0000 0000"})
    with pytest.raises(ValidationError) as caught:
        customers.resolve("张伟")
    message = caught.value.errors["customer"]
    assert "ambiguous" in message
    assert twin.id[:8] in message and seeded.customer_ids["张伟"][:8] in message
    assert customers.resolve("135 0000 0000").id == twin.id
    with pytest.raises(ValidationError):
        customers.resolve("张")


def test_search_keys():
    assert search_keys.pinyin_forms("张伟") == ("zhangwei", "zw")
    assert search_keys.pinyin_forms("Acme") == ("", "")
    assert search_keys.sort_key("张伟") == "zhangwei"
    assert search_keys.sort_key("Zoe") == "zoe"
    assert search_keys.normalize_query(" 138-0013 ") == "1380013"
    assert search_keys.normalize_query("+44 (20)") == "20"  # the country code is left out
    assert search_keys.normalize_query("ACME 2") == "acme 2"
    text = search_keys.search_text("张伟", "华信", "138 0013", "Z@X.CN", "")
    assert {"张伟", "1380013", "zhangwei", "zw", "huaxin", "hx", "z@x.cn"} <= set(text.split(" "))


@pytest.mark.parametrize(("query", "total"), [("客户05", 5), ("05", 5), ("客户1", 40), ("kh", 250), ("kehu", 250)])
def test_search_gives_the_first_page_and_the_total_when_it_is_cheap(crowd, plan_threshold, query, total):
    page = customers.search(query, 100)
    assert page.rows == customers.page_at(query, 0, 100)
    if total < plan_threshold or total < 100:
        assert page.total == total
    else:
        assert page.total is None  # many matches: the list counts them in the background
    assert customers.count(query) == total


def test_short_queries_look_in_names_and_pinyin_not_in_phones_or_mail(seeded):
    assert names("li") == ["李娜"]  # a two-letter pinyin surname
    assert names("hx") == ["张伟"]  # initials of the company 华信贸易
    assert names("44") == []  # two digits of a phone number match too much to be useful


def test_short_queries_match_any_hanzi_and_the_start_of_latin_words(seeded):
    assert names("信") == ["张伟"]  # a hanzi in the middle of the company name 华信贸易
    assert names("贸易") == ["张伟"]
    assert names("wa") == ["Wang [bold]Fang[/]", "王芳"]  # a word start, in English and in pinyin
    assert names("ng") == []  # not the inside of a word: two letters would match half the book
    assert names("伟华") == []  # hanzi are adjacent only within one field


def test_page_before_without_a_cursor_gives_the_last_rows(crowd):
    everyone = customers.page_at("", 0, 1000)
    assert customers.page_before("", None, 7) == everyone[-7:]
    assert customers.page_before("客户1", None, 3) == customers.page_at("客户1", 37, 3)
