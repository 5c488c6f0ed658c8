"""The timeline shows completed follow-ups and profile edits beside interactions, in time order, paged."""

from __future__ import annotations

from datetime import timedelta

from salestui import i18n
from salestui.services import customers, followups, timeline, timeline_entries
from salestui.services.app_views import FieldChange, FollowUpDoneEntry, ProfileEditEntry
from salestui.services.views import InteractionView
from salestui.ui.panes.timeline import any_entry_content
from tests.conftest import Seeded


def test_the_seeded_company_shows_each_kind_newest_first(seeded: Seeded) -> None:
    entries = timeline_entries.page(seeded.customer_ids["Acme Trading Ltd"])
    assert [type(entry) for entry in entries] == [ProfileEditEntry, FollowUpDoneEntry, InteractionView]
    edit, done, _meeting = entries
    assert isinstance(edit, ProfileEditEntry) and isinstance(done, FollowUpDoneEntry)
    assert edit.rep_login == "alice"
    assert edit.changes == (FieldChange("payment_terms", "30 days after delivery", "60 days after delivery"),)
    assert (done.title, done.outcome, done.rep_login) == ("Send the price list", "Sent; they reply by Friday", "alice")


def test_an_edit_names_the_owner_by_login_and_formats_money(seeded: Seeded) -> None:
    customer_id = seeded.customer_ids["李娜"]
    customers.update(seeded.context, customer_id, {"credit_limit": "1234.5", "owner_login": "", "tier": "vip"})
    (edit,) = [entry for entry in timeline_entries.page(customer_id) if isinstance(entry, ProfileEditEntry)]
    assert set(edit.changes) == {
        FieldChange("owner", "alice", ""),
        FieldChange("tier", "regular", "vip"),
        FieldChange("credit_limit", "0.00 CNY", "1,234.50 CNY"),
    }
    text = any_entry_content(edit, seeded.context).plain
    assert "Profile edited · alice" in text and "Owner: alice → public pool" in text and "Tier: Regular → VIP" in text
    i18n.set_language("zh_CN")
    text = any_entry_content(edit, seeded.context).plain
    assert "资料已修改 · alice" in text and "级别: 普通 → VIP" in text and "负责人: alice → 公海" in text


def test_the_kinds_page_together_without_gaps_or_repeats(seeded: Seeded) -> None:
    context = seeded.context
    customer_id = seeded.customer_ids["陈杰"]
    now = context.clock.now()
    for number in range(7):
        timeline.append(
            context,
            customer_id,
            {"kind": "note", "summary": f"Note {number}", "occurred_at": now - timedelta(hours=number)},
        )
        done = followups.create(context, customer_id, {"title": f"Task {number}", "due_at": now})
        followups.complete(context, done.id, f"outcome {number}")
        customers.update(context, customer_id, {"tags": f"tag {number}"})
    everything = timeline_entries.page(customer_id, None, 1000)
    assert len(everything) == 1 + 7 * 3
    times = [(entry.occurred_at, entry.id) for entry in everything]
    assert times == sorted(times, reverse=True)
    paged, before = [], None
    while True:
        page = timeline_entries.page(customer_id, before, 4)
        paged += page
        if len(page) < 4:
            break
        before = (page[-1].occurred_at, page[-1].id)
    assert [entry.id for entry in paged] == [entry.id for entry in everything]


def test_a_completed_follow_up_reads_in_both_languages(seeded: Seeded) -> None:
    (done,) = [
        entry
        for entry in timeline_entries.page(seeded.customer_ids["Acme Trading Ltd"])
        if isinstance(entry, FollowUpDoneEntry)
    ]
    text = any_entry_content(done, seeded.context).plain
    assert "Follow-up done · alice" in text and "Send the price list" in text
    assert "Outcome: Sent; they reply by Friday" in text
    i18n.set_language("zh_CN")
    text = any_entry_content(done, seeded.context).plain
    assert "跟进已完成 · alice" in text and "结果: Sent; they reply by Friday" in text


def test_deal_events_are_on_the_timeline_in_time_order(seeded) -> None:
    from datetime import timedelta

    from salestui.services import deals, memos, timeline_entries
    from salestui.services.app_views import DealEventEntry

    context = seeded.context
    zhang = seeded.customer_ids["张伟"]
    deal = deals.create(
        context, zhang, {"title": "Relays"}, [{"item": "relay", "quantity_milli": "2", "unit_price": "5"}]
    )
    context.clock.advance(timedelta(minutes=5))
    deals.move(context, deal.id, "agreed", terms={"agreed_via": "phone"})
    context.clock.advance(timedelta(minutes=5))
    memos.send(context, deal.id, {"channel": "im", "counterpart": "周敏"})
    entries = [entry for entry in timeline_entries.page(zhang) if isinstance(entry, DealEventEntry)]
    assert [(entry.kind, entry.to_stage, entry.memo_version) for entry in entries] == [
        ("memo_sent", "", 1),
        ("stage", "agreed", None),
        ("created", "lead", None),
    ]
    assert entries[0].counterpart == "周敏" and entries[0].total == 1000 and entries[0].deal_title == "Relays"
    newest = timeline_entries.page(zhang, limit=1)[0]
    assert isinstance(newest, DealEventEntry)  # newer than every interaction of the seeded book
    older = timeline_entries.page(zhang, before=(entries[0].occurred_at, entries[0].id), limit=2)
    assert [entry.id for entry in older][:1] == [entries[1].id]
