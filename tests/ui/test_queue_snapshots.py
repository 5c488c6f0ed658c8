"""Snapshots of the Follow-ups pane over the daily queue (overdue, today, upcoming with a promise and a deal due, a
suggestion to get in touch) and of the team view, at 120x40 and 80x24, in English and Simplified Chinese."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import Seeded
from tests.queue_book import seed_queue
from tests.ui.conftest import SMALL, WIDE, settle
from tests.ui.test_snapshots import snapshot_app


async def show_queue(pilot: Pilot[Any], team: bool) -> None:
    """Focus the Follow-ups pane (the one shown at 80x24), and for `team` switch to the team's queue."""
    await settle(pilot)
    await pilot.press("tab", "tab", *(["t"] if team else []))
    await settle(pilot)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize("view", ["mine", "team"])
def test_queue(snap_compare, seeded: Seeded, view: str, size: tuple[int, int], language: str) -> None:
    app = snapshot_app(seed_queue(seeded), language)
    assert snap_compare(app, terminal_size=size, run_before=partial(show_queue, team=view == "team"))
