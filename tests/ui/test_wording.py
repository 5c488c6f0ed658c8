"""Words a new user reads: counts, the follow-up groups, contact directions, wrapped timeline text, Chinese hints."""

from __future__ import annotations

from typing import Any

import pytest
from textual.command import CommandPalette
from textual.content import Content
from textual.pilot import Pilot
from textual.style import Style
from textual.visual import RenderOptions
from textual.widgets import Input

from salestui import i18n
from salestui.services import timeline
from salestui.services.views import InteractionView
from salestui.ui.app import SalesApp
from salestui.ui.forms import FollowUpForm, InteractionForm, SnoozeForm
from salestui.ui.forms.base import FormScreen
from salestui.ui.panes.hanging import HangingIndent
from salestui.ui.panes.timeline import entry_content
from tests.conftest import FROZEN_NOW, Seeded
from tests.ui.conftest import WIDE, build_app, main, screen_text, settle

LONG = "Asked for a quote on 500 units of the blue cartons with printing on two sides and delivery before the holidays"


async def search(pilot: Pilot[Any], text: str) -> None:
    await pilot.press("slash", *text, "enter")
    await settle(pilot)


@pytest.mark.parametrize(
    ("language", "one", "two"), [("en", "1 match", "2 matches"), ("zh_CN", "1 个匹配", "2 个匹配")]
)
async def test_one_match_is_singular(seeded: Seeded, language: str, one: str, two: str) -> None:
    i18n.set_language(language)
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        pane = main(app).query_one("#customers-pane")
        await search(pilot, "张伟")
        assert str(pane.border_subtitle) == one
        await pilot.press("slash", "ctrl+u", *"wang", "enter")
        await settle(pilot)
        assert str(pane.border_subtitle) == two


@pytest.mark.parametrize(("language", "word"), [("en", "Upcoming"), ("zh_CN", "即将到来")])
async def test_the_follow_up_counts_name_the_groups_as_the_list_does(seeded: Seeded, language: str, word: str) -> None:
    i18n.set_language(language)
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        queue = main(app).follow_ups
        assert f"{word} (1)" in screen_text(app)
        subtitle = str(queue.border_subtitle)
        assert (f"1 {word.lower()}" if language == "en" else f"{word} 1") in subtitle, subtitle


def interaction(kind: str, direction: str, summary: str = "hello", body: str = "") -> InteractionView:
    return InteractionView("i1", "c1", "alice", kind, direction, FROZEN_NOW, summary, body, "", "")


@pytest.mark.parametrize(
    ("kind", "direction", "in_english", "in_chinese"),
    [
        ("call", "out", "outgoing", "呼出"),
        ("call", "in", "incoming", "呼入"),
        ("email", "out", "sent", "发出"),
        ("email", "in", "received", "收到"),
        ("im", "in", "received", "收到"),
        ("meeting", "out", "by us", "我方发起"),
        ("visit", "in", "by them", "对方发起"),
    ],
)
def test_directions_fit_the_kind_of_contact(
    seeded: Seeded, kind: str, direction: str, in_english: str, in_chinese: str
) -> None:
    head = entry_content(interaction(kind, direction), seeded.context).plain.splitlines()[0]
    assert f" · {in_english} · " in head
    i18n.set_language("zh_CN")
    head = entry_content(interaction(kind, direction), seeded.context).plain.splitlines()[0]
    assert f" · {in_chinese} · " in head
    assert ("呼" in head) == (kind == "call")


def test_wrapped_lines_hang_under_the_text_not_the_time(seeded: Seeded) -> None:
    content = entry_content(interaction("email", "in", LONG, body="second line\n" + LONG), seeded.context)
    visual = HangingIndent(content)
    width = 40
    lines = [strip.text for strip in visual.render_strips(width, None, visual_style(), render_options())]
    assert len(lines) == visual.get_height({}, width) > 5
    assert lines[0].startswith("09:30  ")
    assert all(line.startswith("  ") and not line.startswith("   ") for line in lines[1:]), lines
    assert " ".join(line.strip() for line in lines[1:]).startswith(LONG)


async def test_the_timeline_pane_wraps_with_a_hanging_indent(seeded: Seeded) -> None:
    now = seeded.context.clock.now()
    timeline.append(seeded.context, seeded.customer_ids["李娜"], {"kind": "email", "summary": LONG, "occurred_at": now})
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "李娜")
        text = screen_text(app)
        rows = [line.split("│")[1] for line in text.splitlines() if line.count("│") >= 2]
        first = next(number for number, row in enumerate(rows) if row.strip().startswith("Asked for a quote"))
        continued = rows[first + 1 : first + 3]
        assert all(row.startswith("   ") and row[3] != " " for row in continued), continued


def visual_style() -> Style:
    return Style()


def render_options() -> RenderOptions:
    def get_style(style: str | Style) -> Style:
        return Style.parse(style) if isinstance(style, str) else style

    return RenderOptions(get_style=get_style, rules={})


async def open_form(pilot: Pilot[Any], key: str) -> FormScreen[Any]:
    await pilot.press(key)
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


async def test_chinese_forms_default_to_chinese_times_that_read(seeded: Seeded) -> None:
    i18n.set_language("zh_CN")
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "张伟")
        form = await open_form(pilot, "l")
        assert isinstance(form, InteractionForm)
        assert form.text("occurred_at") == "现在"
        assert "→ 2026-11-26 09:30" in screen_text(app)
        assert "现在、-2h、明天 10:00" in str(form.control("occurred_at").placeholder)
        await pilot.press("escape")
        form = await open_form(pilot, "f")
        assert isinstance(form, FollowUpForm)
        assert form.text("due_at") == "明天 09:00"
        assert "→ 2026-11-27 09:00" in screen_text(app)


async def test_chinese_snooze_hint_reads_as_it_says(seeded: Seeded) -> None:
    i18n.set_language("zh_CN")
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main(app).follow_ups.focus()
        await settle(pilot)
        form = await open_form(pilot, "s")
        assert isinstance(form, SnoozeForm)
        until = form.control("phrase")
        assert isinstance(until, Input)
        assert until.placeholder == "周五下午3点、下周一 10:00、+3d、明天下午3点"
        until.focus()
        await pilot.press(*"周五 10:00")
        await settle(pilot)
        assert "→ 2026-11-27 10:00" in screen_text(app)


async def test_the_palette_prompt_is_translated(seeded: Seeded) -> None:
    i18n.set_language("zh_CN")
    app = build_app(seeded.context)
    assert isinstance(app, SalesApp)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "搜索命令…"


def test_content_split_keeps_blank_lines() -> None:
    visual = HangingIndent(Content("a\n\n  b"))
    assert [indent for indent, _line in visual.lines] == [0, 0, 2]
