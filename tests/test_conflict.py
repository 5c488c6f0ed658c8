"""Saving onto the version a form opened: another rep's save in between is a Conflict, and nothing is written."""

from __future__ import annotations

import pytest

from salestui.services import changes, customers
from salestui.services.errors import Conflict
from tests.conftest import Seeded


def test_a_save_onto_the_version_it_opened_goes_through_and_makes_a_new_version(seeded: Seeded) -> None:
    context, customer_id = seeded.context, seeded.customer_ids["李娜"]
    opened = customers.detail(customer_id)
    saved = customers.update(context, customer_id, {"needs": "Gift boxes"}, opened_version=opened.version)
    assert saved.needs == "Gift boxes"
    assert saved.version and saved.version != opened.version


def test_a_save_after_another_reps_save_is_refused_with_both_versions(seeded: Seeded) -> None:
    context, customer_id = seeded.context, seeded.customer_ids["李娜"]
    opened = customers.detail(customer_id)
    theirs = customers.update(context, customer_id, {"phone": "139 0000 1111", "tier": "vip"})  # someone else
    head = changes.head()
    with pytest.raises(Conflict) as refused:
        customers.update(context, customer_id, {"phone": "139 2222 3333"}, opened_version=opened.version)
    conflict = refused.value
    assert (conflict.record_id, conflict.opened, conflict.current) == (customer_id, opened.version, theirs.version)
    assert conflict.theirs == theirs  # the customer as it is now, for the form to show beside its own
    assert changes.head() == head  # nothing was written
    assert customers.detail(customer_id).phone == "139 0000 1111"
    # Saved again onto their version (what the form does once the user chose), it goes through.
    saved = customers.update(context, customer_id, {"phone": "139 2222 3333"}, opened_version=conflict.current)
    assert (saved.phone, saved.tier) == ("139 2222 3333", "vip")


def test_a_logged_call_is_no_conflict(seeded: Seeded) -> None:
    """Contact times follow interactions without a new version: logging a call does not block an open edit."""
    from salestui.services import timeline

    context, customer_id = seeded.context, seeded.customer_ids["李娜"]
    opened = customers.detail(customer_id)
    timeline.append(context, customer_id, {"kind": "call", "summary": "Quick call"})
    assert customers.detail(customer_id).version == opened.version
    customers.update(context, customer_id, {"needs": "Samples"}, opened_version=opened.version)


def test_without_a_version_the_save_is_unchecked_as_before(seeded: Seeded) -> None:
    """The CLI edits what is stored now, in one step: there is no older version it could overwrite."""
    context, customer_id = seeded.context, seeded.customer_ids["李娜"]
    customers.update(context, customer_id, {"needs": "A"})
    assert customers.update(context, customer_id, {"needs": "B"}).needs == "B"
