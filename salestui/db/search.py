"""SQLite-specific customer search over two FTS5 indexes.

Queries of 3+ characters match anywhere in `search_text` through a trigram index. Shorter ones (a surname
like 张, a two-character name like 张伟, "li", "zw") would find nothing there, so they go to a word index over
`short_text`, where every hanzi is a word of its own: hanzi match as adjacent words, a latin query as a word
prefix. Each query gets a plan chosen by how many rows match: few are fetched by rowid and sorted; for many,
the name-order index is walked and stops after a page. The indexes and their triggers are made by the
migrations (`schema_v1`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from peewee import SqliteDatabase

MIN_TRIGRAM = 3
HANZI = re.compile(r"[\u3400-\u9fff]")
# Up to this many matches are fetched by rowid and sorted; past it the name-order index is walked.
FEW = 1000


@dataclass(frozen=True)
class Plan:
    where: str
    params: tuple[object, ...]
    # The number of matches when the probe saw them all (fewer than FEW), else None.
    known_count: int | None


def spaced(text: str) -> str:
    """Each hanzi as a word of its own ("客户05 Ltd" -> "客 户 05 ltd"), so a word index finds one or two."""
    return " ".join(HANZI.sub(r" \g<0> ", text).split()).casefold()


def short_query(query: str) -> str:
    """An FTS5 query for a normalized 1-2 character query: hanzi as adjacent words, a latin end as a prefix."""
    words = spaced(query).split()
    phrase = '"' + " ".join(word.replace('"', '""') for word in words) + '"'
    return phrase if HANZI.fullmatch(words[-1]) else phrase + " *"


def _matching_rowids(query: str) -> tuple[str, tuple[str, ...]]:
    """A SELECT of the rowids matching a normalized, non-empty query, and its parameters."""
    if len(query) >= MIN_TRIGRAM:
        phrase = '"' + query.replace('"', '""') + '"'
        return "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?", (phrase,)
    if all(char.isalnum() or char.isspace() for char in query):
        return "SELECT rowid FROM customer_short_fts WHERE customer_short_fts MATCH ?", (short_query(query),)
    # Punctuation ("%", "a_") is no word: a scan, rare enough to be slow.
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "SELECT rowid FROM customer WHERE search_text LIKE ? ESCAPE '\\'", (f"%{escaped}%",)


def match_clause(query: str) -> tuple[str, tuple[str, ...]]:
    """The plain filter for a normalized query, good for counting."""
    rowids, params = _matching_rowids(query)
    return f"c.rowid IN ({rowids})", params


def probe(query: str) -> tuple[str, tuple[object, ...]]:
    """SQL for the rowids of up to FEW matches of a normalized, non-empty query."""
    rowids, params = _matching_rowids(query)
    return f"{rowids} LIMIT ?", (*params, FEW)


def plan_from_probe(query: str, rowids: list[int]) -> Plan:
    """The plan, given what the probe found."""
    if len(rowids) < FEW:
        return Plan("c.rowid IN (SELECT value FROM json_each(?))", (json.dumps(rowids),), len(rowids))
    matching, params = _matching_rowids(query)
    # Unary + keeps SQLite from driving the query by the match; it walks the name index instead.
    return Plan(f"+c.rowid IN ({matching})", params, None)


def plan(db: SqliteDatabase, query: str) -> Plan:
    """How to fetch name-ordered pages of the customers matching a normalized, non-empty query."""
    sql, params = probe(query)
    return plan_from_probe(query, [row[0] for row in db.execute_sql(sql, params)])
