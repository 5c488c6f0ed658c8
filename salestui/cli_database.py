"""Which database file a command means, and opening one that must already exist."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from salestui.cli_output import UsageError
from salestui.i18n import _


def database_path(args: argparse.Namespace) -> Path:
    from salestui.services.session import default_path

    return Path(args.db).expanduser() if getattr(args, "db", None) else default_path()


def open_existing(args: argparse.Namespace, read_only: bool = False, deep_check: bool = True) -> Path:
    """Open a database that must already exist (a typo in --db should not create an empty one).

    `read_only` for the commands that only read: the file is neither migrated nor changed in any way.
    """
    from salestui.services.session import open_database

    path = database_path(args)
    if not path.exists():
        raise UsageError(_("no database at {path}").format(path=path))
    open_database(path, read_only=read_only, deep_check=deep_check)
    if deep_check and not read_only:  # checked (or found unchanged since a check) before this command writes
        args.checked_at_open = path
    return path


def signed_in(args: argparse.Namespace) -> Any:
    """A context for writing as --user (default: the OS login), on a database that must exist."""
    from salestui.clock import Clock
    from salestui.services import reps
    from salestui.services.context import Context
    from salestui.services.session import device_id

    login = args.user or reps.os_login()
    reps.check_login(login)
    path = open_existing(args)
    context = Context(path=path, clock=Clock(), device=device_id())
    reps.sign_in(context, login)
    return context
