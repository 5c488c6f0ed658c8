"""`salestui config path` and `salestui config check`: where the config file is, and whether it can be used."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from salestui.i18n import _

EXIT_OK, EXIT_USAGE = 0, 2

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_commands(
    command: Command, options: Callable[[], argparse.ArgumentParser], wanted: Callable[[str], bool]
) -> None:
    """Declare `config path` and `config check` on the main parser (their options only if `wanted`)."""
    parent = command("config", run_config, _("the config file (record templates…): where it is, and check it"))
    if not wanted("config"):
        return
    actions = parent.add_subparsers(dest="config_action", metavar=_("ACTION"), required=True)
    actions.add_parser("path", parents=[options()], help=_("print the config file's path (it need not exist)"))
    actions.add_parser("check", parents=[options()], help=_("check the config file: exit 0 if it can be used, else 2"))


def run_config(args: argparse.Namespace) -> int:
    from salestui import config

    if args.config_action == "path":
        print(config.config_path())
        return EXIT_OK
    try:
        found = config.load(app=True)  # [keys] too, as the app reads it
    except config.ConfigError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    if found.exists:
        print(_("{path}: OK").format(path=found.path))
    else:
        print(_("{path}: no such file; the defaults are in force").format(path=found.path))
    return EXIT_OK
