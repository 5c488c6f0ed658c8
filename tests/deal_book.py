"""What the deal tests share: a deal's three lines with odd quantities and prices, the ledger's length; and deals
on the seeded book for the deal screens' tests and snapshots: one agreed with 张伟 (three lines, one of 1.5 boxes;
memo in Chinese, not sent yet), one with Acme whose memo v1 was sent by e-mail (in English)."""

from __future__ import annotations

from datetime import timedelta

from salestui.clock import FrozenClock
from salestui.db.connection import database
from salestui.services import contacts, customers, deals, memos, settings
from tests.conftest import Seeded

LINES = [
    {"item": "贴片电容", "quantity_milli": "1.5", "unit": "箱", "unit_price": "0.33"},
    {"item": "继电器", "quantity_milli": "200", "unit": "个", "unit_price": "12.80"},
    {"item": "电源模块", "quantity_milli": "1000", "unit": "个", "unit_price": "38.00"},
]


def ledger_length() -> int:
    return database.execute_sql("SELECT COUNT(*) FROM ledger").fetchone()[0]


def three_lines() -> list[dict[str, str]]:
    return [
        {"item": "贴片电容", "quantity_milli": "1.5", "unit": "箱", "unit_price": "0.33"},
        {"item": "继电器", "quantity_milli": "0.333", "unit": "个", "unit_price": "0.01"},
        {"item": "电源模块", "quantity_milli": "1000", "unit": "个", "unit_price": "38.00"},
    ]


def seed_deals(seeded: Seeded) -> dict[str, str]:
    """{'agreed': deal id, 'sent': deal id}."""
    context = seeded.context
    clock = context.clock
    assert isinstance(clock, FrozenClock)
    now = clock.moment
    settings.set_value(context, "company.name", "宁波明远贸易有限公司")
    zhang = seeded.customer_ids["张伟"]
    customers.update(context, zhang, {"language": "zh_CN", "time_zone": "Asia/Shanghai"})
    terms = {
        "title": "贴片电容订单",
        "stage": "agreed",
        "agreed_via": "phone",
        "agreed_contact_id": contacts.for_customer(zhang)[0].id,
        "delivery_date": "2026-12-05",
        "delivery_place": "宁波港",
        "payment_terms": "发货后 30 天内付款",
    }
    agreed = deals.create(context, zhang, terms, LINES).id
    acme = seeded.customer_ids["Acme Trading Ltd"]
    clock.moment = now - timedelta(hours=1)  # agreed an hour ago (the same UTC day: anchors never go back)
    sent = deals.create(
        context,
        acme,
        {"title": "Printed cartons, spring", "stage": "agreed", "agreed_via": "email", "delivery_place": "Felixstowe"},
        [{"item": "Printed carton 40x30x20", "quantity_milli": "5000", "unit": "pcs", "unit_price": "1.85"}],
    ).id
    clock.moment = now
    memos.send(context, sent, {"channel": "email", "counterpart": "John Moore"}, "en")
    return {"agreed": agreed, "sent": sent}
