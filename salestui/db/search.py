"""SQLite-specific customer search over two FTS5 indexes.

Queries of 3+ characters match anywhere in `search_text` through a trigram index. Shorter ones (a surname
like 张, a two-character name like 张伟, "li", "zw") would find nothing there, so they go to a word index over
`short_text`, where every hanzi is a word of its own: hanzi match as adjacent words, a latin query as a word
prefix. Each query gets a plan chosen by how many rows match: few are fetched by rowid and sorted; for many,
the name-order index is walked and stops after a page. The indexes and their triggers are made by the
migrations (`schema_v1`).

Contact persons have two indexes of their own of the same two kinds (`contact_fts`, `contact_short_fts`, rowid =
the contact person's rowid): a customer also matches when one of its contact persons does, and `via` says
through whom for the customers of a page that do not match themselves.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import SqliteDatabase

from salestui.db import search_rank
from salestui.db.search_rank import MERGED_ROWIDS

MIN_TRIGRAM = 3
HANZI = re.compile(r"[\u3400-\u9fff]")
# Up to this many matches are fetched by rowid and sorted; past it the name-order index is walked.
FEW = 1000


@dataclass(frozen=True)
class Tier:
    """The customers of one rank: a condition on customer c, and their number when the probe saw them all."""

    where: str
    params: tuple[object, ...]
    known_count: int | None


@dataclass(frozen=True)
class Plan:
    """How to list the matches of a query: one tier per rank (EXACT, PREFIX, CONTAINS), each in recency order."""

    tiers: tuple[Tier, ...]
    # The normalized query, to say whom each customer of a page matched through (`via`); "" for no query.
    query: str = ""

    @property
    def known_count(self) -> int | None:
        """The number of matches when the probes saw them all, else None."""
        counts = [tier.known_count for tier in self.tiers]
        return None if None in counts else sum(count or 0 for count in counts)


def spaced(text: str) -> str:
    """Each hanzi as a word of its own ("客户05 Ltd" -> "客 户 05 ltd"), so a word index finds one or two."""
    return " ".join(HANZI.sub(r" \g<0> ", text).split()).casefold()


def short_query(query: str) -> str:
    """An FTS5 query for a normalized 1-2 character query: hanzi as adjacent words, a latin end as a prefix."""
    words = spaced(query).split()
    phrase = '"' + " ".join(word.replace('"', '""') for word in words) + '"'
    return phrase if HANZI.fullmatch(words[-1]) else phrase + " *"


def _match(query: str, trigram: str, words: str, like_source: str) -> tuple[str, str, tuple[str, ...]]:
    """(FROM source, WHERE condition, parameters) matching a normalized, non-empty query in one pair of indexes."""
    if len(query) >= MIN_TRIGRAM:
        phrase = '"' + query.replace('"', '""') + '"'
        return trigram, f"{trigram} MATCH ?", (phrase,)
    if all(char.isalnum() or char.isspace() for char in query):
        return words, f"{words} MATCH ?", (short_query(query),)
    # Punctuation ("%", "a_") is no word: a scan, rare enough to be slow.
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return like_source, f"{like_source}.search_text LIKE ? ESCAPE '\\'", (f"%{escaped}%",)


def _matching_rowids(query: str) -> tuple[str, tuple[str, ...]]:
    """A SELECT of the rowids of the customers themselves matching a normalized, non-empty query (less the
    merged-away ones: their documents stay in the indexes, which hold one per customer row)."""
    source, condition, params = _match(query, "customer_fts", "customer_short_fts", "customer")
    return f"SELECT rowid FROM {source} WHERE {condition} AND {source}.rowid NOT IN ({MERGED_ROWIDS})", params


def _contact_customers(query: str) -> tuple[str, tuple[str, ...]]:
    """A SELECT of the customer rowid of each contact person matching a normalized, non-empty query."""
    source, condition, params = _match(query, "contact_fts", "contact_short_fts", "contact_fts")
    return (
        f"SELECT cc.rowid FROM {source} JOIN contact_person cp ON cp.rowid = {source}.rowid "
        f"JOIN customer cc ON cc.id = cp.customer_id WHERE {condition}",
        params,
    )


def _every_match(query: str) -> tuple[str, tuple[object, ...]]:
    """A SELECT of the rowids of the customers matching themselves, through a contact person or by a key's start
    (which finds forms the text indexes lack, such as kehu05)."""
    direct, params = _matching_rowids(query)
    contacts, contact_params = _contact_customers(query)
    started, started_params = search_rank.prefix_sql(query)
    return f"{direct} UNION {contacts} UNION {started}", (*params, *contact_params, *started_params)


def match_clause(query: str) -> tuple[str, tuple[object, ...]]:
    """The plain filter for a normalized query, good for counting."""
    rowids, params = _every_match(query)
    return f"c.rowid IN ({rowids})", params


def probe(query: str) -> tuple[str, tuple[object, ...]]:
    """SQL for the rowids of up to FEW customers matching a normalized, non-empty query themselves."""
    rowids, params = _matching_rowids(query)
    return f"{rowids} LIMIT ?", (*params, FEW)


def contact_probe(query: str) -> tuple[str, tuple[str | int, ...]]:
    """SQL for the customer rowids of up to FEW contact persons matching a normalized, non-empty query."""
    sql, params = _contact_customers(query)
    return f"{sql} LIMIT ?", (*params, FEW)


def _rowid_list(rowids: set[int]) -> Tier:
    return Tier("c.rowid IN (SELECT value FROM json_each(?))", (json.dumps(sorted(rowids)),), len(rowids))


def _walked_contains(query: str) -> tuple[str, tuple[str, ...]]:
    """Matching through the indexes, tested per customer while an ordered index is walked (many matches)."""
    matching, params = _matching_rowids(query)
    source, condition, contact_params = _match(query, "contact_fts", "contact_short_fts", "contact_fts")
    # Unary + keeps SQLite from driving the query by the matches; it walks the order's index instead, and looks
    # up each customer's few contact persons in the list of matching ones (made once).
    through_contact = (
        "EXISTS (SELECT 1 FROM contact_person cp WHERE cp.customer_id = c.id "
        f"AND +cp.rowid IN (SELECT {source}.rowid FROM {source} WHERE {condition}))"
    )
    return f"(+c.rowid IN ({matching}) OR {through_contact})", (*params, *contact_params)


@dataclass(frozen=True)
class Probes:
    """What the probes found, each up to FEW: the customers matching themselves, through a contact person, by a
    whole key (exact) and by a key's start (prefix: one rowid per key, so a customer may come twice)."""

    own: Sequence[int]
    contacts: Sequence[int] = ()
    exact: Sequence[int] = ()
    prefix: Sequence[int] = ()


