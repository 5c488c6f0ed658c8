"""Pilot flows: the timeline's entry cursor, amending a contact with shift+a, its history, promises kept or
cancelled from the promise list, and the profile's promise record."""

from __future__ import annotations

from datetime import timedelta

from salestui.services import promises, timeline
from salestui.services.verify import verify
from salestui.ui.app import SalesApp
from salestui.ui.entry_history import EntryHistoryScreen
from salestui.ui.forms import InteractionForm, PromiseForm, SettleForm
from salestui.ui.promise_list import PromiseListScreen
from salestui.ui.registry import Scope
from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, build_app, main, notes, rendered_text, screen_text, settle


async def go_to_zhang_wei(pilot) -> None:
    await settle(pilot)
    await pilot.press("slash", *"张伟", "enter", "tab")  # the Timeline pane takes the focus
    await settle(pilot)


async def test_the_cursor_walks_the_entries_and_back_to_the_profile(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await go_to_zhang_wei(pilot)
        pane = main(app).timeline
        assert pane.cursor is None and app.focused is pane
        await pilot.press("down")
        await pilot.pause()
        assert pane.cursor == 0
        page = rendered_text(pane.pages[0].widget.content)
        assert "▶ " in page.splitlines()[0] and "WeChat: confirmed delivery address" in page
        await pilot.press("down", "down", "down")  # past the last entry: nothing further to highlight
        await pilot.pause()
        assert pane.cursor == len(pane.entries) - 1
        await pilot.press(*["up"] * len(pane.entries))
        await pilot.pause()
        assert pane.cursor is None and "▶" not in rendered_text(pane.pages[0].widget.content)


async def test_amend_a_contact_with_shift_a(app: SalesApp, seeded: Seeded) -> None:
    zhang = seeded.customer_ids["张伟"]
    original = timeline.page(zhang)[1]  # the older one: "Agreed 500 units …"
    async with app.run_test(size=WIDE) as pilot:
        await go_to_zhang_wei(pilot)
        await pilot.press("A")  # nothing highlighted yet: it says how to pick one
        await pilot.pause()
        assert not isinstance(app.screen, InteractionForm)
        assert "Highlight a contact first" in notes(app)[-1].message
        await pilot.press("down", "down", "A")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InteractionForm) and form.amending == original
        assert form.text("summary") == original.summary and form.text("kind") == "call"
        assert "Amend the contact with 张伟" in screen_text(app)
        form.control("summary").value = ""
        form.control("summary").focus()
        await pilot.press(*"Agreed 50 units at 38.00", "ctrl+s")
        await settle(pilot)
        assert app.screen is main(app)
        shown = timeline.page(zhang)
        fixed = shown[1]
        assert (fixed.amends_id, fixed.summary, fixed.occurred_at) == (
            original.id,
            "Agreed 50 units at 38.00",
            original.occurred_at,
        )  # the time was not touched: it stays exact to the second
        assert timeline.get(original.id) == original
        pane = main(app).timeline
        assert pane.entries[pane.cursor].id == fixed.id  # the cursor stays on the corrected entry
        text = screen_text(app)
        assert "Agreed 50 units at 38.00" in text and "amended" in text and "Agreed 500 units" not in text
        await pilot.press("enter")  # its whole history
        await settle(pilot)
        assert isinstance(app.screen, EntryHistoryScreen)
        text = screen_text(app)
        assert "Version 1 of 2" in text and "Version 2 of 2" in text and "in force" in text
        assert text.index("Agreed 500 units") < text.index("Agreed 50 units at 38.00")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main(app)
        assert verify().ok


async def test_an_unchanged_amendment_is_refused_in_the_form(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await go_to_zhang_wei(pilot)
        await pilot.press("down", "A")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InteractionForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "nothing changed" in form.error_text("summary")


async def test_y_on_a_contact_never_amended_shows_its_one_version(app: SalesApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await go_to_zhang_wei(pilot)
        await pilot.press("down", "y")
        await settle(pilot)
        assert isinstance(app.screen, EntryHistoryScreen)
        assert "never amended" in screen_text(app)


async def test_add_a_promise_then_mark_it_kept(app: SalesApp, seeded: Seeded) -> None:
    zhang = seeded.customer_ids["张伟"]
    async with app.run_test(size=WIDE) as pilot:
        await go_to_zhang_wei(pilot)
        await pilot.press("p")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PromiseForm) and form.customer_id == zhang
        form.control("what").focus()
        await pilot.press(*"Pay the 30% deposit")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and form.error_text("due_at") == "✖ required"
        form.control("due_at").focus()
        await pilot.press(*"+3d", "ctrl+s")
        await settle(pilot)
        assert app.screen is main(app)
        [made] = promises.for_customer(zhang)
        assert (made.side, made.kind, made.what, made.status) == ("customer", "other", "Pay the 30% deposit", "open")
        assert made.due_at == seeded.context.clock.now() + timedelta(days=3)
        profile = " ".join(rendered_text(main(app).timeline.query_one("#timeline-facts").content).split())
        assert "Customer's other promises 1 open" in profile and "customer: Pay the 30% deposit" in profile
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, PromiseListScreen)
        assert "Pay the 30% deposit — pending" in screen_text(app)
        await pilot.press("k")
        await settle(pilot)
        assert promises.get(made.id).status == "kept"
        assert "Pay the 30% deposit — kept" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main(app)
        profile = " ".join(rendered_text(main(app).timeline.query_one("#timeline-facts").content).split())
        assert "Customer's other promises kept 1/1" in profile and "Next open" not in profile
        assert verify().ok


