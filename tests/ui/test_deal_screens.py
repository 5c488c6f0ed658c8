"""Pilot flows of the deal screens: a deal with three lines and its running total, its memo copied, saved and sent,
the customer's acknowledgement and objection, a changed term making version 2."""

from __future__ import annotations

import dataclasses
import itertools
import uuid
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input, Label

from salestui import i18n
from salestui.services import contacts, deals, ledger, memos, settings
from salestui.services.verify import verify
from salestui.ui.app import SalesApp
from salestui.ui.deal.forms import NewDealForm, ReplyForm, SaveFileForm, SendForm, StageForm
from salestui.ui.deal.lines import LineRow, LinesForm
from salestui.ui.deal.memo import MemoScreen
from salestui.ui.deal.screen import DealListScreen, DealScreen
from salestui.ui.registry import Scope
from tests.conftest import Seeded
from tests.ui.conftest import WIDE, build_app, settle

SHOWN_PATH = Path("/srv/sales/salestui.db")


def deal_of(seeded: Seeded, stage: str = "agreed") -> str:
    """张伟's agreed deal of three lines, with the company's name set (a memo names it)."""
    context = seeded.context
    settings.set_value(context, "company.name", "宁波明远贸易有限公司")
    zhang = seeded.customer_ids["张伟"]
    person = contacts.for_customer(zhang)[0]
    terms = {"title": "贴片电容订单", "stage": stage, "agreed_via": "phone", "agreed_contact_id": person.id}
    lines = [
        {"item": "贴片电容", "quantity_milli": "1.5", "unit": "箱", "unit_price": "0.33"},
        {"item": "继电器", "quantity_milli": "200", "unit": "个", "unit_price": "12.80"},
        {"item": "电源模块", "quantity_milli": "1000", "unit": "个", "unit_price": "38.00"},
    ]
    return deals.create(context, zhang, terms if stage == "agreed" else {"title": "贴片电容订单"}, lines).id


async def open_deal(pilot: Pilot[Any], deal_id: str) -> DealScreen:
    await settle(pilot)
    screen = DealScreen(pilot.app.context, deal_id)  # type: ignore[attr-defined]
    pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


async def type_cells(pilot: Pilot[Any], row: LineRow, values: tuple[str, ...]) -> None:
    for widget, value in zip(row.query(Input), values, strict=True):
        widget.value = value
    await settle(pilot)


@pytest.mark.parametrize(
    "widget,scope", [(DealScreen, Scope.DEAL), (DealListScreen, Scope.DEALS), (MemoScreen, Scope.MEMO)]
)
def test_each_binding_calls_an_action_the_screen_has(widget: type, scope: Scope) -> None:
    bound = [binding for binding in widget.BINDINGS if isinstance(binding, Binding)]
    assert bound
    for binding in bound:
        assert hasattr(widget, f"action_{binding.action.split('(')[0]}"), binding


