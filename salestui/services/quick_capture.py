"""Quick capture: one typed line ("call 张伟 tomorrow 3pm about the quote") understood as a follow-up, then saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from salestui.services import date_phrases
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.views import CustomerRow

KINDS = ("call", "email", "meeting", "visit", "im")


@dataclass(frozen=True)
class Understood:
    """What a quick-capture line was understood as, and what must be fixed before it can be saved."""

    text: str  # the line as typed
    customers: tuple[CustomerRow, ...]  # candidates, best first; () none; more than one: the user picks one
    customer_words: str  # the words taken as the customer
    kind: str  # "" or a follow-up kind: call, email, meeting, visit, im
    when: date_phrases.When | None  # None when no date phrase was found
    title: str  # what remains, tidied ("about the quote" -> "the quote")
    problems: dict[str, str]  # field -> what must be fixed before saving ("customer", "when", "title")


def understand(context: Context, text: str) -> Understood:
    """Take the date phrase, the kind word and the customer out of `text`; the rest is the title."""
    raise NotImplementedError


def save(
    context: Context, understood: Understood, customer_id: str, changes: dict[str, Any] | None = None
) -> FollowUpView:
    """Create the follow-up through services.followups.create (kind, title, due_at, priority normal) for
    `customer_id`, after applying the user's field fixes in `changes` (keys: kind, title, due_at, priority, rrule).
    ValidationError naming the field for anything still wrong."""
    raise NotImplementedError
