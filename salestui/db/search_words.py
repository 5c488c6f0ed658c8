"""The words the search indexes hold beside the text itself: pinyin (full and initials) and phone digits.

Customers keep theirs in hashed columns (services/search_keys.py builds them); contact persons' are kept only in
their own two FTS5 indexes (`contact_fts`, `contact_short_fts`), which the migration that made them fills and the
contacts service keeps in step on every write.

The ranking keys (`customer_search_key`, schema step `_v7_search_rank`) are each customer's whole forms, compared
whole (exact) or by their start (prefix): the name and the company case-folded, their pinyin with the digits and
latin letters kept (客户05 -> kehu05, kh05), and the phone's digits with and without its country code. They are
derived data outside the ledger's hashes, so they can change with the code: the migration fills them, and every
write transaction rekeys the customers it wrote (`index_written_customers`, through `Context.write`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import Any

from salestui.db.search import HANZI, spaced
from salestui.db.search_rank import PHONE_KEY, TEXT_KEY

CONTACT_INDEXES = ("contact_fts", "contact_short_fts")
_CHUNK = 5000

HANZI_RUN = re.compile(r"([\u3400-\u9fff]+)")
# E.164 country codes are prefix-free: 1 and 7 stand alone, these two-digit ones too, every other code has three.
TWO_DIGIT_CODES = frozenset(
    "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 "
    "81 82 84 86 90 91 92 93 94 95 98".split()
)
# "00" opens an international number only when enough digits follow for a country code and a national number;
# a shorter run is a fragment ("0013800"), kept as typed.
MIN_INTERNATIONAL = 11


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


def pinyin_keys(text: str) -> tuple[str, str]:
    """('kehu05', 'kh05') for 客户05: the pinyin forms with the letters and digits around the hanzi kept (without
    spaces or punctuation); empty strings when there is no hanzi."""
    if not HANZI.search(text):
        return "", ""
    full: list[str] = []
    initials: list[str] = []
    for number, run in enumerate(HANZI_RUN.split(unicodedata.normalize("NFC", text))):
        if number % 2:  # a run of hanzi
            syllables = pinyin_syllables(run)
            full.extend(syllables)
            initials.extend(syllable[0] for syllable in syllables)
        else:
            kept = "".join(char for char in run if char.isalnum()).casefold()
            full.append(kept)
            initials.append(kept)
    return "".join(full), "".join(initials)


def digits_of(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def national_digits(phone: str) -> str:
    """The digits of a phone number without its country code, when it is written with one (+86 138-0013-8000 or
    0086 138 0013 8000 -> 13800138000); otherwise all its digits."""
    digits = digits_of(phone)
    if phone.lstrip().startswith("+"):
        international = digits
    elif digits.startswith("00") and len(digits) >= MIN_INTERNATIONAL:
        international = digits[2:]
    else:
        return digits
    if not international:
        return ""
    code = 1 if international[0] in "17" else 2 if international[:2] in TWO_DIGIT_CODES else 3
    return international[code:]


def text_key(text: str) -> str:
    """A name or company as the ranking compares it: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def customer_keys(name: str, company: str, phone: str) -> set[tuple[int, str]]:
    """The (kind, key) pairs a customer is ranked by: whole forms, which a query equals or starts."""
    keys = {(TEXT_KEY, text_key(text)) for text in (name, company)}
    keys |= {(TEXT_KEY, form) for text in (name, company) for form in pinyin_keys(text)}
    keys |= {(PHONE_KEY, digits_of(phone)), (PHONE_KEY, national_digits(phone))}
    return {(kind, key) for kind, key in keys if key}


_REKEY = "DELETE FROM customer_search_key WHERE customer_rowid IN (SELECT value ->> 0 FROM json_each(?))"
_ADD_KEYS = (
    "INSERT OR IGNORE INTO customer_search_key(kind, key, customer_rowid) "
    "SELECT value ->> 1, value ->> 2, value ->> 0 FROM json_each(?)"
)


def index_customer_keys(db: Any, where: str = "", params: tuple[Any, ...] = ()) -> int:
    """Replace the ranking keys of the customers `where` selects (a condition on customer c; "" for every one);
    returns how many customers were keyed."""
    select = f"SELECT c.rowid, c.name, c.company, c.phone FROM customer c WHERE c.rowid > ? {where and 'AND ' + where}"
    last, done = 0, 0
    while True:
        rows = db.execute_sql(f"{select} ORDER BY c.rowid LIMIT {_CHUNK}", (last, *params)).fetchall()
        if not rows:
            return done
        rowids = json.dumps([[rowid] for rowid, *_values in rows])
        keys = [[rowid, kind, key] for rowid, *values in rows for kind, key in sorted(customer_keys(*values))]
        db.execute_sql(_REKEY, (rowids,))
        db.execute_sql(_ADD_KEYS, (json.dumps(keys, ensure_ascii=False),))
        last, done = rows[-1][0], done + len(rows)


def index_written_customers(db: Any, first_seq: int) -> int:
    """Rekey the customers the ledger events from `first_seq` on wrote (the current write transaction's)."""
    return index_customer_keys(
        db,
        "c.id IN (SELECT entity_id FROM ledger WHERE seq >= ? AND entity = 'customer')",
        (first_seq,),
    )


def contact_texts(name: str, phone: str) -> tuple[str, str]:
    """A contact person's (search_text, short_text): what the trigram and the word index hold for them."""
    digits = digits_of(phone)
    full, initials = pinyin_forms(name)
    keyed = [form for form in pinyin_keys(name) if form not in (full, initials)]  # 客户05 -> kehu05, kh05
    long_text = " ".join(part for part in (name, phone, digits, full, initials, *keyed) if part).casefold()
    short_text = " ".join(part for part in (spaced(name), " ".join(pinyin_syllables(name)), initials) if part)
    return long_text, short_text


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
