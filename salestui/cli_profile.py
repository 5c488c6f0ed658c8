"""`salestui customers add` and `salestui customers show`: a customer added from the shell, and its whole profile.

`show` prints sections: the profile, then the contact persons, then any other section `sections()` lists; each is
a heading with lines for the text form and one key of the JSON object.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from salestui.cli_database import open_existing
from salestui.cli_output import cell_len, iso_utc, safe_json, set_cell_size
from salestui.i18n import _
from salestui.text import one_line

if TYPE_CHECKING:
    from salestui.services.app_views import CustomerDetail

EXIT_OK, EXIT_NOT_FOUND = 0, 1
PRIMARY_MARK = "★"


def add_actions(listing: argparse.ArgumentParser, options: Callable[[], argparse.ArgumentParser]) -> Any:
    """Declare `customers add` and `customers show` under `customers` (`options`: the global options' parent)."""
    from salestui.services.specs import CUSTOMER

    actions = listing.add_subparsers(dest="customers_action", metavar=_("ACTION"))
    add = actions.add_parser("add", parents=[options()], help=_("add a customer (signed as --user) and print its id"))
    add.add_argument("name", metavar="NAME", help=_("the person's or company's name"))
    add.add_argument("--company", metavar="C", help=_("the company they are with"))
    add.add_argument("--phone", metavar="P")
    add.add_argument("--email", metavar="E")
    add.add_argument("--kind", choices=CUSTOMER.choice("kind").codes, help=_("person (default) or company"))
    add.add_argument("--json", action="store_true", help=_("print the new customer as JSON instead of its id"))
    show = actions.add_parser(
        "show", parents=[options()], help=_("print a customer's whole profile and contact persons")
    )
    show.add_argument(
        "customer", metavar="CUSTOMER", help=_("the customer's id (or its first 6+ characters), exact name or phone")
    )
    show.add_argument("--json", action="store_true", help=_("print it as a JSON object"))
    return actions


def run_add(args: argparse.Namespace) -> int:
    """Add one customer; bad input is refused, naming each field, before the database is even opened."""
    from salestui.clock import Clock
    from salestui.services import customers, reps
    from salestui.services.context import Context
    from salestui.services.errors import ValidationError
    from salestui.services.session import device_id
    from salestui.services.spec import clean
    from salestui.services.specs import CUSTOMER

    given = {name: getattr(args, name) for name in ("company", "phone", "email", "kind")}
    raw = {"name": args.name, **{name: value for name, value in given.items() if value is not None}}
    _values, errors = clean(CUSTOMER, raw)
    if errors:
        raise ValidationError(errors)
    login = args.user or reps.os_login()
    reps.check_login(login)
    path = open_existing(args)
    context = Context(path=path, clock=Clock(), device=device_id())
    reps.sign_in(context, login)
    detail = customers.create(context, raw)
    print(safe_json(customer_record(detail)) if args.json else detail.id)
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    """Print one customer's profile and contact persons (and whatever else `sections` adds); exit 1 if no customer
    matches, 2 if several do."""
    from salestui.clock import Clock
    from salestui.services import customer_lookup, customers

    open_existing(args, read_only=True)
    try:
        row = customer_lookup.resolve(args.customer)
    except customer_lookup.NoSuchCustomer as missing:
        for name, message in missing.errors.items():
            print(one_line(f"{name}: {message}"), file=sys.stderr)
        return EXIT_NOT_FOUND
    detail = customers.detail(row.id)
    shown = sections(detail)
    if args.json:
        print(safe_json({"customer": customer_record(detail), **{section.key: section.data for section in shown}}))
        return EXIT_OK
    out = sys.stdout
    out.write(one_line(detail.name) + "\n")
    out.writelines(line + "\n" for line in profile_lines(detail, Clock().local))
    for section in shown:
        out.write("\n" + section.title + "\n")
        out.writelines(line + "\n" for line in section.lines)
    return EXIT_OK


@dataclass(frozen=True)
class Section:
    """A part of `show` after the profile: a heading and its lines, and what the JSON holds under `key`."""

    key: str
    title: str
    lines: list[str]
    data: Any


def sections(detail: CustomerDetail) -> list[Section]:
    """The parts of `show` after the profile, in order. (Each other record a profile shows adds one here.)"""
    return [contacts_section(detail), promises_section(detail), deals_section(detail)]


# The profile ----------------------------------------------------------------------------------------------------


def customer_record(detail: CustomerDetail) -> dict[str, Any]:
    """The customer as JSON: every field of its spec by name (codes, amounts in minor units), and its bookkeeping."""
    from salestui.services.specs import CUSTOMER

    record: dict[str, Any] = {"id": detail.id}
    record.update({name: getattr(detail, name) for name in CUSTOMER})
    record.update(
        {
            "created_at": iso_utc(detail.created_at),
            "updated_at": iso_utc(detail.updated_at),
            "last_contact_at": iso_utc(detail.last_contact_at),
            "interaction_count": detail.interaction_count,
            "open_follow_ups": detail.open_follow_ups,
        }
    )
    return record


def field_text(detail: CustomerDetail, name: str) -> str:
    """A field as `show` prints it: a code by its label, an amount with its currency, '-' for nothing."""
    from salestui.services.spec import Choice, format_money
    from salestui.services.specs import CUSTOMER

    value = getattr(detail, name)
    field = CUSTOMER[name]
    if name == "owner_login":
        return value or _("public pool")
    if name == "credit_limit":
        return format_money(value, detail.currency) if value else "-"
    if isinstance(field, Choice) and value in field.values:
        return _(field.values[value])
    return "-" if value is None or str(value).strip() == "" else str(value)


def profile_lines(detail: CustomerDetail, local: Callable[[datetime], datetime]) -> list[str]:
    """'  Label   value' for every field of the spec and the record's times and counts, labels aligned (hanzi are
    two cells wide); a value of several lines continues under itself."""
    from salestui.services.specs import CUSTOMER

    def when(moment: datetime | None) -> str:
        return local(moment).strftime("%Y-%m-%d %H:%M %z") if moment is not None else "-"

    pairs = [(_("id"), detail.id)]
    pairs += [(_(CUSTOMER[name].label), field_text(detail, name)) for name in CUSTOMER]
    pairs += [
        (_("Created"), when(detail.created_at)),
        (_("Updated"), when(detail.updated_at)),
        (_("Last contact"), when(detail.last_contact_at)),
        (_("Interactions"), str(detail.interaction_count)),
        (_("Open follow-ups"), str(detail.open_follow_ups)),
    ]
    width = max(cell_len(label) for label, _value in pairs) + 2
    lines = []
    for label, value in pairs:
        for number, part in enumerate(value.split("\n")):
            lines.append("  " + set_cell_size(label if number == 0 else "", width) + one_line(part))
    return [line.rstrip() for line in lines]


# Contact persons ------------------------------------------------------------------------------------------------


def contacts_section(detail: CustomerDetail) -> Section:
    people = detail.contacts
    records = [
        {
            "id": person.id,
            "name": person.name,
            "title": person.title,
            "phone": person.phone,
            "email": person.email,
            "im_handle": person.im_handle,
            "note": person.note,
            "primary": person.is_primary,
        }
        for person in people
    ]
    lines = []
    for person in people:
        parts = (person.name, person.title, person.phone, person.email, person.im_handle)
        mark = PRIMARY_MARK + " " if person.is_primary else "  "
        lines.append("  " + mark + " · ".join(one_line(part) for part in parts if part.strip()))
    if not people:
        lines.append("  " + _("none"))
    title = _("Contact persons ({count}; {mark} primary)").format(count=len(people), mark=PRIMARY_MARK)
    return Section("contact_persons", title, lines, records)


def deals_section(detail: CustomerDetail) -> Section:
    """The customer's deals still open (not closed or lost), newest first, with total and confirmation state."""
    from salestui.cli_deals import confirmation_label, money
    from salestui.clock import Clock
    from salestui.services import deals
    from salestui.services.specs import DEAL

    rows = [row for row in deals.listing(Clock().now(), customer_id=detail.id) if row.stage not in ("closed", "lost")]
    records = [
        {
            "id": row.id,
            "title": row.title,
            "stage": row.stage,
            "total": row.total,
            "currency": row.currency,
            "confirmation": row.confirmation,
            "memo_version": row.memo_version,
        }
        for row in rows
    ]
    lines = []
    for row in rows:
        stage = _(DEAL.choice("stage").values.get(row.stage, row.stage))
        memo = f" v{row.memo_version}" if row.memo_version else ""
        state = _(confirmation_label(row.confirmation)) + memo
        parts = (row.id[:12], one_line(row.title), stage, money(row.total, row.currency), state)
        lines.append("  " + " · ".join(parts))
    if not rows:
        lines.append("  " + _("none"))
    return Section("open_deals", _("Open deals ({count})").format(count=len(rows)), lines, records)


def promises_section(detail: CustomerDetail) -> Section:
    """The promise record per side and kind, then the open promises by due date."""
    from salestui.clock import Clock
    from salestui.services import promises
    from salestui.services.promise_words import side_word, tally_text

    clock = Clock()
    record = promises.record(detail.id, clock.now(), limit=100)
    lines = ["  " + tally_text(tally) for tally in record.tallies]
    for view in record.next_open:
        due = clock.local(view.due_at).strftime("%Y-%m-%d %H:%M")
        overdue = " · " + _("overdue") if view.overdue else ""
        lines.append(f"    {due}  {side_word(view.side)}: {one_line(view.what)}{overdue}")
    if not lines:
        lines.append("  " + _("none"))
    data = {
        "record": [
            {"side": t.side, "kind": t.kind, "kept": t.kept, "broken": t.broken, "open": t.open} for t in record.tallies
        ],
        "open": [
            {"id": v.id, "side": v.side, "kind": v.kind, "what": v.what, "due": iso_utc(v.due_at), "overdue": v.overdue}
            for v in record.next_open
        ],
    }
    return Section("promises", _("Promises ({count} open)").format(count=record.open_count), lines, data)
