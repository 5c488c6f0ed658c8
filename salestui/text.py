"""Making user text safe to show and checking the text people type before it is stored."""

from __future__ import annotations

import re
import unicodedata

from salestui.i18n import _

# Characters that show nothing yet change what text means or how it is laid out: zero-width spaces, joiners and
# marks (U+200B-U+200F, U+2060-U+2064, U+FEFF), line and paragraph separators (U+2028, U+2029), bidi embeddings,
# overrides and isolates that can disguise text (U+202A-U+202E, U+2066-U+2069, U+061C).
_INVISIBLE = "\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
# Lone surrogates: how Python carries bytes that are not UTF-8 (e.g. in a command-line argument); unprintable.
_SURROGATES = "\ud800-\udfff"
# C0 controls, DEL, C1 controls, the invisible characters and lone surrogates: never stored, never shown raw.
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}{_SURROGATES}]")
_INVISIBLE_CHAR = re.compile(f"[{_INVISIBLE}]")


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

    C0 controls become Control Pictures (␛); invisible and direction characters and lone surrogates become
    U+FFFD, so they can be seen and the result can always be encoded (printing never raises).
    """
    if not text:
        return ""
    return _UNSAFE.sub(_placeholder, text)


def one_line(text: str | None) -> str:
    """Visible text squeezed to one line, for lists and headers."""
    return visible((text or "").replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def control_characters(text: str, allow_newlines: bool = False) -> list[int]:
    """Offsets of characters not allowed in stored text (controls, invisible and direction characters)."""
    bad = []
    for offset, char in enumerate(text):
        if allow_newlines and char in "\n\t":
            continue
        if _UNSAFE.match(char) or (char in "\n\r\t"):
            bad.append(offset)
    return bad


def character_problem(text: str, allow_newlines: bool = False) -> str | None:
    """What is wrong with the first character not allowed in stored text, with its position; None if none."""
    bad = control_characters(text, allow_newlines)
    if not bad:
        return None
    char, position = text[bad[0]], bad[0] + 1
    if _INVISIBLE_CHAR.match(char):
        return _("invisible character U+{code:04X} at position {offset}").format(code=ord(char), offset=position)
    if "\ud800" <= char <= "\udfff":
        return _("a byte that is not UTF-8 at position {offset}").format(offset=position)
    return _("control character at position {offset}").format(offset=position)


def normalize(text: str) -> str:
    """NFC-normalize and trim, so the same name typed twice is stored the same way."""
    return unicodedata.normalize("NFC", text).strip()
