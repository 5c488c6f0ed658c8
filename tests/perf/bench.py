"""SalesTUI benchmark (a script, not a test): medians of each measure beside a floor measured in the same run.

python tests/perf/bench.py [--customers N] [--interactions M] [--json FILE] [--db PATH] [--runs R]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import bench_capture  # beside this script
import bench_deals
import bench_keystrokes
import bench_live
import bench_queue
import frames

PAGE = 100  # rows the list asks for per page


@dataclass
class Metric:
    name: str
    value: float
    unit: str
    floor: float | None
    ratio: float | None
    target: float | None
    meets: bool | None


def metric(
    name: str,
    values: list[float],
    unit: str,
    floors: list[float] | None,
    target: Callable | float | None,
    max_ratio: float | None = None,
    digits: int = 2,
) -> Metric | None:
    """The median of `values` beside the median floor; `target` may be a function of the floor."""
    if not values:
        print(f"  {name}: no samples (the list is too short to move in)")
        return None
    value = statistics.median(values)
    floor = statistics.median(floors) if floors else None
    ratio = value / floor if floor else None
    bound = (target(floor) if floor is not None else None) if callable(target) else target
    meets = None if bound is None else value <= bound and (max_ratio is None or (ratio or 0) <= max_ratio)

    def rounded(number: float | None) -> float | None:
        return None if number is None else round(number, digits)

    return Metric(name, rounded(value), unit, rounded(floor), rounded(ratio), rounded(bound), meets)


def ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


# The database ---------------------------------------------------------------------------------------------------


def customer_count(path: Path) -> int | None:
    if not path.exists():
        return None
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT COUNT(*) FROM customer").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()


def main_login(path: Path) -> str:
    """The rep who owns the most customers: the busiest list to open."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT r.login FROM customer c JOIN rep r ON r.id = c.owner_id GROUP BY r.login "
            "ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    return row[0] if row else "bench"


