"""Pilot flows of the deal screens: a new deal with three lines and its running total, the memo copied, saved to a
file and sent, an acknowledgement and an objection, a changed term making version 2 with version 1 kept, line
errors under their cells, stage moves, the deals lists and deal events on the timeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Input, Select, Static, TextArea

from salestui.services import deals, memos
from salestui.services.app_views import DealEventEntry
from salestui.services.verify import verify
from salestui.ui import registry
from salestui.ui.app import SalesApp
from salestui.ui.deal.forms import NewDealForm, StageForm
from salestui.ui.deal.lines import LinesEditor
from salestui.ui.deal.list_screen import DealListScreen
from salestui.ui.deal.memo_forms import ReplyForm, SaveMemoForm, SendMemoForm
from salestui.ui.deal.memo_screen import MemoScreen
from salestui.ui.deal.screen import DealScreen
from salestui.ui.registry import Scope, Target
from tests.conftest import Seeded
from tests.deal_book import seed_deals
from tests.ui.conftest import SMALL, WIDE, build_app, first_entry_text, main, notes, screen_text, settle


@pytest.fixture
def deal_ids(seeded: Seeded) -> dict[str, str]:
    return seed_deals(seeded)


def static_text(app: SalesApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def open_deal(pilot, app: SalesApp, deal_id: str) -> DealScreen:  # noqa: ANN001
    """The deal screen over the main one (the timeline and the deals lists open it so)."""
    await settle(pilot)
    app.push_screen(DealScreen(app.context, deal_id))
    await settle(pilot)
    assert isinstance(app.screen, DealScreen)
    return app.screen


async def type_cell(pilot, text: str) -> None:  # noqa: ANN001
    if text:
        await pilot.press(*text)
    await pilot.press("tab")


@pytest.mark.parametrize("size", [WIDE, SMALL])
async def test_a_new_deal_with_three_lines_shows_its_running_total(seeded: Seeded, size: tuple[int, int]) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        customer = main(app).customer_list.highlighted_row
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, NewDealForm)
        await pilot.press(*"Spring order", "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DealScreen)
        assert "No lines yet" in static_text(app, "#deal-running-total")
        await pilot.press("ctrl+n")
        await settle(pilot)
        for cell in ("Capacitors", "1.5", "box", "0.33"):
            await type_cell(pilot, cell)
        assert static_text(app, "#deal-running-total") == "Total: 0.50 CNY"  # 1.5 × 0.33 = 0.495, half up
        await pilot.press("ctrl+n")
        await settle(pilot)
        for cell in ("Relays", "200", "", "12.8"):
            await type_cell(pilot, cell)
        await pilot.press("insert")
        await settle(pilot)
        for cell in ("Power modules", "1,000", "pcs"):
            await type_cell(pilot, cell)
        await pilot.press(*"38")
        await settle(pilot)
        assert static_text(app, "#deal-running-total") == "Total: 40,560.50 CNY"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [row] = deals.listing(seeded.context.clock.now(), customer_id=customer.id)
        assert (row.title, row.total, row.currency, row.stage) == ("Spring order", 4056050, "CNY", "lead")
        saved = deals.get(row.id, seeded.context.clock.now())
        assert [(line.item, line.quantity_milli, line.unit_price) for line in saved.lines] == [
            ("Capacitors", 1500, 33),
            ("Relays", 200_000, 1280),
            ("Power modules", 1_000_000, 3800),
        ]
        assert "Total: 40,560.50 CNY" in static_text(app, "#deal-header")
        assert "Deal saved." in [note.message for note in notes(app)]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main(app)
        assert "New deal: Spring order" in screen_text(app) or size == SMALL  # the timeline is another pane at 80x24


async def test_a_bad_cell_says_what_is_wrong_under_its_line_and_nothing_is_saved(
    seeded: Seeded, deal_ids: dict[str, str]
) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_deal(pilot, app, deal_ids["agreed"])
        screen.lines.rows[1].cells()[1].value = "1.2345"
        screen.lines.rows[2].cells()[3].focus()
        await pilot.press("ctrl+d")  # the third line goes, the second is wrong: nothing of it is saved
        await settle(pilot)
        screen.lines.rows[0].cells()[1].focus()
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(screen.lines.rows[1].query_one(".line-error", Static).content)
        assert error.startswith("✖ Quantity: a number with at most 3 decimal places")
        assert app.focused is screen.lines.rows[1].cells()[1]
        assert len(deals.get(deal_ids["agreed"], seeded.context.clock.now()).lines) == 3
        assert "?" in str(screen.lines.rows[1].query_one(".line-total", Static).content)


async def test_up_and_down_keep_the_column_and_remove_takes_the_line(seeded: Seeded, deal_ids: dict[str, str]) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_deal(pilot, app, deal_ids["agreed"])
        assert app.focused is screen.lines.rows[0].cells()[0]
        await pilot.press("tab", "tab", "down", "down")
        assert app.focused is screen.lines.rows[2].cells()[2]
        await pilot.press("up", "ctrl+d")
        await settle(pilot)
        assert [row.texts()[0] for row in screen.lines.rows] == ["贴片电容", "电源模块"]
        assert app.focused is screen.lines.rows[1].cells()[2]
        assert static_text(app, "#deal-running-total") == "Total: 38,000.50 CNY"
        await pilot.press("ctrl+s")
        await settle(pilot)
        detail = deals.get(deal_ids["agreed"], seeded.context.clock.now())
        assert [line.item for line in detail.lines] == ["贴片电容", "电源模块"]
        assert "line removed: 继电器" in detail.events[-1].text  # after agreement: a terms_changed event


async def test_the_memo_is_copied_saved_to_a_file_and_sent_byte_for_byte(
    seeded: Seeded, deal_ids: dict[str, str], tmp_path: Path
) -> None:
    context, deal_id = seeded.context, deal_ids["agreed"]
    app = build_app(context)
    async with app.run_test(size=SMALL) as pilot:
        await open_deal(pilot, app, deal_id)
        assert "no memo sent yet" in static_text(app, "#deal-header")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, MemoScreen)
        expected = memos.render(deal_id, context.clock.now(), None, "text", context.clock.zone)
        assert expected.startswith("订单确认函") and "大写：人民币肆万零伍佰陆拾元伍角整" in expected
        assert str(app.screen.query_one("#memo-text", Static).content) == expected
        await pilot.press("c")
        assert app.clipboard == expected
        await pilot.press("w")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SaveMemoForm)
        path_input = form.query_one("#field-path", Input)
        assert path_input.value == f"memo-{deal_id[:8]}-v1-zh_CN.txt"
        path_input.value = str(tmp_path / "no-such-folder" / "memo.txt")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.error_text("path") == "✖ No such file or directory"  # shown, never a crash
        path_input.value = str(tmp_path / "memo.txt")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MemoScreen)
        assert (tmp_path / "memo.txt").read_text("utf-8") == expected
        await pilot.press("w")
        await settle(pilot)
        app.screen.query_one("#field-path", Input).value = str(tmp_path / "memo.txt")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.error_text("path") == "✖ a file of that name is already there: choose another name"
        await pilot.press("escape")
        await settle(pilot)
        assert "Discard your changes?" in screen_text(app)  # the path was changed: it asks before closing
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MemoScreen)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SendMemoForm)
        assert app.screen.query_one("#field-counterpart", Input).value == "周敏"
        assert app.screen.query_one("#field-channel", Select).value == "phone"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [memo] = memos.versions(deal_id)
        assert memo.text == expected  # what was copied and saved is what is stored, byte for byte
        assert "version 1, as sent" in static_text(app, "#memo-title")
        await pilot.press("l", "f")  # in English and Markdown: sending that would make version 2
        await settle(pilot)
        assert "English · Markdown · version 2, not sent yet" in static_text(app, "#memo-title")
        shown = static_text(app, "#memo-text")
        assert shown.startswith("# Order confirmation") and "Version 2" in shown
        await pilot.press("l", "f")
        await settle(pilot)
        assert static_text(app, "#memo-text") == memo.text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DealScreen)
        header = static_text(app, "#deal-header")
        assert "memo v1 sent 2026-11-26, objections until 2026-11-29" in header
        memos_text = static_text(app, "#deal-memos")
        assert memo.text_sha256 in memos_text and "sent 2026-11-26 09:30 by phone to 周敏" in memos_text
    assert verify(context.path).ok


async def test_an_acknowledgement_is_recorded_with_the_reply(seeded: Seeded, deal_ids: dict[str, str]) -> None:
    context, deal_id = seeded.context, deal_ids["sent"]
    app = build_app(context)
    async with app.run_test(size=WIDE) as pilot:
        await open_deal(pilot, app, deal_id)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ReplyForm) and not form.objection
        form.query_one("#field-text", TextArea).load_text("Confirmed, thanks. — John")
        await pilot.press("ctrl+s")
        await settle(pilot)
        state = memos.confirmation(deal_id, context.clock.now())
        assert (state.state, state.version) == ("acknowledged", 1)
        assert "memo v1 sent 2026-11-26, acknowledged 2026-11-26" in static_text(app, "#memo-title")
        await pilot.press("escape")
        await settle(pilot)
        history = static_text(app, "#deal-history")
        assert "Acknowledged: memo v1 of Printed cartons, spring" in history
        assert "Reply: Confirmed, thanks. — John" in history
    assert verify(context.path).ok


async def test_an_objection_needs_what_is_disputed(seeded: Seeded, deal_ids: dict[str, str]) -> None:
    context, deal_id = seeded.context, deal_ids["sent"]
    app = build_app(context)
    async with app.run_test(size=SMALL) as pilot:
        await open_deal(pilot, app, deal_id)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ReplyForm) and form.objection
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.error_text("text") == "✖ say what the customer disputes"
        assert memos.confirmation(deal_id, context.clock.now()).state == "sent"
        form.query_one("#field-text", TextArea).load_text("The price was 1.75 a carton, not 1.85")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert memos.confirmation(deal_id, context.clock.now()).state == "objected"
        assert "objected to 2026-11-26" in static_text(app, "#memo-title")
    assert verify(context.path).ok


async def test_a_changed_term_asks_for_version_2_and_keeps_version_1(seeded: Seeded, deal_ids: dict[str, str]) -> None:
    context, deal_id = seeded.context, deal_ids["sent"]
    first = memos.versions(deal_id)[0]
    app = build_app(context)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_deal(pilot, app, deal_id)
        place = screen.terms.query_one("#term-delivery_place", Input)
        place.focus()
        place.value = "Felixstowe, berth 7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "v1 in force, terms changed since: send v2" in static_text(app, "#deal-header")
        assert "Delivery place: Felixstowe → Felixstowe, berth 7" in static_text(app, "#deal-history")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "version 2, not sent yet" in static_text(app, "#memo-title")
        assert "Felixstowe, berth 7" in str(app.screen.query_one("#memo-text", Static).content)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        versions = memos.versions(deal_id)
        assert [memo.version for memo in versions] == [1, 2]
        assert versions[0] == first  # version 1 kept as it was
        memos_text = static_text(app, "#deal-memos")
        assert "Version 1" in memos_text and "Version 2" in memos_text
        assert first.text_sha256 in memos_text and versions[1].text_sha256 in memos_text
        assert "v1 in force" not in static_text(app, "#deal-header")
    assert verify(context.path).ok


async def test_a_term_that_cannot_be_read_is_named_and_escape_asks_first(
    seeded: Seeded, deal_ids: dict[str, str]
) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_deal(pilot, app, deal_ids["agreed"])
        day = screen.terms.query_one("#term-delivery_date", Input)
        day.value = "5 Dec"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.terms.rows["delivery_date"].error_text.startswith("✖ a date written YYYY-MM-DD")
        assert app.focused is day
        assert deals.get(deal_ids["agreed"], seeded.context.clock.now()).delivery_date == "2026-12-05"
        await pilot.press("escape")
        await settle(pilot)
        assert "Discard your changes?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is main(app)


async def test_stage_moves_offer_only_what_is_allowed(seeded: Seeded, deal_ids: dict[str, str]) -> None:
    context, deal_id = seeded.context, deal_ids["agreed"]
    app = build_app(context)
    async with app.run_test(size=SMALL) as pilot:
        await open_deal(pilot, app, deal_id)
        await pilot.press("ctrl+t")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StageForm)
        choices = form.query_one("#field-to", Select)
        codes = [value for _label, value in choices._options]
        assert codes == ["move:delivered", "move:paid", "move:closed", "lost:lost", "reopen:lead", "reopen:quoted"]
        choices.value = "lost:lost"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.error_text("note") == "✖ say why the deal was lost"
        form.query_one("#field-note", Input).value = "They bought from a competitor"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DealScreen)
        assert "Stage: Lost" in static_text(app, "#deal-header")
        assert "Why it was lost: They bought from a competitor" in static_text(app, "#deal-header")
        await pilot.press("ctrl+t")
        await settle(pilot)
        app.screen.query_one("#field-to", Select).value = "reopen:quoted"
        app.screen.query_one("#field-note", Input).value = "They came back"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert deals.get(deal_id, context.clock.now()).stage == "quoted"
        assert "Deal reopened: 贴片电容订单 (Lost → Quoted)" in static_text(app, "#deal-history")
    assert verify(context.path).ok


async def test_a_customers_deals_and_every_deal_are_listed_and_open(seeded: Seeded, deal_ids: dict[str, str]) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Acme", "enter")
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        assert isinstance(app.screen, DealListScreen)
        text = screen_text(app)
        assert "Deals with Acme Trading Ltd" in text
        assert "Printed cartons, spring" in text and "Agreed" in text and "9,250.00 CNY" in text
        assert "sent, waiting" in text and "v1" in text and "贴片电容订单" not in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DealScreen) and app.screen.deal_id == deal_ids["sent"]
        await pilot.press("escape", "escape")
        await settle(pilot)
        main(app).run_command("deal.all")  # the palette's "deal: all deals"
        await settle(pilot)
        assert isinstance(app.screen, DealListScreen)
        text = screen_text(app)
        assert "Every customer's deals" in text and "贴片电容订单" in text and "Printed cartons" in text


async def test_deal_events_are_on_the_customers_timeline(seeded: Seeded, deal_ids: dict[str, str]) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Acme", "enter")
        await settle(pilot)
        screen = main(app)
        text = first_entry_text(screen)
        assert "Memo v1 sent by e-mail to John Moore · Printed cartons, spring" in text
        assert "Deal agreed: Printed cartons, spring — 9,250.00 CNY by e-mail" in text
        assert text.index("Memo v1 sent") < text.index("Deal agreed")  # newest first
        await pilot.press("tab")
        for _step in range(10):  # ↓ reads the rest of the profile, then highlights the newest entry: the memo sent
            if screen.timeline.cursor is not None:
                break
            await pilot.press("down")
            await settle(pilot)
        assert isinstance(screen.timeline.highlighted_item(Target.DEAL), DealEventEntry)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DealScreen) and app.screen.deal_id == deal_ids["sent"]


@pytest.mark.parametrize(
    ("widget", "scope"),
    [
        (DealScreen, Scope.DEAL),
        (LinesEditor, Scope.DEAL_LINES),
        (MemoScreen, Scope.MEMO),
        (DealListScreen, Scope.DEALS),
    ],
)
def test_each_deal_binding_is_a_registry_command_its_widget_has(widget: type, scope: Scope) -> None:
    bound = [binding for binding in widget.BINDINGS if isinstance(binding, Binding)]
    assert bound
    for binding in bound:
        assert registry.command(binding.id or "").scope is scope
        assert callable(getattr(widget, f"action_{binding.action.split('(')[0]}", None)), binding.action


async def test_tab_reaches_the_history_and_keys_read_it_at_80x24(seeded: Seeded, deal_ids: dict[str, str]) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_deal(pilot, app, deal_ids["sent"])
        body = screen.query_one("#deal-body")
        history = screen.query_one("#deal-history")
        for _step in range(30):
            if app.focused is history:
                break
            await pilot.press("tab")
        assert app.focused is history
        await settle(pilot)
        assert history.region.y < SMALL[1] and body.scroll_y > 0  # scrolled down to it
        assert "Memo v1 sent by e-mail to John Moore" in screen_text(app)
