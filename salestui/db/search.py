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

MIN_TRIGRAM = 3
HANZI = re.compile(r"[\u3400-\u9fff]")
# Up to this many matches are fetched by rowid and sorted; past it the name-order index is walked.
FEW = 1000
# The rowids of the customers merged into another, which search never finds: few, so gathered once per query from
# customer_merge (one row each) rather than by reading every matching customer's merge pointer.
MERGED_ROWIDS = "SELECT mc.rowid FROM customer_merge cm JOIN customer mc ON mc.id = cm.merged_id"


@dataclass(frozen=True)
class Plan:
    where: str
    params: tuple[object, ...]
    # The number of matches when the probe saw them all (fewer than FEW), else None.
    known_count: int | None
    # The normalized query, to say whom each customer of a page matched through (`via`); "" for no query.
    query: str = ""


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


def _every_match(query: str) -> tuple[str, tuple[str, ...]]:
    """A SELECT of the rowids of the customers matching themselves or through a contact person."""
    direct, params = _matching_rowids(query)
    contacts, contact_params = _contact_customers(query)
    return f"{direct} UNION {contacts}", (*params, *contact_params)


def match_clause(query: str) -> tuple[str, tuple[str, ...]]:
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


def plan_from_probe(query: str, rowids: list[int], contact_rowids: Sequence[int] = ()) -> Plan:
    """The plan, given what the probes found (the customers' own matches, then those through contacts)."""
    if len(rowids) < FEW and len(contact_rowids) < FEW:
        every = sorted(set(rowids) | set(contact_rowids))
        return Plan("c.rowid IN (SELECT value FROM json_each(?))", (json.dumps(every),), len(every), query)
    matching, params = _matching_rowids(query)
    source, condition, contact_params = _match(query, "contact_fts", "contact_short_fts", "contact_fts")
    # Unary + keeps SQLite from driving the query by the matches; it walks the name index instead, and looks
    # up each customer's few contact persons in the list of matching ones (made once).
    through_contact = (
        "EXISTS (SELECT 1 FROM contact_person cp WHERE cp.customer_id = c.id "
        f"AND +cp.rowid IN (SELECT {source}.rowid FROM {source} WHERE {condition}))"
    )
    return Plan(f"(+c.rowid IN ({matching}) OR {through_contact})", (*params, *contact_params), None, query)


def plan(db: SqliteDatabase, query: str) -> Plan:
    """How to fetch name-ordered pages of the customers matching a normalized, non-empty query."""
    sql, params = probe(query)
    rowids = [row[0] for row in db.execute_sql(sql, params)]
    sql, params = contact_probe(query)
    return plan_from_probe(query, rowids, [row[0] for row in db.execute_sql(sql, params)])


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
