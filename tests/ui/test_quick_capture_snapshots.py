"""Snapshots of the quick-capture preview on the seeded book with the clock frozen, at 120x40 and 80x24, in English
and Simplified Chinese: a line understood whole, and one with two matching customers and a date that is asked about."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, settle
from tests.ui.test_snapshots import snapshot_app

LINES = {
    "en": "call 张伟 tomorrow 3pm about the quote",
    "zh_CN": "明天下午3点 回访 李娜",
    "unclear": "email wang 03/04 re samples",  # two customers match 'wang'; 03/04 could be either month
}


async def type_line(pilot: Pilot[Any], line: str) -> None:
    """Open quick capture on the main screen and type `line`; shot once it is read."""
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    await pilot.press(*line)
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False  # a blinking cursor would make the shot depend on timing
    await pilot.pause()


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize(
    ("language", "line"), [("en", "en"), ("en", "unclear"), ("zh_CN", "zh_CN"), ("zh_CN", "unclear")]
)
def test_quick_capture_preview(snap_compare, seeded: Seeded, language: str, line: str, size: tuple[int, int]) -> None:
    app = snapshot_app(seeded, language)
    assert snap_compare(app, terminal_size=size, run_before=partial(type_line, line=LINES[line]))
