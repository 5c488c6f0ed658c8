"""Quick capture in the app: `a` opens one line, the preview shows what it was understood as, enter saves it."""

from __future__ import annotations

import re
from datetime import datetime
from functools import partial
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input

from salestui import i18n
from salestui.services import followups
from salestui.services.app_views import FollowUpView
from salestui.ui import registry
from salestui.ui.app import SalesApp
from salestui.ui.commands import palette_commands
from salestui.ui.help_screen import help_tables
from salestui.ui.main_screen import MainScreen
from salestui.ui.quick_capture import CaptureLine, QuickCaptureScreen
from salestui.ui.registry import Scope
from tests.conftest import SHANGHAI, Seeded
from tests.ui.conftest import SMALL, WIDE, build_app, main, notes, rendered_text, screen_text, settle

TOMORROW_3PM = datetime(2026, 11, 27, 15, 0, tzinfo=SHANGHAI)


async def capture(pilot: Pilot[Any], line: str) -> QuickCaptureScreen:
    """Press `a` on the main screen and type `line`; the capture screen, once it has read the line."""
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuickCaptureScreen)
    await pilot.press(*line)
    await settle(pilot)
    return screen


def planned(seeded: Seeded, name: str) -> list[FollowUpView]:
    """The follow-ups with `name` other than the seeded ones."""
    seeded_ids = set(seeded.follow_up_ids.values())
    return [view for view in followups.for_customer(seeded.customer_ids[name]) if view.id not in seeded_ids]


def open_follow_up_count(seeded: Seeded) -> int:
    return sum(len(followups.for_customer(customer_id)) for customer_id in seeded.customer_ids.values())


