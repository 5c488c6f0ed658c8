"""Done with the outcome on the timeline, snooze choices, reschedule, reassign and editing a series."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

import pytest

from salestui.clock import FrozenClock
from salestui.db.connection import database
from salestui.services import cadence_defaults, follow_up_changes, followups, reps, snooze_choices, templates, timeline
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.verify import verify
from tests.conftest import SHANGHAI, Seeded


def count(table: str) -> int:
    return database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def written() -> tuple[int, int, int]:
    return count("ledger"), count("interaction"), count("follow_up")


def plan(seeded: Seeded, title: str, kind: str = "", rule: str = "", days: int = 0) -> str:
    context = seeded.context
    raw = {"title": title, "kind": kind, "rrule": rule, "due_at": context.clock.now() + timedelta(days=days)}
    return followups.create(context, seeded.customer_ids["李娜"], raw).id


def as_rep(seeded: Seeded, login: str) -> Context:
    other = Context(path=seeded.context.path, clock=seeded.context.clock, device=seeded.context.device)
    rep = reps.sign_in(other, login, enroll=True)
    other.rep_id, other.rep_login = rep.id, rep.login
    return other


# Done ------------------------------------------------------------------------------------------------------


def test_a_call_follow_up_done_becomes_a_call_with_the_outcome_and_template_fields(seeded: Seeded) -> None:
    context = seeded.context
    call = plan(seeded, "Call about 2027 prices", kind="call")
    done = follow_up_changes.complete(context, call, "Agreed 3% off", {"purpose": "2027 prices"})
    entry = done.interaction
    assert (entry.kind, entry.summary, entry.occurred_at) == ("call", "Agreed 3% off", context.clock.now())
    assert templates.read_fields(entry.fields) == {"purpose": "2027 prices"}
    assert timeline.page(seeded.customer_ids["李娜"])[0].id == entry.id
    assert followups.get(call).status == "done" and done.next is None


def test_a_kind_less_follow_up_done_becomes_a_note_and_a_long_outcome_its_details(seeded: Seeded) -> None:
    todo = plan(seeded, "Check the order")
    entry = follow_up_changes.complete(seeded.context, todo, "All fine\nThey reorder in May").interaction
    assert (entry.kind, entry.summary, entry.body) == ("note", "All fine", "All fine\nThey reorder in May")


def test_a_required_template_field_is_asked_for_and_nothing_is_written(seeded: Seeded) -> None:
    templates.use({"call": templates.Template("call", (templates._text("purpose", "Purpose", required=True),))})
    call = plan(seeded, "Call", kind="call")
    before = written()
    with pytest.raises(ValidationError) as caught:
        follow_up_changes.complete(seeded.context, call, "Talked")
    assert caught.value.errors == {"purpose": "required"}
    assert written() == before and followups.get(call).status == "open"


@pytest.mark.parametrize(
    ("outcome", "next_follow_up", "field"),
    [
        ("", None, "outcome"),
        ("bad\x00outcome", None, "outcome"),
        ("x" * 501, None, "outcome"),
        ("Fine", {"title": "", "due_at": None}, "next.title"),
        ("Fine", {"title": "Again", "due_at": datetime(2026, 12, 1, 10)}, "next.due_at"),
    ],
)
def test_a_bad_outcome_or_next_plan_writes_nothing(seeded: Seeded, outcome, next_follow_up, field) -> None:
    todo = plan(seeded, "Check the order")
    before = written()
    with pytest.raises(ValidationError) as caught:
        follow_up_changes.complete(seeded.context, todo, outcome, next_follow_up=next_follow_up)
    assert field in caught.value.errors
    assert written() == before and followups.get(todo).status == "open"


def test_done_and_the_planned_next_land_in_one_transaction(seeded: Seeded) -> None:
    context = seeded.context
    call = plan(seeded, "Call about samples", kind="call")
    due = context.clock.now() + timedelta(days=3)
    events = count("ledger")
    done = follow_up_changes.complete(
        context, call, "Samples liked", next_follow_up={"title": "Send quote", "due_at": due}
    )
    assert done.next is not None
    assert (done.next.title, done.next.kind, done.next.due_at, done.next.customer_id) == (
        "Send quote",
        "call",
        due,
        seeded.customer_ids["李娜"],
    )
    assert count("ledger") == events + 3  # interaction, follow-up done, next follow-up
    signed = database.execute_sql("SELECT COUNT(DISTINCT seq) FROM ledger_signature WHERE seq > ?", (events,))
    assert signed.fetchone()[0] == 1  # one signed commit: one transaction
    assert verify().ok


def test_a_recurring_done_creates_exactly_one_next(seeded: Seeded) -> None:
    context = seeded.context
    weekly = plan(seeded, "Weekly stock check", kind="call", rule="FREQ=WEEKLY", days=-1)
    done = follow_up_changes.complete(context, weekly, "Stock fine")
    assert done.next is not None and done.next.due_at == followups.get(weekly).due_at + timedelta(days=7)
    open_ones = [
        item for item in followups.for_customer(seeded.customer_ids["李娜"]) if item.title == "Weekly stock check"
    ]
    assert [item.id for item in open_ones] == [done.next.id]
    with pytest.raises(ValidationError) as caught:  # the series plans the next one: a second plan is refused
        follow_up_changes.complete(
            context, done.next.id, "Fine", next_follow_up={"title": "x", "due_at": context.clock.now()}
        )
    assert list(caught.value.errors) == ["next.due_at"]


def test_done_twice_is_refused(seeded: Seeded) -> None:
    todo = plan(seeded, "Once")
    follow_up_changes.complete(seeded.context, todo, "Done")
    with pytest.raises(ValidationError) as caught:
        follow_up_changes.complete(seeded.context, todo, "Again")
    assert list(caught.value.errors) == ["status"]


# Snooze ----------------------------------------------------------------------------------------------------


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("now", "code", "expected"),
    [
        (local(26, 9, 30), "hour", local(26, 10, 30)),
        (local(26, 9, 30), "evening", local(26, 19)),
        (local(26, 18, 59), "evening", local(26, 19)),
        (local(26, 19, 0), "evening", local(27, 19)),
        (local(26, 21, 15), "evening", local(27, 19)),
        (local(26, 9, 30), "morning", local(27, 9)),
        (local(26, 23, 50), "morning", local(27, 9)),
        (local(26, 9, 30), "next_week", local(30, 9)),  # Thursday: the Monday after
        (local(30, 8, 0), "next_week", datetime(2026, 12, 7, 9, tzinfo=SHANGHAI)),  # a Monday: the next one
    ],
)
def test_snooze_choices_at_a_fixed_clock(now: datetime, code: str, expected: datetime) -> None:
    assert snooze_choices.until(code, now, SHANGHAI) == expected


def test_the_evening_choice_snoozes_a_follow_up_after_seven(seeded: Seeded, clock: FrozenClock) -> None:
    clock.moment = local(26, 20, 0)
    follow_up_id = seeded.follow_up_ids["Send samples"]
    until = snooze_choices.until("evening", clock.now(), clock.zone)
    snoozed = followups.snooze(seeded.context, follow_up_id, until)
    assert (snoozed.snoozed_until, snoozed.queue_at) == (local(27, 19), local(27, 19))


def test_an_unknown_choice_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        snooze_choices.until("later", local(26, 9), SHANGHAI)
    assert "hour, evening" in caught.value.errors["choice"]


# Reschedule, edit, series --------------------------------------------------------------------------------


def test_reschedule_moves_the_due_time_and_ends_a_snooze(seeded: Seeded) -> None:
    context = seeded.context
    follow_up_id = seeded.follow_up_ids["Confirm delivery date"]
    followups.snooze(context, follow_up_id, context.clock.now() + timedelta(hours=3))
    new_due = context.clock.now() + timedelta(days=2)
    moved = follow_up_changes.reschedule(context, follow_up_id, new_due)
    assert (moved.due_at, moved.queue_at, moved.snoozed_until) == (new_due, new_due, None)
    data = json.loads(
        database.execute_sql(
            "SELECT data FROM ledger WHERE entity_id = ? ORDER BY seq DESC", (follow_up_id,)
        ).fetchone()[0]
    )
    assert data["snoozed_until"] is None


def test_reschedule_refuses_a_time_without_a_zone(seeded: Seeded) -> None:
    with pytest.raises(ValidationError) as caught:
        follow_up_changes.reschedule(seeded.context, seeded.follow_up_ids["Send samples"], datetime(2026, 12, 1))
    assert list(caught.value.errors) == ["due_at"]


def test_edit_changes_what_it_is_given_and_nothing_else(seeded: Seeded) -> None:
    follow_up_id = seeded.follow_up_ids["Send samples"]
    before = followups.get(follow_up_id)
    edited = follow_up_changes.edit(seeded.context, follow_up_id, {"title": "Send two samples", "kind": "visit"})
    assert (edited.title, edited.kind, edited.due_at, edited.priority) == (
        "Send two samples",
        "visit",
        before.due_at,
        before.priority,
    )
    events = count("ledger")
    follow_up_changes.edit(seeded.context, follow_up_id, {"title": "Send two samples"})
    assert count("ledger") == events  # nothing changed: nothing written
    with pytest.raises(ValidationError) as caught:
        follow_up_changes.edit(seeded.context, follow_up_id, {"status": "done"})
    assert list(caught.value.errors) == ["status"]


def test_edit_series_makes_the_next_occurrences_follow_the_new_rule(seeded: Seeded) -> None:
    context = seeded.context
    weekly = plan(seeded, "Stock check", rule="FREQ=WEEKLY", days=-1)
    due = followups.get(weekly).due_at
    edited = follow_up_changes.edit_series(context, weekly, "FREQ=DAILY;INTERVAL=3")
    assert edited.rrule == "FREQ=DAILY;INTERVAL=3"
    following = followups.complete(context, weekly)
    assert following is not None and following.due_at == due + timedelta(days=3)
    with pytest.raises(ValidationError) as caught:
        follow_up_changes.edit_series(context, following.id, "FREQ=SOMETIMES")
    assert list(caught.value.errors) == ["rrule"]
    ended = follow_up_changes.edit_series(context, following.id, "")
    assert ended.rrule == "" and followups.complete(context, following.id) is None


# Reassign --------------------------------------------------------------------------------------------------


def test_reassign_is_ledgered_and_the_new_owner_sees_it_at_once(seeded: Seeded) -> None:
    bob = as_rep(seeded, "bob")
    follow_up_id = seeded.follow_up_ids["Call about 2027 prices"]
    events = count("ledger")
    moved = follow_up_changes.reassign(seeded.context, follow_up_id, "bob")
    assert moved.rep_login == "bob"
    assert follow_up_id in [item.id for item in followups.queue(bob).today]
    assert follow_up_id not in [item.id for item in followups.queue(seeded.context).today]
    rep, data = database.execute_sql(
        "SELECT rep, data FROM ledger WHERE seq > ? AND entity_id = ?", (events, follow_up_id)
    ).fetchone()
    assert rep == seeded.context.rep_id and json.loads(data)["rep_id"] == bob.rep_id  # written by alice, for bob
    assert verify().ok


def test_a_stranger_rep_may_not_reassign_or_change_it(seeded: Seeded) -> None:
    mallory = as_rep(seeded, "mallory")
    follow_up_id = seeded.follow_up_ids["Send samples"]
    before = written()
    for change in (
        lambda: follow_up_changes.reassign(mallory, follow_up_id, "mallory"),
        lambda: follow_up_changes.reschedule(mallory, follow_up_id, mallory.clock.now() + timedelta(days=1)),
        lambda: follow_up_changes.complete(mallory, follow_up_id, "Done by me"),
        lambda: followups.snooze(mallory, follow_up_id, mallory.clock.now() + timedelta(days=1)),
    ):
        with pytest.raises(ValidationError) as caught:
            change()
        assert "alice's" in caught.value.errors["rep"]
    assert written() == before


def test_the_owner_may_give_it_back_and_an_unknown_login_is_named(seeded: Seeded) -> None:
    bob = as_rep(seeded, "bob")
    follow_up_id = seeded.follow_up_ids["Send samples"]
    follow_up_changes.reassign(seeded.context, follow_up_id, "bob")
    with pytest.raises(ValidationError) as caught:
        follow_up_changes.reassign(bob, follow_up_id, "bob")
    assert "already bob's" in caught.value.errors["login"]
    with pytest.raises(ValidationError) as caught:
        follow_up_changes.reassign(bob, follow_up_id, "alcie")
    assert "alcie" in caught.value.errors["login"] and "alice" in caught.value.errors["login"]
    assert follow_up_changes.reassign(bob, follow_up_id, "alice").rep_login == "alice"
    assert [login for _label, login in follow_up_changes.rep_choices(bob)] == ["bob", "alice"]


def test_a_manager_may_change_another_reps_follow_up(seeded: Seeded) -> None:
    reps.add(seeded.context, "carol", role="manager")  # alice, the first rep, is the admin
    bob, carol = as_rep(seeded, "bob"), as_rep(seeded, "carol")
    bobs = followups.create(bob, seeded.customer_ids["王芳"], {"title": "Bob's", "due_at": bob.clock.now()}).id
    moved = follow_up_changes.reschedule(carol, bobs, carol.clock.now() + timedelta(days=1))
    assert moved.rep_login == "bob"
    assert follow_up_changes.reassign(carol, bobs, "alice").rep_login == "alice"
    assert verify().ok


def test_snooze_choices_follow_the_config_files_times() -> None:
    cadence_defaults.use(snooze={"morning": time(8, 30), "evening": time(20, 0)})
    assert snooze_choices.until("morning", local(26, 9, 30), SHANGHAI) == local(27, 8, 30)
    assert snooze_choices.until("evening", local(26, 19, 30), SHANGHAI) == local(26, 20)
    assert snooze_choices.until("next_week", local(26, 9, 30), SHANGHAI) == local(30, 8, 30)
