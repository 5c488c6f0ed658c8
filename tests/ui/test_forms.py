"""Pilot tests of the modal forms: saving, inline validation that keeps the input, escape, and failures."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from salestui.db.connection import database
from salestui.db.models import FollowUp
from salestui.services import customers, followups, timeline
from salestui.services.app_views import CustomerDetail, FollowUpView
from salestui.services.context import Context
from salestui.services.views import InteractionView
from salestui.ui.forms import CompleteForm, CustomerForm, FollowUpForm, InteractionForm, SnoozeForm
from salestui.ui.forms.base import FormScreen
from tests.conftest import SHANGHAI, Seeded
from tests.ui.conftest import notes, record_notes

SIZE = (80, 24)


class FormHost(App[None]):
    """A stand-in for the main screen: a draft in an input, and a form pushed over it whose result is kept."""

    def __init__(self, form: FormScreen[Any]) -> None:
        super().__init__()
        self.form = form
        self.results: list[Any] = []
        record_notes(self)

    def compose(self) -> ComposeResult:
        yield Input("draft on the main screen", id="main-draft")

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


async def type_into(pilot: Pilot[Any], form: FormScreen[Any], name: str, text: str) -> None:
    """Empty the field, focus it and type `text` key by key."""
    widget = form.control(name)
    if isinstance(widget, Input):
        widget.value = ""
    elif isinstance(widget, TextArea):
        widget.text = ""
    widget.focus()
    await pilot.pause()
    await pilot.press(*["enter" if char == "\n" else char for char in text])


async def save(pilot: Pilot[Any], key: str = "ctrl+s") -> None:
    await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def ledger_events(entity_id: str) -> list[dict[str, Any]]:
    rows = database.execute_sql("SELECT op, data FROM ledger WHERE entity_id = ? ORDER BY seq", (entity_id,))
    return [{"op": op, "data": json.loads(data)} for op, data in rows]


async def test_new_customer_is_saved_with_what_was_typed(context: Context) -> None:
    form = CustomerForm(context, None)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        assert form.text("owner_login") == "alice"  # a new customer is the current rep's by default
        await type_into(pilot, form, "name", "周敏 Zhou Min")
        await type_into(pilot, form, "company", "Hangzhou Tea Co")
        await type_into(pilot, form, "phone", "+86 138 1111 2222")
        await type_into(pilot, form, "email", "zhou@tea.example")
        await type_into(pilot, form, "credit_limit", "12,000.50")
        await type_into(pilot, form, "cadence_days", "21")
        await type_into(pilot, form, "needs", "Green tea, 200 kg a month")
        form.query_one("#field-tier", Select).value = "vip"
        await save(pilot)
        assert len(app.results) == 1
        assert app.screen is not form
    saved = app.results[0]
    assert isinstance(saved, CustomerDetail)
    assert (saved.name, saved.company, saved.phone, saved.email) == (
        "周敏 Zhou Min",
        "Hangzhou Tea Co",
        "+86 138 1111 2222",
        "zhou@tea.example",
    )
    assert (saved.credit_limit, saved.currency, saved.cadence_days, saved.tier) == (1_200_050, "CNY", 21, "vip")
    assert saved.needs == "Green tea, 200 kg a month"
    assert saved.owner_login == "alice"
    assert customers.detail(saved.id) == saved
    assert customers.count() == 1


async def test_invalid_customer_saves_nothing_and_keeps_the_input(seeded: Seeded) -> None:
    context = seeded.context
    before = customers.count()
    form = CustomerForm(context, None)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, form, "phone", "abc")
        await type_into(pilot, form, "email", "not an address")
        await type_into(pilot, form, "credit_limit", "lots")
        await save(pilot)

        assert customers.count() == before
        assert app.results == []
        assert app.screen is form
        assert "required" in form.error_text("name")
        assert "digits" in form.error_text("phone")
        assert "not an e-mail address" in form.error_text("email")
        assert "not an amount" in form.error_text("credit_limit")
        assert form.error_text("company") == ""
        for name in ("name", "phone", "email"):
            assert form.error_text(name).startswith("✖ ")  # readable without colour
            assert form.control(name).has_class("-error")  # the red border
        assert form.text("phone") == "abc"
        assert form.text("email") == "not an address"
        assert form.text("credit_limit") == "lots"
        assert app.focused is form.control("name")

        await type_into(pilot, form, "name", "Fixed Name")
        await type_into(pilot, form, "phone", "0571 8888 9999")
        await type_into(pilot, form, "email", "fixed@example.com")
        await type_into(pilot, form, "credit_limit", "800")
        await save(pilot)

    assert customers.count() == before + 1
    saved = app.results[0]
    assert (saved.name, saved.phone, saved.email, saved.credit_limit) == (
        "Fixed Name",
        "0571 8888 9999",
        "fixed@example.com",
        80_000,
    )


async def test_owner_must_be_a_rep_and_blank_means_the_public_pool(context: Context) -> None:
    form = CustomerForm(context, None)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, form, "name", "Pool Customer")
        await type_into(pilot, form, "owner_login", "nobody")
        await save(pilot)
        assert "no rep with login 'nobody'" in form.error_text("owner_login")
        assert customers.count() == 0

        await type_into(pilot, form, "owner_login", "")
        await save(pilot)
    assert app.results[0].owner_login is None


async def test_edit_customer_sends_only_the_changed_fields(seeded: Seeded, monkeypatch: pytest.MonkeyPatch) -> None:
    context = seeded.context
    customer_id = seeded.customer_ids["张伟"]
    original = customers.detail(customer_id)
    sent: list[dict[str, Any]] = []
    real_update = customers.update

    def spy(context: Context, customer_id: str, raw: dict[str, Any], **options: Any) -> CustomerDetail:
        sent.append(raw)
        assert options == {"opened_version": original.version}  # saved onto the version the form opened
        return real_update(context, customer_id, raw, **options)

    monkeypatch.setattr(customers, "update", spy)
    context.clock.advance(timedelta(hours=1))
    form = CustomerForm(context, original)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        assert form.text("name") == "张伟"
        assert form.text("tier") == "vip"
        await type_into(pilot, form, "phone", "138 0013 9999")
        await save(pilot)

    assert sent == [{"phone": "138 0013 9999"}]
    saved = app.results[0]
    assert saved.phone == "138 0013 9999"
    assert (saved.name, saved.company, saved.tier, saved.status) == (
        original.name,
        original.company,
        original.tier,
        original.status,
    )
    events = ledger_events(customer_id)
    assert [event["op"] for event in events] == ["create", "update"]
    changed = {key for key, value in events[1]["data"].items() if events[0]["data"].get(key) != value}
    assert changed == {"phone", "search_text", "updated_at", "hlc"}  # the phone digits are searchable


async def test_edit_without_changes_writes_nothing(seeded: Seeded) -> None:
    customer_id = seeded.customer_ids["Acme Trading Ltd"]
    events_before = ledger_events(customer_id)
    form = CustomerForm(seeded.context, customers.detail(customer_id))
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await save(pilot)
    assert app.results[0].id == customer_id
    assert ledger_events(customer_id) == events_before


async def test_credit_limit_is_read_in_the_customers_currency(seeded: Seeded) -> None:
    customer_id = seeded.customer_ids["李娜"]
    customers.update(seeded.context, customer_id, {"currency": "JPY", "credit_limit": 1_000})
    form = CustomerForm(seeded.context, customers.detail(customer_id))
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        assert form.text("credit_limit") == "1,000"
        await type_into(pilot, form, "credit_limit", "50,000")  # only the amount changes
        await save(pilot)
    saved = customers.detail(customer_id)
    assert (saved.credit_limit, saved.currency) == (50_000, "JPY")  # yen have no minor unit

    form = CustomerForm(seeded.context, saved)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        form.query_one("#field-currency", Select).value = "USD"  # only the currency changes
        await save(pilot)
    assert customers.detail(customer_id).credit_limit == 5_000_000  # 50,000.00 dollars in cents


async def test_edit_form_title_shows_markup_in_a_name_literally(seeded: Seeded) -> None:
    name = "Wang [bold]Fang[/]"
    form = CustomerForm(seeded.context, customers.detail(seeded.customer_ids[name]))
    async with FormHost(form).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(form.query_one("#form-title").content) == f"Edit customer: {name}"
        assert form.text("name") == name


async def test_interaction_is_saved_at_the_typed_time_with_markup_kept_literally(seeded: Seeded) -> None:
    context = seeded.context
    customer_id = seeded.customer_ids["王芳"]
    form = InteractionForm(context, customer_id, "王芳")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        assert form.text("occurred_at") == "now"
        await type_into(pilot, form, "occurred_at", "-2h")
        await pilot.pause()
        assert form._fields["occurred_at"].query_one(".form-note").content == "→ 2026-11-26 07:30"
        form.query_one("#field-kind", Select).value = "visit"
        await type_into(pilot, form, "body", "Walked the site.\nThey want samples.")
        await type_into(pilot, form, "summary", "[red]x[/]")
        await save(pilot, "enter")  # enter in a one-line input submits too

    saved = app.results[0]
    assert isinstance(saved, InteractionView)
    assert saved.occurred_at == context.clock.now() - timedelta(hours=2)
    assert (saved.kind, saved.direction, saved.summary) == ("visit", "out", "[red]x[/]")
    assert saved.body == "Walked the site.\nThey want samples."
    assert timeline.page(customer_id)[0] == saved


async def test_unreadable_time_is_shown_under_its_field_and_nothing_is_saved(seeded: Seeded) -> None:
    customer_id = seeded.customer_ids["张伟"]
    before = len(timeline.page(customer_id))
    form = InteractionForm(seeded.context, customer_id, "张伟")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, form, "occurred_at", "next blursday")
        await save(pilot)

        assert len(timeline.page(customer_id)) == before
        assert app.screen is form and app.results == []
        assert "cannot read 'next blursday' as a time" in form.error_text("occurred_at")
        assert form.error_text("summary") == "✖ required"  # every problem shows at once
        assert form.text("occurred_at") == "next blursday"
        assert app.focused is form.control("occurred_at")

        await type_into(pilot, form, "occurred_at", "yesterday 15:00")
        await type_into(pilot, form, "summary", "Called back")
        await save(pilot)

    assert app.results[0].occurred_at == datetime(2026, 11, 25, 15, 0, tzinfo=SHANGHAI)
    assert len(timeline.page(customer_id)) == before + 1


async def test_follow_up_created_snoozed_and_completed_comes_back_weekly(seeded: Seeded) -> None:
    context = seeded.context
    customer_id = seeded.customer_ids["陈杰"]

    create = FollowUpForm(context, customer_id, "陈杰")
    app = FormHost(create)
    async with app.run_test(size=SIZE) as pilot:
        assert create.text("due_at") == "tomorrow 09:00"
        await type_into(pilot, create, "title", "Weekly stock check")
        create.query_one("#field-priority", Select).value = "high"
        create.query_one("#field-rrule", Select).value = "weekly"
        await save(pilot)
    created = app.results[0]
    assert isinstance(created, FollowUpView)
    assert (created.title, created.priority, created.rrule) == ("Weekly stock check", "high", "FREQ=WEEKLY")
    assert created.due_at == datetime(2026, 11, 27, 9, 0, tzinfo=SHANGHAI)

    snooze = SnoozeForm(context, created)
    app = FormHost(snooze)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert snooze.picked == "morning"  # enter snoozes until tomorrow morning
        await pilot.press("down", "down", "up")
        assert snooze.picked == "next_week"
        await save(pilot, "enter")
    snoozed = app.results[0]
    assert snoozed.queue_at == datetime(2026, 11, 30, 9, 0, tzinfo=SHANGHAI)
    assert snoozed.due_at == created.due_at
    assert followups.get(created.id).queue_at == snoozed.queue_at

    complete = CompleteForm(context, snoozed)
    app = FormHost(complete)
    async with app.run_test(size=SIZE) as pilot:
        assert not complete.query("#field-next_due")  # a series plans its next one itself
        await type_into(pilot, complete, "outcome", "Stock fine; reorder in May")
        await save(pilot)
    assert app.results == [True]
    done = FollowUp.get_by_id(created.id)
    assert (done.status, done.outcome) == ("done", "Stock fine; reorder in May")
    [again] = [item for item in followups.for_customer(customer_id) if item.title == "Weekly stock check"]
    assert again.id != created.id
    assert again.due_at == datetime(2026, 12, 4, 9, 0, tzinfo=SHANGHAI)


async def test_snooze_other_time_is_checked(seeded: Seeded) -> None:
    follow_up = followups.get(seeded.follow_up_ids["Send samples"])
    form = SnoozeForm(seeded.context, follow_up)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "type when" in form.error_text("phrase")

        await type_into(pilot, form, "phrase", "today 8am")
        await save(pilot, "enter")
        assert form.error_text("phrase")
        assert followups.get(follow_up.id).snoozed_until is None

        await type_into(pilot, form, "phrase", "+2h")
        await save(pilot, "enter")
    assert app.results[0].queue_at == datetime(2026, 11, 26, 11, 30, tzinfo=SHANGHAI)


async def test_typing_an_other_snooze_time_picks_other(seeded: Seeded) -> None:
    follow_up = followups.get(seeded.follow_up_ids["Send samples"])
    form = SnoozeForm(seeded.context, follow_up)
    async with FormHost(form).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert form.picked == "morning"
        await type_into(pilot, form, "phrase", "+2h")
        await pilot.pause()
        assert form.picked == "other"


async def test_an_error_without_its_own_field_shows_above_the_form(seeded: Seeded) -> None:
    context = seeded.context
    follow_up = followups.get(seeded.follow_up_ids["Send samples"])
    followups.complete(context, follow_up.id)
    form = CompleteForm(context, follow_up)
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await save(pilot)
        assert app.screen is form and app.results == []
        problems = form.query_one("#form-problems")
        assert problems.display
        assert "already done" in str(problems.content)


async def test_a_failure_is_notified_and_the_form_stays_open(seeded: Seeded) -> None:
    form = InteractionForm(seeded.context, "no-such-customer", "Ghost")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, form, "summary", "Hello?")
        await save(pilot)
        assert app.screen is form and app.results == []
        assert form.text("summary") == "Hello?"
        assert [n.severity for n in notes(app)] == ["error"]
        assert "no longer exists" in next(iter(notes(app))).message


async def test_the_last_field_can_be_reached_and_seen_at_80x24(context: Context) -> None:
    form = CustomerForm(context, None)
    async with FormHost(form).run_test(size=SIZE) as pilot:
        last = form.control("preferences")
        for _press in range(40):
            if pilot.app.focused is last:
                break
            await pilot.press("tab")
        assert pilot.app.focused is last
        await pilot.pause()
        body = form.query_one("#form-body")
        assert body.scroll_y > 0
        assert body.region.contains_region(last.region)


@pytest.mark.parametrize(("size", "compact"), [((80, 24), True), ((120, 40), False)])
async def test_inputs_drop_their_borders_on_a_short_terminal(context: Context, size, compact) -> None:
    form = CustomerForm(context, None)
    async with FormHost(form).run_test(size=size) as pilot:
        await pilot.pause()
        assert form.has_class("-compact") is compact
        assert form.control("name").compact is compact
        assert form.control("name").region.height == (1 if compact else 3)
        # The label stands on the same line as its input either way.
        label = form.query_one("#row-name .form-label")
        assert label.content_region.y == form.control("name").content_region.y
