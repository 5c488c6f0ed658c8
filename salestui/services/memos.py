"""Memo versions and the confirmation state of a deal (a placeholder until the memos branch lands)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from salestui.services.deal_views import Confirmation, MemoView

NONE = Confirmation("none", None, None, None, None, False)


def confirmation(deal_id: str, now: datetime) -> Confirmation:
    return confirmations([deal_id], now)[deal_id]


def confirmations(deal_ids: Sequence[str], now: datetime) -> dict[str, Confirmation]:
    return {deal_id: NONE for deal_id in deal_ids}


def versions(deal_id: str) -> tuple[MemoView, ...]:
    return ()
