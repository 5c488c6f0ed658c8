"""Pilot flows of the interaction form's templates: the kind's fields, required marks and errors under them, a
kind change that keeps what was typed, a field the config file adds, and the next follow-up saved with the log."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Label, Select

from salestui import config
from salestui.db.connection import database
from salestui.services import followups, timeline
from salestui.services.verify import verify
from salestui.ui.app import SalesApp
from salestui.ui.forms import InteractionForm
from tests.conftest import SHANGHAI, Seeded
from tests.ui.conftest import WIDE, first_entry_text, main, settle
from tests.ui.test_forms import FormHost, save, type_into

SIZE = (80, 24)


def count(table: str) -> int:
    return int(database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def label_text(form: InteractionForm, name: str) -> str:
    return str(form.query_one(f"#row-{name} .form-label", Label).content)


def rows(form: InteractionForm) -> list[str]:
    return [str(row.id).removeprefix("row-") for row in form.query("#template-fields > FormField")]


async def test_log_a_call_with_its_template_and_the_next_follow_up(app: SalesApp, seeded: Seeded) -> None:
    customer_id = seeded.customer_ids["张伟"]
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("slash", *"zhangwei", "enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InteractionForm)
        assert rows(form) == ["contact_person", "purpose", "outcome", "next_step"]
        contact = form.control("contact_person")
        assert isinstance(contact, Select)
        contact.focus()
        await pilot.press("enter", "down", "enter")  # open the pick, move to 周敏, take her
        await pilot.pause()
        assert contact.selection is not None and form.text("contact_person") != ""
        await type_into(pilot, form, "summary", "Price call")
        await type_into(pilot, form, "purpose", "the 2027 prices")
        await type_into(pilot, form, "outcome", "they accept +3%")
        await type_into(pilot, form, "next_step", "send the quote")
        await type_into(pilot, form, "follow_up_due", "+3d")
        await type_into(pilot, form, "follow_up_title", "Send the 2027 quote")
        await pilot.pause()
        assert str(form._fields["follow_up_due"].query_one(".form-note", Label).content) == "→ 2026-11-29 09:30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        top = first_entry_text(screen)
        assert "Price call" in top and "Contact person: 周敏 · Purpose: the 2027 prices" in top
        assert "Outcome: they accept +3%" in top and "Next step: send the quote" in top
    saved = timeline.page(customer_id, limit=1)[0]
    assert (saved.contact_name, saved.outcome, saved.next_step) == ("周敏", "they accept +3%", "send the quote")
    planned = [item for item in followups.for_customer(customer_id) if item.title == "Send the 2027 quote"]
    assert len(planned) == 1 and planned[0].due_at == datetime(2026, 11, 29, 9, 30, tzinfo=SHANGHAI)
    assert verify().ok


async def test_changing_the_kind_changes_the_fields_and_keeps_shared_ones(seeded: Seeded) -> None:
    form = InteractionForm(seeded.context, seeded.customer_ids["Acme Trading Ltd"], "Acme Trading Ltd", kind="visit")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert rows(form) == ["place", "attendees", "outcome"]
        await type_into(pilot, form, "place", "Felixstowe")
        await type_into(pilot, form, "attendees", "John Moore, Mary Chen")
        await type_into(pilot, form, "outcome", "samples approved")
        await type_into(pilot, form, "body", "Walked the warehouse.")
        form.query_one("#field-kind", Select).value = "meeting"
        await settle(pilot)
        assert rows(form) == ["attendees", "agenda", "decisions"]
        assert form.text("attendees") == "John Moore, Mary Chen" and form.text("body") == "Walked the warehouse."
        form.query_one("#field-kind", Select).value = "call"
        await settle(pilot)
        assert rows(form) == ["contact_person", "purpose", "outcome", "next_step"]
        assert form.text("outcome") == ""  # the meeting had no outcome: what the visit had went with it
        form.query_one("#field-kind", Select).value = "im"
        await settle(pilot)
        assert rows(form) == ["channel", "handle"] and label_text(form, "body") == "Pasted text"
        form.query_one("#field-kind", Select).value = "visit"
        await settle(pilot)
        assert label_text(form, "body") == "Details" and form.text("place") == ""


async def test_required_template_fields_are_marked_and_their_errors_shown_under_them(seeded: Seeded) -> None:
    customer_id = seeded.customer_ids["陈杰"]
    form = InteractionForm(seeded.context, customer_id, "陈杰", kind="complaint")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert label_text(form, "severity") == "Severity *" and label_text(form, "issue") == "Issue"
        before = count("interaction"), count("ledger")
        await type_into(pilot, form, "summary", "Boxes crushed")
        await save(pilot)
        assert form.error_text("severity") == "✖ required" and app.results == []
        assert app.focused is form.control("severity")
        form.query_one("#field-kind", Select).value = "feedback"
        await settle(pilot)
        await type_into(pilot, form, "score", "9")
        await save(pilot)
        assert form.error_text("score") == "✖ a whole number from 1 to 5"
        form.query_one("#field-scale", Select).value = "10"
        await save(pilot)
        assert (count("interaction"), count("ledger")) == (before[0] + 1, before[1] + 1)
    saved = app.results[0]
    assert (saved.kind, saved.fields) == ("feedback", '{"scale":"10","score":"9"}')


async def test_a_follow_up_without_its_title_is_refused_with_the_log(seeded: Seeded) -> None:
    customer_id = seeded.customer_ids["李娜"]
    form = InteractionForm(seeded.context, customer_id, "李娜", kind="note")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = count("interaction"), count("follow_up")
        await type_into(pilot, form, "summary", "Reminder to self")
        await type_into(pilot, form, "follow_up_title", "Call back")
        await save(pilot)
        assert form.error_text("follow_up_due") == "✖ required"
        await type_into(pilot, form, "follow_up_due", "next blursday")
        await type_into(pilot, form, "summary", "")
        await save(pilot)
        assert "cannot read 'next blursday'" in form.error_text("follow_up_due")
        assert form.error_text("summary") == "✖ required"  # every problem at once
        await type_into(pilot, form, "follow_up_due", "tomorrow 10:00")
        await type_into(pilot, form, "follow_up_title", "")
        await type_into(pilot, form, "summary", "Reminder to self")
        await save(pilot)
        assert form.error_text("follow_up_title") == "✖ required"  # the service's 'follow_up.title'
        assert (count("interaction"), count("follow_up")) == before
        await type_into(pilot, form, "follow_up_title", "Call back")
        await save(pilot)
    assert app.results and count("follow_up") == before[1] + 1
    due = [item.due_at for item in followups.for_customer(customer_id) if item.title == "Call back"]
    assert due == [datetime(2026, 11, 27, 10, 0, tzinfo=SHANGHAI)]


async def test_a_field_the_config_adds_is_required_by_the_form(seeded: Seeded, no_user_config: Path) -> None:
    no_user_config.write_text(
        '[templates.call]\nrequired = ["purpose"]\n'
        'extra = [{key = "budget", label = "Budget", label_zh_CN = "预算", type = "number", required = true}]\n',
        "utf-8",
    )
    config.load()
    customer_id = seeded.customer_ids["王芳"]
    form = InteractionForm(seeded.context, customer_id, "王芳")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert rows(form) == ["contact_person", "purpose", "outcome", "next_step", "budget"]
        assert label_text(form, "budget") == "Budget *" and label_text(form, "purpose") == "Purpose *"
        await type_into(pilot, form, "summary", "Budget call")
        await save(pilot)
        assert form.error_text("budget") == "✖ required" and form.error_text("purpose") == "✖ required"
        await type_into(pilot, form, "purpose", "their budget")
        await type_into(pilot, form, "budget", "12000")
        await save(pilot)
    assert app.results[0].fields == '{"budget":"12000","purpose":"their budget"}'
    assert timeline.page(customer_id, limit=1)[0].occurred_at == seeded.context.clock.now()


async def test_an_unsaved_kind_change_asks_before_closing(seeded: Seeded) -> None:
    form = InteractionForm(seeded.context, seeded.customer_ids["张伟"], "张伟")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not form.changed  # the contact persons arriving change nothing
        form.query_one("#field-kind", Select).value = "email"
        await settle(pilot)
        assert form.changed
        form.query_one("#field-kind", Select).value = "call"
        await settle(pilot)
        assert not form.changed


async def test_a_follow_up_time_in_the_past_is_pointed_out_but_the_contact_time_is_not(seeded: Seeded) -> None:
    form = InteractionForm(seeded.context, seeded.customer_ids["张伟"], "张伟")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert str(form._fields["follow_up_due"].query_one(".form-note", Label).content) == ""
        await type_into(pilot, form, "follow_up_due", "-1d")
        await type_into(pilot, form, "occurred_at", "-1d")
        await pilot.pause()
        note = str(form._fields["follow_up_due"].query_one(".form-note", Label).content)
        assert note == "→ 2026-11-25 09:30 · in the past: it will be overdue at once"
        assert str(form._fields["occurred_at"].query_one(".form-note", Label).content) == "→ 2026-11-25 09:30"
