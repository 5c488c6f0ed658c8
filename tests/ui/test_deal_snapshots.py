"""Snapshots of the deal screen and the memo preview at 120x40 and 80x24, in English and Simplified Chinese, on the
seeded book with its deals; ids and keys are made reproducible so the memo's deal number and ledger head hold."""

from __future__ import annotations

import hashlib
import itertools
import uuid
from functools import partial
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from salestui.services import keys, memos
from salestui.ui.deal.screen import DealScreen
from tests.conftest import Seeded
from tests.deal_book import seed_deals
from tests.ui.conftest import SMALL, WIDE, settle
from tests.ui.test_snapshots import snapshot_app


@pytest.fixture
def stable_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ids, the device id and the rep's key drawn from counters: the same ledger, hashes and memo every run."""
    counter = itertools.count(1)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(bytes=hashlib.sha256(b"%d" % next(counter)).digest()[:16]))
    generate, seeds = keys.generate, itertools.count(1)
    monkeypatch.setattr(keys, "generate", lambda seed=None: generate(seed or next(seeds).to_bytes(32, "big")))


@pytest.fixture
def deal_book(stable_ids: None, seeded: Seeded) -> tuple[Seeded, str]:
    """The seeded book, its deals, and 张伟's deal with its memo v1 sent by WeChat: (book, that deal's id)."""
    deal_id = seed_deals(seeded)["agreed"]
    memos.send(seeded.context, deal_id, {"channel": "im", "counterpart": "周敏"})
    return seeded, deal_id


async def open_screen(pilot: Pilot[Any], deal_id: str, memo: bool) -> None:
    """Open the deal and, for `memo`, its memo preview."""
    await settle(pilot)
    pilot.app.push_screen(DealScreen(pilot.app.context, deal_id))
    await settle(pilot)
    if memo:
        await pilot.press("ctrl+o")
        await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea").results(Input | TextArea):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize("screen", ["deal", "memo"])
def test_deal_screens(snap_compare, deal_book: tuple[Seeded, str], screen: str, language: str, size) -> None:
    seeded, deal_id = deal_book
    run_before = partial(open_screen, deal_id=deal_id, memo=screen == "memo")
    assert snap_compare(snapshot_app(seeded, language), terminal_size=size, run_before=run_before)
