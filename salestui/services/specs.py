"""Every record type's fields, declared once: what each accepts, its label, its choices and its default.

The services validate input with these (`spec.clean`), the forms take their labels, choices and required marks
from them, and the CLI its allowed values and messages. What the service sets itself (id, hlc, rep_id,
created_at…, and the record a call belongs to, such as an interaction's customer) is the model's alone.
Adding a code to a Choice is one line here (and its translation): the database holds no CHECK to rebuild.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from salestui.i18n import N_
from salestui.services.spec import (
    Choice,
    Integer,
    Invalid,
    Money,
    Ref,
    Spec,
    Text,
    When,
)
from salestui.services.spec_values import Day, Quantity, Zone

PHONE_PATTERN = re.compile(r"\+?(?=(?:[^0-9]*[0-9]){5})[0-9][0-9 ()\-]*")
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
LOGIN_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}", re.ASCII)
PHONE_PROBLEM = N_("digits, spaces, ( ) - and a leading + only, at least 5 digits")
EMAIL_PROBLEM = N_("not an e-mail address")
CURRENCIES = ("CNY", "USD", "EUR", "HKD", "JPY", "GBP")
CHANNELS = {
    "phone": N_("Phone"),
    "visit": N_("Visit"),
    "meeting": N_("Meeting"),
    "im": N_("WeChat / IM"),
    "email": N_("E-mail"),
    "other": N_("Other"),
}


def _phone(label: str) -> Text:
    return Text(40, label=label, pattern=PHONE_PATTERN, problem=PHONE_PROBLEM)


def _email(label: str) -> Text:
    return Text(254, label=label, pattern=EMAIL_PATTERN, problem=EMAIL_PROBLEM)


REP = Spec(
    "rep",
    {
        "login": Text(
            64,
            required=True,
            label=N_("Login"),
            pattern=LOGIN_PATTERN,
            problem=N_("use 1-64 letters, digits or . _ @ -, starting with a letter or digit"),
        ),
        "name": Text(100, required=True, label=N_("Name")),
        "role": Choice({"rep": N_("Rep"), "manager": N_("Manager"), "admin": N_("Admin")}, default="rep"),
    },
)

CUSTOMER = Spec(
    "customer",
    {
        "name": Text(200, required=True, label=N_("Name")),
        "kind": Choice({"person": N_("Person"), "company": N_("Company")}, label=N_("Kind"), default="person"),
        "company": Text(200, label=N_("Company")),
        "phone": _phone(N_("Phone")),
        "email": _email(N_("E-mail")),
        "im_handle": Text(100, label=N_("WeChat / IM")),
        "tier": Choice(
            {"vip": N_("VIP"), "regular": N_("Regular"), "potential": N_("Potential")},
            label=N_("Tier"),
            default="potential",
        ),
        "status": Choice(
            {"lead": N_("Lead"), "active": N_("Active"), "dormant": N_("Dormant"), "lost": N_("Lost")},
            label=N_("Status"),
            default="lead",
        ),
        "region": Text(100, label=N_("Region")),
        "industry": Text(100, label=N_("Industry")),
        "source": Text(100, label=N_("Source")),
        "owner_login": Ref(entity="rep", by="login", label=N_("Owner (login)")),
        "credit_limit": Money(label=N_("Credit limit")),
        "currency": Choice({code: code for code in CURRENCIES}, label=N_("Currency"), default="CNY"),
        "payment_terms": Text(200, label=N_("Payment terms")),
        "tags": Text(500, label=N_("Tags")),
        "cadence_days": Integer(
            1, 365, label=N_("Contact every"), problem=N_("a whole number of days from 1 to 365, or empty")
        ),
        "address": Text(500, multiline=True, label=N_("Address")),
        "needs": Text(2000, multiline=True, label=N_("Needs")),
        "preferences": Text(2000, multiline=True, label=N_("Preferences")),
        "language": Choice(
            {"": N_("Company default"), "en": N_("English"), "zh_CN": N_("Simplified Chinese")},
            label=N_("Memo language"),
            default="",
        ),
        "time_zone": Zone(label=N_("Time zone")),
    },
)

CONTACT_PERSON = Spec(
    "contact_person",
    {
        "name": Text(200, required=True, label=N_("Name")),
        "title": Text(100, label=N_("Title")),
        "phone": _phone(N_("Phone")),
        "email": _email(N_("E-mail")),
        "im_handle": Text(100, label=N_("WeChat / IM")),
        "note": Text(2000, multiline=True, label=N_("Note")),
    },
)

INTERACTION = Spec(
    "interaction",
    {
        "kind": Choice(
            {
                "call": N_("Call"),
                "email": N_("E-mail"),
                "meeting": N_("Meeting"),
                "visit": N_("Visit"),
                "im": N_("Instant message"),
                "note": N_("Note"),
                "complaint": N_("Complaint"),
                "feedback": N_("Feedback"),
            },
            label=N_("Kind"),
        ),
        "direction": Choice(
            {
                "out": N_("Outgoing (we contacted them)"),
                "in": N_("Incoming (they contacted us)"),
                "none": N_("No direction"),
            },
            label=N_("Direction"),
            default="out",
        ),
        "occurred_at": When(past=True, default_now=True, label=N_("When")),
        "summary": Text(500, required=True, label=N_("Summary")),
        "body": Text(20_000, multiline=True, label=N_("Details")),
        "outcome": Text(1000, multiline=True, label=N_("Outcome")),
        "next_step": Text(1000, multiline=True, label=N_("Next step")),
    },
)

FOLLOW_UP = Spec(
    "follow_up",
    {
        "title": Text(300, required=True, label=N_("What to do")),
        "kind": Choice(
            {
                "": N_("To do"),
                "call": N_("Call"),
                "email": N_("E-mail"),
                "meeting": N_("Meeting"),
                "visit": N_("Visit"),
                "im": N_("Instant message"),
            },
            label=N_("Kind"),
            default="",
        ),
        "due_at": When(required=True, label=N_("Due")),
        "priority": Choice(
            {"high": N_("High"), "normal": N_("Normal"), "low": N_("Low")}, label=N_("Priority"), default="normal"
        ),
        "rrule": Text(500, label=N_("Repeat")),  # the service reads it as a recurrence rule from the due time
        "status": Choice({"open": N_("Open"), "done": N_("Done"), "cancelled": N_("Cancelled")}, default="open"),
        "outcome": Text(1000, multiline=True, label=N_("Outcome")),
    },
)

DEAL_STAGES = ("lead", "quoted", "agreed", "delivered", "paid", "closed")  # forward order; "lost" leaves it

DEAL = Spec(
    "deal",
    {
        "title": Text(200, required=True, label=N_("Deal")),
        "currency": Choice({code: code for code in CURRENCIES}, label=N_("Currency"), default="CNY"),
        "stage": Choice(
            {
                "lead": N_("Lead"),
                "quoted": N_("Quoted"),
                "agreed": N_("Agreed"),
                "delivered": N_("Delivered"),
                "paid": N_("Paid"),
                "closed": N_("Closed"),
                "lost": N_("Lost"),
            },
            label=N_("Stage"),
            default="lead",
        ),
        "lost_reason": Text(500, multiline=True, label=N_("Why it was lost")),
        "agreed_at": When(past=True, label=N_("Agreed at")),
        "agreed_via": Choice({"": N_("Not yet agreed"), **CHANNELS}, label=N_("Agreed via"), default=""),
        "agreed_contact_id": Ref(entity="contact_person", label=N_("Agreed by (their side)")),
        "interaction_id": Ref(entity="interaction", label=N_("Came out of")),
        "delivery_date": Day(label=N_("Delivery date")),
        "delivery_place": Text(500, label=N_("Delivery place")),
        "payment_due_date": Day(label=N_("Payment due")),
        "payment_terms": Text(200, label=N_("Payment terms")),
        "warranty": Text(500, label=N_("Warranty")),
        "other_terms": Text(5000, multiline=True, label=N_("Other terms")),
        "objection_days": Integer(
            1, 30, label=N_("Days to object"), problem=N_("a whole number of days from 1 to 30, or empty")
        ),
        "memo_language": Choice(
            {"": N_("Customer's language"), "en": N_("English"), "zh_CN": N_("Simplified Chinese")},
            label=N_("Memo language"),
            default="",
        ),
    },
)

DEAL_LINE = Spec(
    "deal_line",
    {
        "item": Text(300, required=True, label=N_("Item")),
        "quantity_milli": Quantity(label=N_("Quantity")),
        "unit": Text(20, label=N_("Unit")),
        "unit_price": Money(label=N_("Unit price")),
        "status": Choice({"active": N_("Active"), "removed": N_("Removed")}, default="active"),
    },
)

# What a user gives when a memo is sent or answered, or a deal changes stage.
DEAL_EVENT = Spec(
    "deal_event",
    {
        "kind": Choice(
            {
                "created": N_("Created"),
                "stage": N_("Stage changed"),
                "reopened": N_("Reopened"),
                "terms_changed": N_("Terms changed"),
                "memo_sent": N_("Memo sent"),
                "acknowledged": N_("Acknowledged"),
                "objected": N_("Objected"),
            },
            label=N_("What happened"),
        ),
        "occurred_at": When(past=True, default_now=True, label=N_("When")),
        "channel": Choice({"": N_("Not given"), **CHANNELS}, label=N_("Channel"), default=""),
        "counterpart": Text(200, label=N_("To / from whom")),
        "text": Text(20_000, multiline=True, label=N_("Text")),
    },
)

PROMISE = Spec(
    "promise",
    {
        "side": Choice({"us": N_("We promised"), "customer": N_("The customer promised")}, label=N_("Who")),
        "kind": Choice(
            {
                "payment": N_("Payment"),
                "delivery": N_("Delivery"),
                "quality": N_("Quality"),
                "service": N_("Service"),
                "other": N_("Other"),
            },
            label=N_("Kind"),
            default="other",
        ),
        "what": Text(1000, required=True, multiline=True, label=N_("What")),
        "due_at": When(required=True, label=N_("Due")),
        "deal_id": Ref(entity="deal", label=N_("Deal")),
        "interaction_id": Ref(entity="interaction", label=N_("Interaction")),
    },
)

PROMISE_OUTCOME = Spec(
    "promise_outcome",
    {
        "status": Choice(
            {"kept": N_("Kept"), "broken": N_("Broken"), "cancelled": N_("Cancelled")}, label=N_("Outcome")
        ),
        "note": Text(2000, multiline=True, label=N_("Note")),
        "occurred_at": When(past=True, default_now=True, label=N_("When")),
    },
)

# The company's own settings: one Setting record per key, its value canonical JSON.
SETTING = Spec(
    "setting",
    {
        "company.name": Text(200, required=True, label=N_("Company name (on memos)")),
        "company.address": Text(500, multiline=True, label=N_("Company address")),
        "company.time_zone": Zone(label=N_("Company time zone")),
        "memo.objection_days": Integer(1, 30, required=True, default=3, label=N_("Days to object to a memo")),
        "memo.language": Choice(
            {"en": N_("English"), "zh_CN": N_("Simplified Chinese")}, label=N_("Memo language"), default="en"
        ),
    },
)

SETTING_ROLES = ("manager", "admin")  # who may change the company's settings (the service and verify hold to it)

SPECS: dict[str, Spec] = {
    spec.entity: spec
    for spec in (
        REP,
        CUSTOMER,
        CONTACT_PERSON,
        INTERACTION,
        FOLLOW_UP,
        DEAL,
        DEAL_LINE,
        DEAL_EVENT,
        PROMISE,
        PROMISE_OUTCOME,
    )
}


def refuse_unknown_codes(entity: str, row: Mapping[str, Any]) -> None:
    """Invalid if a stored row holds a code its spec's Choice does not offer: the last check before a write,
    where SQLite's CHECK constraints used to be."""
    spec = SPECS.get(entity)
    if spec is None:
        return
    for name, field_spec in spec.fields.items():
        if isinstance(field_spec, Choice) and name in row and row[name] not in field_spec.values:
            raise Invalid(f"{entity}.{name}: {field_spec.problem()} (got {row[name]!r})")
