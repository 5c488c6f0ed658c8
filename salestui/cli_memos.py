"""`salestui deal memo|send|ack|object`: a deal's written confirmation from the shell."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from salestui.cli_output import UsageError, iso_utc
from salestui.i18n import _
from salestui.text import one_line

EXIT_OK = 0
DEAL_HELP = "the deal's id or its first 6+ characters"


def add_memo_commands(actions: Any, options: Callable[[], argparse.ArgumentParser]) -> None:
    """`deal memo`, `deal send`, `deal ack` and `deal object` under the `deal` command."""
    from salestui.services.specs import CHANNELS

    memo = actions.add_parser("memo", parents=[options()], help=_("print or save the deal's written confirmation"))
    memo.add_argument("deal", metavar="DEAL", help=_(DEAL_HELP))
    memo.add_argument("--format", choices=("text", "md"), default="text", help=_("plain text or Markdown"))
    memo.add_argument("-o", "--output", type=Path, metavar="FILE", help=_("write it to FILE instead of printing"))
    memo.set_defaults(deal_runner=run_memo)
    send = actions.add_parser("send", parents=[options()], help=_("record that the memo was sent (signed as --user)"))
    send.add_argument("deal", metavar="DEAL", help=_(DEAL_HELP))
    send.add_argument("--channel", required=True, choices=tuple(CHANNELS), help=_("how it was sent"))
    send.add_argument("--to", default="", metavar="WHO", help=_("to whom"))
    send.add_argument("--at", metavar="WHEN", help=_("when it was sent (default: now)"))
    send.set_defaults(deal_runner=run_send)
    for name, summary in (
        ("ack", _("record that the customer confirmed the memo in force")),
        ("object", _("record what the customer disputes in the memo in force")),
    ):
        reply = actions.add_parser(name, parents=[options()], help=summary)
        reply.add_argument("deal", metavar="DEAL", help=_(DEAL_HELP))
        reply.add_argument("--channel", default="", choices=("", *CHANNELS), help=_("how they answered"))
        reply.add_argument("--from", dest="counterpart", default="", metavar="WHO", help=_("who answered"))
        reply.add_argument(
            "--text", default="", required=name == "object", metavar="TEXT", help=_("their reply, pasted in")
        )
        reply.add_argument("--at", metavar="WHEN", help=_("when they answered (default: now)"))
        reply.set_defaults(deal_runner=run_reply, reply=name)


def run_memo(args: argparse.Namespace) -> int:
    from salestui.cli_database import open_existing
    from salestui.clock import Clock
    from salestui.services import deals, memos

    open_existing(args, read_only=True)
    clock = Clock()
    deal_id = deals.resolve(args.deal)
    language = args.lang if getattr(args, "lang", None) else None  # --lang given: the memo in that language
    text = memos.render(deal_id, clock.now(), language, args.format, clock.zone)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_file(args.output, text)
    print(one_line(_("Memo written to {path}").format(path=args.output)))
    return EXIT_OK


def write_file(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all; UsageError saying why it cannot be written."""
    from salestui.services.files import write_atomically

    try:
        write_atomically(path, text)
    except OSError as error:
        raise UsageError(_("cannot write {path}: {reason}").format(path=path, reason=error.strerror or error)) from None


def _signed_in(args: argparse.Namespace) -> Any:
    from salestui.cli_database import signed_in

    return signed_in(args)


def _when(args: argparse.Namespace, context: Any) -> Any:
    if not args.at:
        return None
    from salestui.services.when import WhenError, parse_when

    try:
        return parse_when(args.at, context.clock.now(), context.clock.zone)
    except WhenError as error:
        raise UsageError(_("--at: {error}").format(error=error)) from None


def run_send(args: argparse.Namespace) -> int:
    from salestui.services import deals, memos

    context = _signed_in(args)
    deal_id = deals.resolve(args.deal)
    memo = memos.send(
        context, deal_id, {"channel": args.channel, "counterpart": args.to, "occurred_at": _when(args, context)}
    )
    print(
        one_line(
            _("Memo version {version} sent; SHA-256 of its text {sha}").format(
                version=memo.version, sha=memo.text_sha256
            )
        )
    )
    return EXIT_OK


def run_reply(args: argparse.Namespace) -> int:
    from salestui.services import deals, memos

    context = _signed_in(args)
    deal_id = deals.resolve(args.deal)
    raw = {
        "channel": args.channel,
        "counterpart": args.counterpart,
        "text": args.text,
        "occurred_at": _when(args, context),
    }
    record = memos.acknowledge if args.reply == "ack" else memos.object_to
    state = record(context, deal_id, raw)
    print(
        one_line(
            _("Memo version {version}: {state} at {when}").format(
                version=state.version, state=_(state.state), when=iso_utc(state.answered_at)
            )
        )
    )
    return EXIT_OK
