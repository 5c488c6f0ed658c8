"""Snapshots of the main screen at 120x40 and 80x24, in English and Simplified Chinese, on the seeded book."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from salestui import i18n
from salestui.ui.app import SalesApp
from tests.conftest import Seeded
from tests.ui.conftest import SMALL, WIDE, build_app, settle, show_timeline

# The database lives in a new tmp_path each run; the header shows this stable name instead.
SHOWN_PATH = Path("/srv/sales/salestui.db")


def snapshot_app(seeded: Seeded, language: str) -> SalesApp:
    i18n.set_language(language)
    return build_app(dataclasses.replace(seeded.context, path=SHOWN_PATH))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_main_screen(snap_compare, seeded: Seeded, language: str, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(seeded, language), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_timeline_pane_at_80x24(snap_compare, seeded: Seeded, language: str) -> None:
    """The profile block, capped, above the newest entries of each kind."""
    assert snap_compare(snapshot_app(seeded, language), terminal_size=SMALL, run_before=show_timeline)
