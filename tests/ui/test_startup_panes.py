"""Start-up (follow-ups and alerts read once, after the customer list; footer keys) and "N more" lines in long lists."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from salestui.services import alerts, customers, daily_queue, followups
from salestui.services.app_views import FollowUpQueue
from salestui.services.queue_views import DailyQueue
from salestui.ui.app import SalesApp
from salestui.ui.panes.alerts import ALERT_LIMIT, SHOWN_PER_KIND, alert_items, count_text
from salestui.ui.panes.customer_list import HEADER_LINES
from salestui.ui.panes.marked_list import Item
from salestui.ui.panes.queue_lines import QUEUE_LIMIT, SHOWN_PER_GROUP, queue_items
from tests.conftest import Seeded
from tests.ui.conftest import WIDE, build_app, main, notes, screen_text, settle


def lines(pane) -> list[str]:
    return [option.body.plain for option in pane.options if isinstance(option, Item)]


def first_lines(pane) -> list[str]:
    """Each line of the queue as its first line (an item's second says whose it is and the last contact)."""
    return [text.split("\n")[0] for text in lines(pane)]


async def test_long_lists_show_their_first_items_and_how_many_more(seeded: Seeded) -> None:
    context = seeded.context
    yesterday, tomorrow = context.clock.now() - timedelta(days=1), context.clock.now() + timedelta(days=1)
    for number in range(60):  # with the seeded ones: 61 overdue and 61 upcoming; 61 overdue alerts and 李娜's gap
        for title, due in ((f"Chase {number:03d}", yesterday), (f"Visit {number:03d}", tomorrow)):
            followups.create(
                context, seeded.customer_ids["陈杰"], {"title": title, "due_at": due + timedelta(minutes=number)}
            )
    app = build_app(context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        listed = first_lines(screen.follow_ups)
        assert listed[0] == "! Overdue (61)"
        # the 50th: the seeded one, then 000-048 (due times padded to the group's widest, "3 d overdue · …")
        assert listed[SHOWN_PER_GROUP] == "! yesterday · 11-25 10:18    normal  陈杰 · Chase 048"
        assert listed[SHOWN_PER_GROUP + 1 : SHOWN_PER_GROUP + 3] == ["… 11 more overdue", "Today (1)"]
        assert listed[-1] == "… 11 more upcoming"
        assert len(screen.follow_ups.queue_views()) == 2 * SHOWN_PER_GROUP + 1
        assert screen.follow_ups.border_subtitle == "61 overdue · 1 today · 61 upcoming · 0 suggested"
        alert_lines = lines(screen.alerts)
        assert alert_lines[SHOWN_PER_KIND] == "… 11 more overdue follow-ups"
        assert alert_lines[SHOWN_PER_KIND + 1] == "! medium  李娜\n   no contact for 45 d (limit 30 d for regular)"
        assert screen.alerts.border_subtitle == "62 alerts"
        assert "… 11 more upcoming" not in screen_text(app)  # below the pane's fold
        await pilot.press("tab", "tab", "end")
        await pilot.pause()
        assert screen.follow_ups.selected.title == "Visit 049"  # the 50th (the seeded one is due later)
        assert "… 11 more upcoming" in screen_text(app)  # the last item brings the line below it into view
        await pilot.press("home", *["down"] * (SHOWN_PER_GROUP - 1))
        assert screen.follow_ups.selected.title == "Chase 048"
        await pilot.press("down")  # skips the "more" line and the heading
        assert screen.follow_ups.selected.title == "Call about 2027 prices"


def test_counts_cut_off_at_the_read_limit_say_so(seeded: Seeded) -> None:
    context = seeded.context
    overdue = daily_queue.queue(context).overdue[0]
    many = tuple(dataclasses.replace(overdue, id=f"x{n}") for n in range(QUEUE_LIMIT))
    texts = [item.body.plain for item in queue_items(DailyQueue(many, (), (), (), ("alice",)), context)]
    assert texts[0] == f"! Overdue ({QUEUE_LIMIT}+)"
    assert texts[-1] == f"… {QUEUE_LIMIT - SHOWN_PER_GROUP}+ more overdue"
    full = FollowUpQueue(
        tuple(dataclasses.replace(followups.queue(context).overdue[0], id=item.id) for item in many), (), ()
    )
    found = alerts.alerts(context, queue=full, limit=ALERT_LIMIT)
    texts = [item.body.plain for item in alert_items(found)]
    assert texts[SHOWN_PER_KIND] == f"… {ALERT_LIMIT - SHOWN_PER_KIND}+ more overdue follow-ups"
    assert count_text(found) == f"{len(found)}+"
    assert count_text(found[-2:]) == "2"


async def test_the_queue_is_read_once_after_the_list_is_on_screen(seeded: Seeded, monkeypatch) -> None:
    app = build_app(seeded.context)
    seen: list[tuple[str, bool]] = []
    real_queue, real_alerts = daily_queue.queue, alerts.alerts

    def queue(context, logins=None, limit=200):
        seen.append(("queue", main(app).customer_list.shown))
        return real_queue(context, logins=logins, limit=limit)

    def alerts_from(context, queue=None, limit=200):
        seen.append(("alerts with the queue" if queue is not None else "alerts alone", main(app).customer_list.shown))
        return real_alerts(context, queue=queue, limit=limit)

    monkeypatch.setattr(daily_queue, "queue", queue)
    monkeypatch.setattr(alerts, "alerts", alerts_from)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert seen == [("queue", True), ("alerts with the queue", True)]
        assert main(app).follow_ups.selected.title == "Confirm delivery date"
        assert main(app).alerts.current is not None


async def test_follow_ups_and_alerts_load_even_when_the_list_cannot(app: SalesApp, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    for name in ("search", "page_after", "count"):  # whichever the list asks first
        monkeypatch.setattr(customers, name, broken, raising=False)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert any("disk on fire" in note.message for note in notes(app))
        listed = main(app).customer_list
        in_place = listed.render_line(HEADER_LINES).text  # the list's first row, not a notification
        assert "Could not load customers: disk on fire" in in_place
        assert main(app).follow_ups.selected.title == "Confirm delivery date"
        assert main(app).alerts.current is not None
