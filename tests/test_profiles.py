"""Profiles in full: one primary contact person per customer, the new profile fields, and the field history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salestui.clock import FrozenClock
from salestui.db.connection import database
from salestui.services import contacts, customers, profile_history
from salestui.services.app_views import FieldChange, HistoryEntry
from salestui.services.errors import NotFound, ValidationError
from salestui.services.verify import verify
from tests.conftest import Seeded
from tests.tampering import tamper


def ledger_length() -> int:
    count: int = database.execute_sql("SELECT COUNT(*) FROM ledger").fetchone()[0]
    return count


def primaries(customer_id: str) -> list[str]:
    """The names of the contact persons stored as primary (the rows themselves, not the views)."""
    rows = database.execute_sql(
        "SELECT name FROM contact_person WHERE customer_id = ? AND is_primary <> 0 ORDER BY name", (customer_id,)
    )
    return [row[0] for row in rows]


def advance(seeded: Seeded, minutes: int = 1) -> None:
    clock = seeded.context.clock
    assert isinstance(clock, FrozenClock)
    clock.advance(timedelta(minutes=minutes))


def test_the_first_contact_person_added_is_primary_and_listed_first(seeded: Seeded) -> None:
    acme = seeded.customer_ids["Acme Trading Ltd"]
    assert primaries(acme) == ["John Moore"]
    assert [(person.name, person.is_primary) for person in contacts.for_customer(acme)] == [
        ("John Moore", True),
        ("Mary Chen", False),
    ]
    later = contacts.add(seeded.context, acme, {"name": "Amy Lee"})
    assert later.is_primary is False and primaries(acme) == ["John Moore"]
    first = contacts.add(seeded.context, seeded.customer_ids["王芳"], {"name": "王小明"})
    assert first.is_primary is True


def test_set_primary_moves_the_mark_in_one_write_and_keeps_exactly_one(seeded: Seeded) -> None:
    acme = seeded.customer_ids["Acme Trading Ltd"]
    john, mary = contacts.for_customer(acme)
    amy = contacts.add(seeded.context, acme, {"name": "Amy Lee"})
    signatures = database.execute_sql("SELECT COUNT(*) FROM ledger_signature").fetchone()[0]
    before = ledger_length()
    made = contacts.set_primary(seeded.context, mary.id)
    assert made.is_primary and made.id == mary.id
    assert ledger_length() == before + 2  # John loses the mark, Mary gains it
    assert database.execute_sql("SELECT COUNT(*) FROM ledger_signature").fetchone()[0] == signatures + 1  # one write
    assert primaries(acme) == ["Mary Chen"]
    assert [person.name for person in contacts.for_customer(acme)] == ["Mary Chen", "John Moore", "Amy Lee"]
    for person in (amy, john, amy):
        contacts.set_primary(seeded.context, person.id)
        assert primaries(acme) == [person.name]
    assert primaries(seeded.customer_ids["张伟"]) == ["周敏"]  # another customer's primary is untouched
    assert verify().ok


def test_making_the_primary_one_primary_again_writes_nothing(seeded: Seeded) -> None:
    john = contacts.for_customer(seeded.customer_ids["Acme Trading Ltd"])[0]
    before = ledger_length()
    assert contacts.set_primary(seeded.context, john.id).is_primary
    assert ledger_length() == before


def test_two_primaries_left_by_a_tamperer_are_mended_to_one(seeded: Seeded) -> None:
    """Should a customer ever hold two (written outside the app), making one primary leaves only that one."""
    acme = seeded.customer_ids["Acme Trading Ltd"]
    mary = contacts.for_customer(acme)[1]
    amy = contacts.add(seeded.context, acme, {"name": "Amy Lee"})
    tamper(seeded.context.path, "UPDATE contact_person SET is_primary = 1 WHERE id = ?", (mary.id,))
    contacts.set_primary(seeded.context, amy.id)
    assert primaries(acme) == ["Amy Lee"]


def test_set_primary_of_an_unknown_contact_person_is_not_found(seeded: Seeded) -> None:
    before = ledger_length()
    with pytest.raises(NotFound):
        contacts.set_primary(seeded.context, "0" * 32)
    assert ledger_length() == before


def test_verify_names_a_primary_mark_moved_outside_the_app(seeded: Seeded) -> None:
    mary = contacts.for_customer(seeded.customer_ids["Acme Trading Ltd"])[1]
    tamper(seeded.context.path, "UPDATE contact_person SET is_primary = 1 WHERE id = ?", (mary.id,))
    report = verify()
    assert not report.ok
    assert any(mary.id in problem and "altered outside the app" in problem for problem in report.problems)


def test_memo_language_and_time_zone_are_created_changed_and_shown(seeded: Seeded) -> None:
    created = customers.create(seeded.context, {"name": "Tokyo Paper", "language": "en", "time_zone": "Asia/Tokyo"})
    assert (created.language, created.time_zone) == ("en", "Asia/Tokyo")
    changed = customers.update(seeded.context, created.id, {"language": "zh_CN", "time_zone": ""})
    assert (changed.language, changed.time_zone) == ("zh_CN", "")
    assert customers.detail(created.id) == changed
    before = ledger_length()
    with pytest.raises(ValidationError) as refused:
        customers.update(seeded.context, created.id, {"time_zone": "Mars/Olympus", "language": "fr"})
    assert set(refused.value.errors) == {"time_zone", "language"}
    assert "not a time zone" in refused.value.errors["time_zone"]
    assert ledger_length() == before
    assert verify().ok


def entries_of(customer_id: str, kind: str) -> list[HistoryEntry]:
    return [entry for entry in profile_history.history(customer_id) if entry.kind == kind]


def test_the_history_lists_every_change_with_from_and_to_the_last_first(seeded: Seeded) -> None:
    context = seeded.context
    acme = seeded.customer_ids["Acme Trading Ltd"]
    john, mary = contacts.for_customer(acme)
    advance(seeded)
    customers.update(context, acme, {"language": "zh_CN", "time_zone": "Europe/London", "tier": "vip"})
    advance(seeded)
    contacts.update(context, mary.id, {"phone": "+44 7700 900456", "title": "Finance"})
    advance(seeded)
    contacts.set_primary(context, mary.id)
    entries = profile_history.history(acme)
    assert [entry.kind for entry in entries] == [
        "contact_primary",
        "contact_edited",
        "customer_edited",
        "contact_added",
        "contact_added",
        "customer_edited",
        "customer_added",
    ]
    assert [entry.seq for entry in entries] == sorted((entry.seq for entry in entries), reverse=True)
    primary, edited, profile = entries[:3]
    assert primary.changes == (FieldChange("primary", "John Moore", "Mary Chen"),)
    assert (primary.contact_name, primary.rep_login) == ("Mary Chen", "alice")
    assert set(edited.changes) == {
        FieldChange("title", "Accounts", "Finance"),
        FieldChange("phone", "", "+44 7700 900456"),
    }
    assert set(profile.changes) == {
        FieldChange("language", "", "zh_CN"),
        FieldChange("time_zone", "", "Europe/London"),
        FieldChange("tier", "regular", "vip"),
    }
    assert profile.occurred_at == context.clock.now() - timedelta(minutes=2)
    assert entries[5].changes == (FieldChange("payment_terms", "30 days after delivery", "60 days after delivery"),)
    added_john = entries[4]
    assert added_john.contact_name == "John Moore"
    assert FieldChange("primary", "", "John Moore") in added_john.changes  # the first one was primary from the start
    assert FieldChange("title", "", "Purchasing manager") in added_john.changes
    created = entries[6]
    assert FieldChange("name", "", "Acme Trading Ltd") in created.changes
    assert FieldChange("credit_limit", "0.00 CNY", "50,000.00 CNY") in created.changes
    assert all(change.old != change.new for entry in entries for change in entry.changes)
    assert john.id not in {entry.id for entry in entries}  # entry ids are ledger event ids, not record ids
    assert verify().ok


def test_the_history_of_a_rename_of_the_primary_one_names_them_by_the_new_name(seeded: Seeded) -> None:
    acme = seeded.customer_ids["Acme Trading Ltd"]
    john, mary = contacts.for_customer(acme)
    contacts.update(seeded.context, john.id, {"name": "John R. Moore"})
    contacts.set_primary(seeded.context, mary.id)
    (made,) = entries_of(acme, "contact_primary")
    assert made.changes == (FieldChange("primary", "John R. Moore", "Mary Chen"),)
    (renamed,) = entries_of(acme, "contact_edited")
    assert renamed.changes == (FieldChange("name", "John Moore", "John R. Moore"),)


def test_the_history_pages_without_gaps_or_repeats(seeded: Seeded) -> None:
    context = seeded.context
    customer_id = seeded.customer_ids["陈杰"]
    person = contacts.add(context, customer_id, {"name": "刘洋"})
    for number in range(12):
        customers.update(context, customer_id, {"tags": f"tag {number}"})
        contacts.update(context, person.id, {"note": f"note {number}"})
    everything = profile_history.history(customer_id, limit=1000)
    assert len(everything) == 1 + 1 + 12 * 2
    paged: list[HistoryEntry] = []
    before = None
    while page := profile_history.history(customer_id, before, 5):
        paged += page
        before = page[-1].seq
    assert [entry.id for entry in paged] == [entry.id for entry in everything]
    newest = everything[0]
    assert newest.kind == "contact_edited" and newest.changes == (FieldChange("note", "note 10", "note 11"),)


def test_an_unknown_customer_has_no_history(context) -> None:
    assert profile_history.history("0" * 32) == []
