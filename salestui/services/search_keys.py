"""Derived search columns: pinyin (full and initials), phone digits, a sort key."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from salestui.services.customer_fields import phone_digits

__all__ = ["normalize_query", "phone_digits", "pinyin_forms", "search_text", "short_text", "sort_key"]

_HANZI = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=65536)
def pinyin_forms(text: str) -> tuple[str, str]:
    """('zhangwei', 'zw') for 张伟; empty strings when there is no hanzi."""
    if not _HANZI.search(text):
        return "", ""
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if s.strip()]
    return "".join(syllables).lower(), "".join(s[0] for s in syllables).lower()


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
    """What 1-2 character queries look in: a surname (张 or "li"), a two-character name, initials like "zw"."""
    parts = [name, company, *pinyin_forms(name), pinyin_forms(company)[1]]
    return " ".join(part for part in parts if part).casefold()


def normalize_query(query: str) -> str:
    """What a typed query is matched as: NFC, case-folded, a phone number reduced to its digits."""
    text = unicodedata.normalize("NFC", query).strip().casefold()
    if text and re.fullmatch(r"\+?[0-9 ()\-]+", text) and any(ch.isdigit() for ch in text):
        return phone_digits(text)
    return text
