"""The Timeline pane's header shows the whole profile and the contact persons without crowding out the timeline."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from salestui import i18n
from salestui.services import customers
from salestui.ui.app import SalesApp
from salestui.ui.panes.profile import profile_height
from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, build_app, main, rendered_text, screen_text, settle, show_timeline


def profile_text(app: SalesApp) -> str:
    """The profile block's words, its wrapping and alignment undone."""
    return " ".join(rendered_text(main(app).timeline.query_one("#timeline-facts", Static).content).split())


def long_preferences(seeded: Seeded, *names: str) -> None:
    """Give these customers 30 lines of preferences: more than the capped profile block shows."""
    for name in names:
        customers.update(
            seeded.context,
            seeded.customer_ids[name],
            {"preferences": "\n".join(f"Preference line {number}" for number in range(30))},
        )


async def test_the_header_shows_the_profile_and_the_contact_persons(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = profile_text(app)
        for shown in (
            "Acme Trading Ltd",
            "owner alice",
            "12 Harbour Road, Felixstowe IP11 3TW",
            "United Kingdom",
            "Importer",
            "Printed cartons, 5,000 a quarter",
            "export, samples",
            "60 days after delivery",
            "50,000.00",
            "Contacts (2)",
            "John Moore · Purchasing manager",
            "+44 7700 900123",
            "Mary Chen · Accounts · mary@acme.example",
        ):
            assert shown in text, shown


async def test_empty_fields_are_left_out(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"王芳", "enter")
        await settle(pilot)
        text = profile_text(app)
        assert "137 2200 1188" in text
        for label in ("E-mail", "Address", "Region", "Tags", "Needs", "Credit limit", "Contacts"):
            assert label not in text, label


async def test_a_long_profile_scrolls_in_its_own_block_at_80x24(seeded: Seeded) -> None:
    long_preferences(seeded, "Acme Trading Ltd")
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        await show_timeline(pilot)
        timeline = main(app).timeline
        block = timeline.query_one("#timeline-profile", VerticalScroll)
        assert block.outer_size.height <= profile_height(timeline.size.height) + 2  # its border and margin
        assert block.max_scroll_y > 0  # the rest of the profile is a scroll away
        text = screen_text(app)
        assert "Profile edited" in text  # the newest entry stays in sight
        assert "Preference line 29" not in text


async def test_a_search_through_a_contact_says_via_whom(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"john", "enter")
        await settle(pilot)
        assert "via John Moore" in screen_text(app)
        assert main(app).customer_list.highlighted_row.name == "Acme Trading Ltd"


async def test_via_in_chinese(seeded: Seeded) -> None:
    i18n.set_language("zh_CN")
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"周敏", "enter")
        await settle(pilot)
        assert "经由 周敏" in screen_text(app)
        assert "联系人（1）" in profile_text(app) and "周敏 · 采购经理 · 135 1234 5678" in profile_text(app)


async def test_the_keyboard_reads_a_capped_profile_before_the_timeline(seeded: Seeded) -> None:
    long_preferences(seeded, "Acme Trading Ltd")
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        await show_timeline(pilot)
        timeline = main(app).timeline
        block = timeline.query_one("#timeline-profile", VerticalScroll)
        assert app.focused is timeline and block.max_scroll_y > 0
        for _line in range(round(block.max_scroll_y)):
            await pilot.press("down")
        await pilot.pause()
        assert block.scroll_y == block.max_scroll_y and timeline.scroll_y == 0
        assert "Preference line 29" in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        assert timeline.cursor == 0  # then the timeline itself: its newest entry is highlighted
        entries = len(timeline.entries)
        await pilot.press(*["down"] * entries)
        await pilot.pause()
        assert timeline.cursor == entries - 1 and timeline.scroll_y > 0  # the last one scrolled into view
        await pilot.press(*["up"] * entries, *["up"] * round(block.max_scroll_y))
        await pilot.pause()
        assert timeline.cursor is None and timeline.scroll_y == 0 and block.scroll_y == 0


async def test_another_customer_shows_their_profile_from_its_start(seeded: Seeded) -> None:
    long_preferences(seeded, "Acme Trading Ltd", "陈杰")
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        block = main(app).timeline.query_one("#timeline-profile", VerticalScroll)
        block.scroll_end(animate=False)
        await pilot.pause()
        assert block.scroll_y > 0
        await pilot.press("down")  # the list's next customer
        await settle(pilot)
        assert main(app).timeline.customer.name == "陈杰" and block.scroll_y == 0


async def test_a_capped_profile_says_more_lies_below_until_read_to_the_end(app: SalesApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await show_timeline(pilot)
        block = app.screen.query_one("#timeline-profile", VerticalScroll)
        assert block.max_scroll_y > 0  # Acme's profile is taller than its share of an 80x24 pane
        assert "↓ more" in screen_text(app)
        for _line in range(block.max_scroll_y):
            await pilot.press("down")
        await settle(pilot)
        assert block.scroll_y == block.max_scroll_y
        assert "↓ more" not in screen_text(app)


async def test_a_profile_that_fits_says_nothing_more(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # 陈杰: a short profile
        await settle(pilot)
        block = app.screen.query_one("#timeline-profile", VerticalScroll)
        assert block.max_scroll_y == 0
        assert "↓ more" not in screen_text(app)
