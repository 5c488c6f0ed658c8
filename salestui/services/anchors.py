"""Anchors: ledger heads written down outside the database, so a cut or re-written history shows.

The anchors file sits beside the database (`salestui.db.anchors`), one line per anchor: `seq hash utc-time`.
It only grows; `verify` checks every line against the ledger.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from salestui.i18n import N_, _, translate
from salestui.services import ledger

_LINE = re.compile(r"(\d{1,18}) ([0-9a-f]{64}) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Anchor:
    line: int
    seq: int
    hash: str
    at: str  # UTC time text as written

    @property
    def day(self) -> str:
        return self.at[:10]


def anchors_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".anchors")


def read(path: Path) -> tuple[list[Anchor], list[str]]:
    """The anchors in the file and a problem for each line that cannot be read or is out of order."""
    anchors: list[Anchor] = []
    problems: list[str] = []
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return anchors, problems
    except OSError as error:
        return anchors, [_("anchors file {path}: cannot be read ({error})").format(path=path, error=error.strerror)]
    for number, line_bytes in enumerate(raw.splitlines(), start=1):
        text = line_bytes.decode("utf-8", errors="replace").strip()
        if not text:
            continue
        match = _LINE.fullmatch(text)
        if not match:
            problems.append(_("anchors file line {line}: not 'seq hash utc-time'").format(line=number))
            continue
        anchor = Anchor(number, int(match[1]), match[2], match[3])
        if anchors and (anchor.seq < anchors[-1].seq or anchor.at < anchors[-1].at):
            problems.append(
                _("anchors file line {line}: goes back before the line above it (the file was edited)").format(
                    line=number
                )
            )
        anchors.append(anchor)
    return anchors, problems


def append(database_path: Path, now: datetime) -> Anchor:
    """Write the current head as a new line of the anchors file (fsynced); OSError if the file cannot be written."""
    seq, head_hash = ledger.head()
    path = anchors_path(database_path)
    at = now.astimezone(UTC).strftime(TIME_FORMAT)
    existing, _problems = read(path)
    line = f"{seq} {head_hash} {at}\n"
    with path.open("a", encoding="ascii") as out:
        out.write(line)
        out.flush()
        os.fsync(out.fileno())
    return Anchor(len(existing) + 1, seq, head_hash, at)


def append_daily(database_path: Path, now: datetime) -> None:
    """After a write: anchor the head unless the file already has an anchor from today (UTC). Never raises."""
    path = anchors_path(database_path)
    today = now.astimezone(UTC).strftime("%Y-%m-%d")
    try:
        last = _last_line(path)
        if last and last.rsplit(" ", 1)[-1][:10] == today:
            return
        append(database_path, now)
    except (OSError, ValueError):
        pass  # a read-only folder: the write itself landed; `salestui anchor` reports the problem


def _last_line(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 256))
            tail = handle.read().decode("ascii", errors="replace").strip().splitlines()
    except FileNotFoundError:
        return ""
    return tail[-1] if tail else ""


ANCHOR_LINE = N_("Record reference: SalesTUI ledger event {seq}, SHA-256 {hash}")


def anchor_text(seq: int | None = None, head_hash: str | None = None) -> str:
    """One line to print into a memo or statement the customer keeps: the ledger head as of now."""
    if seq is None or head_hash is None:
        seq, head_hash = ledger.head()
    return _(ANCHOR_LINE).format(seq=seq, hash=head_hash)


def anchor_text_in(language: str, seq: int, head_hash: str) -> str:
    """anchor_text in `language` (a memo speaks its customer's language, not the interface's)."""
    return translate(ANCHOR_LINE, language).format(seq=seq, hash=head_hash)
