"""`salestui customers merge SURVIVOR MERGED`: preview a merge of two customer records, then make it (asking first)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from salestui.cli_app import confirm
from salestui.cli_output import UsageError, print_table, safe_json
from salestui.i18n import _
from salestui.text import one_line

EXIT_OK = 0
FIELD_COLUMNS = {"field": 20, "survivor": 36, "merged": 36, "kept": 10}


def add_command(actions: Any, options: Callable[[], argparse.ArgumentParser]) -> None:
    """Declare `merge` among the actions of `salestui customers` (`actions`: its subparsers)."""
    merge = actions.add_parser(
        "merge",
        parents=[options()],
        help=_("merge a duplicate customer into another: everything moves to the survivor"),
        description=_(
            "Merge MERGED into SURVIVOR: every interaction, deal, memo, promise, follow-up and contact person moves "
            "to the survivor; MERGED's id then finds the survivor everywhere. Prints a preview first."
        ),
    )
    merge.set_defaults(handler=run_merge)
    reference = _("the customer's id (or its first 6+ characters), exact name or phone")
    for name, text in (("survivor", _("the customer that stays: {what}")), ("merged", _("the duplicate: {what}"))):
        merge.add_argument(name, metavar=name.upper(), help=text.format(what=reference))
    merge.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="FIELD=merged",
        help=_(
            "keep the duplicate's value of FIELD (or FIELD=survivor the survivor's); repeatable. By default the "
            "survivor's value stays unless it is blank"
        ),
    )
    merge.add_argument("--yes", action="store_true", help=_("merge without asking"))
    merge.add_argument("--json", action="store_true", help=_("print the preview (and the merge) as JSON"))


def _choices(keeps: list[str]) -> dict[str, str]:
    choices = {}
    for keep in keeps:
        field, sign, winner = keep.partition("=")
        if not sign or not field.strip():
            raise UsageError(_("--keep takes FIELD=merged or FIELD=survivor, not {text!r}").format(text=keep))
        choices[field.strip()] = winner.strip()
    return choices


def run_merge(args: argparse.Namespace) -> int:
    """Print what merging MERGED into SURVIVOR keeps and moves; merge once confirmed (or with --yes)."""
    from salestui.cli_database import open_existing
    from salestui.clock import Clock
    from salestui.services import customer_lookup, merge, reps
    from salestui.services.context import Context
    from salestui.services.session import device_id

    choices = merge.checked_choices(_choices(args.keep))
    login = args.user or reps.os_login()
    reps.check_login(login)
    path = open_existing(args)
    survivor = customer_lookup.resolve(args.survivor, follow_merges=False)
    merged = customer_lookup.resolve(args.merged, follow_merges=False)
    shown = merge.preview(survivor.id, merged.id)
    kept = {**shown.defaults(), **choices}
    if args.json:
        record = _json_record(shown, kept)
        if not args.yes:
            _print_preview(shown, kept, sys.stderr)
    else:
        _print_preview(shown, kept, sys.stdout)
    if not args.yes:
        if not sys.stdin.isatty():
            if args.json:
                print(safe_json({**record, "merge_id": None}))
            raise UsageError(_("nothing was merged: give --yes to merge without asking"))
        if not confirm(_("Merge {merged} into {survivor}? [y/N] ").format(merged=merged.name, survivor=survivor.name)):
            raise UsageError(_("nothing was merged"))
    context = Context(path=path, clock=Clock(), device=device_id())
    reps.sign_in(context, login)
    done = merge.merge(context, survivor.id, merged.id, choices)
    if args.json:
        print(safe_json({**record, "merge_id": done.id, "moves": dict(done.moves)}))
        return EXIT_OK
    moved = sum(count for _table, count in done.moves)
    print(
        one_line(
            _("Merged {merged} into {survivor}: {count} records moved (merge {id}).").format(
                merged=merged.name, survivor=done.survivor_name, count=moved, id=done.id
            )
        )
    )
    return EXIT_OK


def _json_record(shown: Any, kept: dict[str, str]) -> dict[str, Any]:
    return {
        "survivor": {"id": shown.survivor_id, "name": shown.survivor_name},
        "merged": {"id": shown.merged_id, "name": shown.merged_name},
        "fields": [
            {"field": field.name, "survivor": field.survivor, "merged": field.merged, "kept": kept[field.name]}
            for field in shown.fields
        ],
        "moves": dict(shown.moves),
    }


def _print_preview(shown: Any, kept: dict[str, str], out: Any) -> None:
    """The two customers, each field that differs with the value kept, and how many records move."""
    from salestui.services.merge import table_label

    print(
        one_line(
            _("Merge {merged} ({merged_id}) into {survivor} ({survivor_id}); the survivor keeps its id.").format(
                merged=shown.merged_name,
                merged_id=shown.merged_id[:8],
                survivor=shown.survivor_name,
                survivor_id=shown.survivor_id[:8],
            )
        ),
        file=out,
    )
    headers = {"field": _("field"), "survivor": _("survivor"), "merged": _("merged"), "kept": _("kept")}
    rows = (
        {
            "field": one_line(field.label),
            "survivor": one_line(field.survivor) or "-",
            "merged": one_line(field.merged) or "-",
            "kept": _(kept[field.name]),
        }
        for field in shown.differing()
    )
    if not print_table(out, headers, rows, FIELD_COLUMNS):
        print(_("Every field holds the same value in both."), file=out)
    moves = ", ".join(f"{table_label(table)} {count}" for table, count in shown.moves if count)
    print(one_line(_("Moves to the survivor: {moves}").format(moves=moves or _("nothing"))), file=out)
