"""`salestui` without a command (the TUI), `salestui --demo` and `salestui demo`: opening the app, and demo data."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from salestui.cli_database import database_path
from salestui.cli_output import UsageError
from salestui.i18n import _
from salestui.text import one_line

EXIT_OK = 0
DEMO_CUSTOMERS = 300  # small enough that `salestui --demo` opens in about a second


def demo_options(demo: argparse.ArgumentParser, positive: Callable[[str], int]) -> None:
    demo.add_argument(
        "--customers", type=positive, default=1000, metavar="N", help=_("how many customers (default: 1000)")
    )
    demo.add_argument(
        "--interactions",
        type=positive,
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


def run_app(args: argparse.Namespace) -> int:
    """Open the TUI on the database (or, with --demo, on a fresh demo database); a config file with a problem is
    refused before anything opens."""
    from salestui import config
    from salestui.services.reps import UnknownRep

    config.load(app=True)
    from salestui.services.session import open_context

    login, keys_folder = args.user, None
    if args.demo:
        path, first_login, keys_folder = _make_temp_demo()
        login = login or first_login
    else:
        path = database_path(args)
        _ask_before_creating(path)
    try:
        context = open_context(path, login, check_in_background=True, keys_folder=keys_folder)
    except UnknownRep as unknown:
        if not confirm(
            _(
                "No rep has the login {login} in {path} (reps: {logins}).\nAdd {login} as a new rep, with a "
                "signing key in your key folder? [y/N] "
            ).format(login=unknown.login, path=path, logins=", ".join(unknown.logins))
        ):
            raise
        context = open_context(path, login, check_in_background=True, keys_folder=keys_folder, enroll=True)
    from salestui.ui.app import make_app

    app = make_app(context)  # with the config file's [keys] in force
    app.run()
    return app.return_code or 0


def _ask_before_creating(path: Path) -> None:
    """A missing database is made only after the user agreed on the terminal (a typo must not make one)."""
    if path.exists():
        return
    missing = next((folder for folder in reversed(path.parents) if not folder.exists()), None)
    if missing is None:
        question = _("There is no database at {path}.\nCreate a new, empty one there? [y/N] ").format(path=path)
    else:
        question = _(
            "There is no database at {path}, and the folder {folder} does not exist.\n"
            "Create the folder and a new, empty database? [y/N] "
        ).format(path=path, folder=missing)
    if not sys.stdin.isatty():
        raise UsageError(
            _("no database at {path}; run salestui on a terminal to create one, or check --db").format(path=path)
        )
    if not confirm(question):
        raise UsageError(_("nothing was created at {path}").format(path=path))


def confirm(question: str) -> bool:
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
    from salestui.demo import generator as demo
    from salestui.services.context import Context
    from salestui.services.session import close, device_id, open_database

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
    from salestui.demo import generator as demo
    from salestui.services import customers
    from salestui.services.context import Context
    from salestui.services.keys import keys_folder
    from salestui.services.session import device_id, open_database

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
            "{follow_ups:,} follow-ups, {deals:,} deals, {promises:,} promises and {reps} reps "
            "({events:,} ledger events) in {seconds:.1f} s."
        ).format(
            customers=stats.customers,
            contacts=stats.contact_persons,
            interactions=stats.interactions,
            follow_ups=stats.follow_ups,
            deals=stats.deals,
            promises=stats.promises,
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
