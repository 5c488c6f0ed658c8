"""Messages the panes post to each other and that thread workers post back with their results."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from salestui.services.app_views import AlertView, CustomerDetail, TimelineEntry
from salestui.services.deal_views import PromiseRecord
from salestui.services.queue_views import DailyQueue
from salestui.services.views import CustomerRow


@dataclass
class CustomerHighlighted(Message):
    """The customer list's cursor rested on a customer (debounced)."""

    customer_id: str
    name: str


@dataclass
class CustomerChosen(Message):
    """A follow-up or alert asked to show its customer in the timeline."""

    customer_id: str
    name: str


@dataclass
class CountLoaded(Message):
    """How many customers match the list's query (`generation` tells stale answers apart)."""

    generation: int
    total: int
    # A lower bound shown while the real count runs (the first page of a big result came first).
    at_least: bool = False


@dataclass
class PageLoaded(Message):
    """One page of the customer list arrived from a worker."""

    generation: int
    page: int
    rows: list[CustomerRow]


@dataclass
class ListShown(Message):
    """The customer list has painted its first rows (or could not load them): the other panes may load now."""


@dataclass
class TimelineLoaded(Message):
    """A customer's key facts and the first page of their timeline (or a further page)."""

    generation: int
    customer: CustomerDetail
    entries: list[TimelineEntry]
    first_page: bool
    keep_scroll: bool = False
    promises: PromiseRecord | None = None  # the customer's promise record (with the first page)


@dataclass
class FollowUpsLoaded(Message):
    """The daily queue arrived (`stay_in_place` keeps the cursor's position; `refused`: why the rep's own queue is
    shown instead of the one asked for)."""

    queue: DailyQueue
    stay_in_place: bool = False
    refused: str = ""


@dataclass
class AlertsLoaded(Message):
    """The current rep's alerts arrived."""

    alerts: list[AlertView]
