"""The Follow-ups pane over the daily queue: groups, counts and order; what each line says; what done, snooze and
enter do on each kind of item; the team view and the rep filter for a manager, refused for a rep."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from salestui import i18n
from salestui.services import reps
from salestui.services.queue_views import CADENCE, DEAL, PROMISE, QueueItem
from salestui.ui.app import SalesApp
from salestui.ui.deal.screen import DealScreen
from salestui.ui.forms import InteractionForm
from salestui.ui.main_screen import MainScreen
from salestui.ui.panes.marked_list import Item
from salestui.ui.panes.words import due_words
from salestui.ui.promise_list import PromiseListScreen
from salestui.ui.team_view import RepPickScreen, read_queue
from tests.conftest import FROZEN_NOW, Seeded
from tests.queue_book import BOB_CUSTOMER, BOB_TITLE, DEAL_TITLE, PROMISE_WHAT, SUGGESTED, seed_queue
from tests.ui.conftest import WIDE, build_app, main, notes, settle

REFUSED = "Only a manager or admin can see the team's queue or another rep's; yours is shown."


@pytest.fixture
def queue_book(seeded: Seeded) -> Seeded:
    return seed_queue(seeded)


def listed(app: SalesApp) -> list[str]:
    """The pane's lines as shown (an item's two lines joined by ' / ')."""
    pane = main(app).follow_ups
    return [option.body.plain.replace("\n    ", " / ") for option in pane.options if isinstance(option, Item)]


async def open_queue(pilot: Pilot[Any]) -> MainScreen:
    await settle(pilot)
    await pilot.press("tab", "tab")
    await settle(pilot)
    screen = main(pilot.app)
    assert pilot.app.focused is screen.follow_ups
    return screen


async def move_to(pilot: Pilot[Any], wanted: Callable[[QueueItem], bool]) -> QueueItem:
    """Move the queue's cursor down to the first item `wanted` picks."""
    pane = main(pilot.app).follow_ups
    await pilot.press("home")
    for _step in range(30):
        item = pane.current_item
        if item is not None and wanted(item):
            return item
        await pilot.press("down")
    raise AssertionError("no such item in the queue")


