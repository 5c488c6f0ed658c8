"""Search latency per keystroke (a script, not a test): each prefix of a typed query, as the list asks for it.

python tests/perf/bench_keystrokes.py --db PATH [--words zhang,张伟,138,kehu05,acme] [--rounds R] [--json FILE]

For each prefix ("z", "zh", … "zhang") it times `customers.search(prefix, 100)`, the first page the list shows
(with the total when the plan saw every match), and the background count the list runs when it did not. The
database must exist (tests/perf/bench.py builds one) and is opened read-only at the current schema.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAGE = 100
WORDS = ("zhang", "张伟", "138", "kehu05", "acme")


class RawDatabase:
    """`execute_sql` over a plain sqlite3 connection, so db/search.py's plan runs outside the app's database."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def execute_sql(self, sql: str, params: Any = ()) -> Any:
        return self.connection.execute(sql, params)


def raw_first_page(connection: Any, text: str, limit: int = PAGE) -> list[tuple[Any, ...]]:
    """The SQL the list's first page runs for a normalized query (probes, each rank's rows until the page is
    full, whom the contains rows matched through), on a plain connection: the floor beside the service."""
    from salestui.db import search
    from salestui.db.queries import CUSTOMER_ROW
    from salestui.db.search_rank import CONTAINS
    from salestui.services.customer_search import LIVE, RECENT_FIRST

    raw = RawDatabase(connection)
    plan = search.plan(raw, text)
    rows: list[tuple[Any, ...]] = []
    for rank, tier in enumerate(plan.tiers):
        if len(rows) >= limit:
            break
        tier = search.settled(raw, tier) if tier.probes else tier
        tail = f"WHERE {tier.where} AND {LIVE} ORDER BY {RECENT_FIRST} LIMIT ?"
        rows += [
            (rank, *row) for row in connection.execute(f"{CUSTOMER_ROW.sql} {tail}", (*tier.params, limit - len(rows)))
        ]
    contained = [row[1] for row in rows if row[0] == CONTAINS]
    if contained:
        connection.execute(*search.via_sql(text, contained)).fetchall()
    return rows


def typing_metrics(metric: Callable[..., Any], words: tuple[str, ...] = WORDS, rounds: int = 10) -> list[Any]:
    """For bench.py: per word, the slowest keystroke's median first page (target 20 ms) over its prefixes."""
    found = keystrokes(list(words), rounds)
    results = []
    for word in words:
        typed = [row for row in found if word.startswith(str(row["typed"]))]
        slowest = max(typed, key=lambda row: float(row["first_page_ms"]))
        print(f"  typing {word!r}: " + ", ".join(f"{row['typed']} {row['first_page_ms']} ms" for row in typed))
        results.append(metric(f"search_typing_{word}", [slowest["first_page_ms"]], "ms", None, 20.0))
    return results


def keystrokes(words: list[str], rounds: int) -> list[dict[str, object]]:
    from salestui.services import customers

    results: list[dict[str, object]] = []
    for word in words:
        for length in range(1, len(word) + 1):
            typed = word[:length]
            page_ms, count_ms = [], []
            page = customers.search(typed, PAGE)  # warms the cache; not counted
            for _round in range(rounds):
                start = time.perf_counter()
                page = customers.search(typed, PAGE)
                page_ms.append((time.perf_counter() - start) * 1000)
                if page.total is None:
                    start = time.perf_counter()
                    customers.count(typed)
                    count_ms.append((time.perf_counter() - start) * 1000)
            total = page.total if page.total is not None else customers.count(typed)
            results.append(
                {
                    "typed": typed,
                    "first_page_ms": round(statistics.median(page_ms), 2),
                    "first_page_max_ms": round(max(page_ms), 2),
                    "matches": total,
                    "counted_in_background_ms": round(statistics.median(count_ms), 2) if count_ms else None,
                    "first": [row.name for row in page.rows[:3]],
                }
            )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--words", default=",".join(WORDS))
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from salestui.db.database import open_database
    from salestui.services.session import close

    open_database(args.db, read_only=True, deep_check=False)
    try:
        results = keystrokes(args.words.split(","), args.rounds)
    finally:
        close()
    print(f"{'typed':<10} {'first page':>11} {'max':>8} {'matches':>9} {'count (bg)':>11}  first rows")
    for row in results:
        counted = "" if row["counted_in_background_ms"] is None else f"{row['counted_in_background_ms']} ms"
        first = ", ".join(str(name) for name in row["first"])
        print(
            f"{row['typed']!s:<10} {row['first_page_ms']:>8} ms {row['first_page_max_ms']:>5} ms "
            f"{row['matches']!s:>9} {counted:>11}  {first}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
