"""The forms follow the field specs: labels with required marks, the spec's choices, and its error texts."""

from __future__ import annotations

import pytest
from textual.widgets import Label, Select

from salestui.services import customers, timeline
from salestui.services.context import Context
from salestui.services.spec import Choice
from salestui.services.specs import CUSTOMER, INTERACTION
from salestui.ui.forms import CustomerForm, FollowUpForm, InteractionForm
from salestui.ui.forms.fields import FormField
from salestui.ui.forms.spec_fields import form_order
from tests.conftest import Seeded
from tests.ui.test_forms import SIZE, FormHost, save, type_into


async def test_a_credit_limit_too_large_is_refused_with_the_bound(context: Context) -> None:
    form = CustomerForm(context, None)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, form, "name", "Huge Co")
        await type_into(pilot, form, "credit_limit", "99999999999999999999999")
        await save(pilot)
        assert form.error_text("credit_limit") == "✖ must be at most 9,000,000,000,000.00"
        assert app.results == [] and customers.count() == 0

        await type_into(pilot, form, "credit_limit", "1e5")
        await save(pilot)
        assert form.error_text("credit_limit") == "✖ not an amount: '1e5'"
        assert customers.count() == 0


async def test_labels_and_required_marks_come_from_the_spec(context: Context) -> None:
    form = CustomerForm(context, None)
    async with FormHost(form).run_test(size=SIZE):
        labels = {row.names[0]: str(row.query_one(".form-label", Label).content) for row in form.query(FormField)}
        assert labels["name"] == "Name *"
        assert labels["company"] == "Company"
        # The spec's order, one-line fields first (the memo language and time zone above the text areas).
        assert list(labels) == [name for name in form_order(CUSTOMER) if name != "currency"]
        assert list(labels)[-3:] == ["address", "needs", "preferences"]
        assert set(labels) == set(CUSTOMER) - {"currency"}


async def test_a_kind_added_to_the_spec_is_offered_and_saved(seeded: Seeded, monkeypatch: pytest.MonkeyPatch) -> None:
    kinds = INTERACTION.choice("kind")
    monkeypatch.setitem(INTERACTION.fields, "kind", Choice({**kinds.values, "video": "Video call"}, label=kinds.label))
    customer_id = seeded.customer_ids["李娜"]
    form = InteractionForm(seeded.context, customer_id, "李娜")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        select = form.control("kind")
        assert isinstance(select, Select)
        select.value = "video"
        await type_into(pilot, form, "summary", "Video call about samples")
        await save(pilot)
        assert app.results and app.results[0].kind == "video"
    assert timeline.page(customer_id)[0].kind == "video"


async def test_a_field_error_goes_when_the_field_changes_and_a_bad_time_says_why_at_once(context: Context) -> None:
    form = CustomerForm(context, None)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, form, "credit_limit", "1e5")
        await save(pilot)
        assert form.error_text("name") and form.error_text("credit_limit")
        await type_into(pilot, form, "credit_limit", "100")
        assert form.error_text("credit_limit") == ""  # what it said was about the old text
        assert form.error_text("name")  # untouched fields keep theirs


async def test_an_unreadable_time_is_explained_under_the_field_while_typing(seeded: Seeded) -> None:
    form = InteractionForm(seeded.context, seeded.customer_ids["张伟"], "张伟")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, form, "occurred_at", "0001-01-01 10:00")
        await pilot.pause()
        note = str(form.query_one("#row-occurred_at .form-note", Label).render())
        assert "0001-01-01 10:00" in note  # says what cannot be used, before any save
        await type_into(pilot, form, "occurred_at", "-2h")
        await pilot.pause()
        assert str(form.query_one("#row-occurred_at .form-note", Label).render()).startswith("→ ")


async def test_a_follow_up_due_in_the_past_is_pointed_out_as_it_is_typed(seeded: Seeded) -> None:
    """'03/04' in December reads as last March: the note under the field says so before anything is saved."""
    form = FollowUpForm(seeded.context, seeded.customer_ids["张伟"], "张伟")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, form, "due_at", "03/04")
        await pilot.pause()
        note = str(form.query_one("#row-due_at .form-note", Label).render())
        assert "2026-03-04 09:00" in note and "in the past" in note
        await type_into(pilot, form, "due_at", "tomorrow 10:00")
        await pilot.pause()
        assert "in the past" not in str(form.query_one("#row-due_at .form-note", Label).render())
