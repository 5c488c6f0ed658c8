"""Snapshots of a save that met another rep's changes (both versions, field by field) at 120x40 and 80x24, in
English and Simplified Chinese, on the seeded book with the clock frozen."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from salestui import i18n
from salestui.services import customers, reps
from salestui.services.context import Context
from salestui.services.session import open_context
from salestui.ui.live_refresh import POLL_SECONDS
from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, build_app, main, settle


@pytest.fixture
def bob(seeded: Seeded, db_path, clock) -> Context:
    reps.add(seeded.context, "bob")
    return open_context(db_path, "bob", clock)


def meet_bobs_save(bob: Context):
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        customer_id = main(pilot.app).customer_list.highlighted_row.id
        await pilot.press("e")
        await settle(pilot)
        form = pilot.app.screen
        form.control("phone").value = "138 1111 2222"
        form.control("needs").text = "Alice: 200 cartons"
        changes = {"phone": "139 9999 0000", "email": "bob@example.com", "tier": "vip"}
        await asyncio.to_thread(customers.update, bob, customer_id, changes)
        await pilot.pause(POLL_SECONDS * 2)  # the panes under the form show Bob's save before the shot
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_conflict_screen(snap_compare, seeded: Seeded, bob: Context, language: str, size: tuple[int, int]) -> None:
    i18n.set_language(language)
    app = build_app(dataclasses.replace(seeded.context, path=Path("/srv/sales/salestui.db")))
    assert snap_compare(app, terminal_size=size, run_before=meet_bobs_save(bob))
