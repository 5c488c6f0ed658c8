"""A morning queue of 20 follow-ups cleared with keys only: done with the outcome and the next one planned,
snoozed, reassigned; and the edit form's repeat presets in words."""

from __future__ import annotations

from datetime import timedelta

from salestui.services import customers, followups, reps, timeline
from salestui.services.context import Context
from salestui.ui.forms import CompleteForm, EditFollowUpForm, ReassignForm, SnoozeForm
from tests.ui.conftest import WIDE, build_app, main, screen_text, settle


def morning(context: Context, count: int = 20) -> list[str]:
    """`count` follow-ups due before the end of today, half of them calls, and a second rep to give some to."""
    rep = reps.add(context, "bob", "Bob Li")
    assert rep.login == "bob"
    now = context.clock.now()
    made = []
    for number in range(count):
        customer = customers.create(context, {"name": f"Customer {number:02d}", "phone": f"139 0000 {number:04d}"})
        raw = {
            "title": f"Task {number:02d}",
            "kind": "call" if number % 2 else "",
            "due_at": now - timedelta(hours=count - number) if number < 10 else now + timedelta(minutes=number),
        }
        made.append(followups.create(context, customer.id, raw).id)
    return made


def due_today(context: Context) -> list[str]:
    queue = followups.queue(context)
    return [item.title for item in (*queue.overdue, *queue.today)]


async def test_a_morning_queue_of_20_is_cleared_with_keys_only(context: Context) -> None:
    made = morning(context)
    app = build_app(context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("tab", "tab")
        assert app.focused is screen.follow_ups
        done = snoozed = given = 0
        for step in range(len(made)):
            current = screen.follow_ups.selected
            assert current is not None and current.title in due_today(context)
            if step % 4 == 3:
                await pilot.press("s")
                await settle(pilot)
                assert isinstance(app.screen, SnoozeForm)
                await pilot.press("3")  # tomorrow morning
                snoozed += 1
            elif step % 4 == 2:
                await pilot.press("R")
                await settle(pilot)
                assert isinstance(app.screen, ReassignForm)
                await pilot.press("enter")  # the first other rep: bob
                given += 1
            else:
                await pilot.press("x")
                await settle(pilot)
                form = app.screen
                assert isinstance(form, CompleteForm)
                assert form.text("next_title") == current.title and form.text("next_due") == "+1w"
                await pilot.press(*f"Outcome {step}", "ctrl+s")
                done += 1
            await settle(pilot)
            assert app.screen is screen, f"step {step}: {screen_text(app)}"
        assert due_today(context) == []
        assert (done, snoozed, given) == (10, 5, 5)
        assert "0 overdue · 0 today" in screen_text(app)
    upcoming = followups.queue(context).upcoming
    assert sum(item.title.startswith("Task") for item in upcoming) == done + snoozed  # planned next ones, snoozed
    bob = Context(path=context.path, clock=context.clock, device=context.device)
    bob.rep_id = reps.sign_in(bob, "bob").id
    assert len(due_today(bob)) == given
    logged = [entry for follow_up_id in made for entry in timeline.page(followups.get(follow_up_id).customer_id)]
    assert sorted(entry.kind for entry in logged) == ["call"] * 5 + ["note"] * 5
    assert all(entry.summary.startswith("Outcome ") for entry in logged)


async def test_an_unclear_snooze_phrase_asks_and_a_clear_one_saves(context: Context) -> None:
    [follow_up_id] = morning(context, 1)
    app = build_app(context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SnoozeForm)
        await pilot.press("5")  # Other…: the phrase is asked for
        await settle(pilot)
        assert "type when" in form.error_text("phrase") and app.focused is form.control("phrase")
        await pilot.press(*"03/04")
        await settle(pilot)
        assert "?" in screen_text(app)  # the question the phrase reader asks
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form and followups.get(follow_up_id).snoozed_until is None
        form.control("phrase").value = ""
        await pilot.press(*"明天下午3点", "enter")
        await settle(pilot)
        assert app.screen is not form
    snoozed = followups.get(follow_up_id).snoozed_until
    assert snoozed is not None and context.clock.local(snoozed).strftime("%m-%d %H:%M") == "11-27 15:00"


async def test_edit_shows_the_repeat_in_words_and_saves_the_preset(context: Context) -> None:
    [follow_up_id] = morning(context, 1)
    app = build_app(context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "E")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditFollowUpForm)
        form.control("repeat").value = "weeks"
        form.control("repeat_number").value = "2"
        await settle(pilot)
        assert "every 2 weeks on Thursday" in screen_text(app)
        form.control("title").focus()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is main(app)
    assert followups.get(follow_up_id).rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"


async def test_the_repeat_row_shows_only_what_the_preset_asks_for(context: Context) -> None:
    morning(context, 1)
    app = build_app(context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "E")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EditFollowUpForm)
        shown = {}
        for code in ("none", "days", "weeks", "month_day", "month_last"):
            form.control("repeat").value = code
            await settle(pilot)
            shown[code] = (form.control("repeat_number").display, form.control("repeat_weekday").display)
        assert shown == {
            "none": (False, False),
            "days": (True, False),
            "weeks": (True, True),
            "month_day": (True, False),
            "month_last": (False, True),
        }
        form.control("repeat").value = "month_day"
        form.control("repeat_number").value = "40"
        await settle(pilot)
        assert "N must be a whole number (1–31)" in screen_text(app)
