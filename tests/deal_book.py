"""What the deal tests share: a deal's three lines with odd quantities and prices, the ledger's length."""

from __future__ import annotations

from salestui.db.connection import database


def ledger_length() -> int:
    return database.execute_sql("SELECT COUNT(*) FROM ledger").fetchone()[0]


def three_lines() -> list[dict[str, str]]:
    return [
        {"item": "贴片电容", "quantity_milli": "1.5", "unit": "箱", "unit_price": "0.33"},
        {"item": "继电器", "quantity_milli": "0.333", "unit": "个", "unit_price": "0.01"},
        {"item": "电源模块", "quantity_milli": "1000", "unit": "个", "unit_price": "38.00"},
    ]
