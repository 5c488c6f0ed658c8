"""The customer form meets another rep's save: both versions field by field, the user's choice saved onto theirs."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual.pilot import Pilot

from salestui.services import customers, reps
from salestui.services.context import Context
from salestui.services.session import open_context
from salestui.ui.app import SalesApp
from salestui.ui.forms import CustomerForm
from salestui.ui.forms.conflict import MINE, THEIRS, ConflictFields, ConflictScreen
from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, main, screen_text, settle


@pytest.fixture
def bob(seeded: Seeded, db_path, clock) -> Context:
    reps.add(seeded.context, "bob")
    return open_context(db_path, "bob", clock)


async def edit_while_bob_saves(pilot: Pilot[Any], bob: Context) -> tuple[str, CustomerForm]:
    """Open the highlighted customer's form, type a phone and needs; Bob saves a phone and an e-mail meanwhile."""
    app = pilot.app
    await settle(pilot)
    customer_id = main(app).customer_list.highlighted_row.id
    await pilot.press("e")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, CustomerForm)
    form.control("phone").value = "138 1111 2222"
    form.control("needs").text = "Alice: 200 cartons"
    changes = {"phone": "139 9999 0000", "email": "bob@example.com"}
    await asyncio.to_thread(customers.update, bob, customer_id, changes)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return customer_id, form


async def test_both_versions_are_shown_and_the_choice_per_field_is_saved(app: SalesApp, bob: Context) -> None:
    async with app.run_test(size=WIDE) as pilot:
        customer_id, form = await edit_while_bob_saves(pilot, bob)
        screen = app.screen
        assert isinstance(screen, ConflictScreen)
        listed = screen.query_one(ConflictFields)
        by_name = {field.name: field for field in listed.fields}
        assert set(by_name) == {"phone", "email", "needs"}
        assert by_name["phone"].both_changed and not by_name["email"].both_changed
        # Where only one side changed a field, its change is what is saved unless the user says otherwise.
        assert screen.chosen == {"phone": MINE, "email": THEIRS, "needs": MINE}
        text = screen_text(app)
        assert "139 9999 0000" in text and "138 1111 2222" in text and "bob@example.com" in text
        assert "! Phone" in text  # both changed it: marked in words, not only colour
        listed.highlighted = 1 + [field.name for field in listed.fields].index("phone")
        await pilot.press("left")  # their phone after all
        assert screen.chosen["phone"] == THEIRS
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is main(app)
        saved = customers.detail(customer_id)
        assert (saved.phone, saved.email, saved.needs) == ("139 9999 0000", "bob@example.com", "Alice: 200 cartons")


async def test_keep_all_mine_saves_the_form_as_typed(app: SalesApp, bob: Context, seeded: Seeded) -> None:
    async with app.run_test(size=WIDE) as pilot:
        customer_id, _form = await edit_while_bob_saves(pilot, bob)
        opened_email = customers.detail(customer_id).email  # Bob's, now
        assert opened_email == "bob@example.com"
        await pilot.press("m", "ctrl+s")
        await settle(pilot)
        saved = customers.detail(customer_id)
        assert saved.phone == "138 1111 2222" and saved.needs == "Alice: 200 cartons"
        assert saved.email != "bob@example.com"  # the form's (unchanged) e-mail, as the user chose


async def test_keep_all_theirs_then_going_back_keeps_the_form_open(app: SalesApp, bob: Context) -> None:
    async with app.run_test(size=SMALL) as pilot:
        customer_id, form = await edit_while_bob_saves(pilot, bob)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("escape")  # back to the form, as typed
        await settle(pilot)
        assert app.screen is form and form.text("phone") == "138 1111 2222"
        await pilot.press("ctrl+s")  # still onto the old version: the question comes again
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("t", "ctrl+s")
        await settle(pilot)
        assert app.screen is main(app)
        saved = customers.detail(customer_id)
        assert (saved.phone, saved.email) == ("139 9999 0000", "bob@example.com")
        assert saved.needs != "Alice: 200 cartons"
