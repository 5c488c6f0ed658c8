"""`salestui deals` and `salestui deal show`: the deals agreed without a contract, from the shell."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from salestui.cli_output import iso_utc, print_table, safe_json
from salestui.i18n import _
from salestui.text import one_line

EXIT_OK, EXIT_NOT_FOUND = 0, 1
DEAL_COLUMNS = {"id": 12, "customer": 24, "title": 28, "stage": 10, "total": 20, "confirmation": 14, "memo": 4}

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_commands(
    command: Command, options: Callable[[], argparse.ArgumentParser], wanted: Callable[[str], bool]
) -> None:
    """Declare `deals` and `deal ACTION` (show; the memo commands add theirs) on the main parser."""
    listing = command("deals", run_deals, _("list deals with their totals and confirmation state"))
    deal = command("deal", run_deal, _("show a deal, or work with its written confirmation"))
    if wanted("deals"):
        from salestui.services.specs import DEAL

        listing.add_argument("--customer", metavar="C", help=_("only this customer's deals (id, name or phone)"))
        listing.add_argument("--stage", choices=DEAL.choice("stage").codes, help=_("only deals at this stage"))
        listing.add_argument("--json", action="store_true", help=_("print a JSON array instead of a table"))
    if wanted("deal"):
        actions = deal.add_subparsers(dest="deal_action", metavar=_("ACTION"), required=True)
        show = actions.add_parser(
            "show", parents=[options()], help=_("a deal's lines, terms, confirmation and history")
        )
        show.add_argument("deal", metavar="DEAL", help=_("the deal's id or its first 6+ characters"))
        show.add_argument("--json", action="store_true", help=_("print the deal as JSON"))
        show.set_defaults(deal_runner=run_show)
        from salestui.cli_memos import add_memo_commands

        add_memo_commands(actions, options)


def not_found(error: Any) -> int:
    """Say which record was not found (a ValidationError naming it) and exit 1: nothing was wrong with the command."""
    for name, message in error.errors.items():
        print(one_line(f"{name}: {message}"), file=sys.stderr)
    return EXIT_NOT_FOUND


def run_deal(args: argparse.Namespace) -> int:
    from salestui import config

    config.load()  # [memos] objection_days: the default where the company has set none
    runner: Handler = args.deal_runner
    return runner(args)


def money(amount: int, currency: str) -> str:
    from salestui.services.spec import format_money

    return format_money(amount, currency)


def run_deals(args: argparse.Namespace) -> int:
    from salestui import config
    from salestui.cli_database import open_existing
    from salestui.clock import Clock
    from salestui.services import customer_lookup, deals

    config.load()  # [memos] objection_days: when silence counts as deemed confirmed
    open_existing(args, read_only=True)
    try:
        customer_id = customer_lookup.resolve(args.customer).id if args.customer else None
    except customer_lookup.NoSuchCustomer as missing:
        return not_found(missing)
    rows = deals.listing(Clock().now(), customer_id=customer_id, stage=args.stage, limit=100_000)
    if args.json:
        print(safe_json([_record(row) for row in rows]))
        return EXIT_OK
    headers = {
        "id": _("id"),
        "customer": _("customer"),
        "title": _("deal"),
        "stage": _("stage"),
        "total": _("total"),
        "confirmation": _("confirmation"),
        "memo": _("memo"),
    }
    cells = (
        {
            "id": row.id[:12],
            "customer": one_line(row.customer_name),
            "title": one_line(row.title),
            "stage": _(_stage_label(row.stage)),
            "total": money(row.total, row.currency),
            "confirmation": _(confirmation_label(row.confirmation)),
            "memo": f"v{row.memo_version}" if row.memo_version else "-",
        }
        for row in rows
    )
    if not print_table(sys.stdout, headers, cells, DEAL_COLUMNS):
        print(_("No deals match."), file=sys.stderr)
    return EXIT_OK


def _record(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "customer_id": row.customer_id,
        "customer": row.customer_name,
        "title": row.title,
        "stage": row.stage,
        "total": row.total,
        "currency": row.currency,
        "agreed_at": iso_utc(row.agreed_at),
        "confirmation": row.confirmation,
        "memo_version": row.memo_version,
    }


def _stage_label(stage: str) -> str:
    from salestui.services.specs import DEAL

    return DEAL.choice("stage").values.get(stage, stage)


def confirmation_label(state: str) -> str:
    from salestui.services.deal_views import CONFIRMATION_LABELS

    return CONFIRMATION_LABELS.get(state, state)


def run_show(args: argparse.Namespace) -> int:
    from salestui.cli_database import open_existing
    from salestui.clock import Clock
    from salestui.services import deals

    open_existing(args, read_only=True)
    clock = Clock()
    try:
        deal_id = deals.resolve(args.deal)
    except deals.NoSuchDeal as missing:
        return not_found(missing)
    deal = deals.get(deal_id, clock.now())
    if args.json:
        print(safe_json(_detail_record(deal)))
        return EXIT_OK
    out = sys.stdout
    from salestui.services.specs import DEAL

    state = deal.confirmation
    print(one_line(f"{deal.title} — {deal.customer_name}"), file=out)
    print(
        one_line(
            _("Deal {id} · {stage} · {total}").format(
                id=deal.id, stage=_(_stage_label(deal.stage)), total=money(deal.total, deal.currency)
            )
        ),
        file=out,
    )
    version = f" v{state.version}" if state.version else ""
    print(
        one_line(_("Confirmation: {state}{version}").format(state=_(confirmation_label(state.state)), version=version)),
        file=out,
    )
    if state.stale:
        print(one_line(_("The terms changed after the memo in force was sent: send a new version.")), file=out)
    for line in deal.lines:
        from salestui.services.deal_lines import describe

        print("  " + one_line(describe(_line_dict(line), deal.currency)), file=out)
    terms = (
        ("agreed_at", iso_utc(deal.agreed_at)),
        ("agreed_via", _(DEAL.choice("agreed_via").values.get(deal.agreed_via, deal.agreed_via))),
        ("agreed_contact_id", deal.agreed_contact_name),
        ("delivery_date", deal.delivery_date),
        ("delivery_place", deal.delivery_place),
        ("payment_due_date", deal.payment_due_date),
        ("payment_terms", deal.payment_terms),
        ("warranty", deal.warranty),
        ("other_terms", deal.other_terms),
    )
    for name, value in terms:
        if value:
            print(one_line(f"{_(DEAL[name].label)}: {value}"), file=out)
    for event in deal.events:
        when = iso_utc(event.occurred_at, seconds=True)
        what = _(_event_label(event.kind))
        stages = ""
        if event.from_stage or event.to_stage:
            stages = (
                f" {_(_stage_label(event.from_stage)) if event.from_stage else '…'} → {_(_stage_label(event.to_stage))}"
            )
        text = f": {event.text}" if event.text else ""
        print(one_line(f"{when}  {event.rep_login}  {what}{stages}{text}"), file=out)
    return EXIT_OK


def _event_label(kind: str) -> str:
    from salestui.services.specs import DEAL_EVENT

    return DEAL_EVENT.choice("kind").values.get(kind, kind)


def _line_dict(line: Any) -> dict[str, Any]:
    return {"item": line.item, "quantity_milli": line.quantity_milli, "unit": line.unit, "unit_price": line.unit_price}


def _detail_record(deal: Any) -> dict[str, Any]:
    state = deal.confirmation
    return {
        "id": deal.id,
        "customer_id": deal.customer_id,
        "customer": deal.customer_name,
        "rep": deal.rep_login,
        "title": deal.title,
        "stage": deal.stage,
        "lost_reason": deal.lost_reason,
        "currency": deal.currency,
        "total": deal.total,
        "lines": [
            {**_line_dict(line), "id": line.id, "position": line.position, "line_total": line.line_total}
            for line in deal.lines
        ],
        "agreed_at": iso_utc(deal.agreed_at),
        "agreed_via": deal.agreed_via,
        "agreed_contact_id": deal.agreed_contact_id,
        "agreed_contact": deal.agreed_contact_name,
        "interaction_id": deal.interaction_id,
        "delivery_date": deal.delivery_date,
        "delivery_place": deal.delivery_place,
        "payment_due_date": deal.payment_due_date,
        "payment_terms": deal.payment_terms,
        "warranty": deal.warranty,
        "other_terms": deal.other_terms,
        "objection_days": deal.objection_days,
        "memo_language": deal.memo_language,
        "confirmation": {
            "state": state.state,
            "version": state.version,
            "sent_at": iso_utc(state.sent_at),
            "window_ends_at": iso_utc(state.window_ends_at),
            "answered_at": iso_utc(state.answered_at),
            "stale": state.stale,
        },
        "memos": [
            {"id": memo.id, "version": memo.version, "language": memo.language, "text_sha256": memo.text_sha256}
            for memo in deal.memos
        ],
        "events": [
            {
                "kind": event.kind,
                "from_stage": event.from_stage,
                "to_stage": event.to_stage,
                "memo_version": event.memo_version,
                "occurred_at": iso_utc(event.occurred_at),
                "channel": event.channel,
                "counterpart": event.counterpart,
                "text": event.text,
                "rep": event.rep_login,
            }
            for event in deal.events
        ],
    }
