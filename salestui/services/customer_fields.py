"""Validation of customer fields, shared by the forms, the CLI and any import."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from salestui.i18n import _
from salestui.text import character_problem, normalize

KINDS = ("person", "company")
TIERS = ("vip", "regular", "potential")
STATUSES = ("lead", "active", "dormant", "lost")
CURRENCIES = ("CNY", "USD", "EUR", "HKD", "JPY", "GBP")
MINOR_DIGITS = {"JPY": 0}

TEXT_LIMITS = {
    "name": 200,
    "company": 200,
    "phone": 40,
    "email": 254,
    "im_handle": 100,
    "address": 500,
    "region": 100,
    "industry": 100,
    "source": 100,
    "needs": 2000,
    "preferences": 2000,
    "payment_terms": 200,
    "tags": 500,
}
MULTI_LINE = {"needs", "preferences", "address"}
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()\-]*$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def phone_digits(phone: str) -> str:
    return "".join(char for char in phone if char.isdigit())


def parse_money(text: str, currency: str) -> int:
    """'12,345.67' in CNY -> 1234567 fen; refuses fractions the currency does not have."""
    digits = MINOR_DIGITS.get(currency, 2)
    cleaned = text.replace(",", "").replace("_", "").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("not an amount: {text!r}").format(text=text)) from None
    if amount < 0:
        raise ValueError(_("must not be negative"))
    minor = amount * (10**digits)
    if minor != minor.to_integral_value():
        raise ValueError(_("at most {digits} decimal places").format(digits=digits))
    return int(minor)


def format_money(minor: int, currency: str) -> str:
    digits = MINOR_DIGITS.get(currency, 2)
    if digits == 0:
        return f"{minor:,} {currency}"
    whole, part = divmod(abs(minor), 10**digits)
    sign = "-" if minor < 0 else ""
    return f"{sign}{whole:,}.{part:0{digits}d} {currency}"


def clean_customer(raw: dict[str, object]) -> tuple[dict[str, object], dict[str, str]]:
    """Check user input field by field: (clean values, errors by field). Unknown fields are errors."""
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    allowed = set(TEXT_LIMITS) | {"kind", "tier", "status", "currency", "credit_limit", "cadence_days", "owner_login"}
    for name in raw:
        if name not in allowed:
            errors[name] = _("unknown field")
    for name, limit in TEXT_LIMITS.items():
        if name not in raw:
            continue
        text = normalize(str(raw[name] or ""))
        problem = character_problem(text, allow_newlines=name in MULTI_LINE)
        if problem:
            errors[name] = problem
        elif len(text) > limit:
            errors[name] = _("at most {limit} characters (got {count})").format(limit=limit, count=len(text))
        values[name] = text
    if "name" in values and not values["name"]:
        errors["name"] = _("required")
    phone = values.get("phone")
    if phone and "phone" not in errors:
        if not PHONE_PATTERN.match(str(phone)) or len(phone_digits(str(phone))) < 5:
            errors["phone"] = _("digits, spaces, ( ) - and a leading + only, at least 5 digits")
    email = values.get("email")
    if email and "email" not in errors and not EMAIL_PATTERN.match(str(email)):
        errors["email"] = _("not an e-mail address")
    for name, choices in (("kind", KINDS), ("tier", TIERS), ("status", STATUSES), ("currency", CURRENCIES)):
        if name in raw:
            value = str(raw[name] or "").strip()
            if value not in choices:
                errors[name] = _("one of: {choices}").format(choices=", ".join(choices))
            values[name] = value
    if "credit_limit" in raw:
        currency = str(values.get("currency") or raw.get("currency") or "CNY")
        amount = raw["credit_limit"]
        if isinstance(amount, int):
            values["credit_limit"] = amount
        else:
            try:
                values["credit_limit"] = parse_money(str(amount or "0"), currency)
            except ValueError as error:
                errors["credit_limit"] = str(error)
    if "cadence_days" in raw:
        text = str(raw["cadence_days"] if raw["cadence_days"] is not None else "").strip()
        if not text:
            values["cadence_days"] = None
        elif not text.isdigit() or not 1 <= int(text) <= 365:
            errors["cadence_days"] = _("a whole number of days from 1 to 365, or empty")
        else:
            values["cadence_days"] = int(text)
    if "owner_login" in raw:
        values["owner_login"] = str(raw["owner_login"] or "").strip() or None
    return values, errors
