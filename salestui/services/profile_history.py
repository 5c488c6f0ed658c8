"""A customer's field history from the ledger: every change to the profile and to its contact persons, newest first.

The same rule as the timeline's profile edits (`timeline_entries.field_changes`, each version of a record against
the one before it) reads the customer's events and those of each of its contact persons; a contact person made
primary reads as one change, 'Primary contact: who it was → who it is', though the write took the mark from the
other person too.
"""

from __future__ import annotations

from salestui.clock import from_utc_text
from salestui.db.connection import database
from salestui.db.models import ContactPerson, Customer
from salestui.services.app_views import FieldChange, HistoryEntry
from salestui.services.timeline_entries import RecordVersion, field_changes, record_versions, rep_logins

PRIMARY = "primary"  # the FieldChange field of a change of primary contact person


def history(customer_id: str, before: int | None = None, limit: int = 100) -> list[HistoryEntry]:
    """Up to `limit` changes to the customer's fields and contact persons, the last written first, written before
    ledger event `before` (the `seq` of the last entry of the page before)."""
    logins = rep_logins()
    entries = [*_customer_entries(customer_id, logins), *_contact_entries(customer_id, logins)]
    entries.sort(key=lambda entry: entry.seq, reverse=True)  # the ledger's order: a clock set wrong cannot reorder it
    if before is not None:
        entries = [entry for entry in entries if entry.seq < before]
    return entries[:limit]


def _entry(version: RecordVersion, kind: str, changes: tuple[FieldChange, ...], name: str = "") -> HistoryEntry:
    when = from_utc_text(version.record["updated_at"])
    return HistoryEntry(version.event_id, version.seq, version.rep_login, when, kind, name, changes)


def _customer_entries(customer_id: str, logins: dict[str, str]) -> list[HistoryEntry]:
    entries = []
    for version in record_versions("customer", (customer_id,)):
        changes = field_changes(Customer, version.previous or {}, version.record, logins)
        if version.previous is None:
            entries.append(_entry(version, "customer_added", changes))
        elif changes:
            entries.append(_entry(version, "customer_edited", changes))
    return entries


def _contact_entries(customer_id: str, logins: dict[str, str]) -> list[HistoryEntry]:
    """What happened to the customer's contact persons: added, edited, made primary (in ledger order, so who was
    primary before each change is known)."""
    rows = database.execute_sql("SELECT id FROM contact_person WHERE customer_id = ?", (customer_id,))
    entries = []
    primary_id, primary_name = "", ""  # the primary contact person so far
    for version in record_versions("contact_person", [row[0] for row in rows]):
        record, previous = version.record, version.previous or {}
        name = str(record.get("name", ""))
        changes = field_changes(ContactPerson, previous, record, logins)
        became_primary = bool(record.get("is_primary")) and not previous.get("is_primary")
        if became_primary:
            changes = (*changes, FieldChange(PRIMARY, primary_name if primary_id != version.entity_id else "", name))
        if became_primary or version.entity_id == primary_id:  # made primary, or the primary one renamed
            primary_id, primary_name = version.entity_id, name
        if version.previous is None:
            entries.append(_entry(version, "contact_added", changes, name))
        elif became_primary and len(changes) == 1:
            entries.append(_entry(version, "contact_primary", changes, name))
        elif changes:  # a change of no shown field (the primary mark taken away) is told by the one it went to
            entries.append(_entry(version, "contact_edited", changes, name))
    return entries
