"""Pilot flows of a profile in full: the contact persons (add, edit, make primary) and the field history."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from salestui.db.connection import database
from salestui.services import contacts, customers
from salestui.services.app_views import CustomerDetail
from salestui.services.context import Context
from salestui.services.specs import CUSTOMER
from salestui.services.verify import verify
from salestui.ui import registry
from salestui.ui.app import SalesApp
from salestui.ui.contacts_screen import ContactList, ContactPersonsScreen
from salestui.ui.forms import ContactPersonForm, CustomerForm
from salestui.ui.history_screen import HistoryList, HistoryScreen
from salestui.ui.main_screen import MainScreen
from salestui.ui.registry import Scope
from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, notes, screen_text, settle
from tests.ui.test_forms import FormHost, save, type_into
from tests.ui.test_profile import profile_text


def ledger_length() -> int:
    count: int = database.execute_sql("SELECT COUNT(*) FROM ledger").fetchone()[0]
    return count


def listed(screen: ContactPersonsScreen) -> list[tuple[str, bool]]:
    return [(person.name, person.is_primary) for person in screen.people]


async def open_contacts(pilot: Pilot[Any]) -> ContactPersonsScreen:
    """Press c on the first customer (Acme Trading Ltd) and wait for its contact persons."""
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ContactPersonsScreen)
    return screen


@pytest.mark.parametrize(
    ("widget", "scope"),
    [(ContactPersonsScreen, Scope.CONTACTS), (HistoryScreen, Scope.HISTORY), (ContactList, Scope.LIST)],
)
def test_each_binding_of_the_new_screens_calls_an_action_they_have(widget: type, scope: Scope) -> None:
    bound = [binding for binding in widget.BINDINGS if isinstance(binding, Binding)]
    assert bound
    for binding in bound:
        assert registry.command(binding.id or "").scope is scope
        assert callable(getattr(widget, f"action_{binding.action.split('(')[0]}", None)), binding.action
    assert HistoryList.BINDINGS == ContactList.BINDINGS


@pytest.mark.parametrize("size", [WIDE, SMALL])
async def test_add_a_contact_person_from_the_keyboard(app: SalesApp, seeded: Seeded, size: tuple[int, int]) -> None:
    acme = seeded.customer_ids["Acme Trading Ltd"]
    async with app.run_test(size=size) as pilot:
        screen = await open_contacts(pilot)
        assert listed(screen) == [("John Moore", True), ("Mary Chen", False)]
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactPersonForm) and form.person is None
        await type_into(pilot, form, "name", "Amy Lee")
        await type_into(pilot, form, "title", "Logistics")
        await type_into(pilot, form, "phone", "abc")
        await save(pilot)
        assert app.screen is form and "digits" in form.error_text("phone")  # refused, the input kept
        await type_into(pilot, form, "phone", "+44 7700 900789")
        await save(pilot)
        await settle(pilot)
        assert app.screen is screen
        assert listed(screen) == [("John Moore", True), ("Mary Chen", False), ("Amy Lee", False)]
        assert screen.current is not None and screen.current.name == "Amy Lee"  # the cursor is on the new one
        assert "Amy Lee" in screen_text(app) and "Logistics" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        shown = profile_text(app)  # the profile read again (at 80x24 it is laid out for a hidden pane: no " · ")
        assert "Contacts (3)" in shown and "Amy Lee" in shown and "+44 7700 900789" in shown
    (amy,) = [person for person in contacts.for_customer(acme) if person.name == "Amy Lee"]
    assert (amy.title, amy.phone, amy.is_primary) == ("Logistics", "+44 7700 900789", False)


async def test_edit_a_contact_person_with_enter_and_with_e(app: SalesApp, seeded: Seeded) -> None:
    mary = contacts.for_customer(seeded.customer_ids["Acme Trading Ltd"])[1]
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_contacts(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactPersonForm) and form.person == mary
        assert form.texts(("name", "email", "title")) == {
            "name": "Mary Chen",
            "email": "mary@acme.example",
            "title": "Accounts",
        }
        await type_into(pilot, form, "title", "Head of accounts")
        await type_into(pilot, form, "note", "Prefers e-mail\nbefore 10:00")
        before = ledger_length()
        await save(pilot)
        await settle(pilot)
        assert app.screen is screen and ledger_length() == before + 1
        assert screen.current is not None and screen.current.title == "Head of accounts"
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactPersonForm)
        await save(pilot)  # nothing changed: nothing written
        await settle(pilot)
        assert app.screen is screen and ledger_length() == before + 1
    changed = contacts.get(mary.id)
    assert (changed.title, changed.note) == ("Head of accounts", "Prefers e-mail\nbefore 10:00")
    assert changed.email == mary.email


async def test_make_a_contact_person_primary(app: SalesApp, seeded: Seeded) -> None:
    acme = seeded.customer_ids["Acme Trading Ltd"]
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_contacts(pilot)
        before = ledger_length()
        await pilot.press("asterisk")  # on John, who is primary already: said, nothing written
        await settle(pilot)
        assert ledger_length() == before
        assert any("already the primary contact person" in note.message for note in notes(app))
        await pilot.press("down", "asterisk")
        await settle(pilot)
        assert listed(screen) == [("Mary Chen", True), ("John Moore", False)]
        assert screen.current is not None and screen.current.name == "Mary Chen"  # the cursor went with her
        assert "★ Mary Chen" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "★ Mary Chen · Accounts" in profile_text(app)
        assert profile_text(app).index("Mary Chen") < profile_text(app).index("John Moore")
    assert [person.name for person in contacts.for_customer(acme) if person.is_primary] == ["Mary Chen"]
    assert verify().ok


async def test_a_customer_without_contact_persons_says_how_to_add_one(app: SalesApp, seeded: Seeded) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"王芳", "enter", "c")
        await settle(pilot)
        assert isinstance(app.screen, ContactPersonsScreen)
        assert "No contact persons yet: press n to add one." in screen_text(app)
        await pilot.press("e", "asterisk")
        await settle(pilot)
        assert isinstance(app.screen, ContactPersonsScreen)
        assert [note.severity for note in notes(app)] == ["warning", "warning"]
        await pilot.press("n", *"王小明", "ctrl+s")
        await settle(pilot)
        assert [(person.name, person.is_primary) for person in app.screen.people] == [("王小明", True)]


async def test_the_field_history_opens_on_h_and_lists_the_changes(app: SalesApp, seeded: Seeded) -> None:
    acme = seeded.customer_ids["Acme Trading Ltd"]
    customers.update(seeded.context, acme, {"time_zone": "Europe/London"})
    contacts.set_primary(seeded.context, contacts.for_customer(acme)[1].id)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        text = screen_text(app)
        assert "Field history: Acme Trading Ltd" in text
        rows = [line for line in text.splitlines() if "2026-11-26" in line]
        assert "alice  Primary contact: John Moore → Mary Chen" in rows[0]
        assert "alice  Time zone: — → Europe/London" in rows[1]
        assert "Payment terms: 30 days after delivery → 60 days after delivery" in text
        assert "Contact person added: John Moore" in text and "Customer added" in text
        assert "— beginning of the record —" in text
        assert isinstance(app.focused, HistoryList) and app.focused.highlighted == 0
        await pilot.press("down")
        assert app.focused.highlighted == 1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


class HistoryHost(App[None]):
    """The field history alone, styled as in the app."""

    CSS_PATH = Path(sys.modules[SalesApp.__module__].__file__ or "").parent / "salestui.tcss"

    def __init__(self, screen: HistoryScreen) -> None:
        super().__init__()
        self.history = screen

    def on_mount(self) -> None:
        self.push_screen(self.history)


async def test_a_long_history_is_read_a_page_at_a_time(seeded: Seeded) -> None:
    context = seeded.context
    customer_id = seeded.customer_ids["李娜"]
    for number in range(30):
        customers.update(context, customer_id, {"tags": f"tag {number:02d}"})
    screen = HistoryScreen(context, customer_id, "李娜", page_size=8)
    async with HistoryHost(screen).run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert len(screen.entries) == 8 and screen.has_more
        assert "Tags: tag 28 → tag 29" in screen_text(pilot.app)
        assert "8+ entries" in screen_text(pilot.app)
        for _page in range(6):
            await pilot.press("end")
            await settle(pilot)
        assert len(screen.entries) == 31 and not screen.has_more  # 30 edits and the customer added
        assert [entry.seq for entry in screen.entries] == sorted((entry.seq for entry in screen.entries), reverse=True)
        assert len({entry.id for entry in screen.entries}) == 31
        assert "— beginning of the record —" in screen_text(pilot.app)
        assert "Customer added" in screen_text(pilot.app)


def sample_texts(detail: CustomerDetail) -> dict[str, str]:
    """A new valid text for every field of the customer spec, unlike what `detail` holds."""
    texts = {
        "name": "Ningbo Ocean Packaging",
        "kind": "company",
        "company": "宁波海洋包装有限公司",
        "phone": "+86 574 8765 4321",
        "email": "buyer@ocean.example",
        "im_handle": "ocean_pack",
        "tier": "vip",
        "status": "dormant",
        "region": "浙江",
        "industry": "Packaging",
        "source": "Canton fair",
        "owner_login": "",
        "credit_limit": "8,000.25",
        "currency": "USD",
        "payment_terms": "50% before shipping",
        "tags": "export",
        "cadence_days": "14",
        "address": "1 Harbour Road\nBeilun, Ningbo",
        "needs": "Corrugated boxes",
        "preferences": "Calls after 14:00",
        "language": "zh_CN",
        "time_zone": "Asia/Shanghai",
    }
    assert set(texts) == set(CUSTOMER)  # a field added to the spec needs a sample here
    return texts


async def test_every_field_of_the_customer_spec_round_trips_through_the_form(seeded: Seeded) -> None:
    context: Context = seeded.context
    detail = customers.detail(seeded.customer_ids["李娜"])
    texts = sample_texts(detail)
    form = CustomerForm(context, detail)
    async with FormHost(form).run_test(size=SMALL) as pilot:
        await pilot.pause()
        for name, text in texts.items():
            assert form.text(name) != text, name
            widget = form.control(name)
            if isinstance(widget, Select):
                widget.value = text
            elif isinstance(widget, Input | TextArea):
                await type_into(pilot, form, name, text)
        await save(pilot)
        assert form.app.results and isinstance(form.app.results[0], CustomerDetail)
    saved = customers.detail(detail.id)
    assert (saved.credit_limit, saved.currency, saved.cadence_days, saved.owner_login) == (800_025, "USD", 14, None)
    reopened = CustomerForm(context, saved)
    async with FormHost(reopened).run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert {name: reopened.text(name) for name in texts} == texts
        before = ledger_length()
        await save(pilot)
        assert ledger_length() == before  # what it opened with is what is stored
    assert verify().ok
