"""Declarative field specs: each record type's fields are declared once, and `clean` checks input against them.

A spec says, per field, what a value may be (text of a length, one of some codes, an amount, a time, a whole
number, a reference) and what a user is told when it is not. Services validate with it, forms take their
choices and required marks from it, and the CLI takes its allowed values and error messages from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from salestui.clock import in_range
from salestui.i18n import _
from salestui.text import character_problem, normalize

# Currencies whose amounts have no minor unit; every other one has two decimal places.
MINOR_DIGITS = {"JPY": 0}
# The largest amount any field holds, in major units (well inside SQLite's 64-bit INTEGER in minor units).
MONEY_MAX_MAJOR = 9_000_000_000_000
_GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+")  # 12,345,678
_AMOUNT = re.compile(r"[0-9]*\.?[0-9]*")
_WHOLE = re.compile(r"[0-9]{1,18}")


def minor_digits(currency: str) -> int:
    return MINOR_DIGITS.get(currency, 2)


def format_money(minor: int, currency: str) -> str:
    """1234567 fen in CNY -> '12,345.67 CNY'."""
    digits = minor_digits(currency)
    if digits == 0:
        return f"{minor:,} {currency}"
    whole, part = divmod(abs(minor), 10**digits)
    sign = "-" if minor < 0 else ""
    return f"{sign}{whole:,}.{part:0{digits}d} {currency}"


def money_max(currency: str) -> int:
    """The largest amount in minor units."""
    return int(MONEY_MAX_MAJOR * 10 ** minor_digits(currency))


def parse_money(text: str, currency: str) -> int:
    """'12,345.67' in CNY -> 1234567 fen. ValueError for anything but plain digits with at most the currency's
    decimal places, from 0 up to 9,000,000,000,000 (no exponent, sign, NaN or Infinity)."""
    digits = minor_digits(currency)
    whole = text.strip().removeprefix("-").strip().partition(".")[0]
    if "," in whole and not _GROUPED.fullmatch(whole):  # '1,2,3' or a decimal comma ('1,5') is not 123 or 15
        raise ValueError(_("not an amount: {text!r} (commas only between groups of three digits)").format(text=text))
    cleaned = text.replace(",", "").replace("_", "").strip()
    unsigned = cleaned.removeprefix("-").strip()
    if not _AMOUNT.fullmatch(unsigned) or not any(char.isdigit() for char in unsigned):
        raise ValueError(_("not an amount: {text!r}").format(text=text))
    amount = Decimal(unsigned)
    if cleaned.startswith("-") and amount:
        raise ValueError(_("must not be negative"))
    minor = amount.scaleb(digits)
    if minor != minor.to_integral_value():
        raise ValueError(_("at most {digits} decimal places").format(digits=digits))
    return check_money(int(minor), currency)


def check_money(minor: int, currency: str) -> int:
    """`minor` if it is an amount a field may hold; ValueError saying the bound otherwise."""
    if minor < 0:
        raise ValueError(_("must not be negative"))
    if minor > money_max(currency):
        top = format_money(money_max(currency), currency).rsplit(" ", 1)[0]
        raise ValueError(_("must be at most {amount}").format(amount=top))
    return minor


class Invalid(ValueError):
    """A value a field refuses; the message says what the field accepts."""


@dataclass(frozen=True, kw_only=True)
class FieldSpec:
    """What one field accepts. `default` is what a new record holds when the field is not given; `label` (marked
    with N_) is what a form or listing calls it."""

    required: bool = False
    default: Any = None
    label: str = ""

    def clean(self, value: Any, context: CleanContext) -> Any:
        """The value to store, or Invalid with what is wrong."""
        raise NotImplementedError

    def blank(self, value: Any) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class CleanContext:
    """What a field may look at besides its own value: the record's other raw values and the time now."""

    raw: Mapping[str, Any]
    now: datetime | None


@dataclass(frozen=True)
class Text(FieldSpec):
    """Text of at most `limit` characters, NFC and trimmed, with no control or invisible characters.

    `multiline` allows newlines and tabs; `pattern` (with its `problem` message, marked with N_) is a whole-text
    rule for non-empty text.
    """

    limit: int = 200
    multiline: bool = False
    pattern: re.Pattern[str] | None = None
    problem: str = ""
    default: Any = field(default="", kw_only=True)

    def clean(self, value: Any, context: CleanContext) -> str:
        text = normalize(str(value if value is not None else ""))
        problem = character_problem(text, allow_newlines=self.multiline)
        if problem:
            raise Invalid(problem)
        if len(text) > self.limit:
            raise Invalid(_("at most {limit} characters (got {count})").format(limit=self.limit, count=len(text)))
        if not text and self.required:
            raise Invalid(_("required"))
        if text and self.pattern is not None and not self.pattern.fullmatch(text):
            raise Invalid(_(self.problem))
        return text


@dataclass(frozen=True)
class Choice(FieldSpec):
    """One of some codes; `values` maps each code (what is stored) to its label (marked with N_)."""

    values: Mapping[str, str] = field(default_factory=dict)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.values)

    def options(self) -> list[tuple[str, str]]:
        """(translated label, code) pairs, in declared order: what a form's Select offers."""
        return [(_(label), code) for code, label in self.values.items()]

    def problem(self) -> str:
        return _("one of: {choices}").format(choices=", ".join(self.values))

    def clean(self, value: Any, context: CleanContext) -> str:
        code = str(value if value is not None else "").strip()
        if code not in self.values:
            raise Invalid(self.problem())
        return code


