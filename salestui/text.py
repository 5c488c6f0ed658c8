"""Making user text safe to show and checking single-line input."""

from __future__ import annotations

import re
import unicodedata

# C0 controls, DEL, C1 controls, bidi overrides that can disguise text, and lone surrogates (how Python carries
# bytes that are not UTF-8, e.g. in a path from the command line; they cannot even be printed).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: the Control Pictures block.
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: str | None) -> str:
    """Replace control characters with visible placeholders so nothing reaches the terminal raw.

    Lone surrogates become U+FFFD, so the result can always be encoded (printing never raises).
    """
    if not text:
        return ""
    return _UNSAFE.sub(_placeholder, text)


def one_line(text: str | None) -> str:
    """Visible text squeezed to one line, for lists and headers."""
    return visible((text or "").replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def control_characters(text: str, allow_newlines: bool = False) -> list[int]:
    """Offsets of characters not allowed in stored text."""
    bad = []
    for offset, char in enumerate(text):
        if allow_newlines and char in "\n\t":
            continue
        if _UNSAFE.match(char) or (char in "\n\r\t"):
            bad.append(offset)
    return bad


def normalize(text: str) -> str:
    """NFC-normalize and trim, so the same name typed twice is stored the same way."""
    return unicodedata.normalize("NFC", text).strip()
