"""More field types for the specs: exact quantities, calendar days and time zones."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from salestui.i18n import _
from salestui.services.spec import CleanContext, FieldSpec, Invalid

QUANTITY_MAX_MILLI = 10**15  # a trillion units, in thousandths
_QUANTITY = re.compile(r"[0-9]{1,13}(\.[0-9]{0,3})?|\.[0-9]{1,3}")


def format_quantity(milli: int) -> str:
    """1500 thousandths -> '1.5'; 2000 -> '2'."""
    whole, part = divmod(milli, 1000)
    return f"{whole:,}" if not part else f"{whole:,}.{part:03d}".rstrip("0")


@dataclass(frozen=True)
class Quantity(FieldSpec):
    """A quantity with at most three decimal places (1.5 kg, 0.125 t), stored exactly as an integer of
    thousandths; more than zero unless `minimum` says otherwise."""

    minimum: int = 1  # in thousandths

    def clean(self, value: Any, context: CleanContext) -> int:
        if type(value) is int:
            milli = value
        else:
            text = str(value if value is not None else "").replace(",", "").replace("_", "").strip()
            if not text:
                raise Invalid(_("required"))
            if not _QUANTITY.fullmatch(text):
                raise Invalid(
                    _("a number with at most 3 decimal places, such as 12 or 1.5 (got {text!r})").format(text=text)
                )
            milli = int((Decimal(text) * 1000).to_integral_value())
        if milli < self.minimum:
            raise Invalid(_("must be more than 0") if self.minimum == 1 else _("must not be negative"))
        if milli > QUANTITY_MAX_MILLI:
            raise Invalid(_("must be at most {amount}").format(amount=format_quantity(QUANTITY_MAX_MILLI)))
        return milli


_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


@dataclass(frozen=True)
class Day(FieldSpec):
    """A calendar date written YYYY-MM-DD, from 1970 to 2100 (stored as that text); blank is ''."""

    default: Any = field(default="", kw_only=True)

    def clean(self, value: Any, context: CleanContext) -> str:
        if isinstance(value, datetime):
            value = value.date().isoformat()
        elif hasattr(value, "isoformat") and not isinstance(value, str):
            value = value.isoformat()
        text = str(value if value is not None else "").strip()
        if not text:
            if self.required:
                raise Invalid(_("required"))
            return ""
        match = _DAY.fullmatch(text)
        try:
            if not match:
                raise ValueError
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise Invalid(_("a date written YYYY-MM-DD (got {text!r})").format(text=text)) from None
        if not 1970 <= day.year <= 2100:
            raise Invalid(_("must be between 1970-01-01 and 2100-12-31"))
        return text


@dataclass(frozen=True)
class Zone(FieldSpec):
    """An IANA time zone name such as Asia/Shanghai that this machine knows; blank is ''."""

    default: Any = field(default="", kw_only=True)

    def clean(self, value: Any, context: CleanContext) -> str:
        text = str(value if value is not None else "").strip()
        if not text:
            if self.required:
                raise Invalid(_("required"))
            return ""
        try:
            if not _ZONE.fullmatch(text):
                raise ValueError
            ZoneInfo(text)
        except (ValueError, ZoneInfoNotFoundError):
            raise Invalid(
                _("not a time zone: {text!r} (an IANA name such as Asia/Shanghai)").format(text=text)
            ) from None
        return text


_ZONE = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*", re.ASCII)
