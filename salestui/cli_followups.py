"""`salestui add TEXT`: quick capture from a shell ("call 张伟 tomorrow 3pm about the quote" -> a follow-up).

It prints what it understood, field by field, and asks before saving (on a terminal; elsewhere --yes is needed).
`salestui today` (the queue) is in cli_today.py; `export followups` is still to come, beside `add` here or there.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from salestui.cli_output import UsageError, iso_utc, safe_json
from salestui.i18n import _
from salestui.text import one_line

if TYPE_CHECKING:
    from salestui.services.app_views import FollowUpView
    from salestui.services.context import Context
    from salestui.services.quick_capture import Understood
    from salestui.services.views import CustomerRow

EXIT_OK = 0

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_commands(
    command: Command, options: Callable[[], argparse.ArgumentParser], wanted: Callable[[str], bool]
) -> None:
    """Declare `add` on the main parser (its options only if `wanted`)."""
    add = command("add", run_add, _("quick capture: a follow-up from one line, e.g. 'call 张伟 tomorrow 3pm re quote'"))
    if wanted("add"):
        add.add_argument("text", nargs="+", metavar="TEXT", help=_("who, what and when, in English or Chinese"))
        add.add_argument("--yes", action="store_true", help=_("save without asking"))
        add.add_argument("--json", action="store_true", help=_("print the saved follow-up as JSON"))
    # `export followups` (the .ics file) is the daily loop's one command still to declare, here beside `add`.


def follow_up_record(view: FollowUpView) -> dict[str, Any]:
    """A follow-up as the JSON `add` prints."""
    return {
        "id": view.id,
        "customer_id": view.customer_id,
        "customer": view.customer_name,
        "due": iso_utc(view.due_at),
        "kind": view.kind,
        "title": view.title,
    }


def run_add(args: argparse.Namespace) -> int:
    """Understand the line, show it, ask (or take --yes), save; exit 2 naming each field still to fix."""
    from salestui.cli_app import confirm
    from salestui.cli_database import signed_in
    from salestui.services import quick_capture
    from salestui.services.errors import ValidationError

    context = signed_in(args)
    understood = quick_capture.understand(context, " ".join(args.text))
    shown = sys.stderr if args.json else sys.stdout
    _print_understood(context, understood, shown)
    if len(understood.customers) > 1:
        _print_candidates(understood, sys.stderr)
    if understood.problems:
        raise ValidationError(understood.problems)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(_("nothing was saved: give --yes to save without asking"))
        if not confirm(_("Save this follow-up? [y/N] ")):
            raise UsageError(_("nothing was saved"))
    view = quick_capture.save(context, understood, understood.customers[0].id)
    if args.json:
        print(safe_json(follow_up_record(view)))
    else:
        print(one_line(_("Saved follow-up {id}.").format(id=view.id)))
    return EXIT_OK


def _print_understood(context: Context, understood: Understood, out: TextIO) -> None:
    """Each field as understood, one a line: customer, kind, due, what."""
    from salestui.services.specs import FOLLOW_UP

    customer = _customer_line(understood.customers[0]) if len(understood.customers) == 1 else "—"
    kinds = {code: label for label, code in FOLLOW_UP.choice("kind").options()}
    due = "—"
    if understood.when is not None:
        local = context.clock.local(understood.when.at)
        due = local.strftime("%Y-%m-%d %a %H:%M") if understood.when.has_time else local.strftime("%Y-%m-%d %a")
    lines = (
        (_("Customer"), customer),
        (_("Kind"), kinds.get(understood.kind, understood.kind)),
        (_("Due"), due),
        (_("What"), understood.title or "—"),
    )
    for label, value in lines:
        print(one_line(f"{label}: {value}"), file=out)


def _customer_line(row: CustomerRow, id_length: int = 8) -> str:
    """A customer as the preview and the pick list name it: name · company · phone (id prefix)."""
    parts = [row.name, *(part for part in (row.company if row.company != row.name else "", row.phone) if part)]
    return f"{' · '.join(parts)} ({row.id[:id_length]})"


def _print_candidates(understood: Understood, out: TextIO) -> None:
    """The customers the words match, each with an id prefix that names it alone, and how to pick one."""
    rows = understood.customers
    length = 8
    while len({row.id[:length] for row in rows}) < len(rows):
        length += 1
    for row in rows:
        print(one_line(f"  {_customer_line(row, length)}"), file=out)
    example = understood.text.replace(understood.customer_words, rows[0].id[:length], 1)
    hint = _("write the id prefix of one in place of {words}, e.g. salestui add {example}")
    print(one_line(hint.format(words=repr(understood.customer_words), example=repr(example))), file=out)
