"""Quick capture (services/quick_capture.py) on the seeded book: one line understood as customer, kind, due time
and title, asked about when unclear, and saved as a follow-up."""

from __future__ import annotations

import pytest

from salestui.services import customers, followups, quick_capture
from salestui.services.errors import ValidationError
from tests.conftest import SHANGHAI, Seeded


def local(understood: quick_capture.Understood) -> str:
    assert understood.when is not None
    return understood.when.at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("line", "customer", "kind", "due", "title"),
    [
        ("call 张伟 tomorrow 3pm about the quote", "张伟", "call", "2026-11-27 15:00", "The quote"),
        ("明天下午3点 回访 李娜", "李娜", "call", "2026-11-27 15:00", "回访"),
        ("明天下午3点回访李娜", "李娜", "call", "2026-11-27 15:00", "回访"),
        ("visit Acme next monday 10:00", "Acme Trading Ltd", "visit", "2026-11-30 10:00", "Visit"),
        ("打电话给张伟说报价 明天下午3点", "张伟", "call", "2026-11-27 15:00", "报价"),
        ("拜访陈杰下周一上午10点半谈合同", "陈杰", "visit", "2026-11-30 10:30", "谈合同"),
        ("发邮件给王芳 周五 关于样品", "王芳", "email", "2026-11-27 09:00", "样品"),
        ("wechat zhangwei 周五下午2点 发样品", "张伟", "im", "2026-11-27 14:00", "发样品"),
        ("meet with John Moore tomorrow 10am", "Acme Trading Ltd", "meeting", "2026-11-27 10:00", "Meet"),
        ("phone 138 0013 8000 in 2 days re delivery", "张伟", "call", "2026-11-28 09:00", "Delivery"),
        ("acme trading ltd eod send the price list", "Acme Trading Ltd", "", "2026-11-26 18:00", "Send the price list"),
        ("E-mail Acme +2w: quarterly review", "Acme Trading Ltd", "email", "2026-12-10 09:00", "Quarterly review"),
    ],
)
def test_a_line_is_understood_field_by_field(
    seeded: Seeded, line: str, customer: str, kind: str, due: str, title: str
) -> None:
    understood = quick_capture.understand(seeded.context, line)
    assert understood.problems == {}
    assert [row.name for row in understood.customers] == [customer]
    assert (understood.kind, local(understood), understood.title) == (kind, due, title)
    assert understood.text == line


def test_several_matching_customers_are_all_offered(seeded: Seeded) -> None:
    understood = quick_capture.understand(seeded.context, "+3d email Wang re samples")
    assert sorted(row.name for row in understood.customers) == ["Wang [bold]Fang[/]", "王芳"]
    assert understood.customers[0].name == "Wang [bold]Fang[/]"  # its name starts with the words: best first
    assert understood.customer_words == "Wang"
    assert understood.problems == {"customer": "2 customers match 'Wang': pick one"}
    assert (understood.kind, local(understood), understood.title) == ("email", "2026-11-29 09:00", "Samples")


def test_a_whole_name_typed_names_that_customer_alone(seeded: Seeded) -> None:
    customers.create(seeded.context, {"name": "Acme", "phone": "010 1234 5678"})
    understood = quick_capture.understand(seeded.context, "visit Acme tomorrow")
    assert [row.name for row in understood.customers] == ["Acme"]
    assert understood.problems == {}


def test_an_id_prefix_names_the_customer(seeded: Seeded) -> None:
    wang = seeded.customer_ids["王芳"]
    understood = quick_capture.understand(seeded.context, f"+3d email {wang[:8]} re samples")
    assert [row.id for row in understood.customers] == [wang]
    assert understood.title == "Samples"


def test_what_is_missing_or_unclear_is_a_problem_of_its_field(seeded: Seeded) -> None:
    nobody = quick_capture.understand(seeded.context, "call Nobody Such tomorrow 3pm")
    assert nobody.customers == () and nobody.problems == {"customer": "no customer matches 'Nobody Such'"}
    undated = quick_capture.understand(seeded.context, "call 张伟 about the quote")
    assert undated.when is None and set(undated.problems) == {"when"}
    unclear = quick_capture.understand(seeded.context, "call 张伟 3点 about the quote")
    assert unclear.problems["when"].startswith("'3点': 03:00 or 15:00?")
    assert (unclear.title, [row.name for row in unclear.customers]) == ("The quote", ["张伟"])  # 3点 is in neither
    bare = quick_capture.understand(seeded.context, "tomorrow")
    assert set(bare.problems) == {"customer", "title"}


def test_save_creates_the_follow_up_as_understood(seeded: Seeded) -> None:
    understood = quick_capture.understand(seeded.context, "call 张伟 tomorrow 3pm about the quote")
    view = quick_capture.save(seeded.context, understood, understood.customers[0].id)
    stored = followups.get(view.id)
    assert (stored.customer_name, stored.kind, stored.title, stored.priority) == ("张伟", "call", "The quote", "normal")
    assert understood.when is not None and stored.due_at == understood.when.at
    assert stored.rep_login == "alice"


def test_save_applies_the_users_fixes(seeded: Seeded) -> None:
    understood = quick_capture.understand(seeded.context, "+3d email Wang re samples")
    changes = {"due_at": "下周一上午10点", "title": "Send samples", "kind": "visit", "priority": "high"}
    view = quick_capture.save(seeded.context, understood, seeded.customer_ids["王芳"], changes)
    assert (view.customer_name, view.kind, view.title, view.priority) == ("王芳", "visit", "Send samples", "high")
    assert view.due_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") == "2026-11-30 10:00"
    weekly = quick_capture.save(seeded.context, understood, seeded.customer_ids["王芳"], {"rrule": "FREQ=WEEKLY"})
    assert weekly.rrule


@pytest.mark.parametrize(
    ("customer", "changes", "field"),
    [
        ("", {}, "customer"),
        ("张伟", {"due_at": "3点"}, "due_at"),
        ("张伟", {"kind": "fax"}, "kind"),
        ("张伟", {"title": ""}, "title"),
        ("张伟", {"status": "done"}, "status"),
        ("张伟", {"rrule": "FREQ=SOMETIMES"}, "rrule"),
    ],
)
def test_save_refuses_what_is_still_wrong(seeded: Seeded, customer: str, changes: dict[str, str], field: str) -> None:
    understood = quick_capture.understand(seeded.context, "call 张伟 tomorrow 3pm about the quote")
    before = len(followups.for_customer(seeded.customer_ids["张伟"]))
    with pytest.raises(ValidationError) as raised:
        quick_capture.save(seeded.context, understood, seeded.customer_ids.get(customer, ""), changes)
    assert field in raised.value.errors
    assert len(followups.for_customer(seeded.customer_ids["张伟"])) == before
