"""Snapshots on the seeded book with the clock frozen, in English and Simplified Chinese: the main screen at 120x40
and 80x24; every form and modal, the help, the palette and a form showing an error at 80x24."""

from __future__ import annotations

import dataclasses
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

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


async def open_form(pilot: Pilot[Any], keys: tuple[str, ...]) -> None:
    """Settle, then press `keys` on the main screen (the form or screen they open is what is shot)."""
    await settle(pilot)
    await pilot.press(*keys)
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea").results(Input | TextArea):
        widget.cursor_blink = False  # a blinking cursor would make the shot depend on timing
    await pilot.pause()


# What to press on the main screen at 80x24 to open each form or modal (tab moves one pane on).
MODALS = {
    "customer-new": ("n",),
    "customer-edit": ("e",),
    "interaction-log": ("l",),
    "follow-up-new": ("f",),
    "follow-up-done": ("tab", "tab", "x"),
    "follow-up-snooze": ("tab", "tab", "s"),
    "discard-changes": ("f", "w", "escape"),
    "form-error": ("n", "ctrl+s"),
    "help": ("question_mark",),
    "palette": ("ctrl+p",),
}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("modal", list(MODALS))
def test_modal(snap_compare, seeded: Seeded, language: str, modal: str) -> None:
    keys = MODALS[modal]
    assert snap_compare(snapshot_app(seeded, language), terminal_size=SMALL, run_before=partial(open_form, keys=keys))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_timeline_pane_at_80x24(snap_compare, seeded: Seeded, language: str) -> None:
    """The profile block, capped, above the newest entries of each kind."""
    assert snap_compare(snapshot_app(seeded, language), terminal_size=SMALL, run_before=show_timeline)


# A customer's contact persons and its field history (Acme Trading Ltd, first in the list), at both sizes.
PROFILE_SCREENS = {"contact-persons": ("c",), "field-history": ("h",)}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize("screen", list(PROFILE_SCREENS))
def test_profile_screen(snap_compare, seeded: Seeded, screen: str, size: tuple[int, int], language: str) -> None:
    keys = PROFILE_SCREENS[screen]
    app = snapshot_app(seeded, language)
    assert snap_compare(app, terminal_size=size, run_before=partial(open_form, keys=keys))
