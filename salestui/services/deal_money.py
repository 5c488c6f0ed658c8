"""Exact deal arithmetic in integers: quantities in thousandths, prices and totals in minor units."""

from __future__ import annotations

from collections.abc import Iterable


def line_total(quantity_milli: int, unit_price: int) -> int:
    """Quantity × unit price in minor units, rounded half up to the minor unit (1.5 × 0.33 = 0.495 -> 0.50)."""
    return (quantity_milli * unit_price + 500) // 1000


def deal_total(lines: Iterable[tuple[int, int]]) -> int:
    """The sum of the (quantity_milli, unit_price) lines' rounded totals: what the memo adds up."""
    return sum(line_total(quantity, price) for quantity, price in lines)
