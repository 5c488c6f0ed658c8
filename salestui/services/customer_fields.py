"""Customer field helpers; the fields themselves are declared in `specs.CUSTOMER` and checked by `spec.clean`."""

from __future__ import annotations

from salestui.services.spec import format_money, parse_money

__all__ = ["format_money", "parse_money", "phone_digits"]


def phone_digits(phone: str) -> str:
    return "".join(char for char in phone if char.isdigit())
