"""Command-line output: ISO times, JSON a terminal cannot be tricked by, tables aligned for hanzi."""

from __future__ import annotations

import argparse
import itertools
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, TextIO
from unicodedata import category, combining, east_asian_width

from salestui.i18n import _

# Widest a column may get, in terminal cells, unless the caller says otherwise; longer text is cut with "…".
COLUMN_LIMIT = 28
# Characters JSON leaves raw that a terminal may still act on or that show nothing (DEL, C1 controls, zero-width,
# separator and direction characters), and lone surrogates, which cannot be encoded at all: all written as \u
# escapes, which JSON reads back as they were.
_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _cells(character: str) -> int:
    """How many terminal cells `character` takes: 2 for hanzi and other wide ones, 0 for marks that join the one
    before (rich's tables would do; loading them costs each command ~5 ms)."""
    if character.isascii():
        return 1
    if combining(character) or category(character) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if east_asian_width(character) in ("W", "F") else 1


def cell_len(text: str) -> int:
    return len(text) if text.isascii() else sum(map(_cells, text))


def set_cell_size(text: str, width: int) -> str:
    """`text` cut or padded with spaces to exactly `width` cells (a wide character that would straddle the edge
    becomes a space)."""
    if text.isascii():
        return text[:width].ljust(width)
    kept, used = [], 0
    for character in text:
        cells = _cells(character)
        if used + cells > width:
            break
        kept.append(character)
        used += cells
    return "".join(kept) + " " * (width - used)


class UsageError(Exception):
    """The command cannot run as asked; the message says why (exit 2)."""


def iso_utc(moment: datetime | None, seconds: bool = False) -> str | None:
    """ISO 8601 in UTC with a Z, e.g. 2026-11-26T01:30:00Z."""
    if moment is None:
        return None
    moment = moment.astimezone(UTC)
    if seconds:
        moment = moment.replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


def safe_json(value: Any) -> str:
    """JSON with non-ASCII text kept, and the few characters a terminal might act on escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def print_table(
    out: TextIO,
    headers: dict[str, str],
    rows: Iterator[dict[str, str]],
    limits: dict[str, int] | None = None,
    sample: int = 500,
) -> int:
    """Print rows aligned by terminal cells (hanzi are two wide); widths come from the first `sample` rows.

    Streaming: rows after the sample are printed as they come, cut with … where wider than the column.
    Returns how many rows were printed (nothing at all, not even the header, when there are none).
    """
    first = list(itertools.islice(rows, sample))
    if not first:
        return 0
    limits = limits or {}
    widths = {
        name: max(cell_len(header), *(min(cell_len(row[name]), limits.get(name, COLUMN_LIMIT)) for row in first))
        for name, header in headers.items()
    }

    def fit(text: str, width: int) -> str:
        if cell_len(text) > width:
            return set_cell_size(text, width - 1) + "…"
        return set_cell_size(text, width)

    def line(cells: dict[str, str]) -> str:
        return "  ".join(fit(cells[name], widths[name]) for name in widths).rstrip()

    out.write(line(headers) + "\n")
    out.write("  ".join("-" * widths[name] for name in widths) + "\n")
    count = 0
    for row in itertools.chain(first, rows):
        out.write(line(row) + "\n")
        count += 1
    return count


def positive(text: str) -> int:
    """An option's whole number of at least 1 (argparse's `type`)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(_("a whole number of at least 1, not {text!r}").format(text=text))
    return int(text)
