"""SQLite-specific customer search over two FTS5 indexes.

Queries of 3+ characters match anywhere in `search_text` through a trigram index. Shorter ones (a surname
like 张, a two-character name like 张伟, "li", "zw") would find nothing there, so they go to a word index over
`short_text`, where every hanzi is a word of its own: hanzi match as adjacent words, a latin query as a word
prefix. Each query gets a plan chosen by how many rows match: few are fetched by rowid and sorted; for many,
the name-order index is walked and stops after a page. The indexes and their triggers are made by the
migrations (`schema_v1`).

Contact persons have two indexes of their own of the same two kinds (`contact_fts`, `contact_short_fts`, rowid =
the contact person's rowid): a customer also matches when one of its contact persons does, and the plan says
through whom (`via`) when the customer itself does not match.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from peewee import SqliteDatabase

MIN_TRIGRAM = 3
HANZI = re.compile(r"[\u3400-\u9fff]")
# Up to this many matches are fetched by rowid and sorted; past it the name-order index is walked.
FEW = 1000


@dataclass(frozen=True)
class Plan:
    where: str
    params: tuple
    # The number of matches when the probe saw them all (fewer than FEW), else None.
    known_count: int | None
    # Customer id -> the name of the contact person it matched through, for customers that do not match themselves.
    via: dict[str, str] = field(default_factory=dict)


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
    """A SELECT of the rowids of the customers themselves matching a normalized, non-empty query."""
    source, condition, params = _match(query, "customer_fts", "customer_short_fts", "customer")
    return f"SELECT rowid FROM {source} WHERE {condition}", params


def _contact_matches(query: str, columns: str) -> tuple[str, tuple[str, ...]]:
    """A SELECT of `columns` (of cp, the contact person, and cc, its customer) for contact persons matching."""
    source, condition, params = _match(query, "contact_fts", "contact_short_fts", "contact_fts")
    return (
        f"SELECT {columns} FROM {source} JOIN contact_person cp ON cp.rowid = {source}.rowid "
        f"JOIN customer cc ON cc.id = cp.customer_id WHERE {condition}",
        params,
    )


def _every_match(query: str) -> tuple[str, tuple[str, ...]]:
    """A SELECT of the rowids of the customers matching themselves or through a contact person."""
    direct, params = _matching_rowids(query)
    contacts, contact_params = _contact_matches(query, "cc.rowid")
    return f"{direct} UNION {contacts}", (*params, *contact_params)


def match_clause(query: str) -> tuple[str, tuple[str, ...]]:
    """The plain filter for a normalized query, good for counting."""
    rowids, params = _every_match(query)
    return f"c.rowid IN ({rowids})", params


def probe(query: str) -> tuple[str, tuple]:
    """SQL for the rowids of up to FEW customers matching a normalized, non-empty query themselves."""
    rowids, params = _matching_rowids(query)
    return f"{rowids} LIMIT ?", (*params, FEW)


def contact_probe(query: str) -> tuple[str, tuple]:
    """SQL for up to FEW (customer rowid, customer id, contact person's name) of contact persons matching."""
    sql, params = _contact_matches(query, "cc.rowid, cc.id, cp.name")
    return f"{sql} ORDER BY cp.rowid LIMIT ?", (*params, FEW)


def plan_from_probe(
    query: str, rowids: list[int], contact_rowids: Sequence[int] = (), via: dict[str, str] | None = None
) -> Plan:
    """The plan, given what the probes found (the customers' own matches, then those through contacts)."""
    every = set(rowids) | set(contact_rowids)
    if len(rowids) < FEW and len(contact_rowids) < FEW:
        return Plan("c.rowid IN (SELECT value FROM json_each(?))", (json.dumps(sorted(every)),), len(every), via or {})
    matching, params = _every_match(query)
    # Unary + keeps SQLite from driving the query by the match; it walks the name index instead.
    return Plan(f"+c.rowid IN ({matching})", params, None, via or {})


def plan(db: SqliteDatabase, query: str) -> Plan:
    """How to fetch name-ordered pages of the customers matching a normalized, non-empty query."""
    sql, params = probe(query)
    rowids = [row[0] for row in db.execute_sql(sql, params)]
    sql, params = contact_probe(query)
    contacts = db.execute_sql(sql, params).fetchall()
    direct = set(rowids)
    if len(rowids) >= FEW and contacts:  # the probe stopped early: ask which of these match themselves
        among, among_params = _matching_rowids(query)
        listed = json.dumps([row[0] for row in contacts])
        found = db.execute_sql(f"SELECT value FROM json_each(?) WHERE value IN ({among})", (listed, *among_params))
        direct.update(row[0] for row in found)
    via: dict[str, str] = {}
    for rowid, customer_id, name in contacts:
        if rowid not in direct:
            via.setdefault(customer_id, name)
    return plan_from_probe(query, rowids, [row[0] for row in contacts], via)
