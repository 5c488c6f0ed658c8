"""`salestui deals` and `salestui deal show`: tables, JSON, filters and exit codes."""

from __future__ import annotations

import json

import pytest

from salestui.services import deals
from salestui.services.session import close
from tests.conftest import Seeded, run


@pytest.fixture
def book(seeded: Seeded) -> tuple[str, dict[str, str]]:
    context = seeded.context
    zhang, acme = seeded.customer_ids["张伟"], seeded.customer_ids["Acme Trading Ltd"]
    one = deals.create(
        context,
        zhang,
        {"title": "贴片电容订单", "stage": "agreed", "agreed_via": "phone"},
        [{"item": "贴片电容", "quantity_milli": "1.5", "unit": "箱", "unit_price": "0.33"}],
    )
    two = deals.create(context, acme, {"title": "Cartons", "currency": "USD"})
    path = str(context.path)
    close()
    return path, {"one": one.id, "two": two.id}


def test_deals_lists_every_deal_as_json(capsys, book) -> None:
    path, ids = book
    code, out, err = run(capsys, "deals", "--db", path, "--json")
    assert code == 0, err
    items = {item["id"]: item for item in json.loads(out)}
    assert set(items) == set(ids.values())
    one = items[ids["one"]]
    assert one["customer"] == "张伟" and one["stage"] == "agreed"
    assert (one["total"], one["currency"]) == (50, "CNY")
    assert one["confirmation"] == "none" and one["memo_version"] is None
    assert one["agreed_at"].endswith("Z")
    assert set(one) == {
        "id", "customer_id", "customer", "title", "stage", "total", "currency", "agreed_at", "confirmation",
        "memo_version",
    }  # fmt: skip


def test_deals_filters_by_customer_and_stage(capsys, book) -> None:
    path, ids = book
    code, out, _err = run(capsys, "deals", "--db", path, "--customer", "Acme Trading Ltd", "--json")
    assert code == 0 and [item["id"] for item in json.loads(out)] == [ids["two"]]
    code, out, _err = run(capsys, "deals", "--db", path, "--stage", "agreed")
    assert code == 0 and "贴片电容订单" in out and "Cartons" not in out
    code, out, err = run(capsys, "deals", "--db", path, "--customer", "nobody at all")
    assert code == 1 and "nobody at all" in err and out == ""  # not found: 1, as `customers show` does
    code, _out, err = run(capsys, "deals", "--db", path, "--stage", "sideways")
    assert code == 2


def test_deal_show_prints_lines_terms_and_history(capsys, book) -> None:
    path, ids = book
    code, out, err = run(capsys, "deal", "show", ids["one"][:8], "--db", path)
    assert code == 0, err
    assert "贴片电容 1.5 箱 × 0.33 CNY = 0.50 CNY" in out
    assert "Confirmation: not sent" in out
    assert "Quoted" not in out and "Lead → Agreed" in out
    code, out, _err = run(capsys, "deal", "show", ids["one"], "--db", path, "--json")
    record = json.loads(out)
    assert record["lines"][0]["quantity_milli"] == 1500 and record["total"] == 50
    assert [event["kind"] for event in record["events"]] == ["created", "stage"]


def test_deal_show_refuses_short_unknown_and_missing(capsys, book) -> None:
    path, _ids = book
    assert run(capsys, "deal", "show", "abc", "--db", path)[0] == 2  # cannot be an id: bad usage
    code, out, err = run(capsys, "deal", "show", "f" * 32, "--db", path)
    assert code == 1 and "no deal" in err and out == ""  # no such deal: not found
    code, _out, err = run(capsys, "deal", "show", "abcdef", "--db", path + ".missing")
    assert code == 2 and "no database" in err


def test_deals_prints_a_table_and_says_when_nothing_matches(capsys, book) -> None:
    path, ids = book
    code, out, err = run(capsys, "deals", "--db", path)
    assert code == 0, err
    header, ruler, *rows = out.splitlines()
    assert header.split() == ["id", "customer", "deal", "stage", "total", "confirmation", "memo"]
    assert set(ruler) == {"-", " "}
    by_id = {row[:12]: row for row in rows}
    assert set(by_id) == {ids["one"][:12], ids["two"][:12]}
    one = by_id[ids["one"][:12]].split()
    assert one[1:] == ["张伟", "贴片电容订单", "Agreed", "0.50", "CNY", "not", "sent", "-"]
    code, out, err = run(capsys, "deals", "--db", path, "--customer", "Acme Trading Ltd", "--stage", "agreed")
    assert (code, out) == (0, "") and "No deals match." in err


def test_deals_json_shows_a_sent_memo_s_version(capsys, book) -> None:
    from salestui.services import memos
    from salestui.services.session import open_context

    path, ids = book
    context = open_context(path)
    memos.send(context, ids["one"], {"channel": "email", "counterpart": "张伟"})
    close()
    code, out, err = run(capsys, "deals", "--db", path, "--stage", "agreed", "--json")
    assert code == 0, err
    [item] = json.loads(out)
    assert (item["id"], item["confirmation"], item["memo_version"]) == (ids["one"], "sent", 1)
