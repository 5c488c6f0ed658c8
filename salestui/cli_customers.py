"""`salestui customers` and `salestui log`: the book from the shell, and one contact recorded from it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from typing import Any

from salestui.cli_database import open_existing
from salestui.cli_output import UsageError, iso_utc, print_table, safe_json
from salestui.i18n import _
from salestui.text import one_line

EXIT_OK = 0
PAGE = 500
CUSTOMER_COLUMNS = {"id": 32, "name": 24, "company": 28, "phone": 18, "owner": 14, "tier": 10, "last_contact_at": 20}
_KIND_DIRECTION = {"note": "none", "complaint": "in", "feedback": "in"}


def customers_options(
    listing: argparse.ArgumentParser,
    positive: Callable[[str], int],
    options: Callable[[], argparse.ArgumentParser],
) -> Any:
    """The listing's options, and its actions `add` and `show` (`options`: the global options' parent parser);
    returns the actions, for more (a command has one group of them)."""
    from salestui import cli_profile

    listing.add_argument("--search", default="", metavar="Q", help=_("only customers matching Q (name, pinyin, phone)"))
    listing.add_argument("--limit", type=positive, default=None, metavar="N", help=_("at most N customers"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array instead of a table"))
    return cli_profile.add_actions(listing, options)


def log_options(log: argparse.ArgumentParser) -> None:
    from salestui.services.specs import INTERACTION  # only `log` pays for the specs

    log.add_argument(
        "customer", metavar="CUSTOMER", help=_("the customer's id (or its first 6+ characters), exact name or phone")
    )
    log.add_argument("--kind", required=True, choices=INTERACTION.choice("kind").codes, help=_("what kind of contact"))
    log.add_argument("--summary", required=True, metavar="TEXT", help=_("one line saying what happened"))
    log.add_argument(
        "--at",
        metavar="WHEN",
        help=_("when it happened, e.g. '2026-12-01 14:00', 'yesterday 16:30', '-2h' (default: now)"),
    )
    log.add_argument(
        "--direction",
        choices=INTERACTION.choice("direction").codes,
        help=_("who reached out (default: none for notes, in for complaints and feedback, else out)"),
    )
    log.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=_("a field of the kind's template, e.g. purpose='2027 prices' (repeatable); {fields}").format(
            fields=template_help()
        ),
    )
    log.add_argument("--json", action="store_true", help=_("print the logged interaction as JSON"))


def template_help() -> str:
    """'call: contact_person, purpose, …; visit: …' for the built-in templates."""
    from salestui.services import templates

    return "; ".join(f"{kind}: {', '.join(found.form_keys())}" for kind, found in templates.BUILT_IN.items())


def template_values(kind: str, given: list[str]) -> dict[str, str]:
    """--field KEY=VALUE options as {key: value}; UsageError for one without '=', a key given twice, or a key the
    kind's template does not have (naming every such key and the template's fields)."""
    from salestui.services import templates

    values: dict[str, str] = {}
    for item in given:
        key, equals, value = item.partition("=")
        key = key.strip()
        if not equals or not key:
            raise UsageError(_("--field: give KEY=VALUE, not {item!r}").format(item=item))
        if key in values:
            raise UsageError(_("--field {key}: given twice").format(key=key))
        values[key] = value
    found = templates.template(kind)
    unknown = [key for key in values if key not in found.form_keys()]
    if unknown:
        raise UsageError(
            _("--field {keys}: not a field of the {kind} template (its fields: {fields})").format(
                keys=", ".join(unknown), kind=templates.kind_name(kind), fields=", ".join(found.form_keys())
            )
        )
    return values


def stream_customers(query: str, limit: int | None) -> Iterator[Any]:
    """Matching customers in ranked order (all of them in name order), fetched in keyset pages so memory stays flat."""
    from salestui.services import customers

    after: customers.Cursor | None = None
    left = limit
    while left is None or left > 0:
        size = PAGE if left is None else min(PAGE, left)
        page = customers.page_after(query, after, size)
        yield from page
        if len(page) < size:
            return
        after = customers.cursor(page[-1])
        if left is not None:
            left -= len(page)


def _customer_record(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "company": row.company,
        "phone": row.phone,
        "owner": row.owner_login,
        "tier": row.tier,
        "last_contact_at": iso_utc(row.last_contact_at),
        **({"via": row.via} if row.via else {}),  # the contact person it matched through
    }


def run_customers(args: argparse.Namespace) -> int:
    """Print the matching customers as an aligned table, or as a JSON array with --json (or run `add` or `show`)."""
    action = getattr(args, "customers_action", None)
    if action is not None:
        from salestui import cli_profile

        return cli_profile.run_add(args) if action == "add" else cli_profile.run_show(args)
    open_existing(args, read_only=True)
    rows = stream_customers(args.search, args.limit)
    out = sys.stdout
    if args.json:
        wrote = False
        out.write("[")
        for row in rows:
            out.write(("," if wrote else "") + "\n  " + safe_json(_customer_record(row)))
            wrote = True
        out.write("\n]\n" if wrote else "]\n")
        return EXIT_OK
    headers = {
        "id": _("id"),
        "name": _("name"),
        "company": _("company"),
        "phone": _("phone"),
        "owner": _("owner"),
        "tier": _("tier"),
        "last_contact_at": _("last contact (UTC)"),
    }
    printed = print_table(out, headers, (_table_cells(row) for row in rows), CUSTOMER_COLUMNS, sample=PAGE)
    if not printed:
        print(_("No customers match."), file=sys.stderr)
    return EXIT_OK


def _table_cells(row: Any) -> dict[str, str]:
    return {
        "id": one_line(row.id),
        "name": one_line(row.name),
        "company": one_line(_company_cell(row)),
        "phone": one_line(row.phone),
        "owner": one_line(row.owner_login) or "-",
        "tier": one_line(_(row.tier)),
        "last_contact_at": iso_utc(row.last_contact_at, seconds=True) or "-",
    }


def _company_cell(row: Any) -> str:
    """The company as the table shows it, or whom the customer matched through first (see `company_shown`)."""
    return row.company_shown() if row.via else row.company


def run_log(args: argparse.Namespace) -> int:
    """Record one interaction with a customer from the shell; bad input is refused before anything is written."""
    from salestui import config
    from salestui.clock import Clock
    from salestui.services import customer_lookup, reps, templates, timeline
    from salestui.services.context import Context
    from salestui.services.errors import ValidationError
    from salestui.services.session import device_id

    config.load()  # the templates as the config file adjusts them
    clock = Clock()
    now = clock.now()
    occurred = now
    if args.at:
        from salestui.services.when import WhenError, parse_when  # only a typed time needs the parser

        try:
            occurred = parse_when(args.at, now, clock.zone)
        except WhenError as error:
            raise UsageError(_("--at: {error}").format(error=error)) from None
    raw = {
        "kind": args.kind,
        "direction": args.direction or _KIND_DIRECTION.get(args.kind, "out"),
        "summary": args.summary,
        "occurred_at": occurred,
        **template_values(args.kind, args.field),
    }
    _values, _own, errors = templates.validate(raw, now)
    if errors:
        raise ValidationError(errors)
    reps.check_login(args.user or reps.os_login())
    path = open_existing(args)  # everything the arguments say is checked before the file is opened
    customer = customer_lookup.resolve(args.customer)
    context = Context(path=path, clock=clock, device=device_id())
    reps.sign_in(context, args.user or reps.os_login())
    view = timeline.append(context, customer.id, raw)
    if args.json:
        print(
            safe_json(
                {
                    "id": view.id,
                    "customer_id": view.customer_id,
                    "customer_name": customer.name,
                    "rep": view.rep_login,
                    "kind": view.kind,
                    "direction": view.direction,
                    "occurred_at": iso_utc(view.occurred_at),
                    "summary": view.summary,
                    "fields": templates.read_fields(view.fields),
                }
            )
        )
        return EXIT_OK
    local = context.clock.local(view.occurred_at)
    print(
        one_line(
            _("Logged {kind} ({direction}) with {customer} at {when}: {summary}").format(
                kind=_(view.kind),
                direction=_(view.direction),
                customer=customer.name,
                when=local.strftime("%Y-%m-%d %H:%M %z"),
                summary=view.summary,
            )
        )
    )
    shown = templates.shown(view.kind, view.fields, view.contact_name)
    if shown:
        print(one_line(" · ".join(f"{title}: {text}" for title, text in shown)))
    print(one_line(_("Interaction id: {id}").format(id=view.id)))
    return EXIT_OK