def prepare(path: Path, customers: int, interactions: int) -> float | None:
    """Build the demo database unless `path` already holds that many customers; returns the build seconds."""
    found = customer_count(path)
    if found == customers:
        return None
    if path.exists():
        sys.exit(f"{path} exists with {found} customers, not {customers}: pass another --db or remove it")
    from salestui.demo import generator as demo
    from salestui.services.session import close, open_context

    start = time.perf_counter()
    context = open_context(path, "bench")
    step = max(customers // 10, 1000)

    def progress(done: int, total: int) -> None:
        if done % step < 1000 or done == total:
            print(f"  generated {done:,}/{total:,} customers ({time.perf_counter() - start:.0f} s)", flush=True)

    demo.generate(context, customers=customers, interactions=interactions, seed=1, progress=progress)
    close()
    return time.perf_counter() - start


# Service calls beside the raw SQL they run ---------------------------------------------------------------------


def pick_queries(path: Path) -> dict[str, str]:
    """A common surname character, a common two-character name and a common 3-letter pinyin start."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [row[0] for row in connection.execute("SELECT name FROM customer WHERE kind = 'person'")]
        keys = [row[0] for row in connection.execute("SELECT sort_key FROM customer")]
    finally:
        connection.close()
    hanzi = [name for name in names if name and "\u4e00" <= name[0] <= "\u9fff"] or names or ["a"]
    first = Counter(name[0] for name in hanzi).most_common(1)[0][0]
    pairs = Counter(name for name in hanzi if len(name) == 2) or Counter(name[:2] for name in hanzi)
    three = Counter(key[:3] for key in keys if len(key) >= 3 and key[:3].isalpha()) or Counter({"abc": 1})
    return {"1char": first, "2char": pairs.most_common(1)[0][0], "3char": three.most_common(1)[0][0]}


def raw_connection(path: Path) -> sqlite3.Connection:
    from salestui.db.database import PRAGMAS

    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA cache_size = {PRAGMAS['cache_size']}")
    return connection


def bench_search(path: Path, queries: dict[str, str], samples: int) -> list[Metric]:
    """What the list does for a new query (probes, the first page by rank, the total when the probes saw every
    match) vs the same SQL on a plain connection.

    When there are many matches the list shows the first page at once and counts in the background; that count
    is reported beside, with no target.
    """
    from salestui.services import customers, search_keys

    raw = raw_connection(path)
    results = []
    for label, query in queries.items():
        text = search_keys.normalize_query(query)
        service, floor, counts = [], [], []
        for _round in range(samples + 1):  # the first round warms the cache and is dropped
            start = time.perf_counter()
            page = customers.search(query, PAGE)
            service.append(ms(start))
            start = time.perf_counter()
            bench_keystrokes.raw_first_page(raw, text, PAGE)
            floor.append(ms(start))
            if page.total is None:
                start = time.perf_counter()
                customers.count(query)
                counts.append(ms(start))
        total = page.total if page.total is not None else f"{customers.count(query):,} (counted in the background)"
        print(f"  search {label}: {query!r} matches {total}")
        results.append(metric(f"search_{label}", service[1:], "ms", floor[1:], 20.0, max_ratio=2.0))
        if counts[1:]:
            results.append(metric(f"search_{label}_background_count", counts[1:], "ms", None, None))
    raw.close()
    return results + bench_keystrokes.typing_metrics(metric)


def bench_timeline(path: Path, samples: int) -> Metric:
    from salestui.db.queries import INTERACTION_ROW
    from salestui.services import customers, timeline

    raw = raw_connection(path)
    row = raw.execute(
        "SELECT customer_id, COUNT(*) FROM interaction GROUP BY customer_id ORDER BY 2 DESC LIMIT 1"
    ).fetchone()
    customer_id, many = row if row else (None, 0)
    service, floor = [], []
    if customer_id is None:
        return metric("timeline_open", [0.0], "ms", None, 20.0)
    print(f"  timeline: customer {customer_id[:8]} has {many:,} interactions")
    sql = INTERACTION_ROW.sql + " WHERE i.customer_id = ? ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?"
    for _round in range(samples + 1):
        start = time.perf_counter()
        timeline.page(customer_id, None, 50)
        customers.detail(customer_id)
        service.append(ms(start))
        start = time.perf_counter()
        raw.execute(sql, (customer_id, 50)).fetchall()
        floor.append(ms(start))
    raw.close()
    return metric("timeline_open", service[1:], "ms", floor[1:], 20.0)


def bench_frames(context, runs: int, presses: int, held: int) -> list[Metric]:
    def sessions(context) -> list[dict[str, list[float]]]:
        """`runs` startups; the keys are pressed in the first session only."""
        found = []
        for run in range(runs):
            # Untimed: each start-up begins on a collected heap, as a fresh process does, rather than paying for a
            # full collection of the previous sessions' garbage (25-50 ms, every third start-up or so).
            gc.collect()
            found.append(
                asyncio.run(frames.session(frames.Target(context), presses if run == 0 else 0, held if run == 0 else 0))
            )
        return found

    app_runs, bare_runs = sessions(context), sessions(None)

    def pooled(runs_found: list[dict[str, list[float]]], key: str) -> list[float]:
        return [value for found in runs_found for value in found[key]]

    return [
        metric(
            "startup_first_frame",
            pooled(app_runs, "startup"),
            "ms",
            pooled(bare_runs, "startup"),
            lambda floor: 2 * floor + 100,
        ),
        metric("key_down_frame", pooled(app_runs, "down"), "ms", pooled(bare_runs, "down"), 16.0),
        metric("key_down_held_frame", pooled(app_runs, "held"), "ms", pooled(bare_runs, "held"), 16.0),
        metric("page_down_frame", pooled(app_runs, "pagedown"), "ms", pooled(bare_runs, "pagedown"), 16.0),
    ]


def bench_verify(path: Path) -> list[Metric]:
    """The whole verify (integrity, schema, chain with every signature, rows, search indexes) as events per second,
    and the peak memory of a `salestui verify` process, which must stay flat at any size."""
    from salestui.db.database import open_database
    from salestui.services.session import close
    from salestui.services.verify import verify

    open_database(path, read_only=True)
    start = time.perf_counter()
    report = verify(path)
    close()
    seconds = time.perf_counter() - start
    print(
        f"  verify: {report.events_checked:,} events, {report.signatures_checked:,} signatures, "
        f"{report.rows_checked:,} rows in {seconds:.1f} s; ok={report.ok}"
    )
    command = [
        sys.executable,
        "-c",
        "import resource, sys; from salestui.cli import main; code = main(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024); sys.exit(code)",
        "verify",
        "--db",
        str(path),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    rss = float(done.stdout.strip().splitlines()[-1])
    # At least 100k events/s: at most 1 s per 100k events.
    per_100k = seconds * 1000 * 100_000 / max(report.events_checked, 1)
    return [
        metric("verify_ms_per_100k_events", [per_100k], "ms", None, 1000.0, digits=0),
        metric("verify_process_peak_rss", [rss], "MB", None, None, digits=1),
    ]


def bench_signed_write(context, samples: int) -> list[Metric]:
    """One interaction logged through the service, with its signed commit beside the same write unsigned."""
    from salestui.services import timeline

    customer_id = context_customer(context)
    signed, unsigned = [], []
    sign = type(context)._sign
    for number in range(samples + 1):
        start = time.perf_counter()
        timeline.append(context, customer_id, {"kind": "note", "summary": f"bench note {number}"})
        signed.append(ms(start))
    type(context)._sign = lambda self, writer, cosigners: None  # the floor: the same write without its commit
    try:
        for number in range(samples + 1):
            start = time.perf_counter()
            timeline.append(context, customer_id, {"kind": "note", "summary": f"unsigned bench note {number}"})
            unsigned.append(ms(start))
    finally:
        type(context)._sign = sign
    return [metric("write_signed", signed[1:], "ms", unsigned[1:], lambda floor: floor + 1.0)]


def context_customer(context) -> str:
    from salestui.db.connection import database

    return database.execute_sql("SELECT id FROM customer ORDER BY rowid LIMIT 1").fetchone()[0]


def bench_cli(path: Path, login: str, runs: int) -> list[Metric]:
    """Whole `salestui` processes as a shell loop or cron job runs them, beside `python -c pass`."""

    def wall(command: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return ms(start)

    import compileall

    import salestui

    # As installed: pip writes the bytecode, which a checkout run with PYTHONDONTWRITEBYTECODE would lack.
    compileall.compile_dir(Path(salestui.__file__).parent, quiet=1)

    floor = [wall([sys.executable, "-c", "pass"]) for _run in range(runs)]
    cli = [sys.executable, "-m", "salestui", "--db", str(path), "--user", login]
    customer_id = (
        sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        .execute("SELECT id FROM customer ORDER BY rowid LIMIT 1")
        .fetchone()[0]
    )
    commands = {
        "cli_customers_search": [*cli, "customers", "--search", "张伟", "--limit", "20"],
        "cli_verify_head": [*cli, "verify", "--head"],
        "cli_log": [*cli, "log", customer_id, "--kind", "note", "--summary", "bench"],
        "cli_today_json": [*cli, "today", "--json"],  # the rep bench_queue gave 5,000 open follow-ups
    }
    for command in commands.values():  # untimed: the first run checks the file and stamps it, as any first use
        wall(command)
    return [
        metric(label, [wall(command) for _run in range(runs)], "ms", floor, lambda base: base + 100.0)
        for label, command in commands.items()
    ]


def bench_filter(context, runs: int) -> Metric:
    """`/张伟⏎` in the app: from `/` until a frame shows the matches (or says there are none)."""
    found = asyncio.run(frames.filter_session(context, "张伟", max(runs, 5)))
    return metric("tui_filter", found, "ms", None, 45.0)


def peak_rss_mb(path: Path | None) -> float:
    """Peak resident set of a fresh process that opens the app, paints the first frame and scrolls ten pages."""
    command = [sys.executable, __file__, "--rss-child", str(path) if path else ""]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return float(output.strip().splitlines()[-1])


# Main ---------------------------------------------------------------------------------------------------------


def print_table(rows: list[Metric]) -> None:
    header = ("name", "value", "unit", "floor", "ratio", "target", "meets")
    cells = [header] + [
        tuple(
            "-" if v is None else ("yes" if v is True else "NO" if v is False else str(v)) for v in asdict(row).values()
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    for number, line in enumerate(cells):
        print(
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=True))
            )
        )
        if number == 0:
            print("  ".join("-" * width for width in widths))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark SalesTUI against floors measured in the same run.")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--json", type=Path, help="write the metrics to this file as a JSON list")
    parser.add_argument("--db", type=Path, help="database to build or reuse (default: a temporary file)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measure; the median is reported")
    parser.add_argument("--rss-child", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.rss_child is not None:
        path = Path(args.rss_child) if args.rss_child else None
        asyncio.run(frames.rss_child_session(path, main_login(path) if path else None))
        print(frames.peak_rss_self_mb())
        return 0
    if args.customers < 1 or args.interactions < 0 or args.runs < 1:
        sys.exit("--customers and --runs must be at least 1, --interactions at least 0")
    workdir = tempfile.TemporaryDirectory(prefix="salestui-bench-")
    path = (args.db or Path(workdir.name) / "bench.db").expanduser().resolve()
    # The demo reps' signing keys live beside the database, so a reused --db can still be written to.
    os.environ["SALESTUI_KEYS"] = str(path.with_name(path.name + ".keys"))
    print(f"database {path}: {args.customers:,} customers, {args.interactions:,} interactions")
    built = prepare(path, args.customers, args.interactions)
    print(f"  built in {built:.1f} s" if built is not None else "  reused", flush=True)

    from salestui.db.database import check_integrity
    from salestui.services.session import close, open_context

    login, openings, checks = main_login(path), [], []
    for _run in range(args.runs):
        start = time.perf_counter()
        context = open_context(path, login, check_in_background=True)  # as the TUI opens it
        openings.append(ms(start))
        context.wait_for_integrity()  # untimed: the TUI paints meanwhile; here it must not overlap the next measures
    for _run in range(min(args.runs, 3)):
        start = time.perf_counter()
        check_integrity(path)
        checks.append(ms(start))
    rows = [
        metric("open_database", openings, "ms", None, None),
        metric("quick_check_sync", checks, "ms", None, None, digits=0),
    ]  # informational: off the TUI's path
    rows += bench_search(path, pick_queries(path), samples=max(10 * args.runs, 20))
    rows.append(bench_timeline(path, samples=max(10 * args.runs, 20)))
    rows += bench_signed_write(context, samples=max(10 * args.runs, 20))
    rows += bench_deals.bench_deals(context, path, max(10 * args.runs, 20), metric)
    rows += bench_queue.bench_queue(context, path, max(5 * args.runs, 10), metric)
    rows += bench_capture.bench_capture(context, max(2 * args.runs, 5), metric)
    rows += bench_frames(context, args.runs, presses=max(args.runs, 10), held=60)
    gc.collect()
    rows.append(bench_filter(context, args.runs))
    rows += bench_live.bench_live(context, path, login, args.runs, metric)
    rows.append(
        metric(
            "peak_rss",
            [peak_rss_mb(path) for _run in range(min(args.runs, 3))],
            "MB",
            [peak_rss_mb(None) for _run in range(min(args.runs, 3))],
            85.0,
            digits=1,
        )
    )
    if built is not None:
        rows.append(metric("demo_generation", [built], "s", None, None, digits=1))
    close()
    rows += bench_cli(path, login, args.runs)
    rows += bench_verify(path)
    rows = [row for row in rows if row is not None]
    print()
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps([asdict(row) for row in rows], indent=2) + "\n", encoding="utf-8")
    workdir.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