async def test_an_english_line_is_shown_field_by_field_and_enter_saves_it(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await capture(pilot, "call 张伟 tomorrow 3pm about the quote")
        shown = screen_text(app)
        assert "张伟 · 华信贸易有限公司 · 138 0013 8000" in shown
        assert "→ Fri 2026-11-27 15:00 · tomorrow 15:00" in shown
        assert "Call" in shown and "The quote" in shown
        assert "✖" not in shown  # nothing to fix
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        [saved] = planned(seeded, "张伟")
        assert (saved.kind, saved.title, saved.due_at, saved.rep_login) == ("call", "The quote", TOMORROW_3PM, "alice")
        assert notes(app)[-1].message == "Planned: The quote · 张伟 · 2026-11-27 15:00"
        assert "张伟 · call · The quote" in screen_text(app)  # the queue read again


async def test_a_chinese_line_in_the_chinese_ui(seeded: Seeded) -> None:
    i18n.set_language("zh_CN")
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        await capture(pilot, "明天下午3点 回访 李娜")
        shown = screen_text(app)
        assert "李娜 · 宁波海润包装 · 139 5741 2233" in shown
        assert "→ 周五 2026-11-27 15:00 · 明天 15:00" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        [saved] = planned(seeded, "李娜")
        assert (saved.kind, saved.due_at) == ("call", TOMORROW_3PM)
        assert notes(app)[-1].message.startswith("已安排：")


async def test_several_matches_are_picked_with_down_and_enter(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        screen = await capture(pilot, "email wang tomorrow 10:00 re samples")
        shown = screen_text(app)
        assert "Wang [bold]Fang[/] · Markup Test Co · 130 0000 0001" in shown  # user text, never markup
        assert "王芳 · 137 2200 1188" in shown
        assert "✖ 2 customers match 'wang': pick one" in shown
        await pilot.press("enter")  # nobody picked yet: nothing saved, the pick list takes the focus
        await settle(pilot)
        assert app.screen is screen and app.focused is screen.picks
        assert planned(seeded, "王芳") == [] and planned(seeded, "Wang [bold]Fang[/]") == []
        await pilot.press("down", "down")
        await settle(pilot)
        assert "✖" not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        [saved] = planned(seeded, "王芳")
        assert (saved.kind, saved.title) == ("email", "Samples")


async def test_down_on_the_line_picks_and_enter_there_saves(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=SMALL) as pilot:
        screen = await capture(pilot, "email wang tomorrow 10:00 re samples")
        await pilot.press("down")
        await settle(pilot)
        assert app.focused is screen.line
        assert "Wang [bold]Fang[/] · Markup Test Co" in str(screen.query_one("#capture-customer").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert len(planned(seeded, "Wang [bold]Fang[/]")) == 1


async def test_an_unclear_date_asks_and_enter_saves_nothing(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        screen = await capture(pilot, "call 张伟 03/04 about the quote")
        question = "✖ '03/04': 2027-04-03 or 2027-03-04? Type the date as YYYY-MM-DD"
        assert question in screen_text(app)
        before = open_follow_up_count(seeded)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert question in screen_text(app)
        assert app.focused is screen.control("when")
        assert open_follow_up_count(seeded) == before
        await pilot.press(*"2027-03-04 10:00")  # the answer, typed in the field the focus went to
        await settle(pilot)
        assert "✖" not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        [saved] = planned(seeded, "张伟")
        assert saved.due_at == datetime(2027, 3, 4, 10, 0, tzinfo=SHANGHAI)


async def test_tab_reaches_the_title_to_fix_it_and_the_line_no_longer_overwrites_it(
    app: SalesApp, seeded: Seeded
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        screen = await capture(pilot, "call 张伟 tomorrow 3pm about the quote")
        await pilot.press("tab", "tab", "tab")
        assert app.focused is screen.control("title")
        await pilot.press("ctrl+u", *"Send the revised quote")
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        assert app.focused is screen.line
        await pilot.press(*" for 2027")  # typed on at the end of the line, read again: the title stays the user's
        await settle(pilot)
        title = screen.control("title")
        assert isinstance(title, Input) and title.value == "Send the revised quote"
        await pilot.press("enter")
        await settle(pilot)
        [saved] = planned(seeded, "张伟")
        assert (saved.title, saved.kind, saved.due_at) == ("Send the revised quote", "call", TOMORROW_3PM)


async def test_a_title_emptied_by_hand_is_a_problem(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        screen = await capture(pilot, "call 张伟 tomorrow 3pm about the quote")
        screen.control("title").focus()
        await pilot.press("ctrl+u", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert "✖ say what to do" in screen_text(app)
        assert planned(seeded, "张伟") == []


async def test_escape_saves_nothing(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        before = open_follow_up_count(seeded)
        await capture(pilot, "call 张伟 tomorrow 3pm about the quote")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert open_follow_up_count(seeded) == before


async def test_enter_before_the_typing_pause_reads_the_line_first(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = QuickCaptureScreen(app.context, delay=60)  # the pause would never end within the test
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press(*"visit Acme next monday 10:00", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        [saved] = planned(seeded, "Acme Trading Ltd")
        assert (saved.kind, saved.due_at) == ("visit", datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI))


@pytest.mark.parametrize("pane_steps", [0, 1, 2, 3])
async def test_a_opens_quick_capture_from_every_pane(app: SalesApp, pane_steps: int) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*["tab"] * pane_steps, "a")
        await settle(pilot)
        assert main(app).current_pane == pane_steps
        assert isinstance(app.screen, QuickCaptureScreen)


async def test_quick_capture_is_in_the_palette_and_the_help(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        names = {name: help_text for name, help_text, _run in palette_commands(main(app))}
        assert "(a)" in names["follow-up: quick capture"]
        shown = rendered_text(help_tables(partial(registry.key_texts, app)))
        assert re.search(r"\ba +Capture +Plan a follow-up from one typed line", shown)
        assert re.search(r"↓ +Next match +Highlight the next customer the line matches", shown)


def test_the_lines_keys_come_from_the_registry_and_call_its_actions() -> None:
    bound = [binding for binding in CaptureLine.BINDINGS if isinstance(binding, Binding)]
    assert {binding.id for binding in bound} == {"capture.next-customer", "capture.previous-customer"}
    for binding in bound:
        assert registry.command(binding.id or "").scope is Scope.CAPTURE
        assert callable(getattr(CaptureLine, f"action_{binding.action.split('(')[0]}", None))
