"""Derived search columns: pinyin (full and initials), phone digits, a sort key."""

from __future__ import annotations

import re
import unicodedata

from salestui.db.search import spaced
from salestui.db.search_words import national_digits
from salestui.db.search_words import pinyin_forms as pinyin_forms
from salestui.db.search_words import pinyin_syllables as pinyin_syllables
from salestui.services.customer_fields import phone_digits


def sort_key(name: str) -> str:
    """Names sort by their pinyin, so 张伟 files under Z beside Zhang Wei."""
    full, _initials = pinyin_forms(name)
    return (full or name).casefold()


def search_text(name: str, company: str, phone: str, email: str, im_handle: str) -> str:
    parts = [name, company, phone, phone_digits(phone), email, im_handle]
    for text in (name, company):
        parts.extend(pinyin_forms(text))
    return " ".join(part for part in parts if part).casefold()


def short_text(name: str, company: str) -> str:
    """The words 1-2 character queries look for: each hanzi, name words, pinyin syllables and initials."""
    name_pinyin = pinyin_syllables(name)
    company = "" if company == name else company
    # Latin words stand between the two names, so hanzi never look adjacent across them (伟 | 华).
    parts = [spaced(name), " ".join(name_pinyin), pinyin_forms(name)[1], pinyin_forms(company)[1], spaced(company)]
    return " ".join(part for part in parts if part)


def normalize_query(query: str) -> str:
    """What a typed query is matched as: NFC, case-folded, single spaces; a phone number reduced to its digits,
    less the country code when it is written with one (+86 138 0013 8000 -> 13800138000), as the stored numbers
    are also compared without theirs."""
    text = " ".join(unicodedata.normalize("NFC", query).casefold().split())
    if text and re.fullmatch(r"\+?[0-9 ().\-]+", text) and any(ch.isdigit() for ch in text):
        return national_digits(text)
    return text
