"""The written confirmation: memo text in both languages, versions, replies and the objection window."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from salestui.services import anchors, contacts, customers, deals, memos, settings
from salestui.services.errors import ValidationError
from salestui.services.memos import window_end
from salestui.services.session import close
from salestui.services.verify import verify
from tests.conftest import Seeded
from tests.tampering import tamper_script

LINES = [
    {"item": "贴片电容", "quantity_milli": "1.5", "unit": "箱", "unit_price": "0.33"},
    {"item": "继电器", "quantity_milli": "200", "unit": "个", "unit_price": "12.80"},
    {"item": "电源模块", "quantity_milli": "1000", "unit": "个", "unit_price": "38.00"},
]

ZH_MEMO = """订单确认函

第 1 版 · 2026-11-26 · 交易编号 {short}

卖方: 宁波明远贸易有限公司, 宁波市江北区 1 号
买方: 张伟 (华信贸易有限公司)，联系人：周敏

兹确认贵我双方于 2026-11-26 09:30（Asia/Shanghai）通过电话达成的以下订单（贴片电容订单）。

1. 贴片电容: 1.5 箱 × 0.33 CNY = 0.50 CNY
2. 继电器: 200 个 × 12.80 CNY = 2,560.00 CNY
3. 电源模块: 1,000 个 × 38.00 CNY = 38,000.00 CNY

合计：40,560.50 CNY
大写：人民币肆万零伍佰陆拾元伍角整

条款
- 交付: 2026-12-05, 宁波港
- 付款: 发货后 30 天内付款
- 质保: 一年质保

如以上内容有误，请于 3 日内（2026-11-29 前）回复；逾期未回复，即视为确认。

{reference}
"""

EN_MEMO = """Order confirmation

Version 1 · 2026-11-26 · deal {short}

From: 宁波明远贸易有限公司, 宁波市江北区 1 号
To: 张伟 (华信贸易有限公司), attention 周敏

We confirm the order below (贴片电容订单), agreed with you on 2026-11-26 09:30 (Asia/Shanghai) by phone.

1. 贴片电容: 1.5 箱 × 0.33 CNY = 0.50 CNY
2. 继电器: 200 个 × 12.80 CNY = 2,560.00 CNY
3. 电源模块: 1,000 个 × 38.00 CNY = 38,000.00 CNY

Total: 40,560.50 CNY

Terms
- Delivery: 2026-12-05, 宁波港
- Payment: 发货后 30 天内付款
- Warranty: 一年质保

If anything here is wrong, please reply within 3 days, by 2026-11-29; otherwise we take it as confirmed.