@dataclass(frozen=True)
class Money(FieldSpec):
    """An amount in integer minor units of the currency in field `currency` (JPY has none); blank is 0."""

    currency: str = "currency"
    default: Any = field(default=0, kw_only=True)

    def currency_of(self, context: CleanContext) -> str:
        return str(context.raw.get(self.currency) or "CNY").strip()

    def clean(self, value: Any, context: CleanContext) -> int:
        currency = self.currency_of(context)
        try:
            if type(value) is int:
                return check_money(value, currency)
            return parse_money(str(value if value is not None else "") or "0", currency)
        except ValueError as error:
            raise Invalid(str(error)) from None


@dataclass(frozen=True)
class Integer(FieldSpec):
    """A whole number from `minimum` to `maximum`; blank is None unless the field is required."""

    minimum: int = 0
    maximum: int = 10**9
    problem: str = ""  # a message of its own (marked with N_) instead of the generic one

    def message(self) -> str:
        if self.problem:
            return _(self.problem)
        if self.required:
            return _("a whole number from {minimum} to {maximum}").format(minimum=self.minimum, maximum=self.maximum)
        return _("a whole number from {minimum} to {maximum}, or empty").format(
            minimum=self.minimum, maximum=self.maximum
        )

    def clean(self, value: Any, context: CleanContext) -> int | None:
        if type(value) is int:
            number = value
        else:
            text = str(value if value is not None else "").strip()
            if not text:
                if self.required:
                    raise Invalid(_("required"))
                return None
            if not _WHOLE.fullmatch(text):
                raise Invalid(self.message())
            number = int(text)
        if not self.minimum <= number <= self.maximum:
            raise Invalid(self.message())
        return number


@dataclass(frozen=True)
class When(FieldSpec):
    """An aware datetime from 1970 to 2100; `past` refuses times more than five minutes after now, and
    `default_now` takes now for a time not given; blank is None unless the field is required."""

    past: bool = False
    default_now: bool = False

    def clean(self, value: Any, context: CleanContext) -> datetime | None:
        if not value and self.default_now and context.now is not None:
            value = context.now
        if self.blank(value) and not self.required and not self.default_now:
            return None  # an optional time not given
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise Invalid(_("a date and time with its zone"))
        if not in_range(value):
            raise Invalid(_("must be between 1970-01-01 and 2100-12-31 (UTC)"))
        if self.past and context.now is not None and value > context.now + timedelta(minutes=5):
            raise Invalid(_("in the future: log contacts after they happen"))
        return value


@dataclass(frozen=True)
class Ref(FieldSpec):
    """Another record, by its id (or, with `by`, by another unique column); the service checks it exists.

    Blank is None: no reference.
    """

    entity: str = ""
    by: str = "id"

    def clean(self, value: Any, context: CleanContext) -> str | None:
        text = str(value if value is not None else "").strip()
        if not text:
            if self.required:
                raise Invalid(_("required"))
            return None
        problem = character_problem(text)
        if problem:
            raise Invalid(problem)
        return text


@dataclass(frozen=True)
class Spec:
    """A record type's fields, by name, in the order forms show them."""

    entity: str
    fields: Mapping[str, FieldSpec]

    def __getitem__(self, name: str) -> FieldSpec:
        return self.fields[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.fields)

    def choice(self, name: str) -> Choice:
        """The Choice field `name` (for its codes and options)."""
        found = self.fields[name]
        if not isinstance(found, Choice):
            raise TypeError(f"{self.entity}.{name} is a {type(found).__name__}, not a Choice")
        return found

    def text(self, name: str) -> Text:
        found = self.fields[name]
        if not isinstance(found, Text):
            raise TypeError(f"{self.entity}.{name} is a {type(found).__name__}, not Text")
        return found

    def defaults(self) -> dict[str, Any]:
        """What a new record holds for each field nobody gave."""
        return {name: spec.default for name, spec in self.fields.items()}

    def required(self) -> tuple[str, ...]:
        return tuple(name for name, spec in self.fields.items() if spec.required)


def clean(
    spec: Spec, raw: Mapping[str, Any], partial: bool = False, now: datetime | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check input field by field: (clean values by field, errors by field). Unknown fields are errors.

    A whole record (`partial` False) takes each field's default for a field that is missing, None, or a blank
    choice; `partial` (an update) checks only the fields given.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in raw:
        if name not in spec.fields:
            errors[name] = _("unknown field")
    context = CleanContext(raw, now)
    for name, field_spec in spec.fields.items():
        if name not in raw and partial:
            continue
        value = raw.get(name)
        if not partial and field_spec.default is not None and _takes_default(field_spec, value):
            value = field_spec.default
        try:
            values[name] = field_spec.clean(value, context)
        except Invalid as problem:
            errors[name] = str(problem)
    return values, errors


def _takes_default(field_spec: FieldSpec, value: Any) -> bool:
    if value is None:
        return True
    return isinstance(field_spec, Choice) and field_spec.blank(value)
