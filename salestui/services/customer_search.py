"""Customer search as the list pages it: ranked matches, keyset pages, counts.

The order for a query is rank, then recency, then name: the customers matching EXACTLY (a name, company, phone or
pinyin full/initials form equals the query) come first, then those matching by PREFIX (one of those forms starts
with it), then those that only CONTAIN it (anywhere in a searchable field, or through a contact person); within
each rank the most recent contact first (customer.last_contact_at DESC, never contacted last), then the name
(sort_key, id). Without a query every customer is listed in name order.

Each rank is a tier of its own (db/search.py `Plan`): a page reads the tiers in turn, each by its own query, so
the first page of a query matching tens of thousands shows its exact and prefix matches (index lookups) without
ranking the rest. A tier the probes saw whole (fewer than search.FEW) is a list of rowids sorted for the page;
a larger one is walked along the recency index. A row's `cursor` (rank, last contact, sort_key, id) says where a
page ends, so the next one starts in that tier just after it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from salestui.clock import to_utc_text
from salestui.db import search as search_index
from salestui.db.connection import database
from salestui.db.queries import CUSTOMER_ROW
from salestui.db.search_rank import CONTAINS
from salestui.services import search_keys
from salestui.services.views import CustomerRow

COUNT_CAP = 10_000
# A list page reads each customer's row anyway, so testing its merge pointer there costs nothing.
LIVE = "c.merged_into_id IS NULL"
RECENT_FIRST = "c.last_contact_at DESC, c.sort_key, c.id"  # SQLite puts NULL last when descending
RECENT_LAST = "c.last_contact_at, c.sort_key DESC, c.id DESC"
BY_NAME = "c.sort_key, c.id"
BY_NAME_REVERSED = "c.sort_key DESC, c.id DESC"
# Where a row stands in a listing: (rank, last contact as stored or None, sort_key, id).
Cursor = tuple[int, str | None, str, str]
EVERYONE = search_index.Plan((search_index.Tier("1", (), None),))


def cursor(row: CustomerRow) -> Cursor:
    """The keyset cursor of a listed row: the next page starts after it, the previous one ends before it."""
    contact = to_utc_text(row.last_contact_at) if row.last_contact_at is not None else None
    return (row.rank, contact, row.sort_key, row.id)


def _plan(query: str) -> search_index.Plan:
    text = search_keys.normalize_query(query)
    return search_index.plan(database, text) if text else EVERYONE


def _beyond(plan: search_index.Plan, at: Cursor, after: bool) -> tuple[str, tuple[object, ...]]:
    """The rows of `at`'s tier after it (or before it) in the listing's order."""
    _rank, contact, key, row_id = at
    name = "(c.sort_key, c.id) > (?, ?)" if after else "(c.sort_key, c.id) < (?, ?)"
    if not plan.query:
        return name, (key, row_id)
    if contact is None:  # among the never contacted, which come last
        if after:
            return f"(c.last_contact_at IS NULL AND {name})", (key, row_id)
        return f"(c.last_contact_at IS NOT NULL OR {name})", (key, row_id)
    if after:
        sql = f"(c.last_contact_at < ? OR c.last_contact_at IS NULL OR (c.last_contact_at = ? AND {name}))"
    else:
        sql = f"(c.last_contact_at > ? OR (c.last_contact_at = ? AND {name}))"
    return sql, (contact, contact, key, row_id)


def _settled(tier: search_index.Tier) -> search_index.Tier:
    return search_index.settled(database, tier) if tier.probes else tier


def _tier_rows(
    plan: search_index.Plan, rank: int, limit: int, at: Cursor | None = None, after: bool = True, offset: int = 0
) -> list[CustomerRow]:
    tier = _settled(plan.tiers[rank])
    where, params = f"{tier.where} AND {LIVE}", tier.params
    if at is not None:
        condition, more = _beyond(plan, at, after)
        where, params = f"{where} AND {condition}", (*params, *more)
    if plan.query:
        order = RECENT_FIRST if after else RECENT_LAST
    else:
        order = BY_NAME if after else BY_NAME_REVERSED
    tail = f"WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    rows = CUSTOMER_ROW.views(CustomerRow, tail, (*params, limit, offset))
    return [replace(row, rank=rank) for row in rows] if rank else rows


def _with_via(plan: search_index.Plan, rows: list[CustomerRow]) -> list[CustomerRow]:
    """Rows that matched only through a contact person name them (only CONTAINS rows can: a key of their own
    ranks the others)."""
    contained = [row.id for row in rows if row.rank == CONTAINS]
    if not plan.query or not contained:
        return rows
    names = search_index.via(database, plan.query, contained)
    return [replace(row, via=names[row.id]) if row.id in names else row for row in rows]


def _after(plan: search_index.Plan, after: Cursor | None, limit: int) -> list[CustomerRow]:
    rows: list[CustomerRow] = []
    first = after[0] if after is not None else 0
    for rank in range(first, len(plan.tiers)):
        if len(rows) >= limit:
            break
        if plan.tiers[rank].known_count != 0:
            rows += _tier_rows(plan, rank, limit - len(rows), after if rank == first else None)
    return _with_via(plan, rows)


@dataclass(frozen=True)
class SearchPage:
    """The first page for a query and how many match in all (None until counted)."""

    rows: list[CustomerRow]
    total: int | None


def search(query: str, limit: int) -> SearchPage:
    """The first `limit` matches in ranked order, with the total when finding them showed it (few matches)."""
    plan = _plan(query)
    rows = _after(plan, None, limit)
    total = plan.known_count if plan.known_count is not None else (len(rows) if len(rows) < limit else None)
    return SearchPage(rows, total)


def count(query: str = "", cap: int = COUNT_CAP) -> int:
    """How many customers match, counting no further than `cap`."""
    text = search_keys.normalize_query(query)
    if not text:  # every customer less the merged-away ones, each counted by SQLite's quickest count
        sql = "SELECT MIN((SELECT COUNT(*) FROM customer) - (SELECT COUNT(*) FROM customer_merge), ?)"
        every: int = database.execute_sql(sql, (cap,)).fetchone()[0]
        return every
    where, params = search_index.match_clause(text)  # its matches leave out merged-away customers
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM customer c WHERE {where} LIMIT ?)"
    counted: int = database.execute_sql(sql, (*params, cap)).fetchone()[0]
    return counted


def page_after(query: str, after: Cursor | None, limit: int) -> list[CustomerRow]:
    """The next `limit` matches in ranked order after the cursor (None: from the first)."""
    return _after(_plan(query), after, limit)


def page_before(query: str, before: Cursor | None, limit: int) -> list[CustomerRow]:
    """The `limit` matches just before the cursor (None: the last ones), in ranked order."""
    plan = _plan(query)
    rows: list[CustomerRow] = []
    last = before[0] if before is not None else len(plan.tiers) - 1
    for rank in range(last, -1, -1):
        if len(rows) >= limit:
            break
        if plan.tiers[rank].known_count != 0:
            at = before if rank == last else None
            rows = _tier_rows(plan, rank, limit - len(rows), at, after=False)[::-1] + rows
    return _with_via(plan, rows)


def _tier_size(plan: search_index.Plan, rank: int, cap: int) -> int:
    tier = _settled(plan.tiers[rank])
    if tier.known_count is not None:
        return tier.known_count
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM customer c WHERE {tier.where} AND {LIVE} LIMIT ?)"
    size: int = database.execute_sql(sql, (*tier.params, cap)).fetchone()[0]
    return size


def page_at(query: str, offset: int, limit: int) -> list[CustomerRow]:
    """Matches from position `offset` (a jump: slower than keyset paging far down the list)."""
    plan = _plan(query)
    rows: list[CustomerRow] = []
    for rank in range(len(plan.tiers)):
        if len(rows) >= limit:
            break
        if not rows:
            size = _tier_size(plan, rank, offset + 1)
            if size <= offset:
                offset -= size
                continue
        rows += _tier_rows(plan, rank, limit - len(rows), offset=offset if not rows else 0)
    return _with_via(plan, rows)
