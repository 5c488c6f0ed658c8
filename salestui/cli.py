"""The `salestui` command: the TUI by default, and quick commands that never import Textual."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salestui import cli_app, cli_customers
from salestui.cli_database import database_path
from salestui.cli_output import UsageError, positive
from salestui.i18n import LANGUAGES, _, detect_language, set_language
from salestui.text import one_line, visible

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEMO_CUSTOMERS = cli_app.DEMO_CUSTOMERS
TEXT_OPTIONS = ("--at", "--summary", "--search", "--text", "--to", "--from", "--due", "--what", "--note")


def _help_width() -> int:
    """What argparse's help formatter measures (shutil.get_terminal_size's columns, less 2), without importing shutil:
    argparse makes a formatter for every option it adds, and that import costs a quick command ~2 ms."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class TerminalHelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, as wide as the terminal (measured by `_help_width`)."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, _help_width() if width is None else width)


class SafeArgumentParser(argparse.ArgumentParser):
    """argparse that echoes arguments (unrecognized ones, bad values) with control bytes made visible."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", TerminalHelpFormatter)  # subcommands' parsers too
        super().__init__(*args, **kwargs)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            super()._print_message(visible(message), file)


def main(argv: list[str] | None = None) -> int:
    """Run the command in `argv` (default: the process arguments) and return its exit code."""
    argv = _attach_dash_values(list(sys.argv[1:] if argv is None else argv))
    set_language(_peek_language(argv))
    parser = build_parser(_peek_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    set_language(args.lang or detect_language())
    if args.demo and args.command:
        return _fail(_("--demo opens the app on demo data; it cannot be combined with a command"))
    try:
        code = args.handler(args)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print(_("Interrupted; whatever was committed before stays."), file=sys.stderr)
        return 130
    except Exception as error:
        return _report_failure(error, args)
    finally:
        _close_quietly()
    if getattr(args, "checked_at_open", None) is not None:  # it ran to the end: its writes are SQLite's own
        from salestui.services.session import close_and_stamp

        _close_quietly(lambda: close_and_stamp(args.checked_at_open))
    return code


def _report_failure(error: Exception, args: argparse.Namespace) -> int:
    """Say in one line (a line per field for bad input) why a command failed, and return its exit code.

    The error classes are imported here, on failure, so a command that succeeds does not pay for loading them.
    """
    import peewee

    from salestui.config import ConfigError
    from salestui.services.errors import (
        DatabaseError,
        MigrationError,
        NotFound,
        SigningError,
        ValidationError,
        is_busy,
    )
    from salestui.services.keys import KeyFileError
    from salestui.services.reps import UnknownRep

    if isinstance(error, ValidationError):
        for name, message in error.errors.items():
            print(one_line(f"{name}: {message}"), file=sys.stderr)
        return EXIT_USAGE
    if isinstance(error, ConfigError):  # the config file: a line per problem, each naming the file and line
        for problem in error.problems:
            print(one_line(problem), file=sys.stderr)
        return EXIT_USAGE
    if isinstance(error, UsageError | DatabaseError | MigrationError | SigningError | KeyFileError | UnknownRep):
        if is_busy(error) or is_busy(error.__cause__):
            return _fail(_BUSY())
        return _fail(str(error))
    if isinstance(error, NotFound):
        return _fail(_("not found: {id}").format(id=error))
    if isinstance(error, peewee.PeeweeException | sqlite3.Error):  # SQLite refused mid-command; it rolled back
        return _fail_sqlite(error, _failure_path(args))
    # A bug: one line, not a traceback; every write is one transaction.
    return _fail(
        _("unexpected error: {error}; nothing was half-written").format(error=f"{type(error).__name__}: {error}")
    )


def _BUSY() -> str:  # noqa: N802  (a message, translated when shown)
    return _("the database is busy (another SalesTUI is writing); try again")


def _close_quietly(close: Callable[[], None] | None = None) -> None:
    """Close the database at exit (or run `close`); a failure to close must not turn into a traceback after the
    message."""
    try:
        if close is None:
            from salestui.services import session

            close = session.close
        close()
    except Exception:  # noqa: BLE001  (the command's outcome is already decided and reported)
        pass


def _fail(message: str) -> int:
    print(one_line(_("salestui: {message}").format(message=message)), file=sys.stderr)
    return EXIT_USAGE


def _fail_sqlite(error: Exception, path: Path) -> int:
    """One line for an error SQLite raised while a command ran (its transaction was rolled back)."""
    from salestui.services.errors import is_busy, is_read_only_error

    if is_busy(error):
        return _fail(_BUSY())
    if is_read_only_error(error):
        return _fail(_("{path} is read-only: {error}").format(path=path, error=error))
    return _fail(_("{path}: {error}").format(path=path, error=error))


def _failure_path(args: argparse.Namespace) -> Path:
    """The database a failed command was using."""
    from salestui.services.session import opened_path

    opened = opened_path()
    if getattr(args, "demo", False) and opened is not None:
        return opened
    return database_path(args)


def _silence_stdout() -> None:
    """After the reader went away (`salestui customers | head`), keep Python from failing on exit."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _attach_dash_values(argv: list[str]) -> list[str]:
    """Let free-text options take values that start with a dash: `--at -2h` becomes `--at=-2h`."""
    joined: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        following = argv[index + 1] if index + 1 < len(argv) else ""
        if arg in TEXT_OPTIONS and following.startswith("-") and not following.startswith("--"):
            joined.append(f"{arg}={following}")
            index += 2
        else:
            joined.append(arg)
            index += 1
    return joined


