"""Escape on a form: a changed form asks "Discard your changes?" (y discards, n or escape goes back); an unchanged one
closes at once. Nothing is saved either way."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, Select

from salestui.db.connection import database
from salestui.services import customers, followups
from salestui.ui.confirm import ConfirmScreen
from salestui.ui.forms import CompleteForm, CustomerForm, FollowUpForm, InteractionForm, SnoozeForm
from tests.conftest import Seeded
from tests.ui.conftest import screen_text
from tests.ui.test_forms import SIZE, FormHost


@pytest.mark.parametrize(
    "make_form",
    [
        lambda s: CustomerForm(s.context, None),
        lambda s: CustomerForm(s.context, customers.detail(s.customer_ids["张伟"])),
        lambda s: InteractionForm(s.context, s.customer_ids["张伟"], "张伟"),
        lambda s: FollowUpForm(s.context, s.customer_ids["张伟"], "张伟"),
        lambda s: SnoozeForm(s.context, followups.get(s.follow_up_ids["Send samples"])),
        lambda s: CompleteForm(s.context, followups.get(s.follow_up_ids["Send samples"])),
    ],
    ids=["new-customer", "edit-customer", "interaction", "follow-up", "snooze", "complete"],
)
async def test_escape_asks_before_discarding_changes_and_saves_nothing(seeded: Seeded, make_form: Any) -> None:
    ledger_before = database.execute_sql("SELECT COUNT(*) FROM ledger").fetchone()[0]
    form = make_form(seeded)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        typed_into = next(iter(form.query(Input)))
        typed_into.focus()
        await pilot.pause()
        await pilot.press("end", "x", "y")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard your changes?" in screen_text(app)
        await pilot.press("n")  # keep editing: the form is back as it was
        await pilot.pause()
        assert app.screen is form and app.results == []
        assert typed_into.value.endswith("xy")
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.results == [None]
        assert app.screen is not form
        assert app.query_one("#main-draft", Input).value == "draft on the main screen"
    assert database.execute_sql("SELECT COUNT(*) FROM ledger").fetchone()[0] == ledger_before


@pytest.mark.parametrize(
    "make_form",
    [
        lambda s: CustomerForm(s.context, None),
        lambda s: CustomerForm(s.context, customers.detail(s.customer_ids["张伟"])),
        lambda s: InteractionForm(s.context, s.customer_ids["张伟"], "张伟"),
        lambda s: SnoozeForm(s.context, followups.get(s.follow_up_ids["Send samples"])),
    ],
    ids=["new-customer", "edit-customer", "interaction", "snooze"],
)
async def test_escape_closes_an_unchanged_form_at_once(seeded: Seeded, make_form: Any) -> None:
    form = make_form(seeded)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "escape")  # moving between fields changes nothing
        await pilot.pause()
        assert app.results == [None]
        assert app.screen is not form


async def test_a_changed_choice_also_asks_and_escape_on_the_question_keeps_the_form(seeded: Seeded) -> None:
    form = InteractionForm(seeded.context, seeded.customer_ids["张伟"], "张伟")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        form.query_one("#field-kind", Select).value = "visit"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # escape on the question means no
        await pilot.pause()
        assert app.screen is form and app.results == []
        assert form.text("kind") == "visit"
