"""`salestui settings`: list the company's settings, or set one (bad values are refused with the spec's words)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from salestui.cli_output import iso_utc, print_table, safe_json
from salestui.i18n import _
from salestui.text import one_line

EXIT_OK = 0

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_commands(
    command: Command, options: Callable[[], argparse.ArgumentParser], wanted: Callable[[str], bool]
) -> None:
    """Declare `settings` and `settings set KEY VALUE` on the main parser (their options only if `wanted`)."""
    listing = command("settings", run_settings, _("list the company's settings (name and address on memos…)"))
    if not wanted("settings"):
        return
    from salestui.services.specs import SETTING

    listing.add_argument("--json", action="store_true", help=_("print a JSON array instead of a table"))
    actions = listing.add_subparsers(dest="settings_action", metavar=_("ACTION"))
    change = actions.add_parser("set", parents=[options()], help=_("set one setting (signed as --user)"))
    change.add_argument("key", metavar="KEY", choices=tuple(SETTING), help=", ".join(SETTING))
    change.add_argument("value", metavar="VALUE")


def _shown(value: Any) -> str:
    return "-" if value is None or value == "" else one_line(str(value))


def run_settings(args: argparse.Namespace) -> int:
    from salestui.cli_database import open_existing
    from salestui.services import settings

    if args.settings_action == "set":
        from salestui.clock import Clock
        from salestui.services import reps
        from salestui.services.context import Context
        from salestui.services.session import device_id

        login = args.user or reps.os_login()
        reps.check_login(login)
        path = open_existing(args)
        context = Context(path=path, clock=Clock(), device=device_id())
        reps.sign_in(context, login)
        view = settings.set_value(context, args.key, args.value)
        print(one_line(_("{key} = {value}").format(key=view.key, value=_shown(view.value))))
        return EXIT_OK
    open_existing(args, read_only=True)
    views = settings.listing()
    if args.json:
        records = [
            {"key": view.key, "value": view.value, "set": view.is_set, "updated_at": iso_utc(view.updated_at)}
            for view in views
        ]
        print(safe_json(records))
        return EXIT_OK
    headers = {"key": _("setting"), "value": _("value"), "label": _("what it is")}
    cells = (
        {
            "key": view.key,
            "value": _shown(view.value) + ("" if view.is_set or view.value is None else " " + _("(default)")),
            "label": view.label,
        }
        for view in views
    )
    print_table(sys.stdout, headers, cells, {"value": 40, "label": 40})
    return EXIT_OK