async def test_a_new_deal_with_three_lines_shows_its_running_total(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("o")  # the first customer in the list (Acme Trading Ltd)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewDealForm)
        form.query_one("#field-title", Input).value = "Printed cartons"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DealScreen) and screen.deal is not None
        await pilot.press("i")
        await settle(pilot)
        lines = app.screen
        assert isinstance(lines, LinesForm)
        await type_cells(pilot, lines.rows()[0], ("carton A", "1.5", "pcs", "0.33"))
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_cells(pilot, lines.rows()[1], ("carton B", "200", "pcs", "12.80"))
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_cells(pilot, lines.rows()[2], ("carton C", "1000", "pcs", "38"))
        total = str(lines.query_one("#lines-total", Label).content)
        assert "40,560.50 CNY" in total  # 0.50 + 2,560.00 + 38,000.00, rounded line by line
        await type_cells(pilot, lines.rows()[2], ("carton C", "1000", "pcs", "38.001"))
        assert "(so far)" in str(lines.query_one("#lines-total", Label).content)  # a cell that is not an amount yet
        await type_cells(pilot, lines.rows()[2], ("carton C", "1000", "pcs", "38"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.deal is not None
        assert [line.item for line in screen.deal.lines] == ["carton A", "carton B", "carton C"]
        assert screen.deal.total == 4_056_050
    assert verify(seeded.context.path).ok


async def test_a_bad_cell_is_named_by_its_line_and_nothing_is_saved(seeded: Seeded) -> None:
    deal_id = deal_of(seeded, stage="lead")
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_deal(pilot, deal_id)
        await pilot.press("i")
        await settle(pilot)
        lines = app.screen
        assert isinstance(lines, LinesForm)
        await type_cells(pilot, lines.rows()[1], ("继电器", "200", "个", "12.345"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is lines
        problems = str(lines.query_one("#form-problems", Label).content)
        assert "line 2, Unit price" in problems
    assert deals.get(deal_id, seeded.context.clock.now()).lines[1].unit_price == 1280
    assert screen.deal is not None


async def test_the_memo_is_copied_saved_sent_and_acknowledged(seeded: Seeded, tmp_path: Path) -> None:
    deal_id = deal_of(seeded)
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_deal(pilot, deal_id)
        await pilot.press("m")
        await settle(pilot)
        memo = app.screen
        assert isinstance(memo, MemoScreen)
        now = seeded.context.clock.now()
        assert memo.text == memos.render(deal_id, now, None, "text", seeded.context.clock.zone)
        await pilot.press("c")
        assert app.clipboard == memo.text
        await pilot.press("w")
        await settle(pilot)
        save = app.screen
        assert isinstance(save, SaveFileForm)
        target = tmp_path / "确认函 v1.txt"
        save.query_one("#field-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.read_text("utf-8") == memo.text
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SendForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.deal is not None
        assert screen.deal.confirmation.state == "sent" and screen.deal.confirmation.version == 1
        assert screen.deal.memos[0].text == memo.text  # what was shown is what was stored
        await pilot.press("k")
        await settle(pilot)
        reply = app.screen
        assert isinstance(reply, ReplyForm)
        reply.query_one("#field-text").text = "收到，确认无误"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.deal.confirmation.state == "acknowledged"
        assert "acknowledged" in str(screen.query_one("#deal-text").content)  # type: ignore[attr-defined]
    assert verify(seeded.context.path).ok


async def test_an_objection_and_then_version_2_after_a_changed_term(seeded: Seeded) -> None:
    deal_id = deal_of(seeded)
    memos.send(seeded.context, deal_id, {"channel": "im", "counterpart": "周敏"})
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_deal(pilot, deal_id)
        await pilot.press("x")
        await settle(pilot)
        objection = app.screen
        assert isinstance(objection, ReplyForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is objection  # what they dispute is required
        objection.query_one("#field-text").text = "单价应为 12.50"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.deal is not None and screen.deal.confirmation.state == "objected"
        await pilot.press("e")
        await settle(pilot)
        terms = app.screen
        terms.query_one("#field-delivery_date", Input).value = "2026-12-08"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.deal.confirmation.stale
        assert "send v2" in str(screen.query_one("#deal-text").content)  # type: ignore[attr-defined]
        await pilot.press("m", "s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [memo.version for memo in screen.deal.memos] == [1, 2]
        assert "2026-12-08" in screen.deal.memos[1].text and "2026-12-08" not in screen.deal.memos[0].text
    assert verify(seeded.context.path).ok


async def test_stage_moves_from_the_deal_screen(seeded: Seeded) -> None:
    deal_id = deal_of(seeded, stage="lead")
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_deal(pilot, deal_id)
        await pilot.press("g")
        await settle(pilot)
        stage = app.screen
        assert isinstance(stage, StageForm)
        stage.query_one("#field-stage").value = "agreed"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.deal is not None and screen.deal.stage == "agreed" and screen.deal.agreed_via == "phone"


async def test_the_customers_deals_list_opens_a_deal(seeded: Seeded) -> None:
    deal_id = deal_of(seeded)
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        listing = DealListScreen(app.context, seeded.customer_ids["张伟"], "张伟")
        app.push_screen(listing)
        await settle(pilot)
        assert [row.id for row in listing.rows] == [deal_id]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DealScreen) and app.screen.deal_id == deal_id


def deal_screen_app(seeded: Seeded, language: str) -> SalesApp:
    i18n.set_language(language)
    return build_app(dataclasses.replace(seeded.context, path=SHOWN_PATH))


async def show(pilot: Pilot[Any], deal_id: str, keys: tuple[str, ...]) -> None:
    await open_deal(pilot, deal_id)
    await pilot.press(*keys)
    await settle(pilot)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("view", {"deal": (), "memo": ("m",)})
def test_deal_screens(
    snap_compare, seeded: Seeded, view: str, size: tuple[int, int], language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deal and its memo, with ids made in order and a fixed ledger head, so the memo's reference line and its
    SHA-256 are the same every run (the seeded book's keys, and so its hashes, are new each time)."""
    counter = itertools.count(1)
    spread = 0x9E3779B97F4A7C15F39CC0605CEDC835
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(counter) * spread % 2**128))
    monkeypatch.setattr(ledger, "head", lambda: (4242, "ab" * 32))
    deal_id = deal_of(seeded)
    memos.send(seeded.context, deal_id, {"channel": "im", "counterpart": "周敏"})
    keys = {"deal": (), "memo": ("m",)}[view]
    app = deal_screen_app(seeded, language)
    assert snap_compare(app, terminal_size=size, run_before=partial(show, deal_id=deal_id, keys=keys))


async def test_enter_on_a_deal_event_in_the_timeline_opens_its_deal(seeded: Seeded) -> None:
    deal_id = deal_of(seeded)  # 张伟's: its events are the newest entries of his timeline
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"张伟", "enter", "tab")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DealScreen) and app.screen.deal_id == deal_id
