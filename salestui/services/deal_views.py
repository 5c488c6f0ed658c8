"""What the deal, memo and promise services hand the UI and the CLI: frozen views, never model rows.

Money is integer minor units of the deal's currency; quantities are integer thousandths (1.5 is 1500); times are
aware datetimes. The services fill these; the screens and commands only read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salestui.i18n import N_

# A deal's written confirmation, as of now: no memo sent yet, sent and waiting, acknowledged by the customer,
# deemed confirmed (the objection window passed with no objection), or objected to.
CONFIRMATION_STATES = ("none", "sent", "acknowledged", "deemed", "objected")
# Each state in words (translated where shown).
CONFIRMATION_LABELS = {
    "none": N_("not sent"),
    "sent": N_("sent, waiting"),
    "acknowledged": N_("acknowledged"),
    "deemed": N_("deemed confirmed"),
    "objected": N_("objected"),
}


@dataclass(frozen=True)
class DealLineView:
    id: str
    position: int
    item: str
    quantity_milli: int
    unit: str
    unit_price: int
    line_total: int  # services/deal_money.line_total


@dataclass(frozen=True)
class DealEventView:
    id: str
    deal_id: str
    customer_id: str
    kind: str  # created, stage, reopened, terms_changed, memo_sent, acknowledged, objected
    from_stage: str
    to_stage: str
    memo_id: str | None
    memo_version: int | None
    occurred_at: datetime
    channel: str
    counterpart: str
    text: str
    rep_login: str


@dataclass(frozen=True)
class Confirmation:
    """The state of the memo version in force: the last one sent."""

    state: str  # one of CONFIRMATION_STATES
    version: int | None  # the version in force (None: no memo sent)
    sent_at: datetime | None
    window_ends_at: datetime | None  # when silence becomes "deemed confirmed"
    answered_at: datetime | None  # acknowledged or objected at
    stale: bool  # terms or lines changed since the version in force was sent: a new version is due


@dataclass(frozen=True)
class MemoView:
    id: str
    deal_id: str
    version: int
    language: str
    text: str
    markdown: str
    text_sha256: str
    markdown_sha256: str
    anchor_seq: int
    anchor_hash: str
    objection_days: int
    created_at: datetime
    rep_login: str


@dataclass(frozen=True)
class DealRow:
    """One line of a deals list."""

    id: str
    customer_id: str
    customer_name: str
    title: str
    stage: str
    currency: str
    total: int
    agreed_at: datetime | None
    confirmation: str  # one of CONFIRMATION_STATES
    memo_version: int | None
    updated_at: datetime


@dataclass(frozen=True)
class DealDetail:
    id: str
    customer_id: str
    customer_name: str
    rep_login: str
    title: str
    currency: str
    stage: str
    lost_reason: str
    agreed_at: datetime | None
    agreed_via: str
    agreed_contact_id: str | None
    agreed_contact_name: str
    interaction_id: str | None
    delivery_date: str
    delivery_place: str
    payment_due_date: str
    payment_terms: str
    warranty: str
    other_terms: str
    objection_days: int  # in effect: the deal's own, else the company's setting
    objection_days_set: int | None  # the deal's own, if set
    memo_language: str  # in effect: the deal's own, else the customer's, else the company's
    lines: tuple[DealLineView, ...]
    total: int
    confirmation: Confirmation
    memos: tuple[MemoView, ...]  # every version, oldest first
    events: tuple[DealEventView, ...]  # the deal's own history, oldest first
    created_at: datetime
    updated_at: datetime
    memo_language_set: str = ""  # the deal's own memo language ('' : the customer's, else the company's)


@dataclass(frozen=True)
class PromiseView:
    id: str
    customer_id: str
    side: str  # us, customer
    kind: str  # payment, delivery, quality, service, other
    what: str
    due_at: datetime
    deal_id: str | None
    interaction_id: str | None
    amends_id: str | None
    status: str  # open, kept, broken, cancelled (the newest outcome)
    outcome_note: str
    outcome_at: datetime | None
    rep_login: str
    created_at: datetime
    customer_name: str = ""
    overdue: bool = False  # open and past its due time, as of the `now` it was read at


@dataclass(frozen=True)
class PromiseTally:
    """One line of a customer's promise record, e.g. the customer's payment promises: kept 5 of 6 settled."""

    side: str
    kind: str
    kept: int
    broken: int
    open: int


@dataclass(frozen=True)
class PromiseRecord:
    """What a customer's profile shows of their promises: the tally per side and kind, and the next open ones."""

    tallies: tuple[PromiseTally, ...]
    next_open: tuple[PromiseView, ...]  # the open promises due soonest (overdue first), at most a few
    open_count: int
