"""Snapshots of the interaction form on a call's template (contact person picked, purpose typed), at 120x40 and
80x24, in English and Simplified Chinese."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, settle
from tests.ui.test_snapshots import snapshot_app


async def call_form(pilot: Pilot[Any]) -> None:
    """Find 张伟, open the log form, pick his contact person 周敏 and type a summary and a purpose."""
    await settle(pilot)
    await pilot.press("slash", *"zhangwei", "enter")
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)
    form = pilot.app.screen
    contact = form.query_one("#field-contact_person", Select)
    contact.value = next(value for _label, value in contact._options if value is not Select.NULL)
    form.query_one("#field-summary", Input).value = "Price call / 报价电话"
    form.query_one("#field-purpose", Input).value = "2027 prices / 2027 年价格"
    form.query_one("#field-purpose", Input).focus()
    await settle(pilot)
    for widget in form.query("Input, TextArea").results(Input | TextArea):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_call_form(snap_compare, seeded: Seeded, language: str, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(seeded, language), terminal_size=size, run_before=call_form)
