"""What the daily queue shows: one item per thing to do, whatever it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salestui.services.app_views import FollowUpView

# Where a queue item comes from.
FOLLOW_UP = "follow_up"  # a follow-up someone planned
CADENCE = "cadence"  # a suggestion: the customer is past their contact cadence and nothing is planned
PROMISE = "promise"  # an open promise falls due (ours to keep, or the customer's to check)
DEAL = "deal"  # an agreed deal's delivery, or a delivered deal's payment, falls due


@dataclass(frozen=True)
class LastContact:
    """The newest real contact with a customer, in a few words."""

    kind: str  # call, email, meeting, visit, im
    at: datetime
    summary: str


@dataclass(frozen=True)
class QueueItem:
    source: str  # FOLLOW_UP, CADENCE, PROMISE or DEAL
    id: str  # the follow-up's, promise's or deal's id; the customer's for a CADENCE suggestion
    customer_id: str
    customer_name: str
    kind: str  # a follow-up's kind; "us"/"customer" for a promise; "delivery"/"payment" for a deal; "" for cadence
    title: str
    due: datetime
    priority: str  # high, normal, low
    rep_login: str  # whose item it is (the follow-up's rep, the customer's account manager)
    overdue: bool  # due before now
    last_contact: LastContact | None
    follow_up: FollowUpView | None = None  # the follow-up itself, for FOLLOW_UP items


@dataclass(frozen=True)
class DailyQueue:
    """A rep's queue, or the team's: each group ordered by due time, then priority (high first)."""

    overdue: tuple[QueueItem, ...]
    today: tuple[QueueItem, ...]
    upcoming: tuple[QueueItem, ...]  # the next 7 days after today
    suggested: tuple[QueueItem, ...]  # customers past their cadence, longest overdue first
    rep_logins: tuple[str, ...]  # whose queue this is; () for the whole team

    def items(self) -> tuple[QueueItem, ...]:
        return self.overdue + self.today + self.upcoming + self.suggested
