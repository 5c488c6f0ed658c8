"""Frozen dataclasses only the app's panes (and the services behind them) receive instead of database rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salestui.services.views import InteractionView


@dataclass(frozen=True)
class ContactPersonView:
    id: str
    customer_id: str
    name: str
    title: str
    phone: str
    email: str
    im_handle: str
    note: str
    is_primary: bool = False  # the customer's one primary contact person


@dataclass(frozen=True)
class CustomerDetail:
    id: str
    kind: str
    name: str
    company: str
    phone: str
    email: str
    im_handle: str
    address: str
    region: str
    industry: str
    source: str
    owner_id: str | None
    owner_login: str | None
    tier: str
    status: str
    needs: str
    preferences: str
    credit_limit: int
    currency: str
    payment_terms: str
    tags: str
    cadence_days: int | None
    language: str
    time_zone: str
    merged_into_id: str | None
    created_at: datetime
    updated_at: datetime
    last_contact_at: datetime | None
    interaction_count: int
    open_follow_ups: int
    contacts: tuple[ContactPersonView, ...] = ()
    version: str = ""  # the row's HLC stamp, new at every write: what an edit was opened on (customers.update)


@dataclass(frozen=True)
class FollowUpDoneEntry:
    """A completed follow-up on the timeline, at the time it was done."""

    id: str
    customer_id: str
    rep_login: str
    occurred_at: datetime  # when it was marked done
    title: str
    due_at: datetime
    outcome: str


@dataclass(frozen=True)
class FieldChange:
    """One field of a profile edit: `field` is the column ("owner" for the owner's login); values as text."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ProfileEditEntry:
    """An edit of the customer's profile on the timeline: who changed which fields from what to what."""

    id: str  # the ledger event's id
    customer_id: str
    rep_login: str
    occurred_at: datetime
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class HistoryEntry:
    """One write to a customer's profile or to one of its contact persons, from the ledger, with what it changed."""

    id: str  # the ledger event's id
    seq: int  # its place in the ledger
    rep_login: str
    occurred_at: datetime
    kind: str  # customer_added, customer_edited, contact_added, contact_edited or contact_primary
    contact_name: str  # the contact person's name ('' for the customer's own fields)
    changes: tuple[FieldChange, ...]  # "primary" for the primary contact person: from whom to whom


@dataclass(frozen=True)
class DealEventEntry:
    """Something that happened to one of the customer's deals, on the timeline: created, a stage move, reopened,
    terms changed, a memo sent, acknowledged or objected to."""

    id: str  # the deal event's id
    customer_id: str
    rep_login: str
    occurred_at: datetime
    deal_id: str
    deal_title: str
    kind: str
    from_stage: str
    to_stage: str
    memo_version: int | None
    channel: str
    counterpart: str
    text: str
    total: int  # the deal's total now, in minor units of `currency`
    currency: str
    agreed_via: str = ""  # how the deal was agreed (phone, visit…), for "Deal agreed: … by phone"


TimelineEntry = InteractionView | FollowUpDoneEntry | ProfileEditEntry | DealEventEntry


@dataclass(frozen=True)
class FollowUpView:
    id: str
    customer_id: str
    customer_name: str
    title: str
    due_at: datetime
    queue_at: datetime
    snoozed_until: datetime | None
    priority: str
    rrule: str
    status: str
    kind: str  # '' (none given), call, email, meeting, visit, im
    rep_login: str  # whose follow-up it is


@dataclass(frozen=True)
class FollowUpQueue:
    overdue: tuple[FollowUpView, ...]
    today: tuple[FollowUpView, ...]
    upcoming: tuple[FollowUpView, ...]


@dataclass(frozen=True)
class AlertView:
    kind: str  # 'overdue_follow_up' | 'no_contact'
    severity: str  # 'high' | 'medium' | 'low'
    customer_id: str
    customer_name: str
    reason: str
    since: datetime
    follow_up: FollowUpView | None = None  # the overdue follow-up an alert is about, which done and snooze act on
