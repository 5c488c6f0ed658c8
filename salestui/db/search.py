"""SQLite-specific customer search over two FTS5 indexes.

Queries of 3+ characters match anywhere in `search_text` through a trigram index. Shorter ones (a surname
like 张, a two-character name like 张伟, "li", "zw") would find nothing there, so they go to a word index over
`short_text`, where every hanzi is a word of its own: hanzi match as adjacent words, a latin query as a word
prefix. The indexes and their triggers are made by the migrations (`schema_v1`).

Matches are ranked (db/search_rank.py): EXACT (a key of the customer equals the query), PREFIX (a key starts with
it), CONTAINS (only the text indexes, or a contact person, find it); within a rank the latest contact comes first,
then the name. A query's `Plan` has one `Tier` per rank, each chosen by how many customers the probes see: few
are a list of rowids (sorted when there are up to SORT_AT_MOST, else tested along the recency index); many (FEW
or more, three times that for the key ranks, which are index ranges) are a condition tested while the recency
index `customer_live_last_contact_at` is walked, which soon meets a page of them. The CONTAINS tier of a query with
many text matches is probed again without the ranked ones when a page first reaches it (`settled`): few may be
left, and walking to them would read the whole index. So the first page of a common query shows its exact and
prefix matches, index lookups, without ranking the rest.

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
# A rank the probes see fewer matches of is a list of their rowids; from this many on, a condition tested while
# the recency index is walked (which then meets a page of them soon).
FEW = 1000
# The key ranks are listed up to three times as many (a walk past that tests each customer's keys on its way).
KEYS_FEW_TIMES = 3
# A list of up to this many rowids is read by rowid and sorted; a longer one is tested while the recency index is
# walked, which holds all a test needs (measured at 100k customers: 380 sorted in 0.6 ms, walked to in 10 ms; 3,000
# sorted in 7.5 ms, walked to in 1.2 ms; sorting costs ~2.5 us a row, the whole walk ~10 ms).
SORT_AT_MOST = 600


@dataclass(frozen=True)
class Tier:
    """The customers of one rank: a condition on customer c, and their number when the probe saw them all."""

    where: str
    params: tuple[object, ...]
    known_count: int | None
    # SELECTs of rowids that together make up a walked tier: run (`settled`) only when a page reaches the tier,
    # in case few of its customers are left once the higher ranks are taken out (a walk would then read the whole
    # recency index to find them).
    probes: tuple[tuple[str, tuple[object, ...]], ...] = ()


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


def _unranked(query: str) -> list[tuple[str, tuple[object, ...]]]:
    """SELECTs of the rowids of the customers that only CONTAIN a normalized, non-empty query (themselves, then
    through a contact person): the text indexes' matches less those a key ranks higher."""
    selects = []
    for (sql, params), rowid in ((_matching_rowids(query), "rowid"), (_contact_customers(query), "cc.rowid")):
        started, started_params = search_rank.started_by(rowid, query)
        selects.append((f"{sql} AND NOT {started}", (*params, *started_params)))
    return selects


def probes(query: str) -> dict[str, tuple[str, tuple[object, ...]]]:
    """The probes of a normalized, non-empty query by name (a field of `Probes`), each run with a LIMIT (`plan`)."""
    keys = {"exact": search_rank.exact_sql(query), "prefix": search_rank.prefix_sql(query)}
    return {**keys, "own": _matching_rowids(query), "contacts": _contact_customers(query)}


def _rowid_list(rowids: set[int]) -> Tier:
    """A tier of these customers: looked up and sorted when few, else tested along the recency index (the unary +
    keeps SQLite from driving the query by the list)."""
    test = "c.rowid" if len(rowids) <= SORT_AT_MOST else "+c.rowid"
    return Tier(f"{test} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(rowids)),), len(rowids))


def _walked_contains(query: str) -> tuple[str, tuple[str, ...]]:
    """Matching through the text indexes, tested per customer while an ordered index is walked (many matches)."""
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
    """What the probes found, each up to its limit (`plan`): the customers with a key equal to the query (exact), with a
    key starting with it (prefix), and those the text indexes find (own) or find through a contact person
    (contacts), ranked higher or not."""

    exact: Sequence[int] = ()
    prefix: Sequence[int] = ()
    own: Sequence[int] = ()
    contacts: Sequence[int] = ()


def plan_from_probe(query: str, found: Probes) -> Plan:
    """The tiers, given what the probes found: a rank with few customers is a list of rowids, sorted when a page
    is read; a rank with many (FEW or more, three times that for the key ranks) is a condition tested while the
    recency index is walked, which then soon meets a hundred of them."""
    keys_few = FEW * KEYS_FEW_TIMES
    if len(found.exact) < keys_few:
        top = _rowid_list(set(found.exact))
    else:
        top = Tier(*search_rank.started_by("c.rowid", query, whole=True), None)
    if len(found.prefix) < keys_few:
        started = _rowid_list(set(found.prefix) - set(found.exact))
    else:
        starts, params = search_rank.started_by("c.rowid", query)
        started = Tier(f"{starts} AND NOT ({top.where})", (*params, *top.params), None)
    if len(found.own) < FEW and len(found.contacts) < FEW and len(found.prefix) < keys_few:
        rest = _rowid_list((set(found.own) | set(found.contacts)) - set(found.prefix))
    else:
        contains, params = _walked_contains(query)
        started_by, started_params = search_rank.started_by("c.rowid", query)
        rest = Tier(f"{contains} AND NOT {started_by}", (*params, *started_params), None, tuple(_unranked(query)))
    return Plan((top, started, rest), query)


def settled(db: SqliteDatabase, tier: Tier) -> Tier:
    """A walked tier as its list of rowids when its probes find fewer than FEW each, else as it is."""
    found: set[int] = set()
    for sql, params in tier.probes:
        rowids = [row[0] for row in db.execute_sql(f"{sql} LIMIT ?", (*params, FEW))]
        if len(rowids) >= FEW:
            return Tier(tier.where, tier.params, None)
        found.update(rowids)
    return _rowid_list(found)


def plan(db: SqliteDatabase, query: str) -> Plan:
    """How to fetch ranked pages of the customers matching a normalized, non-empty query."""
    limits = {"exact": FEW * KEYS_FEW_TIMES, "prefix": FEW * KEYS_FEW_TIMES, "own": FEW, "contacts": FEW}
    found = {
        name: [row[0] for row in db.execute_sql(f"{sql} LIMIT ?", (*params, limits[name]))]
        for name, (sql, params) in probes(query).items()
    }
    return plan_from_probe(query, Probes(**found))


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