def _peek_language(argv: list[str]) -> str:
    """The --lang value if given (so help text is already translated), else the locale's language."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.removeprefix("--lang=") in LANGUAGES:
            return arg.removeprefix("--lang=")
    return detect_language()


def _global_options(on_subcommand: bool) -> SafeArgumentParser:
    """--db, --user, --lang; on subcommands they default to SUPPRESS so a value given before the command stays."""
    parent = SafeArgumentParser(add_help=False)
    group = parent.add_argument_group(_("global options (before or after the command)"))
    default = argparse.SUPPRESS if on_subcommand else None
    group.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        default=default,
        help=_("the database file (default: $SALESTUI_DB or salestui.db in your user-data folder)"),
    )
    group.add_argument(
        "--user",
        metavar="LOGIN",
        default=default,
        help=_("the rep who is writing (default: your OS login); needs their signing key"),
    )
    group.add_argument(
        "--lang", choices=LANGUAGES, default=default, help=_("language of the interface (default: from the locale)")
    )
    return parent


COMMANDS = (
    "demo",
    "customers",
    "log",
    "verify",
    "anchor",
    "reps",
    "settings",
    "config",
    "deals",
    "deal",
    "promises",
    "promise",
    "amend",
    "today",
    "add",
    "export",
)
_GLOBAL_VALUE_OPTIONS = ("--db", "--user", "--lang")


def _peek_command(argv: list[str]) -> str | None:
    """The command `argv` names, if it is plain which (only global options before it), else None."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in _GLOBAL_VALUE_OPTIONS:
            index += 2
        elif arg == "--demo" or arg.partition("=")[0] in _GLOBAL_VALUE_OPTIONS and "=" in arg:
            index += 1
        else:
            return arg if arg in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for `salestui` and its commands.

    With `only` (the command the arguments name) the other commands are listed by name and summary but their
    options are left out: building every command's parser costs a quick command several milliseconds.
    """

    def wanted(name: str) -> bool:
        return only is None or name == only

    parser = SafeArgumentParser(
        prog="salestui",
        parents=[_global_options(False)],
        description=_("A keyboard-first terminal CRM. Without a command it opens the app."),
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open the app on a fresh demo database in a temporary folder")
    )
    parser.set_defaults(handler=cli_app.run_app, command=None)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    options = _global_options(True)  # one parent serves every command: argparse copies its options

    def command(name: str, handler: Callable[[argparse.Namespace], int], summary: str) -> argparse.ArgumentParser:
        if not wanted(name):
            return commands.add_parser(name, help=summary)  # listed in the help, never parsed
        sub = commands.add_parser(name, parents=[options], help=summary, description=summary)
        sub.set_defaults(handler=handler)
        return sub

    demo = command(
        "demo", cli_app.run_demo, _("make a database of realistic demo data (refuses a file with customers)")
    )
    listing = command("customers", cli_customers.run_customers, _("list customers in name order, or add or show one"))
    log = command("log", cli_customers.run_log, _("record a contact with a customer"))
    if wanted("demo"):
        cli_app.demo_options(demo, positive)
    if wanted("customers"):
        actions = cli_customers.customers_options(listing, positive, lambda: options)
        from salestui import cli_merge

        cli_merge.add_command(actions, lambda: options)
    if wanted("log"):
        cli_customers.log_options(log)

    from salestui import (
        cli_config,
        cli_deals,
        cli_export,
        cli_followups,
        cli_ledger,
        cli_promises,
        cli_settings,
        cli_today,
    )

    cli_ledger.add_commands(command, lambda: options, wanted)
    cli_settings.add_commands(command, lambda: options, wanted)
    cli_config.add_commands(command, lambda: options, wanted)
    cli_deals.add_commands(command, lambda: options, wanted)
    cli_promises.add_commands(command, lambda: options, wanted)
    cli_today.add_commands(command, lambda: options, wanted)
    cli_followups.add_commands(command, lambda: options, wanted)
    cli_export.add_commands(command, lambda: options, wanted)
    return parser
