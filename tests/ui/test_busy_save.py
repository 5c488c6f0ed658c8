"""A save that finds the database busy (another SalesTUI writing) is retried in the background, then reported."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from salestui.db import database as database_module
from salestui.services import timeline
from salestui.services.context import Context
from salestui.services.session import close, open_context
from salestui.ui.forms import InteractionForm
from salestui.ui.forms import base as form_base
from tests.conftest import Seeded
from tests.ui.conftest import notes
from tests.ui.test_forms import SIZE, FormHost, type_into

RETRYING = "The database is busy (another SalesTUI is writing); retrying…"


@pytest.fixture
def context(db_path: Path, clock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    """The usual context, opened with a busy timeout of a tenth of a second and quick retries."""
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_SECONDS", 0.1)
    monkeypatch.setattr(form_base, "BUSY_RETRY_SECONDS", 0.2)
    yield open_context(db_path, "alice", clock)
    close()


@pytest.fixture
def holder(db_path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's connection, holding the write lock until it rolls back."""
    connection = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    connection.execute("BEGIN IMMEDIATE")
    yield connection
    if connection.in_transaction:
        connection.rollback()
    connection.close()


def messages(app: FormHost) -> list[tuple[str, str]]:
    return [(note.severity, str(note.message)) for note in notes(app)]


async def wait_for(pilot: Pilot[Any], condition, seconds: float = 10.0) -> None:
    for _round in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out")


async def test_a_busy_save_is_retried_and_lands_once_the_lock_is_free(
    seeded: Seeded, holder: sqlite3.Connection
) -> None:
    customer_id = seeded.customer_ids["张伟"]
    before = len(timeline.page(customer_id))
    form = InteractionForm(seeded.context, customer_id, "张伟")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, form, "summary", "Called while busy")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: ("information", RETRYING) in messages(app))
        assert app.screen is form and form.saving
        holder.rollback()
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: bool(app.results))
        assert app.screen is not form
        assert [severity for severity, _text in messages(app)] == ["information"]
    entries = timeline.page(customer_id)
    assert len(entries) == before + 1 and entries[0].summary == "Called while busy"


async def test_a_save_still_busy_after_every_try_says_so_and_keeps_the_form(
    seeded: Seeded, holder: sqlite3.Connection
) -> None:
    customer_id = seeded.customer_ids["张伟"]
    before = len(timeline.page(customer_id))
    form = InteractionForm(seeded.context, customer_id, "张伟")
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, form, "summary", "Never saved")
        await pilot.press("ctrl+s")
        await asyncio.wait_for(app.workers.wait_for_complete(), 30)
        await wait_for(pilot, lambda: any(severity == "error" for severity, _text in messages(app)))
        assert app.screen is form and not form.saving and app.results == []
        assert form.text("summary") == "Never saved"
        assert messages(app) == [
            ("information", RETRYING),
            ("error", "Not saved: the database is still busy (another SalesTUI is writing); try again."),
        ]
    holder.rollback()
    assert len(timeline.page(customer_id)) == before
