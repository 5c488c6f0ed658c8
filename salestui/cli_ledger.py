"""The ledger's commands: `verify` (with --head and --expect), `anchor` and `reps`."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from salestui.cli_database import database_path, open_existing
from salestui.cli_output import UsageError, iso_utc, print_table, safe_json
from salestui.i18n import _
from salestui.text import one_line

EXIT_OK, EXIT_PROBLEMS = 0, 1
_EXPECT = re.compile(r"(\d{1,18}):([0-9a-f]{64})")

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_commands(
    command: Command, options: Callable[[], argparse.ArgumentParser], wanted: Callable[[str], bool]
) -> None:
    """Declare verify, anchor and reps on the main parser (through its `command` helper; `options` makes the
    parent parser of the global options, which the actions of `reps` take too); only the `wanted` commands'
    options are declared."""
    check = command(
        "verify",
        run_verify,
        _("check the ledger, its signatures, every row and the anchors; exit 1 if anything was altered"),
    )
    command("anchor", run_anchor, _("write the ledger head into the anchors file beside the database"))
    listing = command("reps", run_reps, _("list the reps, or add one, or rotate or revoke a rep's signing key"))
    if wanted("verify"):
        _verify_options(check)
    if wanted("reps"):
        _reps_options(listing, options)


def _verify_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    check.add_argument("--head", action="store_true", help=_("only print the head (seq and hash): a quick anchor"))
    check.add_argument(
        "--expect",
        metavar="SEQ:HASH",
        type=_expectation,
        help=_("also require this anchor (from a memo, a manager, the anchors file) to hold"),
    )


def _reps_options(listing: argparse.ArgumentParser, options: Callable[[], argparse.ArgumentParser]) -> None:
    from salestui.services.specs import REP

    listing.add_argument("--json", action="store_true", help=_("print a JSON array instead of a table"))
    actions = listing.add_subparsers(dest="reps_action", metavar=_("ACTION"))
    add = actions.add_parser(
        "add", parents=[options()], help=_("add a rep with a new signing key kept in your key folder")
    )
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--name", help=_("the rep's name as shown (default: the login)"))
    add.add_argument(
        "--role",
        choices=REP.choice("role").codes,
        help=_("rep (default), manager or admin; only an admin can give the last two"),
    )
    rotate = actions.add_parser(
        "rotate", parents=[options()], help=_("replace a rep's signing key (yours, or any rep's as an admin)")
    )
    rotate.add_argument("login", metavar="LOGIN", nargs="?")
    revoke = actions.add_parser(
        "revoke", parents=[options()], help=_("revoke a rep's signing keys (yours, or any rep's as an admin)")
    )
    revoke.add_argument("login", metavar="LOGIN")
    revoke.add_argument("--reason", default="", help=_("why, for the record"))


def _expectation(text: str) -> tuple[int, str]:
    match = _EXPECT.fullmatch(text.strip().lower())
    if not match:
        raise argparse.ArgumentTypeError(
            _("SEQ:HASH with all 64 hex digits of the hash, e.g. 1204:{example}…, not {text!r}").format(
                example="9f" * 4, text=one_line(text)
            )
        )
    return int(match[1]), match[2]


def _say(text: str) -> None:
    """Print a line that may hold text from the database (a tampered hash, a login) with nothing raw in it."""
    print(one_line(text))


def _open(args: argparse.Namespace, create: bool = False, read_only: bool = False, deep_check: bool = True) -> Path:
    from salestui.services.session import open_database

    if not create:
        return open_existing(args, read_only=read_only, deep_check=deep_check)
    path = database_path(args)
    open_database(path)
    return path


def run_verify(args: argparse.Namespace) -> int:
    """Recompute everything; print each problem, then the head to send outside."""
    from salestui.services import ledger

    path = _open(args, read_only=True, deep_check=False)  # verify checks integrity itself, beside its other work
    if args.head:
        seq, head_hash = ledger.head()
        if args.json:
            print(safe_json({"head_seq": seq, "head_hash": head_hash}))
        else:
            _say(_("Head: event {seq}, hash {hash}").format(seq=seq, hash=head_hash))
        return EXIT_OK
    from salestui.services.verify import verify

    report = verify(path, expect=args.expect)
    if args.json:
        print(
            safe_json(
                {
                    "ok": report.ok,
                    "problems": list(report.problems),
                    "notes": list(report.notes),
                    "events_checked": report.events_checked,
                    "rows_checked": report.rows_checked,
                    "signatures_checked": report.signatures_checked,
                    "anchors_checked": report.anchors_checked,
                    "head_seq": report.head_seq,
                    "head_hash": report.head_hash,
                }
            )
        )
        return EXIT_OK if report.ok else EXIT_PROBLEMS
    for problem in report.problems:
        _say(problem)
    for note in report.notes:
        _say(_("Note: {note}").format(note=note))
    _say(
        _("Checked {events:,} ledger events, {signatures:,} signatures, {rows:,} rows; anchors: {anchors:,}.").format(
            events=report.events_checked,
            signatures=report.signatures_checked,
            rows=report.rows_checked,
            anchors=report.anchors_checked,
        )
    )
    _say(_("Head: event {seq}, hash {hash}").format(seq=report.head_seq, hash=report.head_hash))
    if report.ok:
        _say(_("OK: no problems found."))
    else:
        _say(_("Problems found: {count}.").format(count=len(report.problems)))
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def run_anchor(args: argparse.Namespace) -> int:
    """Append the head to the anchors file."""
    from salestui.clock import Clock
    from salestui.services import anchors

    path = _open(args)
    try:
        anchor = anchors.append(path, Clock().now())
    except OSError as error:
        raise UsageError(
            _("cannot write {path}: {error}").format(path=anchors.anchors_path(path), error=error.strerror)
        ) from None
    _say(
        _("Anchored event {seq}, hash {hash}, in {path}").format(
            seq=anchor.seq, hash=anchor.hash, path=anchors.anchors_path(path)
        )
    )
    return EXIT_OK


def _context(args: argparse.Namespace, path: Path, sign_in: bool) -> Any:
    """A context for `path`; signed in as --user (or the OS login) when `sign_in`, else as nobody yet."""
    from salestui.clock import Clock
    from salestui.services import reps
    from salestui.services.context import Context
    from salestui.services.session import device_id

    context = Context(path=path, clock=Clock(), device=device_id())
    if sign_in:
        reps.sign_in(context, args.user or reps.os_login())
    return context


def run_reps(args: argparse.Namespace) -> int:
    from salestui.services import keys, reps

    action = args.reps_action
    if action is None:
        _open(args, read_only=True)
        return _list_reps(args)
    if action == "add":
        reps.check_login(args.login)  # before a new database is made for the first rep
    path = _open(args, create=action == "add")
    if action == "add":
        caller = args.user or reps.os_login()
        known = caller != args.login and any(rep.login == caller for rep in reps.all_reps())
        context = _context(args, path, sign_in=known)
        view = reps.add(context, args.login, args.name, args.role)
        key_id = next(row.key_id for row in reps.listing(context.keys_folder) if row.rep.id == view.id)
        key_file = keys.key_path(context.keys_folder, key_id or "")
        _say(
            _(
                "Added rep {login} ({role}). Their private signing key is {file}: keep it private; whoever can read "
                "it can sign as {login}."
            ).format(login=view.login, role=_(view.role), file=key_file)
        )
        return EXIT_OK
    context = _context(args, path, sign_in=True)
    if action == "rotate":
        key = reps.rotate(context, args.login)
        _say(
            _("New signing key {key} for {login}: {file}").format(
                key=key.key_id,
                login=args.login or context.rep_login,
                file=keys.key_path(context.keys_folder, key.key_id),
            )
        )
    else:
        count = reps.revoke(context, args.login, args.reason)
        _say(_("Revoked {count} key(s) of {login}.").format(count=count, login=args.login))
    return EXIT_OK


def _list_reps(args: argparse.Namespace) -> int:
    from salestui.services import keys, reps

    rows = reps.listing(keys.keys_folder())
    if args.json:
        print(
            safe_json(
                [
                    {
                        "login": row.rep.login,
                        "name": row.rep.name,
                        "role": row.rep.role,
                        "key": row.key_id,
                        "key_here": row.yours,
                        "created_at": iso_utc(row.created_at),
                    }
                    for row in rows
                ]
            )
        )
        return EXIT_OK
    headers = {
        "login": _("login"),
        "name": _("name"),
        "role": _("role"),
        "key": _("signing key"),
        "here": _("key here"),
    }
    cells = (
        {
            "login": one_line(row.rep.login),
            "name": one_line(row.rep.name),
            "role": _(row.rep.role),
            "key": (row.key_id or "-")[:16],
            "here": _("yes") if row.yours else "-",
        }
        for row in rows
    )
    print_table(sys.stdout, headers, cells)
    return EXIT_OK
