"""What changed since a ledger sequence number: the kinds of record and the customers they belong to."""

from __future__ import annotations

import threading
from datetime import timedelta

from salestui.services import changes, customers, followups, promises, settings, timeline
from salestui.services.changes import Changes
from tests.conftest import Seeded


def test_nothing_written_since_the_head_is_no_change(seeded: Seeded) -> None:
    head = changes.head()
    found = changes.since(head)
    assert found == Changes(head=head)
    assert not found.any


def test_an_interaction_names_its_customer_and_moves_the_head(seeded: Seeded) -> None:
    context, ids = seeded.context, seeded.customer_ids
    head = changes.head()
    timeline.append(context, ids["李娜"], {"kind": "call", "summary": "Asked about samples"})
    found = changes.since(head)
    assert found.entities == {"interaction"}
    assert found.customer_ids == {ids["李娜"]}
    assert not found.everything
    assert found.head == changes.head() > head
    assert changes.since(found.head) == Changes(head=found.head)


def test_records_of_several_kinds_name_each_of_their_customers(seeded: Seeded) -> None:
    context, ids = seeded.context, seeded.customer_ids
    head = changes.head()
    customers.update(context, ids["张伟"], {"needs": "Cartons"})
    followups.complete(context, seeded.follow_up_ids["Send samples"], "Sent")
    due = context.clock.now() + timedelta(days=3)
    promises.add(context, ids["陈杰"], {"side": "us", "kind": "delivery", "what": "Replace order #1182", "due_at": due})
    found = changes.since(head)
    assert found.entities >= {"customer", "follow_up", "promise"}
    assert found.customer_ids == {ids["张伟"], ids["Acme Trading Ltd"], ids["陈杰"]}
    assert not found.everything


def test_a_company_setting_belongs_to_no_customer_so_everything_is_read_again(seeded: Seeded) -> None:
    head = changes.head()
    settings.set_value(seeded.context, "company.name", "明远贸易")
    found = changes.since(head)
    assert found.everything and found.entities == {"setting"}


def test_more_events_than_it_names_are_everything(seeded: Seeded) -> None:
    context, ids = seeded.context, seeded.customer_ids
    head = changes.head()
    for number in range(4):
        timeline.append(context, ids["王芳"], {"kind": "note", "summary": f"note {number}"})
    found = changes.since(head, most=3)
    assert found.everything and found.head == changes.head()
    assert changes.since(head, most=4).customer_ids == {ids["王芳"]}


def test_data_version_moves_only_for_another_connections_commit(seeded: Seeded) -> None:
    context, ids = seeded.context, seeded.customer_ids
    before = changes.data_version()
    timeline.append(context, ids["李娜"], {"kind": "call", "summary": "mine"})  # this thread's own connection
    assert changes.data_version() == before

    def other_connection() -> None:  # each thread has a connection of its own
        timeline.append(context, ids["李娜"], {"kind": "call", "summary": "theirs"})

    thread = threading.Thread(target=other_connection)
    thread.start()
    thread.join()
    assert changes.data_version() != before
