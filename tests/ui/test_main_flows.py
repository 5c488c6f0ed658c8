"""Pilot tests of the main flows: search and select, log, follow-ups, edit, help, palette, moving far, quitting."""

from __future__ import annotations

from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Static

from salestui.db.connection import database
from salestui.services import customers
from salestui.ui import registry
from salestui.ui.app import SalesApp
from salestui.ui.forms import CompleteForm, CustomerForm, FollowUpForm, InteractionForm, SnoozeForm
from salestui.ui.help_screen import HelpScreen
from salestui.ui.main_screen import MainScreen
from salestui.ui.panes.customer_list import PAGE_SIZE, CustomerList
from salestui.ui.panes.customers import SearchInput
from tests.conftest import Seeded
from tests.ui.conftest import WIDE, build_app, first_entry_text, main, notes, rendered_text, screen_text, settle


async def test_search_then_select_shows_the_timeline(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.customer_list.total == 6
        await pilot.press("slash")
        assert isinstance(app.focused, SearchInput)
        await pilot.press(*"张伟", "enter")
        await settle(pilot)
        assert isinstance(app.focused, CustomerList)
        assert screen.customer_list.total == 1
        assert screen.customer_list.highlighted_row.name == "张伟"
        assert screen.timeline.customer is not None and screen.timeline.customer.name == "张伟"
        text = screen_text(app)
        assert "华信贸易有限公司" in text
        assert "WeChat: confirmed delivery address" in text
        assert "1 match" in text and "1 matches" not in text


async def test_search_by_pinyin_initials_and_no_match_message(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zhangwei")
        await settle(pilot)
        assert main(app).customer_list.highlighted_row.name == "张伟"
        await pilot.press(*"xyz")
        await settle(pilot)
        assert main(app).customer_list.total == 0
        assert "No customer matches \u201czhangweixyz\u201d" in screen_text(app)


async def test_log_an_interaction_puts_it_on_top_of_the_timeline(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash", *"张伟", "enter")
        await settle(pilot)
        assert "WeChat: confirmed delivery address" in first_entry_text(screen)
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, InteractionForm)
        assert form.customer_id == seeded.customer_ids["张伟"]
        form.control("summary").focus()
        await pilot.press(*"Called about the delivery")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        top = first_entry_text(screen)
        assert top.index("Called about the delivery") < top.index("WeChat: confirmed delivery address")
        assert screen.customer_list.highlighted_row.name == "张伟"
        assert screen.customer_list.highlighted_row.last_contact_at == seeded.context.clock.now()


async def test_edit_keeps_the_cursor_and_shows_the_change(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("down", "down")
        await settle(pilot)
        row = screen.customer_list.highlighted_row
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CustomerForm)
        assert form.customer.id == row.id
        form.control("phone").value = ""
        form.control("phone").focus()
        await pilot.press(*"021 5555 0199", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.customer_list.cursor == 2
        assert screen.customer_list.highlighted_row.id == row.id
        assert screen.customer_list.highlighted_row.phone == "021 5555 0199"
        assert screen.timeline.customer.phone == "021 5555 0199"
        assert "021 5555 0199" in screen_text(app)


async def test_add_a_follow_up_then_complete_it(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash", *"李娜", "enter")
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FollowUpForm)
        form.control("title").focus()
        await pilot.press(*"Ship the 2027 samples", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        titles = [item.title for item in screen.follow_ups.queue_views()]
        assert "Ship the 2027 samples" in titles
        assert "Ship the 2027 samples" in screen_text(app)
        await pilot.press("tab", "tab")
        assert app.focused is screen.follow_ups
        for _step in range(10):
            if screen.follow_ups.selected.title == "Ship the 2027 samples":
                break
            await pilot.press("down")
        assert screen.follow_ups.selected.title == "Ship the 2027 samples"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, CompleteForm)
        app.screen.control("next_due").value = ""  # no next one
        await pilot.press(*"Shipped", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        titles = [item.title for item in screen.follow_ups.queue_views()]
        assert "Ship the 2027 samples" not in titles
        # Gone from the queue; the customer's timeline now shows it done, and the outcome as a note.
        assert screen_text(app).count("Ship the 2027 samples") == 1
        assert "Follow-up done" in screen_text(app) and "Shipped" in screen_text(app)


async def test_snoozing_leaves_the_cursor_on_the_next_follow_up(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("tab", "tab")
        assert screen.follow_ups.selected.title == "Confirm delivery date"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        snoozed = next(view for view in screen.follow_ups.queue_views() if view.title == "Confirm delivery date")
        assert snoozed.snoozed_until is not None
        assert screen.follow_ups.selected.title == "Call about 2027 prices"


async def test_actions_without_a_selection_say_so(app: SalesApp, seeded: Seeded) -> None:
    for follow_up_id in seeded.follow_up_ids.values():
        database.execute_sql("UPDATE follow_up SET status = 'done' WHERE id = ?", (follow_up_id,))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "x")
        await pilot.pause()
        assert app.focused is main(app).follow_ups
        assert isinstance(app.screen, MainScreen)
        # Only 李娜, past her cadence with nothing planned now, is left: a suggestion, with nothing to mark done.
        said = "Nothing is planned with 李娜 yet: log a contact (l) or plan a follow-up (f)."
        assert any(note.message == said for note in notes(app))


async def test_help_lists_every_binding(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = rendered_text(app.screen.query_one("#help-text", Static).content)
        nodes = [
            app,
            screen,
            screen.customer_list,
            screen.timeline,
            screen.follow_ups,
            screen.alerts,
            screen.query_one(SearchInput),
        ]
        bound = {binding.id for node in nodes for binding in type(node).BINDINGS if isinstance(binding, Binding)}
        assert len(bound) >= 20
        for binding_id in bound:
            command = registry.command(binding_id)
            assert command.description in text, binding_id
            for key in registry.key_texts(app, command):
                assert key in text, binding_id
        await pilot.press("escape")
        assert app.screen is screen


async def test_palette_finds_customer_new(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"customer: new")
        await settle(pilot)
        prompts = [option.prompt.plain.splitlines()[0] for option in app.screen.query_one("CommandList").options]
        assert prompts[0] == "customer: new"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerForm)
        assert app.screen.customer is None


async def test_q_quits_with_return_code_zero(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_q_typed_in_the_search_box_does_not_quit(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        await settle(pilot)
        assert app.is_running
        assert main(app).query_one(SearchInput).value == "q"


async def test_holding_down_moves_past_the_first_page(crowded: Seeded) -> None:
    app = build_app(crowded.context)
    steps = PAGE_SIZE + 50
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.customer_list.total == 156
        await pilot.press(*["down"] * steps)
        await settle(pilot)
        assert screen.customer_list.cursor == steps
        expected = customers.page_at("", steps, 1)[0]
        assert screen.customer_list.highlighted_row == expected
        assert screen.timeline.customer.id == expected.id
        assert expected.name in screen_text(app)
        await pilot.press("end")
        await settle(pilot)
        assert screen.customer_list.highlighted_row == customers.page_at("", 155, 1)[0]
        await pilot.press("home", "j", "j", "k")
        await settle(pilot)
        assert screen.customer_list.highlighted_row == customers.page_at("", 1, 1)[0]


async def test_keys_typed_after_q_open_nothing(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        screen.run_command("app.quit")
        for command_id in ("customer.new", "interaction.log", "app.help"):
            screen.run_command(command_id)
        await pilot.press("tab", "tab")
        for command_id in ("follow-up.snooze", "follow-up.done"):
            screen.run_command(command_id)
        assert app.screen is screen
        await pilot.pause()
    assert app.return_code == 0


async def test_end_reads_the_list_backwards_instead_of_skipping_rows(crowded: Seeded, monkeypatch) -> None:
    from salestui.ui.panes import customer_list as list_module

    monkeypatch.setattr(list_module, "PAGE_SIZE", 20)  # 156 customers: pages 0-7, the last holds 16
    jumps: list[int] = []
    real_page_at = customers.page_at
    monkeypatch.setattr(
        customers, "page_at", lambda query, offset, limit: jumps.append(offset) or real_page_at(query, offset, limit)
    )
    app = build_app(crowded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        listed = main(app).customer_list
        assert listed.cursor == 155
        assert listed.highlighted_row == real_page_at("", 155, 1)[0]
        assert listed.row_at(140) == real_page_at("", 140, 1)[0]  # the last page, read backwards
        assert 140 not in jumps
