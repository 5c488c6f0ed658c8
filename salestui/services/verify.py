"""Verify: the file, its schema, the hash chain and signed commits, every row, derived columns and anchors."""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import peewee

from salestui.db import schema
from salestui.db.connection import DatabaseError, database, database_path, is_busy, quick_check
from salestui.i18n import _, current_language
from salestui.services import anchors as anchor_file
from salestui.services import verify_rows
from salestui.services.verify_chain import walk
from salestui.services.views import VerifyReport

MAX_PROBLEMS = 1000
# From this many events the table checks run in a second process beside the chain walk.
PARALLEL_FROM = 200_000


def _schema(problems: list[str]) -> None:
    problems.extend(schema.describe(item) for item in schema.differences(schema.read(database.connection())))


def _unsigned_before() -> int:
    row = database.execute_sql("SELECT value FROM meta WHERE key = 'unsigned_before'").fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else 0


def verify(
    path: Path | None = None, expect: tuple[int, str] | None = None, parallel: bool | None = None
) -> VerifyReport:
    """Check everything; `expect` (seq, hash) is an anchor from outside the file that must still hold.

    SQLite's integrity check runs in a thread beside the chain walk (it releases the GIL), and on a ledger of
    PARALLEL_FROM events or more (or with `parallel`) the table checks run in a second process: the two cores
    share the work, and each reads the file on its own connection.
    """
    path = path or database_path()
    with ThreadPoolExecutor(max_workers=1) as threads:
        integrity = threads.submit(_integrity_in_thread)
        try:
            return _verify(path, expect, parallel, integrity)
        except (sqlite3.DatabaseError, peewee.DatabaseError) as error:
            if is_busy(error):
                raise
            damage = "; ".join(integrity.result()[:5]) or str(error)
            raise DatabaseError(_("{path} is damaged: {damage}").format(path=path, damage=damage)) from error


def _verify(
    path: Path, expect: tuple[int, str] | None, parallel: bool | None, integrity: Future[list[str]]
) -> VerifyReport:
    count, last_seq = database.execute_sql("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM ledger").fetchone()
    gaps = count != last_seq
    with database.atomic(), _table_runner(path, gaps, parallel, count) as tables:  # one snapshot of the file
        problems: list[str] = []
        _schema(problems)
        anchors, anchor_problems = anchor_file.read(anchor_file.anchors_path(path))
        problems += anchor_problems
        wanted = {anchor.seq for anchor in anchors} | ({expect[0]} if expect else set())
        chain = walk(problems, wanted, _unsigned_before())
        if chain.events == 0:
            problems.append(
                _(
                    "the ledger is empty, but a SalesTUI database starts with its first rep's event "
                    "(every event was deleted)"
                )
            )
        for anchor in anchors:
            _anchor(
                problems,
                chain.head_seq,
                chain.hashes.get(anchor.seq),
                anchor.seq,
                anchor.hash,
                _("the anchor of {day}").format(day=anchor.day),
            )
        if expect:
            _anchor(problems, chain.head_seq, chain.hashes.get(expect[0]), *expect, _("the expected anchor"))
        table_problems, rows = tables()
        problems = [*integrity.result(), *problems, *table_problems]
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], _("… and {count} more").format(count=len(problems) - MAX_PROBLEMS)]
    return VerifyReport(
        tuple(problems),
        chain.events,
        rows,
        chain.head_seq,
        chain.head_hash,
        signatures_checked=chain.signatures,
        anchors_checked=len(anchors),
        notes=tuple(chain.notes),
    )


def _integrity_in_thread() -> list[str]:
    try:
        return [_("integrity: {message}").format(message=message) for message in quick_check()]
    finally:
        database.close()  # this thread's own connection


@contextmanager
def _table_runner(
    path: Path, gaps: bool, parallel: bool | None, events: int
) -> Iterator[Callable[[], tuple[list[str], int]]]:
    """A function giving the table checks' result: computed now in this process, or awaited from a child."""
    if not (events >= PARALLEL_FROM if parallel is None else parallel):
        yield lambda: verify_rows.table_checks(gaps)
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        future = pool.submit(verify_rows.table_checks_in_child, str(path), current_language(), gaps)
        yield future.result


def _anchor(problems: list[str], head: int, found: str | None, seq: int, wanted: str, label: str) -> None:
    if seq > head:
        problems.append(
            _("the ledger ends at event {head:,} but {label} says {seq:,} (events removed from its end)").format(
                head=head, label=label, seq=seq
            )
        )
    elif found is None:
        problems.append(_("{label} names event {seq:,}, which is missing").format(label=label, seq=seq))
    elif found != wanted:
        problems.append(
            _("{label} says event {seq:,} had hash {wanted}, the ledger now has {found} (history re-written)").format(
                label=label, seq=seq, wanted=wanted, found=found
            )
        )
