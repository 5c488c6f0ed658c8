"""Keys typed faster than the app handles them: each goes where the key before it sent the focus, none is lost.

`pilot.press` waits for the app to go idle after every key, which hides the problem; a terminal (or tmux
send-keys, or an IME) hands the app several keys at once. `burst` does the same: it queues every key before the
app has handled the first.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input

from salestui.services import customers
from salestui.ui.app import SalesApp
from salestui.ui.forms import CustomerForm
from salestui.ui.key_order import HOLD_LIMIT_SECONDS, KeyOrder
from salestui.ui.panes import customer_list as customer_list_module
from salestui.ui.panes.customers import SearchInput
from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, build_app, main, settle

CHARACTERS = {"space": " ", "enter": "\r", "tab": "\t", "escape": "\x1b"}


def burst(app: App[Any], *keys: str | events.Paste) -> None:
    """Queue keys (Textual key names or single characters) and pastes as the terminal driver does: all at once."""
    for key in keys:
        if isinstance(key, events.Paste):
            app.post_message(key)
        else:
            character = key if len(key) == 1 else CHARACTERS.get(key)
            app.post_message(events.Key(key, character))


async def test_keys_typed_right_after_tab_go_to_the_next_field(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        # Name, tab past Kind (a choice), Company, tab, Phone, save: one burst, no pause anywhere.
        burst(app, "n", *"Fast", "space", *"One", "tab", "tab", *"FastCo", "tab", *"13800138000", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CustomerForm)
        page = customers.search("Fast One", 10)
        assert [(row.name, row.company, row.phone) for row in page.rows] == [("Fast One", "FastCo", "13800138000")]


async def test_shift_tab_typed_fast_goes_back_a_field(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        burst(app, "n", "tab", "tab", *"Co", "shift+tab", "shift+tab", *"Name")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CustomerForm)
        assert (form.text("name"), form.text("company")) == ("Name", "Co")


async def test_text_typed_right_after_slash_filters_every_time(crowded: Seeded, monkeypatch) -> None:
    """`/`, a name, enter a few milliseconds apart while every search is slow: the filter applies each time."""
    slow_search = customers.search

    def search(query: str, limit: int) -> customers.SearchPage:
        time.sleep(0.02)
        return slow_search(query, limit)

    monkeypatch.setattr(customer_list_module.customers, "search", search)
    app = build_app(crowded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        for attempt, (name, count) in enumerate([("张伟", 1), ("Test Customer 14", 10), ("李娜", 1)] * 2):
            burst(app, "slash", "ctrl+a", "ctrl+k", *name, "enter")
            await settle(pilot)
            assert screen.query_one(SearchInput).value == name, attempt
            assert (screen.customer_list.filter_text, screen.customer_list.total) == (name, count), attempt
            assert app.focused is screen.customer_list


async def test_a_paste_stays_in_order_with_the_keys_around_it(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        burst(app, "slash", *"13", events.Paste("8 00"), *"13 8", events.Paste("000"), "enter")
        await settle(pilot)
        screen = main(app)
        assert screen.query_one(SearchInput).value == "138 0013 8000"
        assert screen.customer_list.total == 1


async def test_keys_after_a_form_closes_reach_the_main_screen(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        burst(app, "n", "escape", "slash", *"李娜", "enter")
        await settle(pilot)
        screen = main(app)
        assert app.screen is screen
        assert (screen.customer_list.filter_text, screen.customer_list.total) == ("李娜", 1)


async def test_keys_after_the_next_pane_key_go_to_that_pane(seeded: Seeded) -> None:
    """On a small terminal tab shows the next pane; j typed at once moves that pane's cursor, not the list's."""
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = main(app)
        first = screen.follow_ups.selected
        assert first is not None and first.title == "Confirm delivery date"
        burst(app, "tab", "tab", "j")
        await settle(pilot)
        assert app.focused is screen.follow_ups
        assert screen.customer_list.cursor == 0
        assert screen.follow_ups.selected is not None
        assert screen.follow_ups.selected.title == "Call about 2027 prices"


async def test_a_form_field_gets_the_keys_typed_while_the_form_opens(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        burst(app, "n", *"Quick")
        await settle(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "field-name"
        assert app.focused.value == "Quick"
        assert isinstance(app, SalesApp)


class Vanishing(Input):
    """An input that removes itself on ctrl+x, with a key's bookkeeping still queued behind it."""

    BINDINGS = [("ctrl+x", "vanish")]

    async def action_vanish(self) -> None:
        await self.remove()


class VanishingHost(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.key_order = KeyOrder(self, super().on_event)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            await self.key_order.receive(event)
        else:
            await super().on_event(event)

    def compose(self) -> ComposeResult:
        yield Vanishing(id="first")
        yield Input(id="second")


async def test_keys_after_a_key_that_removes_its_widget_are_not_held_long() -> None:
    app = VanishingHost()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "first"
        started = time.perf_counter()
        burst(app, "ctrl+x", *"ok")
        for _round in range(100):
            await pilot.pause(0.01)
            second = app.query_one("#second", Input)
            if second.value == "ok":
                break
        assert app.query_one("#second", Input).value == "ok"
        assert time.perf_counter() - started < HOLD_LIMIT_SECONDS / 2


class Stuck(Input):
    """An input whose handler for ctrl+w takes longer than any key may wait."""

    async def on_key(self, event: events.Key) -> None:
        if event.key == "ctrl+w":
            await asyncio.sleep(HOLD_LIMIT_SECONDS * 3)


class StuckHost(VanishingHost):
    def compose(self) -> ComposeResult:
        yield Stuck(id="stuck")


async def test_keys_behind_a_stuck_widget_wait_no_longer_than_the_limit() -> None:
    """Each held key is handed on once the one before it has waited HOLD_LIMIT_SECONDS (pilot.pause would wait
    for the stuck widget itself, so this sleeps)."""
    app = StuckHost()
    async with app.run_test() as pilot:
        await pilot.pause()
        burst(app, "ctrl+w", *"ab")
        await asyncio.sleep(HOLD_LIMIT_SECONDS * 0.5)
        assert len(app.key_order.held) == 2  # behind ctrl+w
        await asyncio.sleep(HOLD_LIMIT_SECONDS * 0.9)
        assert list(app.key_order.held) and app.key_order.held[0].key == "b"  # a went on after the limit
        await asyncio.sleep(HOLD_LIMIT_SECONDS)
        assert not app.key_order.held
