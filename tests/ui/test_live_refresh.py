"""Live team view: what another rep writes to the same file shows in this app's open panes within 2 seconds,
with the cursors kept on their items and an open form left as it is."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from salestui.services import customers, followups, reps, timeline
from salestui.services.context import Context
from salestui.services.session import open_context
from salestui.ui.app import SalesApp
from salestui.ui.forms import CustomerForm, InteractionForm
from salestui.ui.live_refresh import POLL_SECONDS
from tests.conftest import Seeded
from tests.ui.conftest import WIDE, build_app, first_entry_text, main, settle

VISIBLE_WITHIN = 2.0  # seconds from another rep's commit to this app's pane


@pytest.fixture
def bob(seeded: Seeded, db_path, clock) -> Context:
    """A second rep signed in to the same file (his own Context, as his own SalesTUI would hold)."""
    reps.add(seeded.context, "bob")
    return open_context(db_path, "bob", clock)


async def as_another_process(write: Callable[[], Any]) -> Any:
    """Run `write` on a thread of its own: its own SQLite connection, so the app sees a commit by another one."""
    return await asyncio.to_thread(write)


async def shows_within(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = VISIBLE_WITHIN) -> float:
    """Let the app run until `condition` holds; how long that took (fails past `seconds`)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not shown within {seconds} s")
        await pilot.pause(0.05)
    return time.monotonic() - start


async def test_another_reps_call_shows_on_the_open_timeline_and_the_cursor_stays(
    app: SalesApp, seeded: Seeded, bob: Context
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("down", "down")
        await settle(pilot)
        listed = screen.customer_list
        cursor, shown = listed.cursor, listed.highlighted_row
        assert shown is not None and screen.timeline.customer_id == shown.id
        await as_another_process(
            lambda: timeline.append(bob, shown.id, {"kind": "call", "summary": "Bob called about the invoice"})
        )
        await shows_within(pilot, lambda: "Bob called about the invoice" in first_entry_text(screen))
        await settle(pilot)
        assert (listed.cursor, listed.highlighted_row.id) == (cursor, shown.id)
        assert screen.timeline.customer_id == shown.id


async def test_a_customer_added_above_the_cursor_keeps_it_on_its_customer(
    app: SalesApp, seeded: Seeded, bob: Context
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("down", "down", "down")
        await settle(pilot)
        listed = screen.customer_list
        cursor, shown = listed.cursor, listed.highlighted_row
        assert shown is not None
        await as_another_process(lambda: customers.create(bob, {"name": "AAA First In Line"}))
        await shows_within(pilot, lambda: listed.total == 7)
        await shows_within(pilot, lambda: listed.row_at(0) is not None and listed.row_at(0).name == "AAA First In Line")
        await settle(pilot)
        assert listed.cursor == cursor + 1
        assert listed.highlighted_row.id == shown.id
        assert screen.timeline.customer_id == shown.id  # the timeline did not jump to the row now at the old index


async def test_a_follow_up_done_by_another_rep_leaves_the_queue(app: SalesApp, seeded: Seeded) -> None:
    follow_up = seeded.follow_up_ids["Call about 2027 prices"]
    reps.add(seeded.context, "carol", role="manager")  # a manager may complete another rep's follow-up
    carol = open_context(seeded.context.path, "carol", seeded.context.clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        queue = main(app).follow_ups
        assert follow_up in {view.id for view in queue.queue_views()}
        await as_another_process(lambda: followups.complete(carol, follow_up, "Carol took the call"))
        await shows_within(pilot, lambda: follow_up not in {view.id for view in queue.queue_views()})


async def test_an_open_form_stays_open_and_untouched_while_the_panes_under_it_refresh(
    app: SalesApp, seeded: Seeded, bob: Context
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        customer_id = screen.timeline.customer_id
        assert customer_id is not None
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InteractionForm)
        form.control("summary").focus()
        await pilot.press(*"half typed")
        typed = form.text("summary")
        assert typed.endswith("half typed")
        await as_another_process(lambda: timeline.append(bob, customer_id, {"kind": "visit", "summary": "Bob visited"}))
        await shows_within(pilot, lambda: "Bob visited" in first_entry_text(screen))
        assert app.screen is form and form.text("summary") == typed


async def test_a_save_in_another_app_shows_in_this_one(seeded: Seeded, bob: Context) -> None:
    """Two apps on one file, each its own rep: Bob edits a customer through his form; Alice's list shows it."""
    alice_app, bob_app = build_app(seeded.context), build_app(bob)
    async with alice_app.run_test(size=WIDE) as alice, bob_app.run_test(size=WIDE) as bobs:
        await settle(alice)
        await settle(bobs)
        bob_screen = main(bob_app)
        edited = bob_screen.customer_list.highlighted_row
        assert edited is not None
        await bobs.press("e")
        await settle(bobs)
        form = bob_app.screen
        assert isinstance(form, CustomerForm)
        form.query_one("#field-name").value = "Bob Renamed Him"
        await bobs.press("ctrl+s")
        await settle(bobs)
        assert bob_app.screen is bob_screen
        listed = main(alice_app).customer_list
        found = await shows_within(
            alice, lambda: any(listed.row_at(n) and listed.row_at(n).name == "Bob Renamed Him" for n in range(7))
        )
        assert found < VISIBLE_WITHIN


async def test_an_idle_app_reads_nothing(app: SalesApp, seeded: Seeded, monkeypatch: pytest.MonkeyPatch) -> None:
    from salestui.services import changes

    reads: list[int] = []
    real_since = changes.since
    monkeypatch.setattr(changes, "since", lambda seq, **options: reads.append(seq) or real_since(seq, **options))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.pause(POLL_SECONDS * 4)
        assert reads == []  # the timer looked at data_version only: nothing committed, nothing read


async def test_another_reps_edit_of_the_shown_customer_shows_in_its_profile(
    app: SalesApp, seeded: Seeded, bob: Context
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        shown = screen.timeline.customer_id
        assert shown is not None
        await as_another_process(lambda: customers.update(bob, shown, {"needs": "Bob: 900 gift boxes"}))
        await shows_within(pilot, lambda: screen.timeline.customer.needs == "Bob: 900 gift boxes")
        assert screen.timeline.customer_id == shown
