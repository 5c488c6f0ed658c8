"""The `salestui` command: the TUI by default, and quick commands that never import Textual."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from salestui.cli_output import UsageError, iso_utc, print_table, safe_json
from salestui.i18n import LANGUAGES, _, detect_language, set_language
from salestui.text import one_line, visible

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEMO_CUSTOMERS = 300  # small enough that `salestui --demo` opens in about a second
PAGE = 500
CUSTOMER_COLUMNS = {"id": 32, "name": 24, "company": 28, "phone": 18, "owner": 14, "tier": 10, "last_contact_at": 20}
TEXT_OPTIONS = ("--at", "--summary", "--search")
_KIND_DIRECTION = {"note": "none", "complaint": "in", "feedback": "in"}


class SafeArgumentParser(argparse.ArgumentParser):
    """argparse that echoes arguments (unrecognized ones, bad values) with control bytes made visible."""

    def _print_message(self, message: str, file: TextIO | None = None) -> None:
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
        from salestui.services.context import close_and_stamp

        _close_quietly(lambda: close_and_stamp(args.checked_at_open))
    return code


def _report_failure(error: Exception, args: argparse.Namespace) -> int:
    """Say in one line (a line per field for bad input) why a command failed, and return its exit code.

    The error classes are imported here, on failure, so a command that succeeds does not pay for loading them.
    """
    import peewee

    from salestui.db.database import DatabaseError, is_busy
    from salestui.db.migrations import MigrationError
    from salestui.services.context import NotFound, SigningError, ValidationError
    from salestui.services.keys import KeyFileError
    from salestui.services.reps import UnknownRep

    if isinstance(error, ValidationError):
        for name, message in error.errors.items():
            print(one_line(f"{name}: {message}"), file=sys.stderr)
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
            from salestui.services import context

            close = context.close
        close()
    except Exception:  # noqa: BLE001  (the command's outcome is already decided and reported)
        pass


def _fail(message: str) -> int:
    print(one_line(_("salestui: {message}").format(message=message)), file=sys.stderr)
    return EXIT_USAGE


def _fail_sqlite(error: Exception, path: Path) -> int:
    """One line for an error SQLite raised while a command ran (its transaction was rolled back)."""
    from salestui.db.database import is_busy, is_read_only_error

    if is_busy(error):
        return _fail(_BUSY())
    if is_read_only_error(error):
        return _fail(_("{path} is read-only: {error}").format(path=path, error=error))
    return _fail(_("{path}: {error}").format(path=path, error=error))


def _failure_path(args: argparse.Namespace) -> Path:
    """The database a failed command was using."""
    from salestui.db.database import database

    if getattr(args, "demo", False) and database.opened_path is not None:
        return database.opened_path
    return _database_path(args)


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


def _global_options(on_subcommand: bool) -> argparse.ArgumentParser:
    """--db, --user, --lang; on subcommands they default to SUPPRESS so a value given before the command stays."""
    parent = argparse.ArgumentParser(add_help=False)
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


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(_("a whole number of at least 1, not {text!r}").format(text=text))
    return int(text)


COMMANDS = ("demo", "customers", "log", "verify", "anchor", "reps")
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
    from salestui.services.interaction_choices import DIRECTIONS, KINDS

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
    parser.set_defaults(handler=run_app, command=None)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    options = _global_options(True)  # one parent serves every command: argparse copies its options

    def command(name: str, handler: Callable[[argparse.Namespace], int], summary: str) -> argparse.ArgumentParser:
        if not wanted(name):
            return commands.add_parser(name, help=summary)  # listed in the help, never parsed
        sub = commands.add_parser(name, parents=[options], help=summary, description=summary)
        sub.set_defaults(handler=handler)
        return sub

    demo = command("demo", run_demo, _("make a database of realistic demo data (refuses a file with customers)"))
    listing = command("customers", run_customers, _("list customers in name order"))
    log = command("log", run_log, _("record a contact with a customer"))
    if wanted("demo"):
        _demo_options(demo)
    if wanted("customers"):
        _customers_options(listing)
    if wanted("log"):
        _log_options(log, KINDS, DIRECTIONS)

    from salestui import cli_ledger

    cli_ledger.add_commands(command, lambda: options, wanted)
    return parser


def _demo_options(demo: argparse.ArgumentParser) -> None:
    demo.add_argument(
        "--customers", type=_positive, default=1000, metavar="N", help=_("how many customers (default: 1000)")
    )
    demo.add_argument(
        "--interactions",
        type=_positive,
        default=None,
        metavar="M",
        help=_("about how many interactions in all (default: 10 per customer)"),
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help=_("the random seed; the same seed makes the same data (default: 1)"),
    )


def _customers_options(listing: argparse.ArgumentParser) -> None:
    listing.add_argument("--search", default="", metavar="Q", help=_("only customers matching Q (name, pinyin, phone)"))
    listing.add_argument("--limit", type=_positive, default=None, metavar="N", help=_("at most N customers"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array instead of a table"))


def _log_options(log: argparse.ArgumentParser, kinds: tuple[str, ...], directions: tuple[str, ...]) -> None:
    log.add_argument("customer", metavar="CUSTOMER", help=_("the customer's id, exact name or phone"))
    log.add_argument("--kind", required=True, choices=kinds, help=_("what kind of contact"))
    log.add_argument("--summary", required=True, metavar="TEXT", help=_("one line saying what happened"))
    log.add_argument(
        "--at",
        metavar="WHEN",
        help=_("when it happened, e.g. '2026-12-01 14:00', 'yesterday 16:30', '-2h' (default: now)"),
    )
    log.add_argument(
        "--direction",
        choices=directions,
        help=_("who reached out (default: none for notes, in for complaints and feedback, else out)"),
    )
    log.add_argument("--json", action="store_true", help=_("print the logged interaction as JSON"))


def _database_path(args: argparse.Namespace) -> Path:
    from salestui.db.database import default_path

    return Path(args.db).expanduser() if getattr(args, "db", None) else default_path()


def _open_existing(args: argparse.Namespace, read_only: bool = False, deep_check: bool = True) -> Path:
    """Open a database that must already exist (a typo in --db should not create an empty one).

    `read_only` for the commands that only read: the file is neither migrated nor changed in any way.
    """
    from salestui.db.database import open_database

    path = _database_path(args)
    if not path.exists():
        raise UsageError(_("no database at {path}").format(path=path))
    open_database(path, read_only=read_only, deep_check=deep_check)
    if deep_check and not read_only:  # checked (or found unchanged since a check) before this command writes
        args.checked_at_open = path
    return path


def run_app(args: argparse.Namespace) -> int:
    """Open the TUI on the database (or, with --demo, on a fresh demo database)."""
    from salestui.services.context import open_context
    from salestui.services.reps import UnknownRep

    login, keys_folder = args.user, None
    if args.demo:
        path, first_login, keys_folder = _make_temp_demo()
        login = login or first_login
    else:
        path = _database_path(args)
    try:
        context = open_context(path, login, check_in_background=True, keys_folder=keys_folder)
    except UnknownRep as unknown:
        if not _confirm(
            _(
                "No rep has the login {login} in {path} (reps: {logins}).\nAdd {login} as a new rep, with a "
                "signing key in your key folder? [y/N] "
            ).format(login=unknown.login, path=path, logins=", ".join(unknown.logins))
        ):
            raise
        context = open_context(path, login, check_in_background=True, keys_folder=keys_folder, enroll=True)
    from salestui.ui.app import make_app

    app = make_app(context)
    app.run()
    return app.return_code or 0


def _confirm(question: str) -> bool:
    """Ask on the terminal; no answer (not a terminal, end of input) is no."""
    if not sys.stdin.isatty():
        return False
    print("\n".join(one_line(line) for line in question.split("\n")), end="", file=sys.stderr, flush=True)
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes", "是", "好")


def _make_temp_demo() -> tuple[Path, str, Path]:
    import tempfile

    from salestui.clock import Clock
    from salestui.db.database import device_id, open_database
    from salestui.services import demo
    from salestui.services.context import Context, close

    folder = Path(tempfile.mkdtemp(prefix="salestui-demo-"))
    path = folder / "demo.db"
    print(one_line(_("Demo database: {path}").format(path=path)), file=sys.stderr)
    open_database(path)
    context = Context(path=path, clock=Clock(), device=device_id(), keys_folder=folder / "keys")
    stats = demo.generate(context, customers=DEMO_CUSTOMERS)
    close()
    return path, stats.first_rep_login, context.keys_folder


def run_demo(args: argparse.Namespace) -> int:
    """Make a demo database at --db; refuse a file that already holds customers."""
    from salestui.clock import Clock
    from salestui.db.database import device_id, open_database
    from salestui.services import customers, demo
    from salestui.services.context import Context
    from salestui.services.keys import keys_folder

    if not getattr(args, "db", None):
        raise UsageError(_("demo needs --db PATH, the file to make"))
    path = Path(args.db).expanduser()
    open_database(path)
    if customers.count(cap=1):
        raise UsageError(_("{path} already holds customers; give a new file").format(path=path))
    started = time.perf_counter()
    stats = demo.generate(
        Context(path=path, clock=Clock(), device=device_id(), keys_folder=keys_folder()),
        customers=args.customers,
        seed=args.seed,
        interactions=args.interactions,
        progress=_progress_printer(sys.stderr),
    )
    seconds = time.perf_counter() - started
    print(
        _(
            "Made {customers:,} customers, {contacts:,} contact persons, {interactions:,} interactions, "
            "{follow_ups:,} follow-ups and {reps} reps ({events:,} ledger events) in {seconds:.1f} s."
        ).format(
            customers=stats.customers,
            contacts=stats.contact_persons,
            interactions=stats.interactions,
            follow_ups=stats.follow_ups,
            reps=stats.reps,
            events=stats.events,
            seconds=seconds,
        )
    )
    print(one_line(_("Database: {path}").format(path=path)))
    print(
        one_line(
            _("Open it as the demo's first rep: salestui --db {path} --user {login}").format(
                path=path, login=stats.first_rep_login
            )
        )
    )
    print(
        one_line(
            _(
                "The demo reps' signing keys are in {folder}; they are derived from the seed, so never keep "
                "real records in a demo database."
            ).format(folder=keys_folder())
        )
    )
    return EXIT_OK


def _progress_printer(stream: TextIO) -> Callable[[int, int], None] | None:
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(
            "\r" + _("{done:,} of {total:,} customers").format(done=done, total=total), end=end, file=stream, flush=True
        )

    return show


def stream_customers(query: str, limit: int | None) -> Iterator[Any]:
    """Matching customers in name order, fetched in keyset pages so memory stays flat."""
    from salestui.services import customers

    after: tuple[str, str] | None = None
    left = limit
    while left is None or left > 0:
        size = PAGE if left is None else min(PAGE, left)
        page = customers.page_after(query, after, size)
        yield from page
        if len(page) < size:
            return
        after = (page[-1].sort_key, page[-1].id)
        if left is not None:
            left -= len(page)


def _customer_record(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "company": row.company,
        "phone": row.phone,
        "owner": row.owner_login,
        "tier": row.tier,
        "last_contact_at": iso_utc(row.last_contact_at),
    }


def run_customers(args: argparse.Namespace) -> int:
    """Print the matching customers as an aligned table, or as a JSON array with --json."""
    _open_existing(args, read_only=True)
    rows = stream_customers(args.search, args.limit)
    out = sys.stdout
    if args.json:
        wrote = False
        out.write("[")
        for row in rows:
            out.write(("," if wrote else "") + "\n  " + safe_json(_customer_record(row)))
            wrote = True
        out.write("\n]\n" if wrote else "]\n")
        return EXIT_OK
    headers = {
        "id": _("id"),
        "name": _("name"),
        "company": _("company"),
        "phone": _("phone"),
        "owner": _("owner"),
        "tier": _("tier"),
        "last_contact_at": _("last contact (UTC)"),
    }
    printed = print_table(out, headers, (_table_cells(row) for row in rows), CUSTOMER_COLUMNS, sample=PAGE)
    if not printed:
        print(_("No customers match."), file=sys.stderr)
    return EXIT_OK


def _table_cells(row: Any) -> dict[str, str]:
    return {
        "id": one_line(row.id),
        "name": one_line(row.name),
        "company": one_line(row.company),
        "phone": one_line(row.phone),
        "owner": one_line(row.owner_login) or "-",
        "tier": one_line(_(row.tier)),
        "last_contact_at": iso_utc(row.last_contact_at, seconds=True) or "-",
    }


def run_log(args: argparse.Namespace) -> int:
    """Record one interaction with a customer from the shell; bad input is refused before anything is written."""
    from salestui.clock import Clock
    from salestui.db.database import device_id
    from salestui.services import customers, reps, timeline
    from salestui.services.context import Context, ValidationError
    from salestui.services.when import WhenError, parse_when

    clock = Clock()
    now = clock.now()
    try:
        occurred = parse_when(args.at, now, clock.zone) if args.at else now
    except WhenError as error:
        raise UsageError(_("--at: {error}").format(error=error)) from None
    raw = {
        "kind": args.kind,
        "direction": args.direction or _KIND_DIRECTION.get(args.kind, "out"),
        "summary": args.summary,
        "occurred_at": occurred,
    }
    _values, errors = timeline.clean_interaction(raw, now)
    if errors:
        raise ValidationError(errors)
    reps.check_login(args.user or reps.os_login())
    path = _open_existing(args)  # everything the arguments say is checked before the file is opened
    customer = customers.resolve(args.customer)
    context = Context(path=path, clock=clock, device=device_id())
    reps.sign_in(context, args.user or reps.os_login())
    view = timeline.append(context, customer.id, raw)
    if args.json:
        print(
            safe_json(
                {
                    "id": view.id,
                    "customer_id": view.customer_id,
                    "customer_name": customer.name,
                    "rep": view.rep_login,
                    "kind": view.kind,
                    "direction": view.direction,
                    "occurred_at": iso_utc(view.occurred_at),
                    "summary": view.summary,
                }
            )
        )
        return EXIT_OK
    local = context.clock.local(view.occurred_at)
    print(
        one_line(
            _("Logged {kind} ({direction}) with {customer} at {when}: {summary}").format(
                kind=_(view.kind),
                direction=_(view.direction),
                customer=customer.name,
                when=local.strftime("%Y-%m-%d %H:%M %z"),
                summary=view.summary,
            )
        )
    )
    print(one_line(_("Interaction id: {id}").format(id=view.id)))
    return EXIT_OK
