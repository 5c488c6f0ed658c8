"""`salestui customers add` and `salestui customers show`: exit codes, JSON, and nothing written on bad input."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from salestui.services import customers
from salestui.services.session import close
from salestui.services.specs import CUSTOMER
from tests.conftest import Seeded, run


def ledger_length(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT COUNT(*) FROM ledger").fetchone()[0]


def customer_row(path: Path, customer_id: str) -> dict[str, object]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        return dict(connection.execute("SELECT * FROM customer WHERE id = ?", (customer_id,)).fetchone())


def test_add_prints_the_new_id_and_writes_what_was_given(capsys, book: Path) -> None:
    code, out, err = run(
        capsys,
        "customers",
        "add",
        "杭州茶叶",
        "--company",
        "杭州西湖茶叶有限公司",
        "--phone",
        "+86 571 8888 0000",
        "--email",
        "sales@tea.example",
        "--kind",
        "company",
        "--db",
        str(book),
    )
    assert (code, err) == (0, "")
    customer_id = out.strip()
    assert re.fullmatch(r"[0-9a-f]{32}", customer_id)
    row = customer_row(book, customer_id)
    assert (row["name"], row["company"], row["phone"], row["email"], row["kind"]) == (
        "杭州茶叶",
        "杭州西湖茶叶有限公司",
        "+86 571 8888 0000",
        "sales@tea.example",
        "company",
    )
    code, out, _err = run(capsys, "verify", "--db", str(book))
    assert code == 0 and "OK" in out


def test_add_json_is_the_customer_with_every_field_of_its_spec(capsys, book: Path) -> None:
    code, out, _err = run(capsys, "customers", "add", "Zed Kowalski", "--json", "--db", str(book))
    assert code == 0
    record = json.loads(out)
    assert set(CUSTOMER) <= set(record)
    assert (record["name"], record["kind"], record["owner_login"], record["tier"]) == (
        "Zed Kowalski",
        "person",
        "alice",
        "potential",
    )
    assert record["credit_limit"] == 0 and record["last_contact_at"] is None
    assert record["created_at"].endswith("Z")


@pytest.mark.parametrize(
    ("argv", "fields"),
    [
        (["", "--phone", "12"], {"name", "phone"}),
        (["Ann", "--email", "ann-at-example"], {"email"}),
        (["Ann\x1b[31m"], {"name"}),
    ],
)
def test_add_refuses_bad_input_naming_each_field_and_writes_nothing(
    capsys, book: Path, argv: list[str], fields: set[str]
) -> None:
    before = ledger_length(book)
    code, out, err = run(capsys, "customers", "add", *argv, "--db", str(book), "--user", "newcomer")
    assert code == 2 and out == ""
    assert {line.split(":", 1)[0] for line in err.strip().splitlines()} == fields
    assert "\x1b" not in err
    assert ledger_length(book) == before  # not even the rep "newcomer" was added


def test_add_offers_only_the_kinds_of_the_spec(capsys, book: Path) -> None:
    code, _out, err = run(capsys, "customers", "add", "Ann", "--kind", "robot", "--db", str(book))
    assert code == 2 and all(kind in err for kind in CUSTOMER.choice("kind").codes)


def test_show_prints_every_profile_field_and_the_contact_persons_primary_first(capsys, book: Path) -> None:
    code, out, err = run(capsys, "customers", "show", "Acme Trading Ltd", "--db", str(book))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Acme Trading Ltd"
    assert re.search(r"^  Payment terms +60 days after delivery$", out, re.M)
    assert re.search(r"^  Credit limit +50,000.00 CNY$", out, re.M)
    assert re.search(r"^  Memo language +Company default$", out, re.M)
    assert re.search(r"^  Time zone +-$", out, re.M)
    assert re.search(r"^  Kind +Company$", out, re.M)
    for name in CUSTOMER:
        assert f"  {CUSTOMER[name].label}" in out
    contacts = lines[lines.index("Contact persons (2; ★ primary)") + 1 :]
    assert contacts[:2] == [
        "  ★ John Moore · Purchasing manager · +44 7700 900123",
        "    Mary Chen · Accounts · mary@acme.example",
    ]


def test_show_speaks_the_language_asked_for(capsys, book: Path) -> None:
    code, out, _err = run(capsys, "--lang", "zh_CN", "customers", "show", "张伟", "--db", str(book))
    assert code == 0
    assert re.search(r"^  级别 +VIP$", out, re.M) and re.search(r"^  状态 +活跃$", out, re.M)
    assert "  ★ 周敏 · 采购经理 · 135 1234 5678" in out


def test_show_json_holds_the_profile_and_the_contact_persons(capsys, book: Path) -> None:
    code, out, _err = run(capsys, "customers", "show", "+44 20 7946 0018", "--json", "--db", str(book))
    assert code == 0
    shown = json.loads(out)
    assert set(shown) == {"customer", "contact_persons", "promises", "open_deals"}
    customer = shown["customer"]
    assert (customer["name"], customer["credit_limit"], customer["currency"]) == ("Acme Trading Ltd", 5_000_000, "CNY")
    assert (customer["language"], customer["time_zone"], customer["interaction_count"]) == ("", "", 1)
    assert [(person["name"], person["primary"]) for person in shown["contact_persons"]] == [
        ("John Moore", True),
        ("Mary Chen", False),
    ]


def test_show_by_an_id_prefix_and_markup_in_a_name_stays_literal(capsys, seeded: Seeded, db_path: Path) -> None:
    customer_id = seeded.customer_ids["Wang [bold]Fang[/]"]
    close()
    code, out, _err = run(capsys, "customers", "show", customer_id[:8], "--db", str(db_path))
    assert code == 0 and out.splitlines()[0] == "Wang [bold]Fang[/]"
    assert "Contact persons (0; ★ primary)\n  none\n" in out


def test_show_exits_1_for_no_such_customer_and_2_for_an_ambiguous_one(capsys, seeded: Seeded, db_path: Path) -> None:
    customers.create(seeded.context, {"name": "李娜", "phone": "139 0000 1111"})
    close()
    code, out, err = run(capsys, "customers", "show", "Nobody Here", "--db", str(db_path))
    assert (code, out) == (1, "") and "no customer matches" in err
    code, out, err = run(capsys, "customers", "show", "李娜", "--db", str(db_path))
    assert (code, out) == (2, "") and "ambiguous" in err
    code, _out, err = run(capsys, "customers", "show", "--db", str(db_path))
    assert code == 2 and "CUSTOMER" in err


def test_show_opens_the_file_read_only(capsys, book: Path) -> None:
    before = book.stat().st_mtime_ns, ledger_length(book)
    code, _out, _err = run(capsys, "customers", "show", "张伟", "--db", str(book))
    assert code == 0 and (book.stat().st_mtime_ns, ledger_length(book)) == before


def test_the_listing_still_works_beside_its_actions(capsys, book: Path) -> None:
    code, out, _err = run(capsys, "customers", "--json", "--limit", "2", "--db", str(book))
    assert code == 0 and len(json.loads(out)) == 2
    code, out, _err = run(capsys, "customers", "--help")
    assert code == 0 and "add" in out and "show" in out


def test_show_lists_the_open_deals_with_their_confirmation(capsys, seeded: Seeded, db_path: Path) -> None:
    from salestui.services import deals

    context = seeded.context
    acme = seeded.customer_ids["Acme Trading Ltd"]
    open_deal = deals.create(
        context,
        acme,
        {"title": "Cartons", "currency": "USD"},
        [{"item": "carton", "quantity_milli": "5000", "unit": "pcs", "unit_price": "0.42"}],
    )
    lost = deals.create(context, acme, {"title": "Old tender"})
    deals.move(context, lost.id, "lost", "went elsewhere")
    close()
    code, out, err = run(capsys, "customers", "show", "Acme Trading Ltd", "--db", str(db_path), "--json")
    assert code == 0, err
    found = json.loads(out)["open_deals"]
    assert [(deal["id"], deal["total"], deal["currency"], deal["confirmation"]) for deal in found] == [
        (open_deal.id, 210_000, "USD", "none")
    ]
    code, out, _err = run(capsys, "customers", "show", "Acme Trading Ltd", "--db", str(db_path))
    assert "Open deals (1)" in out and "Cartons · Lead · 2,100.00 USD · not sent" in out


def test_show_gives_the_promise_record_and_the_open_promises(capsys, seeded: Seeded, db_path: Path) -> None:
    from datetime import timedelta

    from salestui.services import promises

    context = seeded.context
    acme = seeded.customer_ids["Acme Trading Ltd"]
    now = context.clock.now()
    kept = promises.add(context, acme, {"side": "customer", "kind": "payment", "what": "Pay #1101", "due_at": now})
    promises.settle(context, kept.id, {"status": "kept"})
    promises.add(context, acme, {"side": "us", "kind": "delivery", "what": "Ship", "due_at": now + timedelta(days=2)})
    close()
    code, out, err = run(capsys, "customers", "show", "Acme Trading Ltd", "--db", str(db_path), "--json")
    assert code == 0, err
    found = json.loads(out)["promises"]
    assert {(t["side"], t["kind"], t["kept"], t["open"]) for t in found["record"]} == {
        ("customer", "payment", 1, 0),
        ("us", "delivery", 0, 1),
    }
    assert [item["what"] for item in found["open"]] == ["Ship"]
    code, out, _err = run(capsys, "customers", "show", "Acme Trading Ltd", "--db", str(db_path))
    assert "Promises (1 open)" in out and "Customer's payment promises kept 1/1" in out
