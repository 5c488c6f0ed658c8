"""Snapshots on the seeded book with the clock frozen, in English and Simplified Chinese: the main screen at 120x40
and 80x24; every form and modal, the help, the palette and a form showing an error at 80x24; the profile with
promises, a contact's history and the promise list at both sizes."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from salestui import i18n
from salestui.services import promises, timeline
from salestui.services.views import InteractionView
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
    "promise-new": ("p",),
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


def with_records(seeded: Seeded) -> Seeded:
    """Acme (first in the list) with an amended meeting and promises on both sides: kept, broken, open, overdue."""
    context = seeded.context
    acme = seeded.customer_ids["Acme Trading Ltd"]
    now = context.clock.now()
    meeting = next(entry for entry in timeline.page(acme) if isinstance(entry, InteractionView))
    timeline.amend(
        context, meeting.id, {"summary": "Quarterly review; asked for 3 sample cartons", "outcome": "agreed"}
    )
    plans = [
        ("customer", "payment", "Pay invoice #1101", -40, "kept"),
        ("customer", "payment", "Pay invoice #1134", -25, "kept"),
        ("customer", "payment", "Pay the balance of #1150", -12, "broken"),
        ("customer", "payment", "Pay the 30% deposit for the spring order", 3, None),
        ("us", "delivery", "Deliver 5,000 printed cartons to Felixstowe", -30, "kept"),
        ("us", "delivery", "Send 3 sample cartons", -1, None),
        ("us", "quality", "Replace the crushed cartons", -5, "cancelled"),
    ]
    for side, kind, what, days, status in plans:
        made = promises.add(
            context, acme, {"side": side, "kind": kind, "what": what, "due_at": now + timedelta(days=days)}
        )
        if what.startswith("Pay the 30%"):  # corrected: the list marks it amended
            promises.amend(context, made.id, {"what": what.replace("30%", "40%")})
        if status is not None:
            promises.settle(
                context, made.id, {"status": status, "note": "replaced by a refund" if status == "cancelled" else ""}
            )
    return seeded


async def show_promise_record(pilot: Pilot[Any]) -> None:
    """The Timeline pane, its profile read down to the promise record."""
    await show_timeline(pilot)
    facts = pilot.app.screen.query_one("#timeline-facts").content
    rows = facts.plain.split("\n").index(i18n._("Promises"))
    block = pilot.app.screen.query_one("#timeline-profile")
    await pilot.press(*["down"] * min(rows, round(block.max_scroll_y)))
    await settle(pilot)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize("screen", list(PROFILE_SCREENS))
def test_profile_screen(snap_compare, seeded: Seeded, screen: str, size: tuple[int, int], language: str) -> None:
    keys = PROFILE_SCREENS[screen]
    app = snapshot_app(seeded, language)
    assert snap_compare(app, terminal_size=size, run_before=partial(open_form, keys=keys))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_profile_with_promises(snap_compare, seeded: Seeded, language: str, size: tuple[int, int]) -> None:
    """'Customer's payment promises kept 2/3 · 1 open', ours, then the next open ones (one overdue)."""
    app = snapshot_app(with_records(seeded), language)
    assert snap_compare(app, terminal_size=size, run_before=show_promise_record)


async def open_history(pilot: Pilot[Any]) -> None:
    """Down the timeline to the amended contact, then y: its two versions."""
    await show_timeline(pilot)
    pane = pilot.app.screen.query_one("#timeline-pane")
    for _step in range(60):
        if pane.cursor is not None and getattr(pane.entries[pane.cursor], "amended", False):
            break
        await pilot.press("down")
        await settle(pilot)
    await pilot.press("y")
    await settle(pilot)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_history_modal(snap_compare, seeded: Seeded, language: str, size: tuple[int, int]) -> None:
    app = snapshot_app(with_records(seeded), language)
    assert snap_compare(app, terminal_size=size, run_before=open_history)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_promise_list(snap_compare, seeded: Seeded, language: str, size: tuple[int, int]) -> None:
    """Open ones first by due date (an overdue one marked), then the settled ones; an amended one says so."""
    app = snapshot_app(with_records(seeded), language)
    assert snap_compare(app, terminal_size=size, run_before=partial(open_form, keys=("P",)))
