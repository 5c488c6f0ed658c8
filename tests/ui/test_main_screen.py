"""Pilot tests of how the main screen shows things: small terminals, user data, loading order, errors, language."""

from __future__ import annotations

import threading
from datetime import timedelta

from textual.widgets import Static

from salestui import i18n
from salestui.db.connection import database
from salestui.services import customers, timeline
from salestui.services.session import open_context
from salestui.ui.app import SalesApp
from salestui.ui.forms import CustomerForm
from salestui.ui.main_screen import MainScreen
from salestui.ui.panes import customer_list as customers_module
from salestui.ui.panes.customer_list import CustomerList
from salestui.ui.panes.customers import SearchInput
from salestui.ui.panes.timeline import TIMELINE_PAGE
from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, build_app, main, notes, rendered_text, screen_text, settle


async def test_enter_on_a_customer_opens_the_timeline_on_a_small_terminal(app: SalesApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert [pane.id for pane in screen.panes if pane.display] == ["timeline-pane"]
        assert screen.timeline.customer.id == customers.page_at("", 1, 1)[0].id
        assert "Timeline 2/4" in screen_text(app)


async def test_markup_in_a_name_shows_literally(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Markup", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Wang [bold]Fang[/]" in text
        assert "Wang [bold]F" in text.splitlines()[4]


async def test_control_characters_show_as_placeholders(app: SalesApp, seeded: Seeded) -> None:
    database.execute_sql("UPDATE customer SET name = ? WHERE id = ?", ("Bad\x1b[31mName", seeded.customer_ids["王芳"]))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"137 2200", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Bad\u241b[31mName" in text
        assert "\x1b" not in text


async def test_small_terminal_shows_one_pane_and_tab_cycles(app: SalesApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = main(app)
        shown = [pane.id for pane in screen.panes if pane.display]
        assert shown == ["customers-pane"]
        assert "◀ Customers 1/4 ▶" in screen_text(app)
        expected = [
            ("timeline-pane", "Timeline 2/4"),
            ("follow-ups-pane", "Follow-ups 3/4"),
            ("alerts-pane", "Alerts 4/4"),
            ("customers-pane", "Customers 1/4"),
        ]
        for pane_id, label in expected:
            await pilot.press("tab")
            await pilot.pause()
            assert [pane.id for pane in screen.panes if pane.display] == [pane_id]
            assert label in screen_text(app)
            assert screen.focus_target(screen.current_pane).has_focus
        await pilot.press("shift+tab")
        await pilot.pause()
        assert [pane.id for pane in screen.panes if pane.display] == ["alerts-pane"]


async def test_small_terminal_mouse_on_the_indicator_and_slash_from_any_pane(app: SalesApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.click("#pane-indicator", offset=(12, 0))
        await pilot.pause()
        assert [pane.id for pane in screen.panes if pane.display] == ["timeline-pane"]
        await pilot.click("#pane-indicator", offset=(1, 0))
        await pilot.pause()
        assert [pane.id for pane in screen.panes if pane.display] == ["customers-pane"]
        await pilot.press("tab", "tab", "slash")
        await pilot.pause()
        assert [pane.id for pane in screen.panes if pane.display] == ["customers-pane"]
        assert isinstance(app.focused, SearchInput)


async def test_resizing_switches_between_four_panes_and_one(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        assert all(pane.display for pane in screen.panes)
        assert "◀ Customers" not in screen_text(app)
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert [pane.display for pane in screen.panes] == [True, False, False, False]
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert all(pane.display for pane in screen.panes)


async def test_enter_on_an_alert_shows_its_customer(app: SalesApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("shift+tab")
        alert = screen.alerts.current
        assert alert is not None
        await pilot.press("enter")
        await settle(pilot)
        assert [pane.id for pane in screen.panes if pane.display] == ["timeline-pane"]
        assert screen.timeline.customer.id == alert.customer_id
        assert screen.selected.customer_id == alert.customer_id


async def test_clicking_a_row_selects_it(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.click(CustomerList, offset=(10, 3))
        await settle(pilot)
        assert screen.customer_list.cursor == 2
        assert screen.timeline.customer.id == customers.page_at("", 2, 1)[0].id


async def test_a_failing_query_is_reported_not_fatal(app: SalesApp, monkeypatch) -> None:
    def broken(customer_id: str):
        raise RuntimeError("disk on fire")

    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        monkeypatch.setattr(customers, "detail", broken)
        await pilot.press("down")
        await settle(pilot)
        assert app.is_running
        errors = [note for note in notes(app) if note.severity == "error"]
        assert any("disk on fire" in note.message for note in errors)


async def test_a_full_first_page_shows_before_the_count_arrives(app: SalesApp, monkeypatch) -> None:
    release = threading.Event()
    real_counted = CustomerList._counted

    def slow_count(query: str) -> int:
        release.wait(timeout=10)
        return real_counted(query)

    monkeypatch.setattr(customers_module, "PAGE_SIZE", 4)  # six customers: the first page is full
    monkeypatch.setattr(CustomerList, "_counted", staticmethod(slow_count))
    async with app.run_test(size=WIDE) as pilot:
        screen = main(app)
        for _round in range(200):
            await pilot.pause()
            if screen.timeline.customer is not None:
                break
        listed = screen.customer_list
        assert listed.total == 4 and listed.capped  # shown as "4+ matches" while counting
        assert listed.total_label() == "4+ customers"
        assert screen.timeline.customer.id == customers.page_at("", 0, 1)[0].id
        release.set()
        await settle(pilot)
        assert listed.total == 6 and not listed.capped


async def test_worker_threads_follow_the_database_that_is_open_now(app: SalesApp, tmp_path, clock) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert main(app).customer_list.total == 6
    other = open_context(tmp_path / "other.db", "bob", clock)
    customers.create(other, {"name": "Only In The Other Book"})
    second = build_app(other)
    async with second.run_test(size=WIDE) as pilot:  # same event loop, so the same worker threads
        await settle(pilot)
        assert main(second).customer_list.total == 1
        assert main(second).timeline.customer.name == "Only In The Other Book"


async def test_texts_follow_the_language_chosen_after_import(seeded: Seeded, monkeypatch) -> None:
    catalog = {"Search": "搜索", "Customers": "客户", "Help": "帮助", "Name": "名称", "Show every key": "显示所有按键"}
    monkeypatch.setattr(i18n, "_catalog", lambda language: catalog if language == "zh_CN" else {})
    i18n.set_language("zh_CN")
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "客户" in text and "名称" in text
        assert text.splitlines()[-1].split() == ["/", "搜索", *text.splitlines()[-1].split()[2:-2], "?", "帮助"]
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = screen_text(app)
        assert "帮助" in help_text and "显示所有按键" in help_text


async def test_the_timeline_loads_older_pages_at_its_end(seeded: Seeded) -> None:
    customer_id = seeded.customer_ids["陈杰"]
    now = seeded.context.clock.now()
    for number in range(TIMELINE_PAGE + 10):
        timeline.append(
            seeded.context,
            customer_id,
            {"kind": "note", "summary": f"Note {number}", "occurred_at": now - timedelta(days=30, hours=number)},
        )
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash", *"陈杰", "enter")
        await settle(pilot)
        assert screen.timeline.entry_count == TIMELINE_PAGE
        assert screen.timeline.has_more
        await pilot.press("tab", "end")
        await settle(pilot)
        assert screen.timeline.entry_count == TIMELINE_PAGE + 11
        assert not screen.timeline.has_more
        assert "Note 59" in rendered_text(screen.timeline.query(".timeline-page").last(Static).content)


async def test_an_empty_book_says_what_to_do(context, clock) -> None:
    app = build_app(context)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "No customers yet: press n to add one" in text
        assert "Select a customer to see their timeline." in text
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Select a customer first" in note.message for note in notes(app))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CustomerForm)
