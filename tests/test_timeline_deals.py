"""Deal events on the customer's timeline: merged with the other kinds in time order, paged by the same cursor."""

from __future__ import annotations

from salestui.services import deals, memos, timeline_entries
from salestui.services.app_views import DealEventEntry
from tests.conftest import Seeded
from tests.deal_book import seed_deals


def test_deal_events_come_with_their_deal_and_memo_in_time_order(seeded: Seeded) -> None:
    ids = seed_deals(seeded)
    acme = seeded.customer_ids["Acme Trading Ltd"]
    entries = timeline_entries.page(acme)
    assert [(entry.occurred_at, entry.id) for entry in entries] == sorted(
        ((entry.occurred_at, entry.id) for entry in entries), reverse=True
    )
    found = [entry for entry in entries if isinstance(entry, DealEventEntry)]
    assert sorted(entry.kind for entry in found) == ["created", "memo_sent", "stage"]
    sent = next(entry for entry in found if entry.kind == "memo_sent")
    assert (sent.deal_id, sent.deal_title, sent.memo_version) == (ids["sent"], "Printed cartons, spring", 1)
    assert (sent.channel, sent.counterpart, sent.total, sent.currency) == ("email", "John Moore", 925000, "CNY")
    assert entries[0] == sent  # sent now; agreed an hour before
    agreed = next(entry for entry in found if entry.kind == "stage")
    assert (agreed.from_stage, agreed.to_stage, agreed.agreed_via) == ("lead", "agreed", "email")
    zhang = {entry.deal_id for entry in timeline_entries.page(seeded.customer_ids["张伟"]) if hasattr(entry, "deal_id")}
    assert zhang == {ids["agreed"]}  # each customer sees only their own deals


def test_pages_of_two_walk_every_entry_once(seeded: Seeded) -> None:
    ids = seed_deals(seeded)
    context = seeded.context
    memos.acknowledge(context, ids["sent"], {"channel": "email", "counterpart": "John Moore", "text": "OK"})
    deals.update_terms(context, ids["sent"], {"warranty": "12 months"})
    acme = seeded.customer_ids["Acme Trading Ltd"]
    everything = timeline_entries.page(acme, limit=500)
    walked, before = [], None
    while True:
        page = timeline_entries.page(acme, before, limit=2)
        walked.extend(page)
        if len(page) < 2:
            break
        before = (page[-1].occurred_at, page[-1].id)
    assert walked == everything
    kinds = [entry.kind for entry in everything if isinstance(entry, DealEventEntry)]
    assert {"acknowledged", "terms_changed"} <= set(kinds)
