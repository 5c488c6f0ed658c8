"""Frozen dataclasses the UI and CLI receive instead of database rows: the ones the CLI's commands use.

The rest, which only the app's panes (and the services behind them) receive, are in `app_views`, so a quick
command does not pay for making them (~0.7 ms a frozen dataclass).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salestui.i18n import _


@dataclass(frozen=True)
class RepView:
    id: str
    login: str
    name: str
    role: str


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customer list; its keyset cursor is customer_search.cursor(row)."""

    id: str
    sort_key: str
    name: str
    company: str
    phone: str
    tier: str
    status: str
    owner_login: str | None
    last_contact_at: datetime | None
    # The contact person the search matched through, when the customer itself did not match ("" otherwise).
    via: str = ""
    # How it matched the search: 0 exact, 1 prefix, 2 contains (db/search_rank.py); 0 in an unsearched list.
    rank: int = 0

    def company_shown(self) -> str:
        """The company column: whom a search matched the customer through comes first ('via John Moore · Acme',
        so a narrow column cuts the company, not the reason), and the company only where it differs from the name."""
        company = "" if self.company == self.name else self.company
        via = _("via {name}").format(name=self.via) if self.via else ""
        return " · ".join(part for part in (via, company) if part)


@dataclass(frozen=True)
class InteractionView:
    id: str
    customer_id: str
    rep_login: str
    kind: str
    direction: str
    occurred_at: datetime
    summary: str
    body: str
    outcome: str
    next_step: str
    fields: str = ""  # the template's own fields: canonical JSON of {key: text}, '' for none (services/templates.py)
    contact_name: str = ""  # the contact person the template names, by name ('' for none)
    amends_id: str | None = None  # set on an amendment: the entry it corrects (the timeline marks it "amended")
    created_at: datetime | None = None  # when it was recorded

    @property
    def amended(self) -> bool:
        """Whether this is a correction of an earlier entry (its history has more than one version)."""
        return self.amends_id is not None


@dataclass(frozen=True)
class VerifyReport:
    problems: tuple[str, ...]
    events_checked: int
    rows_checked: int
    head_seq: int
    head_hash: str
    signatures_checked: int = 0
    anchors_checked: int = 0
    notes: tuple[str, ...] = ()  # facts worth knowing that are not problems

    @property
    def ok(self) -> bool:
        return not self.problems
