"""Contact persons are found by the customer search (name, phone, pinyin) and show whom the customer matched via."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from salestui.db import migrations
from salestui.services import contacts, customers
from salestui.services.errors import ValidationError
from salestui.services.session import close, open_context
from tests.conftest import FROZEN_NOW, Seeded, run


def found(query: str) -> list[tuple[str, str]]:
    return [(row.name, row.via) for row in customers.page_after(query, None, 50)]


@pytest.mark.parametrize(
    "query",
    ["John Moore", "john", "JOHN MOORE", "+44 7700 900123", "7700 900123", "7700900123", "moore"],
)
def test_a_contact_persons_name_or_phone_finds_the_company(seeded: Seeded, query: str) -> None:
    assert found(query) == [("Acme Trading Ltd", "John Moore")]
    page = customers.search(query, 50)
    assert page.total == 1 and page.rows[0].via == "John Moore"
    assert customers.count(query) == 1


@pytest.mark.parametrize("query", ["周敏", "周", "zhoumin", "zm", "zhou"])
def test_chinese_contact_names_are_found_by_hanzi_and_pinyin(seeded: Seeded, query: str) -> None:
    assert found(query) == [("张伟", "周敏")]


def test_a_customer_that_matches_itself_names_no_contact(seeded: Seeded) -> None:
    assert found("acme") == [("Acme Trading Ltd", "")]
    assert found("华信") == [("张伟", "")]


def test_a_customer_is_listed_once_when_it_and_its_contacts_match(seeded: Seeded) -> None:
    contacts.add(seeded.context, seeded.customer_ids["李娜"], {"name": "李娜娜", "phone": "139 5741 9999"})
    assert found("李娜") == [("李娜", "")]
    assert found("139 5741") == [("李娜", "")]
    assert customers.count("李娜") == 1


def test_a_changed_contact_is_found_by_the_new_name_only(seeded: Seeded) -> None:
    john = next(person for person in customers.detail(seeded.customer_ids["Acme Trading Ltd"]).contacts)
    contacts.update(seeded.context, john.id, {"name": "Jon Moor"})
    assert found("john") == []
    assert found("jon moor") == [("Acme Trading Ltd", "Jon Moor")]


def test_a_contact_person_needs_a_name(seeded: Seeded) -> None:
    with pytest.raises(ValidationError) as caught:
        contacts.add(seeded.context, seeded.customer_ids["李娜"], {"name": " ", "phone": "1"})
    assert caught.value.errors["name"] == "required"
    assert "phone" in caught.value.errors  # the contact spec checks a phone as the customer's does


def test_the_cli_search_shows_the_contact(capsys, book: Path) -> None:
    code, out, _err = run(capsys, "customers", "--search", "John Moore", "--db", str(book))
    assert code == 0 and "Acme Trading Ltd" in out and "via John Moore" in out
    code, out, _err = run(capsys, "customers", "--search", "john", "--json", "--db", str(book))
    (record,) = json.loads(out)
    assert record["name"] == "Acme Trading Ltd" and record["via"] == "John Moore"
    code, out, _err = run(capsys, "customers", "--search", "acme", "--json", "--db", str(book))
    assert "via" not in json.loads(out)[0]


def test_the_cli_search_shows_the_contact_in_chinese(capsys, book: Path) -> None:
    code, out, _err = run(capsys, "customers", "--search", "周敏", "--lang", "zh_CN", "--db", str(book))
    assert code == 0 and "经由 周敏" in out


def test_verify_names_a_contact_missing_from_the_index(capsys, book: Path) -> None:
    connection = sqlite3.connect(book)
    rowid, contact_id = connection.execute("SELECT rowid, id FROM contact_person ORDER BY rowid LIMIT 1").fetchone()
    connection.execute("DELETE FROM contact_short_fts WHERE rowid = ?", (rowid,))
    connection.commit()
    connection.close()
    code, out, err = run(capsys, "verify", "--db", str(book))
    assert code == 1
    assert f"contact person {contact_id}: missing from the search index contact_short_fts" in out + err


def test_a_clean_book_with_contacts_verifies(capsys, book: Path) -> None:
    code, out, err = run(capsys, "verify", "--db", str(book))
    assert code == 0, out + err


def test_the_migration_indexes_the_contacts_already_there(capsys, seeded: Seeded, db_path: Path) -> None:
    """A database from before the contact indexes: version 4's step makes them and fills them."""
    close()
    connection = sqlite3.connect(db_path)
    connection.executescript("DROP TABLE contact_fts; DROP TABLE contact_short_fts;")
    with connection:
        migrations._v4_contact_search(_Plain(connection))
    connection.close()
    from salestui.clock import FrozenClock

    open_context(db_path, "alice", FrozenClock(FROZEN_NOW))
    assert found("john") == [("Acme Trading Ltd", "John Moore")]
    assert found("周敏") == [("张伟", "周敏")]
    close()
    code, out, err = run(capsys, "verify", "--db", str(db_path))
    assert code == 0, out + err


class _Plain:
    """A sqlite3 connection as a migration step takes it."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def execute_sql(self, sql: str, params: object = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)  # type: ignore[arg-type]


@pytest.mark.parametrize("few", [1, 2, 1000])
def test_both_plans_find_customers_through_contacts(seeded: Seeded, monkeypatch: pytest.MonkeyPatch, few: int) -> None:
    """With many matches the name index is walked; the contacts' customers are found that way too."""
    from salestui.db import search

    monkeypatch.setattr(search, "FEW", few)
    for number in range(3):
        contacts.add(seeded.context, seeded.customer_ids["李娜"], {"name": f"Moore Junior {number}"})
    assert found("moore") == [("Acme Trading Ltd", "John Moore"), ("李娜", "Moore Junior 0")]
    assert customers.count("moore") == 2
    customers.update(seeded.context, seeded.customer_ids["李娜"], {"needs": "x", "email": "moore@example.com"})
    assert found("moore") == [("Acme Trading Ltd", "John Moore"), ("李娜", "")]  # now it matches itself
