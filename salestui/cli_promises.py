"""`salestui promises` (the list), `salestui promise add|settle|amend`, and `salestui amend` (an interaction).

Nothing here edits a record: settling appends an outcome, amending appends a new version that points at the one it
corrects (services/promises.py, services/timeline.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from salestui.cli_database import open_existing
from salestui.cli_output import iso_utc, print_table, safe_json
from salestui.i18n import _
from salestui.text import one_line

if TYPE_CHECKING:
    from salestui.services.context import Context
    from salestui.services.deal_views import PromiseView

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2
PROMISE_COLUMNS = {"id": 8, "customer": 20, "side": 8, "kind": 8, "due": 16, "status": 10, "what": 48}

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_commands(
    command: Command, options: Callable[[], argparse.ArgumentParser], wanted: Callable[[str], bool]
) -> None:
    """Declare `promises`, `promise` (add, settle, amend) and `amend` on the main parser (options only if
    `wanted`)."""
    listing = command("promises", run_promises, _("list promises, open ones first by due date"))
    one = command("promise", run_promise, _("record a promise (ours or the customer's), settle or amend one"))
    amend = command("amend", run_amend, _("correct a logged contact: appends an amendment, the original stays"))
    if wanted("promises"):
        listing.add_argument(
            "--customer", metavar="C", help=_("only this customer's (id or its first 6+ characters, name or phone)")
        )
        listing.add_argument("--open", action="store_true", help=_("only the promises not yet settled"))
        listing.add_argument("--json", action="store_true", help=_("print a JSON array instead of a table"))
    if wanted("promise"):
        _promise_options(one, options)
    if wanted("amend"):
        _amend_options(amend)


def _promise_options(one: argparse.ArgumentParser, options: Callable[[], argparse.ArgumentParser]) -> None:
    from salestui.services.specs import PROMISE, PROMISE_OUTCOME

    actions = one.add_subparsers(dest="promise_action", metavar=_("ACTION"))
    add = actions.add_parser("add", parents=[options()], help=_("record a promise made by us or by the customer"))
    add.add_argument(
        "customer", metavar="CUSTOMER", help=_("the customer's id (or its first 6+ characters), exact name or phone")
    )
    _promise_fields(add, PROMISE.choice("side").codes, PROMISE.choice("kind").codes, required=True)
    add.add_argument("--deal", metavar="DEAL", help=_("the deal it belongs to (its id)"))
    add.add_argument("--interaction", metavar="ID", help=_("the contact it was made in (its id)"))
    settle = actions.add_parser("settle", parents=[options()], help=_("mark a promise kept, broken or cancelled"))
    settle.add_argument("promise", metavar="PROMISE", help=_("the promise's id (or its first 6+ characters)"))
    settle.add_argument("status", choices=PROMISE_OUTCOME.choice("status").codes)
    settle.add_argument("--note", default="", metavar="N", help=_("what happened (required to cancel)"))
    settle.add_argument("--json", action="store_true", help=_("print the promise as JSON"))
    change = actions.add_parser(
        "amend", parents=[options()], help=_("correct a promise: appends a new version, the original stays")
    )
    change.add_argument("promise", metavar="PROMISE", help=_("the promise's id (or its first 6+ characters)"))
    _promise_fields(change, PROMISE.choice("side").codes, PROMISE.choice("kind").codes, required=False)


def _promise_fields(
    parser: argparse.ArgumentParser, sides: tuple[str, ...], kinds: tuple[str, ...], required: bool
) -> None:
    parser.add_argument("--side", choices=sides, required=required, help=_("who promised: us or the customer"))
    parser.add_argument("--kind", choices=kinds, help=_("what about (default: other)"))
    parser.add_argument("--what", metavar="TEXT", required=required, help=_("what was promised"))
    parser.add_argument(
        "--due", metavar="WHEN", required=required, help=_("by when, e.g. '2026-12-01 17:00', 'friday', '+3d'")
    )
    parser.add_argument("--json", action="store_true", help=_("print the promise as JSON"))


def _amend_options(amend: argparse.ArgumentParser) -> None:
    from salestui.services.specs import INTERACTION

    amend.add_argument("interaction", metavar="INTERACTION", help=_("the contact's id (or its first 6+ characters)"))
    amend.add_argument("--summary", metavar="TEXT", help=_("the corrected one-line summary"))
    amend.add_argument("--at", metavar="WHEN", help=_("the corrected time it happened"))
    amend.add_argument("--kind", choices=INTERACTION.choice("kind").codes, help=_("the corrected kind of contact"))
    amend.add_argument("--direction", choices=INTERACTION.choice("direction").codes, help=_("the corrected direction"))
    amend.add_argument("--outcome", metavar="TEXT", help=_("the corrected outcome"))
    amend.add_argument("--next-step", metavar="TEXT", help=_("the corrected next step"))
    amend.add_argument("--json", action="store_true", help=_("print the amendment as JSON"))


# Listing -----------------------------------------------------------------------------------------------------


def promise_record(view: PromiseView) -> dict[str, Any]:
    """A promise as the JSON the commands print."""
    return {
        "id": view.id,
        "customer_id": view.customer_id,
        "customer": view.customer_name,
        "side": view.side,
        "kind": view.kind,
        "what": view.what,
        "due": iso_utc(view.due_at),
        "status": view.status,
        "overdue": view.overdue,
        "note": view.outcome_note,
        "settled_at": iso_utc(view.outcome_at),
        "deal_id": view.deal_id,
        "interaction_id": view.interaction_id,
        "amends_id": view.amends_id,
    }


def run_promises(args: argparse.Namespace) -> int:
    """Print the promises (one customer's with --customer) as a table, or a JSON array with --json."""
    from salestui.clock import Clock
    from salestui.services import customer_lookup, promise_words, promises

    open_existing(args, read_only=True)
    customer_id = customer_lookup.resolve(args.customer).id if args.customer else None
    clock = Clock()
    views = promises.listing(customer_id, open_only=args.open, now=clock.now())
    if args.json:
        print(safe_json([promise_record(view) for view in views]))
        return EXIT_OK
    headers = {
        "id": _("id"),
        "customer": _("customer"),
        "side": _("who"),
        "kind": _("kind"),
        "due": _("due"),
        "status": _("status"),
        "what": _("what"),
    }
    cells = (
        {
            "id": view.id[:8],
            "customer": one_line(view.customer_name),
            "side": promise_words.side_word(view.side),
            "kind": promise_words.kind_word(view.kind),
            "due": clock.local(view.due_at).strftime("%Y-%m-%d %H:%M"),
            "status": promise_words.status_word(view.status, view.overdue),
            "what": one_line(view.what),
        }
        for view in views
    )
    if not print_table(sys.stdout, headers, cells, PROMISE_COLUMNS):
        print(_("No promises."), file=sys.stderr)
    return EXIT_OK


# Writing -----------------------------------------------------------------------------------------------------


def _signed_in(args: argparse.Namespace) -> Any:
    from salestui.cli_database import signed_in

    return signed_in(args)


def _when(option: str, field: str, text: str, now: datetime, zone: Any) -> datetime:
    from salestui.services.errors import ValidationError
    from salestui.services.when import WhenError, parse_when

    try:
        return parse_when(text, now, zone)
    except WhenError as error:
        raise ValidationError({field: f"{option}: {error}"}) from None


def _not_found(what: str, reference: str) -> int:
    print(one_line(_("salestui: no {what} matches {ref!r}").format(what=what, ref=reference)), file=sys.stderr)
    return EXIT_NOT_FOUND


def _print_promise(args: argparse.Namespace, context: Context, view: PromiseView, done: str) -> int:
    from salestui.services import promise_words

    if getattr(args, "json", False):
        print(safe_json(promise_record(view)))
        return EXIT_OK
    due = context.clock.local(view.due_at).strftime("%Y-%m-%d %H:%M %z")
    line = _("{done}: {side}, {kind}, due {due} ({status}): {what}").format(
        done=done,
        side=promise_words.side_word(view.side),
        kind=promise_words.kind_word(view.kind),
        due=due,
        status=promise_words.status_word(view.status, view.overdue),
        what=view.what,
    )
    print(one_line(line))
    print(one_line(_("Promise id: {id}").format(id=view.id)))
    return EXIT_OK


def run_promise(args: argparse.Namespace) -> int:
    from salestui.services import customer_lookup, promises
    from salestui.services.errors import NotFound

    action = getattr(args, "promise_action", None)
    if action is None:
        print(_("salestui: say what to do: promise add, promise settle or promise amend"), file=sys.stderr)
        return EXIT_USAGE
    context = _signed_in(args)
    now = context.clock.now()
    if action == "add":
        raw = {
            "side": args.side,
            "kind": args.kind,
            "what": args.what,
            "due_at": _when("--due", "due_at", args.due, now, context.clock.zone),
            "deal_id": args.deal,
            "interaction_id": args.interaction,
        }
        customer = customer_lookup.resolve(args.customer)
        return _print_promise(args, context, promises.add(context, customer.id, raw), _("Promise recorded"))
    try:
        promise_id = promises.resolve(args.promise)
    except NotFound:
        return _not_found(_("promise"), args.promise)
    if action == "settle":
        view = promises.settle(context, promise_id, {"status": args.status, "note": args.note})
        return _print_promise(args, context, view, _("Settled"))
    raw = {name: value for name, value in (("side", args.side), ("kind", args.kind), ("what", args.what)) if value}
    if args.due:
        raw["due_at"] = _when("--due", "due_at", args.due, now, context.clock.zone)
    return _print_promise(args, context, promises.amend(context, promise_id, raw), _("Amended"))


def run_amend(args: argparse.Namespace) -> int:
    """Append a correction of one interaction; exit 1 if there is no such interaction, 2 for bad input."""
    from salestui.services import timeline
    from salestui.services.errors import NotFound

    context = _signed_in(args)
    given = (
        ("summary", args.summary),
        ("kind", args.kind),
        ("direction", args.direction),
        ("outcome", args.outcome),
        ("next_step", args.next_step),
    )
    raw: dict[str, Any] = {name: value for name, value in given if value is not None}
    if args.at:
        raw["occurred_at"] = _when("--at", "occurred_at", args.at, context.clock.now(), context.clock.zone)
    try:
        interaction_id = timeline.resolve(args.interaction)
    except NotFound:
        return _not_found(_("interaction"), args.interaction)
    view = timeline.amend(context, interaction_id, raw)
    if args.json:
        record = {
            "id": view.id,
            "amends_id": view.amends_id,
            "customer_id": view.customer_id,
            "rep": view.rep_login,
            "kind": view.kind,
            "direction": view.direction,
            "occurred_at": iso_utc(view.occurred_at),
            "summary": view.summary,
            "outcome": view.outcome,
            "next_step": view.next_step,
        }
        print(safe_json(record))
        return EXIT_OK
    print(one_line(_("Amended: {summary}").format(summary=view.summary)))
    print(one_line(_("Interaction id: {id} (amends {original})").format(id=view.id, original=view.amends_id)))
    return EXIT_OK
