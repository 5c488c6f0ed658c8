"""Snapshots of the done form (a call follow-up: outcome typed, the next one planned) and the snooze list, at
120x40 and 80x24, in English and Simplified Chinese, with the frozen clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from salestui.services import followups
from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, settle
from tests.ui.test_snapshots import snapshot_app


def with_a_call(seeded: Seeded) -> Seeded:
    context = seeded.context
    due = context.clock.now() - timedelta(days=5)
    raw = {"title": "Call about the 2027 prices / 报价", "kind": "call", "due_at": due, "priority": "high"}
    followups.create(context, seeded.customer_ids["李娜"], raw)
    return seeded


async def open_on_first_follow_up(pilot: Pilot[Any], key: str) -> None:
    await settle(pilot)
    await pilot.press("tab", "tab", key)
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea").results(Input | TextArea):
        widget.cursor_blink = False


async def done_form(pilot: Pilot[Any]) -> None:
    await open_on_first_follow_up(pilot, "x")
    await pilot.press(*"Agreed 3% off / 同意优惠 3%")
    await settle(pilot)


async def snooze_list(pilot: Pilot[Any]) -> None:
    await open_on_first_follow_up(pilot, "s")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_done_form(snap_compare, seeded: Seeded, language: str, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(with_a_call(seeded), language), terminal_size=size, run_before=done_form)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_snooze_list(snap_compare, seeded: Seeded, language: str, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(seeded, language), terminal_size=size, run_before=snooze_list)
