"""Pilot flows of merging a duplicate from the keyboard (M on a customer), and snapshots of the merge preview."""

from __future__ import annotations

import dataclasses
import itertools
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input

from salestui import i18n
from salestui.db.models import Customer
from salestui.services import customers
from salestui.services.context import Context
from salestui.services.verify import verify
from salestui.ui import registry
from salestui.ui.app import SalesApp
from salestui.ui.confirm import ConfirmScreen
from salestui.ui.forms.merge import MergeFields, MergeForm, MergePickScreen
from salestui.ui.main_screen import MainScreen
from salestui.ui.registry import Scope
from tests.conftest import Seeded, seed
from tests.merge_book import Pair, make_pair
from tests.ui.conftest import SMALL, WIDE, build_app, main, notes, screen_text, settle

SHOWN_PATH = Path("/srv/sales/salestui.db")


@pytest.fixture
def pair(seeded: Seeded) -> Pair:
    return make_pair(seeded)


async def open_preview(pilot: Pilot[Any], survivor_phone: str = "138 0013 8000", merged: str = "138 0013 8001") -> None:
    """Highlight the survivor (by a search), press M, find the duplicate in the pick list and open the preview."""
    await settle(pilot)
    await pilot.press("slash", *survivor_phone, "enter")
    await settle(pilot)
    await pilot.press("M")
    await settle(pilot)
    await pilot.press(*merged, "enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def highlight(fields: MergeFields, name: str) -> None:
    fields.highlighted = next(index for index, option in enumerate(fields.options) if option.id == name)


async def test_merge_two_customers_from_the_keyboard(seeded: Seeded, pair: Pair) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await open_preview(pilot)
        form = app.screen
        assert isinstance(form, MergeForm)
        text = screen_text(app)
        assert "138 0013 8000" in text and "138 0013 8001" in text and "zw@huaxin.example" in text
        assert "interactions 3" in text and "deal events 2" in text
        fields = form.query_one(MergeFields)
        highlight(fields, "phone")
        await pilot.press("right")  # the duplicate's phone
        highlight(fields, "email")
        await pilot.press("left")  # the survivor's (blank) e-mail instead of the duplicate's
        highlight(fields, "region")
        await pilot.press("space", "space")  # twice: back to the default, the duplicate's
        chosen = (form.winners["phone"], form.winners["email"], form.winners["region"])
        assert chosen == ("merged", "survivor", "merged")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        screen = main(app)
        assert app.screen is screen
        assert Customer.get_by_id(pair.merged).merged_into_id == pair.survivor
        survivor = customers.detail(pair.survivor)
        assert (survivor.phone, survivor.email, survivor.region) == ("138 0013 8001", "", "宁波")
        assert screen.timeline.customer is not None and screen.timeline.customer.id == pair.survivor
        await pilot.press("escape")  # back to the list, whose search still reads the survivor's old phone
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"张伟", "enter")
        await settle(pilot)
        assert screen.customer_list.total == 1 and screen.customer_list.highlighted_row.id == pair.survivor
    assert verify().ok


async def test_escape_cancels_at_each_step_and_writes_nothing(seeded: Seeded, pair: Pair) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await open_preview(pilot)
        assert isinstance(app.screen, MergeForm)
        await pilot.press("escape")  # nothing chosen: closes at once
        await settle(pilot)
        assert isinstance(app.screen, MergePickScreen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("space", "escape")  # a choice made: asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")  # discard
        await settle(pilot)
        assert isinstance(app.screen, MergePickScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("M")
        await settle(pilot)
        await pilot.press(*"138 0013 8001", "enter", "enter", "ctrl+s", "n")  # asked, and answered no
        await settle(pilot)
        assert isinstance(app.screen, MergeForm)
    assert Customer.get_by_id(pair.merged).merged_into_id is None


async def test_picking_the_customer_itself_is_refused_where_it_is_picked(seeded: Seeded, pair: Pair) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await open_preview(pilot, merged="138 0013 8000")
        assert isinstance(app.screen, MergePickScreen)
        said = [note.message for note in notes(app) if note.severity == "warning"]
        assert said == ["a customer cannot be merged into itself"]


async def test_m_in_the_follow_ups_pane_merges_into_that_follow_ups_customer(seeded: Seeded, pair: Pair) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "M")  # the overdue follow-up: 张伟's, the survivor
        await settle(pilot)
        assert isinstance(app.screen, MergePickScreen) and app.screen.survivor.customer_id == pair.survivor


# Snapshots -----------------------------------------------------------------------------------------------------


@pytest.fixture
def fixed_ids(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Ids in the order they are made, so the ids the preview shows are the same every run."""
    counter = itertools.count(1)
    spread = 0x9E3779B97F4A7C15F39CC0605CEDC835  # odd: each count gives another id, spread over every digit
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(counter) * spread % 2**128))
    yield


@pytest.fixture
def still_pair(fixed_ids: None, context: Context) -> Seeded:
    seeded = seed(context)
    make_pair(seeded)
    return seeded


async def show_preview(pilot: Pilot[Any]) -> None:
    await open_preview(pilot)
    for widget in pilot.app.screen_stack[1].query(Input).results(Input):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_merge_preview(snap_compare, still_pair: Seeded, language: str, size: tuple[int, int]) -> None:
    i18n.set_language(language)
    app: SalesApp = build_app(dataclasses.replace(still_pair.context, path=SHOWN_PATH))
    assert snap_compare(app, terminal_size=size, run_before=show_preview)


@pytest.mark.parametrize(("widget", "scope"), [(MergeFields, Scope.MERGE), (MergePickScreen, Scope.FORM)])
def test_the_merge_bindings_call_actions_their_widgets_have(widget: type, scope: Scope) -> None:
    bound = [binding for binding in widget.BINDINGS if isinstance(binding, Binding)]
    assert bound
    for binding in bound:
        assert registry.command(binding.id or "").scope is scope
        assert callable(getattr(widget, f"action_{binding.action.split('(')[0]}", None)), binding.action
