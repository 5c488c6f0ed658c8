"""`salestui export followups --format ics -o FILE`: the open follow-ups as a calendar file a phone imports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from salestui.cli_output import UsageError
from salestui.i18n import _
from salestui.text import one_line

EXIT_OK = 0
STDOUT = "-"

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_commands(
    command: Command, options: Callable[[], argparse.ArgumentParser], wanted: Callable[[str], bool]
) -> None:
    """Declare `export followups` on the main parser (its options only if `wanted`)."""
    parent = command("export", run_export, _("export records to other programs (follow-ups to a calendar)"))
    if not wanted("export"):
        return
    kinds = parent.add_subparsers(dest="export_kind", metavar=_("WHAT"), required=True)
    followups = kinds.add_parser(
        "followups",
        parents=[options()],
        help=_("the open follow-ups as an iCalendar file (one event each, the customer in its title)"),
    )
    followups.add_argument("--format", choices=("ics",), default="ics", help=_("the file's format (default: ics)"))
    followups.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=_("the file to write; - writes to standard output")
    )
    followups.add_argument("--all", action="store_true", help=_("every rep's follow-ups, not only --user's"))
    followups.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))


def run_export(args: argparse.Namespace) -> int:
    from salestui.cli_database import open_existing
    from salestui.clock import Clock
    from salestui.services import calendar_export, reps

    target = _target(args.output, args.force)
    open_existing(args, read_only=True)
    login = None if args.all else (args.user or reps.os_login())
    items = calendar_export.open_follow_ups(login)
    clock = Clock()
    text = calendar_export.calendar_text(items, clock.now(), clock.zone)
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))  # bytes: the CRLF line ends stay as RFC 5545 wants
        sys.stdout.buffer.flush()
        return EXIT_OK
    _write(target, text)
    print(one_line(_("{count} follow-ups written to {path}").format(count=len(items), path=target)), file=sys.stderr)
    return EXIT_OK


def _target(output: str, force: bool) -> Path | None:
    """Where to write (None: standard output); UsageError for a path that cannot be one, before anything is read."""
    if output == STDOUT:
        return None
    if not output.strip() or "\0" in output:
        raise UsageError(_("-o needs a file name, or - for standard output"))
    path = Path(output).expanduser()
    if path.is_dir():
        raise UsageError(_("{path} is a folder; give a file name in it").format(path=path))
    if path.exists() and not force:
        raise UsageError(_("{path} exists; --force replaces it").format(path=path))
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise UsageError(_("cannot write {path}: {folder} is not a folder").format(path=path, folder=folder))
    if not folder.is_dir():
        raise UsageError(_("cannot write {path}: the folder {folder} does not exist").format(path=path, folder=folder))
    return path


def _write(path: Path, text: str) -> None:
    """Write `text` whole or not at all; UsageError saying why it cannot be written."""
    from salestui.services.files import write_atomically

    try:
        write_atomically(path, text)
    except OSError as error:
        raise UsageError(_("cannot write {path}: {reason}").format(path=path, reason=error.strerror or error)) from None