async def test_groups_counts_and_order_by_due_then_priority(queue_book: Seeded) -> None:
    app = build_app(queue_book.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_queue(pilot)
        assert listed(app) == [
            "! Overdue (1)",
            "! 3 d overdue · 11-23 09:30  normal  张伟 · Confirm delivery date"
            " / last: IM 11-23 \u201cWeChat: confirmed delivery address\u201d",
            "Today (3)",
            "  in 2 h · 11:30  normal  李娜 · Call about 2027 prices"
            " / last: e-mail 10-12 \u201cSent price list for 2027\u201d",
            "  in 5 h · 14:30  high    陈杰 · call · Chase the late payment / never contacted",  # high first
            "  in 5 h · 14:30  normal  陈杰 · call · Quote the spring order / never contacted",
            "Upcoming (3) — the next 7 days",
            f"  tomorrow · 11-27 09:30  high    Acme Trading Ltd · ◆ our promise · {PROMISE_WHAT}"
            " / last: meeting 11-16 \u201cQuarterly review; asked for samples\u201d",
            f"  in 2 d · 11-28          high    张伟 · ◆ delivery · {DEAL_TITLE}"  # a whole day: the date only
            " / last: IM 11-23 \u201cWeChat: confirmed delivery address\u201d",
            "  in 4 d · 11-30 09:30    normal  Acme Trading Ltd · Send samples"
            " / last: meeting 11-16 \u201cQuarterly review; asked for samples\u201d",
            "Get in touch, suggested (1)",
            f"! 10 d overdue · 11-16 09:30  normal  {SUGGESTED} · ○ get in touch · no contact for 40 d"
            " (cadence: every 30 d)"
            " / last: call 10-17 \u201cAsked for samples\u201d",
        ]
        assert str(screen.follow_ups.border_title) == "Follow-ups"
        assert str(screen.follow_ups.border_subtitle) == "1 overdue · 3 today · 3 upcoming · 1 suggested"
        assert BOB_TITLE not in " ".join(listed(app))  # bob's own, not alice's


@pytest.mark.parametrize(
    ("offset", "whole_day", "in_english", "in_chinese"),
    [
        (timedelta(hours=2), False, "in 2 h · 11:30", "2 小时后 · 11:30"),
        (timedelta(minutes=30), False, "in 30 min · 10:00", "30 分钟后 · 10:00"),
        (timedelta(0), False, "now · 09:30", "现在 · 09:30"),
        (timedelta(minutes=-40), False, "40 min overdue · 08:50", "逾期 40 分钟 · 08:50"),
        (timedelta(minutes=-150), False, "2 h overdue · 07:00", "逾期 2 小时 · 07:00"),
        (timedelta(days=-1), False, "yesterday · 11-25 09:30", "昨天 · 11-25 09:30"),
        (timedelta(days=1, hours=-9), False, "tomorrow · 11-27 00:30", "明天 · 11-27 00:30"),
        (timedelta(days=-3), True, "3 d overdue · 11-23", "逾期 3 天 · 11-23"),
        (timedelta(0), True, "today · 11-26", "今天 · 11-26"),
        (timedelta(days=40), False, "in 40 d · 2027-01-05 09:30", "40 天后 · 2027-01-05 09:30"),
    ],
)
def test_due_reads_relative_and_absolute_in_local_time(
    clock, offset: timedelta, whole_day: bool, in_english: str, in_chinese: str
) -> None:
    due = FROZEN_NOW + offset
    assert due_words(due, FROZEN_NOW, clock.local, whole_day) == in_english
    i18n.set_language("zh_CN")
    assert due_words(due, FROZEN_NOW, clock.local, whole_day) == in_chinese


async def test_a_cadence_suggestion_is_gone_once_a_call_is_logged(queue_book: Seeded) -> None:
    app = build_app(queue_book.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_queue(pilot)
        await move_to(pilot, lambda item: item.source == CADENCE)
        await pilot.press("x")  # nothing planned to mark done
        await settle(pilot)
        assert notes(app)[-1].message == (
            f"Nothing is planned with {SUGGESTED} yet: log a contact (l) or plan a follow-up (f)."
        )
        assert app.screen is screen
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InteractionForm)
        assert form.customer_id == queue_book.customer_ids[SUGGESTED]
        form.control("summary").focus()
        await pilot.press(*"Called: samples ship Monday", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert not any(item.source == CADENCE for item in screen.follow_ups.queue_items())
        assert str(screen.follow_ups.border_subtitle) == "1 overdue · 3 today · 3 upcoming · 0 suggested"


async def test_done_on_a_promise_opens_its_customers_promises_and_on_a_deal_the_deal(queue_book: Seeded) -> None:
    app = build_app(queue_book.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_queue(pilot)
        await move_to(pilot, lambda item: item.source == PROMISE)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, PromiseListScreen)
        assert app.screen.customer.customer_id == queue_book.customer_ids["Acme Trading Ltd"]
        await pilot.press("escape")
        await settle(pilot)
        await move_to(pilot, lambda item: item.source == DEAL)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, DealScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("enter")  # enter shows the deal's customer
        await settle(pilot)
        assert screen.selected is not None and screen.selected.name == "张伟"


async def test_the_team_view_for_a_manager_shows_whose_each_item_is(queue_book: Seeded) -> None:
    app = build_app(queue_book.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("t")
        await settle(pilot)
        pane = screen.follow_ups
        assert str(pane.border_title) == "Follow-ups — team"
        assert f"  in 3 h · 12:30  normal  {BOB_CUSTOMER} · visit · {BOB_TITLE}" in [
            line.split(" / ")[0] for line in listed(app)
        ]
        assert any(line.endswith("bob · last: visit 11-26 \u201cToured the site\u201d") for line in listed(app))
        assert str(pane.border_subtitle) == "1 overdue · 4 today · 3 upcoming · 1 suggested"
        assert str(screen.alerts.border_subtitle) == "3 alerts"  # the alerts stay the rep's own
        await pilot.press("t")
        await settle(pilot)
        assert str(pane.border_title) == "Follow-ups"
        assert BOB_TITLE not in " ".join(listed(app))


async def test_a_rep_without_the_role_is_told_so(queue_book: Seeded) -> None:
    reps.sign_in(queue_book.context, "bob")
    app = build_app(queue_book.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_queue(pilot)
        for key in ("t", "r"):
            await pilot.press(key)
            await settle(pilot)
            assert notes(app)[-1].message == REFUSED
            assert notes(app)[-1].severity == "warning"
            assert app.screen is screen
            assert str(screen.follow_ups.border_title) == "Follow-ups"
        assert [item.title for item in screen.follow_ups.queue_items()] == [BOB_TITLE]


def test_a_queue_the_rep_may_not_see_gives_way_to_their_own(queue_book: Seeded) -> None:
    context = queue_book.context
    reps.sign_in(context, "bob")
    read = read_queue(context, ())
    assert read.queue.rep_logins == ("bob",)
    assert read.refused == "only a manager or admin may see another rep's queue or the team's"
    assert read.own_follow_ups(context) is not None
    reps.sign_in(context, "alice")
    team = read_queue(context, ())
    assert (team.refused, team.queue.rep_logins, team.own_follow_ups(context)) == ("", (), None)


async def test_filter_by_rep(queue_book: Seeded) -> None:
    app = build_app(queue_book.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("r")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, RepPickScreen)
        options = [option.body.plain for option in picker.query_one("#rep-pick-options").options]
        assert options == ["Whole team", "alice (you)", "bob"]
        assert picker.query_one("#rep-pick-options").current == ("alice",)  # the queue shown now
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert str(screen.follow_ups.border_title) == "Follow-ups — bob"
        assert [item.title for item in screen.follow_ups.queue_items()] == [BOB_TITLE]
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one("#rep-pick-options").current == ("bob",)
        await pilot.press("escape")  # nothing picked: the queue stays bob's
        await settle(pilot)
        assert str(screen.follow_ups.border_title) == "Follow-ups — bob"
        await pilot.press("t")  # from one rep's queue, t goes back to mine
        await settle(pilot)
        assert str(screen.follow_ups.border_title) == "Follow-ups"