def plan_from_probe(query: str, found: Probes) -> Plan:
    """The tiers, given what the probes found: a rank with few customers is a list of rowids, sorted when a page
    is read; a rank with many is a condition tested while the recency index is walked."""
    exact, prefix = search_rank.exact_sql(query), search_rank.prefix_sql(query)
    few_keys = len(found.prefix) < FEW
    if len(found.own) < FEW and len(found.contacts) < FEW and few_keys:
        first, started = set(found.exact), set(found.prefix)
        rest = (set(found.own) | set(found.contacts)) - started
        tiers = (_rowid_list(first), _rowid_list(started - first), _rowid_list(rest))
        return Plan(tiers, query)
    top = _rowid_list(set(found.exact)) if len(found.exact) < FEW else Tier(f"+c.rowid IN ({exact[0]})", exact[1], None)
    if few_keys:
        started_tier = _rowid_list(set(found.prefix) - set(found.exact))
        not_started: tuple[str, tuple[object, ...]] = (
            "c.rowid NOT IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(found.prefix))),),
        )
    else:
        started_tier = Tier(f"+c.rowid IN ({prefix[0]}) AND NOT ({top.where})", (*prefix[1], *top.params), None)
        not_started = (f"+c.rowid NOT IN ({prefix[0]})", prefix[1])
    contains, params = _walked_contains(query)
    rest_tier = Tier(f"{contains} AND {not_started[0]}", (*params, *not_started[1]), None)
    return Plan((top, started_tier, rest_tier), query)


def plan(db: SqliteDatabase, query: str) -> Plan:
    """How to fetch ranked pages of the customers matching a normalized, non-empty query."""

    def rowids(sql: str, params: tuple[object, ...]) -> list[int]:
        return [row[0] for row in db.execute_sql(f"{sql} LIMIT ?", (*params, FEW))]

    return plan_from_probe(
        query,
        Probes(
            own=rowids(*_matching_rowids(query)),
            contacts=rowids(*_contact_customers(query)),
            exact=rowids(*search_rank.exact_sql(query)),
            prefix=rowids(*search_rank.prefix_sql(query)),
        ),
    )


def via_sql(query: str, customer_ids: list[str]) -> tuple[str, tuple[str, ...]]:
    """The SELECT behind `via`: (customer id, contact name) for the page's customers that match a normalized,
    non-empty query only through a contact person, the first added contact last.

    The page's contact persons are tested against the set of matching contacts (small). Whether the customer
    matches itself is tested by rowid against the trigram index for 3+ characters (a common trigram matches tens
    of thousands of customers, too many to collect for a page of a hundred), and against the collected set of
    matches for the word index, whose rowid lookups cost more than the set (measured at 100k customers)."""
    own_source, own_condition, own_params = _match(query, "customer_fts", "customer_short_fts", "customer")
    source, condition, contact_params = _match(query, "contact_fts", "contact_short_fts", "contact_fts")
    if own_source == "customer_fts":
        itself = f"EXISTS (SELECT 1 FROM {own_source} WHERE {own_condition} AND {own_source}.rowid = c.rowid)"
    else:
        itself = f"c.rowid IN (SELECT {own_source}.rowid FROM {own_source} WHERE {own_condition})"
    sql = (
        "SELECT c.id, cp.name FROM json_each(?) page JOIN customer c ON c.id = page.value "
        "JOIN contact_person cp ON cp.customer_id = c.id "
        f"WHERE +cp.rowid IN (SELECT {source}.rowid FROM {source} WHERE {condition}) AND NOT {itself} "
        "ORDER BY cp.created_at DESC, cp.rowid DESC"
    )
    return sql, (json.dumps(customer_ids), *contact_params, *own_params)


def via(db: SqliteDatabase, query: str, customer_ids: list[str]) -> dict[str, str]:
    """For those of `customer_ids` (a page) that match a normalized, non-empty query only through a contact
    person: customer id -> that person's name (the first added, if several match)."""
    sql, params = via_sql(query, customer_ids)
    return dict(db.execute_sql(sql, params).fetchall())