{reference}
"""


@pytest.fixture
def deal_id(seeded: Seeded) -> str:
    context = seeded.context
    settings.set_value(context, "company.name", "宁波明远贸易有限公司")
    settings.set_value(context, "company.address", "宁波市江北区 1 号")
    zhang = seeded.customer_ids["张伟"]
    customers.update(context, zhang, {"language": "zh_CN", "time_zone": "Asia/Shanghai"})
    contact = contacts.for_customer(zhang)[0]
    terms = {
        "title": "贴片电容订单",
        "stage": "agreed",
        "agreed_via": "phone",
        "agreed_contact_id": contact.id,
        "delivery_date": "2026-12-05",
        "delivery_place": "宁波港",
        "payment_terms": "发货后 30 天内付款",
        "warranty": "一年质保",
    }
    return deals.create(context, zhang, terms, LINES).id


def now(seeded: Seeded) -> datetime:
    return seeded.context.clock.now()


def test_the_memo_in_chinese_and_english_word_for_word(seeded: Seeded, deal_id: str) -> None:
    from salestui.services import ledger

    reference_zh = anchors.anchor_text_in("zh_CN", *ledger.head())
    reference_en = anchors.anchor_text_in("en", *ledger.head())
    assert memos.render(deal_id, now(seeded)) == ZH_MEMO.format(short=deal_id[:12], reference=reference_zh)
    assert memos.render(deal_id, now(seeded), "en") == EN_MEMO.format(short=deal_id[:12], reference=reference_en)
    markdown = memos.render(deal_id, now(seeded), "en", "md")
    assert markdown.startswith("# Order confirmation\n")
    assert "| 3 | 电源模块 | 1,000 | 个 | 38.00 CNY | 38,000.00 CNY |" in markdown
    assert "**Total: 40,560.50 CNY**" in markdown


def test_markdown_escapes_user_text(seeded: Seeded, deal_id: str) -> None:
    deals.save_lines(seeded.context, deal_id, [{"item": "a|b *x* [y](z)", "quantity_milli": "1", "unit_price": "1"}])
    markdown = memos.render(deal_id, now(seeded), "en", "md")
    assert "a\\|b \\*x\\* \\[y\\](z)" in markdown


def test_a_memo_without_company_name_says_so(seeded: Seeded) -> None:
    deal = deals.create(
        seeded.context, seeded.customer_ids["李娜"], {"title": "x", "stage": "agreed", "agreed_via": "im"}
    )
    assert "company name is not set" in memos.render(deal.id, now(seeded), "en")
    assert memos.render(deal.id, now(seeded), "en").count("(no lines)") == 1


def test_sending_stores_the_version_byte_for_byte_and_anchors_it(seeded: Seeded, deal_id: str) -> None:
    context = seeded.context
    before = memos.render(deal_id, now(seeded), zone=context.clock.zone)
    memo = memos.send(context, deal_id, {"channel": "im", "counterpart": "周敏"})
    assert memo.version == 1 and memo.language == "zh_CN"
    assert memo.text == before  # what the preview showed is what was stored
    assert memo.text_sha256 == hashlib.sha256(memo.text.encode("utf-8")).hexdigest()
    assert memo.markdown_sha256 == hashlib.sha256(memo.markdown.encode("utf-8")).hexdigest()
    found, problems = anchors.read(anchors.anchors_path(context.path))
    assert not problems and (memo.anchor_seq, memo.anchor_hash) in {(anchor.seq, anchor.hash) for anchor in found}
    assert memo.text.rstrip().endswith(memo.anchor_hash)
    detail = deals.get(deal_id, now(seeded))
    assert detail.confirmation.state == "sent" and detail.confirmation.version == 1
    assert [event.kind for event in detail.events][-1] == "memo_sent"
    assert detail.events[-1].counterpart == "周敏" and detail.events[-1].memo_version == 1


def test_resending_unchanged_terms_keeps_the_version(seeded: Seeded, deal_id: str) -> None:
    context = seeded.context
    first = memos.send(context, deal_id, {"channel": "im"})
    again = memos.send(context, deal_id, {"channel": "email", "counterpart": "zhou@example.cn"})
    assert again.id == first.id
    assert len(memos.versions(deal_id)) == 1
    sent = [event for event in deals.events(deal_id) if event.kind == "memo_sent"]
    assert [event.channel for event in sent] == ["im", "email"]


def test_a_changed_line_makes_version_2_and_version_1_stays(seeded: Seeded, deal_id: str) -> None:
    context = seeded.context
    first = memos.send(context, deal_id, {"channel": "im"})
    memos.acknowledge(context, deal_id, {"channel": "im", "text": "收到，确认"})
    deals.update_terms(context, deal_id, {"delivery_date": "2026-12-08"})
    state = memos.confirmation(deal_id, now(seeded))
    assert (state.state, state.version, state.stale) == ("acknowledged", 1, True)
    second = memos.send(context, deal_id, {"channel": "im"})
    assert second.version == 2 and "2026-12-08" in second.text
    versions = memos.versions(deal_id)
    assert [memo.version for memo in versions] == [1, 2]
    assert versions[0].text == first.text and "2026-12-05" in versions[0].text
    state = memos.confirmation(deal_id, now(seeded))
    assert (state.state, state.version, state.stale) == ("sent", 2, False)  # v1's acknowledgement is v1's


def test_an_objection_holds_until_a_new_version_is_sent(seeded: Seeded, deal_id: str) -> None:
    context = seeded.context
    memos.send(context, deal_id, {"channel": "im"})
    with pytest.raises(ValidationError) as refused:
        memos.object_to(context, deal_id, {"channel": "im"})
    assert set(refused.value.errors) == {"text"}
    state = memos.object_to(context, deal_id, {"channel": "im", "text": "单价应为 12.50"})
    assert state.state == "objected"
    seeded.context.clock.advance(timedelta(days=10))  # type: ignore[attr-defined]
    assert memos.confirmation(deal_id, now(seeded)).state == "objected"  # never deemed over an objection
    deals.save_lines(context, deal_id, [{**LINES[1], "unit_price": "12.50"}])
    memos.send(context, deal_id, {"channel": "im"})
    assert memos.confirmation(deal_id, now(seeded)).state == "sent"


def test_replies_need_a_memo_and_memos_need_an_agreed_deal(seeded: Seeded) -> None:
    context = seeded.context
    lead = deals.create(context, seeded.customer_ids["李娜"], {"title": "lead"})
    with pytest.raises(ValidationError) as refused:
        memos.send(context, lead.id, {"channel": "im"})
    assert set(refused.value.errors) == {"stage"}
    with pytest.raises(ValidationError) as no_memo:
        memos.acknowledge(context, lead.id, {})
    assert set(no_memo.value.errors) == {"memo"}
    with pytest.raises(ValidationError) as bad_channel:
        memos.send(context, lead.id, {"channel": "pigeon"})
    assert set(bad_channel.value.errors) == {"channel"}


def test_deemed_confirmed_exactly_at_the_end_of_the_window_in_the_customers_zone(seeded: Seeded, deal_id: str) -> None:
    context = seeded.context
    customers.update(context, seeded.customer_ids["张伟"], {"time_zone": "America/New_York"})
    memos.send(context, deal_id, {"channel": "email"})
    # Sent 2026-11-26 09:30 Shanghai = 2026-11-25 20:30 New York: day 0 is the 25th there, so three days to
    # object end at midnight starting 2026-11-29 in New York (05:00 UTC), not at Shanghai's midnight.
    state = memos.confirmation(deal_id, now(seeded))
    assert state.window_ends_at == datetime(2026, 11, 29, 0, 0, tzinfo=ZoneInfo("America/New_York"))
    just_before = state.window_ends_at - timedelta(microseconds=1)
    assert memos.confirmation(deal_id, just_before).state == "sent"
    assert memos.confirmation(deal_id, state.window_ends_at).state == "deemed"
    assert deals.listing(state.window_ends_at)[0].confirmation == "deemed"


def test_window_end_counts_calendar_days_across_a_dst_change() -> None:
    zone = ZoneInfo("America/New_York")
    sent = datetime(2026, 10, 30, 23, 0, tzinfo=zone)  # DST ends on 2026-11-01 there
    assert window_end(sent, 3, zone) == datetime(2026, 11, 3, 0, 0, tzinfo=zone)


def test_an_acknowledgement_wins_over_the_window_and_is_not_deemed(seeded: Seeded, deal_id: str) -> None:
    context = seeded.context
    memos.send(context, deal_id, {"channel": "im"})
    state = memos.acknowledge(context, deal_id, {"channel": "im", "counterpart": "周敏", "text": "好的，确认。"})
    assert state.state == "acknowledged" and state.answered_at == context.clock.now()
    context.clock.advance(timedelta(days=30))  # type: ignore[attr-defined]
    assert memos.confirmation(deal_id, now(seeded)).state == "acknowledged"


def test_verify_passes_after_memos_and_names_an_altered_memo_text(seeded: Seeded, deal_id: str) -> None:
    context = seeded.context
    memo = memos.send(context, deal_id, {"channel": "im"})
    memos.acknowledge(context, deal_id, {"text": "ok"})
    path = context.path
    close()
    assert verify(path).ok
    connection = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("UPDATE memo SET text = 'forged'")
    connection.close()
    tamper_script(path, f"UPDATE memo SET text = replace(text, '38.00', '28.00') WHERE id = '{memo.id}';")
    problems = verify(path).problems
    assert any(f"memo {memo.id}" in problem for problem in problems)
