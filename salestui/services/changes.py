"""What other SalesTUIs on the same file wrote since this one last looked: read from the ledger, whose every event
names the record it wrote, so an open app can read again only what changed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from salestui.db import changes as db_changes

# More events than this since the last look (an import, a merge of a field laptop's records): read everything again,
# rather than look up the customer of each.
MOST_EVENTS = 1000
# Records that belong to no customer but touch little: a rep (their name in the Owner column), a signing key.
NAMED_ELSEWHERE = frozenset({"rep", "rep_key"})


@dataclass(frozen=True)
class Changes:
    """The records written after one ledger sequence number, up to `head`."""

    head: int  # the newest event seen: ask `since(head)` next time
    entities: frozenset[str] = frozenset()  # the kinds of record written ("customer", "interaction", …)
    customer_ids: frozenset[str] = frozenset()  # the customers those records belong to
    everything: bool = False  # too many to name, or records that belong to no one customer (a setting, a rep)

    @property
    def any(self) -> bool:
        return self.everything or bool(self.entities)


def data_version() -> int:
    """A number that changes when another connection commits; compare it only with one read on the same thread."""
    return db_changes.data_version()


def head() -> int:
    """The ledger's newest sequence number: where to start watching from."""
    return db_changes.head_seq()


def since(seq: int, most: int = MOST_EVENTS) -> Changes:
    """What the ledger events after `seq` wrote: the kinds of record, and the customers they belong to."""
    events = db_changes.events_after(seq, most + 1)
    if not events:
        return Changes(head=seq)
    if len(events) > most:
        return Changes(head=db_changes.head_seq(), everything=True)
    by_entity: dict[str, list[str]] = defaultdict(list)
    for _seq, entity, entity_id in events:
        by_entity[entity].append(entity_id)
    customer_ids: set[str] = set()
    everything = False
    for entity, record_ids in by_entity.items():
        if db_changes.owns_customers(entity):
            customer_ids |= db_changes.customers_of(entity, record_ids)
        elif entity not in NAMED_ELSEWHERE:
            everything = True  # a company setting (templates, the time zone) or a record type newer than this code
    return Changes(
        head=events[-1][0],
        entities=frozenset(by_entity),
        customer_ids=frozenset(customer_ids),
        everything=everything,
    )