async def test_cancelling_asks_why_and_amending_keeps_the_original(app: SalesApp, seeded: Seeded) -> None:
    zhang = seeded.customer_ids["张伟"]
    due = seeded.context.clock.now() + timedelta(days=2)
    made = promises.add(seeded.context, zhang, {"side": "us", "kind": "delivery", "what": "Ship 500", "due_at": due})
    async with app.run_test(size=WIDE) as pilot:
        await go_to_zhang_wei(pilot)
        await pilot.press("P")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PromiseForm) and form.amending is not None and form.text("what") == "Ship 500"
        form.control("what").value = ""
        form.control("what").focus()
        await pilot.press(*"Ship 450", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PromiseListScreen)
        fixed = promises.get(made.id)
        assert (fixed.amends_id, fixed.what, fixed.due_at) == (made.id, "Ship 450", due)
        assert "Ship 450" in screen_text(app) and "amended" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        settle_form = app.screen
        assert isinstance(settle_form, SettleForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is settle_form and "say why" in settle_form.error_text("note")
        await pilot.press(*"order withdrawn", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PromiseListScreen)
        cancelled = promises.get(made.id)
        assert (cancelled.status, cancelled.outcome_note) == ("cancelled", "order withdrawn")
        assert "cancelled (order withdrawn)" in screen_text(app)


async def test_amend_from_the_customers_pane_says_where_to_go(app: SalesApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await pilot.pause()
        assert notes(app)[-1].message.startswith("Amend acts on an interaction, which the Customers pane")


async def test_the_promise_keys_work_in_the_customers_pane(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, PromiseListScreen)
        assert "No promises yet: press p on the main screen." in screen_text(app)
        await pilot.press("k")  # nothing to mark
        await pilot.pause()
        assert notes(app)[-1].message == "There is no promise to act on."


def test_the_new_screens_bind_only_actions_they_have() -> None:
    from textual.binding import Binding

    from salestui.ui import registry

    for screen, scopes in ((PromiseListScreen, {Scope.PROMISES, Scope.VIEW}), (EntryHistoryScreen, {Scope.VIEW})):
        bound = [binding for binding in screen.BINDINGS if isinstance(binding, Binding)]
        assert {registry.command(binding.id or "").scope for binding in bound} == scopes
        for binding in bound:
            assert callable(getattr(screen, f"action_{binding.action.split('(')[0]}", None)), binding.action


async def test_after_page_down_the_cursor_goes_on_from_what_is_shown(seeded: Seeded) -> None:
    wang = seeded.customer_ids["王芳"]
    now = seeded.context.clock.now()
    for number in range(20):
        at = now - timedelta(hours=number + 1)
        timeline.append(seeded.context, wang, {"kind": "note", "summary": f"Note {number}", "occurred_at": at})
    long_body = "\n".join(f"line {number}" for number in range(40))
    timeline.append(seeded.context, wang, {"kind": "note", "summary": "Long", "body": long_body, "occurred_at": now})
    app = build_app(seeded.context)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"王芳", "enter", "tab")
        await settle(pilot)
        pane = main(app).timeline
        block = pane.query_one("#timeline-profile")
        await pilot.press(*["down"] * (round(block.max_scroll_y) + 1))
        await pilot.pause()
        assert pane.cursor == 0  # the long note, taller than the pane
        start = pane.scroll_y
        await pilot.press("down", "down")
        await pilot.pause()
        assert pane.cursor == 0 and pane.scroll_y == start + 2  # read line by line
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        top, height = pane._span(pane.cursor)
        assert pane.cursor > 1 and top + height > pane.scroll_y and top < pane.scroll_y + pane.size.height
