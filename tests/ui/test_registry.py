"""The command registry: one declaration per action, run on what the focused pane highlights, remappable by id."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from textual.binding import Binding

from salestui import i18n
from salestui.services import followups
from salestui.ui import actions, registry
from salestui.ui.app import SalesApp
from salestui.ui.forms import CompleteForm, CustomerForm
from salestui.ui.help_screen import HelpScreen
from salestui.ui.main_screen import MainScreen
from salestui.ui.panes.alerts import AlertsPane
from salestui.ui.panes.customer_list import CustomerList
from salestui.ui.panes.customers import SearchInput
from salestui.ui.panes.followups import FollowUpsPane
from salestui.ui.panes.timeline import TimelinePane
from salestui.ui.registry import Scope
from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, build_app, main, notes, screen_text, settle


def test_every_main_screen_command_has_a_handler_and_every_handler_a_command() -> None:
    main_ids = {entry.id for entry in registry.COMMANDS if entry.scope is Scope.MAIN}
    assert set(actions.HANDLERS) == main_ids
    assert len(registry.BY_ID) == len(registry.COMMANDS)  # ids are unique


@pytest.mark.parametrize(
    ("widget", "scope"),
    [
        (CustomerList, Scope.LIST),
        (FollowUpsPane, Scope.LIST),
        (AlertsPane, Scope.LIST),
        (TimelinePane, Scope.LIST),
        (SearchInput, Scope.SEARCH),
        (HelpScreen, Scope.HELP),
        (MainScreen, Scope.MAIN),
    ],
)
def test_each_binding_calls_an_action_its_widget_has(widget: type, scope: Scope) -> None:
    bound = [binding for binding in widget.BINDINGS if isinstance(binding, Binding)]
    assert bound
    for binding in bound:
        assert registry.command(binding.id or "").scope is scope
        name = binding.action.split("(")[0]
        assert callable(getattr(widget, f"action_{name}", None)), (widget.__name__, binding.action)


async def test_x_in_the_customers_pane_completes_nothing_and_says_where_to_go(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.follow_ups.selected is not None  # a follow-up is highlighted, in a pane without focus
        await pilot.press("x", "s")
        await settle(pilot)
        assert app.screen is screen
        said = [note.message for note in notes(app) if note.severity == "warning"]
        assert len(said) == 2
        assert said[0] == (
            "Done acts on a follow-up, which the Customers pane does not show: "
            "go to Follow-ups (tab / shift+tab) and pick one."
        )
        assert said[1].startswith("Snooze acts on a follow-up")
        assert all(followups.get(follow_up_id).status == "open" for follow_up_id in seeded.follow_up_ids.values())
        await pilot.press("tab", "tab", "x")
        await pilot.pause()
        assert isinstance(app.screen, CompleteForm)


async def test_e_in_the_follow_ups_pane_edits_that_follow_ups_customer(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        first_in_list = screen.customer_list.highlighted_row
        await pilot.press("tab", "tab")
        follow_up = screen.follow_ups.selected
        assert follow_up.customer_id != first_in_list.id
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CustomerForm)
        assert app.screen.customer.id == follow_up.customer_id


@pytest.mark.parametrize(("language", "help_entry"), [("en", "? Help"), ("zh_CN", "? 帮助")])
async def test_the_footer_fits_80_columns_and_ends_with_help(seeded: Seeded, language: str, help_entry: str) -> None:
    i18n.set_language(language)
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for _pane in range(4):
            footer = screen_text(app).splitlines()[-1].rstrip()
            assert cell_len(footer) <= SMALL[0]
            assert footer.endswith(help_entry)
            assert footer.split()[:2] == ["/", i18n._("Search")]
            await pilot.press("tab")
            await settle(pilot)


async def test_the_footer_shows_only_keys_that_act_on_the_focused_pane(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert " e Edit " in footer and " x Done" not in footer
        await pilot.press("tab", "tab")
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert " x Done " in footer and " s Snooze " in footer
        await pilot.press("slash")  # typing: letters go into the box, so the footer offers only what still works
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert footer.split()[:3] == ["esc", "To", "list"]
        assert " n New " not in footer and " x Done " not in footer


async def test_a_keymap_moves_a_command_to_other_keys_everywhere_it_shows(app: SalesApp) -> None:
    with pytest.raises(ValueError, match="customer.nwe"):
        app.apply_keymap({"customer.nwe": "a"})
    app.apply_keymap({"customer.new": "a", "app.help": "f1"})  # before the run, as a config file would
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert " a New " in footer and " n New " not in footer and footer.rstrip().endswith("f1 Help")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert re.search(r"│ a +New +Add a new customer", help_text)
        assert re.search(r"│ f1 +Help +Show every key", help_text)
        await pilot.press("escape", "a")
        await pilot.pause()
        assert isinstance(app.screen, CustomerForm)


@pytest.mark.parametrize("size", [WIDE, SMALL])
async def test_after_a_new_customer_the_next_log_is_with_them(app: SalesApp, size: tuple[int, int]) -> None:
    """The new customer is what the focused pane highlights, not the row the list cursor was left on."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Zed Test", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.focused, TimelinePane)
        await pilot.press("l")
        await settle(pilot)
        assert "Log a contact with Zed Test" in screen_text(app)


async def test_x_on_an_overdue_follow_up_alert_completes_that_follow_up(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("tab", "tab", "tab")
        alert = screen.alerts.current
        assert alert is not None and alert.follow_up is not None  # the seed's overdue follow-up comes first
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, CompleteForm)
        assert app.screen.follow_up.id == alert.follow_up.id


async def test_x_on_a_contact_gap_alert_says_to_log_a_contact(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("tab", "tab", "tab", "down")
        await settle(pilot)
        assert screen.alerts.current is not None and screen.alerts.current.follow_up is None
        await pilot.press("x")
        await settle(pilot)
        assert not isinstance(app.screen, CompleteForm)
        assert any("not about a follow-up" in note.message for note in notes(app))


async def test_x_with_an_empty_queue_says_there_is_nothing_to_do(context) -> None:
    app = build_app(context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "x")
        await settle(pilot)
        assert [note.message for note in notes(app)] == ["Nothing is due in this queue in the next 7 days."]
