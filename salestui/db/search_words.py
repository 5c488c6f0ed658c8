"""The words the search indexes hold beside the text itself: pinyin (full and initials) and phone digits.

Customers keep theirs in hashed columns (services/search_keys.py builds them); contact persons' are kept only in
their own two FTS5 indexes (`contact_fts`, `contact_short_fts`), which the migration that made them fills and the
contacts service keeps in step on every write.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from salestui.db.search import HANZI, spaced


@lru_cache(maxsize=65536)
def pinyin_syllables(text: str) -> tuple[str, ...]:
    """('zhang', 'wei') for 张伟; empty when there is no hanzi."""
    if not HANZI.search(text):
        return ()
    from pypinyin import Style, lazy_pinyin

    return tuple(s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if s.strip())


def pinyin_forms(text: str) -> tuple[str, str]:
    """('zhangwei', 'zw') for 张伟; empty strings when there is no hanzi."""
    syllables = pinyin_syllables(text)
    return "".join(syllables), "".join(s[0] for s in syllables)


def contact_texts(name: str, phone: str) -> tuple[str, str]:
    """A contact person's (search_text, short_text): what the trigram and the word index hold for them."""
    digits = "".join(char for char in phone if char.isdigit())
    full, initials = pinyin_forms(name)
    long_text = " ".join(part for part in (name, phone, digits, full, initials) if part).casefold()
    short_text = " ".join(part for part in (spaced(name), " ".join(pinyin_syllables(name)), initials) if part)
    return long_text, short_text


CONTACT_INDEXES = ("contact_fts", "contact_short_fts")
_CHUNK = 5000


def index_contacts(db: Any, contact_ids: list[str] | None = None) -> int:
    """Bring both contact indexes in step with the contact persons `contact_ids` (None: every one); returns how
    many were indexed. Run inside the write that changed them."""
    select = "SELECT rowid, name, phone FROM contact_person WHERE rowid > ?"
    params: tuple[Any, ...] = ()
    if contact_ids is not None:
        select += " AND id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(contact_ids),)
    last, done = 0, 0
    while True:
        rows = db.execute_sql(f"{select} ORDER BY rowid LIMIT {_CHUNK}", (last, *params)).fetchall()
        if not rows:
            return done
        entries = json.dumps([[rowid, *contact_texts(name, phone)] for rowid, name, phone in rows], ensure_ascii=False)
        for index, column, position in (("contact_fts", "search_text", 1), ("contact_short_fts", "short_text", 2)):
            db.execute_sql(f"DELETE FROM {index} WHERE rowid IN (SELECT value ->> 0 FROM json_each(?))", (entries,))
            db.execute_sql(
                f"INSERT INTO {index}(rowid, {column}) SELECT value ->> 0, value ->> {position} FROM json_each(?)",
                (entries,),
            )
        last, done = rows[-1][0], done + len(rows)
