"""The customer list's Seen column: every value shows whole, in English and Chinese, wide and small."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salestui import i18n
from salestui.services import timeline
from salestui.ui.panes.customer_columns import column_widths
from salestui.ui.panes.words import days_ago
from tests.conftest import FROZEN_NOW, Seeded
from tests.ui.conftest import SMALL, WIDE, build_app, screen_text, settle

# Last contact of three seeded customers (the others keep theirs: 3d, 10d; 陈杰's complaint is not a contact).
CONTACTS = {"李娜": timedelta(hours=1), "王芳": timedelta(days=426), "Wang [bold]Fang[/]": timedelta(days=1200)}
SHOWN = {
    "en": {"李娜": "today", "王芳": "426d", "Wang [bold]Fang[/]": "3y", "陈杰": "—"},
    "zh_CN": {"李娜": "今天", "王芳": "426天", "Wang [bold]Fang[/]": "3年", "陈杰": "—"},
}


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
async def test_seen_values_show_whole(seeded: Seeded, language: str, size: tuple[int, int]) -> None:
    i18n.set_language(language)
    now = seeded.context.clock.now()
    for name, ago in CONTACTS.items():
        kind = {"kind": "call", "summary": "hello", "occurred_at": now - ago}
        timeline.append(seeded.context, seeded.customer_ids[name], kind)
    app = build_app(seeded.context)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        top = next(number for number, line in enumerate(lines) if i18n._("Seen") in line)
        assert lines[top].split("┃")[1].split()[-1] == i18n._("Seen"), lines[top]
        for name, seen in SHOWN[language].items():
            row = next(line for line in lines[top:] if name in line)
            cells = row.split("┃")[1].split()
            assert cells[-1] == seen, row


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_columns_and_their_gaps_fit_the_width(language: str) -> None:
    i18n.set_language(language)
    for width in range(50, 200):  # the list is never narrower than 56 cells (at 100 columns)
        widths = column_widths(width)
        assert sum(widths) + sum(1 for cell in widths if cell) == width, width


def test_days_turn_into_years_after_999() -> None:
    assert [days_ago(FROZEN_NOW - timedelta(days=days), FROZEN_NOW) for days in (0, 1, 999, 1000, 4000)] == [
        "today",
        "1d",
        "999d",
        "2y",
        "10y",
    ]
