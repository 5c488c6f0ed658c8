"""`salestui deal memo|send|ack|object`: the memo from the shell, in the customer's language or --lang."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salestui.services import customers, deals, memos
from salestui.services.session import close
from tests.conftest import Seeded, run


@pytest.fixture
def book(seeded: Seeded) -> tuple[str, str]:
    context = seeded.context
    zhang = seeded.customer_ids["张伟"]
    customers.update(context, zhang, {"language": "zh_CN"})
    deal = deals.create(
        context,
        zhang,
        {"title": "贴片电容订单", "stage": "agreed", "agreed_via": "phone", "payment_terms": "货到付款"},
        [{"item": "贴片电容", "quantity_milli": "1000", "unit": "箱", "unit_price": "10.00"}],
    )
    path = str(context.path)
    close()
    return path, deal.id


def test_the_memo_prints_in_the_customers_language_or_the_one_asked_for(capsys, book) -> None:
    path, deal_id = book
    code, out, err = run(capsys, "deal", "memo", deal_id[:8], "--db", path)
    assert code == 0, err
    assert out.startswith("订单确认函\n") and "人民币壹万元整" in out and "请于 3 日内" in out
    code, out, _err = run(capsys, "deal", "memo", deal_id, "--db", path, "--lang", "en", "--format", "md")
    assert code == 0 and out.startswith("# Order confirmation\n") and "Total: 10,000.00 CNY" in out
    assert "please reply within 3 days" in out


def test_the_memo_is_written_to_a_file_whole_or_refused(capsys, book, tmp_path: Path) -> None:
    path, deal_id = book
    target = tmp_path / "memo folder" / "确认函.md"
    target.parent.mkdir()
    code, out, _err = run(capsys, "deal", "memo", deal_id, "--db", path, "-o", str(target))
    assert code == 0 and "确认函.md" in out
    assert target.read_text("utf-8").startswith("订单确认函")
    assert [item.name for item in target.parent.iterdir()] == ["确认函.md"]  # no temporary file left behind
    code, _out, err = run(capsys, "deal", "memo", deal_id, "--db", path, "-o", str(tmp_path / "missing" / "m.txt"))
    assert code == 2 and "cannot write" in err


def test_send_ack_and_object_record_the_exchange(capsys, book) -> None:
    path, deal_id = book
    code, out, err = run(capsys, "deal", "send", deal_id, "--db", path, "--channel", "im", "--to", "周敏")
    assert code == 0, err
    assert "Memo version 1 sent" in out
    code, out, _err = run(capsys, "deal", "ack", deal_id, "--db", path, "--text", "收到，确认")
    assert code == 0 and "acknowledged" in out
    code, _out, err = run(capsys, "deal", "object", deal_id, "--db", path)
    assert code == 2 and "--text" in err  # what they dispute is required
    code, out, _err = run(capsys, "deals", "--db", path, "--json")
    assert json.loads(out)[0]["confirmation"] == "acknowledged"
    code, out, _err = run(capsys, "verify", "--db", path)
    assert code == 0, out


def test_replies_before_a_memo_and_unknown_deals_are_refused(capsys, book) -> None:
    path, deal_id = book
    code, _out, err = run(capsys, "deal", "ack", deal_id, "--db", path)
    assert code == 2 and "no memo has been sent" in err
    code, _out, err = run(capsys, "deal", "memo", "0123456789", "--db", path)
    assert code == 2 and "no deal" in err
    assert memos.FORMATS == ("text", "md")
